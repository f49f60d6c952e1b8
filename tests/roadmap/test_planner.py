"""The planner against the seed catalogue and the personas of personas.md.

No test here touches the database: the catalogue comes from the seed file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

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
    assert ranking[0].code in ("CPC", "COC")
    assert ranking[0].code == "CPC"
    assert [r.code for r in ranking].index("CCS") > 3


def test_p1_maya_takes_an_80_hour_course_marked_recommended_not_required():
    result = make_plan(P1_MAYA, "CPC")
    (course,) = result.phase("education")
    assert course.title == "Complete: AAPC CPC preparation course (80 contact hours)"
    assert course.required is False
    assert course.why.startswith("Recommended, not required: CPC has no formal prerequisite for this.")
    assert (course.effort_hours, course.start, course.finish) == (Decimal(80), START, date(2027, 3, 1))


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


def test_p1_maya_exam_is_projected_after_the_course_ends():
    result = make_plan(P1_MAYA, "CPC")
    (course,) = result.phase("education")
    exam_starts = [step.start for step in result.phase("exam")]
    assert all(start is not None and course.finish is not None and start >= course.finish for start in exam_starts)
    assert result.credential_on == date(2027, 3, 15)


def test_p1_maya_passes_as_cpc_a_and_removes_it_with_a_year_of_work_plus_her_course():
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
        date(2027, 3, 15),
        date(2028, 3, 15),
    )
    apply = next(step for step in result.steps if step.key == "apprentice:CPC")
    assert apply.title == "Apply to AAPC to remove the CPC-A designation"
    assert "verified by employer letters" in apply.why
    assert result.apprentice_removed_on == date(2028, 3, 16)


def test_p1_maya_keeps_cpc_with_36_ceus_per_two_years_and_yearly_membership():
    result = make_plan(P1_MAYA, "CPC")
    (ceus,) = result.ceus
    assert (ceus.body, ceus.ceus, ceus.cycle_months, ceus.credentials) == ("AAPC", 36, 24, ("CPC",))
    maintenance = titles(result.phase("maintenance"))
    assert "Earn 36 CEUs every 2 years (AAPC)" in maintenance
    assert "Renew your AAPC membership every year" in maintenance


@pytest.mark.parametrize(
    ("hours", "course_ends", "credential_on"),
    [
        (5, date(2027, 4, 26), date(2027, 5, 22)),
        (10, date(2027, 3, 1), date(2027, 3, 15)),
        (20, date(2027, 2, 1), date(2027, 2, 10)),
    ],
)
def test_dates_follow_the_hours_a_week(hours, course_ends, credential_on):
    result = make_plan(replace(P1_MAYA, hours_per_week=hours), "CPC")
    assert result.phase("education")[0].finish == course_ends == START + timedelta(days=-(-80 * 7 // hours))
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


def test_p2_daniel_has_no_education_or_experience_step():
    result = make_plan(P2_DANIEL, "CCS")
    assert (result.phase("education"), result.phase("experience")) == ((), ())
    assert titles(result.phase("exam")) == [
        "Apply to AHIMA for the CCS exam",
        "Schedule the exam at a test centre",
        "Take timed practice exams",
        "Sit the CCS exam",
    ]


def test_p2_daniel_keeps_cca_and_ccs_with_30_ceus_from_the_day_he_passes():
    result = make_plan(P2_DANIEL, "CCS")
    (ceus,) = result.ceus
    assert (ceus.ceus, ceus.credentials) == (30, ("CCA", "CCS"))
    cycle = next(step for step in result.steps if step.key == "ceu:AHIMA")
    assert (cycle.title, cycle.start, cycle.months) == ("Earn 30 CEUs every 2 years (AHIMA)", result.credential_on, 24)


# ------------------------------------------------------------------ P3 Rosa


def test_p3_rosa_first_step_is_a_high_school_equivalency():
    result = make_plan(P3_ROSA, "CCA")
    first = result.steps[0]
    assert first.title == "Complete: High-school equivalency diploma (GED or HiSET)"
    assert first.start == START
    assert first.finish is None  # nobody publishes how long a GED takes: we do not guess


def test_p3_rosa_nothing_that_needs_the_diploma_is_scheduled_before_it():
    for code in ("CCA", "CPC"):
        result = make_plan(P3_ROSA, code)
        diploma = result.steps[0]
        assert diploma.key == "program:high-school-equivalency"
        later = [step for step in result.steps[1:] if step.phase != "maintenance"]
        assert later
        assert all(step.start is None for step in later)  # they wait for the diploma's real finish


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
    assert choice.requirements[0].reason == "You hold RHIT (earned 01 Jun 2023)."
    assert result.phase("experience") == ()


def test_p4_priya_keeps_rhit_and_ccs_with_30_ceus():
    (ceus,) = make_plan(P4_PRIYA, "CCS").ceus
    assert (ceus.ceus, ceus.credentials) == (30, ("CCS", "RHIT"))


# ----------------------------------------------------------------- P5 James


def test_p5_james_passes_as_full_cpc_without_an_apprentice_step():
    result = make_plan(P5_JAMES, "CPC")
    assert result.apprentice == ""
    assert not any(step.key.startswith("apprentice:") for step in result.steps)
    assert "You pass as a full CPC, not CPC-A" in result.notes[0]


def test_p5_james_needs_no_education_step_and_keeps_36_ceus_and_membership():
    result = make_plan(P5_JAMES, "CPC")
    assert result.phase("education") == ()
    assert route(result, "recommended").requirements[0].met is True
    (ceus,) = result.ceus
    assert ceus.ceus == 36
    assert "Renew your AAPC membership every year" in titles(result.phase("maintenance"))


# ------------------------------------------------------- routes and nesting


def test_newcomer_to_ccs_earns_cca_first_then_works_a_year():
    newcomer = Profile(education="high_school", hours_per_week=10, start_date=START)
    result = make_plan(newcomer, "CCS")
    choice = route(result, "eligibility")
    assert choice.name == "CCA plus one year of coding experience"
    cca_sit = next(step for step in result.steps if step.earns == "CCA")
    work = next(step for step in result.steps if step.key == "work:coding:12")
    assert cca_sit.phase == "education"
    assert cca_sit.title == "CCA: Sit the CCA exam"
    assert work.depends_on == (cca_sit.key,)
    assert work.start == cca_sit.finish
    ccs_first = result.phase("exam")[0]
    assert ccs_first.start == work.finish
    assert [c.certification for c in result.routes if c.purpose == "eligibility"] == ["CCA", "CCS"]
    (ceus,) = result.ceus
    assert (ceus.ceus, ceus.credentials) == (30, ("CCA", "CCS"))


def test_alternatives_show_why_other_routes_lost():
    newcomer = Profile(education="high_school", hours_per_week=10, start_date=START)
    choice = route(make_plan(newcomer, "CCS"), "eligibility")
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


def test_practicode_and_a_year_of_work_before_the_exam_give_the_full_credential():
    coder = Profile(
        education="high_school",
        qualifications=frozenset({"practicode"}),
        coding_months=12,
        currently_coding=True,
        start_date=START,
    )
    result = make_plan(coder, "COC")
    assert result.apprentice == ""
    assert result.notes[0].startswith("You pass as a full COC, not COC-A")


def test_someone_coding_now_keeps_working_from_the_start_to_reach_a_year():
    coder = Profile(
        education="high_school", coding_months=6, currently_coding=True, hours_per_week=10, start_date=START
    )
    result = make_plan(coder, "CPC")
    assert result.apprentice == "CPC-A"
    work = next(step for step in result.steps if step.key == "work:coding:12")
    assert (work.title, work.start, work.finish) == ("Keep working as a coder: 6 more months", START, date(2027, 7, 4))
    assert result.apprentice_removed_on == date(2027, 7, 5)


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
    result = make_plan(replace(P1_MAYA, target_date=date(2027, 2, 15)), "CPC")
    assert result.target == planner.TargetCheck(
        target=date(2027, 2, 15),
        feasible=False,
        earliest=date(2027, 3, 15),
        hours_per_week_needed=17,
        message="Your target date of 15 Feb 2027 cannot be met: the earliest feasible date is 15 Mar 2027. "
        "Studying 17 hours a week instead of 10 would meet it.",
    )


def test_a_target_only_experience_could_meet_gets_no_hours_advice():
    newcomer = Profile(education="high_school", hours_per_week=10, start_date=START, target_date=date(2027, 6, 1))
    result = make_plan(newcomer, "CCS")
    assert result.target is not None
    assert (result.target.feasible, result.target.hours_per_week_needed) == (False, None)


def test_a_reachable_target_is_on_track():
    result = make_plan(replace(P1_MAYA, target_date=date(2027, 6, 1)), "CPC")
    assert result.target is not None
    assert (result.target.feasible, result.target.message) == (True, "On track for your target date of 01 Jun 2027.")


def test_a_target_after_steps_of_unknown_length_cannot_be_judged():
    result = make_plan(replace(P3_ROSA, target_date=date(2027, 6, 1)), "CCA")
    assert result.target is not None
    assert (result.target.feasible, result.target.earliest) == (None, None)


# ------------------------------------------------------------- totals, rules


def test_totals_add_known_hours_and_costs_and_list_the_unknown_ones():
    result = make_plan(P2_DANIEL, "CCS")
    assert result.total_hours == Decimal("13.5")
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


def test_same_input_gives_the_same_plan_for_every_persona_and_certification():
    catalogue = seed_catalogue()
    for profile in (P1_MAYA, P2_DANIEL, P3_ROSA, P4_PRIYA, P5_JAMES):
        for cert in catalogue.certifications:
            assert planner.plan(profile, catalogue, cert.code, TODAY) == planner.plan(
                profile, catalogue, cert.code, TODAY
            )
        assert planner.recommend(profile, catalogue, TODAY) == planner.recommend(profile, catalogue, TODAY)


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
