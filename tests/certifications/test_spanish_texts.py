"""The catalogue's own texts in Spanish: edited in the admin, shown when present, else English with a note."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from certifications.models import Certification, StepTemplate
from certifications.translation import FALLBACK_NOTE, localized
from tests.certifications.admin_forms import change_form_data, change_url, post, prefix_of
from tests.helpers import in_spanish
from tests.html import main

pytestmark = pytest.mark.django_db

SUMMARY_ES = "Credencial de codificación para consultorios médicos."


def lead(client: Client) -> str:
    return main(client.get(reverse("certifications:detail", args=["CPC"]))).texts("lead")[0]


def test_the_admin_edits_the_spanish_texts_next_to_the_english(admin_client):
    cpc = Certification.objects.get(code="CPC")
    step = StepTemplate.objects.get(certification=cpc, order=40)
    data = change_form_data(admin_client, change_url(cpc))
    prefix = prefix_of(data, "step_templates", step.pk)
    assert [data[name] for name in ("summary_es", "audience_note_es", f"{prefix}-title_es")] == ["", "", ""]
    data["summary_es"] = SUMMARY_ES
    data[f"{prefix}-title_es"] = "Aprobar el examen"

    response = post(admin_client, cpc, data)

    assert response.status_code == 302
    assert Certification.objects.get(code="CPC").summary_es == SUMMARY_ES
    assert StepTemplate.objects.get(pk=step.pk).title_es == "Aprobar el examen"
    # The save bumped the catalogue version: the cached Spanish page is made again.
    assert lead(in_spanish(Client())) == SUMMARY_ES


def test_a_spanish_page_shows_the_spanish_text_when_there_is_one(client):
    Certification.objects.filter(code="CPC").update(summary_es=SUMMARY_ES)

    assert lead(in_spanish(client)) == SUMMARY_ES


def test_a_spanish_page_shows_the_english_with_a_note_when_there_is_no_translation(client):
    cpc = Certification.objects.get(code="CPC")

    page = main(in_spanish(client).get(reverse("certifications:detail", args=["CPC"])))

    lead_paragraph = page.find_all(cls="lead")[0]
    english = lead_paragraph.find_all(tag="span")[0]
    assert (english.attrs.get("lang"), english.text()) == ("en", cpc.summary)
    with translation.override("es"):
        note = str(FALLBACK_NOTE)  # "(en inglés: aún no hay traducción)" once the project's .po has it
    assert lead_paragraph.texts("translation-note") == [note]


def test_an_english_page_shows_the_english_without_a_note(client):
    Certification.objects.filter(code="CPC").update(summary_es=SUMMARY_ES)
    cpc = Certification.objects.get(code="CPC")

    assert lead(client) == cpc.summary


def test_localized_reads_the_field_of_the_active_language():
    cpc = Certification(summary="For physician offices.", summary_es="Para consultorios médicos.", audience_note="")

    with translation.override("es"):
        assert localized(cpc, "summary") == ("Para consultorios médicos.", False)
        assert localized(cpc, "eligibility_note") == ("", False)  # nothing to say, nothing to note
    with translation.override("en"):
        assert localized(cpc, "summary") == ("For physician offices.", False)
    cpc.summary_es = "  "
    with translation.override("es"):
        assert localized(cpc, "summary") == ("For physician offices.", True)
