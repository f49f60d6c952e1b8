"""Sharing a roadmap read-only in a real browser (issue 11, section 1): the owner creates the link and copies it,
someone else opens it signed out (axe, phone and desktop), and once the owner stops sharing it is gone."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect

from roadmap.models import CareerProfile, RoadmapShare
from tests.e2e.conftest import DESKTOP, PHONE, screenshot, serious_accessibility_violations
from tests.e2e.helpers import PASSWORD, log_in

NOTE = "Ask the clinic whether it pays for the voucher."


def save_cpc_roadmap(page: Page, username: str) -> None:
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    CareerProfile.objects.create(user=user, start_date=date.today())
    log_in(page, username)
    page.goto("/plan/CPC/")
    page.get_by_role("button", name="Save this roadmap").click()
    expect(page).to_have_url(re.compile(r"/roadmaps/\d+/"))


@pytest.fixture
def owner_page(browser: Browser, site: Any) -> Any:
    """A page allowed to write to the clipboard, as a person who clicks "Copy" would allow it."""
    context = browser.new_context(
        base_url=site.url, viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"]
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_the_owner_shares_copies_and_revokes_and_a_visitor_sees_a_read_only_page(
    owner_page: Page, browser: Browser, site: Any
) -> None:
    page = owner_page
    save_cpc_roadmap(page, "maya")
    note = page.get_by_label(re.compile("^Your note on")).first
    note.locator("xpath=ancestor::details").locator("summary").click()
    note.fill(NOTE)
    page.get_by_role("button", name=re.compile("^Save note")).first.click()
    expect(page.locator(".step-message")).to_have_text("Note saved.")

    sharing = page.get_by_role("region", name="Share a read-only copy")
    sharing.get_by_role("button", name="Create a share link").click()
    address = page.get_by_label("Address of the shared page")
    expect(address).to_have_value(re.compile(r"/shared/[A-Za-z0-9_-]{43}/$"))
    expect(sharing).to_contain_text("Never opened yet.")
    assert serious_accessibility_violations(page) == []
    sharing.get_by_role("button", name="Copy the address").click()
    expect(sharing.locator(".copy-status")).to_have_text("Address copied.")
    url = address.input_value()
    assert page.evaluate("navigator.clipboard.readText()") == url

    visitor_context = browser.new_context(viewport=PHONE)
    visitor = visitor_context.new_page()
    response = visitor.goto(url)
    assert response is not None
    assert (response.headers["x-robots-tag"], response.headers["referrer-policy"]) == (
        "noindex, nofollow",
        "no-referrer",
    )
    expect(visitor.get_by_role("heading", level=1)).to_have_text("A shared CPC roadmap")
    expect(visitor.get_by_role("heading", name="Progress")).to_be_visible()
    expect(visitor.locator("form")).to_have_count(0)
    expect(visitor.get_by_text(NOTE)).to_have_count(0)
    expect(visitor.get_by_text("maya")).to_have_count(0)
    assert serious_accessibility_violations(visitor) == []
    screenshot(visitor, "shared-roadmap-phone")
    visitor.set_viewport_size(DESKTOP)
    assert serious_accessibility_violations(visitor) == []

    page.reload()
    expect(sharing.locator(".share-opened")).to_contain_text("Last opened")
    sharing.screenshot(path="test-artifacts/roadmap-sharing-box.png")
    sharing.get_by_role("link", name="Stop sharing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop sharing your CPC roadmap?")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Stop sharing").click()
    expect(sharing.get_by_role("button", name="Create a share link")).to_be_visible()

    gone = visitor.goto(url)
    assert gone is not None
    assert gone.status == 404
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert RoadmapShare.objects.count() == 0
    visitor_context.close()
