"""What the Python side says (form labels and errors, messages, CEU cycles, reminders, the calendar feed) is
Spanish for a Spanish visitor, and stays as it was in English.

The person's language is kept on their profile (CareerProfile.language) for what is sent without a request:
reminder e-mails and the calendar feed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.utils import translation
from icalendar import Calendar

from certifications.models import Certification
from roadmap.keeping.calendar_feed import build_calendar
from roadmap.keeping.ceus import ceu_overview
from roadmap.keeping.reminders import send_reminders
from roadmap.models import CareerProfile
from roadmap.profiles.forms import CareerProfileForm
from tests.factories import CareerProfileFactory, CeuActivityFactory, HeldCredentialFactory, UserFactory
from tests.html import main

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-US,es;q=0.9,en;q=0.5"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
TODAY = date(2027, 2, 17)  # 25 days before the CCA cycle below ends
SITE = "https://planner.example"


@pytest.fixture(autouse=True)
def _site_and_clock(settings: Any) -> Iterator[None]:
    settings.SITE_ROOT = SITE + "/"
    with time_machine.travel(datetime.datetime(2027, 2, 17, 12, tzinfo=datetime.UTC), tick=False):
        yield


def _profile_post(**fields: str) -> dict[str, str]:
    data = {
        "education": "high_school",
        "training_contact_hours": "0",
        "coding_months": "0",
        "coding_setting": "",
        "other_role": "",
        "other_role_months": "0",
        "preferred_setting": "",
        "hours_per_week": "10",
        "budget": "",
        "start_date": "2027-02-17",
        "target_date": "",
        "reminders_enabled": "on",
        "credentials-TOTAL_FORMS": "0",
        "credentials-INITIAL_FORMS": "0",
    }
    return {**data, **fields}


def _cca_holder(language: str) -> CareerProfile:
    """Someone holding the CCA (AHIMA: 20 CEUs every 2 years) since 15 March 2025, with 7.5 CEUs logged."""
    user = UserFactory(username="maya", email="maya@example.org")
    profile: CareerProfile = CareerProfileFactory(user=user, language=language)
    held = HeldCredentialFactory(
        profile=profile, certification=Certification.objects.get(code="CCA"), earned_on=date(2025, 3, 15)
    )
    activity = CeuActivityFactory(profile=profile, completed_on=date(2026, 1, 10), ceus=Decimal("7.5"))
    activity.credentials.set([held])
    return profile


def _form_texts(language: str) -> list[str]:
    with translation.override(language):
        form = CareerProfileForm(
            _profile_post(hours_per_week="0"), instance=CareerProfile(), work_settings=[], today=TODAY
        )
        return [
            str(form["education"].label),
            str(form["coding_months"].label),
            str(form["training_contact_hours"].label),
            str(form["coding_months"].help_text),
            *form.errors["hours_per_week"],
        ]


def test_the_profile_forms_labels_help_and_errors_are_spanish_in_spanish_and_unchanged_in_english() -> None:
    assert _form_texts("es") == [
        "Nivel de estudios más alto",
        "Meses de experiencia en codificación",
        "Horas lectivas de formación en codificación",
        "Meses a tiempo completo asignando códigos (CPT, ICD-10, HCPCS) en el trabajo. Las prácticas cuentan.",
        "Escribe entre 1 y 80 horas a la semana.",
    ]
    assert _form_texts("en") == [
        "Highest education",
        "Months of coding experience",
        "Contact hours of coding training",
        "Full-time months spent assigning codes (CPT, ICD-10, HCPCS) at work. Externships count.",
        "Enter between 1 and 80 hours a week.",
    ]


def test_saving_the_profile_in_spanish_says_so_in_spanish_and_keeps_spanish_for_the_reminders(client: Client) -> None:
    user = UserFactory()
    client.force_login(user)

    response = client.post("/profile/", _profile_post(), **SPANISH)

    assert [str(message) for message in get_messages(response.wsgi_request)] == ["Tu perfil se guardó."]
    assert CareerProfile.objects.get(user=user).language == "es"


def test_the_language_switcher_keeps_a_signed_in_persons_choice_for_their_reminders(client: Client) -> None:
    profile = CareerProfileFactory(language="en")
    other = CareerProfileFactory(language="en")
    client.force_login(profile.user)

    client.post("/i18n/setlang/?next=/", {"language": "es-mx"}, **ENGLISH)

    profile.refresh_from_db()
    other.refresh_from_db()
    assert (profile.language, other.language) == ("es", "en")
    client.post("/i18n/setlang/?next=/", {"language": "en"}, **ENGLISH)
    profile.refresh_from_db()
    assert profile.language == "en"


def test_a_ceu_cycles_status_and_why_an_activity_does_not_count_are_spanish(client: Client) -> None:
    profile = _cca_holder("es")
    early = CeuActivityFactory(profile=profile, completed_on=date(2025, 1, 10), ceus=Decimal(1))
    early.credentials.set(profile.credentials.all())
    client.force_login(profile.user)

    with translation.override("es"):
        reasons = ceu_overview(profile, TODAY).status_of(early)
    response = client.get("/wallet/", **SPANISH)

    assert reasons == "AHIMA: con fecha anterior a la obtención de CCA: no cuenta"
    [badge] = main(response).find_all(cls="badge")
    assert badge.text() == "Vence en menos de 90 días"


def test_the_reminder_email_goes_out_in_the_language_kept_on_the_profile() -> None:
    _cca_holder("es")
    other = UserFactory(username="lee", email="lee@example.org")
    other_profile = CareerProfileFactory(user=other, language="en")
    HeldCredentialFactory(
        profile=other_profile, certification=Certification.objects.get(code="CCA"), earned_on=date(2025, 3, 15)
    )

    send_reminders(today=TODAY)

    sent = {message.to[0]: (message.subject, message.body.splitlines()[:5]) for message in mail.outbox}
    assert sent == {
        "maya@example.org": (
            "Career Planner: 1 recordatorio",
            [
                "Hola, maya:",
                "",
                "Hay una cosa que requiere tu atención:",
                "",
                "- CEU de AHIMA pendientes para el 14 de marzo de 2027, dentro de 25 días: faltan 12,5",
            ],
        ),
        "lee@example.org": (
            "Career Planner: 1 reminder",
            [
                "Hello lee,",
                "",
                "One thing needs your attention:",
                "",
                "- AHIMA CEUs due by 14 March 2027, in 25 days: 20 to go",
            ],
        ),
    }


def _summaries(profile: CareerProfile) -> list[str]:
    calendar = Calendar.from_ical(
        build_calendar(profile, today=TODAY, now=datetime.datetime.now(datetime.UTC)).to_ical()
    )
    return [str(event["SUMMARY"]) for event in calendar.events]


def test_the_calendar_feed_speaks_the_language_kept_on_the_profile() -> None:
    profile = _cca_holder("es")

    spanish = _summaries(profile)
    profile.language = "en"
    english = _summaries(profile)

    assert (spanish, english) == (["CEU pendientes: AHIMA (faltan 12,5)"], ["CEUs due: AHIMA (12.5 to go)"])


# English words that would betray a string left untranslated on a signed-in page in Spanish.
ENGLISH_GIVEAWAYS = (
    "Tell us",
    "Enter ",
    "Choose ",
    "Your ",
    " to go",
    "On track",
    "Due within",
    "Done for this cycle",
    "Months of",
    "Highest education",
    "e.g.",
)


@pytest.mark.parametrize("path", ["/profile/", "/ceus/", "/wallet/", "/ceus/add/", "/account/"])
def test_signed_in_pages_in_spanish_have_no_english_left_in_their_main_content(client: Client, path: str) -> None:
    profile = _cca_holder("es")
    client.force_login(profile.user)

    text = main(client.get(path, **SPANISH)).text()

    assert [phrase for phrase in ENGLISH_GIVEAWAYS if phrase in text] == []
