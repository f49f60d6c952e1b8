import uuid
from datetime import date
from decimal import Decimal

import pytest

from certifications.models import CatalogueVersion, Certification
from roadmap.models import HeldCredential, Roadmap, RoadmapStep
from roadmap.plans.services import (
    DATE_FIELDS,
    activate_roadmap,
    make_plan,
    recommend,
    replan_roadmap,
    reschedule,
    roadmap_view,
    save_roadmap,
    set_step_status,
)
from tests.factories import CareerProfileFactory, HeldCredentialFactory, RoadmapFactory, RoadmapStepFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


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
    assert (roadmap.is_active, roadmap.certification_code) == (True, "CPC")
    assert (roadmap.credential_on, roadmap.credential_earliest, roadmap.credential_latest) == (
        date(2027, 12, 20),
        date(2027, 10, 9),
        date(2028, 2, 28),
    )
    assert (roadmap.total_hours_low, roadmap.total_hours, roadmap.total_hours_high) == (393, 495, 597)
    assert roadmap.routes[0]["name"] == "Complete a coding course of at least 80 contact hours"
    assert [area["area"] for area in roadmap.knowledge] == [k.area for k in plan.knowledge]


def test_saving_a_plan_keeps_each_steps_effort_range_and_where_it_comes_from(maya):
    roadmap = _save(maya)

    fields = ("effort_low_hours", "effort_high_hours", "effort_hours", "effort_source_title", "effort_basis")
    assert list(
        roadmap.steps.filter(key__in=["knowledge:medical-terminology", "exam:CPC:30"]).values_list(*fields)
    ) == [
        (
            Decimal("37.5"),
            Decimal("135.0"),
            Decimal("86.25"),  # stored exactly: rounding would differ between SQLite and PostgreSQL
            "Oakton Community College: HIT 104 Medical Terminology syllabus",
            "Colleges teach it as a 3-credit course (Oakton HIT 104); short 1-credit introductions also exist. "
            "1 to 3 credits, at about 37.5 to 45 hours of work per credit (one hour in class and two of study a "
            "week for fifteen weeks, 34 CFR 600.2).",
        ),
        (
            Decimal("8.0"),
            Decimal("16.0"),
            Decimal("12.0"),
            "",
            "Our estimate: two to four full-length practice exams of four hours each, the length of AAPC's exams.",
        ),
    ]
    assert list(roadmap.steps.exclude(removes_apprentice="").values_list("key", "removes_apprentice")) == [
        ("apprentice:CPC", "CPC")
    ]


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
    CatalogueVersion.bump()  # as every admin save does
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
    change = replan_roadmap(roadmap=roadmap, plan=make_plan(maya, "CPC", today=TODAY), profile=maya, today=TODAY)
    kept = roadmap.steps.get(key="program:aapc-cpc-course-80h")
    assert (kept.status, kept.completed_on, kept.note) == ("done", date(2027, 2, 20), "Finished early!")
    # Passing still gives CPC-A; her experience already meets the route to remove it, so she sends the proof.
    assert change.removed == ["Work as a coder for 12 months"]
    assert change.kept_done == ["Complete: AAPC CPC preparation course (80 contact hours)"]
    # Her experience replaces the course, and the profile does not say where she coded (nor that she did the
    # course), so the coding the course covered becomes study steps.
    assert change.added == ["Study ICD-10-CM diagnosis coding", "Study CPT and HCPCS Level II procedure coding"]
    roadmap.refresh_from_db()
    assert roadmap.last_replan["removed"] == change.removed
    assert roadmap.apprentice == "CPC-A"
    proof = roadmap.steps.get(removes_apprentice="CPC")
    assert proof.depends_on == ["exam:CPC:40"]


def test_replan_of_an_unchanged_profile_changes_nothing(maya):
    roadmap = _save(maya)
    before = list(roadmap.steps.order_by("position").values_list("key", "status", "planned_finish"))
    change = replan_roadmap(roadmap=roadmap, plan=make_plan(maya, "CPC", today=TODAY), profile=maya, today=TODAY)
    assert change.changed is False
    assert list(roadmap.steps.order_by("position").values_list("key", "status", "planned_finish")) == before


def test_the_schedule_counts_done_steps_on_their_completion_dates_and_every_view_reads_it(maya):
    roadmap = _save(maya)
    # The study steps and the course, all finished months early.
    roadmap.steps.filter(phase="education").update(status="done", completed_on=date(2027, 1, 20))
    reschedule(roadmap=roadmap, today=date(2027, 1, 21))
    roadmap.refresh_from_db()
    view = roadmap_view(roadmap, list(roadmap.steps.all()), today=date(2027, 1, 21))
    assert view.projected["exam:CPC:10"] == (date(2027, 1, 21), date(2027, 1, 22))
    assert view.span["exam:CPC:10"] == (date(2027, 1, 22), date(2027, 1, 22))
    assert (view.credential_earliest, view.credential_on, view.credential_latest) == (
        date(2027, 2, 1),
        date(2027, 2, 4),
        date(2027, 2, 7),
    )
    assert view.span["program:aapc-cpc-course-80h"] == (date(2027, 1, 20), date(2027, 1, 20))
    assert view.next_step is not None
    assert view.next_step.key == "exam:CPC:10"
    assert (view.overall.done, view.overall.total) == (4, 14)
    assert (roadmap.credential_on, roadmap.scheduled_on) == (date(2027, 2, 4), date(2027, 1, 21))
    assert [(p.phase, p.done, p.total) for p in view.phases] == [
        ("education", 4, 4),
        ("exam", 0, 4),
        ("maintenance", 0, 6),
    ]


def _dates(roadmap):
    return {pk: dates for pk, *dates in roadmap.steps.values_list("pk", *DATE_FIELDS)}


def test_a_status_change_stores_the_dates_that_moved_and_says_which(maya):
    roadmap = _save(maya)
    reschedule(roadmap=roadmap, today=date(2027, 2, 1))
    before = _dates(roadmap)
    course = roadmap.steps.get(key="program:aapc-cpc-course-80h")

    change = set_step_status(step=course, status="done", expected="not_started", today=date(2027, 2, 1))

    after = _dates(roadmap)
    moved = {pk for pk in after if after[pk] != before[pk]}
    # The course, done months early, and the exam and maintenance steps after it (not the study steps before).
    assert (len(moved), change.moved) == (11, moved - {course.pk})
    assert [step.pk for step in change.steps] == list(roadmap.steps.order_by("position").values_list("pk", flat=True))
    assert next(step for step in change.steps if step.pk == course.pk) is course  # brought up to date in place
    assert (course.status, course.planned_finish) == ("done", date(2027, 2, 1))


def test_rescheduling_when_nothing_moved_writes_nothing(maya, django_assert_num_queries):
    roadmap = _save(maya)
    reschedule(roadmap=roadmap, today=date(2027, 2, 1))
    before = _dates(roadmap)

    with django_assert_num_queries(1):  # the steps; no date and no credential date to store
        reschedule(roadmap=roadmap, today=date(2027, 2, 1))

    assert _dates(roadmap) == before


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


# ------------------------------------------------------ apprentice designation


def test_marking_the_proof_step_done_clears_the_apprentice_designation_and_undo_restores_it(maya):
    roadmap = _save(maya)
    sit, proof = roadmap.steps.get(earns="CPC"), roadmap.steps.get(removes_apprentice="CPC")
    set_step_status(step=sit, status="done", expected="not_started", today=date(2027, 12, 20))
    held = HeldCredential.objects.get(profile=maya)
    assert (held.certification.code, held.apprentice) == ("CPC", True)

    set_step_status(step=proof, status="done", expected="not_started", today=date(2028, 12, 20))
    held.refresh_from_db()
    assert held.apprentice is False

    set_step_status(step=proof, status="not_started", expected="done", today=date(2028, 12, 21))
    held.refresh_from_db()
    assert held.apprentice is True


def test_the_proof_step_changes_only_its_owners_credential(maya):
    roadmap = _save(maya)
    other = CareerProfileFactory()
    theirs = HeldCredentialFactory(profile=other, certification=Certification.objects.get(code="CPC"), apprentice=True)
    mine = HeldCredentialFactory(profile=maya, certification=Certification.objects.get(code="CPC"), apprentice=True)

    set_step_status(
        step=roadmap.steps.get(removes_apprentice="CPC"), status="done", expected="not_started", today=TODAY
    )

    assert dict(HeldCredential.objects.values_list("pk", "apprentice")) == {mine.pk: False, theirs.pk: True}


def test_the_proof_step_adds_no_credential_when_none_is_held(maya):
    roadmap = _save(maya)

    set_step_status(
        step=roadmap.steps.get(removes_apprentice="CPC"), status="done", expected="not_started", today=TODAY
    )
    set_step_status(
        step=roadmap.steps.get(removes_apprentice="CPC"), status="not_started", expected="done", today=TODAY
    )

    assert HeldCredential.objects.filter(profile=maya).exists() is False


def test_passing_after_the_proof_step_is_done_earns_the_full_credential(maya):
    roadmap = _save(maya)
    set_step_status(
        step=roadmap.steps.get(removes_apprentice="CPC"), status="done", expected="not_started", today=TODAY
    )

    set_step_status(step=roadmap.steps.get(earns="CPC"), status="done", expected="not_started", today=TODAY)

    assert list(HeldCredential.objects.filter(profile=maya).values_list("certification__code", "apprentice")) == [
        ("CPC", False)
    ]


def test_the_same_person_catalogue_and_day_are_planned_once(maya):
    first = make_plan(maya, "CPC", today=TODAY)
    ranking = recommend(maya, today=TODAY)

    assert make_plan(maya, "CPC", today=TODAY) is first
    assert recommend(maya, today=TODAY) is ranking
    assert make_plan(maya, "CPC", today=date(2026, 11, 24)) is not first  # another day

    maya.hours_per_week = 20
    maya.save()
    faster = make_plan(maya, "CPC", today=TODAY)
    assert faster is not first
    assert faster.credential_on < first.credential_on

    CatalogueVersion.bump()  # as an admin save does: a new copy of the catalogue, so a new plan
    assert make_plan(maya, "CPC", today=TODAY) is not faster
    assert make_plan(maya, "CPC", today=TODAY) == faster
