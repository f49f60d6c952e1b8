from __future__ import annotations

import pytest

from certifications.seed.loader import load_catalogue


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:
    """Load the seed catalogue once per test database.

    Tests that use `db` run inside a transaction that is rolled back, so they
    all see the seed. Transactional tests (browser tests) flush the database
    and reload it themselves through the `seeded_live` fixture.
    """
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        load_catalogue()
