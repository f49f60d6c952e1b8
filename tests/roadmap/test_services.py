import uuid
from datetime import date

import pytest

from certifications.models import Certification, WorkSetting
from roadmap.models import Roadmap, RoadmapStep
from roadmap.services import (
    activate_roadmap,
    make_plan,
    replan_roadmap,
    roadmap_view,
    save_roadmap,
    set_step_status,
)
from tests.factories import CareerProfileFactory, HeldCredentialFactory, RoadmapFactory, RoadmapStepFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


@pytest.fixture
def maya():
    return CareerProfileFactory(
        education="high_school",
        hours_per_week=10,
        budget=3000,
        preferred_setting=WorkSetting.objects.get(code="physician-office"),
        start_date=date(2027, 1, 4),
    )


def _save(profile, code="CPC", token=None):
    plan = make_plan(profile, code, today=TODAY)
    return save_roadmap(user=profile.user, plan=plan, profile=profile, save_token=token or uuid.uuid4())


def test_saving_a_plan_copies_every_step_and_makes_the_first_roadmap_active(maya):
    roadmap = _save(maya)
    plan = make_plan(maya, "CPC", today=TODAY)
    steps = list(roadmap.steps.order_by("position"))
    assert [(s.key, s.title, s.planned_start, s.planned_finish) for s in steps] == [
        (s.key, s.title, s.start, s.finish) for s in plan.steps
    ]
    assert (roadmap.is_active, roadmap.certification_code, roadmap.credential_on) == (True, "CPC", date(2027, 3, 15))
    assert roadmap.routes[0]["name"] == "Complete a coding course of at least 80 contact hours"


def test_a_second_roadmap_is_not_active_until_chosen(maya):
    first = _save(maya)
    second = _save(maya, "COC")
    assert (second.is_active, Roadmap.objects.get(pk=first.pk).is_active) == (False, True)
    activate_roadmap(roadmap=second)
    assert list(
        Roadmap.objects.filter(user=maya.user, is_active=True).values_list("certification_code", flat=True)
    ) == ["COC"]


def test_a_double_submit_saves_one_roadmap(maya):
    token = uuid.uuid4()
    first = _save(maya, token=token)
    again = _save(maya, token=token)
    assert again.pk == first.pk
    assert Roadmap.objects.filter(user=maya.user).count() == 1


def test_catalogue_edits_never_change_a_saved_roadmap(maya):
    roadmap = _save(maya)
    before = list(roadmap.steps.order_by("position").values_list("title", "why", "effort_hours", "cost"))
    cpc = Certification.objects.get(code="CPC")
    cpc.step_templates.filter(order=30).delete()
    cpc.ceus_per_cycle = 40
    cpc.save()
    after = list(roadmap.steps.order_by("position").values_list("title", "why", "effort_hours", "cost"))
    assert after == before
    assert "Earn 36 CEUs every 2 years (AAPC)" in [title for title, *_ in after]
    fresh = make_plan(maya, "CPC", today=TODAY)
    assert "Earn 40 CEUs every 2 years (AAPC)" in [s.title for s in fresh.steps]
    assert "Take timed practice exams" not in [s.title for s in fresh.steps]


def test_deleting_the_certification_keeps_the_saved_roadmap(maya):
    roadmap = _save(maya, "CDEO")
    Certification.objects.get(code="CDEO").delete()
    roadmap.refresh_from_db()
    assert (roadmap.certification, roadmap.certification_code, roadmap.steps.count() > 0) == (None, "CDEO", True)


def test_status_change_records_the_completion_date_and_allows_undo(maya):
    step = _save(maya).steps.get(key="exam:CPC:10")
    change = set_step_status(step=step, status="done", expected="not_started", today=TODAY)
    assert (change.applied, change.conflict, step.status, step.completed_on) == (True, False, "done", TODAY)
    undo = set_step_status(step=step, status=step.previous_status, expected="done", today=TODAY)
    assert (undo.applied, step.status, step.completed_on) == (True, "not_started", None)


def test_a_double_click_leaves_the_step_in_the_requested_state(maya):
    step = _save(maya).steps.get(key="exam:CPC:10")
    set_step_status(step=step, status="done", expected="not_started", today=TODAY)
    second = set_step_status(step=step, status="done", expected="not_started", today=TODAY)
    assert (second.applied, second.conflict, RoadmapStep.objects.get(pk=step.pk).status) == (False, False, "done")


def test_a_stale_tab_cannot_overwrite_a_newer_status(maya):
    step = _save(maya).steps.get(key="exam:CPC:10")
    set_step_status(step=step, status="done", expected="not_started", today=TODAY)
    stale = set_step_status(step=step, status="in_progress", expected="not_started", today=TODAY)
    assert (stale.applied, stale.conflict, RoadmapStep.objects.get(pk=step.pk).status) == (False, True, "done")


def test_replan_keeps_done_steps_and_says_what_changed(maya):
    roadmap = _save(maya)
    course = roadmap.steps.get(key="program:aapc-cpc-course-80h")
    set_step_status(step=course, status="done", expected="not_started", today=date(2027, 2, 20))
    RoadmapStep.objects.filter(pk=course.pk).update(note="Finished early!")
    # Maya now codes for a living: three years of it.
    maya.coding_months, maya.currently_coding = 36, True
    maya.save()
    change = replan_roadmap(roadmap=roadmap, plan=make_plan(maya, "CPC", today=TODAY), profile=maya)
    kept = roadmap.steps.get(key="program:aapc-cpc-course-80h")
    assert (kept.status, kept.completed_on, kept.note) == ("done", date(2027, 2, 20), "Finished early!")
    assert change.removed == ["Work as a coder for 12 months", "Apply to AAPC to remove the CPC-A designation"]
    assert change.kept_done == ["Complete: AAPC CPC preparation course (80 contact hours)"]
    assert change.added == []
    roadmap.refresh_from_db()
    assert roadmap.last_replan["removed"] == change.removed
    assert roadmap.apprentice == ""


def test_replan_of_an_unchanged_profile_changes_nothing(maya):
    roadmap = _save(maya)
    before = list(roadmap.steps.order_by("position").values_list("key", "status", "planned_finish"))
    change = replan_roadmap(roadmap=roadmap, plan=make_plan(maya, "CPC", today=TODAY), profile=maya)
    assert change.changed is False
    assert list(roadmap.steps.order_by("position").values_list("key", "status", "planned_finish")) == before


def test_roadmap_view_projects_dates_from_actual_completion_and_finds_the_next_step(maya):
    roadmap = _save(maya)
    steps = list(roadmap.steps.all())
    course = next(s for s in steps if s.key == "program:aapc-cpc-course-80h")
    course.status, course.completed_on = "done", date(2027, 1, 20)  # finished six weeks early
    view = roadmap_view(roadmap, steps, today=date(2027, 1, 21))
    assert view.projected["exam:CPC:10"] == (date(2027, 1, 21), date(2027, 1, 22))
    assert view.credential_on == date(2027, 2, 4)
    assert view.next_step is not None
    assert view.next_step.key == "exam:CPC:10"
    assert (view.overall.done, view.overall.total) == (1, 11)
    assert [(p.phase, p.done, p.total) for p in view.phases] == [
        ("education", 1, 1),
        ("exam", 0, 4),
        ("maintenance", 0, 6),
    ]


def test_overdue_steps_are_those_past_their_saved_finish_date():
    roadmap = RoadmapFactory()
    late = RoadmapStepFactory(roadmap=roadmap, planned_finish=date(2027, 1, 10))
    RoadmapStepFactory(roadmap=roadmap, planned_finish=date(2027, 1, 10), status="done", completed_on=date(2027, 1, 9))
    RoadmapStepFactory(roadmap=roadmap, planned_finish=date(2027, 3, 1))
    view = roadmap_view(roadmap, list(roadmap.steps.all()), today=date(2027, 1, 20))
    assert [step.pk for step in view.overdue] == [late.pk]


def test_profile_credentials_feed_the_planner():
    profile = CareerProfileFactory(coding_months=14, currently_coding=True)
    HeldCredentialFactory(
        profile=profile, certification=Certification.objects.get(code="CCA"), earned_on=date(2024, 3, 15)
    )
    plan = make_plan(profile, "CCS", today=TODAY)
    route = next(r for r in plan.routes if r.certification == "CCS")
    assert route.name == "CCA plus one year of coding experience"
