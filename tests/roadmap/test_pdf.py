"""The PDF downloads: a saved roadmap (progress, dates, steps, notes) and the CEU record (each cycle's
activities and total against the requirement, then the whole log), read back with pypdf.

Roadmaps follow test_views_roadmaps.py: Maya's CPC roadmap planned on 23 Nov 2026, today 1 Feb 2027.
CEU figures follow test_ceu_views.py and the seed: CCA (AHIMA) 20 CEUs per two years from the exam; CPC
(AAPC) 36, counted on the membership renewal date, the first cycle pro-rated.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from roadmap import planner
from roadmap.models import CareerProfile, Roadmap, RoadmapStep
from roadmap.pdf import StaticFilesFetcher
from roadmap.plans.services import set_step_status
from tests.factories import RoadmapStepFactory, UserFactory
from tests.html import main
from tests.roadmap.helpers import hold, log_activity, logged_in, make_roadmap, member_of, save_cpc, signed_in_profile

pytestmark = pytest.mark.django_db

TODAY = date(2027, 2, 1)
LETTER = (612, 792)  # points


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def pdf_pages(response: Any) -> list[str]:
    """Each page's text with its whitespace made single spaces (a line wraps wherever the page ends it), without
    its running header (the document's title, from the second page on) and its page number, which every page has."""
    reader = PdfReader(io.BytesIO(response.content))
    title = reader.metadata.title if reader.metadata else None
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        text = " ".join(page.extract_text().split())
        running = f"{title} {number} / {len(reader.pages)}" if number > 1 else f"{number} / {len(reader.pages)}"
        assert text.endswith(running)
        pages.append(text.removesuffix(running).rstrip())
    return pages


def pdf_text(response: Any) -> str:
    return " ".join(pdf_pages(response))


def page_sizes(response: Any) -> set[tuple[float, float]]:
    return {
        (float(page.mediabox.width), float(page.mediabox.height))
        for page in PdfReader(io.BytesIO(response.content)).pages
    }


def missing(text: str, expected: list[str]) -> list[str]:
    return [part for part in expected if part not in text]


def between(text: str, start: str, end: str | None = None) -> str:
    """The text from `start` up to `end` (or the end)."""
    after = text[text.index(start) :]
    return after[: after.index(end)] if end else after


def step_dates(step: RoadmapStep) -> str:
    """A step's dates as the page and the PDF word them (templates/roadmap/_step_facts.html)."""
    if step.status == RoadmapStep.Status.DONE:
        assert step.completed_on is not None
        return f"Done on {planner.day(step.completed_on)}"
    assert step.planned_start is not None
    assert step.planned_finish is not None
    if step.planned_start == step.planned_finish:
        return planner.day(step.planned_start)
    return f"{planner.day(step.planned_start)} to {planner.day(step.planned_finish)}"


# ------------------------------------------------------------------ the roadmap


def test_the_roadmap_pdf_has_every_step_in_order_with_its_dates_status_and_note(client: Client, maya: Any) -> None:
    roadmap = save_cpc(maya)
    first, second = roadmap.steps.order_by("position")[:2]
    set_step_status(step=first, status="done", expected="not_started", today=TODAY, done_on=date(2027, 1, 20))
    second.note = "Ask Dana about the\nchapter's study group <b>Thursdays</b>"
    second.save(update_fields=["note"])

    response = logged_in(client, maya).get(reverse("roadmap:pdf", args=[roadmap.pk]))

    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        "application/pdf",
        'attachment; filename="roadmap-cpc.pdf"',
    )
    assert page_sizes(response) == {LETTER}
    text = pdf_text(response)
    steps = list(roadmap.steps.order_by("position"))
    titles = [step.title for step in steps]
    cards = between(text, "Your plan at a glance")  # after the progress box, which names the next step
    assert missing(cards, titles) == []
    places = [cards.index(f"{title} ") for title in titles]
    assert places == sorted(places)
    # Each step's dates, right where its card says them.
    assert missing(text, [f"Done {step_dates(first)}", *(f"Projected dates {step_dates(s)}" for s in steps[1:])]) == []
    assert between(text, second.title, steps[2].title).endswith(
        "Your note Ask Dana about the chapter's study group <b>Thursdays</b> "
    )
    assert text.count("Your note") == 1


def test_the_roadmap_pdf_shows_progress_the_credential_date_and_costs_never_as_zero(client: Client, maya: Any) -> None:
    roadmap = save_cpc(maya)
    first = roadmap.steps.order_by("position").first()
    assert first is not None
    set_step_status(step=first, status="done", expected="not_started", today=TODAY, done_on=date(2027, 1, 20))
    roadmap.refresh_from_db()
    total = roadmap.steps.exclude(status="skipped").count()
    assert roadmap.credential_on is not None

    text = pdf_text(logged_in(client, maya).get(reverse("roadmap:pdf", args=[roadmap.pk])))

    assert between(text, "Progress", "Next step") == (
        f"Progress Overall 1 of {total} steps done Education 1 of 4 steps done Exam 0 of 4 steps done "
        "Maintenance (CEUs) 0 of 6 steps done "
    )
    assert between(text, "Projected credential date", "Against").startswith(
        f"Projected credential date likely {planner.day(roadmap.credential_on)} (between"
    )
    assert between(text, "Cost to the credential", "Education").startswith(
        "Cost to the credential $190 known, plus 3 costs to check with the provider"
    )
    # A step whose price nobody publishes says so; nothing reads as free.
    assert "Cost check with the provider" in text
    assert "$0" not in text


def test_the_roadmap_pdf_leaves_out_the_pages_forms_and_buttons(client: Client, maya: Any) -> None:
    roadmap = save_cpc(maya)

    text = pdf_text(logged_in(client, maya).get(reverse("roadmap:pdf", args=[roadmap.pk])))

    assert missing(text, ["Save note", "Done on ", "Log out", "Re-plan", "Delete this roadmap", "Status of"]) == [
        "Save note",
        "Done on ",
        "Log out",
        "Re-plan",
        "Delete this roadmap",
        "Status of",
    ]


def test_another_persons_roadmap_pdf_is_not_found_and_shows_nothing_of_it(client: Client, maya: Any) -> None:
    roadmap = save_cpc(maya)
    RoadmapStep.objects.filter(roadmap=roadmap).update(note="Private note")
    stranger = UserFactory()

    response = logged_in(client, stranger).get(reverse("roadmap:pdf", args=[roadmap.pk]))

    assert (response.status_code, response["Content-Type"].split(";")[0]) == (404, "text/html")
    assert b"Private note" not in response.content
    assert b"CPC" not in response.content


def test_the_pdfs_ask_an_anonymous_visitor_to_log_in(client: Client, maya: Any) -> None:
    roadmap = save_cpc(maya)
    roadmap_url = reverse("roadmap:pdf", args=[roadmap.pk])
    record_url = reverse("ceus:pdf")

    answers = [client.get(url) for url in (roadmap_url, record_url)]

    assert [(a.status_code, a["Location"]) for a in answers] == [
        (302, f"{reverse('login')}?next={roadmap_url}"),
        (302, f"{reverse('login')}?next={record_url}"),
    ]


@pytest.mark.parametrize("n", [1, 8])
def test_the_roadmap_pdf_runs_a_fixed_number_of_queries(client: Client, django_assert_num_queries: Any, n: int) -> None:
    user = UserFactory()
    roadmap = make_roadmap(user, n)
    logged_in(client, user)

    with django_assert_num_queries(4):
        response = client.get(reverse("roadmap:pdf", args=[roadmap.pk]))

    text = pdf_text(response)
    assert missing(text, [f"Step {index + 1} " for index in range(n)]) == []
    assert text.count("Your note A note") == n // 2


def test_a_note_is_printed_as_text_and_fetches_nothing(client: Client) -> None:
    user = UserFactory()
    roadmap: Roadmap = make_roadmap(user, 1)
    RoadmapStepFactory(
        roadmap=roadmap,
        position=5,
        title="Step with a picture",
        note='<img src="https://example.org/track.png"><link rel="stylesheet" href="/static/careerplanner/site.css">',
    )

    response = logged_in(client, user).get(reverse("roadmap:pdf", args=[roadmap.pk]))

    assert between(pdf_text(response), "Step with a picture").count('<img src="https://example.org/track.png">') == 1


# ------------------------------------------------------------------ the CEU record


def test_the_ceu_record_lists_each_cycles_activities_and_its_total_against_the_requirement(client: Client) -> None:
    with time_machine.travel(date(2026, 11, 23), tick=False):
        profile = signed_in_profile(client)
        cca = hold(profile, "CCA", date(2025, 3, 15))
        cpc = hold(profile, "CPC", date(2025, 5, 10))
        member_of(profile, "AAPC", date(2026, 3, 1))
        log_activity(profile, date(2025, 5, 1), "5", cpc, title="Boot camp", provider="Chapter 12")
        log_activity(profile, date(2026, 1, 10), "5", cca, title="Coding Clinic webinar")
        log_activity(profile, date(2026, 4, 2), "7", cca, title="HIM conference")
        log_activity(profile, date(2026, 2, 1), "10", cpc, title="Coding Edge quiz", category="auditing")

        response = client.get(reverse("ceus:pdf"))

    assert (response.status_code, response["Content-Disposition"]) == (
        200,
        'attachment; filename="ceu-record-2026-11-23.pdf"',
    )
    assert page_sizes(response) == {LETTER}
    text = pdf_text(response)
    aapc = between(text, "AAPC CEUs for CPC", "AHIMA CEUs for CCA")
    ahima = between(text, "AHIMA CEUs for CCA", "Every activity logged")
    assert aapc == (
        "AAPC CEUs for CPC Behind Cycle: 10 May 2025 to 28 Feb 2027 (your first cycle, pro-rated) "
        "10 of 32 CEUs earned; 22 remaining Our assumption: AAPC pro-rates the first cycle but its exact rule is not "
        "in our sources. We assume your first cycle ends on the first membership renewal date at least 12 months "
        "after you pass, and that its requirement is the full 36 CEUs scaled by the months it lasts out of 24, "
        "rounded up. Activities counted in this cycle Date Activity Category CEUs 1 Feb 2026 Coding Edge quiz "
        "Auditing 10 Total counted 10 "
    )
    assert ahima == (
        "AHIMA CEUs for CCA On track Cycle: 15 Mar 2025 to 14 Mar 2027 12 of 20 CEUs earned; 8 remaining "
        "Activities counted in this cycle Date Activity Category CEUs 10 Jan 2026 Coding Clinic webinar General 5 "
        "2 Apr 2026 HIM conference General 7 Total counted 12 "
    )
    assert between(text, "Every activity logged", "Figures come from") == (
        "Every activity logged Newest first, and whether each counts toward your current cycles "
        "Date Activity CEUs Category Counts toward Certificate Counted "
        "2 Apr 2026 HIM conference 7 General CCA None yes "
        "1 Feb 2026 Coding Edge quiz 10 Auditing CPC None yes "
        "10 Jan 2026 Coding Clinic webinar 5 General CCA None yes "
        "1 May 2025 Boot camp Chapter 12 5 General CPC None no: AAPC: dated before CPC was earned: it does not count "
    )


def test_the_ceu_record_shows_the_missed_last_cycle_and_what_it_counted(client: Client) -> None:
    with time_machine.travel(date(2026, 11, 23), tick=False):
        profile = signed_in_profile(client)
        cca = hold(profile, "CCA", date(2024, 10, 1))
        log_activity(profile, date(2025, 1, 10), "5", cca, title="Chapter meeting")

        text = pdf_text(client.get(reverse("ceus:pdf")))

    assert between(text, "AHIMA CEUs for CCA", "Every activity logged") == (
        "AHIMA CEUs for CCA Overdue Cycle: 1 Oct 2026 to 30 Sep 2028 0 of 20 CEUs earned; 20 remaining "
        "Activities counted in this cycle: none yet. "
        "Your last cycle, 1 Oct 2024 to 30 Sep 2026 5 of 20 CEUs earned; 15 missing. Report them to AHIMA now or ask "
        "about an extension: unreported CEUs can cost you the credential. Activities counted in your last cycle "
        "Date Activity Category CEUs 10 Jan 2025 Chapter meeting General 5 Total counted 5 "
    )


def test_the_ceu_record_of_someone_without_credentials_says_how_to_add_them(client: Client) -> None:
    profile = signed_in_profile(client)

    text = pdf_text(client.get(reverse("ceus:pdf")))

    assert between(text, "Your CEU record", "Figures come from") == (
        f"Your CEU record {profile.user.username} Made on 1 Feb 2027. Add the credentials you hold in your profile "
        "or wallet, or mark your exam step done on your roadmap: CEUs are logged toward a credential. "
    )


def test_the_ceu_record_shows_only_ones_own_activities(client: Client) -> None:
    other = CareerProfile.objects.get(pk=signed_in_profile(Client()).pk)
    log_activity(other, date(2026, 1, 10), "5", hold(other, "CCA", date(2025, 3, 15)), title="Someone else's webinar")
    profile = signed_in_profile(client)
    log_activity(profile, date(2026, 1, 12), "2", hold(profile, "CCA", date(2025, 3, 15)), title="My webinar")

    text = pdf_text(client.get(reverse("ceus:pdf")))

    assert (text.count("My webinar"), text.count("Someone else's webinar")) == (2, 0)


@pytest.mark.parametrize("n", [1, 12])
def test_the_ceu_record_runs_a_fixed_number_of_queries(client: Client, django_assert_num_queries: Any, n: int) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    cpc = hold(profile, "CPC", date(2025, 5, 10))
    member_of(profile, "AAPC", date(2026, 3, 1))
    for index in range(n):
        log_activity(profile, date(2026, 1, 1) + timedelta(days=index), "1", cca, cpc, title=f"Activity {index + 1}")

    with django_assert_num_queries(10):
        response = client.get(reverse("ceus:pdf"))

    # Each activity counts toward both bodies' cycles and is in the log: three times.
    text = pdf_text(response)
    assert [text.count(f"Activity {index + 1} ") for index in range(n)] == [3] * n


# ------------------------------------------------------------------ links and the static-file fetcher


def test_the_roadmap_and_ceu_pages_link_to_their_pdfs(client: Client, maya: Any) -> None:
    roadmap = save_cpc(maya)
    hold(maya, "CCA", date(2025, 3, 15))
    logged_in(client, maya)

    links = [
        [(node.text(), node.attrs["href"]) for node in main(client.get(url)).find_all(tag="a", cls="pdf-link")]
        for url in (reverse("roadmap:detail", args=[roadmap.pk]), reverse("ceus:list"))
    ]

    assert links == [
        [("Download PDF", reverse("roadmap:pdf", args=[roadmap.pk]))],
        [("Download your CEU record (PDF)", "/ceus/record.pdf")],
    ]


def test_the_fetcher_reads_static_files_from_disk_and_refuses_any_other_address() -> None:
    fetcher = StaticFilesFetcher()
    css = fetcher.fetch("https://careerplanner.invalid/static/careerplanner/pdf.css")

    assert (css.read(), css.content_type) == (
        (settings.BASE_DIR / "careerplanner/static/careerplanner/pdf.css").read_bytes(),
        "text/css",
    )
    refused = []
    for url in (
        "https://example.org/static/careerplanner/pdf.css",
        "file:///etc/passwd",
        "https://careerplanner.invalid/media/x.pdf",
        "https://careerplanner.invalid/static/../../settings.py",
        "https://careerplanner.invalid/static/careerplanner/no-such.css",
    ):
        with pytest.raises((ValueError, FileNotFoundError)) as raised:
            fetcher.fetch(url)
        refused.append(type(raised.value).__name__)
    assert refused == ["ValueError", "ValueError", "ValueError", "ValueError", "FileNotFoundError"]
