from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from certifications.seed.loader import load_catalogue
from roadmap.snapshot import forget_snapshot


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:
    """Load the seed catalogue once per test database.

    Tests that use `db` run inside a transaction that is rolled back, so they
    all see the seed. Transactional tests (browser tests) flush the database
    and reload it themselves through the `seeded_live` fixture.
    """
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        load_catalogue()


@pytest.fixture(autouse=True)
def fresh_catalogue_caches() -> Iterator[None]:
    """Each test starts with no cached catalogue or page.

    Both caches are keyed on CatalogueVersion, but a test's catalogue is built in a
    transaction that is rolled back, so the next test sees the same version number
    with a different catalogue.
    """
    forget_snapshot()
    cache.clear()
    yield
    forget_snapshot()
    cache.clear()
