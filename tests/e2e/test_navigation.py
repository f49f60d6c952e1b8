"""The main menu on a phone, with and without JavaScript (issue 8, section 6)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.helpers import PASSWORD


def test_without_javascript_the_phone_menu_opens_and_reaches_dashboard_and_log_out(page_without_js: Page, site: Any):
    page = page_without_js
    User.objects.create_user("maya", "maya@example.org", PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("maya")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$")).click()

    menu = page.get_by_role("navigation", name="Main")
    dashboard = menu.get_by_role("link", name="Dashboard")
    expect(menu.get_by_role("button", name="Toggle navigation")).to_be_hidden()
    expect(dashboard).to_be_hidden()
    toggle = menu.locator("summary")
    expect(toggle).to_have_accessible_name("Menu")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "menu-without-javascript-phone-closed")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(dashboard).to_be_visible()
    screenshot(page, "menu-without-javascript-phone-open")

    dashboard.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    menu.locator("summary").click()
    menu.get_by_role("button", name=re.compile("^Log out")).click()
    menu.locator("summary").click()
    expect(menu.get_by_role("link", name="Log in")).to_be_visible()
    expect(menu.get_by_role("link", name="Dashboard")).to_have_count(0)


def test_with_javascript_the_phone_menu_is_bootstraps_alone(page: Page, site: Any):
    User.objects.create_user("maya", "maya@example.org", PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("maya")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$")).click()

    menu = page.get_by_role("navigation", name="Main")
    expect(menu.locator("summary")).to_have_count(0)  # the stand-in exists only without JavaScript
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    menu.get_by_role("button", name="Toggle navigation").click()
    expect(menu.get_by_role("link", name="Dashboard")).to_be_visible()
    expect(menu.get_by_role("button", name=re.compile("^Log out"))).to_be_visible()
