import pytest

from roadmap.snapshot import load_snapshot
from tests.factories import CertificationFactory, EligibilityRouteFactory, RequirementFactory, StepTemplateFactory
from tests.roadmap.seed_catalogue import seed_catalogue

pytestmark = pytest.mark.django_db


def test_the_database_snapshot_of_the_seed_equals_the_seed_file():
    assert load_snapshot() == seed_catalogue()


@pytest.mark.parametrize("n", [1, 5])
def test_snapshot_reads_the_catalogue_in_a_fixed_number_of_queries(django_assert_num_queries, n):
    for _ in range(n):
        route = EligibilityRouteFactory(certification=CertificationFactory())
        RequirementFactory(route=route)
        StepTemplateFactory(certification=route.certification)
    # 16, was 12 (+4): what each exam expects (with its areas and sources), the areas each program covers,
    # the knowledge areas and the settings that use them, every source; a route's source now comes with it
    with django_assert_num_queries(16):
        catalogue = load_snapshot()
    assert len(catalogue.certifications) == 17 + n


def test_inactive_certifications_are_left_out_of_plans():
    CertificationFactory(code="OLD", is_active=False)
    assert "OLD" not in {c.code for c in load_snapshot().certifications}
