"""Every input of the catalogue admin's tabular inlines has a name a screen reader can announce (issue 8):
a tabular inline shows each label once, as a column heading, so the inputs carry it as aria-label."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from certifications.models import Certification, EligibilityRoute
from tests.html import Node, page

pytestmark = pytest.mark.django_db

REQUIREMENT_COLUMNS = {
    "kind": "Kind",
    "education_level": "Education level",
    "credentials": "Credentials",
    "months": "Months",
    "qualification": "Program",
    "role": "Role",
    "must_be_current": "Must currently work in the role",
    "licences": "Licences",
    "note": "Note",
    "proof": "Proof to send",
    "DELETE": "Delete",
}


def _named_inputs(response: Any, prefix: str) -> dict[str, str]:
    """The row's inputs other than hidden ones, by field name, with their aria-label."""
    controls: list[Node] = [
        node
        for tag in ("input", "select", "textarea")
        for node in page(response).find_all(tag=tag)
        if node.attrs.get("name", "").startswith(prefix) and node.attrs.get("type") != "hidden"
    ]
    return {node.attrs["name"].removeprefix(prefix): node.attrs.get("aria-label", "") for node in controls}


def test_the_requirements_of_a_route_on_the_certification_page_are_named_after_their_columns(admin_client):
    cpc = Certification.objects.get(code="CPC")

    response = admin_client.get(reverse("admin:certifications_certification_change", args=[cpc.pk]))

    assert _named_inputs(response, "routes-0-requirements-0-") == REQUIREMENT_COLUMNS
    # The blank row "Add another" copies carries the names too (without a Delete box: nothing to delete yet).
    blank = dict(REQUIREMENT_COLUMNS)
    del blank["DELETE"]
    assert _named_inputs(response, "routes-0-requirements-__prefix__-") == blank


def test_the_requirements_on_a_route_page_are_named_after_their_columns(admin_client):
    route = EligibilityRoute.objects.filter(requirements__isnull=False).order_by("pk").first()

    response = admin_client.get(reverse("admin:certifications_eligibilityroute_change", args=[route.pk]))

    assert _named_inputs(response, "requirements-0-") == REQUIREMENT_COLUMNS


def test_knowledge_ceu_minimum_and_resource_rows_are_named_after_their_columns(admin_client):
    cpc = Certification.objects.get(code="CPC")

    response = admin_client.get(reverse("admin:certifications_certification_change", args=[cpc.pk]))

    assert _named_inputs(response, "knowledge-0-") == {
        "area": "Knowledge area",
        "required": "Required",
        "words": "The body's words",
        "source": "Source",
        "DELETE": "Delete",
    }
    assert _named_inputs(response, "step_templates-0-resources-__prefix__-") == {"label": "Label", "url": "URL"}
