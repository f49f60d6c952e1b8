"""Which certification to aim for, best fit first; and how to remove an apprentice designation one holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from .dates import months_between
from .eligibility import Builder
from .inputs import Catalogue, Certification, Profile
from .outputs import Plan, RequirementStatus, RouteChoice, Step
from .plan import plan
from .vocabulary import (
    EXPERIENCED_MONTHS,
    LEVEL_ORDER,
    PURPOSE_APPRENTICE_REMOVAL,
    PURPOSE_ELIGIBILITY,
    STARTING_LEVELS,
)
from .wording import plural


@dataclass(frozen=True)
class Recommendation:
    code: str
    name: str
    rank: int
    setting_match: bool
    eligible_now: bool
    eligibility_known: bool
    reasons: tuple[str, ...]
    missing: tuple[RequirementStatus, ...]
    credential_on: date | None
    months: int | None
    known_cost: Decimal
    unknown_costs: int
    feasible: bool


def recommend(profile: Profile, catalogue: Catalogue, today: date) -> tuple[Recommendation, ...]:
    """Every certification the person does not hold yet, best fit first, with its reasons."""
    held = {c.code for c in profile.credentials}
    held_bodies = {catalogue.certification(code).body for code in held if catalogue.has(code)}
    experienced = profile.coding_months >= EXPERIENCED_MONTHS or bool(held)
    scored = []
    for cert in catalogue.certifications:
        if cert.code in held:
            continue
        result = plan(replace(profile, target_date=None), catalogue, cert.code, today)
        match = not profile.preferred_setting or profile.preferred_setting in cert.settings
        suits_stage = experienced or cert.level in STARTING_LEVELS
        own = _own_eligibility(result, cert.code)
        missing = tuple(r for r in own.requirements if not r.met) if own else ()
        eligible_now = result.feasible and cert.eligibility_known and not missing
        months = months_between(result.start, result.credential_on) if result.credential_on else None
        reasons = _reasons(cert, profile, result, match, suits_stage, eligible_now, missing, months, held_bodies)
        key = (
            not result.feasible,
            not match,
            not suits_stage,
            not cert.eligibility_known,
            not eligible_now,
            cert.body not in held_bodies,
            len(cert.settings) or 99,
            LEVEL_ORDER.index(cert.level) if cert.level in LEVEL_ORDER else len(LEVEL_ORDER),
            result.credential_on is None,
            result.credential_on or date.max,
            result.known_cost,
            cert.code,
        )
        scored.append((key, cert, result, match, eligible_now, missing, months, reasons))
    scored.sort(key=lambda item: item[0])
    return tuple(
        Recommendation(
            code=cert.code,
            name=cert.name,
            rank=rank,
            setting_match=match,
            eligible_now=eligible_now,
            eligibility_known=cert.eligibility_known,
            reasons=reasons,
            missing=missing,
            credential_on=result.credential_on,
            months=months,
            known_cost=result.known_cost,
            unknown_costs=len(result.unknown_costs),
            feasible=result.feasible,
        )
        for rank, (_key, cert, result, match, eligible_now, missing, months, reasons) in enumerate(scored, start=1)
    )


def _reasons(
    cert: Certification,
    profile: Profile,
    result: Plan,
    match: bool,
    suits_stage: bool,
    eligible_now: bool,
    missing: Sequence[RequirementStatus],
    months: int | None,
    held_bodies: set[str],
) -> tuple[str, ...]:
    reasons = []
    if profile.preferred_setting:
        reasons.append("Fits your preferred work setting." if match else "Not aimed at your preferred work setting.")
    if not suits_stage:
        reasons.append(f"A {cert.level} credential, usually taken with some experience.")
    if not result.feasible:
        reasons.append(result.notes[-1] if result.notes else "We cannot plan it for you.")
    elif not cert.eligibility_known:
        reasons.append(f"Eligibility not verified: check with {cert.body}.")
    elif eligible_now:
        own = _own_eligibility(result, cert.code)
        reasons.append(f"Eligible now ({own.name})." if own else "Eligible now: no prerequisite to sit the exam.")
    else:
        reasons.append(
            "Eligible after: " + "; ".join(f"{m.text} — {', '.join(m.steps) or 'time'}" for m in missing) + "."
        )
    if cert.body in held_bodies:
        reasons.append(f"Builds on the {cert.body} credential you hold.")
    if result.feasible:
        when = _duration(result.start, result.credential_on)
        cost = f"${result.known_cost:,.0f} in known costs"
        if result.unknown_costs:
            cost += f" plus {plural(len(result.unknown_costs), 'cost')} to check with the provider"
        reasons.append(f"To the credential: {when}; {cost}.")
    return tuple(reasons)


def _own_eligibility(result: Plan, code: str) -> RouteChoice | None:
    """The route chosen to sit this certification's own exam (not a prerequisite's); None if it has none."""
    return next((r for r in result.routes if r.certification == code and r.purpose == PURPOSE_ELIGIBILITY), None)


def _duration(start: date, end: date | None) -> str:
    if end is None:
        return "a time we cannot estimate yet (a step has no known length)"
    months = months_between(start, end)
    if months >= 1:
        return f"about {plural(months, 'month')}"
    weeks = max(1, round((end - start).days / 7))
    return f"about {plural(weeks, 'week')}"


# ---------------------------------------------------- apprentice designation


@dataclass(frozen=True)
class ApprenticeProgress:
    certification: str
    designation: str
    route: RouteChoice
    removable_on: date | None  # when the fastest route is met; today if it already is
    steps: tuple[Step, ...]  # what remains to do, dated


def apprentice_progress(profile: Profile, catalogue: Catalogue, code: str, today: date) -> ApprenticeProgress | None:
    """How someone holding an apprentice designation gets it removed: what is met, what remains, and when."""
    cert = catalogue.certification(code)
    if not cert.apprentice_designation or not cert.apprentice_removal:
        return None
    builder = Builder(profile, catalogue, today)
    chosen = builder.choose_route(cert, cert.apprentice_removal, PURPOSE_APPRENTICE_REMOVAL, frozenset())
    if chosen is None:
        return None
    trial, choice, keys = chosen
    return ApprenticeProgress(
        certification=code,
        designation=cert.apprentice_designation,
        route=choice,
        removable_on=trial.finish_of(keys),
        steps=tuple(trial.steps),
    )
