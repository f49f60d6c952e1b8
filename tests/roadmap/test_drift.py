# The expected texts quote step titles in typographic single quotes, exactly as people read them.
# ruff: noqa: RUF001
import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import RequestFactory

from roadmap.models import Roadmap
from roadmap.plans.drift import Difference, differences
from roadmap.plans.services import make_plan, replan_roadmap, save_roadmap, set_step_status
from tests.html import page
from tests.roadmap.seed_catalogue import seed_catalogue

TODAY = date(2026, 11, 23)
MONTHS_LATER = date(2027, 3, 1)  # after the roadmap's start: every date in the plan has moved


def _saved(profile):
    """A CPC roadmap saved from the seed catalogue, as the database gives it back."""
    plan = make_plan(profile, "CPC", today=TODAY, catalogue=seed_catalogue())
    saved = save_roadmap(user=profile.user, plan=plan, profile=profile, save_token=uuid.uuid4())
    return Roadmap.objects.get(pk=saved.pk)


def _differences(roadmap, profile, catalogue, today=TODAY):
    roadmap = Roadmap.objects.get(pk=roadmap.pk)
    plan = make_plan(profile, "CPC", today=today, catalogue=catalogue)
    return differences(roadmap, list(roadmap.steps.all()), plan)


def _mark(roadmap, title, status):
    step = roadmap.steps.get(title=title)
    set_step_status(step=step, status=status, expected=step.status, today=TODAY)


def _edit_cpc(catalogue, **changes):
    certifications = tuple(replace(c, **changes) if c.code == "CPC" else c for c in catalogue.certifications)
    return replace(catalogue, certifications=certifications)


def _edit_area(catalogue, code, **changes):
    return replace(catalogue, areas=tuple(replace(a, **changes) if a.code == code else a for a in catalogue.areas))


def _cpc_templates(catalogue):
    return catalogue.certification("CPC").steps


def _without_practice_exams(catalogue):
    return _edit_cpc(catalogue, steps=tuple(t for t in _cpc_templates(catalogue) if t.order != 30))


def _edited(catalogue):
    """CEUs 36 to 40, an exam fee published at last, pathophysiology's effort revised, practice exams dropped."""
    pathophysiology = catalogue.area("pathophysiology")
    catalogue = _edit_area(
        catalogue, "pathophysiology", effort=replace(pathophysiology.effort, low=Decimal(90), high=Decimal(135))
    )
    catalogue = _edit_cpc(catalogue, ceus_per_cycle=40, exam_fee_member=Decimal(399), exam_fee_non_member=Decimal(399))
    return _without_practice_exams(catalogue)


# ---------------------------------------------------------------- differences


@pytest.mark.django_db
def test_an_unchanged_catalogue_gives_no_differences_even_when_every_date_has_moved(maya):
    roadmap = _saved(maya)

    assert _differences(roadmap, maya, seed_catalogue(), today=MONTHS_LATER) == []


@pytest.mark.django_db
def test_catalogue_edits_are_listed_in_plain_words_roadmap_first_then_steps_in_order(maya):
    roadmap = _saved(maya)

    assert _differences(roadmap, maya, _edited(seed_catalogue())) == [
        Difference("CEUs per cycle (AAPC)", "36", "40"),
        Difference("Effort of ‘Study pathophysiology’", "112.5 to 180 hours", "90 to 135 hours"),
        Difference("Cost of ‘Register for the CPC exam’", "check with the provider", "$399"),
        Difference("Step ‘Take timed practice exams’", "in your plan", "no longer in the catalogue's plan"),
    ]


@pytest.mark.django_db
def test_new_steps_titles_and_wording_are_listed_short_texts_whole_long_ones_around_the_change(maya):
    roadmap = _saved(maya)
    templates = {t.order: t for t in _cpc_templates(seed_catalogue())}
    edited = (
        replace(templates[10], title="Join AAPC (or renew)"),
        replace(
            templates[20],
            description="Choose an in-person test centre or a live remote proctored session and book a date "
            "at least a month ahead. Check the current price on AAPC's site: fees change often.",
        ),
        replace(templates[30], effort=replace(templates[30].effort, low=Decimal(12))),
        replace(templates[40], description="100 multiple-choice questions in 4 hours, with your code books."),
        replace(
            templates[40], order=45, title="Check your results", description="Results come in a week.", effort=None
        ),
        *(t for order, t in templates.items() if order > 40),
    )

    assert _differences(roadmap, maya, _edit_cpc(seed_catalogue(), steps=edited)) == [
        Difference("Title of ‘Join AAPC’", "Join AAPC", "Join AAPC (or renew)"),
        Difference(
            "Wording of ‘Register for the CPC exam’",
            "…session and book a date. Check the current price…",
            "…session and book a date at least a month ahead. Check the current price…",
        ),
        Difference("Effort of ‘Take timed practice exams’", "8 to 16 hours", "12 to 16 hours"),
        Difference(
            "Wording of ‘Sit the CPC exam’",
            "100 multiple-choice questions in 4 hours, with your CPT, ICD-10-CM and HCPCS Level II code books at hand.",
            "100 multiple-choice questions in 4 hours, with your code books.",
        ),
        Difference("Step ‘Check your results’", "not in your plan", "added"),
    ]


@pytest.mark.django_db
def test_an_apprentice_designation_dropped_from_the_catalogue_takes_its_route_and_steps_with_it(maya):
    roadmap = _saved(maya)

    assert _differences(roadmap, maya, _edit_cpc(seed_catalogue(), apprentice_designation="")) == [
        Difference("Apprentice designation on passing", "CPC-A", "none"),
        Difference(
            "Route to remove the apprentice designation of CPC",
            "One year of verified coding work plus an 80-contact-hour coding course",
            "none",
        ),
        Difference("Step ‘Work as a coder for 12 months’", "in your plan", "no longer in the catalogue's plan"),
        Difference("Step ‘Send AAPC your proof to remove CPC-A’", "in your plan", "no longer in the catalogue's plan"),
    ]


@pytest.mark.django_db
def test_a_new_ceu_cycle_is_listed_once_not_again_as_the_ceu_steps_new_title(maya):
    roadmap = _saved(maya)
    aapc = replace(seed_catalogue().body("AAPC"), cycle_months=36)
    bodies = tuple(aapc if body.code == "AAPC" else body for body in seed_catalogue().bodies)

    assert _differences(roadmap, maya, replace(seed_catalogue(), bodies=bodies)) == [
        Difference("CEU cycle (AAPC)", "every 2 years", "every 3 years")
    ]


@pytest.mark.django_db
def test_a_ceu_rule_gone_from_the_catalogue_is_listed_once_not_again_as_its_step_leaving(maya):
    roadmap = _saved(maya)

    assert _differences(roadmap, maya, _edit_cpc(seed_catalogue(), ceus_per_cycle=None)) == [
        Difference("CEUs (AAPC)", "36 every 2 years", "none")
    ]


@pytest.mark.django_db
def test_done_steps_are_left_out_and_skipped_ones_only_say_when_they_become_required(maya):
    roadmap = _saved(maya)
    _mark(roadmap, "Study pathophysiology", "done")
    _mark(roadmap, "Take timed practice exams", "done")
    _mark(roadmap, "Study medical terminology", "skipped")
    catalogue = _edited(seed_catalogue())
    terminology = catalogue.area("medical-terminology")
    catalogue = _edit_area(catalogue, "medical-terminology", effort=replace(terminology.effort, high=Decimal(90)))
    needs = tuple(
        replace(need, required=True) if need.area == "medical-terminology" else need
        for need in catalogue.certification("CPC").knowledge
    )
    catalogue = _edit_cpc(catalogue, knowledge=needs)

    assert _differences(roadmap, maya, catalogue) == [
        Difference("CEUs per cycle (AAPC)", "36", "40"),
        Difference("Whether ‘Study medical terminology’ is required", "recommended, not required", "required"),
        Difference("Cost of ‘Register for the CPC exam’", "check with the provider", "$399"),
    ]


@pytest.mark.django_db
def test_after_the_replan_nothing_differs_though_done_steps_keep_what_they_saved(maya):
    roadmap = _saved(maya)
    _mark(roadmap, "Study pathophysiology", "done")
    _mark(roadmap, "Take timed practice exams", "done")
    plan = make_plan(maya, "CPC", today=TODAY, catalogue=_edited(seed_catalogue()))

    replan_roadmap(roadmap=roadmap, plan=plan, profile=maya, today=TODAY)

    roadmap = Roadmap.objects.get(pk=roadmap.pk)
    kept = roadmap.steps.filter(title__in=["Study pathophysiology", "Take timed practice exams"])
    assert sorted(kept.values_list("title", "status", "effort_low_hours")) == [
        ("Study pathophysiology", "done", Decimal("112.5")),
        ("Take timed practice exams", "done", Decimal("8.0")),
    ]
    assert differences(roadmap, list(roadmap.steps.all()), plan) == []


# ------------------------------------------------------------------- template


def _render(differences, replan_url="/roadmaps/7/replan/"):
    return render_to_string(
        "roadmap/_drift.html",
        {"differences": differences, "replan_url": replan_url},
        request=RequestFactory().get("/roadmaps/7/"),
    )


def test_the_partial_lists_each_difference_and_posts_the_replan():
    root = page(
        HttpResponse(
            _render(
                [
                    Difference("CEUs per cycle (AAPC)", "36", "40"),
                    Difference("Cost of ‘Register for the CPC exam’", "check with the provider", "$399"),
                ]
            )
        )
    )

    [section] = root.find_all(tag="section")
    assert (section.attrs["aria-labelledby"], section.by_id("drift-heading").text()) == (
        "drift-heading",
        "Our catalogue has changed since you saved this roadmap",
    )
    assert section.texts("drift-explained") == [
        "Your roadmap keeps what was true when you saved it, and your progress never changes on its own. "
        "Re-plan to take the catalogue as it is now: steps you marked done stay done."
    ]
    assert section.definitions() == {
        "CEUs per cycle (AAPC)": "When you saved: 36 Now: 40",
        "Cost of ‘Register for the CPC exam’": "When you saved: check with the provider Now: $399",
    }
    [form] = section.find_all(tag="form")
    assert (form.attrs["method"], form.attrs["action"]) == ("post", "/roadmaps/7/replan/")
    assert [(i.attrs["type"], i.attrs["name"]) for i in form.find_all(tag="input")] == [
        ("hidden", "csrfmiddlewaretoken"),
        ("hidden", "action"),
    ]
    assert form.find_all(tag="input")[1].attrs["value"] == "replan"  # what the re-plan view's form expects
    assert [(b.attrs["type"], b.text()) for b in form.find_all(tag="button")] == [
        ("submit", "Re-plan with today's catalogue (done steps stay done)")
    ]


def test_the_partial_renders_nothing_when_nothing_differs():
    assert _render([]) == ""
