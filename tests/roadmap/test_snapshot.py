import pytest

from certifications.models import CatalogueVersion
from roadmap.snapshot import load_snapshot, read_snapshot
from tests.factories import CertificationFactory, EligibilityRouteFactory, RequirementFactory, StepTemplateFactory
from tests.roadmap.seed_catalogue import seed_catalogue

pytestmark = pytest.mark.django_db


def test_the_database_snapshot_of_the_seed_equals_the_seed_file():
    assert read_snapshot() == seed_catalogue()


@pytest.mark.parametrize("n", [1, 5])
def test_snapshot_reads_the_catalogue_in_a_fixed_number_of_queries(django_assert_num_queries, n):
    for _ in range(n):
        route = EligibilityRouteFactory(certification=CertificationFactory())
        RequirementFactory(route=route)
        StepTemplateFactory(certification=route.certification)
    # 16, was 12 (+4): what each exam expects (with its areas and sources), the areas each program covers,
    # the knowledge areas and the settings that use them, every source; a route's source now comes with it
    with django_assert_num_queries(16):
        catalogue = read_snapshot()
    assert len(catalogue.certifications) == 17 + n


def test_inactive_certifications_are_left_out_of_plans():
    CertificationFactory(code="OLD", is_active=False)
    assert "OLD" not in {c.code for c in load_snapshot().certifications}


def test_the_snapshot_is_read_once_while_the_catalogue_version_stays(django_assert_num_queries):
    with django_assert_num_queries(17):  # the version, then the catalogue
        first = load_snapshot()
    with django_assert_num_queries(1):  # the version only
        assert load_snapshot() is first


def test_a_catalogue_change_that_bumps_the_version_is_read_on_the_next_load():
    assert "NEWC" not in {c.code for c in load_snapshot().certifications}
    CertificationFactory(code="NEWC")
    assert "NEWC" not in {c.code for c in load_snapshot().certifications}  # no bump: the copy stays
    CatalogueVersion.bump()  # as the admin and the seed loader do
    assert "NEWC" in {c.code for c in load_snapshot().certifications}
