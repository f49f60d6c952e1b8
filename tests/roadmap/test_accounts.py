"""Accounts: sign-up, log in and out, password change and reset, and coming back after logging in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's
NEW_PASSWORD = "a brand new passphrase 42"
LINK_SENT = (
    "We sent a link to maya@example.org: open it to confirm the address. Until then we cannot send you reminders "
    "or password-reset links there."
)


def _h1(response) -> str:
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), flags=re.S)
    assert len(headings) == 1, headings
    return " ".join(headings[0].split())


def _hidden(response, name: str) -> str:
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', response.content.decode())
    assert match is not None, f"no hidden {name}"
    return match.group(1)


def _link(body: str, path: str) -> str:
    links = re.findall(rf"http://testserver({re.escape(path)}\S+/)", body)
    assert len(links) == 1, body
    return links[0]


def _logged_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def _signup_data(**fields: str) -> dict[str, str]:
    return {
        "username": "maya",
        "email": "maya@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **fields,
    }


# ------------------------------------------------------------------ sign-up


def test_signup_creates_the_user_logs_them_in_and_lands_on_the_profile_form(client: Client) -> None:
    response = client.post("/accounts/signup/", _signup_data())

    user = User.objects.get(username="maya")
    assert (response.status_code, response["Location"]) == (302, "/profile/")
    assert user.email == ""  # until the link is followed
    assert user.check_password(PASSWORD)
    assert _logged_in_user_id(client) == str(user.pk)
    profile_page = client.get(response["Location"])
    assert _h1(profile_page) == "Tell us about yourself"
    assert [str(m) for m in profile_page.context["messages"]] == [
        "Welcome, maya! Your account is ready. Tell us where you are now and we will plan your way to a certification.",
        LINK_SENT,
    ]
    assert [(email.subject, email.to) for email in mail.outbox] == [
        ("Confirm your e-mail address for Career Planner", ["maya@example.org"])
    ]


def test_the_link_e_mailed_at_signup_confirms_the_address_after_a_click(client: Client) -> None:
    client.post("/accounts/signup/", _signup_data())
    link = _link(mail.outbox[0].body, "/accounts/confirm-address/")

    question = client.get(link)
    user = User.objects.get(username="maya")
    assert (_h1(question), user.email) == ("Confirm your e-mail address", "")  # a GET (a mail scanner) changes nothing
    response = client.post(link)

    user.refresh_from_db()
    assert (response["Location"], user.email) == ("/account/", "maya@example.org")
    assert [str(m) for m in client.get("/account/").context["messages"]] == [
        "maya@example.org is confirmed: reminders and password-reset links go there."
    ]


def test_an_altered_or_old_confirmation_link_changes_nothing(client: Client) -> None:
    client.post("/accounts/signup/", _signup_data())
    link = _link(mail.outbox[0].body, "/accounts/confirm-address/")

    altered = client.post(link[:-3] + "xyz/")
    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        old = client.post(link)

    assert (altered.status_code, _h1(altered)) == (404, "This link no longer works")
    assert (old.status_code, _h1(old)) == (404, "This link no longer works")
    assert User.objects.get(username="maya").email == ""


@pytest.mark.parametrize("typed", ["maya@example.org", "MAYA@Example.ORG"])
def test_signup_with_a_registered_address_answers_as_for_a_new_one_and_tells_its_owner(
    client: Client, typed: str
) -> None:
    UserFactory(username="maya_first", email="maya@example.org")
    stranger = Client()

    new = client.post("/accounts/signup/", _signup_data(username="lee", email="lee@example.org"))
    taken = stranger.post("/accounts/signup/", _signup_data(username="maya2", email=typed))

    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"]) == (302, "/profile/")
    assert [str(m) for m in stranger.get("/profile/").context["messages"]] == [
        "Welcome, maya2! Your account is ready. Tell us where you are now and we will plan your way to a "
        "certification.",
        LINK_SENT.replace("maya@example.org", User.objects.normalize_email(typed)),
    ]
    assert User.objects.get(username="maya2").email == ""
    assert User.objects.get(username="maya_first").email == "maya@example.org"
    notice = mail.outbox[1]
    assert (notice.subject, notice.to) == ("Someone tried to sign up with your e-mail address", ["maya@example.org"])
    assert "http://testserver/accounts/login/" in notice.body
    assert "http://testserver/accounts/password_reset/" in notice.body
    assert "/accounts/confirm-address/" not in notice.body


def test_signup_refuses_a_username_already_taken(client: Client) -> None:
    UserFactory(username="maya")

    response = client.post("/accounts/signup/", _signup_data(email="other@example.org"))

    assert response.status_code == 400
    assert response.context["form"].errors == {"username": ["A user with that username already exists."]}
    assert mail.outbox == []


def test_signup_keeps_next_so_the_profile_can_send_them_back(client: Client) -> None:
    page = client.get("/accounts/signup/?next=/certifications/CPC/")
    response = client.post("/accounts/signup/", _signup_data(next=_hidden(page, "next")))

    assert _hidden(page, "next") == "/certifications/CPC/"
    assert response["Location"] == "/profile/?next=%2Fcertifications%2FCPC%2F"


def test_signup_drops_a_next_that_points_to_another_site(client: Client) -> None:
    response = client.post("/accounts/signup/", _signup_data(next="https://evil.example/"))

    assert response["Location"] == "/profile/"


def test_signup_refuses_mismatched_passwords_and_keeps_what_was_typed(client: Client) -> None:
    response = client.post("/accounts/signup/", _signup_data(password2="something else entirely"))

    assert response.status_code == 400
    assert response.context["form"].errors == {"password2": ["The two password fields didn\u2019t match."]}
    assert response.context["form"]["email"].value() == "maya@example.org"
    assert User.objects.filter(username="maya").exists() is False


def test_signup_sends_a_logged_in_user_to_the_dashboard(client: Client) -> None:
    client.force_login(UserFactory())

    response = client.get("/accounts/signup/")

    assert response["Location"] == "/dashboard/"


# ------------------------------------------------------------------ log in and out


def test_login_goes_to_the_dashboard(client: Client) -> None:
    user = UserFactory(username="daniel")

    response = client.post("/accounts/login/", {"username": "daniel", "password": PASSWORD})

    assert (response.status_code, response["Location"]) == (302, "/dashboard/")
    assert _logged_in_user_id(client) == str(user.pk)


def test_login_with_a_wrong_password_says_so(client: Client) -> None:
    UserFactory(username="daniel")

    response = client.post("/accounts/login/", {"username": "daniel", "password": "wrong"})

    message = "Please enter a correct username and password. Note that both fields may be case-sensitive."
    assert response.context["form"].non_field_errors() == [message]
    assert response.content.decode().count(escape(message)) == 1
    assert _logged_in_user_id(client) is None


def test_logout_is_a_post_and_ends_the_session(client: Client) -> None:
    client.force_login(UserFactory())

    refused = client.get("/accounts/logout/")
    response = client.post("/accounts/logout/")

    assert refused.status_code == 405
    assert (response.status_code, response["Location"]) == (302, "/")
    assert _logged_in_user_id(client) is None


def test_anonymous_visitor_of_the_profile_logs_in_and_comes_back_to_it(client: Client) -> None:
    UserFactory(username="priya")

    redirect = client.get("/profile/")
    login_page = client.get(redirect["Location"])
    response = client.post(
        "/accounts/login/", {"username": "priya", "password": PASSWORD, "next": _hidden(login_page, "next")}
    )

    assert redirect["Location"] == "/accounts/login/?next=/profile/"
    assert _h1(login_page) == "Log in"
    assert _hidden(login_page, "next") == "/profile/"
    assert response["Location"] == "/profile/"
    assert _h1(client.get("/profile/")) == "Tell us about yourself"


# ------------------------------------------------------------------ passwords


def test_password_change_sets_the_new_password_and_keeps_the_user_logged_in(client: Client) -> None:
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    user.refresh_from_db()
    assert response["Location"] == "/accounts/password_change/done/"
    assert user.check_password(NEW_PASSWORD)
    assert _h1(client.get(response["Location"])) == "Your password is changed"


def test_password_change_with_a_wrong_old_password_changes_nothing(client: Client) -> None:
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/accounts/password_change/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    user.refresh_from_db()
    assert response.context["form"].errors == {
        "old_password": ["Your old password was entered incorrectly. Please enter it again."]
    }
    assert user.check_password(PASSWORD)


def test_password_change_needs_a_login(client: Client) -> None:
    response = client.get("/accounts/password_change/")

    assert response["Location"] == "/accounts/login/?next=/accounts/password_change/"


def test_password_reset_sends_one_email_whose_link_sets_a_new_password(client: Client) -> None:
    user = UserFactory(username="rosa", email="rosa@example.org")

    response = client.post("/accounts/password_reset/", {"email": "Rosa@Example.org"})

    assert response["Location"] == "/accounts/password_reset/done/"
    assert _h1(client.get(response["Location"])) == "Check your e-mail"
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert (email.subject, email.to, email.from_email) == (
        "Reset your Career Planner password",
        ["rosa@example.org"],
        "Career Planner <noreply@localhost>",
    )
    links = re.findall(r"http://testserver(/accounts/reset/\S+/)", email.body)
    assert len(links) == 1

    form_page = client.get(links[0], follow=True)
    assert _h1(form_page) == "Choose a new password"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    user.refresh_from_db()
    assert done["Location"] == "/accounts/reset/done/"
    assert user.check_password(NEW_PASSWORD)
    assert _h1(client.get(links[0], follow=True)) == "This link no longer works"


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client: Client) -> None:
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})

    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/accounts/signup/", "Create your account"),
        ("/accounts/login/", "Log in"),
        ("/accounts/password_reset/", "Reset your password"),
        ("/accounts/password_reset/done/", "Check your e-mail"),
        ("/accounts/reset/done/", "Your new password is set"),
        ("/accounts/reset/MQ/bad-token/", "This link no longer works"),
    ],
)
def test_account_pages_have_one_heading(client: Client, url: str, heading: str) -> None:
    assert _h1(client.get(url)) == heading


def test_the_database_refuses_a_second_account_with_the_same_email_in_another_case():
    from django.contrib.auth.models import User
    from django.db import IntegrityError, transaction

    User.objects.create_user("first", "Same@Example.org", "correct horse battery staple")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("second", "same@example.ORG", "correct horse battery staple")
    User.objects.create_user("blank-one", "", "correct horse battery staple")
    User.objects.create_user("blank-two", "", "correct horse battery staple")  # no address: not a duplicate
