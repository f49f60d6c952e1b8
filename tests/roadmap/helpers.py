"""What several roadmap test modules do the same way: signing in, reading a plan page, saving roadmaps and
recording credentials, CEUs and memberships against the seed catalogue. Fixtures are in tests/conftest.py,
factories in tests/factories.py; this module is not collected (its name does not start with test_)."""

from __future__ import annotations

import re
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.messages import get_messages
from django.test import Client

from certifications.models import Certification, CertifyingBody
from roadmap.models import CareerProfile, CeuActivity, HeldCredential, Membership, Roadmap
from roadmap.plans.services import make_plan, save_roadmap
from tests.factories import (
    CareerProfileFactory,
    CeuActivityFactory,
    HeldCredentialFactory,
    MembershipFactory,
    RoadmapFactory,
    RoadmapStepFactory,
)
from tests.html import Node, main

PLANNED_ON = date(2026, 11, 23)  # the day the saved roadmaps below were planned
PHASES = ["education", "experience", "exam", "maintenance"]
PHASE_HEADINGS = ["Education", "Experience", "Exam", "Maintenance (CEUs)"]


# ------------------------------------------------------------------ signing in


def logged_in(client: Client, profile_or_user: Any) -> Client:
    client.force_login(getattr(profile_or_user, "user", profile_or_user))
    return client


def signed_in_profile(client: Client, **profile_fields: Any) -> CareerProfile:
    """A new person with a profile made of these answers, signed in on `client`."""
    profile: CareerProfile = CareerProfileFactory(**profile_fields)
    client.force_login(profile.user)
    return profile


# ------------------------------------------------------------------ reading pages


def messages_of(response: Any) -> list[str]:
    """The messages the request left for the next page."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def shown_messages(response: Any) -> list[str]:
    """The messages the response's own template context was given."""
    return [str(message) for message in response.context["messages"]]


def token_of(response: Any) -> str:
    match = re.search(r'name="save_token" value="([0-9a-f-]+)"', response.content.decode())
    assert match is not None
    return match.group(1)


def section(response: Any, heading_id: str) -> Node:
    """The <section> labelled by the heading with this id."""
    return next(s for s in main(response).find_all(tag="section") if s.attrs.get("aria-labelledby") == heading_id)


def plan_steps(response: Any) -> dict[str, list[str]]:
    """Step titles of each phase, by phase heading."""
    return {
        node.find_all(tag="h2")[0].text(): node.texts("step-title")
        for node in main(response).find_all(tag="section", cls="phase")
    }


# ------------------------------------------------------------------ making data


def save_cpc(profile: CareerProfile, code: str = "CPC") -> Roadmap:
    """The roadmap the person saves from the plan for `code` (CPC unless said) made on PLANNED_ON."""
    plan = make_plan(profile, code, today=PLANNED_ON)
    return save_roadmap(user=profile.user, plan=plan, profile=profile, save_token=uuid.uuid4())


def make_roadmap(user: Any, n: int, **fields: Any) -> Roadmap:
    """A roadmap of n steps in a chain, spread over the four phases."""
    roadmap: Roadmap = RoadmapFactory(user=user, **fields)
    for index in range(n):
        RoadmapStepFactory(
            roadmap=roadmap,
            key=f"step:{index}",
            position=index,
            phase=PHASES[index * 4 // n],
            title=f"Step {index + 1}",
            depends_on=[f"step:{index - 1}"] if index else [],
            resources=[{"label": "A resource", "url": "https://example.org/"}],
            note="A note" if index % 2 else "",
        )
    return roadmap


def hold(profile: CareerProfile, code: str, earned_on: date, *, apprentice: bool = False) -> HeldCredential:
    """The person holds the seed certification `code`, earned on that day."""
    held: HeldCredential = HeldCredentialFactory(
        profile=profile, certification=Certification.objects.get(code=code), earned_on=earned_on, apprentice=apprentice
    )
    return held


def log_activity(
    profile: CareerProfile, day: date, ceus: str, *held: HeldCredential, title: str = "Webinar", **fields: Any
) -> CeuActivity:
    """A CEU activity done that day, counted toward the credentials `held`."""
    activity: CeuActivity = CeuActivityFactory(
        profile=profile, completed_on=day, title=title, ceus=Decimal(ceus), credentials=held, **fields
    )
    return activity


def member_of(profile: CareerProfile, body: str, renews_on: date) -> Membership:
    """The person's membership of the seed body with this abbreviation."""
    membership: Membership = MembershipFactory(
        profile=profile, body=CertifyingBody.objects.get(abbreviation=body), renews_on=renews_on
    )
    return membership
