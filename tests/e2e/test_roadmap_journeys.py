"""The journeys of issue 3 in a real browser: sign up and follow a roadmap, mark steps
complete (with and without JavaScript), and an admin editing certification data."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import Page, expect

from roadmap.models import Roadmap
from tests.e2e.conftest import DESKTOP, PHONE, screenshot, serious_accessibility_violations
from tests.e2e.helpers import PASSWORD, mark_done

SETTING = "Physician office / outpatient"


# axe runs inside the page, so it cannot run with JavaScript off: the no-JS journey passes
# axe=False and visits the same pages the JavaScript journey has checked.


def sign_up_and_describe_myself(page: Page, username: str, *, axe: bool = True) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign up").first.click()
    assert not axe or serious_accessibility_violations(page) == []
    page.get_by_label("Username").fill(username)
    page.get_by_label("E-mail address").fill(f"{username}@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()

    expect(page).to_have_url(re.compile(r"/profile/"))
    assert not axe or serious_accessibility_violations(page) == []
    page.get_by_label("Preferred work setting").select_option(label=SETTING)
    page.get_by_role("button", name="Save and see my recommendations").click()


def pick_cpc_and_save(page: Page, *, axe: bool = True) -> None:
    expect(page).to_have_url(re.compile(r"/recommendations/"))
    assert not axe or serious_accessibility_violations(page) == []
    first = (
        page.locator("main li, main article").filter(has=page.get_by_role("link", name=re.compile("^Plan this"))).first
    )
    expect(first).to_contain_text("Certified Professional Coder")
    page.get_by_role("link", name=re.compile(r"^Plan this\W+CPC$")).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("CPC")
    expect(page.get_by_text("Recommended, not required").first).to_be_visible()
    assert not axe or serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Save this roadmap").click()
    expect(page).to_have_url(re.compile(r"/roadmaps/\d+/"))


def status_group(page: Page, title: str):
    return page.get_by_role("group", name=re.compile(f"^Status of “{re.escape(title)}”"))


def overall_progress(page: Page) -> str:
    return page.locator("#progress .progress-item").first.locator(".progress-count").inner_text()


def test_sign_up_plan_cpc_and_follow_it_with_javascript(page: Page):
    sign_up_and_describe_myself(page, "maya")
    pick_cpc_and_save(page)
    assert serious_accessibility_violations(page) == []
    total = Roadmap.objects.get(user__username="maya").steps.count()
    assert overall_progress(page) == f"0 of {total} steps done"

    url_before = page.url
    requests: list[str] = []
    page.on("request", lambda request: requests.append(f"{request.method} {urlsplit(request.url).path}"))
    mark_done(page, "Join AAPC")
    expect(page.locator("#progress .progress-count").first).to_have_text(f"1 of {total} steps done")
    mark_done(page, "Register for the CPC exam")
    assert page.url == url_before  # no page load: htmx swapped the steps in place
    expect(page.locator("#progress .progress-count").first).to_have_text(f"2 of {total} steps done")
    # One request a click: its answer brings the progress box (and the steps whose dates moved) along.
    steps = Roadmap.objects.get(user__username="maya").steps
    assert requests == [
        f"POST {reverse('roadmap:step_status', args=[step.roadmap_id, step.pk])}"
        for step in (steps.get(title="Join AAPC"), steps.get(title="Register for the CPC exam"))
    ]

    page.reload()
    assert overall_progress(page) == f"2 of {total} steps done"
    assert (
        status_group(page, "Join AAPC").get_by_role("button", name="Done", exact=True).get_attribute("aria-pressed")
        == "true"
    )
    assert sorted(
        Roadmap.objects.get(user__username="maya").steps.filter(status="done").values_list("title", flat=True)
    ) == [
        "Join AAPC",
        "Register for the CPC exam",
    ]
    assert serious_accessibility_violations(page) == []

    page.set_viewport_size(DESKTOP)
    screenshot(page, "roadmap-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "roadmap-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_same_journey_works_without_javascript(page_without_js: Page):
    page = page_without_js
    sign_up_and_describe_myself(page, "james", axe=False)
    pick_cpc_and_save(page, axe=False)
    total = Roadmap.objects.get(user__username="james").steps.count()

    mark_done(page, "Join AAPC")  # a plain form POST and a redirect back to the step
    expect(page).to_have_url(re.compile(r"/roadmaps/\d+/#step-\d+$"))
    mark_done(page, "Register for the CPC exam")

    page.reload()
    assert overall_progress(page) == f"2 of {total} steps done"


def test_a_double_click_marks_a_step_done_once(page: Page):
    sign_up_and_describe_myself(page, "rosa")
    pick_cpc_and_save(page)
    status_group(page, "Join AAPC").get_by_role("button", name="Done", exact=True).dblclick()
    expect(status_group(page, "Join AAPC").get_by_role("button", name="Done", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    step = Roadmap.objects.get(user__username="rosa").steps.get(title="Join AAPC")
    assert (step.status, step.previous_status) == ("done", "not_started")


@pytest.fixture
def admin_user(site) -> User:
    return User.objects.create_superuser("admin", "admin@example.org", PASSWORD)


def test_admin_edits_a_certification_and_only_new_plans_change(page: Page, browser, site, admin_user):
    sign_up_and_describe_myself(page, "priya")
    pick_cpc_and_save(page)
    saved = Roadmap.objects.get(user__username="priya")
    before = list(saved.steps.order_by("position").values_list("title", "why"))
    assert "Earn 36 CEUs every 2 years (AAPC)" in [title for title, _ in before]

    admin_context = browser.new_context(base_url=site.url, viewport=DESKTOP)
    admin = admin_context.new_page()
    admin.goto("/admin/")
    admin.get_by_label("Username").fill("admin")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Log in").click()

    admin.goto("/admin/certifications/certification/?q=CPC")
    admin.get_by_role("link", name="CPC", exact=True).click()
    admin.get_by_label("CEUs per cycle (this credential alone)").fill("40")
    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.locator(".messagelist")).to_contain_text("was changed successfully")

    admin.goto("/admin/certifications/steptemplate/?q=Take+timed+practice+exams")
    row = admin.locator("#result_list tbody tr").filter(has=admin.get_by_role("cell", name="CPC", exact=True))
    row.get_by_role("link", name="Take timed practice exams").click()
    admin.get_by_role("link", name="Delete").click()
    admin.get_by_role("button", name=re.compile("Yes, I.m sure")).click()
    expect(admin.locator(".messagelist")).to_contain_text("was deleted successfully")
    admin_context.close()

    page.goto("/plan/CPC/")
    plan_text = page.locator("main").inner_text()
    assert "Earn 40 CEUs every 2 years (AAPC)" in plan_text
    assert "Take timed practice exams" not in plan_text

    page.goto(saved.get_absolute_url())
    saved_text = page.locator("main").inner_text()
    assert "Earn 36 CEUs every 2 years (AAPC)" in saved_text
    assert "Take timed practice exams" in saved_text
    assert list(saved.steps.order_by("position").values_list("title", "why")) == before
