from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from certifications.models import Certification, CeuPolicy, Requirement
from tests.factories import (
    CertificationFactory,
    CeuMinimumFactory,
    CeuPolicyFactory,
    EligibilityRouteFactory,
    RequirementFactory,
    StepTemplateFactory,
    TrainingProgramFactory,
)

pytestmark = pytest.mark.django_db


def _violates(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_database_refuses_negative_exam_fee():
    assert _violates(lambda: CertificationFactory(exam_fee_member=Decimal("-1"))) is True
    assert _violates(lambda: CertificationFactory(exam_fee_non_member=Decimal("-0.01"))) is True


def test_database_accepts_unknown_and_zero_fees():
    cert = CertificationFactory(exam_fee_member=None, exam_fee_non_member=Decimal("0"))
    cert.refresh_from_db()
    assert (cert.exam_fee_member, cert.exam_fee_non_member) == (None, Decimal("0.00"))


def test_database_refuses_duplicate_certification_code():
    CertificationFactory(code="DUP")
    assert _violates(lambda: CertificationFactory(code="DUP")) is True


def test_database_refuses_zero_length_ceu_cycle():
    assert _violates(lambda: CeuPolicyFactory(cycle_months=0)) is True


def test_database_refuses_two_step_templates_at_the_same_order():
    cert = CertificationFactory()
    StepTemplateFactory(certification=cert, order=1)
    assert _violates(lambda: StepTemplateFactory(certification=cert, order=1)) is True
    StepTemplateFactory(order=1)  # the same order in another certification is fine


def test_database_refuses_two_routes_at_the_same_order_and_purpose():
    cert = CertificationFactory()
    EligibilityRouteFactory(certification=cert, order=1)
    assert _violates(lambda: EligibilityRouteFactory(certification=cert, order=1)) is True
    EligibilityRouteFactory(certification=cert, order=1, purpose="recommended")


def test_database_refuses_negative_program_cost_and_duplicate_ceu_category():
    assert _violates(lambda: TrainingProgramFactory(cost=Decimal("-5"))) is True
    cert = CertificationFactory()
    CeuMinimumFactory(certification=cert, category="auditing")
    assert _violates(lambda: CeuMinimumFactory(certification=cert, category="auditing")) is True


def test_database_refuses_experience_requirement_without_months():
    assert _violates(lambda: RequirementFactory(kind="coding_experience", months=0)) is True


def test_certification_cannot_replace_itself():
    cert = CertificationFactory()
    cert.supersedes = cert
    assert _violates(lambda: cert.save()) is True


def test_clean_explains_negative_fee_and_zero_minutes():
    cert = CertificationFactory.build(exam_fee_member=Decimal("-10"), exam_minutes=0)
    with pytest.raises(ValidationError) as caught:
        cert.full_clean(exclude=["body"])
    assert caught.value.message_dict == {
        "exam_fee_member": ["A fee cannot be negative; leave it empty if unknown."],
        "exam_minutes": ["An exam cannot last zero minutes; leave it empty if unknown."],
    }


def test_clean_explains_zero_length_cycle():
    policy = CeuPolicy(cycle_months=0)
    with pytest.raises(ValidationError) as caught:
        policy.clean()
    assert caught.value.message_dict == {"cycle_months": ["A CEU cycle must last at least one month."]}


def test_requirement_clean_names_the_missing_field_for_its_kind():
    requirement = Requirement(kind=Requirement.Kind.ROLE_EXPERIENCE)
    with pytest.raises(ValidationError) as caught:
        requirement.clean()
    assert caught.value.message_dict == {
        "months": ["Required for this kind of requirement."],
        "role": ["Required for this kind of requirement."],
    }


def test_licences_field_refuses_unknown_licence():
    requirement = RequirementFactory(kind="licence", months=None, licences=["rn", "astronaut"])
    with pytest.raises(ValidationError) as caught:
        requirement.full_clean()
    assert caught.value.message_dict == {"licences": ["Unknown choice(s): astronaut."]}


@pytest.mark.parametrize(
    ("singles", "total"),
    [([36], 36), ([36, 36], 40), ([36] * 3, 44), ([36] * 4, 48), ([36] * 5, 52), ([36] * 7, 52)],
)
def test_aapc_total_ceus_adds_four_per_extra_credential_up_to_52(singles, total):
    aapc = CeuPolicy.objects.get(body__abbreviation="AAPC")
    assert aapc.total_ceus(singles) == total


@pytest.mark.parametrize(
    ("codes", "total"),
    [
        (["CCS"], 20),
        (["CCS", "CCS-P"], 30),
        (["RHIA", "CDIP"], 40),
        (["RHIA", "CCS", "CCS-P"], 50),
        (["RHIT", "CCS"], 30),
        (["RHIA", "CDIP", "CCS", "CCS-P"], 50),
    ],
)
def test_ahima_total_ceus_is_highest_single_plus_ten_per_extra_up_to_50(codes, total):
    ahima = CeuPolicy.objects.get(body__abbreviation="AHIMA")
    singles = [Certification.objects.get(code=code).ceus_per_cycle for code in codes]
    assert ahima.total_ceus(singles) == total


def test_requirement_descriptions_read_as_plain_words():
    ccs = Certification.objects.get(code="CCS")
    descriptions = [
        [req.describe() for req in route.requirements.order_by("pk")]
        for route in ccs.routes.filter(purpose="eligibility").order_by("order")
    ]
    assert descriptions == [
        ["Holds CCS-P, RHIA or RHIT"],
        [
            "Completed: Coding training program (A&P, pathophysiology, pharmacology, terminology, "
            "reimbursement, intermediate/advanced ICD and CPT)"
        ],
        ["2 years of coding experience (directly applying codes)"],
        ["Holds CCA", "1 year of coding experience"],
        ["Holds CIC, COC, CPC or CRC (a coding credential from another body, e.g. CPC)", "1 year of coding experience"],
    ]


def test_exam_hours_is_unknown_without_minutes():
    assert CertificationFactory(exam_minutes=None).exam_hours is None
    assert CertificationFactory(exam_minutes=210).exam_hours == Decimal("3.5")
