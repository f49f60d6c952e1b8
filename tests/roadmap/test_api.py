"""A person's own roadmaps as JSON (/api/v1/roadmaps/, roadmap.plans.api), by session or personal token, and the
account page's token: made and shown once, revoked after a confirmation."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token

from roadmap.models import Roadmap
from tests.factories import RoadmapFactory, RoadmapStepFactory, UserFactory
from tests.hostile import FUZZ, answered, path_part, values
from tests.html import main

pytestmark = pytest.mark.django_db


def _token_client(user: Any) -> Client:
    token = Token.objects.create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def _ids(response: Any) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


# ------------------------------------------------------------------ what is sent, and to whom


def test_the_list_holds_only_your_own_roadmaps_active_first(client: Client):
    maya, other = UserFactory(username="maya"), UserFactory(username="other")
    older = RoadmapFactory(user=maya, certification_code="CCA", certification_name="Certified Coding Associate")
    active = RoadmapFactory(user=maya, certification_code="CPC", is_active=True, known_cost=Decimal("399.00"))
    RoadmapFactory(user=other, certification_code="CCS")
    RoadmapStepFactory(roadmap=active, status="done", completed_on=datetime.date(2027, 2, 1))
    RoadmapStepFactory(roadmap=active)
    client.force_login(maya)

    response = client.get("/api/v1/roadmaps/")

    assert _ids(response) == [active.pk, older.pk]
    first = response.json()["results"][0]
    assert {name: first[name] for name in ("url", "page", "certification", "is_active", "known_cost")} == {
        "url": f"http://testserver/api/v1/roadmaps/{active.pk}/",
        "page": f"http://testserver/roadmaps/{active.pk}/",
        "certification": {"code": "CPC", "name": "Test Certification"},
        "is_active": True,
        "known_cost": "399.00",
    }
    assert (first["steps_total"], first["steps_done"], "steps" in first) == (2, 1, False)


def test_a_roadmap_is_sent_with_its_steps_and_an_unknown_cost_is_null(client: Client):
    user = UserFactory()
    roadmap = RoadmapFactory(
        user=user,
        certification_code="CPC",
        certification_name="Certified Professional Coder",
        start_date=datetime.date(2027, 1, 4),
        hours_per_week=10,
        credential_on=datetime.date(2027, 9, 1),
        total_hours=Decimal("120.50"),
        known_cost=Decimal("399.00"),
        unknown_costs=["Study medical terminology"],
    )
    RoadmapStepFactory(
        roadmap=roadmap,
        key="exam:CPC",
        position=2,
        phase="exam",
        title="Pass the CPC exam",
        why="The credential.",
        status="done",
        completed_on=datetime.date(2027, 8, 30),
        planned_start=datetime.date(2027, 8, 1),
        planned_finish=datetime.date(2027, 8, 30),
        effort_hours=Decimal("4.00"),
        effort_low_hours=Decimal("4.0"),
        effort_high_hours=Decimal("4.0"),
        effort_basis="The exam lasts four hours.",
        effort_source_url="https://example.org/exam",
        effort_source_title="AAPC: CPC exam",
        cost=Decimal("399.00"),
        earns="CPC",
        resources=[{"label": "Exam page", "url": "https://example.org/exam"}],
        note="Booked for August.",
    )
    RoadmapStepFactory(
        roadmap=roadmap,
        key="study:terminology",
        position=1,
        phase="education",
        title="Study medical terminology",
        why="The exam expects it.",
        effort_hours=Decimal("45.00"),
        effort_low_hours=Decimal("30.0"),
        effort_high_hours=Decimal("60.0"),
        effort_basis="Our estimate: a one-term course.",
        cost=None,
    )
    client.force_login(user)

    body = client.get(f"/api/v1/roadmaps/{roadmap.pk}/").json()

    assert {key: body[key] for key in ("credential_on", "total_hours", "known_cost", "unknown_costs")} == {
        "credential_on": "2027-09-01",
        "total_hours": "120.50",
        "known_cost": "399.00",
        "unknown_costs": ["Study medical terminology"],
    }
    assert body["steps"] == [
        {
            "position": 1,
            "key": "study:terminology",
            "phase": "education",
            "title": "Study medical terminology",
            "why": "The exam expects it.",
            "status": "not_started",
            "required": True,
            "planned_start": None,
            "planned_finish": None,
            "earliest_finish": None,
            "latest_finish": None,
            "completed_on": None,
            "effort": {
                "likely_hours": "45.00",
                "low_hours": "30.0",
                "high_hours": "60.0",
                "basis": "Our estimate: a one-term course.",
                "source_url": "",
                "source_title": "",
            },
            "months": None,
            "unknown_duration": False,
            "cost": None,
            "earns": "",
            "removes_apprentice": "",
            "resources": [],
            "note": "",
        },
        {
            "position": 2,
            "key": "exam:CPC",
            "phase": "exam",
            "title": "Pass the CPC exam",
            "why": "The credential.",
            "status": "done",
            "required": True,
            "planned_start": "2027-08-01",
            "planned_finish": "2027-08-30",
            "earliest_finish": None,
            "latest_finish": None,
            "completed_on": "2027-08-30",
            "effort": {
                "likely_hours": "4.00",
                "low_hours": "4.0",
                "high_hours": "4.0",
                "basis": "The exam lasts four hours.",
                "source_url": "https://example.org/exam",
                "source_title": "AAPC: CPC exam",
            },
            "months": None,
            "unknown_duration": False,
            "cost": "399.00",
            "earns": "CPC",
            "removes_apprentice": "",
            "resources": [{"label": "Exam page", "url": "https://example.org/exam"}],
            "note": "Booked for August.",
        },
    ]


def test_another_persons_roadmap_is_a_404_like_one_that_does_not_exist(client: Client):
    theirs = RoadmapFactory(certification_code="CCS")
    RoadmapStepFactory(roadmap=theirs, title="Their private step", note="Their private note")
    client.force_login(UserFactory())

    theirs_answer = client.get(f"/api/v1/roadmaps/{theirs.pk}/")
    missing_answer = client.get(f"/api/v1/roadmaps/{theirs.pk + 1000}/")

    assert (theirs_answer.status_code, theirs_answer.json()) == (404, {"detail": "No Roadmap matches the given query."})
    assert missing_answer.json() == theirs_answer.json()
    assert client.get("/api/v1/roadmaps/").json()["results"] == []


def test_nobody_signed_in_is_told_to_sign_in(client: Client):
    roadmap = RoadmapFactory()

    answers = [client.get(address) for address in ("/api/v1/roadmaps/", f"/api/v1/roadmaps/{roadmap.pk}/")]

    assert [(r.status_code, r.json(), r["WWW-Authenticate"]) for r in answers] == [
        (401, {"detail": "Authentication credentials were not provided."}, "Token"),
    ] * 2


def test_a_personal_token_reads_your_roadmaps_and_a_revoked_one_is_refused():
    user = UserFactory()
    roadmap = RoadmapFactory(user=user)
    RoadmapFactory()  # someone else's
    client = _token_client(user)

    allowed = client.get("/api/v1/roadmaps/")
    Token.objects.filter(user=user).delete()
    refused = client.get("/api/v1/roadmaps/")

    assert (allowed.status_code, _ids(allowed)) == (200, [roadmap.pk])
    assert allowed["Cache-Control"] == "private, no-store"  # nobody's cache keeps a person's data
    assert (refused.status_code, refused.json()) == (401, {"detail": "Invalid token."})


def test_a_token_reads_the_public_catalogue_too():
    client = _token_client(UserFactory())

    response = client.get("/api/v1/certifications/CPC/")

    assert (response.status_code, response.json()["code"]) == (200, "CPC")


@pytest.mark.parametrize("n", [1, 5])
def test_the_list_and_a_roadmap_run_a_fixed_number_of_queries(django_assert_num_queries: Any, n: int):
    user = UserFactory()
    roadmaps = [RoadmapFactory(user=user) for _ in range(n)]
    for roadmap in roadmaps:
        for _ in range(n):
            RoadmapStepFactory(roadmap=roadmap)
    by_token = _token_client(user)
    by_session = Client()
    by_session.force_login(user)

    with django_assert_num_queries(3):  # the token with its user, the count, the page
        listed = by_token.get("/api/v1/roadmaps/")
    with django_assert_num_queries(4):  # session, user, the roadmap, its steps
        one = by_session.get(f"/api/v1/roadmaps/{roadmaps[0].pk}/")

    assert (listed.json()["count"], len(one.json()["steps"])) == (n, n)


def test_a_roadmap_address_answers_any_id():
    user = UserFactory()
    mine = RoadmapFactory(user=user)
    client = Client(raise_request_exception=False)
    client.force_login(user)

    @FUZZ
    @given(key=st.one_of(values, st.sampled_from([str(mine.pk), "-1", "0", "9" * 30, str(2**63)])))
    def check(key: str | bytes) -> None:
        response = client.get(f"/api/v1/roadmaps/{path_part(key)}/")
        answered(response)
        assert response.status_code in {200, 404}

    check()
    assert Roadmap.objects.filter(pk=mine.pk).exists()


# ------------------------------------------------------------------ the token on the account page


def _section(response: Any) -> str:
    section = next(s for s in main(response).find_all(tag="section") if s.attrs.get("aria-labelledby") == "api-heading")
    return section.text()


def test_a_token_is_made_shown_once_and_then_only_said_to_exist(client: Client):
    user = UserFactory()
    client.force_login(user)

    before = client.get("/account/")
    made = client.post("/account/api-token/")
    shown = client.get("/account/")
    later = client.get("/account/")

    key = Token.objects.get(user=user).key
    assert "You have no token." in _section(before)
    assert (made.status_code, made["Location"]) == (302, "/account/#api-heading")
    assert main(shown).find_all(cls="new-api-token")[0].text() == (
        f"Your new token. Copy it now: it will not be shown again. {key}"
    )
    assert key not in later.content.decode()
    assert "You have a token, made on" in _section(later)
    assert _token_client_get(key) == 200


def _token_client_get(key: str) -> int:
    return Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/roadmaps/").status_code


def test_a_second_token_is_not_made_while_one_exists(client: Client):
    user = UserFactory()
    existing = Token.objects.create(user=user)
    client.force_login(user)

    response = client.post("/account/api-token/", follow=True)

    assert list(Token.objects.filter(user=user).values_list("key", flat=True)) == [existing.key]
    assert [str(m) for m in response.context["messages"]] == [
        "You already have an API token. Revoke it first to make a new one."
    ]
    assert existing.key not in response.content.decode()


def test_revoking_asks_first_then_the_token_is_refused(client: Client):
    user = UserFactory()
    token = Token.objects.create(user=user)
    other = Token.objects.create(user=UserFactory())
    client.force_login(user)

    asked = client.get("/account/api-token/revoke/")
    still = Token.objects.filter(user=user).exists()
    revoked = client.post("/account/api-token/revoke/", follow=True)

    assert [h.text() for h in main(asked).find_all(tag="h1")] == ["Revoke your API token?"]
    assert still is True
    assert list(Token.objects.values_list("key", flat=True)) == [other.key]  # only their own
    assert [str(m) for m in revoked.context["messages"]] == [
        "Your API token is revoked: requests that send it are refused from now on."
    ]
    assert _token_client_get(token.key) == 401


def test_making_a_token_is_a_post_and_needs_a_signed_in_person(client: Client):
    user = UserFactory()

    anonymous = client.post("/account/api-token/")
    client.force_login(user)
    by_get = client.get("/account/api-token/")

    assert (anonymous.status_code, anonymous["Location"]) == (302, "/accounts/login/?next=/account/api-token/")
    assert by_get.status_code == 405
    assert Token.objects.count() == 0
