"""A dated plan for one certification: eligibility, the exam, then upkeep; and whether it meets a target date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from .eligibility import Builder, Infeasible
from .inputs import Catalogue, Profile
from .maintenance import plan_apprentice_removal, plan_maintenance
from .outputs import CeuSummary, Plan, Step, TargetCheck
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
        builder.notes.append(f"You already hold {code}.")
    else:
        try:
            exam_key = builder.earn(code, frozenset(), f"{code} requires it.", as_prerequisite=False)
        except Infeasible as problem:
            feasible = False
            builder.notes.append(f"We cannot plan {code} for you: {problem}.")
        else:
            credential_on = builder.scheduler.finish.get(exam_key)
            apprentice, removed_on = plan_apprentice_removal(builder, cert, exam_key)
            summaries = plan_maintenance(builder, cert, exam_key)
    steps = _ordered(builder.steps)
    timed = [s for s in steps if s.phase != PHASE_MAINTENANCE]
    total_hours = sum((s.effort_hours for s in timed if s.effort_hours is not None), Decimal(0))
    unknown_hours = tuple(s.title for s in timed if s.effort_hours is None and s.track == STUDY and s.months is None)
    # Totals are "to get there": hours and costs up to the credential; upkeep is shown per step.
    known_cost = sum((s.cost for s in timed if s.cost is not None), Decimal(0))
    unknown_costs = tuple(s.title for s in timed if s.cost is None)
    notes = list(builder.notes)
    if profile.budget is not None and known_cost > profile.budget:
        notes.append(f"The known costs (${known_cost:,.0f}) are over your budget of ${profile.budget:,.0f}.")
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
    )
    if profile.target_date is not None and feasible:
        result = replace(result, target=_check_target(profile, catalogue, code, today, credential_on))
    return result


def _ordered(steps: Sequence[Step]) -> tuple[Step, ...]:
    """By phase, then by projected start (unknown last), keeping plan order for ties."""
    indexed = list(enumerate(steps))
    indexed.sort(
        key=lambda pair: (PHASES.index(pair[1].phase), pair[1].start is None, pair[1].start or date.max, pair[0])
    )
    return tuple(step for _index, step in indexed)


def _check_target(profile: Profile, catalogue: Catalogue, code: str, today: date, done: date | None) -> TargetCheck:
    target = profile.target_date
    assert target is not None
    if done is None:
        message = (
            f"We cannot tell whether {target:%d %b %Y} can be met: some steps have no known length. "
            "Mark them done when you finish them and the dates will follow."
        )
        return TargetCheck(target, None, None, None, message)
    if done <= target:
        return TargetCheck(target, True, done, None, f"On track for your target date of {target:%d %b %Y}.")
    needed = None
    for hours in range(profile.hours_per_week + 1, 61):
        faster = plan(replace(profile, hours_per_week=hours, target_date=None), catalogue, code, today)
        if faster.credential_on is not None and faster.credential_on <= target:
            needed = hours
            break
    message = f"Your target date of {target:%d %b %Y} cannot be met: the earliest feasible date is {done:%d %b %Y}."
    if needed is not None:
        message += f" Studying {needed} hours a week instead of {profile.hours_per_week} would meet it."
    return TargetCheck(target, False, done, needed, message)
