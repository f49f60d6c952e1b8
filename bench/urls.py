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
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_POST, require_safe


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
    path("", include("careerplanner.urls")),
]
