"""When each step starts and finishes: shared by the planner and saved roadmaps (roadmap/plans/services.py).

Study steps share the person's weekly study hours, one after another; work
experience and CEU cycles run in calendar months, in parallel with study.
A step never starts before the steps it depends on have finished, and a step
of unknown length has no finish date, nor does anything after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from .dates import add_months, study_days
from .outputs import Step
from .vocabulary import STUDY


@dataclass(frozen=True)
class Timing:
    """What the scheduler needs to know about a step (a saved step keeps these)."""

    key: str
    track: str
    effort_hours: Decimal | None
    months: int | None
    unknown_duration: bool
    depends_on: tuple[str, ...]
    done_on: date | None = None
    skipped: bool = False
    effort_low: Decimal | None = None  # the ends of the effort range; None: the same as effort_hours
    effort_high: Decimal | None = None

    def at_end(self, end: str) -> Timing:
        """This timing with its effort at one end of its range ("low" or "high")."""
        value = self.effort_low if end == LOW else self.effort_high
        return self if value is None else replace(self, effort_hours=value)


LOW, HIGH = "low", "high"


class Scheduler:
    """Places steps one after another; shared by the planner and saved roadmaps."""

    def __init__(self, start: date, hours_per_week: int, today: date | None = None) -> None:
        self.start = start
        self.hours_per_week = hours_per_week
        self.today = today
        self.finish: dict[str, date | None] = {}
        self.study_free: date | None = start

    def copy(self) -> Scheduler:
        other = Scheduler(self.start, self.hours_per_week, self.today)
        other.finish = dict(self.finish)
        other.study_free = self.study_free
        return other

    def place(self, timing: Timing) -> tuple[date | None, date | None]:
        earliest: date | None = self.start
        for key in timing.depends_on:
            if key not in self.finish:
                continue
            dep = self.finish[key]
            earliest = None if dep is None or earliest is None else max(earliest, dep)
        if timing.done_on is not None:
            self.finish[timing.key] = timing.done_on
            begun = earliest if earliest is not None and earliest <= timing.done_on else timing.done_on
            return begun, timing.done_on
        if earliest is not None and self.today is not None:
            earliest = max(earliest, self.today)
        if timing.skipped:
            self.finish[timing.key] = earliest
            return earliest, earliest
        begin = earliest
        if timing.track == STUDY:
            begin = None if begin is None or self.study_free is None else max(begin, self.study_free)
        end: date | None
        if begin is None or timing.unknown_duration:
            end = None
        elif timing.months is not None:
            end = add_months(begin, timing.months)
        elif timing.effort_hours is not None:
            end = begin + timedelta(days=study_days(timing.effort_hours, self.hours_per_week))
        else:
            end = begin
        if timing.track == STUDY:
            self.study_free = end
        self.finish[timing.key] = end
        return begin, end


def schedule(
    timings: Sequence[Timing], *, start: date, hours_per_week: int, today: date | None = None
) -> dict[str, tuple[date | None, date | None]]:
    """Projected (start, finish) of each step, in the given order.

    Done steps keep their actual completion date; skipped steps take no time;
    with `today`, nothing still to do is projected to start in the past.
    """
    scheduler = Scheduler(start, max(hours_per_week, 1), today)
    return {timing.key: scheduler.place(timing) for timing in timings}


def finish_span(
    timings: Sequence[Timing], *, start: date, hours_per_week: int, today: date | None = None
) -> dict[str, tuple[date | None, date | None]]:
    """Earliest and latest finish of each step: every effort at the low, then the high, end of its range."""
    early, late = (
        schedule([timing.at_end(end) for timing in timings], start=start, hours_per_week=hours_per_week, today=today)
        for end in (LOW, HIGH)
    )
    return {key: (early[key][1], late[key][1]) for key in early}


def timing_of(step: Step) -> Timing:
    return Timing(
        step.key,
        step.track,
        step.effort_hours,
        step.months,
        step.unknown_duration,
        step.depends_on,
        effort_low=step.effort.low if step.effort else None,
        effort_high=step.effort.high if step.effort else None,
    )
