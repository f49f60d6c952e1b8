"""The roadmap timeline (roadmap/plans/timeline.py): where each bar, tick and line goes.

No database: the steps are unsaved RoadmapStep objects and the dates are given, as a roadmap view holds them.
Most spans below are 100 days long, so a position in percent is the number of days from the start.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from roadmap.models import RoadmapStep
from roadmap.plans.services import PhaseProgress, RoadmapView
from roadmap.plans.timeline import Bar, Marker, PhaseRow, Tick, Timeline, roadmap_timeline, timeline

START = date(2027, 1, 1)  # day 0; 11 Apr 2027 is day 100


def step(key: str, phase: str, status: str = "not_started", **fields: Any) -> RoadmapStep:
    return RoadmapStep(key=key, phase=phase, title=key.title(), status=status, **fields)


def test_bars_ticks_today_and_the_credential_are_placed_in_percent_of_the_whole_span() -> None:
    steps = [
        step("terminology", "education", "done", completed_on=date(2027, 1, 11)),
        step("course", "education", "in_progress"),
        step("exam", "exam"),
        step("ceus", "maintenance"),
    ]
    projected = {
        "terminology": (START, date(2027, 1, 11)),
        "course": (date(2027, 1, 21), date(2027, 2, 10)),
        "exam": (date(2027, 2, 10), date(2027, 2, 10)),
        "ceus": (date(2027, 2, 10), date(2027, 4, 1)),
    }
    span = {
        "terminology": (date(2027, 1, 11), date(2027, 1, 11)),
        "course": (date(2027, 1, 31), date(2027, 2, 20)),
        "exam": (date(2027, 1, 31), date(2027, 2, 20)),
        "ceus": (date(2027, 3, 22), date(2027, 4, 11)),
    }

    result = timeline(
        steps,
        projected,
        span,
        start=START,
        today=date(2027, 1, 21),
        credential_on=date(2027, 2, 10),
        credential_earliest=date(2027, 1, 31),
        credential_latest=date(2027, 2, 20),
    )

    terminology = Bar(
        key="terminology",
        title="Terminology",
        phase="education",
        status="done",
        start=START,
        finish=date(2027, 1, 11),
        earliest=date(2027, 1, 11),
        latest=date(2027, 1, 11),
        completed_on=date(2027, 1, 11),
        left=Decimal(0),
        width=Decimal(10),
    )
    course = Bar(
        key="course",
        title="Course",
        phase="education",
        status="in_progress",
        start=date(2027, 1, 21),
        finish=date(2027, 2, 10),
        earliest=date(2027, 1, 31),
        latest=date(2027, 2, 20),
        completed_on=None,
        left=Decimal(20),
        width=Decimal(20),
        range_left=Decimal(30),
        range_width=Decimal(20),
    )
    exam = Bar(
        key="exam",
        title="Exam",
        phase="exam",
        status="not_started",
        start=date(2027, 2, 10),
        finish=date(2027, 2, 10),
        earliest=date(2027, 1, 31),
        latest=date(2027, 2, 20),
        completed_on=None,
        left=Decimal(40),
        width=Decimal(0),
        range_left=Decimal(30),
        range_width=Decimal(20),
    )
    ceus = Bar(
        key="ceus",
        title="Ceus",
        phase="maintenance",
        status="not_started",
        start=date(2027, 2, 10),
        finish=date(2027, 4, 1),
        earliest=date(2027, 3, 22),
        latest=date(2027, 4, 11),
        completed_on=None,
        left=Decimal(40),
        width=Decimal(50),
        range_left=Decimal(80),
        range_width=Decimal(20),
    )
    assert result == Timeline(
        start=START,
        end=date(2027, 4, 11),
        phases=(
            PhaseRow("education", "Education", (terminology, course), Decimal(0), Decimal(40)),
            PhaseRow("exam", "Exam", (exam,), Decimal(40), Decimal(0)),
            PhaseRow("maintenance", "Maintenance (CEUs)", (ceus,), Decimal(40), Decimal(50)),
        ),
        ticks=(
            Tick(date(2027, 2, 1), "Feb 2027", Decimal(31), major=False),
            Tick(date(2027, 3, 1), "Mar 2027", Decimal(59), major=True),
            Tick(date(2027, 4, 1), "Apr 2027", Decimal(90), major=False),
        ),
        today=Marker(date(2027, 1, 21), Decimal(20)),
        credential=Marker(
            date(2027, 2, 10), Decimal(40), date(2027, 1, 31), date(2027, 2, 20), Decimal(30), Decimal(20)
        ),
    )
    assert [bar.finish_varies for bar in result.bars] == [False, True, True, True]
    assert [bar.status_label for bar in result.bars] == ["Done", "In progress", "Not started", "Not started"]


def test_skipped_steps_have_no_bar_and_unknown_lengths_run_to_the_end_or_are_not_drawn() -> None:
    steps = [
        step("skipped", "education", "skipped"),
        step("externship", "experience", unknown_duration=True),
        step("after", "exam"),
    ]
    projected = {
        "skipped": (date(2027, 1, 11), date(2027, 1, 11)),
        "externship": (date(2027, 1, 11), None),
        "after": (None, None),
    }
    span = {
        "skipped": (date(2027, 1, 11), date(2027, 1, 11)),
        "externship": (None, None),
        "after": (None, None),
    }

    result = timeline(steps, projected, span, start=START, today=date(2027, 4, 11))

    assert [(bar.key, bar.start, bar.finish, bar.left, bar.width, bar.open_ended) for bar in result.bars] == [
        ("skipped", None, None, None, None, False),
        ("externship", date(2027, 1, 11), None, Decimal(10), Decimal(90), True),
        ("after", None, None, None, None, False),
    ]
    assert [(row.label, row.left, row.width) for row in result.phases] == [
        ("Education", None, None),
        ("Experience", Decimal(10), Decimal(90)),
        ("Exam", None, None),
    ]
    assert result.credential is None


def test_today_widens_the_span_so_its_line_is_always_drawn() -> None:
    steps = [step("study", "education")]
    dates = {"study": (date(2027, 2, 1), date(2027, 3, 1))}

    before = timeline(steps, dates, dates, start=date(2027, 2, 1), today=date(2027, 1, 1))
    after = timeline(steps, dates, dates, start=date(2027, 2, 1), today=date(2027, 4, 1))

    assert (before.start, before.end, before.today) == (
        date(2027, 1, 1),
        date(2027, 3, 1),
        Marker(date(2027, 1, 1), Decimal(0)),
    )
    assert (after.start, after.end, after.today) == (
        date(2027, 2, 1),
        date(2027, 4, 1),
        Marker(date(2027, 4, 1), Decimal(100)),
    )


def test_a_done_step_finished_before_the_plan_started_moves_the_start_of_the_span() -> None:
    steps = [step("joined", "exam", "done", completed_on=date(2026, 12, 22))]
    dates = {"joined": (date(2026, 12, 22), date(2026, 12, 22))}

    result = timeline(steps, dates, dates, start=START, today=date(2027, 4, 11))

    assert (result.start, result.bars[0].left, result.bars[0].width) == (date(2026, 12, 22), Decimal(0), Decimal(0))


def test_ticks_are_every_few_months_so_at_most_six_fit_and_none_is_cut_off_at_an_end() -> None:
    """Every other tick, counted from January, is major: the one a phone labels."""
    three_years = timeline(
        [step("ceus", "maintenance")],
        {"ceus": (date(2027, 1, 4), date(2030, 3, 27))},
        {},
        start=date(2027, 1, 4),
        today=date(2027, 1, 4),
    )
    three_months = timeline(
        [step("study", "education")],
        {"study": (date(2027, 1, 28), date(2027, 4, 28))},
        {},
        start=date(2027, 1, 28),
        today=date(2027, 1, 28),
    )

    assert three_years.ticks == (
        Tick(date(2027, 7, 1), "Jul 2027", Decimal("15.11"), major=False),
        Tick(date(2028, 1, 1), "Jan 2028", Decimal("30.73"), major=True),
        Tick(date(2028, 7, 1), "Jul 2028", Decimal("46.18"), major=False),
        Tick(date(2029, 1, 1), "Jan 2029", Decimal("61.80"), major=True),
        Tick(date(2029, 7, 1), "Jul 2029", Decimal("77.16"), major=False),
        Tick(date(2030, 1, 1), "Jan 2030", Decimal("92.78"), major=True),
    )
    # 1 Feb is 4 days in (4.44%): its label would hang off the left end.
    assert three_months.ticks == (
        Tick(date(2027, 3, 1), "Mar 2027", Decimal("35.56"), major=True),
        Tick(date(2027, 4, 1), "Apr 2027", Decimal("70.00"), major=False),
    )


def test_a_marker_label_in_the_right_half_is_anchored_to_the_right() -> None:
    assert [
        (marker.in_right_half, marker.right)
        for marker in (Marker(START, Decimal("20.5")), Marker(START, Decimal("75.25")))
    ] == [(False, Decimal("79.5")), (True, Decimal("24.75"))]


def test_the_timeline_of_a_roadmap_view_reads_its_steps_dates_and_credential() -> None:
    steps = [step("study", "education"), step("exam", "exam", earns="CPC")]
    projected = {"study": (START, date(2027, 3, 12)), "exam": (date(2027, 3, 12), date(2027, 3, 12))}
    span = {"study": (date(2027, 3, 2), date(2027, 4, 11)), "exam": (date(2027, 3, 2), date(2027, 4, 11))}
    view = RoadmapView(
        steps=steps,
        projected=projected,
        span=span,
        overall=PhaseProgress("all", "Overall", 0, 2),
        phases=[],
        next_step=steps[0],
        overdue=[],
        credential_on=date(2027, 3, 12),
        credential_earliest=date(2027, 3, 2),
        credential_latest=date(2027, 4, 11),
    )

    assert roadmap_timeline(view, start=START, today=START) == timeline(
        steps,
        projected,
        span,
        start=START,
        today=START,
        credential_on=date(2027, 3, 12),
        credential_earliest=date(2027, 3, 2),
        credential_latest=date(2027, 4, 11),
    )
    assert roadmap_timeline(view, start=START, today=START).credential == Marker(
        date(2027, 3, 12), Decimal(70), date(2027, 3, 2), date(2027, 4, 11), Decimal(60), Decimal(40)
    )


def test_a_done_step_ends_on_the_day_it_was_done_whatever_was_projected() -> None:
    steps = [step("course", "education", "done", completed_on=date(2027, 1, 21))]
    projected = {"course": (date(2027, 1, 31), date(2027, 3, 2))}
    span = {"course": (date(2027, 2, 20), date(2027, 4, 11))}

    (bar,) = timeline(steps, projected, span, start=START, today=date(2027, 4, 11)).bars

    assert (bar.start, bar.finish, bar.earliest, bar.latest, bar.left, bar.width, bar.finish_varies) == (
        date(2027, 1, 21),
        date(2027, 1, 21),
        date(2027, 1, 21),
        date(2027, 1, 21),
        Decimal(20),
        Decimal(0),
        False,
    )
