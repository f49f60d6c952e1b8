"""The private iCalendar feed and regenerating its address.

The feed needs no login: calendar apps cannot log in, so the secret token in
its address is the credential. Regenerating the token kills the old address.

Query budget of the feed (asserted in tests/roadmap/test_calendar_feed.py): the
profile by its token, the active roadmap's open steps, and the CEU overview (7);
the same whatever the number of steps.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST, require_safe

from roadmap.calendar_feed import build_calendar
from roadmap.models import CareerProfile
from roadmap.profile_forms import NextForm

FILENAME = "career-planner.ics"


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    profile = get_object_or_404(CareerProfile, calendar_token=token, user__is_active=True)
    calendar = build_calendar(profile, today=timezone.localdate(), now=timezone.now())
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    # Personal data behind a secret address: never kept by a shared cache.
    patch_cache_control(response, private=True)
    return response


@login_required
@require_POST
def regenerate(request: HttpRequest) -> HttpResponse:
    profile = get_object_or_404(CareerProfile, user=request.user)
    profile.regenerate_calendar_token()
    messages.success(
        request,
        "Your calendar has a new address. The old one no longer works: "
        "subscribe again with the new address in your calendar app.",
    )
    next_form = NextForm(request.POST, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return redirect(next_form.url() or "ceus:wallet")
