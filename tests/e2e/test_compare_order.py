"""Compare keeps the order the person ticked the certifications in (issue 8, section 6)."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def compared(page: Page) -> list[str]:
    return page.locator("table .compared-code").all_inner_texts()


def test_compare_shows_the_certifications_in_the_order_they_were_ticked(page: Page):
    page.goto("/compare/")
    page.get_by_label("CPC (Certified Professional Coder)").check()
    page.get_by_label("RHIT (Registered Health Information Technician)").check()
    page.get_by_label("CCA (Certified Coding Associate)").check()
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("table")).to_be_visible()
    assert compared(page) == ["CPC", "RHIT", "CCA"]

    # Those compared keep their places; a certification ticked now comes after them.
    page.get_by_label("CPC (Certified Professional Coder)").uncheck()
    page.get_by_label("CCS (Certified Coding Specialist)").check()
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("table caption")).to_have_text("RHIT, CCA and CCS side by side")
    assert compared(page) == ["RHIT", "CCA", "CCS"]
