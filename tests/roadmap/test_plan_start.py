"""From "Plan this certification" to that plan's preview (issue 8, section 4): straight there when signed
in with a profile, otherwise through sign-up (or log-in) and the profile, with `next` kept all the way."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import quote

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.test import Client

from certifications.models import Certification
from tests.factories import CareerProfileFactory, UserFactory
from tests.html import h1, main, page

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's
START = "/plan/CPC/start/"
NEXT = quote(START, safe="")  # as a `next` query value
PROFILE_FIRST = "Tell us where you stand first: your plan is worked out from your profile."


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(datetime.datetime(2027, 1, 4, 12, tzinfo=datetime.UTC), tick=False):
        yield


def _signup(**fields: str) -> dict[str, str]:
    return {"username": "maya", "email": "maya@example.org", "password1": PASSWORD, "password2": PASSWORD, **fields}


def _profile(**fields: str) -> dict[str, str]:
    """A valid profile form: high school, 10 hours a week from today, no credentials."""
    return {
        "education": "high_school",
        "training_contact_hours": "0",
        "coding_months": "0",
        "other_role_months": "0",
        "hours_per_week": "10",
        "start_date": "2027-01-04",
        "credentials-TOTAL_FORMS": "0",
        "credentials-INITIAL_FORMS": "0",
        **fields,
    }


def _hidden_next(response: Any) -> str:
    [field] = [node for node in page(response).find_all(tag="input") if node.attrs.get("name") == "next"]
    return field.attrs["value"]


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# ------------------------------------------------------------------ the buttons


def test_every_certification_page_has_a_plan_this_certification_button() -> None:
    client = Client()
    buttons = {}
    for code in Certification.objects.filter(is_active=True).values_list("code", flat=True):
        [paragraph] = main(client.get(f"/certifications/{code}/")).find_all(cls="plan-this")
        buttons[code] = paragraph.links()[0]

    assert buttons == {code: ("Plan this certification", f"/plan/{code}/start/") for code in buttons}
    assert len(buttons) > 10


def test_the_certification_page_tells_a_visitor_they_sign_up_first(client: Client) -> None:
    anonymous = main(client.get("/certifications/CPC/")).by_id("plan-this-help").text()
    client.force_login(UserFactory())
    signed_in = main(client.get("/certifications/CPC/")).by_id("plan-this-help").text()

    assert (anonymous, signed_in) == (
        "A dated, step-by-step plan to CPC from where you stand: sign up and tell us about yourself first.",
        "A dated, step-by-step plan to CPC from where you stand.",
    )


def test_the_home_page_leads_a_visitor_to_sign_up_and_a_user_to_their_recommendations(client: Client) -> None:
    anonymous = main(client.get("/")).find_all(cls="plan-start")
    client.force_login(UserFactory())
    signed_in = main(client.get("/")).find_all(cls="plan-start")

    assert [node.attrs["href"] for node in anonymous + signed_in] == ["/accounts/signup/", "/recommendations/"]
    assert [node.text() for node in anonymous + signed_in] == ["Get your plan", "Get your plan"]


# ------------------------------------------------------------------ the way to the preview


def test_an_anonymous_visitor_signs_up_fills_the_profile_and_lands_on_the_preview(client: Client) -> None:
    to_signup = client.get(START)
    signup_page = client.get(to_signup["Location"])
    to_profile = client.post("/accounts/signup/", _signup(next=_hidden_next(signup_page)))
    profile_page = client.get(to_profile["Location"])
    back = client.post("/profile/", _profile(next=_hidden_next(profile_page)))
    to_preview = client.get(back["Location"])
    preview = client.get(to_preview["Location"])

    assert [to_signup["Location"], to_profile["Location"], back["Location"], to_preview["Location"]] == [
        f"/accounts/signup/?next={NEXT}",
        f"/profile/?next={NEXT}",
        START,
        "/plan/CPC/",
    ]
    assert (preview.status_code, h1(preview)) == (200, ["Your plan for CPC"])


def test_a_visitor_with_an_account_logs_in_from_sign_up_and_still_lands_on_the_preview(client: Client) -> None:
    UserFactory(username="maya")
    signup_page = client.get(client.get(START)["Location"])
    [log_in_link] = [href for text, href in main(signup_page).links() if text == "Log in"]
    logged_in = client.post(log_in_link, {"username": "maya", "password": PASSWORD})
    to_profile = client.get(logged_in["Location"])
    back = client.post(to_profile["Location"], _profile(next=START))

    assert [log_in_link, logged_in["Location"], to_profile["Location"], back["Location"]] == [
        f"/accounts/login/?next={START}",  # the template's urlencode keeps slashes
        START,
        f"/profile/?next={NEXT}",
        START,
    ]
    assert client.get(START)["Location"] == "/plan/CPC/"


def test_a_user_without_a_profile_is_asked_for_it_then_lands_on_the_preview(client: Client) -> None:
    client.force_login(UserFactory())
    to_profile = client.get(START)
    profile_page = client.get(to_profile["Location"])
    back = client.post("/profile/", _profile(next=_hidden_next(profile_page)))

    assert [to_profile["Location"], back["Location"], client.get(START)["Location"]] == [
        f"/profile/?next={NEXT}",
        START,
        "/plan/CPC/",
    ]
    assert _messages(profile_page) == [PROFILE_FIRST]


def test_a_user_with_a_profile_goes_straight_to_the_preview(client: Client, django_assert_num_queries: Any) -> None:
    client.force_login(CareerProfileFactory().user)

    # session, user, the certification, the profile
    with django_assert_num_queries(4):
        response = client.get(START)

    assert (response.status_code, response["Location"]) == (302, "/plan/CPC/")


def test_an_anonymous_visitor_is_sent_on_after_one_query(client: Client, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):  # the certification
        response = client.get(START)

    assert (response.status_code, response["Location"]) == (302, f"/accounts/signup/?next={NEXT}")


@pytest.mark.parametrize("code", ["NOPE", "RETIRED"])
def test_an_unknown_or_retired_certification_is_a_friendly_404_before_any_sign_up(client: Client, code: str) -> None:
    Certification.objects.filter(code="CPC").update(code="RETIRED", is_active=False)

    response = client.get(f"/plan/{code}/start/")

    assert (response.status_code, h1(response)) == (404, ["We don't know that certification"])


def test_plan_start_only_answers_get(client: Client) -> None:
    response = client.post(START)

    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD")


@pytest.mark.parametrize("unsafe", ["https://evil.example/plan/CPC/", "//evil.example/", "javascript:alert(1)"])
def test_an_unsafe_next_is_dropped_at_sign_up_and_at_the_profile(client: Client, unsafe: str) -> None:
    signup_page = client.get("/accounts/signup/", {"next": unsafe})
    to_profile = client.post("/accounts/signup/", _signup(next=unsafe))
    profile_page = client.get("/profile/", {"next": unsafe})
    saved = client.post("/profile/", _profile(next=unsafe))

    assert (signup_page.context["next"], to_profile["Location"]) == ("", "/profile/")
    assert (profile_page.context["next"], saved["Location"]) == ("", "/recommendations/")
