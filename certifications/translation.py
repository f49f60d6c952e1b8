"""The catalogue's texts in the visitor's language: the admin's translation when there is one, else the English.

Catalogue prose (a certification's summary, a step's why) is written by admins,
so it is translated in the admin, not in the .po files: each translated field
has a twin named `<field>_<language>` (summary_es). `localized` is the one place
that picks between them; `with_note` shows English that stands in for a missing
translation with a short note saying so.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

ENGLISH = "en"
# The languages catalogue texts have fields for (`<field>_es`); every other language reads the English.
CATALOGUE_LANGUAGES = ("es",)

FALLBACK_NOTE = _("(in English: no translation yet)")


def active_language() -> str:
    """The language of the page being made, without its region: "es" for "es-mx", "en" when none is active."""
    return (translation.get_language() or ENGLISH).split("-")[0].lower()


def localized(obj: Any, field: str, language: str | None = None) -> tuple[str, bool]:
    """The text of `obj.<field>` in the language (the active one by default), and whether it is the English
    standing in for a missing translation.

    English pages, and languages the catalogue has no fields for, read the English field as it is.
    """
    english = getattr(obj, field) or ""
    language = language or active_language()
    if language not in CATALOGUE_LANGUAGES:
        return english, False
    translated = (getattr(obj, f"{field}_{language}", "") or "").strip()
    if translated:
        return translated, False
    return english, bool(english.strip())


def with_note(text: str, fell_back: bool, *, all_english: bool = True) -> SafeString:
    """`text` escaped; when it stands in for a translation, marked as English and followed by the note.

    `all_english`: the whole text is English (a catalogue field); a sentence that is translated but names
    an English catalogue text only gets the note.
    """
    if not fell_back:
        return conditional_escape(text)
    if all_english:
        return format_html(
            '<span lang="en">{}</span> <span class="translation-note small text-body-secondary">{}</span>',
            text,
            FALLBACK_NOTE,
        )
    return format_html('{} <span class="translation-note small text-body-secondary">{}</span>', text, FALLBACK_NOTE)
