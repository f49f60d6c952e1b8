"""Recommendations, the plan preview and saving a plan: the pages, their forms and their query budgets.

Expected plans come from the planner itself (roadmap.planner against the same seed catalogue),
so a test checks the page against what was planned, and a few persona facts by their literal text.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any
from urllib.parse import quote

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from certifications.models import CatalogueVersion, Certification, KnowledgeArea
from roadmap import planner
from roadmap.models import CareerProfile, Roadmap
from roadmap.snapshot import load_snapshot
from tests.factories import CareerProfileFactory, HeldCredentialFactory, UserFactory, maya_profile
from tests.html import Node, h1, main, page_messages
from tests.roadmap.helpers import PHASE_HEADINGS, logged_in, messages_of, plan_steps, section, token_of

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)
UNKNOWN = "check with the provider"


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def step_card(response: Any, title: str) -> Node:
    return next(card for card in main(response).find_all(cls="plan-step") if card.texts("step-title") == [title])


# ---------------------------------------------------------------- access


@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/",
        "/recommendations/",
        "/plan/CPC/",
        "/roadmaps/",
        "/roadmaps/1/",
        "/roadmaps/1/replan/",
        "/roadmaps/1/delete/",
    ],
)
def test_every_page_asks_an_anonymous_visitor_to_log_in(client: Client, url: str) -> None:
    response = client.get(url)

    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


@pytest.mark.parametrize("view", ["recommendations", "preview"])
def test_planning_pages_send_a_user_without_a_profile_to_make_one(client: Client, view: str) -> None:
    logged_in(client, UserFactory())
    url = reverse("roadmap:recommendations") if view == "recommendations" else reverse("roadmap:preview", args=["CPC"])

    response = client.get(url)

    # Once the profile is saved, the person comes back to the page they asked for.
    assert (response.status_code, response["Location"]) == (302, f"/profile/?next={quote(url, safe='')}")
    assert messages_of(response) == ["Tell us where you stand first: your plan is worked out from your profile."]


# ------------------------------------------------------- recommendations


def recommendation_cards(response: Any) -> dict[str, Node]:
    return {card.texts("rec-code")[0]: card for card in main(response).find_all(tag="article", cls="recommendation")}


def test_recommendations_rank_every_active_certification_as_the_planner_does(
    client: Client, maya: CareerProfile
) -> None:
    response = logged_in(client, maya).get(reverse("roadmap:recommendations"))

    expected = planner.recommend(maya.as_planner_profile(), load_snapshot(), TODAY)
    assert response.status_code == 200
    assert h1(response) == ["Certifications recommended for you"]
    assert main(response).texts("rec-code") == [r.code for r in expected]
    assert sorted(main(response).texts("rec-code")) == sorted(Certification.objects.values_list("code", flat=True))
    assert main(response).texts("rec-code")[0] == "CPC"


def test_each_recommendation_gives_its_reasons_time_cost_and_a_link_to_plan_it(
    client: Client, maya: CareerProfile
) -> None:
    cards = recommendation_cards(logged_in(client, maya).get(reverse("roadmap:recommendations")))

    cpc = cards["CPC"]
    assert (
        cpc.texts("rec-reasons")[0]
        == "Fits your preferred work setting. Eligible now: no prerequisite to sit the exam."
    )
    assert cpc.definitions() == {
        "Time to the credential": "about 11 months: likely 20 Dec 2027 (between 9 Oct 2027 and 28 Feb 2028)",
        "Cost to get there": "$190 known, plus 3 costs to check with the provider",
    }
    assert cpc.texts("ranked-above") == ["Ranked above CCA: it is aimed more squarely at your setting."]
    assert [a.attrs["href"] for a in cpc.find_all(tag="a")] == ["/plan/CPC/", "/certifications/CPC/"]
    assert [a.text() for a in cpc.find_all(tag="a")] == ["Plan this: CPC", "About CPC"]


def test_a_recommendation_not_open_yet_says_what_is_missing_and_which_step_meets_it(
    client: Client, maya: CareerProfile
) -> None:
    rhit = recommendation_cards(logged_in(client, maya).get(reverse("roadmap:recommendations")))["RHIT"]

    assert [node.text() for node in rhit.find_all(tag="li")] == [
        "Fits your preferred work setting.",
        "Eligible after: Completed: CAHIIM-accredited associate degree in HIM/HIT — "
        "Complete: Associate degree in health information technology (CAHIIM-accredited).",
    ]
    assert rhit.definitions()["Time to the credential"] == (
        "about 24 months: likely 15 Jan 2029 (between 12 Jan 2029 and 16 Jan 2029)"
    )
    assert rhit.texts("badge") == ["Fits your setting", "Eligible after some steps"]
    # Nothing about RHIT's costs is published: the total never reads "$0".
    assert rhit.definitions()["Cost to get there"] == "costs not published: check with the provider"


def test_recommendations_leave_out_held_and_retired_certifications(client: Client, maya: CareerProfile) -> None:
    HeldCredentialFactory(profile=maya, certification=Certification.objects.get(code="CCA"))
    Certification.objects.filter(code="CDEO").update(is_active=False)

    codes = main(logged_in(client, maya).get(reverse("roadmap:recommendations"))).texts("rec-code")

    assert ("CCA" in codes, "CDEO" in codes, len(codes)) == (False, False, 15)


def test_recommendations_run_a_fixed_number_of_queries(
    client: Client, maya: CareerProfile, django_assert_num_queries: Any
) -> None:
    logged_in(client, maya)

    # session, user, profile, its credentials, the areas studied, the catalogue version; the first time in
    # this process, also the catalogue itself (16)
    with django_assert_num_queries(22):
        response = client.get(reverse("roadmap:recommendations"))
    assert len(main(response).texts("rec-code")) == 17

    # then the process's copy of the catalogue serves while the version stays (6, was 21 every time), and
    # the page is kept (+1: the catalogue's and the person's page versions, read together)
    with django_assert_num_queries(7):
        response = client.get(reverse("roadmap:recommendations"))
    assert len(main(response).texts("rec-code")) == 17

    # then the kept page serves while nothing changes: session, user, the versions
    with django_assert_num_queries(3):
        again = client.get(reverse("roadmap:recommendations"))
    assert again.content == response.content


# ---------------------------------------------------------------- preview


def test_preview_shows_the_four_phases_with_every_planned_step(client: Client, maya: CareerProfile) -> None:
    response = logged_in(client, maya).get(reverse("roadmap:preview", args=["CPC"]))

    plan = planner.plan(maya.as_planner_profile(), load_snapshot(), "CPC", TODAY)
    assert response.status_code == 200
    assert h1(response) == ["Your plan for CPC"]
    assert plan_steps(response) == {
        "Education": [s.title for s in plan.phase("education")],
        "Experience": [],
        "Exam": [s.title for s in plan.phase("exam")],
        "Maintenance (CEUs)": [s.title for s in plan.phase("maintenance")],
    }
    assert plan_steps(response)["Exam"] == [
        "Join AAPC",
        "Register for the CPC exam",
        "Take timed practice exams",
        "Sit the CPC exam",
    ]
    # The work that removes CPC-A comes after the exam: the planner lists it under Maintenance.
    assert main(response).texts("empty-phase") == [
        "No work experience is needed before the exam. The work after it, which removes CPC-A, is under Maintenance."
    ]


def test_preview_step_shows_why_effort_cost_dates_badge_and_resources(client: Client, maya: CareerProfile) -> None:
    response = logged_in(client, maya).get(reverse("roadmap:preview", args=["CPC"]))

    course = step_card(response, "Complete: AAPC CPC preparation course (80 contact hours)")
    assert course.texts("badge") == ["Recommended, not required"]
    assert course.texts("step-why") == [
        "Why is this here? Recommended, not required: CPC has no formal prerequisite for this. "
        "CPC — Complete a coding course of at least 80 contact hours: Completed: 80-contact-hour coding course "
        "(CPT, ICD-10-CM and HCPCS)."
    ]
    assert course.definitions() == {
        "Effort": "80 hours",
        "Effort basis": "Source: AAPC: apprentice status. 80 contact hours, as published for the course.",
        "Cost": UNKNOWN,
        "After": "Study medical terminology; Study anatomy and physiology; Study pathophysiology",
        "Projected dates": "11 Oct 2027 to 6 Dec 2027; depending on study pace, "
        "finishes between 28 Sep 2027 and 11 Feb 2028",
    }
    assert [(a.text(), a.attrs["href"]) for a in course.find_all(tag="a")] == [
        ("AAPC: apprentice status", "https://www.aapc.com/certification/apprentice_status.aspx"),
        ("AAPC or an equivalent school course", "https://www.aapc.com/certification/apprentice_status.aspx"),
    ]
    register = step_card(response, "Register for the CPC exam")
    assert register.definitions() == {
        "Effort": "0.5 to 1 hours (likely 0.75)",
        "Effort basis": "Our estimate: booking online means choosing a date and an in-person or remote proctored "
        "sitting.",
        "Cost": UNKNOWN,
        "After": "Join AAPC",
        "Projected dates": "7 Dec 2027 to 8 Dec 2027; depending on study pace, "
        "finishes between 30 Sep 2027 and 13 Feb 2028",
    }
    assert step_card(response, "Keep your CEU certificates").definitions()["Cost"] == "No cost of its own"


def test_preview_totals_apprentice_designation_and_ceus(client: Client, maya: CareerProfile) -> None:
    response = logged_in(client, maya).get(reverse("roadmap:preview", args=["CPC"]))

    assert section(response, "glance-heading").definitions() == {
        "Projected credential date": "likely 20 Dec 2027 (between 9 Oct 2027 and 28 Feb 2028)",
        "Study and exam hours": "393 to 597 hours (likely 495)",
        "Cost to the credential": "$190 known, plus 3 costs to check with the provider "
        "Check with the provider for: Complete: AAPC CPC preparation course (80 contact hours); "
        "Register for the CPC exam; Take timed practice exams.",
        "On passing": "You pass as CPC-A (apprentice). Your plan removes it with the step “Send AAPC your proof "
        "to remove CPC-A”, dated 20 Dec 2028 (between 9 Oct 2028 and 28 Feb 2029).",
    }
    proof = section(response, "glance-heading").find_all(cls="apprentice")[0].find_all(tag="a")[0]
    assert proof.attrs["href"] == "#step-apprenticecpc-title"
    assert main(response).by_id("step-apprenticecpc-title").text() == "Send AAPC your proof to remove CPC-A"
    assert section(response, "ceus-heading").texts("ceu-summary") == [
        "AAPC: 36 CEUs every 2 years AAPC requires 36 CEUs per 2 years for CPC. "
        "CEUs are reported on your membership renewal date; the first cycle is pro-rated."
    ]


def test_preview_explains_the_chosen_routes_and_why_the_others_lost(client: Client, maya: CareerProfile) -> None:
    routes = section(logged_in(client, maya).get(reverse("roadmap:preview", args=["CPC"])), "routes-heading")

    assert [node.text() for node in routes.find_all(tag="h3")] == [
        "Recommended preparation for CPC",
        "Removing the CPC-A designation",
    ]
    assert routes.texts("route-name") == [
        "Complete a coding course of at least 80 contact hours",
        "One year of verified coding work plus an 80-contact-hour coding course",
    ]
    assert routes.texts("met") == ["Completed: 80-contact-hour coding course: Met You have completed this."]
    assert routes.texts("route-alternatives")[1] == (
        "Two years of verified coding work: would be ready by 20 Dec 2029, not as soon or as simply as the chosen "
        "route. One year of verified coding work plus AAPC Practicode: its finish date cannot be estimated: one of "
        "its steps has no known length."
    )


def test_preview_says_a_date_depends_on_a_step_of_unknown_length(client: Client) -> None:
    rosa = CareerProfileFactory(education="none", hours_per_week=6, budget=1000, start_date=date(2027, 1, 4))

    response = logged_in(client, rosa).get(reverse("roadmap:preview", args=["CCA"]))

    ged = "Complete: High-school equivalency diploma (GED or HiSET)"
    assert plan_steps(response)["Education"][0] == ged
    assert step_card(response, ged).definitions()["Length"] == UNKNOWN
    assert step_card(response, ged).definitions()["Projected dates"] == (
        "Starts 4 Jan 2027; its length is unknown, so is its finish date"
    )
    assert step_card(response, "Sit the CCA exam").definitions()["Projected dates"] == (
        f"Depends on when you finish “{ged}”"
    )
    assert section(response, "glance-heading").definitions()["Projected credential date"] == (
        f"Depends on when you finish “{ged}”"
    )


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            date(2027, 6, 1),
            "Your target date of 1 Jun 2027 cannot be met: the likely date is 20 Dec 2027. "
            "Studying 25 hours a week instead of 10 would meet it.",
        ),
        # Not even 60 hours a week, the most the planner tries, would do.
        (date(2027, 2, 1), "Your target date of 1 Feb 2027 cannot be met: the likely date is 20 Dec 2027."),
    ],
)
def test_preview_says_plainly_when_the_target_date_cannot_be_met(client: Client, target: date, message: str) -> None:
    profile = maya_profile(target_date=target)

    response = logged_in(client, profile).get(reverse("roadmap:preview", args=["CPC"]))

    assert section(response, "glance-heading").texts("target-message") == [message]


def test_preview_of_an_unknown_code_is_a_friendly_404(client: Client, maya: CareerProfile) -> None:
    response = logged_in(client, maya).get(reverse("roadmap:preview", args=["XYZ"]))

    assert response.status_code == 404
    assert h1(response) == ["We don't know that certification"]
    assert main(response).texts("not-found") == [
        "There is no certification with the code “XYZ” in our catalogue — "
        "browse the catalogue to find the one you want."
    ]


def test_preview_runs_a_fixed_number_of_queries(
    client: Client, maya: CareerProfile, django_assert_num_queries: Any
) -> None:
    logged_in(client, maya)

    # session, user, profile, its credentials, the areas studied, the catalogue version, roadmaps saved for
    # the code; the first time in this process, also the catalogue itself (16)
    with django_assert_num_queries(23):
        response = client.get(reverse("roadmap:preview", args=["CPC"]))
    assert len(main(response).texts("step-title")) == 14

    # then the process's copy of the catalogue serves while the version stays (7, was 22 every time), and
    # the page is kept (+1: the catalogue's and the person's page versions, read together)
    with django_assert_num_queries(8):
        response = client.get(reverse("roadmap:preview", args=["CPC"]))
    assert len(main(response).texts("step-title")) == 14


# ------------------------------------------------------------------- save


def test_saving_the_preview_creates_the_roadmap_and_opens_it(client: Client, maya: CareerProfile) -> None:
    logged_in(client, maya)
    url = reverse("roadmap:preview", args=["CPC"])

    response = client.post(url, {"save_token": token_of(client.get(url))})

    roadmap = Roadmap.objects.get(user=maya.user)
    plan = planner.plan(maya.as_planner_profile(), load_snapshot(), "CPC", TODAY)
    assert (response.status_code, response["Location"]) == (302, f"/roadmaps/{roadmap.pk}/")
    assert messages_of(response) == ["Saved your roadmap to CPC: it is your active roadmap."]
    assert list(roadmap.steps.order_by("position").values_list("title", flat=True)) == [s.title for s in plan.steps]


def test_a_double_submit_of_the_save_form_saves_one_roadmap(client: Client, maya: CareerProfile) -> None:
    logged_in(client, maya)
    url = reverse("roadmap:preview", args=["CPC"])
    token = token_of(client.get(url))

    first = client.post(url, {"save_token": token})
    second = client.post(url, {"save_token": token})

    assert Roadmap.objects.filter(user=maya.user).count() == 1
    assert first["Location"] == second["Location"] == f"/roadmaps/{Roadmap.objects.get(user=maya.user).pk}/"


def test_each_showing_of_the_preview_has_its_own_save_token(client: Client, maya: CareerProfile) -> None:
    logged_in(client, maya)
    url = reverse("roadmap:preview", args=["CPC"])

    tokens = {token_of(client.get(url)), token_of(client.get(url))}

    assert len(tokens) == 2
    assert all(uuid.UUID(token).version == 4 for token in tokens)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "This page was missing its save token: nothing was saved. Press “Save this roadmap” again."),
        (
            {"save_token": "not-a-uuid"},
            "This page's save token was not valid: nothing was saved. Press “Save this roadmap” again.",
        ),
    ],
)
def test_saving_without_a_valid_token_saves_nothing_and_says_why(
    client: Client, maya: CareerProfile, data: dict[str, str], message: str
) -> None:
    response = logged_in(client, maya).post(reverse("roadmap:preview", args=["CPC"]), data)

    assert response.status_code == 400
    assert page_messages(response) == [message]
    assert Roadmap.objects.filter(user=maya.user).count() == 0
    assert h1(response) == ["Your plan for CPC"]


def test_saving_an_unknown_code_saves_nothing(client: Client, maya: CareerProfile) -> None:
    response = logged_in(client, maya).post(reverse("roadmap:preview", args=["XYZ"]), {"save_token": str(uuid.uuid4())})

    assert (response.status_code, Roadmap.objects.count()) == (404, 0)


def test_the_same_token_from_another_user_saves_their_own_roadmap(client: Client, maya: CareerProfile) -> None:
    other = maya_profile()
    token = str(uuid.uuid4())
    logged_in(client, maya).post(reverse("roadmap:preview", args=["CPC"]), {"save_token": token})

    logged_in(Client(), other).post(reverse("roadmap:preview", args=["CPC"]), {"save_token": token})

    assert sorted(Roadmap.objects.values_list("user__username", flat=True)) == sorted(
        [maya.user.username, other.user.username]
    )


# --------------------------------------------------------------- journeys


def browser_form_data(form: Node) -> dict[str, list[str]]:
    """What a browser would submit for this form as it stands (submit buttons left out)."""
    data: dict[str, list[str]] = {}
    for node in form.find_all():
        name = node.attrs.get("name")
        if not name:
            continue
        if node.tag == "input":
            kind = node.attrs.get("type", "text")
            if kind in ("submit", "button") or (kind in ("checkbox", "radio") and "checked" not in node.attrs):
                continue
            data.setdefault(name, []).append(node.attrs.get("value", "on" if kind in ("checkbox", "radio") else ""))
        elif node.tag == "select":
            options = node.find_all(tag="option")
            chosen = [option for option in options if "selected" in option.attrs] or options[:1]
            data[name] = [option.attrs.get("value", option.text()) for option in chosen]
        elif node.tag == "textarea":
            data[name] = [node.text()]
    return data


def test_p1_maya_gets_cpc_first_previews_it_saves_it_and_sees_four_phases(client: Client) -> None:
    user = UserFactory(username="maya")
    logged_in(client, user)
    assert client.get(reverse("roadmap:recommendations"))["Location"] == "/profile/?next=%2Frecommendations%2F"

    # She fills in the profile page as a browser would submit it.
    form = main(client.get(reverse("profile"))).find_all(tag="form", cls="profile-form")[0]
    settings = next(select for select in form.find_all(tag="select") if select.attrs["name"] == "preferred_setting")
    office = next(o for o in settings.find_all(tag="option") if o.text() == "Physician office / outpatient")
    data = browser_form_data(form) | {
        "education": ["high_school"],
        "hours_per_week": ["10"],
        "budget": ["3000"],
        "preferred_setting": [office.attrs["value"]],
        "start_date": ["2027-01-04"],
    }
    assert client.post(reverse("profile"), data).status_code == 302
    profile = CareerProfile.objects.get(user=user)
    assert (profile.education, profile.hours_per_week, profile.budget, profile.start_date) == (
        "high_school",
        10,
        3000,
        date(2027, 1, 4),
    )

    ranking = client.get(reverse("roadmap:recommendations"))
    assert main(ranking).texts("rec-code")[0] == "CPC"

    preview = client.get(reverse("roadmap:preview", args=["CPC"]))
    assert main(preview).texts("recommended-badge") == ["Recommended, not required"] * 4

    saved = client.post(reverse("roadmap:preview", args=["CPC"]), {"save_token": token_of(preview)}, follow=True)
    assert h1(saved) == ["Your CPC roadmap"]
    assert [node.find_all(tag="h2")[0].text() for node in main(saved).find_all(cls="phase")] == PHASE_HEADINGS
    assert main(saved).texts("credential-date") == ["20 Dec 2027"]


def test_catalogue_edits_show_in_new_plans_and_never_in_saved_roadmaps(client: Client, maya: CareerProfile) -> None:
    logged_in(client, maya)
    url = reverse("roadmap:preview", args=["CPC"])
    client.post(url, {"save_token": token_of(client.get(url))})
    roadmap = Roadmap.objects.get(user=maya.user)
    saved_page = client.get(roadmap.get_absolute_url())
    before = list(roadmap.steps.order_by("position").values_list("title", "why", "effort_hours", "cost"))

    # The admin raises CPC's CEUs and deletes its practice-exam step template (each admin save counts a
    # catalogue change: tests/certifications/test_admin.py drives the admin itself).
    cpc = Certification.objects.get(code="CPC")
    cpc.ceus_per_cycle = 40
    cpc.save()
    cpc.step_templates.get(title="Take timed practice exams").delete()
    CatalogueVersion.bump()

    preview = client.get(url)
    assert "Earn 40 CEUs every 2 years (AAPC)" in plan_steps(preview)["Maintenance (CEUs)"]
    assert plan_steps(preview)["Exam"] == ["Join AAPC", "Register for the CPC exam", "Sit the CPC exam"]
    after = list(roadmap.steps.order_by("position").values_list("title", "why", "effort_hours", "cost"))
    assert after == before
    again = client.get(roadmap.get_absolute_url())
    assert main(again).texts("step-title") == main(saved_page).texts("step-title")
    assert main(again).texts("step-why") == main(saved_page).texts("step-why")
    assert "Take timed practice exams" in main(again).texts("step-title")


# --------------------------------------------------- effort, costs, knowledge


def test_preview_step_effort_names_its_source_or_says_it_is_our_estimate(client: Client, maya: CareerProfile) -> None:
    response = logged_in(client, maya).get(reverse("roadmap:preview", args=["CPC"]))

    sourced = step_card(response, "Sit the CPC exam")
    estimated = step_card(response, "Take timed practice exams")
    assert [sourced.definitions()["Effort"], estimated.definitions()["Effort"]] == [
        "4 hours",
        "8 to 16 hours (likely 12)",
    ]
    assert [(a.text(), a.attrs["href"]) for a in sourced.find_all(cls="effort-basis")[0].find_all(tag="a")] == [
        ("AAPC: CPC exam FAQs", "https://www.aapc.com/resources/cpc-exam-faqs")
    ]
    assert sourced.texts("estimate-label") == []
    assert estimated.texts("estimate-label") == ["Our estimate:"]
    assert estimated.texts("effort-basis") == [
        "Our estimate: two to four full-length practice exams of four hours each, the length of AAPC's exams."
    ]
    assert estimated.find_all(cls="effort-basis")[0].find_all(tag="a") == []


def test_preview_of_a_plan_whose_costs_nobody_publishes_never_says_zero(client: Client, maya: CareerProfile) -> None:
    response = logged_in(client, maya).get(reverse("roadmap:preview", args=["RHIT"]))

    plan = planner.plan(maya.as_planner_profile(), load_snapshot(), "RHIT", TODAY)
    glance = section(response, "glance-heading")
    assert plan.known_cost == 0
    assert glance.texts("cost-summary") == ["costs not published: check with the provider"]
    assert glance.texts("unknown-costs") == [f"Check with the provider for: {'; '.join(plan.unknown_costs)}."]


def test_preview_says_what_the_exam_expects_and_how_the_plan_covers_it(client: Client, maya: CareerProfile) -> None:
    response = logged_in(client, maya).get(reverse("roadmap:preview", args=["CPC"]))

    knowledge = section(response, "knowledge-heading")
    areas = knowledge.find_all(cls="knowledge-area")
    assert [area.texts("knowledge-name") for area in areas] == [
        ["Medical terminology"],
        ["Anatomy and physiology"],
        ["Pathophysiology"],
        ["ICD-10-CM diagnosis coding"],
        ["CPT and HCPCS Level II procedure coding"],
    ]
    assert areas[0].definitions() == {
        "Expected": "Recommended, not required The CPC exam includes questions on medical terminology. "
        "Source: AAPC: CPC exam FAQs.",
        "For you": "Studied in this plan: “Study medical terminology”.",
    }
    assert areas[0].find_all(tag="a")[0].attrs["href"] == "https://www.aapc.com/resources/cpc-exam-faqs"
    assert areas[3].definitions()["For you"] == (
        "Your plan includes AAPC CPC preparation course (80 contact hours), which covers it."
    )
    assert knowledge.texts("knowledge-required") == []


def test_an_area_ticked_on_the_profile_is_saved_and_its_study_step_leaves_the_preview(client: Client) -> None:
    user = UserFactory()
    logged_in(client, user)
    form = main(client.get(reverse("profile"))).find_all(tag="form", cls="profile-form")[0]
    boxes = [node.attrs["value"] for node in form.find_all(tag="input") if node.attrs.get("name") == "studied_areas"]
    assert boxes == [str(pk) for pk in KnowledgeArea.objects.values_list("pk", flat=True)]
    terminology = KnowledgeArea.objects.get(code="medical-terminology")
    data = browser_form_data(form) | {
        "education": ["high_school"],
        "start_date": ["2027-01-04"],
        "studied_areas": [str(terminology.pk)],
    }

    assert client.post(reverse("profile"), data).status_code == 302
    preview = client.get(reverse("roadmap:preview", args=["CPC"]))

    profile = CareerProfile.objects.get(user=user)
    assert list(profile.studied_areas.values_list("code", flat=True)) == ["medical-terminology"]
    assert plan_steps(preview)["Education"] == [
        "Study anatomy and physiology",
        "Study pathophysiology",
        "Complete: AAPC CPC preparation course (80 contact hours)",
    ]
    assert section(preview, "knowledge-heading").find_all(cls="knowledge-area")[0].definitions()["For you"] == (
        "Known already: You told us you have studied it."
    )


def test_no_certification_fits_your_setting_when_you_chose_none(client: Client) -> None:
    profile = maya_profile(preferred_setting=None)

    cards = recommendation_cards(logged_in(client, profile).get(reverse("roadmap:recommendations")))

    assert [code for code, card in cards.items() if "Fits your setting" in card.texts("badge")] == []
    assert [code for code, card in cards.items() if "preferred work setting" in card.texts("rec-reasons")[0]] == []
    assert len(cards) == 17
