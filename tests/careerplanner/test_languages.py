"""The site in the visitor's language: the browser's Accept-Language on a first visit, the switcher's choice after.

Spanish needs the compiled catalogue (locale/es/LC_MESSAGES/django.mo), which `make setup` builds.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from certifications.templatetags.catalogue import hours, money
from roadmap.templatetags.roadmap_extras import day, hours_range, number
from tests.factories import CareerProfileFactory, UserFactory
from tests.html import page

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-US,es;q=0.9,en;q=0.5"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def _heading(response: Any) -> str:
    [h1] = page(response).find_all(tag="h1")
    return h1.text()


def _lang(response: Any) -> str:
    [html] = page(response).find_all(tag="html")
    return html.attrs["lang"]


def test_a_spanish_browser_gets_the_home_page_in_spanish_on_its_first_visit(client: Client) -> None:
    response = client.get("/", **SPANISH)

    assert (_lang(response), _heading(response)) == (
        "es",
        "Planifica tu camino hacia una certificación en codificación médica",
    )
    assert response["Content-Language"] == "es"
    assert [link.text() for link in page(response).find_all(cls="nav-link")][:3] == [
        "Certificaciones",
        "Comparar",
        "Programas de formación",
    ]


def test_an_english_browser_and_a_browser_that_asks_for_nothing_get_english(client: Client) -> None:
    english = client.get("/", **ENGLISH)
    unasked = client.get("/")

    assert (_lang(english), _heading(english)) == ("en", "Plan your way to a medical-coding certification")
    assert (_lang(unasked), _heading(unasked)) == ("en", "Plan your way to a medical-coding certification")


def test_the_catalogue_is_spanish_for_a_spanish_visitor_after_an_english_one_saw_it(client: Client) -> None:
    """The cached anonymous page of one language is never served in the other."""
    english = client.get("/certifications/", **ENGLISH)
    spanish = Client().get("/certifications/", **SPANISH)

    assert _heading(english) == "Medical-coding certifications"
    assert _heading(spanish) == "Certificaciones de codificación médica"
    assert page(spanish).by_id("filters-heading").text() == "Filtrar el catálogo"


def test_the_profile_page_is_spanish_for_a_signed_in_spanish_visitor(client: Client) -> None:
    client.force_login(UserFactory())

    response = client.get("/profile/", **SPANISH)

    assert _heading(response) == "Cuéntanos sobre ti"
    assert page(response).by_id("education-heading").text() == "Educación"


def test_the_switcher_offers_each_language_in_its_own_words_the_current_one_pressed(client: Client) -> None:
    response = client.get("/certifications/?level=core", **SPANISH)

    # In the menu, and again in its stand-in for browsers without JavaScript.
    first, second = page(response).find_all(cls="language-switcher")
    assert first.text() == second.text()
    form = first
    assert form.attrs["action"] == "/i18n/setlang/?next=/certifications/%3Flevel%3Dcore"
    assert form.attrs["aria-label"] == "Idioma"
    assert [
        (button.attrs["value"], button.attrs["lang"], button.attrs["aria-pressed"], button.text())
        for button in form.find_all(tag="button")
    ] == [("en", "en", "false", "English"), ("es", "es", "true", "Español")]


def test_the_language_chosen_with_the_switcher_is_remembered_over_the_browsers_language(client: Client) -> None:
    chosen = client.post("/i18n/setlang/?next=/certifications/", {"language": "en"}, **SPANISH)

    assert (chosen.status_code, chosen["Location"]) == (302, "/certifications/")
    cookie = chosen.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert (cookie.value, cookie["max-age"], cookie["samesite"], cookie["httponly"]) == ("en", 31536000, "Lax", True)
    assert _heading(client.get("/certifications/", **SPANISH)) == "Medical-coding certifications"

    client.post("/i18n/setlang/?next=/", {"language": "es"}, **ENGLISH)
    assert _heading(client.get("/", **ENGLISH)) == "Planifica tu camino hacia una certificación en codificación médica"


def test_the_switcher_ignores_a_language_the_site_does_not_have_and_an_address_elsewhere(client: Client) -> None:
    response = client.post("/i18n/setlang/?next=https://elsewhere.example/", {"language": "fr"}, **SPANISH)

    assert (response.status_code, response["Location"]) == (302, "/")
    assert _heading(client.get("/", **SPANISH)) == "Planifica tu camino hacia una certificación en codificación médica"


def test_dates_and_amounts_are_written_the_spanish_way_in_spanish_and_as_before_in_english() -> None:
    on = datetime.date(2026, 12, 1)
    with translation.override("es"):
        spanish = [
            day(on),
            money(Decimal("1234.5")),
            money(Decimal("499")),
            number(Decimal("97.50")),
            hours(210),
            hours_range(Decimal("37.5"), Decimal("135"), Decimal("86.25")),
        ]
    with translation.override("en"):
        english = [
            day(on),
            money(Decimal("1234.5")),
            money(Decimal("499")),
            number(Decimal("97.50")),
            hours(210),
            hours_range(Decimal("37.5"), Decimal("135"), Decimal("86.25")),
        ]

    assert spanish == [
        "1 de diciembre de 2026",
        "$1\xa0234,50",
        "$499",
        "97,5",
        "3,5 horas",
        "de 37,5 a 135 horas (probablemente 86)",
    ]
    assert english == ["1 Dec 2026", "$1,234.50", "$499", "97.5", "3.5 hours", "37.5 to 135 hours (likely 86)"]


def test_a_page_gives_its_dates_in_the_visitors_language(client: Client, time_machine: Any) -> None:
    time_machine.move_to(datetime.datetime(2027, 1, 4, 12, tzinfo=datetime.UTC), tick=False)
    profile = CareerProfileFactory()
    client.force_login(profile.user)

    spanish = client.get("/recommendations/", **SPANISH)
    english = client.get("/recommendations/", **ENGLISH)

    assert (
        page(spanish)
        .find_all(cls="lead")[0]
        .text()
        .endswith("de nuestro catálogo a fecha del 4 de enero de 2027. Abre una para ver su plan completo con fechas.")
    )
    assert (
        page(english)
        .find_all(cls="lead")[0]
        .text()
        .endswith("and our catalogue as of 4 Jan 2027. Open one to see its full, dated plan.")
    )
