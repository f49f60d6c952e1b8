"""What several browser tests do the same way: sign in, save Maya's CPC roadmap, mark a step done.
Not collected: the name does not start with test_."""

from __future__ import annotations

import re
from datetime import date

from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from certifications.models import WorkSetting
from roadmap.models import CareerProfile

PASSWORD = "a long and unusual passphrase 42"


def log_in(page: Page, username: str) -> None:
    """Sign in through the log-in page as `username` (whose password is PASSWORD) and wait for the next page."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$")).click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Log in")


def maya_with_a_cpc_roadmap(page: Page, username: str) -> None:
    """Maya (personas.md P1) logs in, saves the CPC plan from its preview, and lands on the roadmap."""
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    CareerProfile.objects.create(
        user=user,
        hours_per_week=10,
        budget=3000,
        preferred_setting=WorkSetting.objects.get(code="physician-office"),
        start_date=date.today(),
    )
    log_in(page, username)
    page.goto("/plan/CPC/")
    page.get_by_role("button", name="Save this roadmap").click()
    expect(page).to_have_url(re.compile(r"/roadmaps/\d+/"))


def mark_done(page: Page, title: str) -> None:
    """Press "Done" in the step's status group and wait until the page shows it pressed."""
    group = page.get_by_role("group", name=re.compile(f"^Status of “{re.escape(title)}”"))
    group.get_by_role("button", name="Done", exact=True).click()
    expect(group.get_by_role("button", name="Done", exact=True)).to_have_attribute("aria-pressed", "true")
