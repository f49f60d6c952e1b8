"""prerequisite_path against the seed catalogue, where CCDS requires CCS (or CCS-P) and CCS requires CCA."""

from __future__ import annotations

import pytest

from certifications.models import Certification, EligibilityRoute, Requirement
from certifications.services import prerequisite_path
from tests import factories

pytestmark = pytest.mark.django_db


def pk(code: str) -> int:
    return Certification.objects.get(code=code).pk


def test_direct_prerequisite_is_a_chain_of_two():
    assert prerequisite_path(start=pk("CCDS"), target=pk("CCS")) == ["CCDS", "CCS"]


def test_transitive_prerequisite_lists_every_certification_on_the_way():
    assert prerequisite_path(start=pk("CCDS"), target=pk("CCA")) == ["CCDS", "CCS", "CCA"]


def test_no_chain_against_the_direction_of_the_requirements():
    assert prerequisite_path(start=pk("CCA"), target=pk("CCDS")) is None


def test_certification_reaches_itself_with_a_chain_of_one():
    assert prerequisite_path(start=pk("CCS"), target=pk("CCS")) == ["CCS"]


def test_shortest_chain_is_returned():
    # CCDS → CCS → CCA already exists; a direct CCDS → CCA route is shorter.
    requirement = factories.RequirementFactory(
        route__certification=Certification.objects.get(code="CCDS"), route__order=9, kind="credential", months=None
    )
    requirement.credentials.set([Certification.objects.get(code="CCA")])

    assert prerequisite_path(start=pk("CCDS"), target=pk("CCA")) == ["CCDS", "CCA"]


@pytest.mark.parametrize("purpose", [EligibilityRoute.Purpose.RECOMMENDED, EligibilityRoute.Purpose.APPRENTICE_REMOVAL])
def test_routes_other_than_eligibility_are_not_prerequisites(purpose):
    requirement = factories.RequirementFactory(
        route__certification=Certification.objects.get(code="CCA"),
        route__purpose=purpose,
        route__order=9,
        kind="credential",
        months=None,
    )
    requirement.credentials.set([Certification.objects.get(code="CPC")])

    assert prerequisite_path(start=pk("CCA"), target=pk("CPC")) is None


def test_credentials_left_on_a_requirement_of_another_kind_are_not_prerequisites():
    requirement = Requirement.objects.get(route__certification__code="CCA", route__purpose="eligibility")
    requirement.credentials.set([Certification.objects.get(code="CPC")])

    assert (requirement.kind, prerequisite_path(start=pk("CCA"), target=pk("CPC"))) == ("education", None)


def test_ignored_requirements_do_not_count():
    requirement = Requirement.objects.get(route__certification__code="CCDS", kind="credential", credentials__code="CCS")

    assert prerequisite_path(start=pk("CCDS"), target=pk("CCS"), ignoring_requirements=[requirement.pk]) is None


def test_finding_a_chain_runs_two_queries(django_assert_num_queries):
    start, target = pk("CCDS"), pk("CCA")

    with django_assert_num_queries(2):
        assert prerequisite_path(start=start, target=target) == ["CCDS", "CCS", "CCA"]


def test_finding_no_chain_runs_one_query(django_assert_num_queries):
    start, target = pk("CCA"), pk("CCDS")

    with django_assert_num_queries(1):
        assert prerequisite_path(start=start, target=target) is None
