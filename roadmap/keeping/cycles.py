"""The CEU cycle engine: credentials held and CEUs logged in, per-body cycle status out.

Pure Python beside the planner: no Django, no database, no clock (today is an
argument). For each certifying body whose credentials a person holds it
works out the current reporting cycle, the CEUs it requires (the body's rule
for several credentials, with category minimums inside the total), the CEUs
earned in it, what remains, and a status.

Rules (certification-facts.md AAPC §2.10, AHIMA §3.7, ACDIS §4, AMBA §5, NHA §6):
- A cycle is `cycle_months` long. Bodies that count from the exam (AHIMA,
  ACDIS, NHA, AMBA) start the first cycle on the day the first of their
  credentials was passed; cycles then follow back to back.
- AAPC collects CEUs on the membership renewal date and pro-rates the first
  cycle. Its exact pro-rating is not published in our sources, so the rule
  below is an assumption whose parameters and wording come from the body's
  CEU policy (editable in the admin) and is shown to the user:
  the first cycle ends on the first membership renewal date at least
  `first_cycle_min_months` after passing; its requirement is the full
  requirement scaled by the months it lasts over a normal cycle, rounded up.
- Only CEUs dated inside the cycle count (no carry-over), and, where the body
  says so, none dated before the credential was earned.
- Total for several credentials = min(cap, highest single + extra x (n - 1));
  a credential another one replaces (RHIT under RHIA) is not counted. Both
  rules are the planner's (roadmap/planner/ceus.py), so plans and cycles agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from roadmap.planner.ceus import counted_credentials, total_ceus
from roadmap.planner.dates import add_months, months_between
from roadmap.planner.messages import N_

ON_TRACK = "on_track"
MET = "met"
BEHIND = "behind"
DUE_SOON = "due_soon"
OVERDUE = "overdue"

# Messages, like the planner's (roadmap/planner/messages.py): pages say them in their language with `explain`.
STATUS_LABELS = {
    MET: N_("Done for this cycle"),
    ON_TRACK: N_("On track"),
    BEHIND: N_("Behind"),
    DUE_SOON: N_("Due within 90 days"),
    OVERDUE: N_("Overdue"),
}

DUE_SOON_DAYS = 90
PACE_SLACK = Decimal("0.25")
# An unmet cycle stays flagged as overdue this long after it ends: AAPC cancels
# credentials whose CEUs are not in within 90 days of the due date (facts §2.10).
OVERDUE_WINDOW_DAYS = 90

CYCLE_FROM_EXAM = "exam_date"
CYCLE_FROM_MEMBERSHIP = "membership_renewal"


@dataclass(frozen=True)
class BodyRule:
    code: str
    name: str
    cycle_months: int
    cycle_start: str = CYCLE_FROM_EXAM
    prorate_first_cycle: bool = False
    first_cycle_min_months: int = 12
    prorate_note: str = ""
    extra_credential_ceus: int | None = None
    max_ceus: int | None = None
    counts_before_certification: bool = False


@dataclass(frozen=True)
class Credential:
    code: str
    body: str
    earned_on: date
    ceus_per_cycle: int | None
    minimums: tuple[tuple[str, int], ...] = ()  # (category, CEUs)
    supersedes: str = ""


@dataclass(frozen=True)
class Activity:
    key: int
    completed_on: date
    ceus: Decimal
    category: str
    credentials: tuple[str, ...]  # codes it counts toward


@dataclass(frozen=True)
class CategoryProgress:
    category: str
    credential: str
    required: int
    earned: Decimal

    @property
    def remaining(self) -> Decimal:
        return max(Decimal(self.required) - self.earned, Decimal(0))


@dataclass(frozen=True)
class Cycle:
    start: date
    end: date  # the last day of the cycle, inclusive

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class BodyStatus:
    body: str
    name: str
    credentials: tuple[str, ...]
    cycle: Cycle
    required: int | None  # None: a credential's requirement is unknown
    earned: Decimal
    categories: tuple[CategoryProgress, ...]
    status: str
    prorated: bool
    assumption: str
    counted: tuple[int, ...]  # activity keys counted in this cycle
    not_counted: tuple[tuple[int, str], ...]  # (activity key, why) for this body's activities
    previous: BodyStatus | None = None  # the last cycle, when it ended unmet and recently

    @property
    def remaining(self) -> Decimal | None:
        if self.required is None:
            return None
        return max(Decimal(self.required) - self.earned, Decimal(0))

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


# ------------------------------------------------------------------ cycles


def cycle_on(rule: BodyRule, credentials: Sequence[Credential], day: date, renewal: date | None) -> tuple[Cycle, bool]:
    """The cycle containing `day`, and whether it is a pro-rated first cycle."""
    first_earned = min(c.earned_on for c in credentials)
    if rule.cycle_start == CYCLE_FROM_MEMBERSHIP and renewal is not None:
        first_end = _first_renewal_after(renewal, first_earned, rule.first_cycle_min_months)
        if day < first_end:
            return Cycle(first_earned, first_end - timedelta(days=1)), rule.prorate_first_cycle
        anchor = first_end
    else:
        anchor = first_earned
    # Every boundary is computed from the anchor, so clamping (29 Feb, 31st) never drifts.
    index = max(months_between(anchor, day) // rule.cycle_months - 1, 0)
    while day >= add_months(anchor, (index + 1) * rule.cycle_months):
        index += 1
    start = add_months(anchor, index * rule.cycle_months)
    following = add_months(anchor, (index + 1) * rule.cycle_months)
    return Cycle(start, following - timedelta(days=1)), False


def _first_renewal_after(renewal: date, earned: date, min_months: int) -> date:
    """The first yearly renewal date (same day and month as `renewal`) at least min_months after earning."""
    floor = add_months(earned, min_months)
    years = floor.year - renewal.year - 1
    candidate = add_months(renewal, 12 * years)
    while candidate < floor:
        years += 1
        candidate = add_months(renewal, 12 * years)
    return candidate


def required_ceus(rule: BodyRule, credentials: Sequence[Credential]) -> int | None:
    singles = [c.ceus_per_cycle for c in credentials]
    if any(value is None for value in singles):
        return None
    known = [value for value in singles if value is not None]
    return total_ceus(known, extra_per_credential=rule.extra_credential_ceus, cap=rule.max_ceus)


def _prorated(full: int, cycle: Cycle, rule: BodyRule) -> int:
    months = months_between(cycle.start, cycle.end + timedelta(days=1))
    return min(full, math.ceil(full * months / rule.cycle_months))


# ------------------------------------------------------------------ status


def body_status(
    rule: BodyRule,
    held: Sequence[Credential],
    activities: Sequence[Activity],
    today: date,
    *,
    renewal: date | None = None,
    with_previous: bool = True,
) -> BodyStatus:
    """Status of one body's current cycle for the credentials held from it."""
    counting = counted_credentials((c.code, c.supersedes) for c in held)
    replaced = counting.replaced
    counted_held = sorted((c for c in held if c.code in counting.codes), key=lambda c: c.code)
    codes = set(counting.codes)
    earned_on = {c.code: c.earned_on for c in held}
    cycle, prorated = cycle_on(rule, counted_held, today, renewal)
    full = required_ceus(rule, counted_held)
    required = _prorated(full, cycle, rule) if prorated and full is not None else full

    counted: list[Activity] = []
    not_counted: list[tuple[int, str]] = []
    for activity in sorted(activities, key=lambda a: (a.completed_on, a.key)):
        toward = [code for code in activity.credentials if code in codes or code in replaced]
        if not toward:
            continue
        if not rule.counts_before_certification and all(activity.completed_on < earned_on[c] for c in toward):
            reason = N_("dated before {credentials} was earned: it does not count", credentials="/".join(toward))
            not_counted.append((activity.key, reason))
        elif activity.completed_on > cycle.end:
            not_counted.append((activity.key, N_("dated after this cycle ends")))
        elif not cycle.contains(activity.completed_on):
            not_counted.append((activity.key, N_("from an earlier cycle: CEUs do not carry over")))
        else:
            counted.append(activity)
    earned = sum((a.ceus for a in counted), Decimal(0))
    categories = tuple(
        CategoryProgress(
            category,
            credential.code,
            ceus,
            sum((a.ceus for a in counted if a.category == category), Decimal(0)),
        )
        for credential in counted_held
        for category, ceus in credential.minimums
    )
    status = _status(required, earned, categories, cycle, today)
    previous = None
    if with_previous:
        previous = _recent_unmet_cycle(rule, held, activities, cycle, renewal, today)
        if previous is not None and status != MET:
            status = OVERDUE
    assumption = rule.prorate_note if prorated else ""
    if rule.cycle_start == CYCLE_FROM_MEMBERSHIP and renewal is None:
        assumption = N_(
            "Add your {body} membership renewal date to see your real cycle: until then we count "
            "{months}-month cycles from the day you passed.",
            body=rule.code,
            months=rule.cycle_months,
        )
    return BodyStatus(
        body=rule.code,
        name=rule.name,
        credentials=tuple(c.code for c in counted_held),
        cycle=cycle,
        required=required,
        earned=earned,
        categories=categories,
        status=status,
        prorated=prorated,
        assumption=assumption,
        counted=tuple(a.key for a in counted),
        not_counted=tuple(not_counted),
        previous=previous,
    )


def _status(
    required: int | None, earned: Decimal, categories: Sequence[CategoryProgress], cycle: Cycle, today: date
) -> str:
    if required is None:
        return ON_TRACK
    if earned >= required and all(c.remaining == 0 for c in categories):
        return MET
    if (cycle.end - today).days <= DUE_SOON_DAYS:
        return DUE_SOON
    # Behind: short of an even pace by more than a quarter of the cycle's requirement
    # (nobody is "behind" two weeks into a two-year cycle).
    length = (cycle.end - cycle.start).days + 1
    elapsed = (today - cycle.start).days + 1
    expected = Decimal(required) * elapsed / length - Decimal(required) * PACE_SLACK
    return BEHIND if earned < expected.quantize(Decimal("0.01")) else ON_TRACK


def _recent_unmet_cycle(
    rule: BodyRule,
    held: Sequence[Credential],
    activities: Sequence[Activity],
    cycle: Cycle,
    renewal: date | None,
    today: date,
) -> BodyStatus | None:
    """The cycle before the current one, if it ended within the overdue window with CEUs missing."""
    last_day = cycle.start - timedelta(days=1)
    first_earned = min(c.earned_on for c in held)
    if last_day < first_earned or (today - last_day).days > OVERDUE_WINDOW_DAYS:
        return None
    before = body_status(rule, held, activities, last_day, renewal=renewal, with_previous=False)
    # With an unknown requirement we cannot say the cycle was missed.
    return before if before.required is not None and before.status != MET else None


def statuses(
    rules: Sequence[BodyRule],
    held: Sequence[Credential],
    activities: Sequence[Activity],
    today: date,
    renewals: dict[str, date] | None = None,
) -> tuple[BodyStatus, ...]:
    """One status per body whose credentials are held, in body order."""
    renewals = renewals or {}
    result = []
    for rule in sorted(rules, key=lambda r: r.code):
        mine = [c for c in held if c.body == rule.code and c.earned_on <= today]
        if mine:
            result.append(body_status(rule, mine, activities, today, renewal=renewals.get(rule.code)))
    return tuple(result)
