"""The timeline on the roadmap page and the dashboard (roadmap/plans/timeline_drawing.py): it says the dates
the step list says, marks what is done in words, and is there for the active roadmap only."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from roadmap.models import CareerProfile, Roadmap, RoadmapStep
from tests.html import Node, main, page
from tests.roadmap.helpers import logged_in, make_roadmap, save_cpc

pytestmark = pytest.mark.django_db

TODAY = date(2027, 2, 1)
DATE = re.compile(r"\d{1,2} [A-Z][a-z]{2} \d{4}")


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def roadmap(maya: CareerProfile) -> Roadmap:
    """Maya's CPC roadmap: terminology done, anatomy under way, the practice exams skipped."""
    roadmap = save_cpc(maya)
    steps = roadmap.steps.all()
    steps.filter(title="Study medical terminology").update(status="done", completed_on=date(2027, 1, 20))
    steps.filter(title="Study anatomy and physiology").update(status="in_progress")
    steps.filter(title="Take timed practice exams").update(status="skipped")
    return roadmap


def timeline_text(response: Any) -> list[tuple[str, str]]:
    """(title, what the text equivalent says of its dates) for every step the timeline lists."""
    return [
        (item.find_all(cls="timeline-text-title")[0].text(), item.find_all(cls="timeline-text-dates")[0].text())
        for item in page(response).find_all(cls="timeline-text-step")
    ]


def step_list_dates(response: Any) -> list[tuple[str, list[str]]]:
    """(title, the dates in its "Projected dates" or "Done" line) for every step of the page's step list."""
    return [
        (card.find_all(cls="step-title")[0].text(), DATE.findall(card.find_all(cls="step-dates")[0].text()))
        for card in main(response).find_all(cls="roadmap-step")
    ]


def chart(response: Any) -> Node:
    (node,) = main(response).find_all(cls="timeline-chart")
    return node


def test_the_timeline_lists_every_step_with_the_dates_of_the_step_list(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    response = logged_in(client, maya).get(roadmap.get_absolute_url())

    listed = timeline_text(response)
    assert [(title, DATE.findall(dates)) for title, dates in listed] == step_list_dates(response)
    assert len(listed) == roadmap.steps.count()
    # Each says what state the step is in, in words.
    assert [re.sub(r".*[;,] | on \d.*", "", dates) for _title, dates in listed[:7]] == [
        "done",
        "in progress",
        "not started",
        "not started",
        "not started",
        "not started",
        "takes no time",
    ]
    assert dict(listed)["Study medical terminology"] == "done on 20 Jan 2027"
    assert dict(listed)["Take timed practice exams"] == "skipped, takes no time"


def test_the_drawing_is_hidden_from_screen_readers_and_marks_done_steps_with_a_check_and_a_word(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    response = logged_in(client, maya).get(roadmap.get_absolute_url())

    drawing = chart(response)
    assert drawing.attrs["aria-hidden"] == "true"
    assert drawing.find_all(tag="a") + drawing.find_all(tag="button") + drawing.find_all(tag="input") == []
    rows = drawing.find_all(cls="timeline-row")
    assert [(row.attrs["data-status"], row.texts("timeline-title")[0]) for row in rows[:3]] == [
        ("done", "✓ Study medical terminology"),
        ("in_progress", "Study anatomy and physiology"),
        ("not_started", "Study pathophysiology"),
    ]
    assert [row.texts("timeline-when")[0] for row in rows[:2]] == ["Done 20 Jan 2027", "In progress"]
    # Long titles are cut short on a phone: each keeps its full text in a tooltip.
    assert [node.attrs["title"] for node in drawing.find_all(cls="timeline-title")] == [
        title for title, _dates in timeline_text(response)
    ]
    assert drawing.texts("timeline-today-label") == ["Today"]
    (today_line,) = drawing.find_all(cls="timeline-today")
    assert re.fullmatch(r"\d+\.\d\d%", today_line.attrs["x"])
    # No style attribute: the Content-Security-Policy would block it. Positions are SVG geometry.
    assert [node for node in drawing.find_all() if "style" in node.attrs] == []
    assert drawing.texts("timeline-credential-label") == [f"CPC {main(response).texts('credential-date')[0]}"]


def test_the_timeline_refreshes_with_the_progress_section(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    whole = logged_in(client, maya).get(roadmap.get_absolute_url())
    progress = client.get(roadmap.get_absolute_url(), {"partial": "progress"})

    assert timeline_text(progress) == timeline_text(whole)
    assert len(timeline_text(progress)) == roadmap.steps.count()


def test_the_dashboard_shows_the_active_roadmaps_timeline_as_its_page_does(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    save_cpc(maya, "COC")  # not active: not on the dashboard
    roadmap_page = logged_in(client, maya).get(roadmap.get_absolute_url())

    dashboard = client.get(reverse("roadmap:dashboard"))

    assert timeline_text(dashboard) == timeline_text(roadmap_page)
    assert main(dashboard).by_id("timeline-heading").text() == "Timeline"


def test_the_dashboard_has_no_timeline_without_an_active_roadmap(client: Client, maya: CareerProfile) -> None:
    roadmap = save_cpc(maya)
    Roadmap.objects.filter(pk=roadmap.pk).update(is_active=False)

    response = logged_in(client, maya).get(reverse("roadmap:dashboard"))

    assert main(response).find_all(cls="timeline") == []


def test_a_step_of_unknown_length_is_listed_with_the_dates_the_step_list_gives(
    client: Client, maya: CareerProfile
) -> None:
    roadmap = save_cpc(maya)
    RoadmapStep.objects.filter(roadmap=roadmap, title="Study pathophysiology").update(
        unknown_duration=True, planned_finish=None
    )

    response = logged_in(client, maya).get(roadmap.get_absolute_url())

    listed = timeline_text(response)
    assert [(title, DATE.findall(dates)) for title, dates in listed] == step_list_dates(response)
    assert re.sub(DATE, "D", dict(listed)["Study pathophysiology"]) == "starts D, finish not known; not started"
    (row,) = [row for row in chart(response).find_all(cls="timeline-row") if "Study pathophysiology" in row.text()]
    assert row.texts("timeline-when") == ["Finish not known"]


@pytest.mark.parametrize("n", [5, 40])
def test_the_timeline_adds_no_query_to_the_progress_section(
    client: Client, maya: CareerProfile, django_assert_num_queries: Any, n: int
) -> None:
    roadmap = make_roadmap(maya.user, n, is_active=True)
    logged_in(client, maya)

    # session, user, roadmap, steps: the timeline is drawn from the steps already read
    with django_assert_num_queries(4):
        response = client.get(roadmap.get_absolute_url(), {"partial": "progress"})

    assert len(timeline_text(response)) == n
