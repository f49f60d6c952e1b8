"""The roadmap and CEU pages on paper (issue 11, section 2): printed, they show the progress, the dates and the
notes without the menu, buttons or forms, on A4 and on US Letter; and their "Download PDF" links give the PDFs."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from roadmap import planner
from roadmap.models import CareerProfile, Roadmap
from tests.e2e.helpers import PASSWORD, log_in, mark_done, maya_with_a_cpc_roadmap
from tests.roadmap.helpers import hold, log_activity

NOTE = "Ask Dana about the chapter's study group on Thursdays, and whether the library lends the CPT book."
PAPER = {"A4": (210, 297), "Letter": (216, 279)}  # millimetres, rounded


def mm(points: float) -> int:
    return round(float(points) * 25.4 / 72)


def pdf_text(pdf: bytes) -> tuple[list[tuple[int, int]], str]:
    """The sizes of a PDF's pages in whole millimetres, and its text with whitespace made single spaces and
    ligatures made letters again (Chromium prints "fi" as one glyph)."""
    reader = PdfReader(io.BytesIO(pdf))
    sizes = [(mm(page.mediabox.width), mm(page.mediabox.height)) for page in reader.pages]
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return sizes, unicodedata.normalize("NFKC", text)


def write_note(page: Page, title: str, note: str) -> None:
    card = page.locator("li.roadmap-step").filter(has=page.get_by_role("heading", name=title, exact=True))
    card.locator("summary", has_text="Your note").click()
    card.get_by_label(f"Your note on “{title}”").fill(note)
    card.get_by_role("button", name=re.compile("^Save note")).click()
    expect(card.locator(".step-message")).to_have_text("Note saved.")


def visible(page: Page, selectors: str) -> list[str]:
    """The text of each element matching one of the comma-separated selectors that is shown."""
    shown = ", ".join(f"{selector.strip()}:visible" for selector in selectors.split(","))
    return [text.strip() for text in page.locator(shown).all_inner_texts()]


def test_a_printed_roadmap_has_its_steps_dates_progress_and_notes_and_no_controls(page: Page) -> None:
    maya_with_a_cpc_roadmap(page, "maya")
    roadmap = Roadmap.objects.get(user__username="maya")
    titles = list(roadmap.steps.order_by("position").values_list("title", flat=True))
    mark_done(page, titles[0])
    write_note(page, titles[1], NOTE)
    page.reload()

    page.emulate_media(media="print")

    assert visible(page, "nav, header, footer, button, .btn, input, select") == []
    assert visible(page, ".step-title") == titles
    assert len(visible(page, ".step-dates")) == len(titles)
    assert visible(page, ".step-dates")[0] == f"Done on {planner.day(date.today())}"
    assert visible(page, "#progress .progress-count")[0] == f"1 of {len(titles)} steps done"
    # The note is shown whole, as text: no box to type in cuts it off.
    note = page.locator("textarea:visible")
    expect(note).to_have_count(1)
    expect(note).to_have_value(NOTE)
    assert note.evaluate("box => box.scrollHeight <= box.clientHeight + 1")

    for paper, size in PAPER.items():
        sizes, text = pdf_text(page.pdf(format=paper))
        assert set(sizes) == {size}
        assert len(sizes) > 1
        assert [title for title in titles if title not in text] == []
        assert NOTE in text
        assert [word for word in ("Log out", "Save note", "Download PDF", "Delete this roadmap") if word in text] == []

    # The page's own PDF, from its link.
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename == "roadmap-cpc.pdf"
    sizes, text = pdf_text(download.value.path().read_bytes())
    assert set(sizes) == {PAPER["Letter"]}
    assert [title for title in titles if title not in text] == []
    assert NOTE in text


def test_a_printed_ceu_page_has_the_cycle_and_the_log_and_no_controls(page: Page) -> None:
    user = User.objects.create_user("dana", "dana@example.org", PASSWORD)
    profile = CareerProfile.objects.create(user=user, start_date=date.today())
    held = hold(profile, "CCA", date(date.today().year - 1, 1, 15))
    log_activity(profile, date.today(), "3", held, title="Coding Clinic webinar")
    log_in(page, "dana")
    page.goto("/ceus/")

    page.emulate_media(media="print")

    assert visible(page, "nav, header, footer, button, .btn") == []
    assert visible(page, "#ceu-body-AHIMA .ceu-earned") == ["3 CEUs"]
    assert visible(page, ".ceu-activity .activity-title") == ["Coding Clinic webinar"]
    for paper, size in PAPER.items():
        sizes, text = pdf_text(page.pdf(format=paper))
        assert set(sizes) == {size}
        assert "Coding Clinic webinar" in text
        assert [word for word in ("Log a CEU activity", "Edit", "Delete", "Download") if word in text] == []

    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your CEU record (PDF)").click()
    assert download.value.suggested_filename == f"ceu-record-{date.today():%Y-%m-%d}.pdf"
    _sizes, text = pdf_text(download.value.path().read_bytes())
    assert "3 of 20 CEUs earned; 17 remaining" in text
