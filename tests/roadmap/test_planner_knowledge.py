"""What a candidate must know: what counts as known, and the study steps for the rest.

No database: the seed catalogue is read from the seed file, or a small one is built here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from roadmap import planner
from roadmap.planner import HeldCredential, Profile
from roadmap.planner.knowledge import known_areas
from tests.roadmap.seed_catalogue import seed_catalogue

TODAY = date(2026, 11, 23)
START = date(2027, 1, 4)


def _reasons(profile: Profile, credentials: dict[str, str] | None = None) -> dict[str, str]:
    known = known_areas(
        profile,
        seed_catalogue(),
        credentials=credentials or {held.code: "" for held in profile.credentials},
        planned_programs=(),
        planned_areas=(),
    )
    return dict(known.now)


def test_studied_areas_training_credentials_and_two_years_of_work_each_count_with_their_reason():
    assert _reasons(Profile(studied=frozenset({"pharmacology"}))) == {
        "pharmacology": "You told us you have studied it."
    }
    assert _reasons(Profile(training_contact_hours=80)) == {
        "cpt-hcpcs": "Your completed training covers it (AAPC CPC preparation course (80 contact hours) or its "
        "equivalent).",
        "icd-10-cm": "Your completed training covers it (AAPC CPC preparation course (80 contact hours) or its "
        "equivalent).",
    }
    assert set(_reasons(Profile(credentials=(HeldCredential("CCA"),)))) == {
        "medical-terminology",
        "anatomy-physiology",
        "icd-10-cm",
        "cpt-hcpcs",
        "reimbursement",
    }
    billing = _reasons(Profile(coding_months=24, coding_setting="billing"))
    assert set(billing) == {"reimbursement", "billing-insurance"}


def test_less_than_two_years_of_work_teaches_nothing_we_count():
    assert _reasons(Profile(coding_months=23, coding_setting="inpatient")) == {}


def test_a_credential_planned_earlier_covers_its_areas_as_planned_not_as_known():
    known = known_areas(
        Profile(), seed_catalogue(), credentials={"CCA": "exam:CCA:40"}, planned_programs=(), planned_areas=()
    )
    assert (dict(known.now), known.reason("icd-10-cm")) == ({}, "Your plan takes CCA first, whose exam covers it.")


def test_every_study_step_of_every_persona_plan_has_an_effort_range_with_its_basis():
    catalogue = seed_catalogue()
    people = [
        Profile(education="none", start_date=START),
        Profile(education="high_school", start_date=START),
        Profile(education="associate", qualifications=frozenset({"cahiim_associate"}), start_date=START),
    ]
    missing = []
    for person in people:
        for cert in catalogue.certifications:
            for step in planner.plan(person, catalogue, cert.code, TODAY).steps:
                if step.track != planner.STUDY or step.months is not None or step.unknown_duration:
                    continue
                if step.effort is None or not (step.effort.source or step.effort.basis.startswith("Our estimate: ")):
                    missing.append((cert.code, step.title))
    assert missing == []


def _catalogue(*, required: bool, effort: planner.Effort | None) -> planner.Catalogue:
    area = planner.KnowledgeArea("coding", "Coding basics", "Codes and guidelines.", effort)
    need = planner.KnowledgeNeed("coding", "The body requires coding basics.", required=required)
    cert = planner.Certification(code="T", name="Test", body="B", knowledge=(need,))
    return planner.Catalogue((cert,), (planner.Body("B", "Body"),), (), (area,))


@pytest.mark.parametrize(
    ("required", "why"),
    [
        (True, "The body requires coding basics. Codes and guidelines."),
        (False, "Recommended, not required: The body requires coding basics. Codes and guidelines."),
    ],
)
def test_a_study_step_is_required_only_when_the_body_requires_it(required, why):
    effort = planner.Effort(Decimal(10), Decimal(30), "Our estimate: a short course.")
    result = planner.plan(Profile(hours_per_week=10, start_date=START), _catalogue(required=required, effort=effort),
                          "T", TODAY)  # fmt: skip
    study = result.steps[0]
    assert (study.key, study.title, study.required, study.why) == ("knowledge:coding", "Study coding basics", required,
                                                                   why)  # fmt: skip
    assert (study.effort_hours, study.finish, study.earliest_finish, study.latest_finish) == (
        Decimal(20),
        date(2027, 1, 18),
        date(2027, 1, 11),
        date(2027, 1, 25),
    )


def test_an_area_without_effort_makes_the_dates_after_it_unknown_instead_of_guessing():
    result = planner.plan(Profile(start_date=START), _catalogue(required=True, effort=None), "T", TODAY)
    assert (result.steps[0].unknown_duration, result.credential_on) == (True, None)
