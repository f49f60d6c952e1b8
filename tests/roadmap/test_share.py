"""Sharing a roadmap read-only (issue 11, section 1): the owner's link, what the shared page shows and hides,
its headers, revoking and renewing the link, when it was last opened, who may change it, and its query budget."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmap.models import CareerProfile, Roadmap, RoadmapShare
from tests.factories import CeuActivityFactory, HeldCredentialFactory, UserFactory, maya_profile
from tests.html import Node, main, page, page_messages
from tests.roadmap.helpers import logged_in, make_roadmap, messages_of, save_cpc

pytestmark = pytest.mark.django_db

TODAY = date(2027, 2, 1)
NOON = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)
NOTE = "Ask Dr Okafor whether the clinic pays for the exam voucher."


@pytest.fixture(autouse=True)
def frozen_now() -> Any:
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def maya_over_budget() -> CareerProfile:
    """Maya, with a budget the CPC plan goes over (the plan then notes her budget) and a target date."""
    profile = maya_profile(budget=100, target_date=date(2027, 12, 31))
    User.objects.filter(pk=profile.user_id).update(first_name="Maya", last_name="Quintero-Lindqvist")
    profile.user.refresh_from_db()
    return profile


@pytest.fixture
def roadmap(maya_over_budget: CareerProfile) -> Roadmap:
    return save_cpc(maya_over_budget)


def share_url(roadmap: Roadmap) -> str:
    return reverse("roadmap:share", args=[roadmap.pk])


def shared(client: Client, roadmap: Roadmap, **form: str) -> RoadmapShare:
    """The owner shares the roadmap from its page."""
    logged_in(client, roadmap.user)
    client.post(share_url(roadmap), form, follow=True)  # the page shows (and so consumes) the message
    return RoadmapShare.objects.get(roadmap=roadmap)


def sharing_box(response: Any) -> Node:
    return main(response).by_id("share")


def address_shown(response: Any) -> str:
    return sharing_box(response).by_id("share-url").attrs["value"]


def note_of(roadmap: Roadmap, title_start: str, note: str) -> None:
    step = next(step for step in roadmap.steps.all() if step.title.startswith(title_start))
    step.note = note
    step.save()


def step_titles(response: Any) -> list[str]:
    return main(response).texts("step-title")


# ------------------------------------------------------------- the owner's link


def test_sharing_a_roadmap_shows_its_address_and_anyone_can_open_it(client: Client, roadmap: Roadmap) -> None:
    logged_in(client, roadmap.user)
    before = client.get(roadmap.get_absolute_url())
    owner_titles = step_titles(before)

    response = client.post(share_url(roadmap), {})

    share = RoadmapShare.objects.get(roadmap=roadmap)
    after = client.get(roadmap.get_absolute_url())
    visitor = Client().get(share.get_absolute_url())
    assert [form.attrs["action"] for form in sharing_box(before).find_all(tag="form")] == [share_url(roadmap)]
    assert (response.status_code, response["Location"]) == (302, f"{roadmap.get_absolute_url()}#share")
    assert messages_of(response) == ["Your roadmap is shared: anyone with the address below can see it."]
    assert (len(share.token), share.include_notes) == (43, False)
    assert address_shown(after) == f"http://testserver/shared/{share.token}/"
    assert (visitor.status_code, main(visitor).find_all(tag="h1")[0].text()) == (200, "A shared CPC roadmap")
    assert step_titles(visitor) == owner_titles
    assert len(owner_titles) == 14


def test_the_address_is_on_the_site_root_when_it_is_set(client: Client, roadmap: Roadmap, settings: Any) -> None:
    settings.SITE_ROOT, settings.SITE_ROOT_IS_SET = "https://plans.example.org", True
    share = shared(client, roadmap)

    assert address_shown(client.get(roadmap.get_absolute_url())) == f"https://plans.example.org/shared/{share.token}/"


def test_sharing_twice_keeps_the_address(client: Client, roadmap: Roadmap) -> None:
    first = shared(client, roadmap)

    response = client.post(share_url(roadmap), {})

    assert RoadmapShare.objects.filter(roadmap=roadmap).get().token == first.token
    assert messages_of(response) == ["Nothing changed: your roadmap was already shared this way."]


def test_stopping_sharing_asks_first_then_the_address_is_a_404_at_once(client: Client, roadmap: Roadmap) -> None:
    share = shared(client, roadmap)
    revoke = reverse("roadmap:share_revoke", args=[roadmap.pk])
    visitor = Client()
    assert visitor.get(share.get_absolute_url()).status_code == 200

    asked = client.get(revoke)
    still_there = visitor.get(share.get_absolute_url()).status_code
    response = client.post(revoke)
    gone = visitor.get(share.get_absolute_url())

    assert [form.attrs["action"] for form in main(asked).find_all(tag="form")] == [revoke]
    assert main(asked).find_all(tag="h1")[0].text() == "Stop sharing your CPC roadmap?"
    assert still_there == 200
    assert messages_of(response) == ["You stopped sharing this roadmap: its address no longer works."]
    assert RoadmapShare.objects.filter(roadmap=roadmap).exists() is False
    assert (gone.status_code, main(gone).find_all(tag="h1")[0].text()) == (404, "Page not found")
    owner_page = client.get(roadmap.get_absolute_url())
    assert sharing_box(owner_page).find_all(tag="button")[0].text() == "Create a share link"


def test_a_new_address_kills_the_old_one(client: Client, roadmap: Roadmap, frozen_now: Any) -> None:
    old = shared(client, roadmap, include_notes="on")
    Client().get(old.get_absolute_url())
    renew = reverse("roadmap:share_renew", args=[roadmap.pk])

    asked = client.get(renew)
    frozen_now.shift(timedelta(days=3))
    response = client.post(renew)

    new = RoadmapShare.objects.get(roadmap=roadmap)
    assert [form.attrs["action"] for form in main(asked).find_all(tag="form")] == [renew]
    assert messages_of(response) == ["Your roadmap has a new address. The old one no longer works."]
    assert new.token != old.token
    assert (new.include_notes, new.last_opened_at, new.created_at) == (True, None, NOON + timedelta(days=3))
    assert Client().get(old.get_absolute_url()).status_code == 404
    assert Client().get(new.get_absolute_url()).status_code == 200
    assert address_shown(client.get(roadmap.get_absolute_url())) == f"http://testserver/shared/{new.token}/"


@pytest.mark.parametrize("name", ["share_revoke", "share_renew"])
def test_revoking_or_renewing_an_unshared_roadmap_changes_nothing(client: Client, roadmap: Roadmap, name: str) -> None:
    logged_in(client, roadmap.user)

    response = client.post(reverse(f"roadmap:{name}", args=[roadmap.pk]))

    assert (response.status_code, messages_of(response)) == (
        302,
        ["This roadmap is not shared: there is no address to change."],
    )
    assert RoadmapShare.objects.count() == 0


# ------------------------------------------------------------- what the page shows


def test_notes_are_shown_only_while_the_owner_includes_them(client: Client, roadmap: Roadmap) -> None:
    note_of(roadmap, "Complete: AAPC CPC preparation course", NOTE)
    share = shared(client, roadmap)

    hidden = Client().get(share.get_absolute_url())
    included = client.post(share_url(roadmap), {"include_notes": "on"}, follow=True)
    shown = Client().get(share.get_absolute_url())
    excluded = client.post(share_url(roadmap), {}, follow=True)
    hidden_again = Client().get(share.get_absolute_url())

    assert NOTE not in hidden.content.decode()
    assert page_messages(included) == ["The shared page now shows your notes."]
    assert sharing_box(included).by_id("share-include-notes").attrs.get("checked") == ""
    assert main(shown).texts("shared-note-text") == [NOTE]
    assert page_messages(excluded) == ["The shared page no longer shows your notes."]
    assert "checked" not in sharing_box(excluded).by_id("share-include-notes").attrs
    assert (NOTE in hidden_again.content.decode(), main(hidden_again).texts("shared-note-text")) == (False, [])


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "another-person"])
def test_the_shared_page_shows_nothing_private_and_has_no_form(
    client: Client, roadmap: Roadmap, maya_over_budget: CareerProfile, signed_in: bool
) -> None:
    user = maya_over_budget.user
    cpc = HeldCredentialFactory(profile=maya_over_budget, certification=roadmap.certification, earned_on=TODAY)
    CeuActivityFactory(
        profile=maya_over_budget,
        completed_on=TODAY,
        title="Webinar on denials",
        ceus=1,
        certificate="ceu-certificates/x.pdf",
        credentials=[cpc],
    )
    other = make_roadmap(user, 3, certification_code="ZQX", certification_name="A plan nobody else should see")
    note_of(roadmap, "Complete: AAPC CPC preparation course", NOTE)
    share = shared(client, roadmap)
    owner_page = client.get(roadmap.get_absolute_url()).content.decode()
    visitor = Client()
    if signed_in:
        visitor.force_login(UserFactory())

    response = visitor.get(share.get_absolute_url())

    html = response.content.decode()
    secrets = {
        "username": user.username,
        "e-mail": user.email,
        "last name": "Quintero-Lindqvist",
        "budget note": "over your budget",
        "target date": "31 Dec 2027",
        "hours a week": "hours of study a week",
        "how the plan was made": "How this plan was made",
        "CEU pages": "/ceus/",
        "CEU activity": "Webinar on denials",
        "note": NOTE,
        "other roadmap": other.certification_name,
        "other roadmap's address": other.get_absolute_url(),
        "share controls": "share/revoke",
    }
    # On the owner's own page, so that their absence from the shared page means something.
    assert {what for what, text in secrets.items() if text in owner_page} == {
        "username",
        "budget note",
        "target date",
        "hours a week",
        "how the plan was made",
        "CEU pages",
        "note",
        "share controls",
    }
    assert {what: text for what, text in secrets.items() if text in html} == {}
    assert (page(response).find_all(tag="form"), "csrfmiddlewaretoken" in html, "csrftoken" in response.cookies) == (
        [],
        False,
        False,
    )
    assert page(response).find_all(tag="button") == []


def test_the_shared_page_asks_not_to_be_indexed_and_sends_no_referrer(client: Client, roadmap: Roadmap) -> None:
    share = shared(client, roadmap)

    response = Client().get(share.get_absolute_url())

    head = page(response).find_all(tag="head")[0]
    metas = {meta.attrs.get("name"): meta.attrs.get("content") for meta in head.find_all(tag="meta")}
    assert (response["X-Robots-Tag"], response["Referrer-Policy"], response["Cache-Control"]) == (
        "noindex, nofollow",
        "no-referrer",
        "private, no-store",
    )
    assert (metas["robots"], metas["referrer"]) == ("noindex, nofollow", "no-referrer")


def test_the_shared_page_shows_statuses_progress_and_the_timeline(client: Client, roadmap: Roadmap) -> None:
    logged_in(client, roadmap.user)
    first = roadmap.steps.order_by("position").first()
    assert first is not None
    client.post(
        reverse("roadmap:step_status", args=[roadmap.pk, first.pk]), {"status": "done", "expected": "not_started"}
    )
    share = shared(client, roadmap)

    response = Client().get(share.get_absolute_url())

    content = main(response)
    assert content.by_id(f"step-{first.pk}").attrs["data-status"] == "done"
    assert content.texts("status-badge")[:2] == ["Done", "Not started"]
    assert content.texts("progress-count")[0] == "1 of 14 steps done"
    assert len(content.by_id("timeline").find_all(cls="timeline-text-step")) == 14


@pytest.mark.parametrize("token", ["x" * 65, "no;token", "a" * 43])
def test_an_address_with_no_live_share_is_a_404(client: Client, roadmap: Roadmap, token: str) -> None:
    shared(client, roadmap)

    response = Client().get(f"/shared/{token}/")

    assert (response.status_code, main(response).find_all(tag="h1")[0].text()) == (404, "Page not found")


def test_the_roadmap_of_a_deactivated_account_is_no_longer_shared(client: Client, roadmap: Roadmap) -> None:
    share = shared(client, roadmap)
    User.objects.filter(pk=roadmap.user_id).update(is_active=False)

    assert Client().get(share.get_absolute_url()).status_code == 404


# ------------------------------------------------------------- last opened


def test_the_owner_sees_when_the_link_was_last_opened(client: Client, roadmap: Roadmap, frozen_now: Any) -> None:
    share = shared(client, roadmap)
    never = sharing_box(client.get(roadmap.get_absolute_url())).texts("share-opened")

    frozen_now.move_to(datetime(2027, 2, 3, 9, 41, tzinfo=UTC))
    Client().get(share.get_absolute_url())
    opened = sharing_box(client.get(roadmap.get_absolute_url()))

    assert never == ["Never opened yet. Shared at this address since 1 Feb 2027."]
    assert opened.texts("share-opened") == [
        "Last opened 3 Feb 2027, 09:41 UTC. Shared at this address since 1 Feb 2027."
    ]
    assert opened.find_all(tag="time")[0].attrs["datetime"] == "2027-02-03T09:41:00+00:00"


def test_opening_is_recorded_at_most_once_a_minute_and_never_for_the_owner(
    client: Client, roadmap: Roadmap, frozen_now: Any
) -> None:
    share = shared(client, roadmap)
    visitor = Client()

    client.get(share.get_absolute_url())  # the owner checking the link
    by_owner = RoadmapShare.objects.get(pk=share.pk).last_opened_at
    visitor.get(share.get_absolute_url())
    frozen_now.shift(timedelta(seconds=59))
    visitor.get(share.get_absolute_url())
    within_a_minute = RoadmapShare.objects.get(pk=share.pk).last_opened_at
    frozen_now.shift(timedelta(seconds=1))
    visitor.get(share.get_absolute_url())

    assert (by_owner, within_a_minute) == (None, NOON)
    assert RoadmapShare.objects.get(pk=share.pk).last_opened_at == NOON + timedelta(seconds=60)


def test_opening_the_shared_page_is_not_the_owners_activity(client: Client, roadmap: Roadmap, frozen_now: Any) -> None:
    share = shared(client, roadmap)
    user = User.objects.get(pk=roadmap.user_id)
    before = (Roadmap.objects.get(pk=roadmap.pk).updated_at, user.last_login, Session.objects.count())

    frozen_now.shift(timedelta(hours=2))
    Client().get(share.get_absolute_url())

    after = (
        Roadmap.objects.get(pk=roadmap.pk).updated_at,
        User.objects.get(pk=user.pk).last_login,
        Session.objects.count(),
    )
    assert after == before


# ------------------------------------------------------------- who may


@pytest.mark.parametrize("name", ["share", "share_revoke", "share_renew"])
def test_nobody_else_can_share_or_change_the_link_of_someone_elses_roadmap(
    client: Client, roadmap: Roadmap, name: str
) -> None:
    share = shared(Client(), roadmap)
    other = UserFactory()
    own = make_roadmap(other, 2)
    logged_in(client, other)

    asked = client.get(reverse(f"roadmap:{name}", args=[roadmap.pk]))
    posted = client.post(reverse(f"roadmap:{name}", args=[roadmap.pk]), {"include_notes": "on"})

    assert (asked.status_code, posted.status_code) == (405 if name == "share" else 404, 404)
    assert list(RoadmapShare.objects.values_list("roadmap_id", "token", "include_notes")) == [
        (roadmap.pk, share.token, False)
    ]
    assert RoadmapShare.objects.filter(roadmap=own).exists() is False


def test_signed_out_the_controls_ask_to_log_in(client: Client, roadmap: Roadmap) -> None:
    response = client.post(share_url(roadmap), {})

    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("login"))
    assert RoadmapShare.objects.count() == 0


# ------------------------------------------------------------- queries


@pytest.mark.parametrize("n", [5, 40])
def test_the_shared_page_runs_a_fixed_number_of_queries(
    client: Client, maya_over_budget: CareerProfile, django_assert_num_queries: Any, frozen_now: Any, n: int
) -> None:
    roadmap = make_roadmap(maya_over_budget.user, n, is_active=True)
    share = shared(client, roadmap, include_notes="on")
    visitor = Client()

    # the share with its roadmap, the steps, the "last opened" update and the owner's page version (their
    # kept roadmap page shows when the link was last opened: roadmap.page_cache)
    with django_assert_num_queries(4):
        first = visitor.get(share.get_absolute_url())
    # opened less than a minute ago: nothing to write
    with django_assert_num_queries(2):
        visitor.get(share.get_absolute_url())

    assert (len(step_titles(first)), len(main(first).texts("shared-note-text"))) == (n, n // 2)


def test_the_roadmap_page_reads_its_share_with_no_query_more(client: Client, maya_over_budget: CareerProfile) -> None:
    roadmap = make_roadmap(maya_over_budget.user, 5, is_active=True)
    share = shared(client, roadmap)
    other = maya_profile()
    unshared = make_roadmap(other.user, 5, is_active=True)
    other_client = logged_in(Client(), other)
    owner_client = logged_in(Client(), maya_over_budget)  # as other_client, no CSRF cookie yet: the page is not kept

    # The share comes joined to the roadmap.
    with CaptureQueriesContext(connection) as with_share:
        response = owner_client.get(roadmap.get_absolute_url())
    with CaptureQueriesContext(connection) as without_share:
        other_client.get(unshared.get_absolute_url())

    assert address_shown(response).endswith(f"/shared/{share.token}/")
    assert len(with_share) == len(without_share)


def test_the_address_is_long_and_random() -> None:
    tokens = {RoadmapShare().token for _ in range(50)}

    assert len(tokens) == 50
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", token) for token in tokens)
