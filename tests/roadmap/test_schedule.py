"""One schedule: real completion dates, pace, and the roadmap telling when the catalogue or the profile changed.

Every surface (roadmap page, progress box, dashboard, calendar feed, reminders)
reads the dates roadmap.plans.services.reschedule stores; tests/roadmap/test_schedule_property.py
checks that they agree for generated histories.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from certifications.models import CatalogueVersion, Certification
from roadmap.models import CareerProfile, Roadmap, RoadmapStep
from roadmap.plans.services import set_step_status
from tests.html import main, page
from tests.roadmap.helpers import logged_in, messages_of

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 20)
TERMINOLOGY = "knowledge:medical-terminology"


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def _status(client: Client, step: RoadmapStep, *, htmx: bool = False, **data: str) -> Any:
    url = reverse("roadmap:step_status", args=[step.roadmap_id, step.pk])
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(url, {"status": "done", "expected": step.status, **data}, **headers)


def test_marking_done_records_the_real_day_and_the_dates_after_it_move(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    step = roadmap.steps.get(key=TERMINOLOGY)
    saved_credential = roadmap.credential_on
    logged_in(client, maya)

    _status(client, step, done_on="2027-02-10")

    step.refresh_from_db()
    roadmap.refresh_from_db()
    next_step = roadmap.steps.get(key="knowledge:anatomy-physiology")
    assert (step.status, step.completed_on, step.planned_finish) == ("done", date(2027, 2, 10), date(2027, 2, 10))
    # The next study step starts today (it cannot start in the past): the credential moves by the 14 days
    # between the first step's planned finish (6 Mar) and today.
    assert next_step.planned_start == TODAY
    assert (saved_credential, roadmap.credential_on, roadmap.saved_credential_on) == (
        date(2027, 12, 20),
        date(2028, 1, 3),
        date(2027, 12, 20),
    )


def test_marking_done_without_a_day_means_today(client: Client, roadmap: Roadmap, maya: CareerProfile) -> None:
    step = roadmap.steps.get(key=TERMINOLOGY)
    logged_in(client, maya)

    _status(client, step)

    assert RoadmapStep.objects.get(pk=step.pk).completed_on == TODAY


@pytest.mark.parametrize(
    ("done_on", "message"),
    [
        ("2027-03-21", "Nothing changed: The day you finished cannot be in the future (today is 2027-03-20)."),
        ("21/03/2027", "Nothing changed: Enter the day you finished as YYYY-MM-DD, e.g. 2027-03-06."),
        ("1999-12-31", "Nothing changed: Enter a day after 2000-01-01."),
    ],
)
def test_a_completion_day_in_the_future_or_malformed_changes_nothing(
    client: Client, roadmap: Roadmap, maya: CareerProfile, done_on: str, message: str
) -> None:
    step = roadmap.steps.get(key=TERMINOLOGY)
    logged_in(client, maya)

    response = _status(client, step, done_on=done_on)

    assert (response.status_code, messages_of(response)) == (400, [message])
    assert RoadmapStep.objects.filter(pk=step.pk).values_list("status", "completed_on").get() == ("not_started", None)


def test_the_real_day_of_a_done_step_can_be_changed_and_the_schedule_follows(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    step = roadmap.steps.get(key=TERMINOLOGY)
    set_step_status(step=step, status="done", expected="not_started", today=TODAY)
    logged_in(client, maya)

    response = client.post(reverse("roadmap:step_completed_on", args=[roadmap.pk, step.pk]), {"done_on": "2027-01-31"})

    assert messages_of(response) == ["“Study medical terminology” was done on 31 Jan 2027; the dates after it follow."]
    assert RoadmapStep.objects.get(pk=step.pk).completed_on == date(2027, 1, 31)
    form = page(client.get(roadmap.get_absolute_url())).by_id(f"step-{step.pk}").find_all(cls="step-done-on-form")
    assert [node.find_all(tag="input")[-1].attrs["value"] for node in form] == ["2027-01-31"]


def test_the_page_says_how_far_behind_the_saved_plan_and_where_the_real_pace_leads(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    step = roadmap.steps.get(key=TERMINOLOGY)
    set_step_status(step=step, status="done", expected="not_started", today=TODAY, done_on=date(2027, 3, 15))

    response = logged_in(client, maya).get(roadmap.get_absolute_url())

    # 86.25 hours in the 70 days since the start: about 8.6 hours a week instead of the 10 planned.
    assert main(response).texts("plan-pace") == [
        "14 days behind the credential date you saved (20 Dec 2027). At your pace so far, about 8.6 study hours a "
        "week, the credential would come on 14 Mar 2028."
    ]


def test_the_page_lists_what_the_catalogue_changed_and_a_replan_clears_it(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    logged_in(client, maya)
    assert main(client.get(roadmap.get_absolute_url())).find_all(cls="catalogue-drift") == []

    Certification.objects.filter(code="CPC").update(ceus_per_cycle=40)
    CatalogueVersion.bump()  # as an admin save does
    drift = main(client.get(roadmap.get_absolute_url())).find_all(cls="catalogue-drift")

    assert [node.texts("drift-saved") + node.texts("drift-now") for node in drift] == [
        ["When you saved: 36", "Now: 40"]
    ]
    client.post(reverse("roadmap:replan", args=[roadmap.pk]), {"action": "replan"})
    assert main(client.get(roadmap.get_absolute_url())).find_all(cls="catalogue-drift") == []


def test_an_unrelated_catalogue_change_is_checked_once_then_costs_nothing(
    client: Client, roadmap: Roadmap, maya: CareerProfile, django_assert_num_queries: Any
) -> None:
    Certification.objects.filter(code="CCS").update(ceus_per_cycle=25)
    CatalogueVersion.bump()
    logged_in(client, maya)

    assert main(client.get(roadmap.get_absolute_url())).find_all(cls="catalogue-drift") == []
    assert Roadmap.objects.get(pk=roadmap.pk).catalogue_version == CatalogueVersion.current()
    # +1 since pages are kept: the catalogue's and the person's page versions, read before rendering
    with django_assert_num_queries(9):
        client.get(roadmap.get_absolute_url())


def test_the_page_says_when_the_profile_changed_since_the_plan_but_not_for_a_credential_it_earned(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    exam = roadmap.steps.get(key="exam:CPC:40")
    set_step_status(step=exam, status="done", expected="not_started", today=TODAY)  # CPC enters the wallet
    logged_in(client, maya)
    assert [n.definitions() for n in main(client.get(roadmap.get_absolute_url())).find_all(cls="profile-drift")] == []

    CareerProfile.objects.filter(pk=maya.pk).update(hours_per_week=20)

    [banner] = main(client.get(roadmap.get_absolute_url())).find_all(cls="profile-drift")
    assert banner.definitions() == {"Hours a week for study": "When planned: 10 Now: 20"}


def test_a_catalogue_edit_in_the_admin_and_a_seed_load_that_writes_count_as_changes(admin_client: Client) -> None:
    from certifications.seed.loader import load_catalogue

    before = CatalogueVersion.current()
    load_catalogue()  # the seed is already loaded: nothing to write
    assert CatalogueVersion.current() == before
    cpc = Certification.objects.get(code="CPC")
    admin_client.post(reverse("admin:certifications_certification_delete", args=[cpc.pk]), {"post": "yes"})
    assert CatalogueVersion.current() == before + 1


def test_with_javascript_the_real_day_comes_back_in_the_steps_fragment(
    client: Client, roadmap: Roadmap, maya: CareerProfile
) -> None:
    step = roadmap.steps.get(key=TERMINOLOGY)
    logged_in(client, maya)

    response = _status(client, step, done_on="2027-03-01", htmx=True)

    fragment = page(response).by_id(f"step-{step.pk}")
    assert fragment.texts("step-message") == ["“Study medical terminology” is now Done."]
    assert fragment.definitions()["Done"] == "Done on 1 Mar 2027"
    # The progress box and the steps whose dates moved come in the same response, swapped out of band,
    # as the page shows them once reloaded.
    anatomy = roadmap.steps.get(key="knowledge:anatomy-physiology")
    reloaded = page(client.get(roadmap.get_absolute_url()))
    moved = page(response).by_id(f"step-{anatomy.pk}")
    assert (moved.attrs["hx-swap-oob"], moved.definitions()["Projected dates"]) == (
        "true",
        "20 Mar 2027 to 14 Jul 2027; depending on study pace, finishes between 3 Jul 2027 and 24 Jul 2027",
    )
    assert moved.definitions() == reloaded.by_id(f"step-{anatomy.pk}").definitions()
    assert page(response).by_id("progress").definitions() == reloaded.by_id("progress").definitions()
