"""The planner's words in the visitor's language.

The planner (roadmap/planner/) cannot import Django, so it returns its
explanations as messages: English text with the msgid and parameters behind
it (roadmap/planner/messages.py). Here they are said in the active language:
the msgid through gettext, each parameter in turn (dates and numbers as the
language writes them, catalogue texts in the admin's translation).
`explain` is what pages and e-mails use; templates use the `explain` filter
(roadmap/templatetags/planner_i18n.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from certifications.formatting import amount, day
from certifications.translation import ENGLISH, active_language, with_note
from roadmap import planner
from roadmap.models import RoadmapStep
from roadmap.snapshot import load_snapshot


@dataclass(frozen=True)
class DjangoLanguage:
    """A planner.Language backed by Django's gettext and formats, for the active language."""

    code: str

    def gettext(self, msgid: str) -> str:
        return gettext(msgid)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return ngettext(singular, plural, count)

    def date(self, value: date) -> str:
        return day(value)  # as the pages write dates

    def number(self, value: int | Decimal) -> str:
        return str(formats.localize(value))

    def money(self, value: Decimal) -> str:
        return amount(value)  # as the pages write amounts


def translate(value: object) -> tuple[str, bool]:
    """What the planner said, in the active language, and whether part of it is English standing in
    for a missing catalogue translation.

    Plain text (what a saved roadmap copied when it was saved) cannot be translated: off English it
    counts as English standing in.
    """
    code = active_language()
    if isinstance(value, planner.Text):
        if code == ENGLISH:
            return str(value), False
        return value.render(DjangoLanguage(code))
    text = "" if value is None else str(value)
    return text, code != ENGLISH and bool(text.strip())


def translate_message(value: object) -> str:
    """What the planner said, in the active language, as plain text (e-mails, messages)."""
    return translate(value)[0]


def explain(value: object) -> SafeString:
    """What the planner said, in the active language, escaped for HTML, with a note when part of it stays English."""
    text, fell_back = translate(value)
    return with_note(text, fell_back, all_english=not isinstance(value, (planner.Message, planner.Join)))


def saved_step_texts(steps: Sequence[RoadmapStep], code: str) -> dict[str, tuple[str, str]]:
    """Off English, the title and why of each saved step made from a catalogue step template (its exam and
    upkeep steps) in the page's language, when the template still exists and is translated.

    A saved roadmap keeps its steps' words in English as planned; the other steps show them with a note.
    `code`: the roadmap's certification (another certification's exam steps are its prerequisites, titled
    with their code). Off English, one query (the catalogue version; the catalogue itself when it changed).
    """
    language = active_language()
    if language == ENGLISH or not steps:
        return {}
    catalogue = load_snapshot()
    texts: dict[str, tuple[str, str]] = {}
    for step in steps:
        kind, _, rest = step.key.partition(":")
        owner, _, order = rest.rpartition(":")
        if kind not in ("exam", "maintenance") or not catalogue.has(owner):
            continue
        template = next((t for t in catalogue.certification(owner).steps if str(t.order) == order), None)
        if template is None:
            continue
        title: str = step.title
        if _translated(template.title, language):
            prerequisite = kind == "exam" and owner != code
            title = planner.N_("{code}: {title}", code=owner, title=template.title) if prerequisite else template.title
        why = template.description if _translated(template.description, language) else step.why
        texts[step.key] = (title, why)
    return texts


def _translated(text: str, language: str) -> bool:
    return isinstance(text, planner.Localized) and language in dict(text.translations)
