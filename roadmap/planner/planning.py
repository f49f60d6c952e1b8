"""A dated plan for one certification: eligibility, the exam, then upkeep; and whether it meets a target date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from .eligibility import Builder
from .inputs import Catalogue, Profile
from .knowledge import STUDY_KEY, known_areas, statuses
from .maintenance import plan_apprentice_removal, plan_maintenance
from .messages import N_, Join, Money, Text
from .outputs import CeuSummary, KnowledgeStatus, Plan, Step, TargetCheck
from .scheduling import finish_span, timing_of
from .state import Infeasible
from .vocabulary import PHASE_MAINTENANCE, PHASES, STUDY


def plan(profile: Profile, catalogue: Catalogue, code: str, today: date) -> Plan:
    """The dated plan for one certification. Same input, same plan."""
    start = max(profile.start_date or today, today)
    builder = Builder(profile, catalogue, start)
    cert = catalogue.certification(code)
    feasible = True
    apprentice, removed_on = "", None
    summaries: list[CeuSummary] = []
    credential_on: date | None = None
    if code in builder.credentials:
        builder.notes.append(N_("You already hold {code}.", code=code))
    else:
        try:
            exam_key = builder.earn(code, frozenset(), N_("{code} requires it.", code=code), as_prerequisite=False)
        except Infeasible as problem:
            feasible = False
            builder.notes.append(N_("We cannot plan {code} for you: {reason}.", code=code, reason=problem.message))
        else:
            credential_on = builder.scheduler.finish.get(exam_key)
            apprentice, removed_on = plan_apprentice_removal(builder, cert, exam_key)
            summaries = plan_maintenance(builder, cert, exam_key)
    steps = _ordered(_with_spans(builder))
    timed = [s for s in steps if s.phase != PHASE_MAINTENANCE]
    total_hours = sum((s.effort_hours for s in timed if s.effort_hours is not None), Decimal(0))
    total_low = sum((s.effort.low if s.effort else s.effort_hours or Decimal(0) for s in timed), Decimal(0))
    total_high = sum((s.effort.high if s.effort else s.effort_hours or Decimal(0) for s in timed), Decimal(0))
    earning = next((s for s in steps if s.earns == code), None)
    unknown_hours = tuple(s.title for s in timed if s.effort_hours is None and s.track == STUDY and s.months is None)
    # Totals are "to get there": hours and costs up to the credential; upkeep is shown per step.
    known_cost = sum((s.cost for s in timed if s.cost is not None), Decimal(0))
    unknown_costs = tuple(s.title for s in timed if s.cost is None)
    notes = list(builder.notes)
    if profile.budget is not None and known_cost > profile.budget:
        notes.append(
            N_(
                "The known costs ({cost}) are over your budget of {budget}.",
                cost=Money(known_cost),
                budget=Money(profile.budget),
            )
        )
    result = Plan(
        certification=code,
        feasible=feasible,
        start=start,
        steps=steps,
        routes=tuple(builder.routes),
        credential_on=credential_on,
        apprentice=apprentice,
        apprentice_removed_on=removed_on,
        ceus=tuple(summaries),
        total_hours=total_hours,
        unknown_hours=unknown_hours,
        known_cost=known_cost,
        unknown_costs=unknown_costs,
        target=None,
        notes=tuple(notes),
        knowledge=_knowledge(builder, code),
        credential_earliest=earning.earliest_finish if earning else None,
        credential_latest=earning.latest_finish if earning else None,
        total_hours_low=total_low,
        total_hours_high=total_high,
    )
    if profile.target_date is not None and feasible:
        result = replace(result, target=_check_target(profile, catalogue, code, today, result))
    return result


def _with_spans(builder: Builder) -> list[Step]:
    """The steps with their earliest and latest finish: every effort at the low, then the high, end of its range."""
    span = finish_span(
        [timing_of(step) for step in builder.steps],
        start=builder.start,
        hours_per_week=builder.scheduler.hours_per_week,
    )
    return [replace(step, earliest_finish=span[step.key][0], latest_finish=span[step.key][1]) for step in builder.steps]


def _knowledge(builder: Builder, code: str) -> tuple[KnowledgeStatus, ...]:
    """What the plan says about each area the certification's exam expects: studied in it, or known and why."""
    if not builder.credentials.get(code):  # held already, or it could not be planned
        return ()
    before_exam = [step for step in builder.steps if step.phase != PHASE_MAINTENANCE]
    known = known_areas(
        builder.profile,
        builder.catalogue,
        credentials={held: key for held, key in builder.credentials.items() if held != code},
        planned_programs=[step.key.removeprefix("program:") for step in before_exam],
        planned_areas=(),
    )
    study = {step.key: step.title for step in before_exam if step.key.startswith(STUDY_KEY)}
    return statuses(builder.catalogue.certification(code), builder.catalogue, known, study)


def _ordered(steps: Sequence[Step]) -> tuple[Step, ...]:
    """By phase, then by projected start (unknown last), keeping plan order for ties."""
    indexed = list(enumerate(steps))
    indexed.sort(
        key=lambda pair: (PHASES.index(pair[1].phase), pair[1].start is None, pair[1].start or date.max, pair[0])
    )
    return tuple(step for _index, step in indexed)


def _check_target(profile: Profile, catalogue: Catalogue, code: str, today: date, result: Plan) -> TargetCheck:
    """Whether the likely credential date meets the target, and if not, the hours a week that would."""
    target, done = profile.target_date, result.credential_on
    assert target is not None
    if done is None:
        message = N_(
            "We cannot tell whether {target} can be met: some steps have no known length. "
            "Mark them done when you finish them and the dates will follow.",
            target=target,
        )
        return TargetCheck(target, None, None, None, message)
    latest, earliest = result.credential_latest, result.credential_earliest
    said: list[Text] = []
    if done <= target:
        said.append(N_("On track for your target date of {target}: likely {likely}.", target=target, likely=done))
        if latest is not None and latest > target:
            said.append(N_("If every study step takes its most hours, {latest}: after it.", latest=latest))
        return TargetCheck(target, True, done, None, Join(said))
    needed = None
    for hours in range(profile.hours_per_week + 1, 61):
        faster = plan(replace(profile, hours_per_week=hours, target_date=None), catalogue, code, today)
        if faster.credential_on is not None and faster.credential_on <= target:
            needed = hours
            break
    said.append(
        N_("Your target date of {target} cannot be met: the likely date is {likely}.", target=target, likely=done)
    )
    if earliest is not None and earliest <= target:
        said.append(N_("Only if every study step takes its fewest hours ({earliest}).", earliest=earliest))
    if needed is not None:
        said.append(
            N_(
                "Studying {needed} hours a week instead of {hours} would meet it.",
                needed=needed,
                hours=profile.hours_per_week,
            )
        )
    return TargetCheck(target, False, done, needed, Join(said))
