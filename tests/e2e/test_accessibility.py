"""axe on the pages where it found serious or critical problems (issue 8, section 6): the catalogue with
filters applied, a CEU log with a row that does not count, a roadmap after a re-plan, and the admin."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse
from playwright.sync_api import Page, expect

from certifications.models import Certification
from roadmap.models import CareerProfile, Roadmap, RoadmapShare
from tests.e2e.conftest import DESKTOP, PHONE, serious_accessibility_violations
from tests.e2e.helpers import PASSWORD, log_in
from tests.roadmap.helpers import hold, log_activity


def person(username: str, **profile: Any) -> CareerProfile:
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    return CareerProfile.objects.create(user=user, start_date=date.today(), **profile)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    "url",
    [
        "/certifications/?setting=inpatient",
        "/certifications/?setting=inpatient&body=AAPC&no_prereq=on",  # nothing matches: "Clear filters" in an alert
        "/programs/?kind=certificate",
        "/programs/?kind=degree",  # refused: the field's message on the grey panel
    ],
)
def test_the_catalogue_with_filters_applied_has_no_serious_violations(page: Page, viewport: Any, url: str):
    page.set_viewport_size(viewport)
    page.goto(url)
    expect(page.get_by_role("link", name="Clear filters").first).to_be_visible()
    assert serious_accessibility_violations(page) == []


def test_a_ceu_log_with_a_row_that_does_not_count_has_no_serious_violations(page: Page, site: Any):
    profile = person("dana")
    earned = date.today() - timedelta(days=60)
    cpc = hold(profile, "CPC", earned)
    early = log_activity(profile, earned - timedelta(days=30), "2", cpc, title="Boot camp chapter 12")

    log_in(page, "dana")
    page.goto("/ceus/")
    expect(page.locator(f"#activity-{early.pk} .not-counted")).to_contain_text("Does not count")
    assert serious_accessibility_violations(page) == []


def test_a_roadmap_after_a_replan_has_no_serious_violations(page: Page, site: Any):
    profile = person("maya")
    log_in(page, "maya")
    page.goto("/plan/CPC/")
    page.get_by_role("button", name="Save this roadmap").click()
    expect(page).to_have_url(re.compile(r"/roadmaps/\d+/"))
    roadmap = Roadmap.objects.get(user__username="maya")

    profile.hours_per_week = 20
    profile.save()
    page.goto(f"/roadmaps/{roadmap.pk}/replan/")
    page.get_by_role("button", name="Re-plan this roadmap").click()
    expect(page.get_by_role("button", name="Hide what changed")).to_be_visible()
    assert serious_accessibility_violations(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_shared_roadmap_has_no_serious_violations(page: Page, site: Any, viewport: Any):
    person("maya")
    log_in(page, "maya")
    page.goto("/plan/CPC/")
    page.get_by_role("button", name="Save this roadmap").click()
    expect(page).to_have_url(re.compile(r"/roadmaps/\d+/"))
    roadmap = Roadmap.objects.get(user__username="maya")
    step = roadmap.steps.order_by("position").first()
    assert step is not None
    step.note = "Ask the clinic about the voucher."
    step.status = "done"
    step.completed_on = date.today()
    step.save()
    share = RoadmapShare.objects.create(roadmap=roadmap, include_notes=True)

    # The owner's sharing box, then the shared page as someone signed out sees it.
    page.set_viewport_size(viewport)
    page.goto(roadmap.get_absolute_url())
    expect(page.get_by_label("Address of the shared page")).to_have_value(re.compile(share.token))
    assert serious_accessibility_violations(page) == []
    page.context.clear_cookies()
    page.goto(share.get_absolute_url())
    expect(page.locator(".shared-note-text")).to_have_text("Ask the clinic about the voucher.")
    assert serious_accessibility_violations(page) == []


@pytest.fixture
def admin_page(page: Page, site: Any) -> Page:
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Site administration")
    return page


def test_the_admin_certification_page_has_no_serious_violations(admin_page: Page):
    page = admin_page
    cpc = Certification.objects.get(code="CPC")
    page.goto(f"/admin/certifications/certification/{cpc.pk}/change/")
    expect(page.get_by_role("heading", name="CPC", exact=True)).to_be_visible()
    assert serious_accessibility_violations(page) == []

    # A tabular inline's input is named after its column; an autocomplete box after its field, then its value.
    expect(page.locator("#id_routes-0-requirements-0-months")).to_have_accessible_name("Months")
    expect(page.locator("#id_routes-0-requirements-0-DELETE")).to_have_accessible_name("Delete")
    expect(page.get_by_role("combobox", name="Fee source", exact=True)).to_have_count(1)
    expect(page.get_by_role("combobox", name="Exam format source S1: AAPC: CPC exam FAQs")).to_have_count(1)

    # Rows added on the page get their names too.
    page.get_by_role("link", name="Add another Requirement").first.click()
    expect(page.locator("#id_routes-0-requirements-1-months")).to_have_accessible_name("Months")
    assert serious_accessibility_violations(page) == []


def test_every_admin_page_of_the_catalogue_and_accounts_has_no_serious_violations(admin_page: Page):
    page = admin_page
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(username="admin")
    urls = ["/admin/", "/admin/auth/user/add/", f"/admin/auth/user/{request.user.pk}/change/", "/admin/auth/group/add/"]
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        if meta.app_label != "certifications":
            continue
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        if model_admin.has_add_permission(request):  # only the seed loader adds a SeedState
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        first = model.objects.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk]))

    violations = {}
    for url in urls:
        page.goto(url)
        expect(page.locator("#content")).to_be_visible()
        violations[url] = serious_accessibility_violations(page)

    assert {url: found for url, found in violations.items() if found} == {}
    assert len(urls) > 30


def test_making_and_revoking_an_api_token_has_no_serious_violations(page: Page, site: Any):
    person("tomas")
    log_in(page, "tomas")
    page.goto("/account/")
    page.get_by_role("button", name="Make a token").click()
    expect(page.locator(".new-api-token")).to_contain_text("Copy it now")
    shown = serious_accessibility_violations(page)
    page.get_by_role("link", name="Revoke the token…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revoke your API token?")
    asked = serious_accessibility_violations(page)
    page.get_by_role("button", name="Revoke the token").click()
    expect(page.get_by_role("button", name="Make a token")).to_be_visible()

    assert (shown, asked) == ([], [])
