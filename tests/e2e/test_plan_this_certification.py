"""A visitor reads a certification's page and plans it: sign-up, the profile, then that plan (issue 8, section 4)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import serious_accessibility_violations
from tests.e2e.helpers import PASSWORD


def test_an_anonymous_visitor_plans_a_certification_through_sign_up_and_the_profile(page: Page):
    page.goto("/certifications/CCS/")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Plan this certification").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    page.get_by_label("Username").fill("maya")
    page.get_by_label("E-mail address").fill("maya@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()

    expect(page).to_have_url(re.compile(r"/profile/\?next="))
    page.get_by_label("Preferred work setting").select_option(label="Hospital inpatient")
    page.get_by_role("button", name=re.compile("^Save")).click()

    expect(page).to_have_url(re.compile(r"/plan/CCS/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your plan for CCS")
    expect(page.get_by_role("button", name="Save this roadmap")).to_be_visible()
    assert serious_accessibility_violations(page) == []
