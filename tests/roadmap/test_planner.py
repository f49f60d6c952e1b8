"""The planner against the seed catalogue and the personas of personas.md.

No test here touches the database: the catalogue comes from the seed file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from roadmap import planner
from roadmap.planner import HeldCredential, Profile
from tests.roadmap.seed_catalogue import seed_catalogue

TODAY = date(2026, 11, 23)
START = date(2027, 1, 4)  # every persona starts here (personas.md)

P1_MAYA = Profile(
    education="high_school",
    hours_per_week=10,
    budget=Decimal(3000),
    preferred_setting="physician-office",
    start_date=START,
)
P2_DANIEL = Profile(
    education="high_school",
    credentials=(HeldCredential("CCA", date(2024, 3, 15)),),
    coding_months=14,
    coding_setting="inpatient",
    currently_coding=True,
    preferred_setting="inpatient",
    hours_per_week=8,
    start_date=START,
)
P3_ROSA = Profile(education="none", hours_per_week=6, budget=Decimal(1000), start_date=START)
P4_PRIYA = Profile(
    education="associate",
    qualifications=frozenset({"cahiim_associate"}),
    credentials=(HeldCredential("RHIT", date(2023, 6, 1)),),
    coding_months=6,
    currently_coding=True,
    preferred_setting="inpatient",
    start_date=START,
)
P5_JAMES = Profile(
    education="high_school",
    coding_months=36,
    coding_setting="physician-office",
    currently_coding=True,
    preferred_setting="physician-office",
    start_date=START,
)


def make_plan(profile: Profile, code: str) -> planner.Plan:
    return planner.plan(profile, seed_catalogue(), code, TODAY)


def titles(steps: tuple[planner.Step, ...]) -> list[str]:
    return [step.title for step in steps]


def route(result: planner.Plan, purpose: str) -> planner.RouteChoice:
    """The plan's own route of a purpose (not one of a prerequisite credential)."""
    return next(c for c in result.routes if c.purpose == purpose and c.certification == result.certification)


# ------------------------------------------------------------------ P1 Maya


def test_p1_maya_is_recommended_an_outpatient_aapc_credential_first():
    ranking = planner.recommend(P1_MAYA, seed_catalogue(), TODAY)
    assert ranking[0].code == "CPC"
    assert ranking[0].ranked_above == "Ranked above CCA: it is aimed more squarely at your setting."
    assert [r.code for r in ranking].index("CCS") > 3


def test_p1_maya_studies_the_foundations_aapc_expects_then_an_80_hour_course_all_recommended():
    result = make_plan(P1_MAYA, "CPC")
    education = result.phase("education")
    assert [(step.title, step.required) for step in education] == [
        ("Study medical terminology", False),
        ("Study anatomy and physiology", False),
        ("Study pathophysiology", False),
        ("Complete: AAPC CPC preparation course (80 contact hours)", False),
    ]
    assert all(step.why.startswith("Recommended, not required: ") for step in education)
    assert [(step.start, step.finish) for step in education] == [
        (START, date(2027, 3, 6)),
        (date(2027, 3, 6), date(2027, 6, 30)),
        (date(2027, 6, 30), date(2027, 10, 11)),
        (date(2027, 10, 11), date(2027, 12, 6)),
    ]
    course = education[-1]
    assert course.depends_on == tuple(step.key for step in education[:-1])  # the course builds on them


def test_p1_maya_every_study_step_has_a_sourced_range_or_says_it_is_our_estimate():
    result = make_plan(P1_MAYA, "CPC")
    terminology = result.phase("education")[0]
    assert terminology.effort is not None
    assert (terminology.effort.low, terminology.effort.high, terminology.effort_hours) == (
        Decimal("37.5"),
        Decimal(135),
        Decimal("86.25"),
    )
    assert terminology.effort.source == planner.Resource(
        "Oakton Community College: HIT 104 Medical Terminology syllabus",
        "http://www.oakton.edu/academics/academic_departments/health_info_tech/syllabi/hit104.php",
    )
    practice = next(step for step in result.steps if step.title == "Take timed practice exams")
    assert practice.effort is not None
    assert (practice.effort.low, practice.effort.high, practice.effort.estimate) == (Decimal(8), Decimal(16), True)
    assert practice.effort.basis.startswith("Our estimate: ")
    studied = [step for step in result.steps if step.track == planner.STUDY and step.phase != "maintenance"]
    assert [step.title for step in studied if step.effort is None] == []


def test_p1_maya_sees_what_the_exam_expects_and_where_she_learns_it():
    result = make_plan(P1_MAYA, "CPC")
    assert [(k.name, k.met, k.step or k.reason) for k in result.knowledge] == [
        ("Medical terminology", False, "Study medical terminology"),
        ("Anatomy and physiology", False, "Study anatomy and physiology"),
        ("Pathophysiology", False, "Study pathophysiology"),
        (
            "ICD-10-CM diagnosis coding",
            False,
            "Your plan includes AAPC CPC preparation course (80 contact hours), which covers it.",
        ),
        (
            "CPT and HCPCS Level II procedure coding",
            False,
            "Your plan includes AAPC CPC preparation course (80 contact hours), which covers it.",
        ),
    ]


def test_p1_maya_exam_phase_is_membership_register_practice_sit():
    result = make_plan(P1_MAYA, "CPC")
    assert titles(result.phase("exam")) == [
        "Join AAPC",
        "Register for the CPC exam",
        "Take timed practice exams",
        "Sit the CPC exam",
    ]
    sit = result.phase("exam")[-1]
    assert sit.earns == "CPC"
    assert "100 multiple-choice questions in 4 hours" in sit.why


def test_p1_maya_exam_is_projected_after_the_course_ends_with_the_span_the_ranges_allow():
    result = make_plan(P1_MAYA, "CPC")
    course = result.phase("education")[-1]
    exam_starts = [step.start for step in result.phase("exam")]
    assert all(start is not None and course.finish is not None and start >= course.finish for start in exam_starts)
    assert (result.credential_earliest, result.credential_on, result.credential_latest) == (
        date(2027, 10, 9),
        date(2027, 12, 20),
        date(2028, 2, 28),
    )
    assert (result.total_hours_low, result.total_hours, result.total_hours_high) == (
        Decimal(393),
        Decimal(495),
        Decimal(597),
    )


def test_p1_maya_passes_as_cpc_a_and_sends_proof_after_a_year_of_work_plus_her_course():
    result = make_plan(P1_MAYA, "CPC")
    assert result.apprentice == "CPC-A"
    removal = route(result, "apprentice_removal")
    assert removal.name == "One year of verified coding work plus an 80-contact-hour coding course"
    assert [(req.met, req.reason) for req in removal.requirements] == [
        (True, "You have completed this."),
        (False, "You have 0 months."),
    ]
    work = next(step for step in result.steps if step.key == "work:coding:12")
    assert (work.phase, work.title, work.start, work.finish) == (
        "maintenance",
        "Work as a coder for 12 months",
        date(2027, 12, 20),
        date(2028, 12, 20),
    )
    send = next(step for step in result.steps if step.key == "apprentice:CPC")
    assert (send.title, send.removes_apprentice, send.start, send.finish) == (
        "Send AAPC your proof to remove CPC-A",
        "CPC",
        date(2028, 12, 20),
        date(2028, 12, 20),
    )
    assert send.why == (
        "AAPC gives CPC-A to everyone who passes CPC and removes it when it receives proof of “One year of verified "
        "coding work plus an 80-contact-hour coding course”. Send employer letters on company letterhead, hand-signed "
        "and dated, with your start and end dates; and your course certificate (hours of AAPC's own courses are "
        "applied automatically). Send it once the route is met."
    )
    assert result.apprentice_removed_on == date(2028, 12, 20)


def test_p1_maya_keeps_cpc_with_36_ceus_per_two_years_and_yearly_membership():
    result = make_plan(P1_MAYA, "CPC")
    (ceus,) = result.ceus
    assert (ceus.body, ceus.ceus, ceus.cycle_months, ceus.credentials) == ("AAPC", 36, 24, ("CPC",))
    maintenance = titles(result.phase("maintenance"))
    assert "Earn 36 CEUs every 2 years (AAPC)" in maintenance
    assert "Renew your AAPC membership every year" in maintenance


def test_p1_maya_costs_say_what_is_known_and_how_many_to_check():
    result = make_plan(P1_MAYA, "CPC")
    assert result.unknown_costs == (
        "Complete: AAPC CPC preparation course (80 contact hours)",
        "Register for the CPC exam",
        "Take timed practice exams",
    )
    assert planner.cost_text(result.known_cost, len(result.unknown_costs)) == (
        "$190 known, plus 3 costs to check with the provider"
    )


@pytest.mark.parametrize(
    ("hours", "first_study_ends", "credential_on"),
    [
        (5, date(2027, 5, 5), date(2028, 11, 30)),
        (10, date(2027, 3, 6), date(2027, 12, 20)),
        (20, date(2027, 2, 4), date(2027, 7, 1)),
    ],
)
def test_dates_follow_the_hours_a_week(hours, first_study_ends, credential_on):
    result = make_plan(replace(P1_MAYA, hours_per_week=hours), "CPC")
    likely = (Decimal("37.5") + 135) / 2  # medical terminology, the middle of its range
    assert (
        result.phase("education")[0].finish == first_study_ends == START + timedelta(planner.study_days(likely, hours))
    )
    assert result.credential_on == credential_on


# ---------------------------------------------------------------- P2 Daniel


def test_p2_daniel_is_eligible_for_ccs_now_through_cca_plus_a_year():
    result = make_plan(P2_DANIEL, "CCS")
    choice = route(result, "eligibility")
    assert choice.name == "CCA plus one year of coding experience"
    assert choice.why == "You meet it now. Chosen from 5 routes."
    assert [(req.text, req.met, req.reason) for req in choice.requirements] == [
        ("Holds CCA", True, "You hold CCA (earned 15 Mar 2024)."),
        ("1 year of coding experience", True, "You have 14 months of coding experience."),
    ]


def test_p2_daniel_has_no_required_step_before_the_exam_only_what_cca_did_not_cover():
    result = make_plan(P2_DANIEL, "CCS")
    assert result.phase("experience") == ()
    assert [(step.title, step.required) for step in result.phase("education")] == [
        ("Study pathophysiology", False),
        ("Study pharmacology", False),
        ("Study ICD-10-PCS and inpatient coding", False),
    ]
    assert titles(result.phase("exam")) == [
        "Apply to AHIMA for the CCS exam",
        "Schedule the exam at a test centre",
        "Take timed practice exams",
        "Sit the CCS exam",
    ]
    known = {k.name: k.reason for k in result.knowledge if k.met}
    assert known == {
        "Medical terminology": "You hold CCA, whose exam covers it.",
        "Anatomy and physiology": "You hold CCA, whose exam covers it.",
        "ICD-10-CM diagnosis coding": "You hold CCA, whose exam covers it.",
        "CPT and HCPCS Level II procedure coding": "You hold CCA, whose exam covers it.",
        "Reimbursement methodology": "You hold CCA, whose exam covers it.",
    }


def test_p2_daniel_studies_nothing_he_ticked_as_studied():
    studied = replace(P2_DANIEL, studied=frozenset({"pathophysiology", "pharmacology", "icd-10-pcs"}))
    result = make_plan(studied, "CCS")
    assert result.phase("education") == ()
    assert {k.name: k.reason for k in result.knowledge}["Pharmacology"] == "You told us you have studied it."


def test_two_years_of_inpatient_coding_count_as_knowing_what_that_work_uses():
    veteran = replace(P2_DANIEL, coding_months=30)
    result = make_plan(veteran, "CCS")
    assert result.phase("education") == ()
    assert {k.name: k.reason for k in result.knowledge}["ICD-10-PCS and inpatient coding"] == (
        "You use it at work: 30 months of coding in that setting. We count two years or more as learning it on "
        "the job: the experience AAPC asks of a full CPC."
    )


def test_p2_daniel_keeps_cca_and_ccs_with_30_ceus_from_the_day_he_passes():
    result = make_plan(P2_DANIEL, "CCS")
    (ceus,) = result.ceus
    assert (ceus.ceus, ceus.credentials) == (30, ("CCA", "CCS"))
    cycle = next(step for step in result.steps if step.key == "ceu:AHIMA")
    assert (cycle.title, cycle.start, cycle.months) == ("Earn 30 CEUs every 2 years (AHIMA)", result.credential_on, 24)


# ------------------------------------------------------------------ P3 Rosa


def test_p3_rosa_first_step_for_cca_is_a_high_school_equivalency():
    result = make_plan(P3_ROSA, "CCA")
    first = result.steps[0]
    assert first.title == "Complete: High-school equivalency diploma (GED or HiSET)"
    assert first.start == START
    assert first.finish is None  # nobody publishes how long a GED takes: we do not guess


def test_p3_rosa_nothing_that_needs_the_diploma_is_scheduled_before_it():
    result = make_plan(P3_ROSA, "CCA")
    diploma = result.steps[0]
    assert diploma.key == "program:high-school-equivalency"
    later = [step for step in result.steps[1:] if step.phase != "maintenance"]
    assert later
    assert all(step.start is None for step in later)  # they wait for the diploma's real finish


def test_p3_rosa_is_not_blocked_from_cpc_by_the_diploma_it_does_not_need():
    result = make_plan(P3_ROSA, "CPC")
    assert not any(step.key == "program:high-school-equivalency" for step in result.steps)
    assert titles(result.phase("education")) == [
        "Study medical terminology",
        "Study anatomy and physiology",
        "Study pathophysiology",
        "Study ICD-10-CM diagnosis coding",
        "Study CPT and HCPCS Level II procedure coding",
    ]
    assert result.credential_on == date(2029, 1, 27)
    assert result.notes == (
        "Recommended for CPC: complete a coding course of at least 80 contact hours. Not planned: AAPC CPC "
        "preparation course (80 contact hours) needs a high-school diploma or equivalent for admission, which CPC "
        "itself does not require. Your plan studies the same subjects on their own.",
    )


def test_p3_rosa_sees_cca_as_eligible_after_the_diploma_step():
    ranking = {r.code: r for r in planner.recommend(P3_ROSA, seed_catalogue(), TODAY)}
    cca = ranking["CCA"]
    assert cca.eligible_now is False
    assert [(m.text, m.steps) for m in cca.missing] == [
        (
            "Education: High-school diploma or equivalent (GED)",
            ("Complete: High-school equivalency diploma (GED or HiSET)",),
        )
    ]
    assert "Eligible after: Education: High-school diploma or equivalent (GED) — Complete: High-school equivalency" in (
        " ".join(cca.reasons)
    )
    assert ranking["CPC"].eligible_now is True  # AAPC asks for no diploma to sit


# ----------------------------------------------------------------- P4 Priya


def test_p4_priya_is_eligible_for_ccs_through_her_rhit_with_no_experience_step():
    result = make_plan(P4_PRIYA, "CCS")
    choice = route(result, "eligibility")
    assert (choice.name, [r.met for r in choice.requirements]) == ("Hold RHIA, RHIT or CCS-P", [True])
    assert choice.requirements[0].reason == "You hold RHIT (earned 1 Jun 2023)."
    assert result.phase("experience") == ()


def test_p4_priya_keeps_rhit_and_ccs_with_30_ceus():
    (ceus,) = make_plan(P4_PRIYA, "CCS").ceus
    assert (ceus.ceus, ceus.credentials) == (30, ("CCS", "RHIT"))


# ----------------------------------------------------------------- P5 James


def test_p5_james_passes_as_cpc_a_and_sends_his_letters_on_exam_day():
    result = make_plan(P5_JAMES, "CPC")
    assert result.apprentice == "CPC-A"
    send = next(step for step in result.steps if step.key == "apprentice:CPC")
    assert (send.start, send.finish) == (result.credential_on, result.credential_on)
    assert result.apprentice_removed_on == result.credential_on == date(2027, 1, 18)
    assert send.why.endswith(
        "Send employer letters on company letterhead, hand-signed and dated, with your start and end dates. "
        "You meet it by the exam, so send it as soon as you pass."
    )
    assert not any(step.key.startswith("work:") for step in result.steps)  # no waiting period, no more work


def test_p5_james_needs_no_education_step_and_keeps_36_ceus_and_membership():
    result = make_plan(P5_JAMES, "CPC")
    assert result.phase("education") == ()
    assert route(result, "recommended").requirements[0].met is True
    (ceus,) = result.ceus
    assert ceus.ceus == 36
    assert "Renew your AAPC membership every year" in titles(result.phase("maintenance"))


# ------------------------------------------------------- routes and nesting


# Studied what the CCA exam covers, so CCA is quick; the CCS plan studies only what CCA does not cover.
CCA_READY = Profile(
    education="high_school",
    hours_per_week=10,
    start_date=START,
    studied=frozenset({"medical-terminology", "anatomy-physiology", "icd-10-cm", "cpt-hcpcs", "reimbursement"}),
)


def test_someone_ready_for_cca_earns_it_first_then_works_a_year_for_ccs():
    result = make_plan(CCA_READY, "CCS")
    choice = route(result, "eligibility")
    assert choice.name == "CCA plus one year of coding experience"
    cca_sit = next(step for step in result.steps if step.earns == "CCA")
    work = next(step for step in result.steps if step.key == "work:coding:12")
    assert cca_sit.phase == "education"
    assert cca_sit.title == "CCA: Sit the CCA exam"
    assert work.depends_on == (cca_sit.key,)
    assert work.start == cca_sit.finish
    ccs_first = result.phase("exam")[0]
    assert ccs_first.start == work.finish == date(2028, 1, 14)
    assert [c.certification for c in result.routes if c.purpose == "eligibility"] == ["CCA", "CCS"]
    (ceus,) = result.ceus
    assert (ceus.ceus, ceus.credentials) == (30, ("CCA", "CCS"))


def test_study_runs_alongside_work_and_waits_only_for_schooling():
    result = make_plan(CCA_READY, "CCS")
    study = [step for step in result.steps if step.key.startswith("knowledge:")]
    assert [step.title for step in study] == [
        "Study pathophysiology",
        "Study pharmacology",
        "Study ICD-10-PCS and inpatient coding",
    ]
    assert all(step.depends_on == () for step in study)
    work = next(step for step in result.steps if step.key == "work:coding:12")
    assert (study[-1].finish, work.finish) == (date(2027, 9, 9), date(2028, 1, 14))  # study ends well before work


def test_a_newcomer_to_ccs_is_planned_by_the_route_that_finishes_soonest_with_its_study():
    newcomer = Profile(education="high_school", hours_per_week=10, start_date=START)
    result = make_plan(newcomer, "CCS")
    choice = route(result, "eligibility")
    assert (choice.name, choice.decided_by) == ("Two years of coding experience", "it finishes soonest")
    options = {option.name: option.ready for option in choice.alternatives}
    assert options["CCA plus one year of coding experience"] == date(2029, 3, 1)
    assert result.credential_on == date(2029, 1, 15)


def test_alternatives_show_why_other_routes_lost():
    choice = route(make_plan(CCA_READY, "CCS"), "eligibility")
    options = {option.name: option for option in choice.alternatives}
    assert options["Two years of coding experience"].ready == date(2029, 1, 4)
    assert options["Hold RHIA, RHIT or CCS-P"].feasible is True


def _cyclic_catalogue() -> planner.Catalogue:
    body = planner.Body("B", "Body", cycle_months=24)
    needs = {"A": "B", "B": "A"}
    certs = tuple(
        planner.Certification(
            code=code,
            name=code,
            body="B",
            eligibility=(
                planner.Route(
                    f"Hold {other}", (planner.Requirement("credential", f"Holds {other}", credentials=(other,)),)
                ),
            ),
            ceus_per_cycle=10,
        )
        for code, other in needs.items()
    )
    return planner.Catalogue(certs, (body,), ())


def test_a_prerequisite_cycle_is_reported_not_followed_forever():
    result = planner.plan(Profile(start_date=START), _cyclic_catalogue(), "A", TODAY)
    assert result.feasible is False
    assert result.notes == ("We cannot plan A for you: no route to A can be planned.",)


def test_a_route_needing_a_licence_we_cannot_plan_is_skipped_with_its_reason():
    coder = Profile(education="high_school", hours_per_week=10, start_date=START)
    choice = route(make_plan(coder, "CCDS"), "eligibility")
    rn_route = next(o for o in choice.alternatives if o.name == "RN, MD or DO plus two years as a CDI specialist")
    assert (rn_route.feasible, rn_route.note) == (
        False,
        "needs a licence we cannot plan for you: Licence: Registered nurse (RN), Doctor of medicine (MD) or "
        "Doctor of osteopathic medicine (DO)",
    )


def test_an_rn_in_cdi_for_two_years_is_eligible_for_ccds_now():
    nurse = Profile(
        education="associate",
        licences=frozenset({"rn"}),
        role="cdi_specialist",
        role_months=30,
        currently_in_role=True,
        start_date=START,
    )
    choice = route(make_plan(nurse, "CCDS"), "eligibility")
    assert choice.name == "RN, MD or DO plus two years as a CDI specialist"
    assert all(req.met for req in choice.requirements)


# ---------------------------------------------------- apprentice designation


def test_a_removal_route_met_by_the_exam_dates_the_proof_step_on_exam_day():
    coder = Profile(
        education="high_school",
        qualifications=frozenset({"practicode"}),
        coding_months=12,
        currently_coding=True,
        start_date=START,
    )
    result = make_plan(coder, "COC")
    assert result.apprentice == "COC-A"
    assert result.apprentice_removed_on == result.credential_on == date(2028, 3, 3)
    assert all(status.met for status in route(result, "apprentice_removal").requirements)


def test_someone_coding_now_keeps_working_from_the_start_to_reach_a_year():
    coder = Profile(
        education="high_school", coding_months=6, currently_coding=True, hours_per_week=10, start_date=START
    )
    result = make_plan(coder, "CPC")
    assert result.apprentice == "CPC-A"
    work = next(step for step in result.steps if step.key == "work:coding:12")
    assert (work.title, work.start, work.finish) == ("Keep working as a coder: 6 more months", START, date(2027, 7, 4))
    assert result.apprentice_removed_on == result.credential_on == date(2027, 12, 20)  # the year is in by the exam


# ------------------------------------------------------ multi-credential CEUs


def test_aapc_ceus_for_three_credentials_include_the_auditing_minimum():
    coder = Profile(
        credentials=(HeldCredential("CPC", date(2020, 1, 1)), HeldCredential("COC", date(2021, 1, 1))),
        coding_months=60,
        currently_coding=True,
        start_date=START,
    )
    (ceus,) = make_plan(coder, "CPMA").ceus
    assert (ceus.ceus, ceus.credentials, ceus.minimums) == (44, ("COC", "CPC", "CPMA"), (("auditing", 16, "CPMA"),))
    assert "Inside that total: 16 auditing CEUs for CPMA." in ceus.explanation


def test_aapc_ceus_stop_at_52():
    held = tuple(HeldCredential(code, date(2020, 1, 1)) for code in ("CPC", "COC", "CIC", "CRC", "CPB"))
    (ceus,) = make_plan(Profile(credentials=held, coding_months=60, start_date=START), "CDEO").ceus
    assert (ceus.ceus, len(ceus.credentials)) == (52, 6)


def test_ahima_ceus_take_the_highest_single_plus_ten_each_up_to_50():
    held = (HeldCredential("RHIA", date(2020, 1, 1)), HeldCredential("CDIP", date(2021, 1, 1)))
    (ceus,) = make_plan(Profile(education="bachelor", credentials=held, start_date=START), "CCS").ceus
    assert (ceus.ceus, ceus.credentials) == (50, ("CCS", "CDIP", "RHIA"))
    held = (*held, HeldCredential("CCS-P", date(2022, 1, 1)))
    (ceus,) = make_plan(Profile(education="bachelor", credentials=held, start_date=START), "CCS").ceus
    assert ceus.ceus == 50


def test_rhia_replaces_rhit_for_recertification():
    rhit = Profile(
        education="bachelor",
        qualifications=frozenset({"cahiim_bachelor"}),
        credentials=(HeldCredential("RHIT", date(2020, 1, 1)),),
        start_date=START,
    )
    (ceus,) = make_plan(rhit, "RHIA").ceus
    assert (ceus.ceus, ceus.credentials) == (30, ("RHIA",))
    assert ceus.explanation.endswith("RHIT is replaced and no longer counted.")


def test_cmrs_is_fifteen_ceus_every_year():
    (ceus,) = make_plan(Profile(start_date=START), "CMRS").ceus
    assert (ceus.ceus, ceus.cycle_months) == (15, 12)


# ------------------------------------------------------------ target dates


def test_an_infeasible_target_date_is_said_plainly_with_the_earliest_date():
    result = make_plan(replace(P1_MAYA, target_date=date(2027, 6, 1)), "CPC")
    assert result.target == planner.TargetCheck(
        target=date(2027, 6, 1),
        feasible=False,
        earliest=date(2027, 12, 20),
        hours_per_week_needed=25,
        message="Your target date of 1 Jun 2027 cannot be met: the likely date is 20 Dec 2027. "
        "Studying 25 hours a week instead of 10 would meet it.",
    )


def test_a_target_no_number_of_hours_can_meet_gets_no_hours_advice():
    result = make_plan(replace(P1_MAYA, target_date=date(2027, 2, 15)), "CPC")
    assert result.target is not None
    assert (result.target.feasible, result.target.hours_per_week_needed) == (False, None)


def test_a_target_only_experience_could_meet_gets_no_hours_advice():
    newcomer = Profile(education="high_school", hours_per_week=10, start_date=START, target_date=date(2027, 6, 1))
    result = make_plan(newcomer, "CCS")
    assert result.target is not None
    assert (result.target.feasible, result.target.hours_per_week_needed) == (False, None)


def test_a_reachable_target_is_on_track():
    result = make_plan(replace(P1_MAYA, target_date=date(2027, 12, 31)), "CPC")
    assert result.target is not None
    assert (result.target.feasible, result.target.message) == (
        True,
        "On track for your target date of 31 Dec 2027: likely 20 Dec 2027. If every study step takes its most "
        "hours, 28 Feb 2028: after it.",
    )


def test_a_target_the_fastest_study_could_meet_says_so():
    result = make_plan(replace(P1_MAYA, target_date=date(2027, 11, 1)), "CPC")
    assert result.target is not None
    assert result.target.message.startswith(
        "Your target date of 1 Nov 2027 cannot be met: the likely date is 20 Dec 2027. Only if every study step "
        "takes its fewest hours (9 Oct 2027)."
    )


def test_a_target_after_steps_of_unknown_length_cannot_be_judged():
    result = make_plan(replace(P3_ROSA, target_date=date(2027, 6, 1)), "CCA")
    assert result.target is not None
    assert (result.target.feasible, result.target.earliest) == (None, None)


# ------------------------------------------------------------- totals, rules


def test_totals_add_known_hours_and_costs_and_list_the_unknown_ones():
    result = make_plan(P2_DANIEL, "CCS")
    assert (result.total_hours_low, result.total_hours, result.total_hours_high) == (
        Decimal("234.5"),
        Decimal("349.75"),
        Decimal(465),
    )
    assert result.known_cost == Decimal("399.00")
    assert result.unknown_costs == ("Take timed practice exams",)
    apply = result.phase("exam")[0]
    assert apply.why.endswith("The fee shown is the non-member price; AHIMA members pay $299.")


def test_the_plan_starts_today_when_the_profile_start_date_has_passed():
    result = planner.plan(replace(P5_JAMES, start_date=date(2020, 1, 1)), seed_catalogue(), "CPC", TODAY)
    assert result.start == TODAY
    assert result.steps[0].start == TODAY


def test_budget_picks_the_affordable_program_over_the_faster_one():
    quick = planner.Program(
        "quick", "Quick course", qualifications=frozenset({"x"}), contact_hours=20, cost=Decimal(900)
    )
    slow = planner.Program("slow", "Slow course", qualifications=frozenset({"x"}), contact_hours=80, cost=Decimal(200))
    cert = planner.Certification(
        code="T",
        name="Test",
        body="B",
        eligibility=(planner.Route("Course", (planner.Requirement("program", "Course", qualification="x"),)),),
    )
    catalogue = planner.Catalogue((cert,), (planner.Body("B", "Body"),), (quick, slow))
    tight = planner.plan(Profile(budget=Decimal(500), start_date=START), catalogue, "T", TODAY)
    loose = planner.plan(Profile(budget=Decimal(5000), start_date=START), catalogue, "T", TODAY)
    assert (tight.steps[0].title, loose.steps[0].title) == ("Complete: Slow course", "Complete: Quick course")


# Every persona's plan for every certification, and their recommendations, printed in full by a fresh process.
_PRINT_EVERY_PLAN = """
import django

django.setup()
from tests.roadmap.test_planner import P1_MAYA, P2_DANIEL, P3_ROSA, P4_PRIYA, P5_JAMES, TODAY, planner, seed_catalogue

catalogue = seed_catalogue()
for profile in (P1_MAYA, P2_DANIEL, P3_ROSA, P4_PRIYA, P5_JAMES):
    for cert in catalogue.certifications:
        print(repr(planner.plan(profile, catalogue, cert.code, TODAY)))
    print(repr(planner.recommend(profile, catalogue, TODAY)))
"""


def test_same_input_gives_the_same_plan_in_every_run():
    """Two calls in one process share one order of every set and dict; runs with other string hashes do not.

    So the plans are printed by two processes with different PYTHONHASHSEED, and must match to the byte.
    """
    runs = [
        subprocess.run(
            [sys.executable, "-c", _PRINT_EVERY_PLAN],
            cwd=Path(__file__).resolve().parents[2],
            env={**os.environ, "PYTHONHASHSEED": seed, "DJANGO_SETTINGS_MODULE": "careerplanner.settings_test"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0].count("Plan(") == 5 * len(seed_catalogue().certifications)
    assert runs[0] == runs[1]


def test_every_step_starts_after_what_it_depends_on():
    catalogue = seed_catalogue()
    for profile in (P1_MAYA, P2_DANIEL, P3_ROSA, P4_PRIYA, P5_JAMES):
        for cert in catalogue.certifications:
            result = planner.plan(profile, catalogue, cert.code, TODAY)
            finish = {step.key: step.finish for step in result.steps}
            for step in result.steps:
                for key in step.depends_on:
                    if step.start is not None:
                        assert finish[key] is not None, (cert.code, step.title)
                        assert step.start >= finish[key], (cert.code, step.title)


# -------------------------------------------------------------- scheduling


def test_schedule_keeps_actual_completion_and_moves_the_rest_from_today():
    timings = [
        planner.Timing("a", planner.STUDY, Decimal(10), None, False, ()),
        planner.Timing("b", planner.STUDY, Decimal(10), None, False, ("a",)),
        planner.Timing("c", planner.CALENDAR, None, 2, False, ("b",)),
    ]
    planned = planner.schedule(timings, start=START, hours_per_week=10)
    assert planned == {
        "a": (START, date(2027, 1, 11)),
        "b": (date(2027, 1, 11), date(2027, 1, 18)),
        "c": (date(2027, 1, 18), date(2027, 3, 18)),
    }
    done_late = [replace(timings[0], done_on=date(2027, 2, 1)), timings[1], timings[2]]
    moved = planner.schedule(done_late, start=START, hours_per_week=10, today=date(2027, 2, 3))
    assert moved == {
        "a": (START, date(2027, 2, 1)),
        "b": (date(2027, 2, 3), date(2027, 2, 10)),
        "c": (date(2027, 2, 10), date(2027, 4, 10)),
    }


def test_a_skipped_step_takes_no_time():
    timings = [
        planner.Timing("a", planner.STUDY, Decimal(70), None, False, (), skipped=True),
        planner.Timing("b", planner.STUDY, Decimal(7), None, False, ("a",)),
    ]
    assert planner.schedule(timings, start=START, hours_per_week=7) == {
        "a": (START, START),
        "b": (START, date(2027, 1, 11)),
    }


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert planner.add_months(day, months) == expected


def test_months_between_counts_whole_months():
    assert planner.months_between(date(2027, 1, 31), date(2027, 2, 28)) == 1
    assert planner.months_between(date(2027, 1, 15), date(2027, 2, 14)) == 0
    assert planner.months_between(date(2027, 3, 1), date(2027, 1, 1)) == 0


# ------------------------------------------------ apprentice progress (wallet)


def test_apprentice_progress_names_what_is_met_what_remains_and_when():
    cpc_a = Profile(
        education="high_school",
        qualifications=frozenset({"coding_course_80h"}),
        coding_months=4,
        currently_coding=True,
        credentials=(HeldCredential("CPC", date(2026, 6, 1)),),
    )
    progress = planner.apprentice_progress(cpc_a, seed_catalogue(), "CPC", TODAY)
    assert progress is not None
    assert (progress.designation, progress.route.name, progress.removable_on) == (
        "CPC-A",
        "One year of verified coding work plus an 80-contact-hour coding course",
        date(2027, 7, 23),
    )
    assert [(r.met, r.reason) for r in progress.route.requirements] == [
        (True, "You have completed this."),
        (False, "You have 4 months."),
    ]
    assert [s.title for s in progress.steps] == ["Keep working as a coder: 8 more months"]


def test_apprentice_progress_is_immediate_when_a_route_is_already_met():
    seasoned = Profile(coding_months=30, currently_coding=True, credentials=(HeldCredential("COC", date(2026, 1, 5)),))
    progress = planner.apprentice_progress(seasoned, seed_catalogue(), "COC", TODAY)
    assert progress is not None
    assert (progress.route.name, progress.removable_on, progress.steps) == (
        "Two years of verified coding work",
        TODAY,
        (),
    )


def test_credentials_without_an_apprentice_designation_have_no_progress():
    assert planner.apprentice_progress(P2_DANIEL, seed_catalogue(), "CCS", TODAY) is None
