"""How the planner ranks certifications and breaks ties: by level and evidence, with the deciding rule named.

No database: the catalogue comes from the seed file, or is built here for one rule.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from roadmap import planner
from roadmap.planner import Profile
from tests.roadmap.seed_catalogue import seed_catalogue

TODAY = date(2026, 11, 23)
START = date(2027, 1, 4)
ROSA = Profile(education="none", hours_per_week=6, budget=Decimal(1000), start_date=START)  # P3
ANYONE = Profile(education="high_school", hours_per_week=10, start_date=START)  # no preferred setting
STARTING = {"CPC", "COC", "CPB", "CCA", "CCS", "RHIT", "CMRS", "CBCS", "CCS-P"}  # entry or core, no experience asked
FOR_THE_EXPERIENCED = {"CIC", "CRC", "CPMA", "CPCO", "CDEO", "CDIP", "CCDS", "RHIA"}


def _codes(ranking: tuple[planner.Recommendation, ...]) -> list[str]:
    return [item.code for item in ranking]


def _position(ranking: tuple[planner.Recommendation, ...], codes: set[str]) -> list[int]:
    return [item.rank for item in ranking if item.code in codes]


def test_without_a_diploma_credentials_for_the_experienced_rank_below_every_starting_one():
    ranking = planner.recommend(ROSA, seed_catalogue(), TODAY)
    assert max(_position(ranking, STARTING)) < min(_position(ranking, FOR_THE_EXPERIENCED))
    assert _codes(ranking)[:4] == ["CPB", "CMRS", "CPC", "COC"]


def test_unverified_eligibility_never_ranks_above_verified_and_promises_no_date():
    for person in (ROSA, ANYONE):
        ranking = planner.recommend(person, seed_catalogue(), TODAY)
        unverified = [item for item in ranking if not item.eligibility_known]
        assert {item.code for item in unverified} == {"CBCS", "CCS-P", "CDIP"}
        starting_verified = [item.rank for item in ranking if item.eligibility_known and item.code in STARTING]
        assert max(starting_verified) < min(item.rank for item in unverified if item.code in STARTING)
        assert [(item.credential_on, item.months) for item in unverified] == [(None, None)] * 3
    cbcs = next(item for item in planner.recommend(ANYONE, seed_catalogue(), TODAY) if item.code == "CBCS")
    assert (cbcs.reasons, cbcs.cost_text) == (
        ("Eligibility not verified: check with NHA.",),
        "costs not published: check with the provider",
    )


def test_a_card_for_the_experienced_says_why_in_the_bodys_words():
    ranking = {item.code: item for item in planner.recommend(ROSA, seed_catalogue(), TODAY)}
    assert ranking["CIC"].reasons[0] == (
        "AAPC aims it at people who have trained with AAPC or have substantial medical coding experience."
    )
    assert ranking["CDEO"].reasons[0] == (
        "A specialty credential that builds on outpatient coding: usually taken after a core credential such as "
        "CPC and some coding experience."
    )
    assert ranking["CIC"].reasons[-1] == (
        "Its time to the credential counts only the steps we can plan: it assumes the experience or training AAPC "
        "expects."
    )


def test_an_experienced_coder_sees_no_stage_warning():
    coder = Profile(education="high_school", coding_months=36, coding_setting="physician-office", start_date=START)
    ranking = planner.recommend(coder, seed_catalogue(), TODAY)
    assert [item.code for item in ranking if "aims it at" in " ".join(item.reasons)] == []


def test_with_no_preferred_setting_nothing_claims_to_fit_it():
    ranking = planner.recommend(ANYONE, seed_catalogue(), TODAY)
    assert [item.code for item in ranking if item.setting_match] == []
    assert [item.code for item in ranking if "preferred work setting" in " ".join(item.reasons)] == []
    assert _codes(ranking)[:3] == ["CPB", "CCA", "CPC"]


def test_each_recommendation_names_the_rule_that_put_it_above_the_next():
    ranking = planner.recommend(ANYONE, seed_catalogue(), TODAY)
    assert [item.ranked_above for item in ranking[:3]] == [
        "Ranked above CCA: it finishes sooner.",
        "Ranked above CPC: it finishes sooner.",
        "Ranked above COC: it finishes sooner.",
    ]
    assert ranking[-1].ranked_above == ""


def test_a_coder_without_a_credential_is_planned_to_ccs_through_cca_not_an_experienced_coders_exam():
    coder = Profile(
        education="high_school", coding_months=6, currently_coding=True, hours_per_week=10, start_date=START
    )
    result = planner.plan(coder, seed_catalogue(), "CCS", TODAY)
    ccs = next(c for c in result.routes if c.certification == "CCS" and c.purpose == planner.PURPOSE_ELIGIBILITY)
    assert ccs.name == "CCA plus one year of coding experience"
    assert [step.earns for step in result.steps if step.earns] == ["CCA", "CCS"]


def test_another_bodys_credential_is_chosen_by_a_named_rule_never_by_a_fee_counted_as_zero():
    coder = Profile(
        education="high_school", coding_months=6, currently_coding=True, hours_per_week=10, start_date=START
    )
    catalogue = seed_catalogue()
    other_body = "Another body's coding credential plus one year of coding experience"
    only_other_bodies = planner.Catalogue(
        tuple(
            replace(cert, eligibility=tuple(r for r in cert.eligibility if r.name == other_body))
            if cert.code == "CCS"
            else cert
            for cert in catalogue.certifications
        ),
        catalogue.bodies,
        catalogue.programs,
        catalogue.areas,
    )
    result = planner.plan(coder, only_other_bodies, "CCS", TODAY)
    ccs = next(c for c in result.routes if c.certification == "CCS")
    held = next(r for r in ccs.requirements if r.text.startswith("Holds"))
    assert held.reason == "Not yet: your plan takes CPC. Chosen over COC because it finishes soonest."


# ------------------------------------------------- routes finishing together


def _course(slug: str, hours: int, cost: Decimal | None) -> planner.Program:
    return planner.Program(slug, f"Course {slug}", qualifications=frozenset({slug}), contact_hours=hours, cost=cost)


def _route(name: str, *slugs: str) -> planner.Route:
    return planner.Route(
        name, tuple(planner.Requirement(planner.PROGRAM, f"Completed {slug}", qualification=slug) for slug in slugs)
    )


def _choose(*routes: planner.Route, programs: tuple[planner.Program, ...]) -> planner.RouteChoice:
    cert = planner.Certification(code="T", name="Test", body="B", eligibility=routes)
    catalogue = planner.Catalogue((cert,), (planner.Body("B", "Body"),), programs)
    result = planner.plan(Profile(hours_per_week=10, start_date=START), catalogue, "T", TODAY)
    return result.routes[0]


def test_routes_finishing_together_go_to_fewer_steps_and_say_so():
    choice = _choose(
        _route("Two short courses", "a", "b"),
        _route("One course", "c"),
        programs=(_course("a", 10, Decimal(100)), _course("b", 10, Decimal(100)), _course("c", 20, Decimal(200))),
    )
    assert (choice.name, choice.decided_by) == ("One course", "it has fewer steps")
    assert "“Two short courses” finishes on the same date; this one is chosen because it has fewer steps." in (
        choice.why
    )


def test_an_unknown_cost_never_counts_as_zero():
    choice = _choose(
        _route("Unpriced course", "a"),
        _route("Priced course", "b"),
        programs=(_course("a", 10, None), _course("b", 10, Decimal(500))),
    )
    assert (choice.name, choice.decided_by) == ("Priced course", "it has fewer steps of unknown length or cost")


def test_between_known_costs_the_lower_wins_and_only_then_the_bodys_order():
    cheaper = _choose(
        _route("Dear course", "a"),
        _route("Cheap course", "b"),
        programs=(_course("a", 10, Decimal(900)), _course("b", 10, Decimal(300))),
    )
    assert (cheaper.name, cheaper.decided_by) == ("Cheap course", "its known costs are lower")
    equal = _choose(
        _route("Zeta course", "a"),
        _route("Alpha course", "b"),
        programs=(_course("a", 10, Decimal(300)), _course("b", 10, Decimal(300))),
    )
    assert (equal.name, equal.decided_by) == ("Zeta course", "the body lists it first")  # not alphabetical


# --------------------------------------------------------------- cost words


def test_costs_are_never_said_as_zero_when_something_is_unknown():
    assert [
        planner.cost_text(Decimal(190), 2),
        planner.cost_text(Decimal(0), 3),
        planner.cost_text(Decimal("1234.50"), 0),
        planner.cost_text(Decimal(0), 0),
        planner.cost_text(Decimal(299), 1),
    ] == [
        "$190 known, plus 2 costs to check with the provider",
        "costs not published: check with the provider",
        "$1,234.50",
        "no costs",
        "$299 known, plus 1 cost to check with the provider",
    ]
