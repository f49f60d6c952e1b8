"""The calendar address a page shows (issue 8, section 6): on SITE_ROOT when it is set, otherwise on the
address the site was asked for. E-mails have no request and keep SITE_ROOT, set or not."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client

from careerplanner.env import env_is_set
from roadmap.keeping.reminders import send_reminders
from roadmap.models import CareerProfile
from tests.factories import RoadmapFactory, RoadmapStepFactory
from tests.html import page

pytestmark = pytest.mark.django_db

SITE = "https://planner.example"


def _shown_address(client: Client, **request: Any) -> str:
    return page(client.get("/wallet/", **request)).by_id("calendar-feed-url").attrs["value"]


@pytest.mark.parametrize(
    ("host", "secure", "root"),
    [
        ("careers.example.org", True, "https://careers.example.org"),
        ("10.0.0.7:8080", False, "http://10.0.0.7:8080"),
    ],
)
def test_without_site_root_the_wallet_shows_the_feed_on_the_address_it_was_asked_for(
    client: Client, settings: Any, maya: CareerProfile, host: str, secure: bool, root: str
) -> None:
    settings.SITE_ROOT_IS_SET = False
    settings.ALLOWED_HOSTS = [host.split(":")[0]]
    client.force_login(maya.user)

    address = _shown_address(client, HTTP_HOST=host, secure=secure)

    assert address == f"{root}/calendar/{maya.calendar_token}.ics"


def test_with_site_root_set_the_wallet_shows_the_feed_on_it_whatever_the_request(
    client: Client, settings: Any, maya: CareerProfile
) -> None:
    settings.SITE_ROOT, settings.SITE_ROOT_IS_SET = SITE, True
    settings.ALLOWED_HOSTS = ["internal.example"]
    client.force_login(maya.user)

    address = _shown_address(client, HTTP_HOST="internal.example")

    assert address == f"{SITE}/calendar/{maya.calendar_token}.ics"


def test_reminder_emails_link_to_site_root_even_when_it_is_not_set(settings: Any, maya: CareerProfile) -> None:
    settings.SITE_ROOT, settings.SITE_ROOT_IS_SET = SITE, False
    roadmap = RoadmapFactory(user=maya.user, is_active=True, certification_code="CPC")
    step = RoadmapStepFactory(roadmap=roadmap, title="Join AAPC", planned_finish=datetime.date(2027, 3, 1))

    with time_machine.travel(datetime.datetime(2027, 3, 1, 6, tzinfo=datetime.UTC), tick=False):
        send_reminders(today=datetime.date(2027, 3, 1))

    [email] = mail.outbox
    assert [line.strip() for line in email.body.splitlines() if "://" in line] == [
        f"{SITE}/roadmaps/{roadmap.pk}/#step-{step.pk}",
        f"You get these reminders because they are on in your profile. To turn them off: {SITE}/profile/",
    ]


@pytest.mark.parametrize(
    ("environment", "is_set"),
    [({}, False), ({"SITE_ROOT": ""}, False), ({"SITE_ROOT": "  "}, False), ({"SITE_ROOT": SITE}, True)],
)
def test_site_root_counts_as_set_only_with_a_value(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], is_set: bool
) -> None:
    monkeypatch.delenv("SITE_ROOT", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    assert env_is_set("SITE_ROOT") == is_set
