"""A future coder browses the catalogue, filters it, reads a certification and compares two."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE, screenshot, serious_accessibility_violations


def test_browse_filter_read_and_compare(page: Page):
    page.goto("/")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Certifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Medical-coding certifications")
    assert serious_accessibility_violations(page) == []

    page.get_by_label("Work setting").select_option("inpatient")
    page.get_by_role("button", name="Show certifications").click()
    codes = page.locator("article.certification .cert-code").all_inner_texts()
    assert sorted(codes) == ["CCA", "CCDS", "CCS", "CDIP", "CIC", "RHIT"]

    page.get_by_role("link", name=re.compile(r"^CCS\W+Certified Coding Specialist$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certified Coding Specialist (CCS)")
    assert page.locator("#eligibility .route-name").all_inner_texts() == [
        "Hold RHIA, RHIT or CCS-P",
        "Complete a coding training program",
        "Two years of coding experience",
        "CCA plus one year of coding experience",
        "Another body's coding credential plus one year of coding experience",
    ]
    assert serious_accessibility_violations(page) == []

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Compare").click()
    page.get_by_label("CPC (Certified Professional Coder)").check()
    page.get_by_label("CCA (Certified Coding Associate)").check()
    page.get_by_role("button", name="Compare").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Certified Professional Coder")
    expect(table).to_contain_text("Certified Coding Associate")
    assert serious_accessibility_violations(page) == []


def test_catalogue_works_on_a_phone_with_the_menu_collapsed(page: Page):
    page.set_viewport_size(PHONE)
    page.goto("/certifications/")
    compare_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Compare")
    expect(compare_link).to_be_hidden()
    page.get_by_role("button", name="Toggle navigation").click()
    expect(compare_link).to_be_visible()
    screenshot(page, "catalogue-phone")
    assert serious_accessibility_violations(page) == []
