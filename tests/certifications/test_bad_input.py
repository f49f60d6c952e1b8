"""Bad input gets a clear error, never a 500 (issue 10, section 1): the public catalogue's query parameters.

One property test per filter form, sending generated hostile values (tests/hostile.py) in the query string,
as an anonymous visitor (whose answers are cached: the cache is emptied before each request) and signed in.
A refused filter is a 400 naming the problem; nothing in the catalogue changes.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from certifications.models import CatalogueVersion, Certification, TrainingProgram
from tests.factories import UserFactory
from tests.hostile import (
    FUZZ,
    Pairs,
    answered,
    like_postgresql,
    path_part,
    refused_with_a_message,
    rolled_back,
    rows,
    tampered,
    urlencoded,
    values,
)

pytestmark = pytest.mark.django_db

CATALOGUE_TABLES = (Certification, TrainingProgram, CatalogueVersion)


def _clients() -> list[Client]:
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(UserFactory())
    return [Client(raise_request_exception=False), signed_in]


def _check_get(client: Client, address: str) -> Any:
    cache.clear()
    with rolled_back(), like_postgresql():
        before = rows(*CATALOGUE_TABLES)
        response = client.get(address)
        answered(response)
        refused_with_a_message(response)
        assert rows(*CATALOGUE_TABLES) == before
    return response


def test_the_catalogue_filters_answer_any_query() -> None:
    clients = _clients()
    base = {"setting": "inpatient", "body": "AAPC", "level": "core", "no_prereq": "on"}
    plausible = ["physician-office", "AHIMA", "aapc", "entry", "specialty", "yes", "no", "maybe", "1", "0"]

    @FUZZ
    @given(signed_in=st.booleans(), pairs=tampered(base, names=["page", "codes"], plausible=plausible))
    def check(signed_in: bool, pairs: Pairs) -> None:
        response = _check_get(clients[signed_in], f"/certifications/?{urlencoded(pairs)}")
        assert response.status_code in {200, 400}

    check()


def test_compare_answers_any_choice_of_codes() -> None:
    clients = _clients()
    codes = list(Certification.objects.filter(is_active=True).values_list("code", flat=True))
    base = {"codes": ["CPC", "CCS"]}

    @FUZZ
    @given(signed_in=st.booleans(), pairs=tampered(base, names=["code", "codes[]"], plausible=[*codes, "cpc", "XYZ"]))
    def check(signed_in: bool, pairs: Pairs) -> None:
        response = _check_get(clients[signed_in], f"/compare/?{urlencoded(pairs)}")
        assert response.status_code in {200, 400}

    check()


def test_the_program_filters_answer_any_query() -> None:
    clients = _clients()
    base = {"kind": "course", "certification": "CPC"}
    plausible = ["certificate", "high_school_equivalency", "CCS", "RETIRED", "cpc"]

    @FUZZ
    @given(signed_in=st.booleans(), pairs=tampered(base, plausible=plausible))
    def check(signed_in: bool, pairs: Pairs) -> None:
        response = _check_get(clients[signed_in], f"/programs/?{urlencoded(pairs)}")
        assert response.status_code in {200, 400}

    check()


def test_a_certification_page_answers_any_code() -> None:
    clients = _clients()

    @FUZZ
    @given(signed_in=st.booleans(), code=st.one_of(values, st.sampled_from(["CPC", "cpc", "CCS-P", "CPC "])))
    def check(signed_in: bool, code: str | bytes) -> None:
        response = _check_get(clients[signed_in], f"/certifications/{path_part(code)}/")
        assert response.status_code in {200, 404}

    check()


def test_invalid_utf8_in_a_filter_is_read_as_a_replacement_character_and_named() -> None:
    """Django decodes a query string with errors="replace": the form sees U+FFFD, and says it is unknown."""
    response = Client().get("/certifications/?level=%ff%fe")

    assert (response.status_code, response.context["form"].errors) == (
        400,
        {"level": ["Unknown level: \ufffd\ufffd. Choose one from the list."]},
    )
