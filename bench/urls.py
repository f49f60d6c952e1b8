"""The benchmark's URLconf: the product's URLs, plus the floor views and the query counter (bench/pages.py).

A floor is the least a page can cost on the same server, through the same
middleware: bench/pages.py divides each page's requests per second by its
floor's. The floors exist only here (bench.settings names this URLconf),
never in the product's URLs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_POST, require_safe

from roadmap import page_cache
from roadmap.http import AuthedRequest
from roadmap.models import RoadmapStep
from roadmap.plans.forms import StepStatusForm


@require_safe
def floor_public(request: HttpRequest) -> HttpResponse:
    """The anonymous floor: the middleware and a tiny response, nothing else."""
    return HttpResponse("floor\n", content_type="text/plain")


@login_required
@require_safe
def floor_private(request: HttpRequest) -> HttpResponse:
    """The signed-in floor: the session and the user are read, as on every private page."""
    return HttpResponse(f"floor for {request.user.get_username()}\n", content_type="text/plain")


@login_required
@require_POST
def floor_post(request: HttpRequest) -> HttpResponse:
    """The floor of a change: a signed-in, CSRF-checked POST that changes nothing."""
    return HttpResponse(f"posted by {request.user.get_username()}\n", content_type="text/plain")


@login_required
@require_POST
def floor_write(request: AuthedRequest, pk: int, step_pk: int) -> HttpResponse:
    """Not a floor but a reference for the status change: the least any answer showing the change can cost.

    The writes every status change makes (the step's status, only if it is still the status the
    page showed, and the person's page version, in one transaction) and the read of the roadmap's
    steps that its progress box and next step need; nothing is scheduled or rendered.
    """
    form = StepStatusForm(request.POST)
    if not form.is_valid():
        return HttpResponse("bad status\n", status=400, content_type="text/plain")
    owned = RoadmapStep.objects.filter(pk=step_pk, roadmap_id=pk, roadmap__user=request.user)
    with transaction.atomic():
        updated = owned.filter(status=form.cleaned_data["expected"]).update(
            status=form.cleaned_data["status"], previous_status=form.cleaned_data["expected"]
        )
        page_cache.changed(request.user.pk)
        steps = list(RoadmapStep.objects.filter(roadmap_id=pk, roadmap__user=request.user))
    return HttpResponse(f"{updated} changed of {len(steps)}\n", content_type="text/plain")


class QueryCountMiddleware:
    """Adds X-Queries: the number of SQL queries the request ran (bench.settings puts it outermost)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = 0

        def counted(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Queries"] = str(count)
        return response


urlpatterns = [
    path("bench/floor/", floor_public, name="bench_floor_public"),
    path("bench/floor/private/", floor_private, name="bench_floor_private"),
    path("bench/floor/post/", floor_post, name="bench_floor_post"),
    path("bench/floor/write/<int:pk>/<int:step_pk>/", floor_write, name="bench_floor_write"),
    path("", include("careerplanner.urls")),
]
