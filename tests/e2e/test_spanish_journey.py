"""The main journey in Spanish in a real browser (issue 11): a Spanish browser gets Spanish on its first visit;
an English one picks Español in the menu, and the choice holds from sign-up to a step marked done."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from roadmap.models import Roadmap
from tests.e2e.conftest import DESKTOP, serious_accessibility_violations

PASSWORD = "a long and unusual passphrase 42"
SETTING = "Physician office / outpatient"


@pytest.fixture
def spanish_page(browser: Browser, site: Any) -> Iterator[Page]:
    """A browser whose language is Spanish (as United States Spanish speakers set it): Accept-Language es-US."""
    context = browser.new_context(base_url=site.url, viewport=DESKTOP, locale="es-US")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_a_spanish_browser_is_answered_in_spanish_on_its_first_visit(spanish_page: Page) -> None:
    page = spanish_page
    page.goto("/")

    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Planifica tu camino hacia una certificación en codificación médica"
    )
    expect(page.get_by_role("button", name="Español")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("link", name="Certificaciones", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificaciones de codificación médica")


def test_sign_up_plan_cpc_and_mark_a_step_done_in_spanish(page: Page) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("form", name="Language").get_by_role("button", name="Español").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Planifica tu camino hacia una certificación en codificación médica"
    )
    assert serious_accessibility_violations(page) == []

    # Sign up.
    page.get_by_role("link", name="Registrarse").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crea tu cuenta")
    page.locator("#id_username").fill("lucia")
    page.locator("#id_email").fill("lucia@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Crear mi cuenta").click()

    # The career profile.
    expect(page).to_have_url(re.compile(r"/profile/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cuéntanos sobre ti")
    expect(page.get_by_role("heading", name="Experiencia en codificación")).to_be_visible()
    page.locator("#id_preferred_setting").select_option(label=SETTING)
    page.get_by_role("button", name="Guardar y ver mis recomendaciones").click()

    # Recommendations, then the plan for CPC.
    expect(page).to_have_url(re.compile(r"/recommendations/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificaciones recomendadas para ti")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name=re.compile(r"^Planificar\W+CPC$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tu plan para la CPC")
    expect(page.get_by_role("heading", name="De un vistazo")).to_be_visible()
    page.get_by_role("button", name="Guardar esta hoja de ruta").click()

    # The saved roadmap: mark a step done.
    expect(page).to_have_url(re.compile(r"/roadmaps/\d+/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tu hoja de ruta de CPC")
    roadmap = Roadmap.objects.get(user__username="lucia")
    total = roadmap.steps.count()
    progress = page.locator("#progress .progress-count").first
    expect(progress).to_have_text(f"0 de {total} pasos hechos")
    step = roadmap.steps.get(title="Join AAPC")
    status = page.locator(f"#step-{step.pk}-status")
    status.locator('button[value="done"]').click()
    expect(status.locator('button[value="done"]')).to_have_attribute("aria-pressed", "true")
    expect(progress).to_have_text(f"1 de {total} pasos hechos")
    assert roadmap.steps.get(pk=step.pk).status == "done"
    expect(page.locator(f"#step-{step.pk} .step-dates")).to_have_text(
        re.compile(r"^\s*Hecho el \d{1,2} de \w+ de \d{4}\s*$")
    )
    assert serious_accessibility_violations(page) == []

    # The choice is remembered: a new visit to the dashboard is still in Spanish.
    page.goto("/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Panel")
