"""Saved roadmaps: the list, the roadmap page, step statuses (htmx and plain forms), notes, activate,
delete, re-plan and the dashboard, who may see and change them, and their query budgets."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.template import loader
from django.test import Client
from django.urls import reverse

from certifications.models import CatalogueVersion, Certification
from roadmap.models import CareerProfile, HeldCredential, Roadmap, RoadmapStep
from roadmap.plans.services import reschedule
from tests.factories import RoadmapFactory, RoadmapStepFactory, UserFactory, maya_profile
from tests.html import Node, h1, main, page, page_messages
from tests.roadmap.helpers import (
    PHASE_HEADINGS,
    PLANNED_ON,
    hold,
    log_activity,
    logged_in,
    make_roadmap,
    messages_of,
    save_cpc,
    section,
)

pytestmark = pytest.mark.django_db

TODAY = date(2027, 2, 1)
COURSE = "Complete: AAPC CPC preparation course (80 contact hours)"


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def step_of(roadmap: Roadmap, title: str) -> RoadmapStep:
    return roadmap.steps.get(title=title)


def finish_education(roadmap: Roadmap, on: date) -> None:
    """Mark the study steps and the course done, as the page would: Maya finished them months ahead of plan."""
    RoadmapStep.objects.filter(roadmap=roadmap, phase="education").update(status="done", completed_on=on)
    reschedule(roadmap=roadmap, today=TODAY)


def status_url(step: RoadmapStep) -> str:
    return reverse("roadmap:step_status", args=[step.roadmap_id, step.pk])


def note_url(step: RoadmapStep) -> str:
    return reverse("roadmap:step_note", args=[step.roadmap_id, step.pk])


def htmx_post(client: Client, url: str, data: dict[str, str]) -> Any:
    return client.post(url, data, HTTP_HX_REQUEST="true")


def steps_by_phase(response: Any) -> dict[str, list[str]]:
    return {
        node.find_all(tag="h2")[0].text(): node.texts("step-title")
        for node in main(response).find_all(tag="section", cls="phase")
    }


def step_node(response: Any, step: RoadmapStep) -> Node:
    return page(response).by_id(f"step-{step.pk}")


def roots(response: Any) -> list[Node]:
    return [child for child in page(response).children if isinstance(child, Node)]


def fragment(response: Any) -> Node:
    """The one root element of an htmx fragment that htmx swaps into its target."""
    [root] = [node for node in roots(response) if "hx-swap-oob" not in node.attrs]
    return root


def out_of_band(response: Any) -> dict[str, Node]:
    """The elements of an htmx fragment that htmx swaps in elsewhere (hx-swap-oob), by id."""
    return {node.attrs["id"]: node for node in roots(response) if node.attrs.get("hx-swap-oob") == "true"}


def as_seen(node: Node) -> Node:
    """The node without what differs between two renders of the same state: the CSRF token, masked afresh
    in each response, and htmx's out-of-band marker."""
    attrs = {name: value for name, value in node.attrs.items() if name != "hx-swap-oob"}
    if attrs.get("name") == "csrfmiddlewaretoken":
        attrs["value"] = ""
    return Node(node.tag, attrs, [child if isinstance(child, str) else as_seen(child) for child in node.children])


def cards(document: Node) -> dict[str, Node]:
    """The roadmap page's step cards, by id, as seen."""
    return {node.attrs["id"]: as_seen(node) for node in document.find_all(tag="li", cls="roadmap-step")}


def state(step: RoadmapStep) -> tuple[str, str, date | None]:
    step.refresh_from_db()
    return step.status, step.previous_status, step.completed_on


# ------------------------------------------------------------------ list


def test_the_list_tells_a_new_user_to_get_recommendations(client: Client, maya: CareerProfile) -> None:
    response = logged_in(client, maya).get(reverse("roadmap:list"))

    assert h1(response) == ["My roadmaps"]
    assert main(response).texts("empty-state") == [
        "You have not saved a roadmap yet. Get recommendations for your situation, open one and save its plan."
    ]
    assert [a.attrs["href"] for a in main(response).find_all(tag="a")] == ["/recommendations/"]


def test_the_list_shows_the_active_roadmap_first_with_progress_and_links(client: Client, maya: CareerProfile) -> None:
    first = save_cpc(maya)
    second = save_cpc(maya, "COC")
    RoadmapStep.objects.filter(roadmap=second, position__lt=3).update(status="done", completed_on=PLANNED_ON)
    reschedule(roadmap=second, today=TODAY)  # as marking them done on the page does

    response = logged_in(client, maya).get(reverse("roadmap:list"))

    cards = main(response).find_all(tag="article", cls="roadmap-card")
    assert [card.texts("roadmap-code") for card in cards] == [["CPC"], ["COC"]]
    assert [card.texts("progress-count") for card in cards] == [["0 of 14 steps done"], ["3 of 15 steps done"]]
    # CPC keeps the dates it was saved with (nothing was done since); COC's dates moved from today
    # (1 Feb 2027) when its first three steps were marked done.
    assert [card.texts("credential-dates") for card in cards] == [
        ["Projected credential date: likely 20 Dec 2027 (between 9 Oct 2027 and 28 Feb 2028)"],
        ["Projected credential date: likely 25 Jun 2027 (between 1 Jun 2027 and 19 Jul 2027)"],
    ]
    assert cards[0].texts("active-badge") == ["Active"]
    assert [a.attrs["href"] for a in cards[1].find_all(tag="a")] == [
        f"/roadmaps/{second.pk}/",
        f"/roadmaps/{second.pk}/",
        f"/roadmaps/{second.pk}/replan/",
        f"/roadmaps/{second.pk}/delete/",
    ]
    assert [f.attrs["action"] for f in cards[1].find_all(tag="form")] == [f"/roadmaps/{second.pk}/activate/"]
    assert first.pk != second.pk


def test_the_list_never_shows_another_users_roadmaps(client: Client, maya: CareerProfile) -> None:
    save_cpc(maya_profile())

    response = logged_in(client, maya).get(reverse("roadmap:list"))

    assert main(response).texts("roadmap-code") == []


@pytest.mark.parametrize("n", [1, 5])
def test_the_list_runs_a_fixed_number_of_queries(client: Client, django_assert_num_queries: Any, n: int) -> None:
    user = UserFactory()
    for _ in range(n):
        make_roadmap(user, 5)
    logged_in(client, user)

    # session, user, roadmaps, their steps
    with django_assert_num_queries(4):
        response = client.get(reverse("roadmap:list"))

    assert len(main(response).texts("roadmap-code")) == n


# -------------------------------------------------------- activate, delete


def test_activating_a_roadmap_makes_it_the_only_active_one(client: Client, maya: CareerProfile) -> None:
    first, second = save_cpc(maya), save_cpc(maya, "COC")

    response = logged_in(client, maya).post(reverse("roadmap:activate", args=[second.pk]))

    assert (response.status_code, response["Location"]) == (302, "/roadmaps/")
    assert messages_of(response) == ["Your COC roadmap is now your active roadmap."]
    assert list(Roadmap.objects.filter(pk__in=[first.pk, second.pk]).values_list("pk", "is_active")) == [
        (second.pk, True),
        (first.pk, False),
    ]


def test_activating_is_a_post_only(client: Client, maya: CareerProfile) -> None:
    save_cpc(maya)
    other = save_cpc(maya, "COC")

    response = logged_in(client, maya).get(reverse("roadmap:activate", args=[other.pk]))

    assert (response.status_code, Roadmap.objects.get(pk=other.pk).is_active) == (405, False)


def test_delete_asks_first_and_names_what_will_be_lost(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    RoadmapStep.objects.filter(roadmap=roadmap, position=0).update(note="Bought the books", status="done")

    response = logged_in(client, maya).get(reverse("roadmap:delete", args=[roadmap.pk]))

    assert h1(response) == ["Delete your CPC roadmap?"]
    assert main(response).texts("what-is-lost") == [
        "You will lose, for good: its 14 steps; your 1 note; your progress: 1 step marked done, with their dates."
    ]
    assert Roadmap.objects.filter(pk=roadmap.pk).exists()


def test_delete_removes_the_roadmap_and_its_steps(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    response = logged_in(client, maya).post(reverse("roadmap:delete", args=[roadmap.pk]))

    assert (response.status_code, response["Location"]) == (302, "/roadmaps/")
    assert messages_of(response) == ["Deleted your CPC roadmap, its steps, notes and progress."]
    assert (
        Roadmap.objects.filter(pk=roadmap.pk).count(),
        RoadmapStep.objects.filter(roadmap_id=roadmap.pk).count(),
    ) == (
        0,
        0,
    )


# ------------------------------------------------------------ roadmap page


def test_the_roadmap_page_shows_the_four_phases_and_every_step(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    response = logged_in(client, maya).get(roadmap.get_absolute_url())

    assert h1(response) == ["Your CPC roadmap"]
    assert list(steps_by_phase(response)) == PHASE_HEADINGS
    assert steps_by_phase(response) == {
        "Education": ["Study medical terminology", "Study anatomy and physiology", "Study pathophysiology", COURSE],
        "Experience": [],
        "Exam": ["Join AAPC", "Register for the CPC exam", "Take timed practice exams", "Sit the CPC exam"],
        "Maintenance (CEUs)": list(
            roadmap.steps.filter(phase="maintenance").order_by("position").values_list("title", flat=True)
        ),
    }
    course = step_node(response, step_of(roadmap, COURSE))
    assert course.texts("badge") == ["Not started", "Recommended, not required"]
    assert course.definitions() == {
        "Effort": "80 hours",
        "Effort basis": "Source: AAPC: apprentice status. 80 contact hours, as published for the course.",
        "Cost": "check with the provider",
        "After": "Study medical terminology; Study anatomy and physiology; Study pathophysiology",
        "Projected dates": "11 Oct 2027 to 6 Dec 2027; depending on study pace, "
        "finishes between 28 Sep 2027 and 11 Feb 2028",
    }
    assert [legend.text() for legend in course.find_all(tag="legend")] == [f"Status of “{COURSE}”, now Not started"]
    assert [
        (b.attrs["value"], b.attrs["aria-pressed"])
        for b in course.find_all(tag="button")
        if b.attrs.get("name") == "status"
    ] == [
        ("not_started", "true"),
        ("in_progress", "false"),
        ("done", "false"),
        ("skipped", "false"),
    ]


def test_the_roadmap_page_projects_dates_from_actual_completion(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    course = step_of(roadmap, COURSE)
    finish_education(roadmap, date(2027, 1, 20))

    response = logged_in(client, maya).get(roadmap.get_absolute_url())

    assert step_node(response, course).definitions()["Done"] == "Done on 20 Jan 2027"
    # Everything before it is done: its finish moves only with its own effort (0.5 to 1 hour, within the day).
    assert (
        step_node(response, step_of(roadmap, "Join AAPC")).definitions()["Projected dates"]
        == "1 Feb 2027 to 2 Feb 2027"
    )
    assert step_node(response, step_of(roadmap, "Join AAPC")).texts("next-badge") == ["Next step"]
    progress = page(response).by_id("progress")
    assert progress.texts("progress-count") == [
        "4 of 14 steps done",
        "4 of 4 steps done",
        "0 of 4 steps done",
        "0 of 6 steps done",
    ]
    assert [bar.attrs["aria-label"] for bar in progress.find_all(cls="progress")] == [
        "Overall progress",
        "Education progress",
        "Exam progress",
        "Maintenance (CEUs) progress",
    ]
    assert progress.definitions() == {
        "Next step": "Join AAPC",
        "Projected credential date": "likely 15 Feb 2027 (between 12 Feb 2027 and 18 Feb 2027)",
        # Finished in 16 days what was planned for 11 months: too fast to be a pace, so none is projected.
        "Against the plan you saved": "308 days ahead of the credential date you saved (20 Dec 2027).",
        "Overdue": "None",
    }


def test_overdue_steps_are_flagged_on_the_roadmap_page(client: Client, maya: CareerProfile) -> None:
    roadmap = make_roadmap(maya.user, 5, is_active=True)
    late = step_of(roadmap, "Step 1")
    RoadmapStep.objects.filter(pk=late.pk).update(planned_finish=date(2027, 1, 15))

    response = logged_in(client, maya).get(roadmap.get_absolute_url())

    assert step_node(response, late).texts("overdue-badge") == ["Overdue: planned to finish by 15 Jan 2027"]
    assert page(response).by_id("progress").texts("overdue-steps") == ["Step 1"]
    # In Spanish the heading speaks of the steps (plural), not of a CEU cycle ("Vencido", on the CEU page).
    spanish = client.get(roadmap.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es")
    assert "Atrasados" in page(spanish).by_id("progress").definitions()


def test_the_progress_partial_is_only_the_progress_section(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    response = logged_in(client, maya).get(roadmap.get_absolute_url(), {"partial": "progress"})

    [section] = roots(response)
    # Nothing on the page fetches it after a change: the change's own response carries the box (out of band).
    assert (section.tag, section.attrs) == (
        "section",
        {"id": "progress", "class": "mb-4 card card-body", "aria-labelledby": "progress-heading"},
    )
    assert section.texts("progress-count")[0] == "0 of 14 steps done"


def test_an_unknown_page_part_is_refused_with_a_message(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    response = logged_in(client, maya).get(roadmap.get_absolute_url(), {"partial": "everything"})

    assert (response.status_code, h1(response)) == (400, [f"Your {roadmap.certification_code} roadmap"])
    assert messages_of(response) == ["There is no part of the roadmap page called “everything”."]


@pytest.mark.parametrize("n", [5, 40])
def test_the_roadmap_page_runs_a_fixed_number_of_queries(
    client: Client, maya: CareerProfile, django_assert_num_queries: Any, n: int
) -> None:
    roadmap = make_roadmap(maya.user, n, is_active=True)
    logged_in(client, maya)

    # session, user, roadmap, steps; the catalogue version (has the catalogue changed since?); the profile
    # with its credentials and studied areas (has the profile changed since?)
    with django_assert_num_queries(8):
        response = client.get(roadmap.get_absolute_url())

    assert len(main(response).texts("step-title")) == n


# ------------------------------------------------------------ step status


def test_an_htmx_status_change_returns_the_step_and_the_progress_box_out_of_band(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    course = step_of(roadmap, COURSE)

    response = htmx_post(logged_in(client, maya), status_url(course), {"status": "done", "expected": "not_started"})

    body = response.content.decode()
    assert response.status_code == 200
    # The outermost template rendered comes first.
    assert body == loader.get_template("roadmap/detail.html#step-response").render(response.context[0].flatten())
    assert body.strip().startswith(f'<li id="step-{course.pk}"')
    assert ("<html" in body, "<nav" in body, "HX-Trigger" in response) == (False, False, False)
    assert [(node.tag, node.attrs["id"]) for node in roots(response)][-1] == ("section", "progress")
    progress = out_of_band(response)["progress"]
    assert progress.texts("progress-count") == [
        "1 of 14 steps done",
        "1 of 4 steps done",
        "0 of 4 steps done",
        "0 of 6 steps done",
    ]
    assert progress.definitions()["Next step"] == "Study medical terminology"
    root = fragment(response)
    assert root.texts("step-message") == [f"“{COURSE}” is now Done."]
    assert root.definitions()["Done"] == "Done on 1 Feb 2027"
    assert [b.text() for b in root.find_all(cls="undo-button")] == [f"Undo: set “{COURSE}” back to Not started"]
    assert [f.attrs.get("autofocus") for f in root.find_all(tag="fieldset")] == [""]
    assert state(course) == ("done", "not_started", TODAY)


def test_a_status_change_without_javascript_saves_and_returns_to_the_step(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    course = step_of(roadmap, COURSE)
    logged_in(client, maya)

    response = client.post(status_url(course), {"status": "in_progress", "expected": "not_started"})

    assert (response.status_code, response["Location"]) == (302, f"/roadmaps/{roadmap.pk}/#step-{course.pk}")
    assert messages_of(response) == [f"“{COURSE}” is now In progress."]
    assert state(course) == ("in_progress", "not_started", None)
    after = client.get(roadmap.get_absolute_url())
    assert [b.text() for b in step_node(after, course).find_all(cls="undo-button")] == [
        f"Undo: set “{COURSE}” back to Not started"
    ]
    # The offer to undo is shown once.
    assert step_node(client.get(roadmap.get_absolute_url()), course).find_all(cls="undo-button") == []


def test_undo_puts_the_previous_status_back(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    course = step_of(roadmap, COURSE)
    logged_in(client, maya)
    htmx_post(client, status_url(course), {"status": "done", "expected": "not_started"})

    response = htmx_post(client, status_url(course), {"status": "not_started", "expected": "done"})

    assert fragment(response).texts("step-message") == [f"“{COURSE}” is now Not started."]
    assert state(course) == ("not_started", "done", None)


def test_a_double_click_changes_the_step_once(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    course = step_of(roadmap, COURSE)
    logged_in(client, maya)
    data = {"status": "done", "expected": "not_started"}

    first = htmx_post(client, status_url(course), data)
    with time_machine.travel(date(2027, 2, 2), tick=False):
        second = htmx_post(client, status_url(course), data)

    assert fragment(first).texts("step-message") == [f"“{COURSE}” is now Done."]
    assert fragment(second).texts("step-message") == [f"“{COURSE}” is already Done."]
    assert [b.attrs["value"] for b in fragment(second).find_all(cls="undo-button")] == ["not_started"]
    assert state(course) == ("done", "not_started", TODAY)


def test_a_stale_tab_cannot_overwrite_a_newer_status(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    course = step_of(roadmap, COURSE)
    RoadmapStep.objects.filter(pk=course.pk).update(status="done", completed_on=date(2027, 1, 30))
    logged_in(client, maya)

    response = htmx_post(client, status_url(course), {"status": "in_progress", "expected": "not_started"})

    assert fragment(response).texts("step-message") == ["This step was changed elsewhere; it is now Done."]
    assert fragment(response).attrs["data-status"] == "done"
    assert fragment(response).find_all(cls="undo-button") == []
    assert state(course) == ("done", "", date(2027, 1, 30))


def test_a_stale_tab_without_javascript_gets_the_conflict_as_a_message(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    course = step_of(roadmap, COURSE)
    RoadmapStep.objects.filter(pk=course.pk).update(status="skipped")

    response = logged_in(client, maya).post(status_url(course), {"status": "done", "expected": "not_started"})

    assert response["Location"] == f"/roadmaps/{roadmap.pk}/#step-{course.pk}"
    assert messages_of(response) == ["This step was changed elsewhere; it is now Skipped."]
    assert state(course) == ("skipped", "", None)


def test_pressing_the_current_status_changes_nothing(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    course = step_of(roadmap, COURSE)
    RoadmapStep.objects.filter(pk=course.pk).update(
        status="done", previous_status="in_progress", completed_on=date(2027, 1, 30)
    )

    response = htmx_post(logged_in(client, maya), status_url(course), {"status": "done", "expected": "done"})

    assert fragment(response).texts("step-message") == [f"“{COURSE}” is already Done."]
    assert state(course) == ("done", "in_progress", date(2027, 1, 30))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"status": "finished", "expected": "not_started"},
            "Nothing changed: “finished” is not a step status; choose one of Not started, In progress, Done, Skipped.",
        ),
        ({"status": "done"}, "Nothing changed: We could not tell which status you saw; reload the page and try again."),
        ({"expected": "not_started"}, "Nothing changed: Choose a status for this step."),
    ],
)
def test_a_bad_status_changes_nothing_and_says_why(
    client: Client, roadmap: Roadmap, maya: CareerProfile, data: dict[str, str], message: str
) -> None:
    course = step_of(roadmap, COURSE)
    logged_in(client, maya)

    plain = client.post(status_url(course), data)
    htmx = htmx_post(client, status_url(course), data)

    assert (plain.status_code, messages_of(plain)) == (400, [message])
    assert h1(plain) == [f"Your {roadmap.certification_code} roadmap"]  # the page, with the message atop it
    assert (htmx.status_code, fragment(htmx).texts("step-message")) == (400, [message])
    assert state(course) == ("not_started", "", None)


def test_a_status_change_is_a_post_only(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    course = step_of(roadmap, COURSE)

    response = logged_in(client, maya).get(status_url(course), {"status": "done", "expected": "not_started"})

    assert (response.status_code, state(course)) == (405, ("not_started", "", None))


@pytest.mark.parametrize("n", [5, 40])
def test_a_status_change_runs_a_fixed_number_of_queries(
    client: Client, maya: CareerProfile, django_assert_num_queries: Any, n: int
) -> None:
    roadmap = make_roadmap(maya.user, n, is_active=True)
    step = roadmap.steps.get(position=0)
    logged_in(client, maya)

    # session, user, the step with its roadmap; in a savepoint (+2) the conditional update, the roadmap's
    # steps (the step's new state among them), the dates of the steps that moved in one update, the
    # roadmap's credential date. The progress box comes with it: no second request. After it, the person's
    # kept pages are out of date (+1).
    with django_assert_num_queries(10):
        response = htmx_post(client, status_url(step), {"status": "done", "expected": "not_started"})

    assert fragment(response).attrs["data-status"] == "done"
    assert out_of_band(response)["progress"].texts("progress-count")[0] == f"1 of {n} steps done"
    assert len(out_of_band(response)) == n  # the progress box and the n - 1 steps after it, which moved


@pytest.mark.parametrize("n", [5, 40])
def test_a_status_change_that_moves_no_date_writes_only_the_status(
    client: Client, maya: CareerProfile, django_assert_num_queries: Any, n: int
) -> None:
    roadmap = make_roadmap(maya.user, n, is_active=True)
    step = roadmap.steps.get(position=0)
    logged_in(client, maya)
    htmx_post(client, status_url(step), {"status": "in_progress", "expected": "not_started"})

    # session, user, the step with its roadmap; in a savepoint (+2) the conditional update and the roadmap's
    # steps. In progress or not started, a step takes the same time: no date moves, nothing else is written.
    # After it, the person's kept pages are out of date (+1).
    with django_assert_num_queries(8):
        response = htmx_post(client, status_url(step), {"status": "not_started", "expected": "in_progress"})

    assert (fragment(response).attrs["data-status"], list(out_of_band(response))) == ("not_started", ["progress"])
    assert state(step) == ("not_started", "in_progress", None)


@pytest.mark.parametrize("n", [5, 40])
def test_a_status_change_without_javascript_runs_a_fixed_number_of_queries(
    client: Client, maya: CareerProfile, django_assert_num_queries: Any, n: int
) -> None:
    roadmap = make_roadmap(maya.user, n, is_active=True)
    step = roadmap.steps.get(position=0)
    logged_in(client, maya)

    # as with htmx (10), and the session keeps the step to offer "Undo" on the page the browser goes back to
    # (+3: its update, in a savepoint of its own)
    with django_assert_num_queries(13):
        response = client.post(status_url(step), {"status": "done", "expected": "not_started"})

    assert (response["Location"], state(step)) == (
        f"/roadmaps/{roadmap.pk}/#step-{step.pk}",
        ("done", "not_started", TODAY),
    )


@pytest.mark.parametrize("n", [5, 40])
def test_changing_the_day_a_step_was_done_runs_a_fixed_number_of_queries(
    client: Client, maya: CareerProfile, django_assert_num_queries: Any, n: int
) -> None:
    roadmap = make_roadmap(maya.user, n, is_active=True)
    step = roadmap.steps.get(position=0)
    logged_in(client, maya)
    htmx_post(client, status_url(step), {"status": "done", "expected": "not_started"})
    url = reverse("roadmap:step_completed_on", args=[roadmap.pk, step.pk])

    # as a status change: session, user, the step with its roadmap; in a savepoint (+2) the conditional
    # update, the roadmap's steps, the credential it may have earned, the dates that moved (its own: done
    # earlier, it moves nothing after it, which cannot start before today) and not the roadmap's, which hold;
    # after it, the person's kept pages are out of date (+1)
    with django_assert_num_queries(10):
        response = htmx_post(client, url, {"done_on": "2027-01-25"})

    assert fragment(response).definitions()["Done"] == "Done on 25 Jan 2027"
    assert out_of_band(response)["progress"].texts("progress-count")[0] == f"1 of {n} steps done"


@pytest.mark.parametrize(
    ("title", "data", "others"),
    [
        # Done months early: the 10 steps after it move.
        (COURSE, {"status": "done", "expected": "not_started"}, 10),
        # Started out of order, it becomes the next step: the step that was next no longer is. No date moves.
        ("Study anatomy and physiology", {"status": "in_progress", "expected": "not_started"}, 1),
        # Skipped, it takes no time: every step after it moves, and the next step is another.
        ("Study medical terminology", {"status": "skipped", "expected": "not_started"}, 13),
        # The status shown pressed again: nothing changes.
        ("Study medical terminology", {"status": "not_started", "expected": "not_started"}, 0),
    ],
)
def test_an_htmx_status_change_refreshes_every_step_it_changed_and_only_those(
    client: Client, roadmap: Roadmap, maya: CareerProfile, title: str, data: dict[str, str], others: int
) -> None:
    reschedule(roadmap=roadmap, today=TODAY)  # as any earlier change today did: only this change moves dates
    step = step_of(roadmap, title)
    logged_in(client, maya)
    before = page(client.get(roadmap.get_absolute_url()))

    response = htmx_post(client, status_url(step), data)

    after = page(client.get(roadmap.get_absolute_url()))
    changed = {key for key, card in cards(after).items() if card != cards(before)[key]} - {f"step-{step.pk}"}
    refreshed = out_of_band(response)
    assert (len(changed), set(refreshed)) == (others, {"progress", *changed})
    assert {key: as_seen(refreshed[key]) for key in changed} == {key: cards(after)[key] for key in changed}
    assert as_seen(refreshed["progress"]) == as_seen(after.by_id("progress"))
    # Only the step the person pressed takes the focus and says what happened.
    assert [node.attrs["id"] for node in roots(response) if node.find_all(cls="step-message")] == [f"step-{step.pk}"]
    assert [node.attrs["id"] for node in roots(response) if "autofocus" in str(as_seen(node))] == [f"step-{step.pk}"]


def test_a_status_change_refused_as_stale_refreshes_only_the_progress_box(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    course = step_of(roadmap, COURSE)
    RoadmapStep.objects.filter(pk=course.pk).update(status="done", completed_on=date(2027, 1, 30))
    logged_in(client, maya)

    response = htmx_post(client, status_url(course), {"status": "in_progress", "expected": "not_started"})

    # Another tab changed it: the box shows the step counted as done, though this click changed nothing.
    assert list(out_of_band(response)) == ["progress"]
    assert out_of_band(response)["progress"].texts("progress-count")[:2] == ["1 of 14 steps done", "1 of 4 steps done"]


def test_every_step_form_posts_to_its_own_step(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    finish_education(roadmap, date(2027, 1, 20))  # done steps have the form that changes their day
    logged_in(client, maya)
    course = step_of(roadmap, COURSE)
    client.post(status_url(course), {"status": "not_started", "expected": "done"})  # offers "Undo" once

    response = client.get(roadmap.get_absolute_url())

    forms = {
        step.pk: [
            (form.attrs["action"], form.attrs["hx-post"]) for form in step_node(response, step).find_all(tag="form")
        ]
        for step in roadmap.steps.all()
    }
    names = {"done": ["step_status", "step_completed_on", "step_note"], "not_started": ["step_status", "step_note"]}
    assert forms == {
        step.pk: [
            (reverse(f"roadmap:{name}", args=[roadmap.pk, step.pk]),) * 2
            for name in (["step_status", "step_status", "step_note"] if step.pk == course.pk else names[step.status])
        ]
        for step in roadmap.steps.all()
    }


def csrf_tokens(node: Node) -> list[str]:
    return [i.attrs["value"] for i in node.find_all(tag="input") if i.attrs.get("name") == "csrfmiddlewaretoken"]


@pytest.mark.parametrize("htmx", [False, True])
def test_the_token_in_every_step_form_is_accepted(roadmap: Roadmap, maya: CareerProfile, htmx: bool) -> None:
    client = logged_in(Client(enforce_csrf_checks=True), maya)
    course = step_of(roadmap, COURSE)
    response = client.get(roadmap.get_absolute_url())
    [token] = csrf_tokens(step_node(response, course).find_all(tag="form")[0])
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    changed = client.post(
        status_url(course), {"csrfmiddlewaretoken": token, "status": "done", "expected": "not_started"}, **headers
    )

    # Two forms on each of the 14 steps, the sharing box's and the menu's "Log out": one token, masked once.
    assert (len(csrf_tokens(main(response))), set(csrf_tokens(page(response)))) == (2 * 14 + 1, {token})
    assert (changed.status_code, state(course)) == ((200 if htmx else 302), ("done", "not_started", TODAY))


# ------------------------------------------------------------------ notes


def test_a_note_is_saved_and_shown_on_the_step(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    course = step_of(roadmap, COURSE)
    logged_in(client, maya)

    response = client.post(note_url(course), {"note": "  Class on Tuesdays  "})

    assert response["Location"] == f"/roadmaps/{roadmap.pk}/#step-{course.pk}"
    assert messages_of(response) == [f"Note saved on “{COURSE}”."]
    course.refresh_from_db()
    assert course.note == "Class on Tuesdays"
    textarea = step_node(client.get(roadmap.get_absolute_url()), course).find_all(tag="textarea")[0]
    assert (textarea.text(), textarea.attrs["maxlength"]) == ("Class on Tuesdays", "2000")


def test_an_htmx_note_returns_the_step_fragment(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    course = step_of(roadmap, COURSE)

    response = htmx_post(logged_in(client, maya), note_url(course), {"note": "Done chapter 3"})

    assert fragment(response).attrs["id"] == f"step-{course.pk}"
    assert fragment(response).texts("step-message") == ["Note saved."]
    assert fragment(response).find_all(tag="textarea")[0].text() == "Done chapter 3"


def test_a_note_too_long_is_refused_and_kept_for_editing(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    course = step_of(roadmap, COURSE)
    RoadmapStep.objects.filter(pk=course.pk).update(note="Old note")
    logged_in(client, maya)
    text = "x" * 2001

    plain = client.post(note_url(course), {"note": text})
    htmx = htmx_post(client, note_url(course), {"note": text})

    assert plain.status_code == 400
    assert page_messages(plain) == [
        "Your note was not saved: Keep your note to 2000 characters or fewer (it has 2001)."
    ]
    assert step_node(plain, course).texts("form-error") == ["Keep your note to 2000 characters or fewer (it has 2001)."]
    assert step_node(plain, course).find_all(tag="textarea")[0].text() == text
    assert fragment(htmx).texts("form-error") == ["Keep your note to 2000 characters or fewer (it has 2001)."]
    course.refresh_from_db()
    assert course.note == "Old note"


def test_saving_a_note_never_overwrites_a_status_changed_meanwhile(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    course = step_of(roadmap, COURSE)
    logged_in(client, maya)
    RoadmapStep.objects.filter(pk=course.pk).update(status="in_progress")

    client.post(note_url(course), {"note": "New"})

    assert RoadmapStep.objects.filter(pk=course.pk).values_list("status", "note").get() == ("in_progress", "New")


# ---------------------------------------------------------------- re-plan


def test_the_replan_page_explains_what_a_replan_does(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    response = logged_in(client, maya).get(reverse("roadmap:replan", args=[roadmap.pk]))

    assert h1(response) == ["Re-plan your CPC roadmap?"]
    assert (
        main(response)
        .find_all(cls="replan-explained")[0]
        .text()
        .startswith("Steps you marked done stay done, with their dates and notes")
    )
    assert [b.text() for b in main(response).find_all(tag="button")] == ["Re-plan this roadmap"]


def test_a_replan_keeps_done_steps_and_the_page_says_what_changed(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    course = step_of(roadmap, COURSE)
    finish_education(roadmap, date(2027, 1, 20))
    RoadmapStep.objects.filter(pk=course.pk).update(note="Finished")
    maya.coding_months, maya.currently_coding = 36, True
    maya.save()
    logged_in(client, maya)

    response = client.post(reverse("roadmap:replan", args=[roadmap.pk]), {"action": "replan"})

    assert (response["Location"], messages_of(response)) == (
        f"/roadmaps/{roadmap.pk}/",
        ["Re-planned from your current profile: see what changed below."],
    )
    page_after = client.get(roadmap.get_absolute_url())
    summary = main(page_after).find_all(cls="replan-summary")[0]
    assert summary.texts("replan-removed") == ["Work as a coder for 12 months"]
    # What she finished counts: the re-plan asks for no study the course and her study steps covered, and
    # dates the rest from her real completion dates, so her credential date does not move.
    assert (summary.texts("replan-added"), summary.texts("replan-date")) == ([], [])
    assert Roadmap.objects.get(pk=roadmap.pk).credential_on == date(2027, 2, 15)
    assert RoadmapStep.objects.filter(pk=course.pk).values_list("status", "note").get() == ("done", "Finished")


def test_the_replan_summary_is_dismissed_with_a_post(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    Roadmap.objects.filter(pk=roadmap.pk).update(last_replan={"added": ["X"], "removed": [], "kept_done": []})
    logged_in(client, maya)
    assert main(client.get(roadmap.get_absolute_url())).texts("replan-added") == ["X"]

    response = client.post(reverse("roadmap:replan", args=[roadmap.pk]), {"action": "dismiss"})

    assert response["Location"] == f"/roadmaps/{roadmap.pk}/"
    assert Roadmap.objects.get(pk=roadmap.pk).last_replan is None
    assert main(client.get(roadmap.get_absolute_url())).find_all(cls="replan-summary") == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "We could not tell what you wanted to do: nothing changed. Try again."),
        ({"action": "explode"}, "“explode” is not something this page can do: nothing changed."),
    ],
)
def test_a_bad_replan_action_changes_nothing(
    client: Client, roadmap: Roadmap, maya: CareerProfile, data: dict[str, str], message: str
) -> None:
    before = list(roadmap.steps.values_list("key", "position", "title"))

    response = logged_in(client, maya).post(reverse("roadmap:replan", args=[roadmap.pk]), data)

    assert (response.status_code, page_messages(response)) == (400, [message])
    assert list(roadmap.steps.values_list("key", "position", "title")) == before


# -------------------------------------------------------------- dashboard


def test_the_dashboard_asks_a_new_user_where_they_stand(client: Client) -> None:
    response = logged_in(client, UserFactory()).get(reverse("roadmap:dashboard"))

    assert h1(response) == ["Dashboard"]
    empty = main(response).find_all(cls="empty-state")[0]
    assert [(a.text(), a.attrs["href"]) for a in empty.find_all(tag="a")] == [("Tell us where you stand", "/profile/")]


def test_the_dashboard_sends_a_user_without_roadmaps_to_recommendations(client: Client, maya: CareerProfile) -> None:
    response = logged_in(client, maya).get(reverse("roadmap:dashboard"))

    empty = main(response).find_all(cls="empty-state")[0]
    assert [(a.text(), a.attrs["href"]) for a in empty.find_all(tag="a")] == [
        ("See the certifications recommended for you", "/recommendations/")
    ]


def test_the_dashboard_shows_progress_next_steps_overdue_and_all_roadmaps(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    other = save_cpc(maya, "COC")
    finish_education(roadmap, date(2027, 1, 20))
    RoadmapStep.objects.filter(roadmap=roadmap, title="Join AAPC").update(planned_finish=date(2027, 1, 25))

    response = logged_in(client, maya).get(reverse("roadmap:dashboard"))

    assert main(response).texts("progress-count")[0] == "4 of 14 steps done"
    assert main(response).texts("credential-dates") == [
        "Projected credential date: likely 15 Feb 2027 (between 12 Feb 2027 and 18 Feb 2027)"
    ]
    # One schedule: the next step and the overdue list give the same date.
    assert [node.text() for node in main(response).find_all(cls="next-steps")[0].find_all(tag="li")] == [
        "Join AAPC by 25 Jan 2027"
    ]
    assert [node.text() for node in main(response).find_all(cls="overdue-steps")[0].find_all(tag="li")] == [
        "Join AAPC planned to finish by 25 Jan 2027"
    ]
    assert [a.attrs["href"] for a in main(response).find_all(cls="all-roadmaps")[0].find_all(tag="a")] == [
        f"/roadmaps/{roadmap.pk}/",
        f"/roadmaps/{other.pk}/",
    ]


def test_the_dashboard_lists_up_to_three_steps_whose_dependencies_are_finished(
    client: Client, maya: CareerProfile
) -> None:
    roadmap = RoadmapFactory(user=maya.user, is_active=True)
    for index, depends in enumerate([[], [], ["a"], [], [], []]):
        RoadmapStepFactory(
            roadmap=roadmap, key="abcdef"[index], position=index, title=f"Step {'abcdef'[index]}", depends_on=depends
        )

    response = logged_in(client, maya).get(reverse("roadmap:dashboard"))

    assert [a.text() for a in main(response).find_all(cls="next-steps")[0].find_all(tag="a")] == [
        "Step a",
        "Step b",
        "Step d",
    ]


@pytest.mark.parametrize("n", [5, 40])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    client: Client, maya: CareerProfile, django_assert_num_queries: Any, n: int
) -> None:
    make_roadmap(maya.user, n, is_active=True)
    make_roadmap(maya.user, n)
    held = hold(maya, "CCA", date(2025, 3, 15))
    for day in range(n):
        log_activity(maya, date(2026, 1, 1) + timedelta(days=day), "1", held)
    logged_in(client, maya)

    # session, user, profile, roadmaps, the active one's steps; the CEU card (ceu_overview): credentials,
    # their certifications' minimums, memberships, activities, their credentials and certifications, CEU policies
    with django_assert_num_queries(12):
        response = client.get(reverse("roadmap:dashboard"))

    assert len(main(response).find_all(cls="all-roadmaps")[0].find_all(tag="li")) == 2
    (ceu_card,) = main(response).find_all(cls="ceu-body")
    assert ceu_card.find_all(cls="ceu-earned")[0].text() == f"{n} CEUs"


# ----------------------------------------------------------- authorization


@pytest.fixture
def intruder(client: Client) -> Client:
    """Signed in as someone else, with a profile and a roadmap of their own."""
    other = maya_profile()
    save_cpc(other)
    return logged_in(client, other)


def snapshot(roadmap: Roadmap) -> list[tuple[Any, ...]]:
    return [
        (roadmap.is_active, roadmap.last_replan),
        *roadmap.steps.order_by("position").values_list("key", "title", "status", "note", "completed_on"),
    ]


@pytest.mark.parametrize(
    ("method", "name", "data"),
    [
        ("get", "roadmap:detail", {}),
        ("get", "roadmap:delete", {}),
        ("post", "roadmap:delete", {}),
        ("post", "roadmap:activate", {}),
        ("get", "roadmap:replan", {}),
        ("post", "roadmap:replan", {"action": "replan"}),
        ("post", "roadmap:replan", {"action": "dismiss"}),
    ],
)
def test_another_users_roadmap_is_a_404_and_stays_unchanged(
    intruder: Client, maya: CareerProfile, method: str, name: str, data: dict[str, str]
) -> None:
    roadmap = save_cpc(maya, "COC")  # not active: activating it would change it
    Roadmap.objects.filter(pk=roadmap.pk).update(last_replan={"added": ["X"]})
    roadmap.refresh_from_db()
    before = snapshot(roadmap)

    response = getattr(intruder, method)(reverse(name, args=[roadmap.pk]), data)

    assert (response.status_code, h1(response)) == (404, ["Page not found"])
    roadmap.refresh_from_db()
    assert snapshot(roadmap) == before


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("roadmap:step_status", {"status": "done", "expected": "not_started"}),
        ("roadmap:step_note", {"note": "Mine now"}),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_another_users_step_is_a_404_and_stays_unchanged(
    intruder: Client, roadmap: Roadmap, name: str, data: dict[str, str], htmx: bool
) -> None:
    step = step_of(roadmap, COURSE)
    before = snapshot(roadmap)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    response = intruder.post(reverse(name, args=[roadmap.pk, step.pk]), data, **headers)

    assert response.status_code == 404
    assert snapshot(roadmap) == before


@pytest.mark.parametrize("name", ["roadmap:step_status", "roadmap:step_note"])
def test_a_step_must_belong_to_the_roadmap_in_the_url(
    client: Client, roadmap: Roadmap, maya: CareerProfile, name: str
) -> None:
    mine_too = save_cpc(maya, "COC")
    step = step_of(roadmap, COURSE)
    before = snapshot(roadmap)

    response = logged_in(client, maya).post(
        reverse(name, args=[mine_too.pk, step.pk]), {"status": "done", "expected": "not_started", "note": "x"}
    )

    assert response.status_code == 404
    assert snapshot(roadmap) == before


def test_replanning_without_a_profile_sends_the_user_to_make_one(client: Client) -> None:
    roadmap = make_roadmap(UserFactory(), 5, is_active=True)
    before = snapshot(roadmap)

    response = logged_in(client, roadmap.user).post(reverse("roadmap:replan", args=[roadmap.pk]), {"action": "replan"})

    assert (response["Location"], messages_of(response)) == (
        "/profile/",
        ["Tell us where you stand first: your plan is worked out from your profile."],
    )
    assert snapshot(roadmap) == before


def test_replanning_a_certification_no_longer_in_the_catalogue_changes_nothing(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    Certification.objects.filter(code="CPC").update(is_active=False)
    CatalogueVersion.bump()  # as an admin save does
    before = snapshot(roadmap)

    response = logged_in(client, maya).post(reverse("roadmap:replan", args=[roadmap.pk]), {"action": "replan"})

    assert messages_of(response) == ["CPC is no longer in our catalogue, so this roadmap cannot be re-planned."]
    assert snapshot(roadmap) == before


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("roadmap:step_status", {"status": "done", "expected": "not_started"}),
        ("roadmap:step_note", {"note": "Forged"}),
        ("roadmap:activate", {}),
        ("roadmap:delete", {}),
        ("roadmap:replan", {"action": "dismiss"}),
    ],
)
def test_every_change_needs_the_csrf_token(
    roadmap: Roadmap, maya: CareerProfile, name: str, data: dict[str, str]
) -> None:
    Roadmap.objects.filter(pk=roadmap.pk).update(is_active=False, last_replan={"added": ["X"]})
    roadmap.refresh_from_db()
    before = snapshot(roadmap)
    client = logged_in(Client(enforce_csrf_checks=True), maya)
    step = step_of(roadmap, COURSE)
    args = [roadmap.pk, step.pk] if name.startswith("roadmap:step_") else [roadmap.pk]

    response = client.post(reverse(name, args=args), data, HTTP_HX_REQUEST="true")

    assert response.status_code == 403
    roadmap.refresh_from_db()
    assert snapshot(roadmap) == before


def test_saving_a_plan_needs_the_csrf_token(maya: CareerProfile) -> None:
    client = logged_in(Client(enforce_csrf_checks=True), maya)

    response = client.post(reverse("roadmap:preview", args=["CPC"]), {"save_token": str(uuid.uuid4())})

    assert (response.status_code, Roadmap.objects.filter(user=maya.user).count()) == (403, 0)


# ------------------------------------------- effort, costs, knowledge, apprentice


def test_a_saved_step_names_its_effort_source_or_says_it_is_our_estimate(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    response = logged_in(client, maya).get(roadmap.get_absolute_url())

    sourced = step_node(response, step_of(roadmap, "Study medical terminology"))
    estimated = step_node(response, step_of(roadmap, "Join AAPC"))
    assert sourced.definitions()["Effort"] == "37.5 to 135 hours (likely 86)"
    assert [(a.text(), a.attrs["href"]) for a in sourced.find_all(cls="effort-basis")[0].find_all(tag="a")] == [
        (
            "Oakton Community College: HIT 104 Medical Terminology syllabus",
            "http://www.oakton.edu/academics/academic_departments/health_info_tech/syllabi/hit104.php",
        )
    ]
    assert (sourced.texts("estimate-label"), estimated.texts("estimate-label")) == ([], ["Our estimate:"])
    assert {name: estimated.definitions()[name] for name in ("Effort", "Effort basis")} == {
        "Effort": "0.5 to 1 hours (likely 0.75)",
        "Effort basis": "Our estimate: joining is an online form and a payment.",
    }


def test_a_step_saved_before_effort_ranges_shows_its_one_figure(client: Client, maya: CareerProfile) -> None:
    roadmap = make_roadmap(maya.user, 1, is_active=True)
    RoadmapStep.objects.filter(roadmap=roadmap).update(effort_hours=3, effort_low_hours=3, effort_high_hours=3)

    response = logged_in(client, maya).get(roadmap.get_absolute_url())

    facts = step_node(response, roadmap.steps.get()).definitions()
    assert ("Effort basis" in facts, facts["Effort"]) == (False, "3 hours")


def test_the_roadmap_page_totals_hours_and_costs_without_reading_zero(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    response = logged_in(client, maya).get(roadmap.get_absolute_url())

    glance = section(response, "summary-heading")
    assert {name: glance.definitions()[name] for name in ("Study and exam hours", "Cost to the credential")} == {
        "Study and exam hours": "393 to 597 hours (likely 495)",
        "Cost to the credential": "$190 known, plus 3 costs to check with the provider Check with the provider for: "
        "Complete: AAPC CPC preparation course (80 contact hours); Register for the CPC exam; "
        "Take timed practice exams.",
    }
    proof = step_of(roadmap, "Send AAPC your proof to remove CPC-A")
    assert glance.definitions()["On passing"] == (
        "You pass as CPC-A (apprentice). Your plan removes it with the step “Send AAPC your proof to remove "
        "CPC-A”, dated 20 Dec 2028 (between 9 Oct 2028 and 28 Feb 2029)."
    )
    assert glance.find_all(cls="apprentice")[0].links() == [
        ("Send AAPC your proof to remove CPC-A", f"#step-{proof.pk}")
    ]


def test_a_roadmap_with_nothing_published_about_its_costs_says_so(client: Client, maya: CareerProfile) -> None:
    roadmap = RoadmapFactory(user=maya.user, known_cost=0, unknown_costs=["Sit the exam"])

    response = logged_in(client, maya).get(roadmap.get_absolute_url())

    assert main(response).texts("total-cost") == [
        "costs not published: check with the provider Check with the provider for: Sit the exam."
    ]


def test_the_roadmap_page_says_what_the_exam_expects_as_saved(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    response = logged_in(client, maya).get(roadmap.get_absolute_url())

    knowledge = section(response, "knowledge-heading")
    assert [area.text() for area in knowledge.find_all(cls="knowledge-status")] == [
        "Studied in this plan: “Study medical terminology”.",
        "Studied in this plan: “Study anatomy and physiology”.",
        "Studied in this plan: “Study pathophysiology”.",
        f"Your plan includes {COURSE.removeprefix('Complete: ')}, which covers it.",
        f"Your plan includes {COURSE.removeprefix('Complete: ')}, which covers it.",
    ]
    assert knowledge.texts("knowledge-recommended") == ["Recommended, not required"] * 5


def test_marking_the_proof_step_done_removes_the_apprentice_designation_from_the_wallet(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    logged_in(client, maya)
    sit, proof = step_of(roadmap, "Sit the CPC exam"), step_of(roadmap, "Send AAPC your proof to remove CPC-A")
    client.post(status_url(sit), {"status": "done", "expected": "not_started"})
    held = HeldCredential.objects.get(profile=maya)

    def wallet_badges() -> list[str]:
        return main(client.get(reverse("ceus:wallet"))).by_id(f"credential-{held.pk}").texts("apprentice-badge")

    before = wallet_badges()
    client.post(status_url(proof), {"status": "done", "expected": "not_started"})
    removed = wallet_badges()
    htmx_post(client, status_url(proof), {"status": "not_started", "expected": "done"})
    restored = wallet_badges()

    assert (before, removed, restored) == (["CPC-A (apprentice)"], [], ["CPC-A (apprentice)"])
