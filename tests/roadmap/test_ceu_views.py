"""The CEU page, the CEU log (add, edit, delete, certificates) and its CSV export.

Today is frozen at 23 Nov 2026. Figures below follow the seed catalogue:
CCA (AHIMA) 20 CEUs per two years from the exam; CPC (AAPC) 36, counted on the
membership renewal date, first cycle pro-rated; CPMA (AAPC) with 16 auditing CEUs.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from roadmap.keeping.views import LOG_PAGE_SIZE
from roadmap.models import CERTIFICATE_MAX_BYTES, CeuActivity, HeldCredential, private_storage
from tests.factories import CareerProfileFactory, UserFactory
from tests.html import Node, form_errors, main, main_heading
from tests.roadmap.helpers import hold, log_activity, member_of, shown_messages, signed_in_profile

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(NOW, tick=False):
        yield


# ------------------------------------------------------------- reading pages


def body_card(response: Any, body: str) -> Node:
    return main(response).by_id(f"ceu-body-{body}")


def card_summary(card: Node) -> dict[str, Any]:
    [bar] = card.find_all(cls="progress")
    return {
        "heading": card.find_all(tag="h3")[0].text(),
        "status": card.texts("ceu-status"),
        "cycle": card.texts("ceu-cycle"),
        "figures": card.definitions(),
        "bar": {name: bar.attrs[name] for name in ("role", "aria-label", "aria-valuenow", "aria-valuetext")},
    }


def log_rows(response: Any) -> list[list[str]]:
    return [
        [td.text() for td in row.find_all(tag="td")] for row in main(response).find_all(tag="tr", cls="ceu-activity")
    ]


# ------------------------------------------------------------- making data


def _form(*held: HeldCredential, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "completed_on": "2026-10-01",
        "title": "Coding Edge quiz",
        "provider": "AAPC",
        "ceus": "1.5",
        "category": "general",
        "credentials": [str(h.pk) for h in held],
    }
    data.update(fields)
    return data


def _activity_state(activity: CeuActivity) -> tuple[Any, ...]:
    activity.refresh_from_db()
    return (
        activity.completed_on,
        activity.title,
        activity.provider,
        activity.ceus,
        activity.category,
        sorted(h.certification.code for h in activity.credentials.all()),
        activity.certificate.name,
    )


# ------------------------------------------------------------- the CEU page


def test_ceu_page_asks_someone_without_a_profile_to_fill_it_in(client: Client) -> None:
    client.force_login(UserFactory())

    response = client.get(reverse("ceus:list"))

    assert main_heading(response) == "Your CEUs"
    [empty] = main(response).find_all(cls="empty-state")
    assert empty.text() == (
        "Your CEUs are counted toward the credentials in your profile. Tell us about yourself and list the "
        "credentials you hold."
    )
    assert empty.links() == [("Tell us about yourself", "/profile/")]


def test_ceu_page_tells_someone_without_credentials_how_to_add_them(client: Client) -> None:
    signed_in_profile(client)

    response = client.get(reverse("ceus:list"))

    [empty] = main(response).find_all(cls="empty-state")
    # Only the profile adds credentials: the wallet shows them and edits their dates.
    assert empty.text() == (
        "You hold no credentials yet. Add the credentials you hold in your profile, or mark your exam step "
        "done on your roadmap."
    )
    assert empty.links() == [
        ("Add the credentials you hold in your profile", "/profile/"),
        ("mark your exam step done on your roadmap", "/roadmaps/"),
    ]


def test_ceu_page_with_credentials_but_no_activity_offers_to_log_the_first_ceu(client: Client) -> None:
    profile = signed_in_profile(client)
    hold(profile, "CCA", date(2025, 3, 15))

    response = client.get(reverse("ceus:list"))

    [empty] = main(response).find_all(cls="empty-state")
    assert empty.text() == (
        "No activity logged yet. Log your first CEU: a webinar, a course, a chapter meeting or a quiz, with the "
        "certificate if you have it."
    )
    assert empty.links() == [("Log your first CEU", "/ceus/add/")]


def test_ceu_page_shows_each_bodys_cycle_figures_status_and_an_accessible_progress_bar(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    cpc = hold(profile, "CPC", date(2025, 5, 10))
    member_of(profile, "AAPC", date(2026, 3, 1))
    log_activity(profile, date(2026, 1, 10), "12", cca)
    log_activity(profile, date(2026, 2, 1), "10", cpc)

    response = client.get(reverse("ceus:list"))

    assert card_summary(body_card(response, "AHIMA")) == {
        "heading": "AHIMA CEUs for CCA",
        "status": ["On track"],
        "cycle": ["Cycle: 15 Mar 2025 to 14 Mar 2027"],
        "figures": {"Required": "20 CEUs", "Earned": "12 CEUs", "Remaining": "8 CEUs"},
        "bar": {
            "role": "progressbar",
            "aria-label": "AHIMA CEUs earned this cycle",
            "aria-valuenow": "60",
            "aria-valuetext": "12 of 20 CEUs earned (60%)",
        },
    }
    aapc = body_card(response, "AAPC")
    assert card_summary(aapc) == {
        "heading": "AAPC CEUs for CPC",
        "status": ["Behind"],
        "cycle": ["Cycle: 10 May 2025 to 28 Feb 2027 (your first cycle, pro-rated)"],
        "figures": {"Required": "32 CEUs", "Earned": "10 CEUs", "Remaining": "22 CEUs"},
        "bar": {
            "role": "progressbar",
            "aria-label": "AAPC CEUs earned this cycle",
            "aria-valuenow": "31",
            "aria-valuetext": "10 of 32 CEUs earned (31%)",
        },
    }
    assert aapc.texts("ceu-assumption") == [
        "Our assumption: AAPC pro-rates the first cycle but its exact rule is not in our sources. We assume your "
        "first cycle ends on the first membership renewal date at least 12 months after you pass, and that its "
        "requirement is the full 36 CEUs scaled by the months it lasts out of 24, rounded up."
    ]


def test_ceu_page_shows_category_minimums_and_the_missing_renewal_date_assumption(client: Client) -> None:
    profile = signed_in_profile(client)
    cpma = hold(profile, "CPMA", date(2025, 5, 10))
    log_activity(profile, date(2026, 2, 1), "10", cpma, category="auditing")

    card = body_card(client.get(reverse("ceus:list")), "AAPC")

    assert card.texts("ceu-categories") == ["16 auditing CEUs for CPMA: 10 earned, 6 to go"]
    [assumption] = card.find_all(cls="ceu-assumption")
    assert assumption.text() == (
        "Our assumption: Add your AAPC membership renewal date to see your real cycle: until then we count "
        "24-month cycles from the day you passed. Add your AAPC renewal date."
    )
    assert assumption.links() == [("Add your AAPC renewal date", "/wallet/memberships/add/?body=AAPC")]


def test_ceu_page_shows_the_last_cycle_when_it_ended_short_of_ceus(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2024, 10, 1))
    log_activity(profile, date(2025, 1, 10), "5", cca)

    card = body_card(client.get(reverse("ceus:list")), "AHIMA")

    assert card.texts("ceu-status") == ["Overdue"]
    # One cycle: in Spanish, "Vencido" (the roadmap page's list of overdue steps is "Atrasados").
    spanish = body_card(client.get(reverse("ceus:list"), HTTP_ACCEPT_LANGUAGE="es"), "AHIMA")
    assert spanish.texts("ceu-status") == ["Vencido"]
    assert card.texts("ceu-previous") == [
        "Your last cycle, 1 Oct 2024 to 30 Sep 2026, ended with 5 of 20 CEUs: 15 missing. Report them to AHIMA now "
        "or ask about an extension: unreported CEUs can cost you the credential."
    ]


def test_logging_two_activities_lowers_the_remaining_ceus_by_their_sum(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    log_activity(profile, date(2026, 1, 10), "3", cca)

    def remaining() -> str:
        return body_card(client.get(reverse("ceus:list")), "AHIMA").definitions()["Remaining"]

    before = remaining()
    client.post(reverse("ceus:add"), _form(cca, ceus="2.5", title="Webinar one"))
    client.post(reverse("ceus:add"), _form(cca, ceus="4", title="Webinar two"))

    assert (before, remaining()) == ("17 CEUs", "10.5 CEUs")


def test_the_log_lists_activities_newest_first_with_links_and_why_some_do_not_count(client: Client) -> None:
    profile = signed_in_profile(client)
    cpc = hold(profile, "CPC", date(2025, 5, 10))
    member_of(profile, "AAPC", date(2026, 3, 1))
    early = log_activity(profile, date(2025, 5, 1), "5", cpc, title="Boot camp", provider="Chapter 12")
    late = log_activity(profile, date(2026, 2, 1), "10", cpc, title="=HYPERLINK(1)", category="auditing")
    late.certificate.save("x.pdf", ContentFile(PDF))

    response = client.get(reverse("ceus:list"))

    assert log_rows(response) == [
        ["1 Feb 2026", "=HYPERLINK(1)", "10", "Auditing", "CPC", "Download the certificate of “=HYPERLINK(1)”",
         "Edit “=HYPERLINK(1)” Delete “=HYPERLINK(1)”"],
        ["1 May 2025", "Boot camp Chapter 12 Does not count: AAPC: dated before CPC was earned: it does not count",
         "5", "General", "CPC", "None", "Edit “Boot camp” Delete “Boot camp”"],
    ]  # fmt: skip
    row = main(response).by_id(f"activity-{early.pk}")
    assert [href for _text, href in row.links()] == [f"/ceus/{early.pk}/edit/", f"/ceus/{early.pk}/delete/"]
    assert main(response).by_id(f"activity-{late.pk}").links()[0][1] == f"/ceus/{late.pk}/certificate/"


@pytest.mark.parametrize("n", [1, 10, 60])
def test_ceu_page_runs_a_fixed_number_of_queries(client: Client, django_assert_num_queries: Any, n: int) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    cpc = hold(profile, "CPC", date(2025, 5, 10))
    member_of(profile, "AAPC", date(2026, 3, 1))
    for index in range(n):
        log_activity(profile, date(2026, 1, 1) + timedelta(days=index), "1", cca, cpc)

    with django_assert_num_queries(10):
        response = client.get(reverse("ceus:list"))

    assert len(log_rows(response)) == min(n, LOG_PAGE_SIZE)


def test_the_log_shows_fifty_activities_a_page_while_progress_counts_them_all(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    for index in range(120):  # 0.1 CEU a day from 1 Jan 2026, 12 CEUs in all
        log_activity(profile, date(2026, 1, 1) + timedelta(days=index), "0.1", cca, title=f"Quiz {index + 1}")

    first, third = client.get(reverse("ceus:list")), client.get(reverse("ceus:list"), {"page": "3"})

    assert body_card(first, "AHIMA").definitions()["Remaining"] == "8 CEUs"
    assert [row[1] for row in log_rows(first)] == [f"Quiz {n}" for n in range(120, 70, -1)]
    assert [row[1] for row in log_rows(third)] == [f"Quiz {n}" for n in range(20, 0, -1)]
    assert body_card(third, "AHIMA").definitions()["Remaining"] == "8 CEUs"
    [nav] = main(third).find_all(tag="nav", cls="log-pages")
    assert nav.texts("log-range") == ["Activities 101 to 120 of 120, newest first"]
    assert nav.links() == [("Newer activities", "?page=2"), ("Page 1", "?page=1"), ("Page 2", "?page=2")]
    [current] = nav.find_all(cls="current-page")
    assert (current.text(), current.attrs["aria-current"]) == ("Page 3", "page")


@pytest.mark.parametrize(
    ("page", "newest_shown"), [("2", "Quiz 10"), ("4", "Quiz 10"), ("0", "Quiz 10"), ("abc", "Quiz 60")]
)
def test_a_page_number_past_the_end_or_not_a_number_shows_the_nearest_page(
    client: Client, page: str, newest_shown: str
) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    for index in range(60):
        log_activity(profile, date(2026, 1, 1) + timedelta(days=index), "0.1", cca, title=f"Quiz {index + 1}")

    response = client.get(reverse("ceus:list"), {"page": page})

    assert log_rows(response)[0][1] == newest_shown


def test_the_log_has_no_page_links_while_it_fits_on_one_page(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    for index in range(LOG_PAGE_SIZE):
        log_activity(profile, date(2026, 1, 1) + timedelta(days=index), "0.1", cca)

    response = client.get(reverse("ceus:list"))

    assert len(log_rows(response)) == LOG_PAGE_SIZE
    assert main(response).find_all(cls="log-pages") == []


def test_saving_an_old_activity_returns_to_the_page_of_the_log_that_shows_it(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    for index in range(LOG_PAGE_SIZE + 5):
        log_activity(profile, date(2026, 2, 1) + timedelta(days=index), "0.1", cca)

    response = client.post(reverse("ceus:add"), _form(cca, completed_on="2026-01-15", title="Old webinar"))

    activity = CeuActivity.objects.get(title="Old webinar")
    assert response["Location"] == f"/ceus/?page=2#activity-{activity.pk}"
    assert f"activity-{activity.pk}" in [row.attrs["id"] for row in main(client.get(response["Location"])).find_all(
        tag="tr", cls="ceu-activity")]  # fmt: skip


def test_ceu_pages_ask_an_anonymous_visitor_to_log_in(client: Client) -> None:
    response = client.get(reverse("ceus:list"))

    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/ceus/")


# ------------------------------------------------------------- adding


def test_the_add_form_ticks_every_credential_by_default(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    cpc = hold(profile, "CPC", date(2025, 5, 10))

    response = client.get(reverse("ceus:add"))

    boxes = [node for node in main(response).find_all(tag="input") if node.attrs.get("name") == "credentials"]
    assert [(box.attrs["value"], "checked" in box.attrs) for box in boxes] == [
        (str(cca.pk), True),
        (str(cpc.pk), True),
    ]
    labels = [
        node.text()
        for node in main(response).find_all(tag="label")
        if node.attrs.get("for", "").startswith("id_credentials_")
    ]
    assert labels == [
        "CCA — Certified Coding Associate (earned 15 Mar 2025)",
        "CPC — Certified Professional Coder (earned 10 May 2025)",
    ]


def test_adding_an_activity_saves_it_with_its_credentials_and_returns_to_the_log(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    hold(profile, "CPC", date(2025, 5, 10))

    response = client.post(reverse("ceus:add"), _form(cca, category="documentation"))

    activity = CeuActivity.objects.get(profile=profile)
    assert (response.status_code, response["Location"]) == (302, f"/ceus/#activity-{activity.pk}")
    assert _activity_state(activity) == (
        date(2026, 10, 1), "Coding Edge quiz", "AAPC", Decimal("1.50"), "documentation", ["CCA"], ""
    )  # fmt: skip
    assert shown_messages(client.get(response["Location"])) == ["Logged “Coding Edge quiz”: 1.5 CEUs on 1 Oct 2026."]


def test_adding_an_activity_without_credentials_sends_you_to_the_ceu_page(client: Client) -> None:
    signed_in_profile(client)

    response = client.get(reverse("ceus:add"))

    assert (response.status_code, response["Location"]) == (302, "/ceus/")
    assert shown_messages(client.get("/ceus/")) == [
        "Add the credentials you hold in your profile or wallet, or mark your exam step done on your roadmap: "
        "CEUs are logged toward a credential."
    ]


def test_an_activity_dated_before_the_credential_was_earned_is_saved_with_a_warning(client: Client) -> None:
    profile = signed_in_profile(client)
    cpc = hold(profile, "CPC", date(2025, 5, 10))
    cca = hold(profile, "CCA", date(2025, 3, 15))

    response = client.post(reverse("ceus:add"), _form(cpc, cca, completed_on="2025-04-01"), follow=True)

    activity = CeuActivity.objects.get(profile=profile)
    assert shown_messages(response) == [
        "Logged “Coding Edge quiz”: 1.5 CEUs on 1 Apr 2025.",
        "It does not count toward CPC: it is dated before you earned CPC on 10 May 2025.",
    ]
    assert main(response).by_id(f"activity-{activity.pk}").texts("not-counted") == [
        "Counts only in part: counted for AHIMA; AAPC: dated before CPC was earned: it does not count"
    ]


OTHER_USERS_CREDENTIAL = object()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"ceus": "0"}, "CEUs", "Enter a positive number of CEUs, e.g. 1 or 1.5."),
        ({"ceus": "-2"}, "CEUs", "Enter a positive number of CEUs, e.g. 1 or 1.5."),
        ({"ceus": "40.01"}, "CEUs", "One activity can count for at most 40 CEUs. Enter 40 or fewer, or log the "
                                    "activity in parts."),
        ({"ceus": "1.125"}, "CEUs", "Enter CEUs with at most 2 decimal places, e.g. 1.25."),
        ({"ceus": "lots"}, "CEUs", "Enter the CEUs as a number, e.g. 1 or 1.5."),
        ({"completed_on": "2026-11-24"}, "Date completed",
         "The date cannot be in the future: log an activity once you have completed it."),
        ({"completed_on": "24/11/2026"}, "Date completed", "Enter a date as YYYY-MM-DD, e.g. 2026-05-10."),
        ({"title": ""}, "Title", "Enter the activity's title, e.g. the name of the webinar."),
        ({"title": "   "}, "Title", "Enter the activity's title, e.g. the name of the webinar."),
        ({"credentials": []}, "Counts toward", "Tick at least one credential this activity counts toward."),
        ({"credentials": OTHER_USERS_CREDENTIAL}, "Counts toward",
         "Tick only credentials from your own list; reload the page if it has changed."),
    ],
)  # fmt: skip
def test_an_invalid_activity_is_refused_with_a_clear_message(
    client: Client, fields: dict[str, Any], field: str, message: str
) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    if fields.get("credentials") is OTHER_USERS_CREDENTIAL:
        someone_else = hold(CareerProfileFactory(), "CPC", date(2025, 1, 1))
        fields = {"credentials": [str(cca.pk), str(someone_else.pk)]}

    response = client.post(reverse("ceus:add"), _form(cca, **fields))

    assert (response.status_code, form_errors(response)) == (400, [f"{field}: {message}"])
    assert CeuActivity.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("certificate.docx", PDF, "Upload the certificate as a PDF, PNG or JPEG file: “certificate.docx” is not one."),
        ("certificate", PDF, "Upload the certificate as a PDF, PNG or JPEG file: “certificate” is not one."),
        ("certificate.pdf", b"<html>not a pdf</html>", "“certificate.pdf” is not really a PDF file: its content does "
                                                        "not match its name. Upload the certificate as a PDF, PNG or "
                                                        "JPEG file."),
        ("scan.png", JPEG, "“scan.png” is not really a PNG file: its content does not match its name. Upload the "
                           "certificate as a PDF, PNG or JPEG file."),
        ("big.pdf", PDF + b"0" * CERTIFICATE_MAX_BYTES, "The file is 5.0 MB: a certificate can be at most 5 MB. Save "
                                                         "it as a smaller PDF or image and try again."),
        ("empty.pdf", b"", "The file is empty: choose the certificate file again."),
    ],
)  # fmt: skip
def test_a_bad_certificate_file_is_refused_with_a_clear_message(
    client: Client, name: str, content: bytes, message: str
) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))

    response = client.post(reverse("ceus:add"), _form(cca, certificate=SimpleUploadedFile(name, content)))

    assert (response.status_code, form_errors(response)) == (400, [f"Certificate (optional): {message}"])
    assert CeuActivity.objects.count() == 0


@pytest.mark.parametrize(("name", "content"), [("Cert.PDF", PDF), ("scan.png", PNG), ("photo.jpeg", JPEG)])
def test_a_pdf_png_or_jpeg_certificate_is_kept_privately(client: Client, name: str, content: bytes) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))

    client.post(reverse("ceus:add"), _form(cca, certificate=SimpleUploadedFile(name, content)))

    stored = CeuActivity.objects.get(profile=profile).certificate
    with stored.open("rb") as handle:
        assert handle.read() == content
    assert (stored.storage is private_storage(), stored.name.startswith(f"ceu-certificates/{profile.pk}/")) == (
        True,
        True,
    )


# ------------------------------------------------------------- editing and deleting


def test_editing_an_activity_changes_every_field_and_its_credentials(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    cpc = hold(profile, "CPC", date(2025, 5, 10))
    activity = log_activity(profile, date(2026, 1, 10), "1", cca, title="Old title")

    form_page = client.get(reverse("ceus:edit", args=[activity.pk]))
    response = client.post(
        reverse("ceus:edit", args=[activity.pk]),
        _form(cpc, completed_on="2026-06-01", title="New title", provider="", ceus="2.25", category="compliance"),
    )

    assert main_heading(form_page) == "Edit “Old title”"
    assert form_page.context["form"]["credentials"].value() == [str(cca.pk)]
    assert (response.status_code, response["Location"]) == (302, f"/ceus/#activity-{activity.pk}")
    assert _activity_state(activity) == (
        date(2026, 6, 1), "New title", "", Decimal("2.25"), "compliance", ["CPC"], ""
    )  # fmt: skip


def test_deleting_asks_for_confirmation_naming_the_activity_then_deletes_it_and_its_file(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    activity = log_activity(profile, date(2026, 1, 10), "1.5", cca, title="Chapter meeting", provider="Chapter 12")
    activity.certificate.save("c.pdf", ContentFile(PDF))
    stored = activity.certificate.name

    confirm = client.get(reverse("ceus:delete", args=[activity.pk]))
    assert main_heading(confirm) == "Delete “Chapter meeting” from your CEU log?"
    assert main(confirm).texts("what-is-lost") == [
        "1.5 CEUs, general, completed on 10 Jan 2026, from Chapter 12. Its certificate will be deleted too. "
        "The CEUs will no longer count toward your cycle."
    ]
    assert CeuActivity.objects.filter(pk=activity.pk).exists() is True

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ceus:delete", args=[activity.pk]))

    assert (response.status_code, response["Location"]) == (302, "/ceus/")
    assert CeuActivity.objects.filter(pk=activity.pk).exists() is False
    assert private_storage().exists(stored) is False


def test_replacing_a_certificate_deletes_the_old_file(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    activity = log_activity(profile, date(2026, 1, 10), "1", cca)
    activity.certificate.save("old.pdf", ContentFile(PDF))
    old = activity.certificate.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("ceus:edit", args=[activity.pk]), _form(cca, certificate=SimpleUploadedFile("new.png", PNG))
        )

    activity.refresh_from_db()
    with activity.certificate.open("rb") as handle:
        assert (private_storage().exists(old), activity.certificate.name.endswith(".png"), handle.read()) == (
            False,
            True,
            PNG,
        )


def test_removing_a_certificate_deletes_its_file(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    activity = log_activity(profile, date(2026, 1, 10), "1", cca)
    activity.certificate.save("old.pdf", ContentFile(PDF))
    old = activity.certificate.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ceus:edit", args=[activity.pk]), _form(cca, remove_certificate="on"))

    assert (_activity_state(activity)[-1], private_storage().exists(old)) == ("", False)


def test_saving_without_a_new_file_keeps_the_certificate(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    activity = log_activity(profile, date(2026, 1, 10), "1", cca)
    activity.certificate.save("old.pdf", ContentFile(PDF))
    old = activity.certificate.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ceus:edit", args=[activity.pk]), _form(cca, title="Renamed"))

    assert (_activity_state(activity)[1:], private_storage().exists(old)) == (
        ("Renamed", "AAPC", Decimal("1.50"), "general", ["CCA"], old),
        True,
    )


def test_uploading_and_removing_at_once_is_refused(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    activity = log_activity(profile, date(2026, 1, 10), "1", cca)
    activity.certificate.save("old.pdf", ContentFile(PDF))
    old = activity.certificate.name

    response = client.post(
        reverse("ceus:edit", args=[activity.pk]),
        _form(cca, remove_certificate="on", certificate=SimpleUploadedFile("new.pdf", PDF)),
    )

    assert (response.status_code, form_errors(response)) == (
        400,
        ["Remove the certificate on file: Either upload a new certificate or remove the one on file, not both."],
    )
    assert (_activity_state(activity)[-1], private_storage().exists(old)) == (old, True)


# ------------------------------------------------------------- certificates and ownership


def test_the_owner_downloads_the_exact_certificate_as_an_attachment(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    activity = log_activity(profile, date(2026, 1, 10), "1", cca, title="E/M Coding: 2026 <update>")
    activity.certificate.save("anything.pdf", ContentFile(PDF))

    response = client.get(reverse("ceus:certificate", args=[activity.pk]))

    assert b"".join(response.streaming_content) == PDF
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "application/pdf",
        'attachment; filename="ceu-certificate-2026-01-10-em-coding-2026-update.pdf"',
    )
    assert "no-store" in response["Cache-Control"]


def test_an_activity_without_a_certificate_has_nothing_to_download(client: Client) -> None:
    profile = signed_in_profile(client)
    activity = log_activity(profile, date(2026, 1, 10), "1", hold(profile, "CCA", date(2025, 3, 15)))

    response = client.get(reverse("ceus:certificate", args=[activity.pk]))

    assert response.status_code == 404
    assert response.context["exception"] == "No certificate on file for this activity."


def test_another_persons_activity_cannot_be_seen_changed_deleted_or_downloaded(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    owner = CareerProfileFactory()
    theirs = hold(owner, "CCA", date(2025, 3, 15))
    activity = log_activity(owner, date(2026, 1, 10), "1", theirs, title="Theirs")
    activity.certificate.save("theirs.pdf", ContentFile(PDF))
    before = _activity_state(activity)
    intruder = signed_in_profile(client)
    mine = hold(intruder, "CCA", date(2025, 3, 15))

    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            client.get(reverse("ceus:edit", args=[activity.pk])),
            client.post(reverse("ceus:edit", args=[activity.pk]), _form(mine, title="Mine now")),
            client.get(reverse("ceus:delete", args=[activity.pk])),
            client.post(reverse("ceus:delete", args=[activity.pk])),
            client.get(reverse("ceus:certificate", args=[activity.pk])),
        ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404, 404]
    assert _activity_state(activity) == before
    assert private_storage().exists(activity.certificate.name) is True
    assert log_rows(client.get(reverse("ceus:list"))) == []


def test_a_change_without_the_csrf_token_is_refused_and_changes_nothing() -> None:
    client = Client(enforce_csrf_checks=True)
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    activity = log_activity(profile, date(2026, 1, 10), "1", cca)

    responses = [
        client.post(reverse("ceus:add"), _form(cca)),
        client.post(reverse("ceus:delete", args=[activity.pk])),
    ]

    assert [r.status_code for r in responses] == [403, 403]
    assert list(CeuActivity.objects.values_list("pk", flat=True)) == [activity.pk]


# ------------------------------------------------------------- CSV export


def test_the_csv_export_has_every_activity_with_whether_it_counts_and_is_injection_safe(client: Client) -> None:
    profile = signed_in_profile(client)
    cpc = hold(profile, "CPC", date(2025, 5, 10))
    cca = hold(profile, "CCA", date(2025, 3, 15))
    member_of(profile, "AAPC", date(2026, 3, 1))
    log_activity(profile, date(2025, 5, 1), "5", cpc, title="Boot camp", provider="+Chapter 12")
    both = log_activity(profile, date(2026, 2, 1), "10.5", cpc, cca, title="=HYPERLINK(\"http://x\")", provider="@home",
                category="auditing")  # fmt: skip
    both.certificate.save("x.pdf", ContentFile(PDF))
    log_activity(profile, date(2026, 3, 1), "1", cca, title="-1 trick")
    log_activity(CareerProfileFactory(), date(2026, 4, 1), "1", title="Someone else's")

    response = client.get(reverse("ceus:export"))

    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "text/csv; charset=utf-8",
        'attachment; filename="ceu-log-2026-11-23.csv"',
    )
    assert list(csv.reader(io.StringIO(response.content.decode("utf-8")))) == [
        ["Date", "Title", "Provider", "CEUs", "Category", "Counts toward", "Certificate on file", "Counted"],
        ["2026-03-01", "'-1 trick", "", "1", "General", "CCA", "no", "yes"],
        ["2026-02-01", "'=HYPERLINK(\"http://x\")", "'@home", "10.5", "Auditing", "CCA; CPC", "yes", "yes"],
        ["2025-05-01", "Boot camp", "'+Chapter 12", "5", "General", "CPC", "no",
         "no: AAPC: dated before CPC was earned: it does not count"],
    ]  # fmt: skip


def test_the_csv_export_of_someone_without_a_profile_has_only_the_header(client: Client) -> None:
    client.force_login(UserFactory())

    response = client.get(reverse("ceus:export"))

    assert list(csv.reader(io.StringIO(response.content.decode("utf-8")))) == [
        ["Date", "Title", "Provider", "CEUs", "Category", "Counts toward", "Certificate on file", "Counted"]
    ]
