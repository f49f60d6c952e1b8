"""The career profile page: create, edit, every validation message, ownership, CSRF and its query budget."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils.html import escape

from certifications.models import Certification, KnowledgeArea, WorkSetting
from roadmap.models import CareerProfile, HeldCredential
from tests.factories import CareerProfileFactory, CertificationFactory, HeldCredentialFactory, UserFactory
from tests.html import Node, main

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 1, 4)
STALE = "This credential is no longer in your profile (was it removed in another tab?). Reload the page."


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    time_machine.move_to(datetime.datetime(2027, 1, 4, 12, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def user() -> Any:
    return UserFactory(username="maya")


def _cert(code: str) -> Certification:
    return Certification.objects.get(code=code)


def _area(code: str) -> KnowledgeArea:
    return KnowledgeArea.objects.get(code=code)


def _studied_boxes(response: Any) -> list[Node]:
    return [box for box in main(response).find_all(tag="input") if box.attrs.get("name") == "studied_areas"]


def _setting(code: str) -> WorkSetting:
    return WorkSetting.objects.get(code=code)


def _data(*rows: dict[str, Any], initial: int = 0, **fields: Any) -> dict[str, Any]:
    """A valid POST of the profile page; `fields` override it (None leaves a field out, as an unticked box)."""
    data: dict[str, Any] = {
        "education": "high_school",
        "training_contact_hours": "0",
        "coding_months": "0",
        "coding_setting": "",
        "other_role": "",
        "other_role_months": "0",
        "preferred_setting": "",
        "hours_per_week": "10",
        "budget": "",
        "start_date": "2027-01-04",
        "target_date": "",
        "reminders_enabled": "on",
        "credentials-TOTAL_FORMS": str(len(rows)),
        "credentials-INITIAL_FORMS": str(initial),
    }
    for index, row in enumerate(rows):
        data.update({f"credentials-{index}-{name}": value for name, value in row.items()})
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


def _saved(profile: CareerProfile) -> dict[str, Any]:
    return {
        "education": profile.education,
        "completed_training": profile.completed_training,
        "training_contact_hours": profile.training_contact_hours,
        "coding_months": profile.coding_months,
        "coding_setting": profile.coding_setting.code if profile.coding_setting else None,
        "currently_coding": profile.currently_coding,
        "other_role": profile.other_role,
        "other_role_months": profile.other_role_months,
        "currently_in_other_role": profile.currently_in_other_role,
        "licences": profile.licences,
        "preferred_setting": profile.preferred_setting.code if profile.preferred_setting else None,
        "hours_per_week": profile.hours_per_week,
        "budget": profile.budget,
        "start_date": profile.start_date,
        "target_date": profile.target_date,
        "reminders_enabled": profile.reminders_enabled,
    }


def _credentials(profile: CareerProfile) -> list[tuple[str, datetime.date, bool]]:
    return [(held.certification.code, held.earned_on, held.apprentice) for held in profile.credentials.all()]


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _h1(response: Any) -> str:
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), flags=re.S)
    assert len(headings) == 1, headings
    return " ".join(headings[0].split())


def _legends(response: Any) -> list[str]:
    html = response.content.decode()
    return [
        " ".join(re.sub(r"<[^>]+>", "", text).split())
        for text in re.findall(r"<legend[^>]*>(.*?)</legend>", html, re.S)
    ]


# ------------------------------------------------------------------ showing the form


def test_new_user_gets_an_empty_form_starting_today_with_ten_hours_a_week(signed_in: Client) -> None:
    response = signed_in.get("/profile/")

    form = response.context["form"]
    assert _h1(response) == "Tell us about yourself"
    assert (form["start_date"].value(), form["hours_per_week"].value()) == (TODAY, 10)
    assert (form["coding_months"].value(), form["budget"].value(), form["target_date"].value()) == (0, None, None)
    assert [row.instance.pk for row in response.context["credentials"]] == [None, None, None]
    assert CareerProfile.objects.count() == 0


def test_profile_page_groups_checkboxes_and_credentials_in_fieldsets_with_legends(signed_in: Client) -> None:
    response = signed_in.get("/profile/")

    assert _legends(response) == [
        "Coding training completed",
        "Already studied",
        "Licences",
        "Credentials you hold",
        "Credential 1 (optional)",
        "Credential 2 (optional)",
        "Credential 3 (optional)",
    ]


def test_anonymous_profile_request_is_sent_to_log_in_with_next(client: Client) -> None:
    response = client.get("/profile/")

    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/profile/")


# ------------------------------------------------------------------ create and edit


def test_first_save_creates_the_profile_and_credentials_exactly_as_typed(signed_in: Client, user: Any) -> None:
    response = signed_in.post(
        "/profile/",
        _data(
            {"certification": _cert("CCA").pk, "earned_on": "2024-03-15"},
            {"certification": "", "earned_on": ""},  # An empty extra row is ignored.
            {"certification": _cert("RHIT").pk, "earned_on": "2020-05-01"},
            {"certification": _cert("CPC").pk, "earned_on": "2025-06-01", "apprentice": "on"},
            education="associate",
            completed_training=["coding_course_80h", "practicode"],
            training_contact_hours="120",
            coding_months="14",
            coding_setting=_setting("inpatient").pk,
            currently_coding="on",
            other_role="cdi_specialist",
            other_role_months="6",
            currently_in_other_role="on",
            licences=["rn"],
            preferred_setting=_setting("physician-office").pk,
            hours_per_week="8",
            budget="2500.50",
            start_date="2027-02-01",
            target_date="2028-06-30",
            reminders_enabled=None,
        ),
    )

    profile = CareerProfile.objects.get(user=user)
    assert (response.status_code, response["Location"]) == (302, "/recommendations/")
    assert _messages(response) == ["Your profile is saved."]
    assert _saved(profile) == {
        "education": "associate",
        "completed_training": ["coding_course_80h", "practicode"],
        "training_contact_hours": 120,
        "coding_months": 14,
        "coding_setting": "inpatient",
        "currently_coding": True,
        "other_role": "cdi_specialist",
        "other_role_months": 6,
        "currently_in_other_role": True,
        "licences": ["rn"],
        "preferred_setting": "physician-office",
        "hours_per_week": 8,
        "budget": Decimal("2500.50"),
        "start_date": datetime.date(2027, 2, 1),
        "target_date": datetime.date(2028, 6, 30),
        "reminders_enabled": False,
    }
    assert _credentials(profile) == [
        ("CCA", datetime.date(2024, 3, 15), False),
        ("CPC", datetime.date(2025, 6, 1), True),
        ("RHIT", datetime.date(2020, 5, 1), False),
    ]


def test_edit_shows_saved_values_then_updates_adds_and_deletes_credentials(signed_in: Client, user: Any) -> None:
    profile = CareerProfileFactory(user=user, coding_months=14, budget=Decimal("3000.00"))
    cca = HeldCredentialFactory(profile=profile, certification=_cert("CCA"), earned_on=datetime.date(2024, 3, 15))
    rhit = HeldCredentialFactory(profile=profile, certification=_cert("RHIT"), earned_on=datetime.date(2020, 5, 1))
    coc = HeldCredentialFactory(
        profile=profile, certification=_cert("COC"), earned_on=datetime.date(2025, 2, 1), apprentice=True
    )

    page = signed_in.get("/profile/")
    response = signed_in.post(
        "/profile/",
        _data(
            {"id": cca.pk, "profile": profile.pk, "certification": _cert("CCA").pk, "earned_on": "2024-04-01"},
            {
                "id": rhit.pk,
                "profile": profile.pk,
                "certification": _cert("RHIT").pk,
                "earned_on": "2020-05-01",
                "DELETE": "on",
            },
            {"id": coc.pk, "profile": profile.pk, "certification": _cert("COC").pk, "earned_on": "2025-02-01"},
            {"certification": _cert("CPC").pk, "earned_on": "2026-12-01", "apprentice": "on"},
            initial=3,
            coding_months="20",
            budget="",
            preferred_setting=_setting("inpatient").pk,
        ),
    )

    profile.refresh_from_db()
    assert _h1(page) == "Your career profile"
    assert [
        (row["certification"].value(), row["earned_on"].value(), row["apprentice"].value())
        for row in page.context["credentials"]
    ] == [
        (_cert("CCA").pk, datetime.date(2024, 3, 15), False),
        (_cert("COC").pk, datetime.date(2025, 2, 1), True),
        (_cert("RHIT").pk, datetime.date(2020, 5, 1), False),
        (None, None, False),
        (None, None, False),
        (None, None, False),
    ]
    assert (page.context["form"]["coding_months"].value(), page.context["form"]["budget"].value()) == (
        14,
        Decimal("3000.00"),
    )
    assert response["Location"] == "/recommendations/"
    assert (profile.coding_months, profile.budget, profile.preferred_setting) == (20, None, _setting("inpatient"))
    assert _credentials(profile) == [
        ("CCA", datetime.date(2024, 4, 1), False),
        ("COC", datetime.date(2025, 2, 1), False),
        ("CPC", datetime.date(2026, 12, 1), True),
    ]
    assert HeldCredential.objects.filter(pk=rhit.pk).exists() is False
    assert CareerProfile.objects.count() == 1


def test_the_areas_ticked_as_studied_are_saved_and_unticking_one_removes_it(signed_in: Client, user: Any) -> None:
    terminology, anatomy = (_area(code) for code in ("medical-terminology", "anatomy-physiology"))

    signed_in.post("/profile/", _data(studied_areas=[str(terminology.pk), str(anatomy.pk)]))
    profile = CareerProfile.objects.get(user=user)
    ticked = [box.attrs["value"] for box in _studied_boxes(signed_in.get("/profile/")) if "checked" in box.attrs]
    signed_in.post("/profile/", _data(studied_areas=[str(anatomy.pk)]))

    assert ticked == [str(terminology.pk), str(anatomy.pk)]
    assert list(profile.studied_areas.values_list("code", flat=True)) == ["anatomy-physiology"]
    assert profile.as_planner_profile().studied == frozenset({"anatomy-physiology"})


def test_save_returns_to_a_safe_next(signed_in: Client) -> None:
    page = signed_in.get("/profile/?next=/certifications/CPC/")
    response = signed_in.post("/profile/", _data(next="/certifications/CPC/"))

    assert page.context["next"] == "/certifications/CPC/"
    assert response["Location"] == "/certifications/CPC/"


def test_save_ignores_a_next_on_another_site(signed_in: Client) -> None:
    response = signed_in.post("/profile/", _data(next="https://evil.example/steal"))

    assert response["Location"] == "/recommendations/"


def test_save_does_not_read_next_as_a_url_name(signed_in: Client) -> None:
    response = signed_in.post("/profile/", _data(next="logout"))

    assert response["Location"] == "logout"  # A relative address on this site, not the log-out view.


# ------------------------------------------------------------------ invalid input


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"hours_per_week": "0"}, "hours_per_week", "Enter between 1 and 80 hours a week."),
        ({"hours_per_week": "81"}, "hours_per_week", "Enter between 1 and 80 hours a week."),
        ({"hours_per_week": ""}, "hours_per_week", "Enter how many hours a week you can study, between 1 and 80."),
        ({"budget": "-1"}, "budget", "A budget cannot be negative; leave it empty for no set limit."),
        ({"budget": "12.345"}, "budget", "Enter the budget in dollars and cents (at most 2 decimal places)."),
        ({"budget": "lots"}, "budget", "Enter an amount in US dollars, e.g. 3000 or 2500.50."),
        ({"target_date": "2027-01-03"}, "target_date", "The target date cannot be before the start date."),
        ({"target_date": "2047-01-05"}, "target_date", "Choose a target date within 20 years of the start date."),
        ({"start_date": ""}, "start_date", "Enter the date you can start."),
        ({"start_date": "next monday"}, "start_date", "Enter a date as YYYY-MM-DD, e.g. 2027-01-04."),
        ({"start_date": "2032-01-05"}, "start_date", "Choose a start date between 2017-01-04 and 2032-01-04."),
        (
            {"coding_months": "-1"},
            "coding_months",
            "Months of coding experience cannot be negative; enter 0 if you have none.",
        ),
        ({"coding_months": "601"}, "coding_months", "Enter 600 months (50 years) or fewer of coding experience."),
        ({"coding_months": ""}, "coding_months", "Enter a number; 0 if none."),
        (
            {"training_contact_hours": "5001"},
            "training_contact_hours",
            "Enter 5000 contact hours or fewer; no coding program has more.",
        ),
        (
            {"training_contact_hours": "-5"},
            "training_contact_hours",
            "Contact hours cannot be negative; enter 0 if you have none.",
        ),
        (
            {"other_role_months": "601", "other_role": "cdi_specialist"},
            "other_role_months",
            "Enter 600 months (50 years) or fewer in that role.",
        ),
        (
            {"other_role_months": "12"},
            "other_role_months",
            "You entered months in another role: choose the role, or enter 0 months.",
        ),
        (
            {"currently_in_other_role": "on"},
            "currently_in_other_role",
            "Choose the role you work in now, or untick “I work in that role now”.",
        ),
        ({"education": "phd"}, "education", "Unknown education level: phd. Choose one from the list."),
        (
            {"completed_training": ["coding_course_80h", "bootcamp"]},
            "completed_training",
            "Unknown kind of training: bootcamp. Tick the ones from the list.",
        ),
        ({"licences": ["pilot"]}, "licences", "Unknown licence: pilot. Tick the ones from the list."),
        ({"other_role": "astronaut"}, "other_role", "Unknown role: astronaut. Choose one from the list."),
        ({"preferred_setting": "999"}, "preferred_setting", "Unknown work setting: 999. Choose one from the list."),
        ({"coding_setting": "abc"}, "coding_setting", "Unknown work setting: abc. Choose one from the list."),
        ({"studied_areas": ["999"]}, "studied_areas", "Unknown subject: 999. Tick the ones from the list."),
        ({"studied_areas": ["abc"]}, "studied_areas", "Unknown subject: abc. Tick the ones from the list."),
    ],
)
def test_invalid_profile_field_is_refused_with_its_message_and_nothing_is_saved(
    signed_in: Client, fields: dict[str, Any], field: str, message: str
) -> None:
    response = signed_in.post("/profile/", _data(**fields))

    assert response.status_code == 400
    assert response.context["form"].errors == {field: [message]}
    # Once in the summary at the top, once next to the field.
    assert response.content.decode().count(escape(message)) == 2
    assert CareerProfile.objects.count() == 0


@pytest.mark.parametrize(
    ("rows", "errors"),
    [
        (
            [{"certification": "CCA", "earned_on": "2027-01-05"}],
            [{"earned_on": ["The date earned cannot be in the future."]}],
        ),
        (
            [{"certification": "CCA", "earned_on": "1949-12-31"}],
            [{"earned_on": ["Check the date earned: it is before 1950."]}],
        ),
        (
            [{"certification": "CCA", "earned_on": "2024-03-15"}, {"certification": "CCA", "earned_on": "2025-01-01"}],
            [{}, {"certification": ["You listed CCA twice (also in row 1): list each credential once."]}],
        ),
        (
            [{"certification": "", "earned_on": "2024-03-15"}],
            [{"certification": ["Choose the credential you earned on this date."]}],
        ),
        (
            [{"certification": "CCA", "earned_on": ""}],
            [{"earned_on": ["Enter the date you earned this credential."]}],
        ),
        (
            [{"certification": "CCA", "earned_on": "15/03/2024x"}],
            [{"earned_on": ["Enter a date as YYYY-MM-DD, e.g. 2027-01-04."]}],
        ),
        (
            [{"certification": "CCA", "earned_on": "2024-03-15", "apprentice": "on"}],
            [{"apprentice": ["CCA has no apprentice designation: untick \u201cApprentice\u201d."]}],
        ),
        (
            [{"certification": "RETIRED", "earned_on": "2024-03-15"}],
            [{"certification": ["Unknown credential. Choose one from the list."]}],
        ),
    ],
)
def test_invalid_credential_row_is_refused_with_its_message_and_nothing_is_saved(
    signed_in: Client, rows: list[dict[str, str]], errors: list[dict[str, list[str]]]
) -> None:
    retired = CertificationFactory(code="RETIRED", is_active=False)
    codes = {"CCA": _cert("CCA").pk, "RETIRED": retired.pk, "": ""}
    posted = [{**row, "certification": codes[row["certification"]]} for row in rows]

    response = signed_in.post("/profile/", _data(*posted))

    html = response.content.decode()
    assert response.status_code == 400
    assert [form.errors for form in response.context["credentials"].forms] == errors
    assert response.context["form"].errors == {}
    for message in (m for row in errors for messages in row.values() for m in messages):
        assert html.count(escape(message)) == 2
    assert (CareerProfile.objects.count(), HeldCredential.objects.count()) == (0, 0)


def test_invalid_edit_changes_nothing_and_keeps_everything_typed(signed_in: Client, user: Any) -> None:
    profile = CareerProfileFactory(user=user, coding_months=14)
    held = HeldCredentialFactory(profile=profile, certification=_cert("CCA"), earned_on=datetime.date(2024, 3, 15))

    response = signed_in.post(
        "/profile/",
        _data(
            {"id": held.pk, "profile": profile.pk, "certification": _cert("CCS").pk, "earned_on": "2024-05-01"},
            {"certification": _cert("RHIT").pk, "earned_on": "2020-05-01"},
            initial=1,
            coding_months="30",
            budget="-10",
            licences=["rn"],
        ),
    )

    profile.refresh_from_db()
    form, rows = response.context["form"], response.context["credentials"].forms
    assert response.status_code == 400
    assert (form["coding_months"].value(), form["budget"].value(), form["licences"].value()) == ("30", "-10", ["rn"])
    assert [(row["certification"].value(), row["earned_on"].value()) for row in rows] == [
        (str(_cert("CCS").pk), "2024-05-01"),
        (str(_cert("RHIT").pk), "2020-05-01"),
    ]
    assert (profile.coding_months, profile.budget, profile.licences) == (14, None, [])
    assert _credentials(profile) == [("CCA", datetime.date(2024, 3, 15), False)]


def test_error_summary_lists_every_problem_linked_to_its_input(signed_in: Client) -> None:
    response = signed_in.post(
        "/profile/",
        _data({"certification": _cert("CCA").pk, "earned_on": "2027-02-01"}, hours_per_week="0", budget="-1"),
    )

    summary = re.search(
        r'<div class="alert alert-danger"[^>]*id="form-errors".*?</ul>', response.content.decode(), re.S
    )
    assert summary is not None
    assert re.findall(r'<a class="alert-link" href="([^"]+)">([^<]+)</a>', summary.group(0)) == [
        ("#id_hours_per_week", "Hours a week for study: Enter between 1 and 80 hours a week."),
        ("#id_budget", "Budget (USD): A budget cannot be negative; leave it empty for no set limit."),
        ("#id_credentials-0-earned_on", "Credential 1, date earned: The date earned cannot be in the future."),
    ]


# ------------------------------------------------------------------ ownership and CSRF


def test_another_users_credential_id_posted_in_the_formset_is_not_changed(signed_in: Client, user: Any) -> None:
    mine = CareerProfileFactory(user=user)
    theirs = HeldCredentialFactory(
        profile=CareerProfileFactory(user=UserFactory(username="daniel")),
        certification=_cert("CCS"),
        earned_on=datetime.date(2021, 7, 9),
    )

    page = signed_in.get("/profile/")
    response = signed_in.post(
        "/profile/",
        _data(
            {"id": theirs.pk, "profile": mine.pk, "certification": _cert("CPC").pk, "earned_on": "2025-01-01"},
            initial=1,
        ),
    )

    theirs.refresh_from_db()
    assert "2021-07-09" not in page.content.decode()
    assert [row.instance.pk for row in page.context["credentials"]] == [None, None, None]
    assert response.status_code == 400
    assert response.context["credentials"].forms[0].non_field_errors() == [STALE]
    assert (theirs.profile.user.username, theirs.certification.code, theirs.earned_on) == (
        "daniel",
        "CCS",
        datetime.date(2021, 7, 9),
    )
    assert _credentials(mine) == []


def test_another_users_credential_id_posted_for_deletion_is_not_deleted(signed_in: Client, user: Any) -> None:
    mine = CareerProfileFactory(user=user)
    theirs = HeldCredentialFactory(profile=CareerProfileFactory(), certification=_cert("CCS"))

    response = signed_in.post(
        "/profile/",
        _data(
            {
                "id": theirs.pk,
                "profile": mine.pk,
                "certification": _cert("CCS").pk,
                "earned_on": "2024-03-15",
                "DELETE": "on",
            },
            initial=1,
        ),
    )

    assert response["Location"] == "/recommendations/"
    assert HeldCredential.objects.get(pk=theirs.pk).profile_id == theirs.profile_id
    assert _credentials(mine) == []


def test_profile_post_without_a_csrf_token_is_refused(user: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    refused = client.post("/profile/", _data())
    client.get("/profile/")
    accepted = client.post("/profile/", _data(csrfmiddlewaretoken=client.cookies["csrftoken"].value))

    assert refused.status_code == 403
    assert accepted["Location"] == "/recommendations/"
    assert CareerProfile.objects.get(user=user).start_date == TODAY


def test_profile_refuses_other_methods(signed_in: Client) -> None:
    response = signed_in.put("/profile/")

    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD, POST")


# ------------------------------------------------------------------ query budget


@pytest.mark.parametrize("n", [1, 5])
def test_profile_page_runs_a_fixed_number_of_queries(
    signed_in: Client, user: Any, django_assert_num_queries: Any, n: int
) -> None:
    profile = CareerProfileFactory(user=user)
    codes = ["CCA", "CCS", "CPC", "RHIT", "RHIA"][:n]
    for code in codes:
        HeldCredentialFactory(profile=profile, certification=_cert(code))

    # Session, user, profile, work settings, certifications, held credentials;
    # +2: the areas the profile has studied, and every area to tick.
    with django_assert_num_queries(8):
        response = signed_in.get("/profile/")

    assert [row.instance.certification.code for row in response.context["credentials"].initial_forms] == sorted(codes)
