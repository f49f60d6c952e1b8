"""The private iCalendar feed and regenerating its address.

The feed needs no login: calendar apps cannot log in, so the secret token in
its address is the credential. Regenerating the token kills the old address.

Query budget of the feed (asserted in tests/roadmap/test_calendar_feed.py): the
profile by its token, the active roadmap's open steps, and the CEU overview (7);
the same whatever the number of steps.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from roadmap.form_helpers import NextForm
from roadmap.keeping.calendar_feed import build_calendar
from roadmap.models import CareerProfile

FILENAME = "career-planner.ics"
# What new_calendar_token() makes (URL-safe base64). Anything else is no token: checked before the query,
# since PostgreSQL refuses a NUL byte in a query parameter with an error, not an empty result.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    if not TOKEN_SHAPE.fullmatch(token):
        raise Http404(_("No calendar has this address."))
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
    """A new token, then back to `next` when it is a page of this site (the wallet otherwise).

    `next` is checked before the token changes, and never given to redirect(): redirect() reads a bare
    word as a URL name, and one that is not raised NoReverseMatch after the old address was already dead.
    A relative `next` ("foo") is refused too: it would land on /calendar/regenerate/foo, a 404.
    """
    profile = get_object_or_404(CareerProfile, user=request.user)
    next_form = NextForm(request.POST, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    next_url = next_form.url()
    if not next_url.startswith("/"):
        next_url = reverse("ceus:wallet")
    profile.regenerate_calendar_token()
    messages.success(
        request,
        _(
            "Your calendar has a new address. The old one no longer works: "
            "subscribe again with the new address in your calendar app."
        ),
    )
    return HttpResponseRedirect(next_url)
