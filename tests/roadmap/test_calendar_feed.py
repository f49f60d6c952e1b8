"""The private calendar feed (roadmap/keeping/calendar_feed.py, roadmap/keeping/calendar_views.py): its events read back
with icalendar, the secret address as the only credential, regenerating it, and its query budget."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from icalendar import Calendar

from roadmap.keeping.calendar_feed import calendar_feed_url
from roadmap.models import CareerProfile, Roadmap, RoadmapStep
from tests.factories import CareerProfileFactory, RoadmapFactory, RoadmapStepFactory, UserFactory
from tests.html import page
from tests.roadmap.helpers import hold, log_activity, member_of

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 3, 1, 9, 30, tzinfo=datetime.UTC)
SITE = "https://planner.example"
NEW_ADDRESS = (
    "Your calendar has a new address. The old one no longer works: "
    "subscribe again with the new address in your calendar app."
)


@pytest.fixture(autouse=True)
def _site_and_clock(settings: Any) -> Iterator[None]:
    settings.SITE_ROOT = SITE
    settings.SITE_ROOT_IS_SET = True  # tests/roadmap/test_calendar_feed_address.py checks it unset
    with time_machine.travel(NOW, tick=False):
        yield


def _person(username: str) -> CareerProfile:
    return CareerProfileFactory(user=UserFactory(username=username))


def _roadmap(profile: CareerProfile, *, active: bool = True) -> Roadmap:
    return RoadmapFactory(user=profile.user, is_active=active, certification_code="CPC")


def _step(roadmap: Roadmap, title: str, finish: date | None, status: str = "not_started", **fields: Any) -> RoadmapStep:
    return RoadmapStepFactory(roadmap=roadmap, title=title, planned_finish=finish, status=status,
                              completed_on=finish if status == "done" else None, **fields)  # fmt: skip


def _feed_url(profile: CareerProfile) -> str:
    return reverse("ceus:calendar_feed", args=[profile.calendar_token])


def _events(response: Any) -> set[tuple[str, str, date]]:
    calendar = Calendar.from_ical(response.content)
    return {(str(event["UID"]), str(event["SUMMARY"]), event.start) for event in calendar.events}


def _maya_plans(maya: CareerProfile) -> dict[str, Any]:
    roadmap = _roadmap(maya)
    steps = {
        "study": _step(roadmap, "Study anatomy", date(2027, 3, 10)),
        "late": _step(roadmap, "Practice exams", date(2027, 2, 20), status="in_progress"),
        "exam": _step(roadmap, "Sit the CPC exam", date(2027, 6, 1), earns="CPC"),
        "other_exam": _step(roadmap, "Sit the CCA exam", date(2027, 5, 1), earns="CCA"),
    }
    _step(roadmap, "Done already", date(2027, 2, 1), status="done")
    _step(roadmap, "Skipped", date(2027, 2, 2), status="skipped")
    _step(roadmap, "No date yet", None)
    _step(_roadmap(maya, active=False), "Another plan's step", date(2027, 3, 12))
    cca = hold(maya, "CCA", date(2025, 3, 15))
    log_activity(maya, date(2026, 1, 10), "7.5", cca)
    membership = member_of(maya, "AAPC", date(2027, 4, 1))
    return {"roadmap": roadmap, "membership": membership, **steps}


# ------------------------------------------------------------------- feed


def test_feed_lists_open_step_due_dates_the_exam_ceu_deadline_and_membership_renewal(client: Client, maya):
    made = _maya_plans(maya)

    response = client.get(_feed_url(maya))

    assert (response.status_code, response["Content-Type"], response["Cache-Control"]) == (
        200,
        "text/calendar; charset=utf-8",
        "private",
    )
    assert response["Content-Disposition"] == 'attachment; filename="career-planner.ics"'
    assert _events(response) == {
        (f"step-{made['late'].pk}@careerplanner", "Due: Practice exams", date(2027, 2, 20)),
        (f"step-{made['study'].pk}@careerplanner", "Due: Study anatomy", date(2027, 3, 10)),
        ("ceus-AHIMA@careerplanner", "CEUs due: AHIMA (12.5 to go)", date(2027, 3, 14)),
        (f"membership-{made['membership'].pk}@careerplanner", "Renew AAPC membership", date(2027, 4, 1)),
        (f"step-{made['other_exam'].pk}@careerplanner", "Due: Sit the CCA exam", date(2027, 5, 1)),
        (f"step-{made['exam'].pk}@careerplanner", "Exam: CPC", date(2027, 6, 1)),
    }


def test_feed_calendar_and_events_carry_the_properties_calendar_apps_need(client: Client, maya):
    made = _maya_plans(maya)

    calendar = Calendar.from_ical(client.get(_feed_url(maya)).content)

    assert (str(calendar["VERSION"]), str(calendar["PRODID"]), str(calendar["X-WR-CALNAME"])) == (
        "2.0",
        "-//Career Planner//Calendar feed//EN",
        "Career Planner",
    )
    assert {(event.DTSTAMP, event.end - event.start) for event in calendar.events} == {(NOW, timedelta(days=1))}
    assert {str(event["TRANSP"]) for event in calendar.events} == {"TRANSPARENT"}
    study = next(e for e in calendar.events if str(e["UID"]) == f"step-{made['study'].pk}@careerplanner")
    link = f"{SITE}/roadmaps/{made['roadmap'].pk}/#step-{made['study'].pk}"
    assert (str(study["DESCRIPTION"]), str(study["URL"])) == (f"Because the plan needs it.\n\n{link}", link)
    ceus = next(e for e in calendar.events if str(e["UID"]) == "ceus-AHIMA@careerplanner")
    assert (str(ceus["DESCRIPTION"]), str(ceus["URL"])) == (
        "Last day of your American Health Information Management Association CEU cycle "
        f"(15 March 2025 to 14 March 2027): 12.5 to go.\n\n{SITE}/ceus/",
        f"{SITE}/ceus/",
    )


def test_feed_of_someone_with_nothing_planned_is_an_empty_calendar(client: Client, maya):
    response = client.get(_feed_url(maya))

    assert (response.status_code, _events(response)) == (200, set())


def test_feed_shows_a_ceu_cycle_with_every_ceu_in_as_all_in(client: Client, maya):
    cca = hold(maya, "CCA", date(2025, 3, 15))
    log_activity(maya, date(2026, 1, 10), "20", cca, title="Course")

    response = client.get(_feed_url(maya))

    assert _events(response) == {("ceus-AHIMA@careerplanner", "CEUs due: AHIMA (all in)", date(2027, 3, 14))}


def test_unknown_token_is_a_404(client: Client, maya):
    _maya_plans(maya)

    response = client.get(reverse("ceus:calendar_feed", args=["not-a-real-token"]))

    assert response.status_code == 404


def test_token_of_a_deactivated_account_is_a_404(client: Client, maya):
    maya.user.is_active = False
    maya.user.save()

    assert client.get(_feed_url(maya)).status_code == 404


def test_another_users_token_shows_only_their_own_events(client: Client, maya):
    _maya_plans(maya)
    lee = _person("lee")
    lee_step = _step(_roadmap(lee), "Lee's step", date(2027, 4, 2))
    client.force_login(maya.user)  # being logged in as someone else changes nothing: the token decides

    response = client.get(_feed_url(lee))

    assert _events(response) == {(f"step-{lee_step.pk}@careerplanner", "Due: Lee's step", date(2027, 4, 2))}


@pytest.mark.parametrize("n", [5, 40])
def test_feed_runs_a_fixed_number_of_queries(client: Client, django_assert_num_queries: Any, maya, n):
    _maya_plans(maya)
    roadmap = Roadmap.objects.get(user=maya.user, is_active=True)
    for index in range(n):
        _step(roadmap, f"Extra step {index}", date(2027, 7, 1) + timedelta(days=index))

    # Profile by token, open steps, CEU overview (7).
    with django_assert_num_queries(9):
        response = client.get(_feed_url(maya))

    assert len(_events(response)) == 6 + n


# ------------------------------------------------------------- regenerate


def test_regenerate_gives_a_new_address_and_the_old_one_stops_working(client: Client, maya):
    made = _maya_plans(maya)
    old_url = _feed_url(maya)
    client.force_login(maya.user)

    response = client.post(reverse("ceus:calendar_regenerate"), {"next": "/profile/"})

    maya.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, "/profile/")
    assert [str(message) for message in get_messages(response.wsgi_request)] == [NEW_ADDRESS]
    assert _feed_url(maya) != old_url
    assert client.get(old_url).status_code == 404
    new = client.get(_feed_url(maya))
    assert (new.status_code, len(_events(new))) == (200, 6)
    assert f"step-{made['exam'].pk}@careerplanner" in {uid for uid, _, _ in _events(new)}


@pytest.mark.parametrize("next_url", ["", "https://evil.example/", "//evil.example/"])
def test_regenerate_returns_to_the_wallet_unless_next_is_on_this_site(client: Client, maya, next_url):
    client.force_login(maya.user)

    response = client.post(reverse("ceus:calendar_regenerate"), {"next": next_url})

    assert (response.status_code, response["Location"]) == (302, reverse("ceus:wallet"))


def test_regenerate_changes_only_the_users_own_token(client: Client, maya):
    lee = _person("lee")
    lee_token = lee.calendar_token
    client.force_login(maya.user)

    client.post(reverse("ceus:calendar_regenerate"))

    lee.refresh_from_db()
    assert lee.calendar_token == lee_token


def test_regenerate_needs_login(client: Client, maya):
    token = maya.calendar_token
    url = reverse("ceus:calendar_regenerate")

    response = client.post(url)

    maya.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, f"{reverse('login')}?next={url}")
    assert maya.calendar_token == token


def test_regenerate_refuses_get(client: Client, maya):
    token = maya.calendar_token
    client.force_login(maya.user)

    response = client.get(reverse("ceus:calendar_regenerate"))

    maya.refresh_from_db()
    assert (response.status_code, maya.calendar_token) == (405, token)


def test_regenerate_refuses_a_post_without_the_csrf_token(maya):
    token = maya.calendar_token
    client = Client(enforce_csrf_checks=True)
    client.force_login(maya.user)

    response = client.post(reverse("ceus:calendar_regenerate"))

    maya.refresh_from_db()
    assert (response.status_code, maya.calendar_token) == (403, token)


# ---------------------------------------------------------------- include


def test_include_shows_the_absolute_address_read_only_and_a_regenerate_form_returning_here(maya):
    request = RequestFactory().get("/wallet/?tab=1")
    request.user = maya.user

    html = render_to_string(
        "roadmap/_calendar_feed.html", {"calendar_feed_url": calendar_feed_url(maya, request)}, request=request
    )

    root = page(HttpResponse(html))
    address = root.by_id("calendar-feed-url")
    label = root.find_all(tag="label")
    assert (address.attrs["value"], "readonly" in address.attrs) == (
        f"{SITE}/calendar/{maya.calendar_token}.ics",
        True,
    )
    assert [(node.attrs["for"], node.text()) for node in label] == [("calendar-feed-url", "Private calendar address")]
    assert root.by_id("calendar-feed-help").text() == (
        "Subscribe in Google Calendar, Outlook or Apple Calendar to see your step due dates, your exam, "
        'CEU deadlines and membership renewals. Add a calendar "from URL" (Google Calendar), '
        '"subscribe from web" (Outlook) or "new calendar subscription" (Apple Calendar) and paste this address. '
        "Keep it private: anyone with the address can see these dates."
    )
    [form] = root.find_all(tag="form")
    assert (form.attrs["method"], form.attrs["action"]) == ("post", reverse("ceus:calendar_regenerate"))
    inputs = form.find_all(tag="input")
    assert [(i.attrs["type"], i.attrs["name"]) for i in inputs] == [
        ("hidden", "csrfmiddlewaretoken"),
        ("hidden", "next"),
    ]
    assert inputs[1].attrs["value"] == "/wallet/?tab=1"
    assert root.by_id("calendar-feed-warning").text() == (
        "Shared the address by mistake? Get a new one. The old address stops working at once, "
        "so you will need to subscribe again with the new one."
    )


def test_the_wallet_shows_the_private_feed_address_and_the_regenerate_button(client: Client, maya):
    client.force_login(maya.user)
    html = page(client.get(reverse("ceus:wallet")))
    (field,) = [node for node in html.find_all(tag="input") if node.attrs.get("id") == "calendar-feed-url"]
    assert field.attrs["value"] == f"{SITE}/calendar/{maya.calendar_token}.ics"
    assert [form.attrs["action"] for form in html.find_all(cls="calendar-feed-regenerate")] == [
        reverse("ceus:calendar_regenerate")
    ]
