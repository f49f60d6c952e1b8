"""What today's catalogue says differently from a saved roadmap, in plain words.

A saved roadmap keeps its own copy of every step's text and figures (see
roadmap.models): an admin's later edit to the catalogue never changes it. This
compares that copy with the plan today's catalogue gives the same person, so
the roadmap page can list what changed ("CEUs per cycle (AAPC): 36 when you
saved, 40 now") and offer a re-plan. It reads and changes nothing.

What is compared, and why the rest is not:

- Catalogue facts the roadmap copied: the apprentice designation on passing,
  the route chosen for each purpose, each body's CEU rule, and per step (matched
  by key) its title, wording, whether it is required, its effort range, its
  length in months and its cost. Steps the catalogue's plan adds or drops.
- Not dates (they follow from today and the person's pace, not the catalogue),
  nor totals (they only add up the steps, which are listed one by one), nor the
  explanations behind figures (effort sources, route reasons, the CEU rule's
  wording): the figures themselves are compared.
- Not what comes from the person's progress. A done step is left out entirely:
  it is done, and a re-plan keeps a done step's own copy, so listing its
  differences would keep the list from ever emptying. A skipped step only
  shows a change to whether it is required: skipping a recommended step that
  is now required matters; its new wording, effort or cost does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import date
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from certifications.choices import CeuCategory
from certifications.formatting import UNKNOWN, money, number
from certifications.models import CatalogueVersion
from roadmap import planner
from roadmap.models import Roadmap, RoadmapStep
from roadmap.planner.wording import cycle_words

# The comparison reads the plan as save_roadmap would copy it, so the two sides always have the same shape.
from roadmap.plans.services import plan_fields, step_fields
from roadmap.snapshot import load_snapshot
from roadmap.templatetags.roadmap_extras import hours_range
from roadmap.translation import translate_message

Status = RoadmapStep.Status

# A text this short is shown whole; a longer one by the words around what changed.
SHORT_TEXT = 120
# Words of unchanged text kept either side of a change.
CONTEXT_WORDS = 4
# An excerpt longer than this is no help: the text was rewritten, and the list just says so.
LONGEST_EXCERPT = 200

# Every word here is said in the language of the page that lists the changes (the functions run per request).
_ROUTE_PURPOSES = {
    planner.PURPOSE_ELIGIBILITY: gettext_lazy("Route to eligibility for %(code)s"),
    planner.PURPOSE_RECOMMENDED: gettext_lazy("Recommended preparation for %(code)s"),
    planner.PURPOSE_APPRENTICE_REMOVAL: gettext_lazy("Route to remove the apprentice designation of %(code)s"),
}


def _none() -> str:
    return pgettext("a catalogue fact that has no value", "none")


def _not_known() -> str:
    return _("not known")


@dataclass(frozen=True)
class Difference:
    """One catalogue fact that differs: what it is, as the roadmap saved it, and as the catalogue has it now."""

    what: str
    saved: str
    now: str


def differences(roadmap: Roadmap, steps: Sequence[RoadmapStep], plan: planner.Plan) -> list[Difference]:
    """Where `roadmap` and its `steps` differ from `plan`, made from today's catalogue. No queries.

    `plan` must be made from the profile the roadmap was planned from (the same
    hours, experience and credentials held), or the profile's changes show up
    as catalogue changes. Roadmap-wide facts come first, then the saved steps in
    their order, then the steps the catalogue's plan adds.
    """
    now = plan_fields(plan)
    changed_ceus, ceu_differences = _ceu_differences(roadmap.ceus, now["ceus"])
    found = []
    if roadmap.apprentice != now["apprentice"]:
        found.append(
            Difference(
                _("Apprentice designation on passing"), roadmap.apprentice or _none(), now["apprentice"] or _none()
            )
        )
    found += _route_differences(roadmap.routes, now["routes"])
    found += ceu_differences
    # A body's CEU step restates its CEU rule (planner/maintenance.py names it "ceu:<body>"): when the rule
    # changed, the step's new title, wording and cycle length, or its coming or going, would only repeat it.
    restated = {f"ceu:{body}" for body in changed_ceus}
    found += _step_differences(steps, plan, restated)
    return found


# ------------------------------------------------------------- roadmap-wide


def _route_names(routes: Iterable[Any]) -> dict[str, str]:
    """The chosen route's name for each purpose, labelled in words, e.g. 'Route to eligibility for CPC'."""
    names: dict[str, list[str]] = {}
    for route in routes:
        if not isinstance(route, dict) or route.get("purpose") not in _ROUTE_PURPOSES:
            continue
        label = _ROUTE_PURPOSES[route["purpose"]] % {"code": route.get("certification", "")}
        names.setdefault(label, []).append(str(route.get("name", "")))
    return {label: "; ".join(chosen) for label, chosen in names.items()}


def _route_differences(saved: Iterable[Any], now: Iterable[Any]) -> list[Difference]:
    before, after = _route_names(saved), _route_names(now)
    labels = [*before, *(label for label in after if label not in before)]
    return [
        Difference(label, before.get(label, _none()), after.get(label, _none()))
        for label in labels
        if before.get(label) != after.get(label)
    ]


def _every(months: int) -> str:
    return _("every %(cycle)s") % {"cycle": translate_message(cycle_words(months))}


def _ceu_rule(summary: dict[str, Any]) -> str:
    return _("%(ceus)s every %(cycle)s") % {
        "ceus": number(summary["ceus"]),
        "cycle": translate_message(cycle_words(summary["cycle_months"])),
    }


def _minimums(summary: dict[str, Any]) -> str:
    rules = [
        _("%(ceus)s %(category)s CEUs for %(code)s") % {"ceus": ceus, "category": _category(category), "code": code}
        for category, ceus, code in summary.get("minimums", [])
    ]
    return "; ".join(rules) or _none()


def _category(value: str) -> str:
    """A CEU category as the minimums say it ("auditing"); a category no longer known as it was saved."""
    return str(CeuCategory(value).label).lower() if value in CeuCategory.values else value


def _ceu_differences(saved: Iterable[Any], now: Iterable[Any]) -> tuple[set[str], list[Difference]]:
    """Differences in each body's CEU rule, and the bodies they concern."""
    before = {summary["body"]: summary for summary in saved if isinstance(summary, dict) and "body" in summary}
    after = {summary["body"]: summary for summary in now}
    found: list[Difference] = []
    changed: set[str] = set()
    for body in [*before, *(body for body in after if body not in before)]:
        old, new = before.get(body), after.get(body)
        if old is None or new is None:
            found.append(
                Difference(
                    _("CEUs (%(body)s)") % {"body": body},
                    _ceu_rule(old) if old else _none(),
                    _ceu_rule(new) if new else _none(),
                )
            )
            changed.add(body)
            continue
        pairs = [
            (_("CEUs per cycle (%(body)s)") % {"body": body}, number(old["ceus"]), number(new["ceus"])),
            (
                _("CEU cycle (%(body)s)") % {"body": body},
                _every(old["cycle_months"]),
                _every(new["cycle_months"]),
            ),
            (
                _("Credentials the %(body)s CEUs count for") % {"body": body},
                ", ".join(old.get("credentials", [])) or _none(),
                ", ".join(new.get("credentials", [])) or _none(),
            ),
            (_("Minimum CEUs by category (%(body)s)") % {"body": body}, _minimums(old), _minimums(new)),
        ]
        for what, saved_text, now_text in pairs:
            if saved_text != now_text:
                found.append(Difference(what, saved_text, now_text))
                changed.add(body)
    return changed, found


# -------------------------------------------------------------------- steps


def _quoted(title: str) -> str:
    return f"\N{LEFT SINGLE QUOTATION MARK}{title}\N{RIGHT SINGLE QUOTATION MARK}"


def _words(text: str) -> str:
    """The text with its spacing tidied: a changed line break is not a change of wording."""
    return " ".join(text.split())


def _same(saved: Decimal | int | None, now: Decimal | int | None) -> bool:
    """Figures compared as numbers: the database keeps 37.5 as 37.5 or 37.50 alike."""
    if saved is None or now is None:
        return saved is None and now is None
    return Decimal(saved) == Decimal(now)


def _hours(low: Decimal | None, high: Decimal | None) -> str:
    """'112.5 to 180 hours', '80 hours', as the roadmap page says them."""
    return hours_range(low, high, None) or _not_known()


def _months(months: int | None) -> str:
    if months is None:
        return _not_known()
    return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}


def _cost(cost: Decimal | None) -> str:
    if cost is None:
        return str(UNKNOWN)
    if Decimal(cost) == 0:
        return _("no cost of its own")
    return money(Decimal(cost))


def _required(required: bool) -> str:
    return _("required") if required else _("recommended, not required")


def _excerpt(words: list[str], start: int, end: int) -> str:
    """Words start to end with a few either side; '…' where the text goes on."""
    first, last = max(0, start - CONTEXT_WORDS), min(len(words), end + CONTEXT_WORDS)
    return ("…" if first > 0 else "") + " ".join(words[first:last]) + ("…" if last < len(words) else "")


def _wording(saved: str, now: str) -> tuple[str, str]:
    """Short texts whole; longer ones as the words around what changed; a rewrite as just 'changed'."""
    if len(saved) <= SHORT_TEXT and len(now) <= SHORT_TEXT:
        return saved or _none(), now or _none()
    old, new = saved.split(), now.split()
    changes = [op for op in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes() if op[0] != "equal"]
    first, last = changes[0], changes[-1]
    before, after = _excerpt(old, first[1], last[2]), _excerpt(new, first[3], last[4])
    if len(before) > LONGEST_EXCERPT or len(after) > LONGEST_EXCERPT:
        return _("as you saved it"), _("changed")
    return before, after


def _step_differences(steps: Sequence[RoadmapStep], plan: planner.Plan, restated: set[str]) -> list[Difference]:
    planned = {step.key: step for step in plan.steps}
    found: list[Difference] = []
    for step in sorted(steps, key=lambda step: step.position):
        if step.status == Status.DONE:
            continue
        if step.key not in planned:
            if step.status != Status.SKIPPED and step.key not in restated:
                found.append(
                    Difference(
                        _("Step %(step)s") % {"step": _quoted(step.title)},
                        _("in your plan"),
                        _("no longer in the catalogue's plan"),
                    )
                )
            continue
        found += _changes(step, step_fields(planned[step.key]), restated=step.key in restated)
    saved_keys = {step.key for step in steps}
    found += [
        Difference(_("Step %(step)s") % {"step": _quoted(step.title)}, _("not in your plan"), _("added"))
        for step in plan.steps
        if step.key not in saved_keys and step.key not in restated
    ]
    return found


def _changes(step: RoadmapStep, now: dict[str, Any], *, restated: bool) -> list[Difference]:
    """How one saved step differs from the same step (by key) in today's plan."""
    name = {"step": _quoted(step.title)}
    found: list[Difference] = []
    skipped = step.status == Status.SKIPPED
    if not skipped and not restated and _words(step.title) != _words(now["title"]):
        found.append(Difference(_("Title of %(step)s") % name, step.title, now["title"]))
    if not skipped and not restated and _words(step.why) != _words(now["why"]):
        found.append(Difference(_("Wording of %(step)s") % name, *_wording(step.why, now["why"])))
    if step.required != now["required"]:
        found.append(
            Difference(_("Whether %(step)s is required") % name, _required(step.required), _required(now["required"]))
        )
    if skipped:
        return found
    low, high = now["effort_low_hours"], now["effort_high_hours"]
    if not (_same(step.effort_low_hours, low) and _same(step.effort_high_hours, high)):
        found.append(
            Difference(
                _("Effort of %(step)s") % name, _hours(step.effort_low_hours, step.effort_high_hours), _hours(low, high)
            )
        )
    if not restated and not _same(step.months, now["months"]):
        found.append(Difference(_("Length of %(step)s") % name, _months(step.months), _months(now["months"])))
    if not _same(step.cost, now["cost"]):
        found.append(Difference(_("Cost of %(step)s") % name, _cost(step.cost), _cost(now["cost"])))
    return found


# ------------------------------------------------------------ on the page


def catalogue_changes(roadmap: Roadmap, steps: Sequence[RoadmapStep], *, today: date) -> list[Difference]:
    """What today's catalogue says differently, worked out only when the catalogue changed since the roadmap
    was planned or last checked.

    Queries: the catalogue version (1); when it moved, the snapshot and a plan from the profile the roadmap
    was planned from, and, when nothing that matters to this roadmap changed, 1 update to remember the
    version checked, so the next visit costs 1 query again.
    """
    version = CatalogueVersion.current()
    if version == roadmap.catalogue_version or not roadmap.planned_from:
        return []
    catalogue = load_snapshot()
    if not catalogue.has(roadmap.certification_code):
        return [Difference(roadmap.certification_code, _("in the catalogue"), _("no longer in the catalogue"))]
    person = profile_from_record(roadmap.planned_from)
    found = differences(roadmap, steps, planner.plan(person, catalogue, roadmap.certification_code, today))
    if not found:
        Roadmap.objects.filter(pk=roadmap.pk).update(catalogue_version=version)
    return found


_PROFILE_LABELS = {
    "education": gettext_lazy("Highest education"),
    "qualifications": gettext_lazy("Training completed"),
    "training_contact_hours": gettext_lazy("Contact hours of coding training"),
    "coding_months": gettext_lazy("Months of coding experience"),
    "coding_setting": gettext_lazy("Setting of that experience"),
    "currently_coding": gettext_lazy("Working as a coder now"),
    "role": gettext_lazy("Other role"),
    "role_months": gettext_lazy("Months in that role"),
    "currently_in_role": gettext_lazy("Working in that role now"),
    "licences": gettext_lazy("Licences"),
    "credentials": gettext_lazy("Credentials held"),
    "studied": gettext_lazy("Already studied"),
    "preferred_setting": gettext_lazy("Preferred work setting"),
    "hours_per_week": gettext_lazy("Hours a week for study"),
    "budget": gettext_lazy("Budget"),
    "target_date": gettext_lazy("Target date"),
}


def profile_from_record(record: dict[str, Any]) -> planner.Profile:
    """The planner profile a roadmap was planned from (Roadmap.planned_from, see services.planned_from)."""
    fields = {f.name: f for f in dataclass_fields(planner.Profile)}
    values: dict[str, Any] = {}
    for name, value in record.items():
        if name not in fields:
            continue
        if name == "credentials":
            value = tuple(
                planner.HeldCredential(c["code"], date.fromisoformat(c["earned_on"]) if c.get("earned_on") else None)
                for c in value
            )
        elif name in ("qualifications", "licences", "studied"):
            value = frozenset(value)
        elif name == "budget":
            value = None if value is None else Decimal(value)
        elif name in ("start_date", "target_date"):
            value = None if value is None else date.fromisoformat(value)
        values[name] = value
    return planner.Profile(**values)


def profile_changes(roadmap: Roadmap, now: dict[str, Any], earned: Iterable[str]) -> list[Difference]:
    """What the profile says differently from when the roadmap was planned. No queries.

    `now` is services.planned_from(profile); `earned` the credentials this roadmap's own done exam steps
    added to the wallet: earning them is progress on this plan, not a change to re-plan for.
    """
    if not roadmap.planned_from:  # saved before roadmaps kept their profile
        return []
    ignore = set(earned)
    found = []
    for name, label in _PROFILE_LABELS.items():
        saved, current = roadmap.planned_from.get(name), now.get(name)
        if name == "credentials":
            saved = [c for c in saved or [] if c["code"] not in ignore]
            current = [c for c in current or [] if c["code"] not in ignore]
        if saved != current:
            found.append(Difference(str(label), _profile_value(saved), _profile_value(current)))
    return found


def _profile_value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return _none()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(item["code"]) if isinstance(item, dict) else str(item) for item in value)
    return str(value)
