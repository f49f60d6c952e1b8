"""The roadmap timeline in a real browser (issue 8, section 5): on a 390-pixel phone and a desktop, on the
roadmap page and the dashboard, with and without JavaScript, it is drawn, has its "Today" line, and its text
equivalent gives the dates the step list gives."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from roadmap.models import Roadmap
from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE, screenshot, serious_accessibility_violations
from tests.e2e.helpers import mark_done, maya_with_a_cpc_roadmap

DATE = re.compile(r"\d{1,2} [A-Z][a-z]{2} \d{4}")


def dates_of(titles: list[str], dates: list[str]) -> list[tuple[str, list[str]]]:
    assert len(titles) == len(dates)
    return [(title.strip(), DATE.findall(text)) for title, text in zip(titles, dates, strict=True)]


def timeline_dates(page: Page) -> list[tuple[str, list[str]]]:
    """(title, dates) of every step in the timeline's text equivalent, as a screen reader gets it."""
    return dates_of(
        page.locator("#timeline .timeline-text-title").all_text_contents(),
        page.locator("#timeline .timeline-text-dates").all_text_contents(),
    )


def step_list_dates(page: Page) -> list[tuple[str, list[str]]]:
    return dates_of(
        page.locator(".roadmap-step .step-title").all_text_contents(),
        page.locator(".roadmap-step .step-dates").all_text_contents(),
    )


def runs_off_the_chart(page: Page, selector: str) -> list[str]:
    """Texts of the elements matching `selector` that stick out of the chart's sides (none should)."""
    chart = page.locator("#timeline .timeline-chart").bounding_box()
    assert chart is not None
    outside = []
    for element in page.locator(selector).all():
        box = element.bounding_box()
        assert box is not None
        if box["x"] < chart["x"] - 0.5 or box["x"] + box["width"] > chart["x"] + chart["width"] + 0.5:
            outside.append(element.text_content() or "")
    return outside


def check_timeline(page: Page) -> None:
    expect(page.locator("#timeline .timeline-chart")).to_be_visible()
    expect(page.locator("#timeline .timeline-today")).to_be_visible()
    expect(page.locator("#timeline .timeline-today-label")).to_have_text("Today")
    expect(page.locator("#timeline .timeline-credential-label")).to_have_text(re.compile(r"^CPC \d{1,2} [A-Z]"))
    # The SVG labels (today, credential, the months of the axis a screen this wide shows) are not cut off either.
    assert (
        runs_off_the_chart(
            page,
            "#timeline .timeline-title, #timeline .timeline-when, #timeline .timeline-today,"
            " #timeline .timeline-today-label, #timeline .timeline-credential-label,"
            " #timeline .timeline-axis text:visible",
        )
        == []
    )
    assert page.locator("#timeline .timeline-axis text:visible").count() >= 2
    assert page.locator("#timeline .timeline-track").count() == page.locator("#timeline .timeline-row").count()
    # Nothing in it is drawn with a style attribute, which the Content-Security-Policy would block.
    assert page.locator("#timeline [style]").count() == 0


def test_the_timeline_shows_the_step_lists_dates_on_a_phone_and_a_desktop(page: Page):
    maya_with_a_cpc_roadmap(page, "maya")
    mark_done(page, "Study medical terminology")
    # The status change's answer brings the progress section, and the timeline with it: the step is marked
    # done there too. The cards of the steps whose dates moved come with it: they agree before any reload.
    expect(page.locator("#timeline .timeline-row[data-status=done] .timeline-title")).to_have_text(
        "✓ Study medical terminology"
    )
    refreshed = timeline_dates(page)
    assert refreshed == step_list_dates(page)
    page.reload()
    assert (timeline_dates(page), step_list_dates(page)) == (refreshed, refreshed)
    total = Roadmap.objects.get(user__username="maya").steps.count()

    for viewport, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(viewport)
        check_timeline(page)
        assert len(timeline_dates(page)) == total
        assert timeline_dates(page) == step_list_dates(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert serious_accessibility_violations(page) == []
        screenshot(page, f"roadmap-timeline-{name}")
        page.locator("#timeline").screenshot(path=str(ARTIFACTS / f"timeline-{name}.png"))

    on_the_roadmap = timeline_dates(page)
    page.goto("/dashboard/")
    for viewport, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(viewport)
        check_timeline(page)
        assert timeline_dates(page) == on_the_roadmap
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert serious_accessibility_violations(page) == []
        screenshot(page, f"dashboard-timeline-{name}")


def test_the_timeline_is_drawn_without_javascript(page_without_js: Page):
    page = page_without_js
    maya_with_a_cpc_roadmap(page, "james")
    mark_done(page, "Study medical terminology")  # a plain form POST and a redirect back to the step

    page.set_viewport_size(PHONE)
    check_timeline(page)  # axe runs inside the page, so it needs JavaScript: the test above runs it
    assert timeline_dates(page) == step_list_dates(page)
    expect(page.locator("#timeline .timeline-row[data-status=done] .timeline-when")).to_have_text(
        re.compile(r"^Done \d{1,2} [A-Z][a-z]{2} \d{4}$")
    )
