"""Log-in lockouts, rate-limited sign-up and password reset, and the account page: changing the address,
downloading all one's data, deleting the account."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from certifications.models import Certification, KnowledgeArea, WorkSetting
from roadmap.models import (
    CareerProfile,
    CeuActivity,
    HeldCredential,
    Membership,
    ReminderLog,
    Roadmap,
    RoadmapStep,
    private_storage,
)
from tests.factories import CareerProfileFactory, RoadmapFactory, RoadmapStepFactory, UserFactory
from tests.roadmap.helpers import hold, log_activity, member_of

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's
LIMIT = 10  # settings.AXES_FAILURE_LIMIT's default
PDF = b"%PDF-1.4\n% a certificate\n%%EOF\n"


def _h1(response) -> str:
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), flags=re.S)
    assert len(headings) == 1, headings
    return " ".join(headings[0].split())


def _alert(response, css_class: str) -> str:
    match = re.search(
        rf'<div class="alert alert-danger {css_class}" role="alert">(.*?)</div>', response.content.decode()
    )
    assert match is not None, response.content.decode()
    return match.group(1)


def _log_in(client: Client, username: str, password: str, address: str = "127.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def _signed_in_as(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


# ------------------------------------------------------------------ log-in lockout


def test_after_too_many_wrong_passwords_even_the_right_one_is_refused_with_the_time_to_wait(client: Client):
    UserFactory(username="daniel")

    with time_machine.travel("2026-03-02 10:00:00 +0000", tick=False) as clock:
        wrong = [_log_in(client, "daniel", f"guess {n}").status_code for n in range(LIMIT)]
        right = _log_in(client, "daniel", PASSWORD)
        clock.shift(timedelta(minutes=5, seconds=30))
        later = _log_in(client, "daniel", PASSWORD)

    assert wrong == [200] * (LIMIT - 1) + [429]
    assert (right.status_code, _h1(right)) == (429, "Log-in paused")
    assert _alert(right, "lockout") == (
        "Too many failed log-ins for this account or from your network. Try again in 15 minutes."
    )
    # Trying while locked out does not push the end back.
    assert _alert(later, "lockout").endswith("Try again in 10 minutes.")
    assert _signed_in_as(client) is None


def test_the_lockout_ends_after_the_cool_off(client: Client):
    user = UserFactory(username="daniel")

    with time_machine.travel(timezone.now(), tick=False) as clock:
        for n in range(LIMIT):
            _log_in(client, "daniel", f"guess {n}")
        clock.shift(timedelta(minutes=15, seconds=1))
        response = _log_in(client, "daniel", PASSWORD)
        signed_in = _signed_in_as(client)

    assert (response["Location"], signed_in) == ("/dashboard/", str(user.pk))


def test_a_locked_account_is_locked_from_every_address(client: Client):
    UserFactory(username="daniel")
    for n in range(LIMIT):
        _log_in(client, "daniel", f"guess {n}", address=f"203.0.113.{n}")

    response = _log_in(Client(), "daniel", PASSWORD, address="198.51.100.1")

    assert response.status_code == 429


def test_an_address_trying_many_accounts_is_locked_out_but_the_accounts_are_not(client: Client):
    user = UserFactory(username="daniel")
    for n in range(LIMIT):
        _log_in(client, f"someone{n}", "password", address="203.0.113.5")

    from_there = _log_in(Client(), "daniel", PASSWORD, address="203.0.113.5")
    elsewhere = Client()
    from_elsewhere = _log_in(elsewhere, "daniel", PASSWORD, address="198.51.100.1")

    assert from_there.status_code == 429
    assert from_elsewhere["Location"] == "/dashboard/"
    assert _signed_in_as(elsewhere) == str(user.pk)


def test_an_admin_unlocks_an_account_by_deleting_its_attempts(client: Client):
    user = UserFactory(username="daniel")
    for n in range(LIMIT):
        _log_in(client, "daniel", f"guess {n}")
    admin = Client()
    admin.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    attempt = AccessAttempt.objects.get(username="daniel")

    listed = admin.get("/admin/axes/accessattempt/")
    deleted = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    response = _log_in(client, "daniel", PASSWORD)

    assert "daniel" in listed.content.decode()
    assert deleted["Location"] == "/admin/axes/accessattempt/"
    assert response["Location"] == "/dashboard/"
    assert _signed_in_as(client) == str(user.pk)


def test_axes_reset_username_unlocks_an_account(client: Client):
    UserFactory(username="daniel")
    for n in range(LIMIT):
        _log_in(client, "daniel", f"guess {n}")

    call_command("axes_reset_username", "daniel", stdout=io.StringIO())

    assert _log_in(client, "daniel", PASSWORD)["Location"] == "/dashboard/"


def test_the_admin_log_in_is_locked_out_too(client: Client):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    for n in range(LIMIT):
        client.post("/admin/login/", {"username": "root", "password": f"guess {n}"})

    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})

    assert (response.status_code, _h1(response)) == (429, "Log-in paused")


# ------------------------------------------------------------------ rate limits


def _signup(client: Client, username: str, email: str, address: str = "127.0.0.1", **fields: str):
    data = {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD, **fields}
    return client.post("/accounts/signup/", data, REMOTE_ADDR=address)


@pytest.mark.parametrize("registered", [False, True])
def test_sign_ups_with_one_address_stop_after_three_an_hour_whether_or_not_it_is_registered(registered: bool):
    if registered:
        UserFactory(username="owner", email="maya@example.org")
    users_before = User.objects.count()

    with time_machine.travel("2026-03-02 10:30:00 +0000", tick=False):
        answers = [_signup(Client(), f"maya{n}", "maya@example.org").status_code for n in range(3)]
        refused = _signup(Client(), "maya9", "Maya@example.org")

    assert answers == [302, 302, 302]
    assert refused.status_code == 429
    assert _alert(refused, "refusal") == "We have sent enough e-mails to this address for now. Try again in 30 minutes."
    assert (User.objects.count() - users_before, len(mail.outbox)) == (3, 3)


def test_sign_ups_from_one_network_stop_after_twenty_an_hour():
    answers = [_signup(Client(), "x", "x@example.org", password2="mismatch").status_code for _ in range(20)]

    refused = _signup(Client(), "maya", "maya@example.org", address="127.0.0.1")
    other_network = _signup(Client(), "lee", "lee@example.org", address="198.51.100.1")

    assert answers == [400] * 20
    assert refused.status_code == 429
    assert re.fullmatch(
        r"Too many sign-ups from your network\. Try again in \d+ minutes?\.", _alert(refused, "refusal")
    )
    assert other_network["Location"] == "/profile/"
    assert list(User.objects.filter(username__in=["maya", "lee"]).values_list("username", flat=True)) == ["lee"]


def test_password_resets_for_one_address_stop_after_three_an_hour():
    UserFactory(username="rosa", email="rosa@example.org")

    with time_machine.travel("2026-03-02 10:00:00 +0000", tick=False) as clock:
        answers = [
            Client().post("/accounts/password_reset/", {"email": "rosa@example.org"}).status_code for _ in range(3)
        ]
        refused = Client().post("/accounts/password_reset/", {"email": "ROSA@example.org"})
        clock.shift(timedelta(hours=1))
        next_hour = Client().post("/accounts/password_reset/", {"email": "rosa@example.org"})

    assert answers == [302, 302, 302]
    assert (refused.status_code, _h1(refused)) == (429, "Reset your password")
    assert _alert(refused, "refusal") == "We have sent enough e-mails to this address for now. Try again in 60 minutes."
    assert next_hour["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 4


def test_password_resets_from_one_network_stop_after_twenty_an_hour():
    answers = {
        Client().post("/accounts/password_reset/", {"email": f"n{n}@example.org"}).status_code for n in range(20)
    }

    refused = Client().post("/accounts/password_reset/", {"email": "rosa@example.org"})

    assert answers == {302}
    assert refused.status_code == 429
    assert _alert(refused, "refusal").startswith("Too many password-reset requests from your network. Try again in ")


# ------------------------------------------------------------------ the account page and the address


def test_the_account_page_links_export_and_deletion_and_runs_three_queries(client: Client, django_assert_num_queries):
    client.force_login(UserFactory(username="maya", email=""))

    with django_assert_num_queries(3):  # session, user, API token
        response = client.get("/account/")

    content = response.content.decode()
    assert _h1(response) == "Your account"
    assert "No confirmed address yet" in content
    assert ('href="/account/export/"' in content, 'href="/account/delete/"' in content) == (True, True)


def test_the_profile_page_links_the_account_page(client: Client):
    client.force_login(UserFactory())

    content = client.get("/profile/").content.decode()

    assert re.findall(r'<li class="list-inline-item"><a href="([^"]+)"', content) == [
        "/account/",
        "/account/export/",
        "/account/delete/",
    ]


def test_a_new_address_is_used_only_once_its_link_is_followed(client: Client):
    user = UserFactory(username="maya", email="maya@example.org")
    client.force_login(user)

    response = client.post("/account/address/", {"email": "maya@new.example", "password": PASSWORD})

    user.refresh_from_db()
    assert (response["Location"], user.email) == ("/account/", "maya@example.org")
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("Confirm your e-mail address for Career Planner", ["maya@new.example"])
    ]
    link = re.findall(r"http://testserver(/accounts/confirm-address/\S+/)", mail.outbox[0].body)[0]
    client.post(link)
    user.refresh_from_db()
    assert user.email == "maya@new.example"


def test_changing_the_address_needs_the_password(client: Client):
    client.force_login(UserFactory(username="maya", email="maya@example.org"))

    response = client.post("/account/address/", {"email": "maya@new.example", "password": "wrong"})

    assert response.status_code == 400
    assert response.context["address_form"].errors == {"password": ["That is not your password."]}
    assert mail.outbox == []


def test_an_address_of_another_account_is_never_attached_and_its_owner_is_told(client: Client):
    UserFactory(username="lee", email="lee@example.org")
    maya = UserFactory(username="maya", email="")
    client.force_login(maya)

    response = client.post("/account/address/", {"email": "LEE@example.org", "password": PASSWORD})

    assert response["Location"] == "/account/"
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("Someone tried to sign up with your e-mail address", ["lee@example.org"])
    ]
    maya.refresh_from_db()
    assert maya.email == ""


def test_a_link_confirmed_after_another_account_took_the_address_changes_nothing(client: Client):
    client.post(
        "/accounts/signup/",
        {"username": "maya", "email": "shared@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    link = re.findall(r"http://testserver(/accounts/confirm-address/\S+/)", mail.outbox[0].body)[0]
    client.get("/profile/")  # shows the sign-up's messages
    UserFactory(username="lee", email="shared@example.org")

    response = client.post(link)

    assert response["Location"] == "/account/"
    assert [str(m) for m in client.get("/account/").context["messages"]] == [
        "shared@example.org now belongs to another account, so it was not added to maya."
    ]
    assert User.objects.get(username="maya").email == ""


# ------------------------------------------------------------------ download my data


def _person_with_everything(username: str, *, activities: int = 1) -> CareerProfile:
    user = UserFactory(username=username, email=f"{username}@example.org")
    profile = CareerProfileFactory(
        user=user,
        hours_per_week=12,
        budget=Decimal("2500.00"),
        start_date=date(2026, 1, 5),
        coding_setting=WorkSetting.objects.order_by("code").first(),
    )
    profile.studied_areas.set(KnowledgeArea.objects.order_by("code")[:2])
    cpc = hold(profile, "CPC", date(2025, 6, 1))
    member_of(profile, "AAPC", date(2026, 6, 1))
    for n in range(activities):
        activity = log_activity(profile, date(2026, 2, 1 + n), "1.5", cpc, title=f"{username} webinar {n}")
        activity.certificate.save("mine.pdf", ContentFile(PDF + f"{username} {n}".encode()))
    roadmap = RoadmapFactory(user=user, certification_code="CCS", certification_name="Certified Coding Specialist")
    RoadmapStepFactory(
        roadmap=roadmap, position=1, key="study", title="Study inpatient coding", note=f"{username}'s note"
    )
    return profile


def _export(client: Client):
    response = client.get("/account/export/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return response, archive


def test_the_export_holds_all_of_ones_data_and_certificates(client: Client):
    profile = _person_with_everything("maya")
    activity = CeuActivity.objects.get(profile=profile)
    client.force_login(profile.user)

    with time_machine.travel("2026-03-02 10:00:00 +0000", tick=False):
        response, archive = _export(client)

    entry = f"certificates/2026-02-01-{activity.pk}-maya-webinar-0.pdf"
    assert response["Content-Disposition"] == 'attachment; filename="career-planner-maya-2026-03-02.zip"'
    assert response["Cache-Control"] == "private, no-store"
    assert sorted(archive.namelist()) == [entry, "data.json"]
    assert archive.read(entry) == PDF + b"maya 0"
    data = json.loads(archive.read("data.json"))
    assert data["account"] | {"date_joined": None} == {
        "username": "maya",
        "email": "maya@example.org",
        "first_name": "",
        "last_name": "",
        "date_joined": None,
        "last_login": data["account"]["last_login"],
    }
    assert {key: data["profile"][key] for key in ("hours_per_week", "budget", "start_date", "studied_areas")} == {
        "hours_per_week": 12,
        "budget": "2500.00",
        "start_date": "2026-01-05",
        "studied_areas": sorted(KnowledgeArea.objects.order_by("code").values_list("code", flat=True)[:2]),
    }
    assert data["credentials"] == [
        {
            "certification": "CPC",
            "name": Certification.objects.get(code="CPC").name,
            "earned_on": "2025-06-01",
            "apprentice": False,
        }
    ]
    assert data["memberships"] == [{"body": "AAPC", "renews_on": "2026-06-01"}]
    assert data["ceu_activities"] == [
        {
            "completed_on": "2026-02-01",
            "title": "maya webinar 0",
            "provider": "",
            "ceus": "1.50",
            "category": activity.category,
            "counts_toward": ["CPC"],
            "certificate": entry,
        }
    ]
    [roadmap] = data["roadmaps"]
    assert (roadmap["certification_code"], roadmap["certification_name"]) == ("CCS", "Certified Coding Specialist")
    assert [(step["position"], step["title"], step["note"]) for step in roadmap["steps"]] == [
        (1, "Study inpatient coding", "maya's note")
    ]


def test_the_export_holds_nothing_of_another_person(client: Client):
    maya = _person_with_everything("maya")
    _person_with_everything("lee")
    client.force_login(maya.user)

    _, archive = _export(client)

    text = archive.read("data.json").decode()
    assert "lee" not in text
    assert [name for name in archive.namelist() if name.startswith("certificates/")] == [
        f"certificates/2026-02-01-{CeuActivity.objects.get(profile=maya).pk}-maya-webinar-0.pdf"
    ]
    assert all(b"lee" not in archive.read(name) for name in archive.namelist())


def test_an_export_says_which_certificate_storage_no_longer_has(client: Client):
    profile = _person_with_everything("maya")
    activity = CeuActivity.objects.get(profile=profile)
    private_storage().delete(activity.certificate.name)
    client.force_login(profile.user)

    _, archive = _export(client)

    [logged] = json.loads(archive.read("data.json"))["ceu_activities"]
    assert (logged["certificate"], logged["certificate_missing"], archive.namelist()) == (None, True, ["data.json"])


def test_an_export_of_an_account_with_no_profile_is_the_account_alone(client: Client):
    client.force_login(UserFactory(username="maya"))

    _, archive = _export(client)

    data = json.loads(archive.read("data.json"))
    assert [data[key] for key in ("profile", "credentials", "memberships", "ceu_activities", "roadmaps")] == [
        None,
        [],
        [],
        [],
        [],
    ]


@pytest.mark.parametrize("n", [1, 5])
def test_the_export_runs_the_same_queries_however_many_activities(client: Client, django_assert_num_queries, n: int):
    profile = _person_with_everything("maya", activities=n)
    client.force_login(profile.user)

    # session, user; profile, studied areas, credentials, memberships, activities, what they count toward,
    # roadmaps, their steps.
    with django_assert_num_queries(10):
        _, archive = _export(client)

    assert len(archive.namelist()) == n + 1


def test_the_export_needs_a_login(client: Client):
    assert client.get("/account/export/")["Location"] == "/accounts/login/?next=/account/export/"


# ------------------------------------------------------------------ delete my account


def test_deleting_the_account_asks_for_the_password_first(client: Client):
    profile = _person_with_everything("maya")
    client.force_login(profile.user)

    page = client.get("/account/delete/")
    response = client.post("/account/delete/", {"password": "wrong"})

    assert _h1(page) == "Delete your account?"
    assert response.status_code == 400
    assert response.context["form"].errors == {"password": ["That is not your password: nothing was deleted."]}
    assert User.objects.filter(username="maya").exists()


def test_deleting_the_account_deletes_its_rows_and_files_and_nobody_elses(
    client: Client, django_capture_on_commit_callbacks
):
    maya = _person_with_everything("maya")
    lee = _person_with_everything("lee")
    ReminderLog.objects.create(user=maya.user, key="step:1")
    maya_file = CeuActivity.objects.get(profile=maya).certificate.name
    lee_file = CeuActivity.objects.get(profile=lee).certificate.name
    AccessAttempt.objects.create(username="maya", ip_address="127.0.0.1", user_agent="x", failures_since_start=1)
    client.force_login(maya.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/delete/", {"password": PASSWORD})

    storage = private_storage()
    assert response["Location"] == "/"
    assert _signed_in_as(client) is None
    assert [str(m) for m in client.get("/").context["messages"]] == ["The account maya and all its data are deleted."]
    assert list(User.objects.values_list("username", flat=True)) == ["lee"]
    assert (
        CareerProfile.objects.count(),
        HeldCredential.objects.count(),
        Membership.objects.count(),
        CeuActivity.objects.count(),
        Roadmap.objects.count(),
        RoadmapStep.objects.count(),
        ReminderLog.objects.count(),
        AccessAttempt.objects.count(),
    ) == (1, 1, 1, 1, 1, 1, 0, 0)
    assert (storage.exists(maya_file), storage.exists(lee_file)) == (False, True)


def test_deleting_a_user_in_the_admin_deletes_their_certificates(client: Client, django_capture_on_commit_callbacks):
    maya = _person_with_everything("maya")
    name = CeuActivity.objects.get(profile=maya).certificate.name
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/auth/user/{maya.user.pk}/delete/", {"post": "yes"})

    assert response["Location"] == "/admin/auth/user/"
    assert (User.objects.filter(username="maya").exists(), private_storage().exists(name)) == (False, False)


@override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1", EMAIL_PORT=9)
def test_a_sign_up_while_the_mail_server_is_down_keeps_the_account_and_says_the_link_was_not_sent(client: Client):
    response = _signup(client, "maya", "maya@example.org")

    assert response["Location"] == "/profile/"
    assert [str(m) for m in client.get("/profile/").context["messages"]] == [
        "Welcome, maya! Your account is ready. Tell us where you are now and we will plan your way to a certification.",
        "We could not send the link to maya@example.org just now. Ask for a new one on your account page in a while.",
    ]
    assert _signed_in_as(client) == str(User.objects.get(username="maya").pk)
