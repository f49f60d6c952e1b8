"""A saved roadmap's timeline: the bars, month ticks and lines the roadmap page and the dashboard draw.

Built from the dates the roadmap view already holds (roadmap.plans.services.RoadmapView: likely
start and finish of each step, the earliest and latest finish when efforts are ranges, the
credential dates). Nothing is scheduled here, so the timeline can only show the dates the
step list shows. No queries, no clock: today is an argument.

Positions are percentages of the whole span, from the start of the plan to the last date any
step may finish, which for a plan with upkeep is the end of the first CEU cycle (a step that
lasts the cycle). Today is always inside the span, so the "Today" line is always drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format

from roadmap.models import RoadmapStep
from roadmap.plans.rows import STATUS_LABELS
from roadmap.plans.services import RoadmapView

Status = RoadmapStep.Status
Dates = dict[str, tuple[date | None, date | None]]

HUNDREDTH = Decimal("0.01")
HUNDRED = Decimal(100)
# Month ticks every 1, 2, 3, 6... months: the smallest interval that gives at most MAX_TICKS,
# so their labels ("Jan 2028") still fit side by side on a 390-pixel phone.
TICK_MONTHS = (1, 2, 3, 6, 12, 24, 60, 120)
MAX_TICKS = 6
# A tick label is centred on its tick: one closer than this to either end would be cut off.
TICK_EDGE = Decimal(6)


@dataclass(frozen=True)
class Bar:
    """One step. `left` and `width` place its likely dates (None: nothing to draw).

    A step that starts but whose length nobody knows is `open_ended`: drawn to the end of the
    span. `range_left` and `range_width` place the band from its earliest to its latest finish,
    when the effort ranges move its finish.
    """

    key: str
    title: str
    phase: str
    status: str
    start: date | None
    finish: date | None
    earliest: date | None
    latest: date | None
    completed_on: date | None
    left: Decimal | None
    width: Decimal | None
    range_left: Decimal | None = None
    range_width: Decimal | None = None
    open_ended: bool = False

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))

    @property
    def finish_varies(self) -> bool:
        """Whether study pace moves the finish: the step list then says between which dates, and so does this."""
        return self.range_left is not None


@dataclass(frozen=True)
class PhaseRow:
    """A phase with its steps' bars; `left` and `width` span its first start to its last likely finish."""

    phase: str
    label: str
    bars: tuple[Bar, ...]
    left: Decimal | None
    width: Decimal | None


@dataclass(frozen=True)
class Tick:
    """The first day of a month. Only `major` ticks (every other one) are labelled on a phone."""

    on: date
    label: str
    left: Decimal
    major: bool = True


@dataclass(frozen=True)
class Marker:
    """A vertical line (today, the credential), with the band from `earliest` to `latest` when they differ."""

    on: date
    left: Decimal
    earliest: date | None = None
    latest: date | None = None
    range_left: Decimal | None = None
    range_width: Decimal | None = None

    @property
    def right(self) -> Decimal:
        """Distance from the right end: a label in the right half is anchored there, so it is never cut off."""
        return HUNDRED - self.left

    @property
    def in_right_half(self) -> bool:
        return self.left > HUNDRED / 2


@dataclass(frozen=True)
class Timeline:
    start: date
    end: date
    phases: tuple[PhaseRow, ...]
    ticks: tuple[Tick, ...]
    today: Marker
    credential: Marker | None

    @property
    def bars(self) -> tuple[Bar, ...]:
        return tuple(bar for row in self.phases for bar in row.bars)


class _Scale:
    """Dates to percentages of the span from `start` to `end`."""

    def __init__(self, start: date, end: date) -> None:
        self.start = start
        self.days = Decimal(max((end - start).days, 1))

    def at(self, day: date) -> Decimal:
        return _percent(Decimal((day - self.start).days) * HUNDRED / self.days)

    def between(self, first: date, last: date) -> tuple[Decimal, Decimal]:
        """Left and width of the stretch from `first` to `last` (never a negative width)."""
        left = self.at(first)
        return left, max(self.at(last) - left, Decimal(0)).quantize(HUNDREDTH)


def _percent(value: Decimal) -> Decimal:
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def roadmap_timeline(view: RoadmapView, *, start: date, today: date) -> Timeline:
    """The timeline of a roadmap view; `start` is the roadmap's start date."""
    return timeline(
        view.steps,
        view.projected,
        view.span,
        start=start,
        today=today,
        credential_on=view.credential_on,
        credential_earliest=view.credential_earliest,
        credential_latest=view.credential_latest,
    )


def timeline(
    steps: Sequence[RoadmapStep],
    projected: Dates,
    span: Dates,
    *,
    start: date,
    today: date,
    credential_on: date | None = None,
    credential_earliest: date | None = None,
    credential_latest: date | None = None,
) -> Timeline:
    """Bars for `steps` (in their order, grouped by phase) placed by their `projected` and `span` dates."""
    known = [
        day
        for step in steps
        for day in (*projected.get(step.key, (None, None)), *span.get(step.key, (None, None)))
        if day is not None
    ]
    known += [step.completed_on for step in steps if step.status == Status.DONE and step.completed_on is not None]
    credential = [day for day in (credential_on, credential_earliest, credential_latest) if day is not None]
    first = min([start, today, *known, *credential])
    last = max([start, today, *known, *credential])
    scale = _Scale(first, last)
    bars = [_bar(step, projected, span, scale, last) for step in steps]
    return Timeline(
        start=first,
        end=last,
        phases=tuple(_phase_rows(bars)),
        ticks=tuple(_ticks(first, last, scale.at)),
        today=Marker(today, scale.at(today)),
        credential=_marker(credential_on, credential_earliest, credential_latest, scale),
    )


def _bar(step: RoadmapStep, projected: Dates, span: Dates, scale: _Scale, end: date) -> Bar:
    begin, finish = projected.get(step.key, (None, None))
    earliest, latest = span.get(step.key, (None, None))
    left = width = range_left = range_width = None
    open_ended = False
    if step.status == Status.SKIPPED:
        begin = finish = earliest = latest = None  # it takes no time: nothing to draw
    elif step.status == Status.DONE and step.completed_on is not None:
        # Done is done on the day it was done, whatever was projected for it.
        finish = earliest = latest = step.completed_on
        begin = min(begin or finish, finish)
    if begin is not None:
        open_ended = finish is None
        left, width = scale.between(begin, finish or end)
    if finish is not None and earliest is not None and latest is not None and (earliest, latest) != (finish, finish):
        range_left, range_width = scale.between(earliest, latest)
    return Bar(
        key=step.key,
        title=step.title,
        phase=step.phase,
        status=step.status,
        start=begin,
        finish=finish,
        earliest=earliest,
        latest=latest,
        completed_on=step.completed_on if step.status == Status.DONE else None,
        left=left,
        width=width,
        range_left=range_left,
        range_width=range_width,
        open_ended=open_ended,
    )


def _phase_rows(bars: Sequence[Bar]) -> Iterable[PhaseRow]:
    labels = dict(RoadmapStep.Phase.choices)
    # Every step appears once: a phase the model does not name (none today) comes last, as it is spelt.
    phases = [value for value in labels if any(bar.phase == value for bar in bars)]
    phases += list(dict.fromkeys(bar.phase for bar in bars if bar.phase not in labels))
    for phase in phases:
        members = tuple(bar for bar in bars if bar.phase == phase)
        drawn = [bar for bar in members if bar.left is not None and bar.width is not None]
        left = width = None
        if drawn:
            left = min(bar.left for bar in drawn if bar.left is not None)
            right = max(bar.left + bar.width for bar in drawn if bar.left is not None and bar.width is not None)
            width = right - left
        yield PhaseRow(phase, str(labels.get(phase, phase)), members, left, width)


def _ticks(start: date, end: date, at: Callable[[date], Decimal]) -> Iterable[Tick]:
    for months in TICK_MONTHS:
        days = _month_starts(start, end, months)
        if len(days) <= MAX_TICKS:
            break
    for day in days:
        left = at(day)
        if TICK_EDGE <= left <= HUNDRED - TICK_EDGE:
            # Counted from January, so the labels a phone keeps fall on the same months every year.
            # "Mar 2027": the month as the language abbreviates it.
            yield Tick(day, date_format(day, "M Y"), left, major=_month_index(day) % (2 * months) == 0)


def _month_starts(start: date, end: date, months: int) -> list[date]:
    """The first days of months after `start`, up to `end`, every `months` months counted from January."""
    first = _month_index(start) + 1
    first += -first % months  # the first index after `start` that `months` divides
    return [date(index // 12, index % 12 + 1, 1) for index in range(first, _month_index(end) + 1, months)]


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _marker(on: date | None, earliest: date | None, latest: date | None, scale: _Scale) -> Marker | None:
    if on is None:
        return None
    if earliest is None or latest is None or (earliest, latest) == (on, on):
        return Marker(on, scale.at(on))
    range_left, range_width = scale.between(earliest, latest)
    return Marker(on, scale.at(on), earliest, latest, range_left, range_width)
