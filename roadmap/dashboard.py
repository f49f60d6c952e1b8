"""The dashboard: where a person stands across their areas, the active roadmap's next and overdue steps, its
timeline and their CEU cycles. It reads plans and keeping alike, so it sits above both.

Queries: session, user, whether a profile exists, the roadmaps, the active one's steps, and the CEU card's.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from roadmap.http import AuthedRequest
from roadmap.keeping.ceus import ceu_overview
from roadmap.models import CareerProfile, Roadmap
from roadmap.page_cache import private_page
from roadmap.plans.rows import roadmap_rows
from roadmap.plans.services import next_steps, roadmap_view
from roadmap.plans.timeline_drawing import timeline_html


@login_required
@private_page
@require_safe
def dashboard(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    profile = CareerProfile.objects.filter(user=request.user).first()
    roadmaps = list(Roadmap.objects.filter(user=request.user))
    active = next((roadmap for roadmap in roadmaps if roadmap.is_active), None)
    context: dict[str, Any] = {
        "has_profile": profile is not None,
        "ceu_statuses": ceu_overview(profile, today).statuses if profile is not None else (),
        "roadmaps": roadmaps,
        "active": active,
        "view": None,
        "next_rows": [],
        "overdue_rows": [],
        "timeline": None,
        "today": today,
    }
    if active is not None:
        view = roadmap_view(active, list(active.steps.all()), today)
        rows = {row.key: row for row in roadmap_rows(view, code=active.certification_code)}
        context.update(
            view=view,
            next_rows=[rows[step.key] for step in next_steps(view)],
            overdue_rows=[rows[step.key] for step in view.overdue],
            timeline=timeline_html(active, view, today=today),
        )
    return render(request, "roadmap/dashboard.html", context)
