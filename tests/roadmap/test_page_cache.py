"""Signed-in pages are kept once rendered and served in three queries, until something they show changes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certifications.models import CatalogueVersion
from roadmap.models import PageVersion, Roadmap, RoadmapStep
from roadmap.plans.services import set_step_status
from tests.factories import CareerProfileFactory, RoadmapFactory, RoadmapStepFactory, UserFactory
from tests.html import main, page

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 1)


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def _roadmap(user: User) -> Roadmap:
    roadmap = RoadmapFactory(user=user, is_active=True)
    for index in range(3):
        RoadmapStepFactory(
            roadmap=roadmap,
            key=f"step:{index}",
            position=index,
            title=f"Step {index + 1}",
            planned_start=TODAY - timedelta(days=10),
            planned_finish=TODAY + timedelta(days=index),  # the first is due today, overdue tomorrow
        )
    return roadmap


@pytest.fixture
def user() -> User:
    user = UserFactory(username="maya")
    CareerProfileFactory(user=user)
    return user


def _kept(client: Client, url: str) -> Any:
    """Visit until the page is kept: the first visit makes the CSRF cookie, the second keeps the page."""
    client.get(url)
    return client.get(url)


def _status(response: Any, title: str) -> str:
    card = next(card for card in main(response).find_all(cls="roadmap-step") if title in card.text())
    return card.attrs["data-status"]


@pytest.mark.parametrize("name", ["roadmap:detail", "roadmap:dashboard", "ceus:list", "ceus:wallet", "roadmap:list"])
def test_a_kept_page_is_served_in_three_queries_as_rendered(
    signed_in: Client, user: User, name: str, django_assert_num_queries: Any
) -> None:
    roadmap = _roadmap(user)
    url = reverse(name, args=[roadmap.pk] if name == "roadmap:detail" else [])
    rendered = _kept(signed_in, url)

    # the session, the user, and the catalogue's and the person's versions (read together)
    with django_assert_num_queries(3):
        response = signed_in.get(url)

    assert response.content == rendered.content
    assert response["Cache-Control"] == "private, no-store"
    assert main(response).text() == main(rendered).text()


def test_a_status_change_shows_on_the_next_visit(signed_in: Client, user: User) -> None:
    roadmap = _roadmap(user)
    url = reverse("roadmap:detail", args=[roadmap.pk])
    step = roadmap.steps.get(position=0)
    assert _status(_kept(signed_in, url), "Step 1") == "not_started"

    signed_in.post(
        reverse("roadmap:step_status", args=[roadmap.pk, step.pk]),
        {"status": "done", "expected": "not_started"},
        HTTP_HX_REQUEST="true",
    )

    assert _status(signed_in.get(url), "Step 1") == "done"


def test_a_change_made_outside_a_request_shows_on_the_next_visit(signed_in: Client, user: User) -> None:
    """The admin and commands save rows one by one: each save or delete makes the owner's pages out of date."""
    roadmap = _roadmap(user)
    url = reverse("roadmap:detail", args=[roadmap.pk])
    _kept(signed_in, url)

    step = roadmap.steps.get(position=1)
    step.title = "Renamed in the shell"
    step.save()
    assert "Renamed in the shell" in signed_in.get(url).content.decode()

    RoadmapStep.objects.filter(pk=step.pk).delete()
    assert "Renamed in the shell" not in signed_in.get(url).content.decode()


def test_a_status_change_by_the_service_goes_up_with_its_transaction(signed_in: Client, user: User) -> None:
    """set_step_status writes with queryset updates (no signal): it bumps the version itself, in its own
    transaction, so a change made by a command shows too, and the request's middleware has nothing left to do."""
    roadmap = _roadmap(user)
    url = reverse("roadmap:detail", args=[roadmap.pk])
    _kept(signed_in, url)
    step = RoadmapStep.objects.select_related("roadmap").get(roadmap=roadmap, position=0)

    with CaptureQueriesContext(connection) as queries:
        set_step_status(step=step, status="done", expected="not_started", today=TODAY)

    sql = [query["sql"] for query in queries]
    # The last write of the change's transaction (outside a request, saving the roadmap's dates bumps too).
    assert sql[-1].startswith("RELEASE SAVEPOINT")
    assert sql[-2].startswith(f"UPDATE {PageVersion._meta.db_table}")
    assert _status(signed_in.get(url), "Step 1") == "done"

    with CaptureQueriesContext(connection) as queries:
        signed_in.post(
            reverse("roadmap:step_status", args=[roadmap.pk, step.pk]),
            {"status": "in_progress", "expected": "done"},
            HTTP_HX_REQUEST="true",
        )
    sql = [query["sql"] for query in queries]
    bumps = [index for index, text in enumerate(sql) if text.startswith(f"UPDATE {PageVersion._meta.db_table}")]
    ends = [index for index, text in enumerate(sql) if text.startswith("RELEASE SAVEPOINT")]
    assert len(bumps) == 1
    assert bumps[0] < ends[-1]  # in the change's transaction, none after it
    assert _status(signed_in.get(url), "Step 1") == "in_progress"


def test_anothers_change_leaves_ones_pages_kept(signed_in: Client, user: User) -> None:
    roadmap = _roadmap(user)
    _kept(signed_in, reverse("roadmap:detail", args=[roadmap.pk]))
    before = PageVersion.objects.get(user=user).number

    other = _roadmap(UserFactory())
    other.steps.update(title="Someone else's")
    RoadmapStep.objects.filter(roadmap=other).first().save()  # type: ignore[union-attr]

    assert PageVersion.objects.get(user=user).number == before


def test_the_next_day_the_page_is_rendered_again(signed_in: Client, user: User) -> None:
    roadmap = _roadmap(user)
    url = reverse("roadmap:detail", args=[roadmap.pk])
    assert main(_kept(signed_in, url)).texts("overdue-steps") == ["None"]

    with time_machine.travel(TODAY + timedelta(days=1), tick=False):
        assert main(signed_in.get(url)).texts("overdue-steps") == ["Step 1"]


def test_a_catalogue_change_renders_the_page_again(signed_in: Client, user: User) -> None:
    roadmap = _roadmap(user)
    url = reverse("roadmap:detail", args=[roadmap.pk])
    _kept(signed_in, url)
    CatalogueVersion.bump()  # as every admin save in the catalogue does

    with CaptureQueriesContext(connection) as rendered:
        signed_in.get(url)
    with CaptureQueriesContext(connection) as kept:
        signed_in.get(url)

    # rendered again: the roadmap, its steps, and "has the catalogue changed since it was planned?"; then kept
    assert any("roadmap_roadmapstep" in query["sql"] for query in rendered.captured_queries)
    assert len(kept) == 3


def test_nobody_else_is_served_ones_kept_page(signed_in: Client, user: User) -> None:
    roadmap = _roadmap(user)
    url = reverse("roadmap:detail", args=[roadmap.pk])
    _kept(signed_in, url)
    _kept(signed_in, reverse("roadmap:dashboard"))

    other = Client()
    other.force_login(UserFactory(username="someone-else"))
    _kept(other, url)

    assert other.get(url).status_code == 404
    dashboard = other.get(reverse("roadmap:dashboard")).content.decode()
    assert "someone-else" in dashboard
    assert "maya" not in dashboard


def test_a_message_and_the_undo_are_shown_once_then_the_page_is_kept(signed_in: Client, user: User) -> None:
    roadmap = _roadmap(user)
    url = reverse("roadmap:detail", args=[roadmap.pk])
    step = roadmap.steps.get(position=0)
    _kept(signed_in, url)

    signed_in.post(
        reverse("roadmap:step_status", args=[roadmap.pk, step.pk]), {"status": "done", "expected": "not_started"}
    )

    after = signed_in.get(url)
    assert "is now Done" in main(after).text()
    assert "Undo" in main(after).text()
    again = signed_in.get(url)
    assert "is now Done" not in main(again).text()
    assert "Undo" not in main(again).text()
    assert _status(again, "Step 1") == "done"
    assert signed_in.get(url).content == again.content  # and that page is the one kept


def test_the_kept_pages_csrf_token_is_accepted(user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    roadmap = _roadmap(user)
    url = reverse("roadmap:detail", args=[roadmap.pk])
    kept = _kept(client, url)
    token = next(node for node in page(kept).find_all(tag="input") if node.attrs.get("name") == "csrfmiddlewaretoken")
    token_value = token.attrs["value"]
    assert client.get(url).content == kept.content  # served kept, with the token it was rendered with
    step = roadmap.steps.get(position=0)

    response = client.post(
        reverse("roadmap:step_status", args=[roadmap.pk, step.pk]),
        {"status": "done", "expected": "not_started", "csrfmiddlewaretoken": token_value},
    )

    assert response.status_code == 302
    assert RoadmapStep.objects.get(pk=step.pk).status == "done"


def test_htmx_fragments_are_never_kept(signed_in: Client, user: User) -> None:
    roadmap = _roadmap(user)
    url = reverse("roadmap:detail", args=[roadmap.pk]) + "?partial=progress"
    _kept(signed_in, url)

    step = roadmap.steps.get(position=0)
    RoadmapStep.objects.filter(pk=step.pk).update(status="done")  # not through a request: nothing is bumped
    response = signed_in.get(url, HTTP_HX_REQUEST="true")

    assert set(page(response).texts("progress-count")) == {"1 of 3 steps done"}  # rendered afresh, never kept


def test_each_language_has_its_own_kept_page(signed_in: Client, user: User) -> None:
    url = reverse("roadmap:dashboard")
    english = _kept(signed_in, url)
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    spanish = _kept(signed_in, url)
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert page(spanish).find_all(tag="html")[0].attrs["lang"] == "es"
    assert main(spanish).text() != main(english).text()
    assert signed_in.get(url).content == english.content
