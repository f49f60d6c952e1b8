"""Recommendations, plans, saved roadmaps and the dashboard.

Every page here belongs to the signed-in person: another person's roadmap or
step is a 404, never a 403, and every change is a CSRF-protected POST.

Query budgets (asserted in tests/roadmap/test_views_*.py), whatever the number of steps:
- roadmap page: session, user, the roadmap, its steps, the catalogue version and the profile
  with its credentials and studied areas, to tell whether either changed since the plan (8;
  when the catalogue did change, also the snapshot and a plan); its progress partial 4;
- status change: session, user, the step with its roadmap, then in a savepoint the
  conditional update, one read of the roadmap's steps (the step's new state, the schedule's
  input and the fragment's rows: no re-read of the step, no second read for the fragment),
  the dates of the steps that moved in one update and the roadmap's credential dates, each
  only when something moved (9 at most, 7 when nothing moved; 11 before). An exam step also
  updates the credential it earns, and the step that removes an apprentice designation the
  credential that has it. The htmx answer carries the progress box and the steps the change
  altered, out of band, so the browser no longer asks for the progress partial (4 more) after
  each click. Without JavaScript the session also keeps the step to offer "Undo" (12; 13 before);
- completion date: as a status change, with the credential the step earned (10 at most; 11 before);
- dashboard: session, user, whether a profile exists, the roadmaps, the active one's steps (5);
- list: session, user, the roadmaps, their steps (4);
- recommendations: session, user, the profile, its credentials, the areas it has studied,
  the catalogue version (6; the first time a process sees a version, also the catalogue, 16);
  the preview also looks for roadmaps saved for the code: 7 (23).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from copy import copy
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from roadmap import planner
from roadmap.form_helpers import problems
from roadmap.http import AuthedRequest
from roadmap.models import Roadmap, RoadmapStep
from roadmap.owners import profile_of, roadmap_of, step_of
from roadmap.page_cache import private_page
from roadmap.plans.drift import catalogue_changes, profile_changes
from roadmap.plans.forms import (
    NOTE_MAX_LENGTH,
    CompletedOnForm,
    PagePartForm,
    ReplanForm,
    SavePlanForm,
    StepNoteForm,
    StepStatusForm,
)
from roadmap.plans.rows import StepRow, apprentice_row, phases_of, plan_rows, roadmap_rows
from roadmap.plans.services import (
    Replan,
    StepChange,
    activate_roadmap,
    make_plan,
    next_step,
    planned_from,
    read_steps,
    recommend,
    replan_roadmap,
    roadmap_view,
    save_roadmap,
    set_completed_on,
    set_step_status,
)
from roadmap.plans.sharing import share_context
from roadmap.plans.timeline_drawing import timeline_html
from roadmap.snapshot import load_snapshot
from roadmap.translation import translate_message

Status = RoadmapStep.Status
# Lazy labels: said in the language of the page that shows them.
UNDO_SESSION_KEY = "roadmap_undo_step"


# ------------------------------------------------------------ ownership


def _profile_missing(request: AuthedRequest) -> HttpResponse:
    """To the profile first; a page opened with GET is where the person comes back to once it is saved."""
    messages.info(request, _("Tell us where you stand first: your plan is worked out from your profile."))
    back = f"?{urlencode({'next': request.get_full_path()})}" if request.method in ("GET", "HEAD") else ""
    return HttpResponseRedirect(reverse("profile") + back)


# -------------------------------------------------------- recommendations


@login_required
@private_page
@require_safe
def recommendations(request: AuthedRequest) -> HttpResponse:
    profile = profile_of(request, for_planner=True)
    if profile is None:
        return _profile_missing(request)
    today = timezone.localdate()
    catalogue = load_snapshot()
    ranking = recommend(profile, today=today, catalogue=catalogue)
    context = {
        "profile": profile,
        "recommendations": ranking,
        "today": today,
    }
    return render(request, "roadmap/recommendations.html", context)


# ----------------------------------------------------------------- preview


def _route_heading(purpose: str, code: str, apprentice: str) -> str:
    if purpose == planner.PURPOSE_RECOMMENDED:
        return _("Recommended preparation for %(code)s") % {"code": code}
    if purpose == planner.PURPOSE_APPRENTICE_REMOVAL:
        if apprentice:
            return _("Removing the %(designation)s designation") % {"designation": apprentice}
        return _("Removing the apprentice designation")
    return _("Eligibility for %(code)s") % {"code": code}


@login_required
@private_page
@require_http_methods(["GET", "HEAD", "POST"])
def plan_preview(request: AuthedRequest, code: str) -> HttpResponse:
    profile = profile_of(request, for_planner=True)
    if profile is None:
        return _profile_missing(request)
    catalogue = load_snapshot()
    if not catalogue.has(code):
        return render(request, "404.html", {"unknown_code": code}, status=404)
    today = timezone.localdate()
    plan = make_plan(profile, code, today=today, catalogue=catalogue)
    savable = plan.feasible and bool(plan.steps)
    status = 200
    if request.method == "POST":
        form = SavePlanForm(request.POST)
        if form.is_valid() and savable:
            roadmap = save_roadmap(
                user=request.user, plan=plan, profile=profile, save_token=form.cleaned_data["save_token"]
            )
            messages.success(
                request,
                (
                    _("Saved your roadmap to %(code)s: it is your active roadmap.")
                    if roadmap.is_active
                    else _("Saved your roadmap to %(code)s.")
                )
                % {"code": roadmap.certification_code},
            )
            return redirect(roadmap)
        if form.is_valid():
            messages.error(request, _("This plan cannot be saved: there is nothing to plan for you."))
        else:
            messages.error(request, problems(form))
        status = 400
    rows = plan_rows(plan)
    context = {
        "plan": plan,
        "certification": catalogue.certification(code),
        "phases": phases_of(rows),
        "routes": [
            (_route_heading(route.purpose, route.certification, plan.apprentice), route) for route in plan.routes
        ],
        "credential_waits_for": _credential_waits_for(plan, rows),
        "apprentice_row": apprentice_row(rows, code) if plan.apprentice else None,
        "savable": savable,
        # A fresh token every time the page is shown: one click saves one roadmap.
        "save_form": SavePlanForm(initial={"save_token": uuid.uuid4()}),
        "saved_before": list(Roadmap.objects.filter(user=request.user, certification_code=code)),
    }
    return render(request, "roadmap/preview.html", context, status=status)


def _credential_waits_for(plan: planner.Plan, rows: Sequence[StepRow]) -> str:
    if plan.credential_on is not None:
        return ""
    earning = next((row for row in rows if row.earns == plan.certification), None)
    return earning.waits_for if earning else ""


# ------------------------------------------------------------ saved roadmaps


@login_required
@private_page
@require_safe
def roadmap_list(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    roadmaps = list(Roadmap.objects.filter(user=request.user).prefetch_related("steps"))
    context = {
        "items": [(roadmap, roadmap_view(roadmap, list(roadmap.steps.all()), today)) for roadmap in roadmaps],
    }
    return render(request, "roadmap/list.html", context)


@login_required
@require_POST
def roadmap_activate(request: AuthedRequest, pk: int) -> HttpResponse:
    roadmap = roadmap_of(request, pk)
    activate_roadmap(roadmap=roadmap)
    messages.success(
        request, _("Your %(code)s roadmap is now your active roadmap.") % {"code": roadmap.certification_code}
    )
    return redirect("roadmap:list")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def roadmap_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    roadmap = roadmap_of(request, pk)
    if request.method == "POST":
        code = roadmap.certification_code
        roadmap.delete()
        messages.success(request, _("Deleted your %(code)s roadmap, its steps, notes and progress.") % {"code": code})
        return redirect("roadmap:list")
    steps = list(roadmap.steps.all())
    context = {
        "roadmap": roadmap,
        "step_count": len(steps),
        "note_count": sum(1 for step in steps if step.note.strip()),
        "done_count": sum(1 for step in steps if step.status == Status.DONE),
    }
    return render(request, "roadmap/confirm_delete.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def roadmap_replan(request: AuthedRequest, pk: int) -> HttpResponse:
    roadmap = roadmap_of(request, pk)
    if request.method != "POST":
        return render(request, "roadmap/confirm_replan.html", {"roadmap": roadmap, "form": ReplanForm()})
    form = ReplanForm(request.POST)
    if not form.is_valid():
        messages.error(request, problems(form))
        context = {"roadmap": roadmap, "form": ReplanForm()}
        return render(request, "roadmap/confirm_replan.html", context, status=400)
    if form.cleaned_data["action"] == ReplanForm.DISMISS:
        Roadmap.objects.filter(pk=roadmap.pk).update(last_replan=None)
        return redirect(roadmap)
    profile = profile_of(request, for_planner=True)
    if profile is None:
        return _profile_missing(request)
    catalogue = load_snapshot()
    code = roadmap.certification_code
    if not catalogue.has(code):
        messages.error(
            request, _("%(code)s is no longer in our catalogue, so this roadmap cannot be re-planned.") % {"code": code}
        )
        return redirect(roadmap)
    done = roadmap.steps.filter(status=Status.DONE).values_list("key", flat=True)
    plan = make_plan(profile, code, today=timezone.localdate(), catalogue=catalogue, done=list(done))
    if not plan.feasible or not plan.steps:
        reason = translate_message(planner.Join(plan.notes)) or _("there is nothing left to plan.")
        messages.error(request, _("Nothing changed: %(reason)s") % {"reason": reason})
        return redirect(roadmap)
    change = replan_roadmap(roadmap=roadmap, plan=plan, profile=profile, today=timezone.localdate())
    messages.success(
        request,
        _("Re-planned from your current profile: see what changed below.")
        if change.changed
        else _("Re-planned from your current profile: nothing changed."),
    )
    return redirect(roadmap)


# ------------------------------------------------------------ roadmap page


def _detail_context(request: AuthedRequest, roadmap: Roadmap, steps: list[RoadmapStep]) -> dict[str, Any]:
    today = timezone.localdate()
    view = roadmap_view(roadmap, steps, today)
    rows = roadmap_rows(view, roadmap_pk=roadmap.pk, code=roadmap.certification_code)
    routes = [route for route in roadmap.routes if isinstance(route, dict)]
    return {
        "roadmap": roadmap,
        "routes": [
            (_route_heading(route.get("purpose", ""), route.get("certification", ""), roadmap.apprentice), route)
            for route in routes
        ],
        "view": view,
        "rows": rows,
        "phases": phases_of(rows),
        "apprentice_row": apprentice_row(rows, roadmap.certification_code) if roadmap.apprentice else None,
        "next_row": next((row for row in rows if row.is_next), None),
        "overdue_rows": [row for row in rows if row.is_overdue],
        "timeline": timeline_html(roadmap, view, today=today),
        "replan": Replan.from_record(roadmap.last_replan),
        "today": today,
        "today_iso": today.isoformat(),
        "note_max": NOTE_MAX_LENGTH,
        "statuses": Status.choices,
        "undo_step": None,
        "warning": False,
        "step_message": "",
        "focus": "",
        "note_form": None,
        "note_step": None,
        # The token as text, read once: the context processor's lazy token costs more each time it is
        # rendered than a step's other fields, and the page renders it in two forms on every step.
        "csrf_token": get_token(request),
        **share_context(request, roadmap),
    }


@login_required
@private_page
@require_safe
def roadmap_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    roadmap = roadmap_of(request, pk)
    part = PagePartForm(request.GET)
    if not part.is_valid():
        messages.error(request, problems(part))
        return _roadmap_page(request, roadmap, status=400)
    if part.cleaned_data["partial"] == PagePartForm.PROGRESS:
        context = _detail_context(request, roadmap, list(roadmap.steps.all()))
        return render(request, "roadmap/detail.html#progress", context)
    return _roadmap_page(request, roadmap)


def _roadmap_page(request: AuthedRequest, roadmap: Roadmap, *, status: int = 200) -> HttpResponse:
    """The whole roadmap page; 400 when it answers bad input (the message is among the page's messages)."""
    steps = list(roadmap.steps.all())
    context = _detail_context(request, roadmap, steps)
    # Has the catalogue or the profile changed since this roadmap was planned? Say so, and offer a re-plan.
    profile = profile_of(request, for_planner=True)
    earned = [step.earns for step in steps if step.earns and step.status == Status.DONE]
    context.update(
        catalogue_changes=catalogue_changes(roadmap, steps, today=context["today"]),
        profile_changes=profile_changes(roadmap, planned_from(profile), earned) if profile else [],
    )
    # Without JavaScript, the step just changed offers "Undo" once, as the htmx fragment does.
    context["undo_step"] = request.session.pop(UNDO_SESSION_KEY, None)
    return render(request, "roadmap/detail.html", context, status=status)


def _step_response(
    request: AuthedRequest,
    step: RoadmapStep,
    *,
    steps: list[RoadmapStep] | None = None,
    changed: Collection[int] | None = None,
    message: str = "",
    undo: bool = False,
    warning: bool = False,
    focus: str = "",
    note_form: StepNoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The step's fragment (the detail page's `step-response` partial), for htmx to swap in.

    `steps`: the roadmap's steps as they stand, `step` among them (read here when not given).
    After a change (`changed` given: the other steps it altered, maybe none) the response also
    carries, out of band, the progress box and those steps, so the browser asks for nothing more.
    """
    if steps is None:
        steps = [step if s.pk == step.pk else s for s in step.roadmap.steps.all()]
    context = _detail_context(request, step.roadmap, steps)
    rows = context["rows"]
    context.update(
        row=next(row for row in rows if row.pk == step.pk),
        undo_step=step.pk if undo else None,
        step_message=message,
        warning=warning,
        focus=focus,
        note_form=note_form,
        note_step=step.pk if note_form is not None else None,
        progress=changed is not None,
        also_rows=[row for row in rows if row.pk in changed and row.pk != step.pk] if changed else [],
    )
    return render(request, "roadmap/detail.html#step-response", context, status=status)


def _altered(change: StepChange, was: str) -> set[int]:
    """The other steps a status change altered as the page shows them: their dates moved, or they stopped or
    started being the next step. `was`: the step's status before the change. No queries.
    """
    if not change.applied:
        return set()
    before = copy(change.step)
    before.status = was
    now = next_step(change.steps)
    then = next_step([before if s.pk == before.pk else s for s in change.steps])
    altered = set(change.moved)
    if getattr(now, "pk", None) != getattr(then, "pk", None):
        altered.update(s.pk for s in (now, then) if s is not None)
    return altered


def _step_url(step: RoadmapStep) -> str:
    return f"{reverse('roadmap:detail', args=[step.roadmap_id])}#step-{step.pk}"


def _refused(request: AuthedRequest, step: RoadmapStep, form: forms.Form, *, focus: str) -> HttpResponse:
    """A step's form with bad input: 400, nothing changed, said on the step (htmx) or atop the page."""
    message = _("Nothing changed: %(reason)s") % {"reason": problems(form)}
    if request.htmx:
        # base.html's htmx-config swaps a 400 in like a success: the fragment carries the message.
        return _step_response(request, step, message=message, warning=True, focus=focus, status=400)
    messages.error(request, message)
    return _roadmap_page(request, step.roadmap, status=400)


@login_required
@require_POST
def step_status(request: AuthedRequest, pk: int, step_pk: int) -> HttpResponse:
    step = step_of(request, pk, step_pk)
    form = StepStatusForm(request.POST)
    if not form.is_valid():
        return _refused(request, step, form, focus="status")
    wanted, expected = form.cleaned_data["status"], form.cleaned_data["expected"]
    if wanted == expected:
        # The button of the status shown was pressed: nothing to change, but show the truth.
        steps = read_steps(step=step)
        change = StepChange(step, applied=False, conflict=step.status != expected, steps=steps)
    else:
        change = set_step_status(
            step=step,
            status=wanted,
            expected=expected,
            today=timezone.localdate(),
            done_on=form.cleaned_data["done_on"],
        )
    # A double click finds the change already made: it still offers to undo it.
    undo = change.applied or (wanted != expected and not change.conflict and step.previous_status == expected)
    label = step.get_status_display()
    if change.conflict:
        message = _("This step was changed elsewhere; it is now %(status)s.") % {"status": label}
    elif change.applied:
        message = _("“%(step)s” is now %(status)s.") % {"step": step.title, "status": label}
    else:
        message = _("“%(step)s” is already %(status)s.") % {"step": step.title, "status": label}
    if request.htmx:
        return _step_response(
            request,
            step,
            steps=change.steps,
            changed=_altered(change, expected),
            message=message,
            undo=undo,
            warning=change.conflict,
            focus="status",
        )
    if change.conflict:
        messages.warning(request, message)
    else:
        messages.success(request, message)
    if undo:
        request.session[UNDO_SESSION_KEY] = step.pk
    return redirect(_step_url(step))


@login_required
@require_POST
def step_completed_on(request: AuthedRequest, pk: int, step_pk: int) -> HttpResponse:
    """Set the real day a done step was finished; the dates after it move (one schedule)."""
    step = step_of(request, pk, step_pk)
    form = CompletedOnForm(request.POST)
    if not form.is_valid():
        return _refused(request, step, form, focus="done-on")
    change = set_completed_on(step=step, day=form.cleaned_data["done_on"], today=timezone.localdate())
    if change.applied:
        assert step.completed_on is not None  # set_completed_on set it
        message = f"“{step.title}” was done on {planner.day(step.completed_on)}; the dates after it follow."
    else:
        message = f"“{step.title}” is no longer done, so it has no completion date: nothing changed."
    if request.htmx:
        return _step_response(
            request,
            step,
            steps=change.steps,
            changed=change.moved,
            message=message,
            warning=not change.applied,
            focus="done-on",
        )
    (messages.success if change.applied else messages.warning)(request, message)
    return redirect(_step_url(step))


@login_required
@require_POST
def step_note(request: AuthedRequest, pk: int, step_pk: int) -> HttpResponse:
    step = step_of(request, pk, step_pk)
    form = StepNoteForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return _step_response(request, step, focus="note", note_form=form)
        context = _detail_context(request, step.roadmap, list(step.roadmap.steps.all()))
        context.update(note_form=form, note_step=step.pk)
        messages.error(request, _("Your note was not saved: %(reason)s") % {"reason": problems(form)})
        return render(request, "roadmap/detail.html", context, status=400)
    step.note = form.cleaned_data["note"].strip()
    # Only the note: a status changed meanwhile in another tab must not be overwritten.
    step.save(update_fields=["note", "updated_at"])
    if request.htmx:
        message = _("Note saved.") if step.note else _("Note removed.")
        return _step_response(request, step, message=message, focus="note")
    if step.note:
        messages.success(request, _("Note saved on “%(step)s”.") % {"step": step.title})
    else:
        messages.success(request, _("Note removed from “%(step)s”.") % {"step": step.title})
    return redirect(_step_url(step))
