"""A certified coder logs two CEUs and sees the remaining count fall (issue 4)."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from certifications.models import Certification
from roadmap.models import CareerProfile, HeldCredential
from tests.e2e.conftest import PHONE, screenshot, serious_accessibility_violations
from tests.e2e.helpers import PASSWORD, log_in


def remaining(page: Page) -> str:
    return page.locator("#ceu-body-AHIMA .ceu-remaining").inner_text()


def log_ceu(page: Page, title: str, ceus: str, day: date) -> None:
    page.get_by_role("link", name="Log a CEU activity").first.click()
    page.get_by_label("Date completed").fill(day.isoformat())
    page.get_by_label("Title").fill(title)
    page.locator("#id_ceus").fill(ceus)
    page.get_by_role("button", name="Log this activity").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CEU")


def test_logging_two_ceus_lowers_what_remains(page: Page, site):
    user = User.objects.create_user("dana", "dana@example.org", PASSWORD)
    profile = CareerProfile.objects.create(user=user, start_date=date.today())
    earned = date.today() - timedelta(days=60)
    HeldCredential.objects.create(
        profile=profile, certification=Certification.objects.get(code="CCA"), earned_on=earned
    )

    log_in(page, "dana")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="CEUs").click()
    assert remaining(page) == "20 CEUs"
    assert serious_accessibility_violations(page) == []

    log_ceu(page, "Coding Clinic webinar", "1.5", date.today() - timedelta(days=10))
    assert remaining(page) == "18.5 CEUs"
    log_ceu(page, "AHIMA chapter meeting", "2", date.today() - timedelta(days=3))
    assert remaining(page) == "16.5 CEUs"
    assert serious_accessibility_violations(page) == []

    page.set_viewport_size(PHONE)
    screenshot(page, "ceus-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
