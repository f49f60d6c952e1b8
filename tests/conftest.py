from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from certifications.seed.loader import load_catalogue
from roadmap.models import CareerProfile, Roadmap
from roadmap.snapshot import forget_snapshot
from tests.factories import maya_profile
from tests.roadmap.helpers import logged_in, save_cpc


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


@pytest.fixture(autouse=True)
def site_language() -> Iterator[None]:
    """Each test starts, and leaves the next, in the site's language.

    A request asking for Spanish switches the thread to Spanish and nothing switches it back (the next
    request's LocaleMiddleware does, in the server): without this, code a test runs after such a request
    would speak Spanish.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def maya() -> CareerProfile:
    """P1 Maya (personas.md); tests/factories.py `maya_profile` makes her with other answers."""
    return maya_profile()


@pytest.fixture
def roadmap(maya: CareerProfile) -> Roadmap:
    """Maya's CPC roadmap as she saves it from the plan made on 23 Nov 2026 (tests.roadmap.helpers.PLANNED_ON)."""
    return save_cpc(maya)


@pytest.fixture
def signed_in(client: Client, user: Any) -> Client:
    """The test client signed in as `user`, a fixture each module using this one defines as its tests need."""
    return logged_in(client, user)
