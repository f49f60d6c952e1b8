"""What an empty experience phase says (issue 8, section 6): when the only work is after the exam (the
planner lists the work that removes CPC-A under Maintenance), it says so instead of "Nothing to do"."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client

from roadmap.models import CareerProfile, Roadmap
from tests.factories import maya_profile
from tests.html import main
from tests.roadmap.helpers import plan_steps, token_of

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)

WORK_AFTER = (
    "No work experience is needed before the exam. The work after it, which removes CPC-A, is under Maintenance."
)


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def _preview(client: Client, profile: CareerProfile) -> Any:
    client.force_login(profile.user)
    return client.get("/plan/CPC/")


def _empty_states(response: Any) -> dict[str, str]:
    return {
        phase.find_all(tag="h2")[0].text(): phase.texts("empty-phase")[0]
        for phase in main(response).find_all(tag="section", cls="phase")
        if phase.texts("empty-phase")
    }


def test_the_preview_sends_a_newcomer_to_maintenance_for_the_work_after_the_exam(client: Client) -> None:
    response = _preview(client, maya_profile())

    assert _empty_states(response) == {"Experience": WORK_AFTER}
    work = [title for title in plan_steps(response)["Maintenance (CEUs)"] if title.startswith("Work")]
    assert work == ["Work as a coder for 12 months"]
    assert main(response).find_all(cls="empty-phase")[0].links() == [("Maintenance", "#phase-maintenance")]


def test_the_saved_roadmap_says_the_same(client: Client) -> None:
    response = _preview(client, maya_profile())
    client.post("/plan/CPC/", {"save_token": token_of(response)})

    roadmap = Roadmap.objects.get()
    assert _empty_states(client.get(f"/roadmaps/{roadmap.pk}/")) == {"Experience": WORK_AFTER}


def test_with_no_work_planned_at_all_the_experience_phase_has_nothing_to_do(client: Client) -> None:
    # Two years of coding already meet the experience that removes CPC-A.
    response = _preview(client, maya_profile(coding_months=24))

    assert _empty_states(response) == {"Experience": "Nothing to do in this phase for you."}
    assert [title for title in plan_steps(response)["Maintenance (CEUs)"] if title.startswith("Work")] == []
