"""The credential wallet: held credentials with their CEU cycles, apprentice progress, memberships.

Today is frozen at 23 Nov 2026 (see test_ceu_views.py for the seed figures used).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from roadmap import planner
from roadmap.models import Membership
from roadmap.plans.services import make_plan, save_roadmap, set_step_status
from tests.factories import CareerProfileFactory, UserFactory
from tests.html import form_errors, main, main_heading
from tests.roadmap.helpers import hold, log_activity, member_of, shown_messages, signed_in_profile

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(NOW, tick=False):
        yield


def credential_card(response: Any, held) -> dict[str, Any]:
    card = main(response).by_id(f"credential-{held.pk}")
    return {
        "heading": card.find_all(tag="h3")[0].text(),
        "badges": card.texts("apprentice-badge"),
        "facts": card.definitions(),
    }


def membership_state(profile) -> list[tuple[str, date]]:
    return [(m.body.abbreviation, m.renews_on) for m in Membership.objects.filter(profile=profile)]


# ------------------------------------------------------------- the wallet


def test_wallet_asks_someone_without_a_profile_to_fill_it_in(client: Client) -> None:
    client.force_login(UserFactory())

    response = client.get(reverse("ceus:wallet"))

    [empty] = main(response).find_all(cls="empty-state")
    assert (main_heading(response), empty.links()) == (
        "Your credential wallet",
        [("Tell us about yourself", "/profile/")],
    )


def test_wallet_without_credentials_says_how_to_add_them(client: Client) -> None:
    signed_in_profile(client)

    response = client.get(reverse("ceus:wallet"))

    [empty] = main(response).find_all(cls="empty-state")
    assert empty.text() == (
        "You hold no credentials yet. Add the credentials you hold in your profile, or mark your exam step done on "
        "your roadmap: it is added here."
    )


def test_wallet_shows_each_credential_with_its_body_date_and_ceu_cycle(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    cpc = hold(profile, "CPC", date(2025, 5, 10))
    cpma = hold(profile, "CPMA", date(2025, 9, 1))
    member_of(profile, "AAPC", date(2026, 3, 1))
    log_activity(profile, date(2026, 1, 10), "12", cca)
    log_activity(profile, date(2026, 2, 1), "10", cpc, cpma)

    response = client.get(reverse("ceus:wallet"))

    assert credential_card(response, cca) == {
        "heading": "CCA — Certified Coding Associate",
        "badges": [],
        "facts": {
            "Body": "American Health Information Management Association (AHIMA)",
            "Date earned": "15 Mar 2025",
            "CEU cycle": "15 Mar 2025 to 14 Mar 2027",
            "CEUs required": "20",
            "CEUs earned": "12",
            "CEUs remaining": "8",
            "Status": "On track",
        },
    }
    # Two AAPC credentials share one cycle: 36 + 4, pro-rated over 21 of 24 months (rounded up).
    assert credential_card(response, cpma)["facts"] == {
        "Body": "American Academy of Professional Coders (AAPC)",
        "Date earned": "1 Sep 2025",
        "CEU cycle": "10 May 2025 to 28 Feb 2027 (shared by CPC, CPMA)",
        "CEUs required": "35",
        "CEUs earned": "10",
        "CEUs remaining": "25",
        "Status": "Behind",
    }
    assert main(response).by_id(f"credential-{cca.pk}").links() == [("Edit your CCA", f"/wallet/credentials/{cca.pk}/")]


def test_wallet_shows_progress_on_removing_the_apprentice_designation(client: Client) -> None:
    profile = signed_in_profile(client, coding_months=6, currently_coding=True)
    cpc = hold(profile, "CPC", date(2026, 5, 10), apprentice=True)

    response = client.get(reverse("ceus:wallet"))

    card = main(response).by_id(f"credential-{cpc.pk}")
    assert card.texts("apprentice-badge") == ["CPC-A (apprentice)"]
    [section] = card.find_all(cls="apprentice-progress")
    assert section.texts("apprentice-route") == [
        "Fastest route: One year of verified coding work plus an 80-contact-hour coding course."
    ]
    assert [(li.classes, li.text()) for li in section.find_all(tag="li") if "apprentice-steps" not in li.classes][
        :2
    ] == [
        (["requirement-remaining"], "○ Remaining: Completed: 80-contact-hour coding course. Not yet."),
        (
            ["requirement-remaining"],
            "○ Remaining: 1 year of coding experience (verified by employer letters). You have 6 months.",
        ),
    ]
    assert section.texts("apprentice-steps") == [
        "Complete: AAPC CPC preparation course (80 contact hours) by 18 Jan 2027 "
        "Keep working as a coder: 6 more months by 23 May 2027"
    ]
    assert section.texts("apprentice-date") == [
        "Projected date: 23 May 2027, then send AAPC your proof. Send employer letters on company letterhead, "
        "hand-signed and dated, with your start and end dates; and your course certificate (hours "
        "of AAPC's own courses are applied automatically)."
    ]


def test_wallet_says_when_the_apprentice_designation_can_be_removed_now(client: Client) -> None:
    profile = signed_in_profile(client, coding_months=30)
    cpc = hold(profile, "CPC", date(2026, 5, 10), apprentice=True)

    section = main(client.get(reverse("ceus:wallet"))).by_id(f"credential-{cpc.pk}").find_all(cls="apprentice-progress")

    assert [(s.texts("requirement-met"), s.texts("apprentice-date")) for s in section] == [
        (
            ["✓ Met: 2 years of coding experience (verified by employer letters; externships count). "
             "You have 30 months of coding experience."],
            ["You meet this route now: send AAPC your proof to remove the designation. Send employer letters on "
             "company letterhead, hand-signed and dated, with your start and end dates."],
        )
    ]  # fmt: skip


def test_a_credential_held_without_the_apprentice_tick_shows_no_apprentice_progress(client: Client) -> None:
    profile = signed_in_profile(client)
    cpc = hold(profile, "CPC", date(2026, 5, 10))

    card = main(client.get(reverse("ceus:wallet"))).by_id(f"credential-{cpc.pk}")

    assert (card.texts("apprentice-badge"), card.find_all(cls="apprentice-progress")) == ([], [])


def test_wallet_says_when_a_required_membership_has_no_renewal_date_and_links_to_add_it(client: Client) -> None:
    profile = signed_in_profile(client)
    hold(profile, "CPC", date(2025, 5, 10))
    hold(profile, "CCA", date(2025, 3, 15))  # AHIMA does not require membership

    response = client.get(reverse("ceus:wallet"))

    [missing] = main(response).find_all(cls="membership-missing")
    assert missing.text() == (
        "AAPC needs a yearly membership to keep your AAPC credentials, and we have no renewal date for it. "
        "Add your AAPC membership renewal date."
    )
    assert missing.links() == [("Add your AAPC membership renewal date", "/wallet/memberships/add/?body=AAPC")]
    add_page = client.get(missing.links()[0][1])
    assert (
        add_page.context["form"]["body"].value()
        == add_page.context["form"].fields["body"].queryset.get(abbreviation="AAPC").pk
    )


def test_wallet_lists_memberships_with_their_renewal_dates(client: Client) -> None:
    profile = signed_in_profile(client)
    hold(profile, "CPC", date(2025, 5, 10))
    aapc = member_of(profile, "AAPC", date(2027, 3, 1))
    ahima = member_of(profile, "AHIMA", date(2026, 6, 30))

    response = client.get(reverse("ceus:wallet"))

    assert main(response).texts("membership") == [
        "AAPC renews on 1 Mar 2027 (needed to keep your credentials) Edit your AAPC membership "
        "Delete your AAPC membership",
        "AHIMA renews on 30 Jun 2026 Renewal date passed: renew, then enter the next date Edit your AHIMA membership "
        "Delete your AHIMA membership",
    ]
    assert [href for _t, href in main(response).by_id(f"membership-{aapc.pk}").links()] == [
        f"/wallet/memberships/{aapc.pk}/",
        f"/wallet/memberships/{aapc.pk}/delete/",
    ]
    assert main(response).find_all(cls="membership-missing") == []
    assert ahima.pk != aapc.pk


@pytest.mark.parametrize("n", [1, 3])
def test_wallet_runs_a_fixed_number_of_queries(client: Client, django_assert_num_queries: Any, n: int) -> None:
    profile = signed_in_profile(client)
    held = [hold(profile, code, date(2025, 3, 15)) for code in ("CCA", "CPC", "CCDS")[:n]]
    member_of(profile, "AAPC", date(2026, 3, 1))
    log_activity(profile, date(2026, 1, 10), "2", *held)

    with django_assert_num_queries(10):
        response = client.get(reverse("ceus:wallet"))

    assert len(main(response).find_all(tag="article", cls="credential")) == n


@pytest.mark.parametrize("n", [1, 3])
def test_wallet_with_an_apprentice_runs_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries: Any, n: int
) -> None:
    profile = signed_in_profile(client)
    held = [hold(profile, code, date(2025, 3, 15), apprentice=True) for code in ("CPC", "COC", "CCA")[:n]]
    log_activity(profile, date(2026, 1, 10), "2", *held)

    # +4: the catalogue snapshot now reads knowledge areas and every source (16, was 12);
    # +1: the areas the profile has studied; +1: the active roadmap's steps (what is done, the proof step's date);
    # +1: the catalogue version, which tells whether this process's copy of the catalogue is current
    with django_assert_num_queries(30):
        response = client.get(reverse("ceus:wallet"))
    assert len(main(response).find_all(cls="apprentice-progress")) == min(n, 2)  # CCA has no apprentice designation

    # then the copy serves while the version stays (14, was 29 every time), and the page is kept (+1: the
    # catalogue's and the person's page versions, read together)
    with django_assert_num_queries(15):
        response = client.get(reverse("ceus:wallet"))
    assert len(main(response).find_all(cls="apprentice-progress")) == min(n, 2)


# ------------------------------------------------------------- memberships


def test_adding_a_membership_saves_it_and_the_aapc_cycle_follows_its_renewal_date(client: Client) -> None:
    profile = signed_in_profile(client)
    cpc = hold(profile, "CPC", date(2025, 5, 10))
    aapc_pk = (
        client.get(reverse("ceus:membership_add")).context["form"].fields["body"].queryset.get(abbreviation="AAPC").pk
    )

    response = client.post(reverse("ceus:membership_add"), {"body": aapc_pk, "renews_on": "2027-03-01"})

    assert (response.status_code, response["Location"]) == (302, "/wallet/#memberships")
    assert membership_state(profile) == [("AAPC", date(2027, 3, 1))]
    wallet = client.get(response["Location"])
    assert shown_messages(wallet) == ["Saved your AAPC membership: it renews on 1 Mar 2027."]
    assert main(wallet).by_id(f"credential-{cpc.pk}").definitions()["CEU cycle"] == "10 May 2025 to 28 Feb 2027"


def test_the_add_form_offers_only_bodies_not_listed_yet(client: Client) -> None:
    profile = signed_in_profile(client)
    member_of(profile, "AAPC", date(2027, 3, 1))

    form = client.get(reverse("ceus:membership_add")).context["form"]

    assert [label for _value, label in form.fields["body"].choices] == [
        "Choose a body",
        "ACDIS — Association of Clinical Documentation Integrity Specialists",
        "AHIMA — American Health Information Management Association",
        "AMBA — American Medical Billing Association (needed to keep its credentials)",
        "NHA — National Healthcareer Association",
    ]


def test_an_invalid_membership_is_refused_with_a_clear_message(client: Client) -> None:
    profile = signed_in_profile(client)
    aapc = member_of(profile, "AAPC", date(2027, 3, 1))
    ahima_pk = (
        client.get(reverse("ceus:membership_add")).context["form"].fields["body"].queryset.get(abbreviation="AHIMA").pk
    )
    cases = [
        ({"body": "", "renews_on": "2027-03-01"}, ["Certifying body: Choose the body you are a member of."]),
        (
            {"body": aapc.body_id, "renews_on": "2027-03-01"},
            ["Certifying body: Choose a body from the list: you may already have listed that membership."],
        ),
        ({"body": ahima_pk, "renews_on": ""}, ["Next renewal date: Enter the next renewal date shown in your account "
                                               "with the body."]),
        ({"body": ahima_pk, "renews_on": "next March"}, ["Next renewal date: Enter a date as YYYY-MM-DD, e.g. "
                                                         "2026-05-10."]),
        (
            {"body": ahima_pk, "renews_on": "2031-11-24"},
            ["Next renewal date: Check the renewal date: memberships renew every year, so it should be before "
             "2031-11-23."],
        ),
    ]  # fmt: skip

    results = [client.post(reverse("ceus:membership_add"), data) for data, _errors in cases]

    assert [(r.status_code, form_errors(r)) for r in results] == [(400, errors) for _data, errors in cases]
    assert membership_state(profile) == [("AAPC", date(2027, 3, 1))]


def test_editing_a_membership_changes_its_renewal_date(client: Client) -> None:
    profile = signed_in_profile(client)
    aapc = member_of(profile, "AAPC", date(2026, 3, 1))

    page = client.get(reverse("ceus:membership_edit", args=[aapc.pk]))
    refused = client.post(reverse("ceus:membership_edit", args=[aapc.pk]), {"renews_on": ""})
    response = client.post(reverse("ceus:membership_edit", args=[aapc.pk]), {"renews_on": "2027-03-01"})

    assert main_heading(page) == "Your AAPC membership"
    assert form_errors(refused) == [
        "Next renewal date: Enter the next renewal date shown in your account with the body."
    ]
    assert (response.status_code, response["Location"]) == (302, "/wallet/#memberships")
    assert membership_state(profile) == [("AAPC", date(2027, 3, 1))]


def test_deleting_a_membership_asks_for_confirmation_first(client: Client) -> None:
    profile = signed_in_profile(client)
    aapc = member_of(profile, "AAPC", date(2027, 3, 1))

    confirm = client.get(reverse("ceus:membership_delete", args=[aapc.pk]))
    assert main_heading(confirm) == "Delete your AAPC membership renewal date?"
    assert main(confirm).texts("what-is-lost") == [
        "It renews on 1 Mar 2027. AAPC needs a yearly membership to keep its credentials: the wallet will say it is "
        "missing. Your AAPC CEU cycle is counted from this date: without it we can only estimate the cycle."
    ]
    assert membership_state(profile) == [("AAPC", date(2027, 3, 1))]

    response = client.post(reverse("ceus:membership_delete", args=[aapc.pk]), follow=True)

    assert membership_state(profile) == []
    assert shown_messages(response) == ["Deleted your AAPC membership renewal date."]


def test_another_persons_membership_cannot_be_changed_or_deleted(client: Client) -> None:
    owner = CareerProfileFactory()
    theirs = member_of(owner, "AAPC", date(2027, 3, 1))
    signed_in_profile(client)

    responses = [
        client.get(reverse("ceus:membership_edit", args=[theirs.pk])),
        client.post(reverse("ceus:membership_edit", args=[theirs.pk]), {"renews_on": "2027-06-01"}),
        client.get(reverse("ceus:membership_delete", args=[theirs.pk])),
        client.post(reverse("ceus:membership_delete", args=[theirs.pk])),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404]
    assert membership_state(owner) == [("AAPC", date(2027, 3, 1))]
    assert main(client.get(reverse("ceus:wallet"))).find_all(cls="membership") == []


# ------------------------------------------------------------- held credentials


def test_editing_a_credential_changes_its_date_and_apprentice_tick(client: Client) -> None:
    profile = signed_in_profile(client)
    cpc = hold(profile, "CPC", date(2026, 5, 10), apprentice=True)

    page = client.get(reverse("ceus:credential_edit", args=[cpc.pk]))
    response = client.post(reverse("ceus:credential_edit", args=[cpc.pk]), {"earned_on": "2026-04-02"})

    assert (main_heading(page), page.context["form"].fields["apprentice"].label) == (
        "Your CPC",
        "I still hold the CPC-A (apprentice) designation",
    )
    assert (response.status_code, response["Location"]) == (302, f"/wallet/#credential-{cpc.pk}")
    cpc.refresh_from_db()
    assert (cpc.earned_on, cpc.apprentice) == (date(2026, 4, 2), False)
    assert shown_messages(client.get(response["Location"])) == ["Saved your CPC: earned on 2 Apr 2026."]


def test_a_credential_date_in_the_future_is_refused(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))

    response = client.post(reverse("ceus:credential_edit", args=[cca.pk]), {"earned_on": "2026-11-24"})

    assert (response.status_code, form_errors(response)) == (
        400,
        ["Date earned: The date earned cannot be in the future."],
    )
    cca.refresh_from_db()
    assert cca.earned_on == date(2025, 3, 15)


def test_a_credential_without_an_apprentice_designation_has_no_apprentice_tick(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))

    form = client.get(reverse("ceus:credential_edit", args=[cca.pk])).context["form"]

    assert list(form.fields) == ["earned_on"]


def test_moving_the_date_earned_warns_about_activities_it_no_longer_counts(client: Client) -> None:
    profile = signed_in_profile(client)
    cca = hold(profile, "CCA", date(2025, 3, 15))
    log_activity(profile, date(2025, 6, 1), "2", cca)
    log_activity(profile, date(2025, 9, 1), "2", cca)
    log_activity(profile, date(2026, 1, 1), "2", cca)

    response = client.post(reverse("ceus:credential_edit", args=[cca.pk]), {"earned_on": "2025-10-01"}, follow=True)

    assert shown_messages(response) == [
        "Saved your CCA: earned on 1 Oct 2025.",
        "2 logged activities are dated before you earned CCA on 1 Oct 2025: they do not count toward CCA.",
    ]


def test_another_persons_credential_cannot_be_seen_or_changed(client: Client) -> None:
    owner = CareerProfileFactory()
    theirs = hold(owner, "CCA", date(2025, 3, 15))
    signed_in_profile(client)

    responses = [
        client.get(reverse("ceus:credential_edit", args=[theirs.pk])),
        client.post(reverse("ceus:credential_edit", args=[theirs.pk]), {"earned_on": "2024-01-01"}),
    ]

    assert [r.status_code for r in responses] == [404, 404]
    theirs.refresh_from_db()
    assert theirs.earned_on == date(2025, 3, 15)


def test_wallet_counts_what_the_roadmap_shows_done_and_takes_the_proof_steps_date(client: Client) -> None:
    profile = signed_in_profile(client, coding_months=6)
    roadmap = save_roadmap(
        user=profile.user,
        plan=make_plan(profile, "CPC", today=date(2026, 11, 23)),
        profile=profile,
        save_token=uuid.uuid4(),
    )
    course = roadmap.steps.get(key="program:aapc-cpc-course-80h")
    set_step_status(step=course, status="done", expected="not_started", today=date(2026, 11, 23))
    cpc = hold(profile, "CPC", date(2026, 5, 10), apprentice=True)
    proof = roadmap.steps.get(key="apprentice:CPC")

    section = main(client.get(reverse("ceus:wallet"))).by_id(f"credential-{cpc.pk}")

    # The course the roadmap shows done is not asked for again.
    assert [li.text() for li in section.find_all(tag="li") if "requirement-met" in li.classes] == [
        "✓ Met: Completed: 80-contact-hour coding course. You have completed this."
    ]
    assert proof.planned_finish is not None
    assert section.texts("apprentice-date")[0].startswith(f"Projected date: {planner.day(proof.planned_finish)},")
