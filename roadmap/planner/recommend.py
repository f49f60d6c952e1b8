"""Which certification to aim for, best fit first; and how to remove an apprentice designation one holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from .dates import months_between
from .eligibility import Builder
from .inputs import Catalogue, Certification, Profile, route_named
from .knowledge import is_beginner, suits
from .messages import N_, Join, Text, catalogue_text
from .outputs import Plan, RequirementStatus, RouteChoice, Step
from .planning import plan
from .ranking import RECOMMEND_RULES, deciding_rule
from .vocabulary import (
    LEVEL_WORDS,
    PHASE_MAINTENANCE,
    PURPOSE_APPRENTICE_REMOVAL,
    PURPOSE_ELIGIBILITY,
)
from .wording import cost_text


@dataclass(frozen=True)
class Recommendation:
    code: str
    name: str
    rank: int
    setting_match: bool  # a preferred setting was chosen and this certification fits it
    eligible_now: bool
    eligibility_known: bool
    reasons: tuple[str, ...]  # planner.Text: English words the web layer can translate
    missing: tuple[RequirementStatus, ...]
    credential_on: date | None
    months: int | None
    known_cost: Decimal
    unknown_costs: int
    feasible: bool
    cost_text: Text | str = ""
    ranked_above: Text | str = ""  # why it comes before the next one: "Ranked above CCA: it finishes sooner."
    credential_earliest: date | None = None
    credential_latest: date | None = None


def recommend(profile: Profile, catalogue: Catalogue, today: date) -> tuple[Recommendation, ...]:
    """Every certification the person does not hold yet, best fit first, with its reasons.

    The order follows ranking.RECOMMEND_RULES, and each one says which rule put
    it above the next.
    """
    held = {c.code for c in profile.credentials}
    held_certs = [catalogue.certification(code) for code in sorted(held) if catalogue.has(code)]
    held_bodies = {cert.body for cert in held_certs}
    beginner = is_beginner(profile, catalogue)
    preferred = profile.preferred_setting
    scored = []
    for cert in catalogue.certifications:
        if cert.code in held:
            continue
        result = plan(replace(profile, target_date=None), catalogue, cert.code, today)
        match = bool(preferred) and preferred in cert.settings
        suits_stage = suits(cert, beginner)
        own = _own_eligibility(result, cert.code)
        missing = tuple(r for r in own.requirements if not r.met) if own else ()
        eligible_now = result.feasible and cert.eligibility_known and not missing
        # Without verified eligibility nobody knows what comes before the exam: no date is promised.
        dated = result.credential_on if cert.eligibility_known else None
        months = months_between(result.start, dated) if dated else None
        reasons = _reasons(cert, profile, result, match, suits_stage, eligible_now, missing, held_bodies)
        before_credential = [step for step in result.steps if step.phase != PHASE_MAINTENANCE]
        key = (
            not result.feasible,
            bool(preferred) and not match,
            not suits_stage,
            not cert.eligibility_known,
            not eligible_now,
            len(cert.settings) if match else 0,
            cert.body not in held_bodies,
            (dated is None, dated or date.max),
            len(before_credential),
            len(result.unknown_costs) + len(result.unknown_hours),
            result.known_cost,
            cert.code,
        )
        scored.append((key, cert, result, match, eligible_now, missing, months, reasons))
    scored.sort(key=lambda item: item[0])
    recommendations = []
    for rank, (key, cert, result, match, eligible_now, missing, months, reasons) in enumerate(scored, start=1):
        below = scored[rank] if rank < len(scored) else None
        rule = deciding_rule(key, below[0], RECOMMEND_RULES) if below else ""
        recommendations.append(
            Recommendation(
                code=cert.code,
                name=cert.name,
                rank=rank,
                setting_match=match,
                eligible_now=eligible_now,
                eligibility_known=cert.eligibility_known,
                reasons=reasons,
                missing=missing,
                credential_on=result.credential_on if cert.eligibility_known else None,
                months=months,
                known_cost=result.known_cost,
                unknown_costs=len(result.unknown_costs),
                feasible=result.feasible,
                cost_text=cost_text(result.known_cost, len(result.unknown_costs)),
                ranked_above=N_("Ranked above {code}: {rule}.", code=below[1].code, rule=rule)
                if below and rule
                else "",
                credential_earliest=result.credential_earliest if cert.eligibility_known else None,
                credential_latest=result.credential_latest if cert.eligibility_known else None,
            )
        )
    return tuple(recommendations)


def _reasons(
    cert: Certification,
    profile: Profile,
    result: Plan,
    match: bool,
    suits_stage: bool,
    eligible_now: bool,
    missing: Sequence[RequirementStatus],
    held_bodies: set[str],
) -> tuple[str, ...]:
    reasons: list[str] = []
    if profile.preferred_setting:
        reasons.append(
            N_("Fits your preferred work setting.") if match else N_("Not aimed at your preferred work setting.")
        )
    if not suits_stage:
        reasons.append(
            catalogue_text(cert.audience_note)
            if cert.audience_note
            else N_(
                "A {level} credential: usually taken after a core credential and some coding experience.",
                level=LEVEL_WORDS.get(cert.level, cert.level),
            )
        )
    if not result.feasible:
        reasons.append(result.notes[-1] if result.notes else N_("We cannot plan it for you."))
    elif not cert.eligibility_known:
        reasons.append(N_("Eligibility not verified: check with {body}.", body=cert.body))
    elif eligible_now:
        own = _own_eligibility(result, cert.code)
        reasons.append(
            N_("Eligible now ({route}).", route=own.name)
            if own
            else N_("Eligible now: no prerequisite to sit the exam.")
        )
    else:
        needs = Join(
            (
                N_("{requirement} — {steps}", requirement=m.text, steps=Join(m.steps, ", ") if m.steps else N_("time"))
                for m in missing
            ),
            "; ",
        )
        reasons.append(N_("Eligible after: {needs}.", needs=needs))
    if cert.body in held_bodies:
        reasons.append(N_("Builds on the {body} credential you hold.", body=cert.body))
    if result.feasible and not suits_stage and cert.eligibility_known:
        reasons.append(
            N_(
                "Its time to the credential counts only the steps we can plan: it assumes the experience or training "
                "{body} expects.",
                body=cert.body,
            )
        )
    return tuple(reasons)


def _own_eligibility(result: Plan, code: str) -> RouteChoice | None:
    """The route chosen to sit this certification's own exam (not a prerequisite's); None if it has none."""
    return next((r for r in result.routes if r.certification == code and r.purpose == PURPOSE_ELIGIBILITY), None)


# ---------------------------------------------------- apprentice designation


@dataclass(frozen=True)
class ApprenticeProgress:
    certification: str
    designation: str
    route: RouteChoice
    removable_on: date | None  # when the fastest route is met; today if it already is
    steps: tuple[Step, ...]  # what remains to do, dated
    proof: tuple[str, ...] = ()  # what to send the body once the route is met


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
        proof=route_named(cert.apprentice_removal, choice.name).proof,
    )
