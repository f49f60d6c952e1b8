"""Plans and roadmaps in Spanish: the planner's messages through gettext, the catalogue's steps in the admin's words."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from certifications.models import CatalogueVersion, StepTemplate
from certifications.translation import FALLBACK_NOTE
from roadmap import planner
from roadmap.models import CareerProfile
from roadmap.plans.services import make_plan, save_roadmap
from roadmap.translation import translate
from tests.helpers import in_spanish
from tests.html import main
from tests.roadmap.helpers import logged_in, plan_steps

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)
SIT_THE_EXAM_ES = "Presentar el examen CPC"


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def spanish_note() -> str:
    with translation.override("es"):
        return str(FALLBACK_NOTE)


def translate_the_cpc_exam_step() -> None:
    StepTemplate.objects.filter(certification__code="CPC", order=40).update(title_es=SIT_THE_EXAM_ES)
    CatalogueVersion.bump()  # as an admin save does


def test_a_preview_in_spanish_shows_a_translated_step_in_spanish_and_the_others_with_a_note(
    client: Client, maya: CareerProfile
) -> None:
    translate_the_cpc_exam_step()

    response = logged_in(in_spanish(client), maya).get(reverse("roadmap:preview", args=["CPC"]))

    titles = [title for phase in plan_steps(response).values() for title in phase]
    assert SIT_THE_EXAM_ES in titles
    # The area has no Spanish name: its study step names it in English, and says so.
    study = [title for title in titles if "medical terminology" in title]
    assert len(study) == 1
    assert study[0].endswith(f"medical terminology {spanish_note()}")


def test_a_preview_in_english_reads_as_the_planner_wrote_it(client: Client, maya: CareerProfile) -> None:
    translate_the_cpc_exam_step()

    steps = plan_steps(logged_in(client, maya).get(reverse("roadmap:preview", args=["CPC"])))

    plan = make_plan(maya, "CPC", today=TODAY)
    assert steps["Exam"] == [str(step.title) for step in plan.phase("exam")]
    assert "Sit the CPC exam" in steps["Exam"]


def test_a_saved_roadmap_in_spanish_shows_its_template_steps_in_spanish_and_the_saved_english_with_a_note(
    client: Client, maya: CareerProfile
) -> None:
    plan = make_plan(maya, "CPC", today=TODAY)
    roadmap = save_roadmap(user=maya.user, plan=plan, profile=maya, save_token=uuid.uuid4())
    translate_the_cpc_exam_step()

    page = main(logged_in(in_spanish(client), maya).get(roadmap.get_absolute_url()))

    titles = page.texts("step-title")
    assert SIT_THE_EXAM_ES in titles
    course = next(step.title for step in roadmap.steps.all() if step.key.startswith("program:"))
    assert f"{course} {spanish_note()}" in titles


def test_translate_says_planner_messages_in_english_on_english_pages() -> None:
    message = planner.N_("It gets you there soonest, by {date}.", date=date(2027, 3, 15))

    with translation.override("en"):
        assert translate(message) == ("It gets you there soonest, by 15 Mar 2027.", False)
        assert translate("Saved words.") == ("Saved words.", False)
    with translation.override("es"):
        assert translate("Saved words.") == ("Saved words.", True)


# Needs the planner's msgids translated in locale/es/LC_MESSAGES/django.po, compiled (make setup).
def test_a_preview_in_spanish_explains_the_plan_in_spanish(client: Client, maya: CareerProfile) -> None:
    page = main(logged_in(in_spanish(client), maya).get(reverse("roadmap:preview", args=["CPC"])))

    plan = make_plan(maya, "CPC", today=TODAY)
    english = {str(route.why) for route in plan.routes} | {str(area.reason) for area in plan.knowledge}
    shown = set(page.texts("route-why")) | set(page.texts("knowledge-status"))
    assert english & shown == set()
    assert any("Estudiar" in title for titles in plan_steps_of(page) for title in titles)


def plan_steps_of(page: Any) -> list[list[str]]:
    return [section.texts("step-title") for section in page.find_all(tag="section", cls="phase")]
