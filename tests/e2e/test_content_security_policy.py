"""The Content-Security-Policy (no inline script or style) breaks nothing: no page the browser loads reports a
violation, and the browser reports no error (a Permissions-Policy it does not understand, a script that failed)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from roadmap.models import CareerProfile
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import PASSWORD, log_in
from tests.roadmap.helpers import hold, log_activity

# Every violation the page reports, from a listener added before any script of the page runs.
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} in ${where}`);
});
"""


class Watched:
    """A page whose console errors and CSP violations are collected."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def visit(self, url: str) -> list[str]:
        """Load the page, wait for its scripts, and return what went wrong there."""
        self.errors.clear()
        self.page.goto(url, wait_until="load")  # after the deferred scripts (htmx, Bootstrap) ran
        # Violations are reported by events queued as tasks: let them run before reading them.
        violations: list[str] = self.page.evaluate(
            "new Promise((done) => setTimeout(() => done(window.__violations || []), 50))"
        )
        return [*violations, *self.errors]


@pytest.fixture
def watched(browser: Browser, site: Any) -> Iterator[Watched]:
    context = browser.new_context(base_url=site.url, viewport=DESKTOP)
    context.set_default_timeout(10_000)
    context.add_init_script(LISTEN)
    yield Watched(context.new_page())
    context.close()


def a_coder() -> None:
    """dana: a CCA with a CEU logged."""
    user = User.objects.create_user("dana", "dana@example.org", PASSWORD)
    profile = CareerProfile.objects.create(user=user, start_date=date.today())
    cca = hold(profile, "CCA", date.today() - timedelta(60))
    log_activity(profile, date.today(), "2", cca)


PUBLIC = [
    "/",
    "/certifications/",
    "/certifications/CPC/",
    "/compare/?codes=CPC&codes=CCA",
    "/programs/",
    "/api/v1/docs/",
]
ANONYMOUS = ["/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"]
SIGNED_IN = [
    "/profile/",
    "/dashboard/",
    "/recommendations/",
    "/ceus/",
    "/ceus/add/",
    "/wallet/",
    "/account/",
    "/account/delete/",
]


def test_public_and_account_pages_report_no_violation(watched: Watched):
    found = {url: watched.visit(url) for url in [*PUBLIC, *ANONYMOUS]}

    assert {url: problems for url, problems in found.items() if problems} == {}


def test_the_pages_of_a_signed_in_person_report_no_violation(watched: Watched):
    a_coder()
    log_in(watched.page, "dana")

    found = {url: watched.visit(url) for url in [*SIGNED_IN, "/plan/CPC/", "/roadmaps/", *PUBLIC]}

    assert {url: problems for url, problems in found.items() if problems} == {}


def test_the_roadmap_page_reports_no_violation(watched: Watched):
    a_coder()
    log_in(watched.page, "dana")
    watched.page.goto("/plan/CPC/")
    watched.page.get_by_role("button", name="Save this roadmap").click()
    expect(watched.page).to_have_url(re.compile(r"/roadmaps/\d+/"))

    assert watched.visit(watched.page.url) == []


def test_a_shared_roadmap_and_its_sharing_box_report_no_violation(watched: Watched):
    a_coder()
    log_in(watched.page, "dana")
    watched.page.goto("/plan/CPC/")
    watched.page.get_by_role("button", name="Save this roadmap").click()
    expect(watched.page).to_have_url(re.compile(r"/roadmaps/\d+/"))
    roadmap_url = watched.page.url
    watched.page.get_by_role("button", name="Create a share link").click()
    shared_url = watched.page.get_by_label("Address of the shared page").input_value()

    found = {url: watched.visit(url) for url in [roadmap_url, shared_url]}
    watched.page.context.clear_cookies()
    found["signed out"] = watched.visit(shared_url)

    assert {url: problems for url, problems in found.items() if problems} == {}


def test_the_api_docs_render_the_schema_with_no_violation(watched: Watched):
    """Swagger UI (drf-spectacular-sidecar's files) draws the operations from the schema after the page has
    loaded: violations are read again once they are drawn, and once an operation is opened."""
    page = watched.page
    loaded = watched.visit("/api/v1/docs/")
    certifications = page.locator(".opblock-summary-path", has_text=re.compile(r"^/api/v1/certifications/$"))
    expect(certifications).to_be_visible()
    certifications.click()
    expect(page.get_by_text("Certifications, filtered as on the catalogue page").first).to_be_visible()
    expect(page.locator(".parameters-col_name", has_text="no_prereq")).to_be_visible()
    drawn: list[str] = page.evaluate("new Promise((done) => setTimeout(() => done(window.__violations), 50))")

    assert [*loaded, *drawn, *watched.errors] == []
    assert page.title() == "Career Planner API"


def test_a_page_without_javascript_reports_no_violation(browser: Browser, site: Any):
    context = browser.new_context(base_url=site.url, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.goto("/certifications/")
    # noscript.css applied: Bootstrap's menu button, which needs JavaScript, is hidden; its stand-in opens.
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("button", name="Toggle navigation")).to_be_hidden()
    menu.locator("summary").click()
    expect(menu.get_by_role("link", name="Compare")).to_be_visible()
    context.close()

    assert errors == []


def test_the_admin_reports_no_violation(watched: Watched):
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    page = watched.page
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Site administration")
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(username="admin")
    urls = ["/admin/", "/admin/auth/user/add/", f"/admin/auth/user/{request.user.pk}/change/", "/admin/axes/"]
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        if meta.app_label != "certifications":
            continue
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        first = model.objects.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk]))

    found = {url: watched.visit(url) for url in urls}

    assert {url: problems for url, problems in found.items() if problems} == {}
    assert len(urls) > 30
