"""Sharing a roadmap read-only: the owner's controls, and the shared page anyone with its address can open.

The shared page needs no login: the secret token in its address is the credential. It shows the plan, the
steps' statuses, progress and timeline; never the owner's profile, account or CEU certificates, and their
notes only when they ticked "Include my notes". It has no form, asks search engines not to index it and
tells the browser to send no Referer from it, so its address does not leak through the links it holds.
Stopping sharing deletes the share: the address answers 404 from that moment.

Query budget of the shared page (asserted in tests/roadmap/test_share.py), whatever the number of steps:
the share with its roadmap, the steps, and the "last opened" update with the owner's page version (4; 2 when
it was opened less than a minute ago or by its owner). A signed-in visitor adds their session and user.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from roadmap.form_helpers import problems
from roadmap.http import AuthedRequest
from roadmap.models import Roadmap, RoadmapShare
from roadmap.owners import roadmap_of
from roadmap.plans.forms import ShareForm
from roadmap.plans.rows import apprentice_row, phases_of, roadmap_rows
from roadmap.plans.services import roadmap_view
from roadmap.plans.sharing import share_of
from roadmap.plans.timeline_drawing import timeline_html

# What new_share_token() makes (URL-safe base64). Anything else is no token: checked before the query,
# since PostgreSQL refuses a NUL byte in a query parameter with an error, not an empty result.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _back_to_sharing(roadmap: Roadmap) -> HttpResponse:
    return redirect(f"{roadmap.get_absolute_url()}#share")


# ------------------------------------------------------------ the owner's controls


@login_required
@require_POST
def share(request: AuthedRequest, pk: int) -> HttpResponse:
    """Share the roadmap (once: a second submit keeps the address), or change whether the page shows the notes."""
    roadmap = roadmap_of(request, pk)
    form = ShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, problems(form))
        return _back_to_sharing(roadmap)
    include_notes = form.cleaned_data["include_notes"]
    shared, created = RoadmapShare.objects.get_or_create(roadmap=roadmap, defaults={"include_notes": include_notes})
    if created:
        messages.success(request, _("Your roadmap is shared: anyone with the address below can see it."))
    elif shared.include_notes != include_notes:
        shared.include_notes = include_notes
        shared.save(update_fields=["include_notes"])
        messages.success(
            request,
            _("The shared page now shows your notes.")
            if include_notes
            else _("The shared page no longer shows your notes."),
        )
    else:
        messages.info(request, _("Nothing changed: your roadmap was already shared this way."))
    return _back_to_sharing(roadmap)


def _not_shared(request: AuthedRequest, roadmap: Roadmap) -> HttpResponse:
    messages.info(request, _("This roadmap is not shared: there is no address to change."))
    return _back_to_sharing(roadmap)


def _confirm(request: AuthedRequest, roadmap: Roadmap, shared: RoadmapShare, action: str) -> HttpResponse:
    """The page asking to confirm `action` ("revoke" or "renew"): both kill the address given out."""
    return render(request, "roadmap/confirm_share.html", {"roadmap": roadmap, "share": shared, "action": action})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def share_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    """Stop sharing, after a confirmation page: the address stops working at once."""
    roadmap = roadmap_of(request, pk)
    shared = share_of(roadmap)
    if shared is None:
        return _not_shared(request, roadmap)
    if request.method != "POST":
        return _confirm(request, roadmap, shared, "revoke")
    shared.delete()
    messages.success(request, _("You stopped sharing this roadmap: its address no longer works."))
    return _back_to_sharing(roadmap)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def share_renew(request: AuthedRequest, pk: int) -> HttpResponse:
    """A new address, after a confirmation page: the old one stops working at once."""
    roadmap = roadmap_of(request, pk)
    shared = share_of(roadmap)
    if shared is None:
        return _not_shared(request, roadmap)
    if request.method != "POST":
        return _confirm(request, roadmap, shared, "renew")
    shared.renew()
    messages.success(request, _("Your roadmap has a new address. The old one no longer works."))
    return _back_to_sharing(roadmap)


# ------------------------------------------------------------ the shared page


@require_safe
def shared_roadmap(request: HttpRequest, token: str) -> HttpResponse:
    if not TOKEN_SHAPE.fullmatch(token):
        raise Http404(_("No roadmap is shared at this address."))
    shared = get_object_or_404(
        RoadmapShare.objects.select_related("roadmap"), token=token, roadmap__user__is_active=True
    )
    roadmap = shared.roadmap
    today = timezone.localdate()
    view = roadmap_view(roadmap, list(roadmap.steps.all()), today)
    rows = roadmap_rows(view)
    # The owner checking their own link is not someone opening it. request.user is read only for a visitor
    # with a session cookie, and PrivatePagesMiddleware reads it for every answer anyway.
    # A save, not a queryset update: its signal also renews the owner's kept pages (roadmap.page_cache), which
    # show when the link was last opened.
    if request.method == "GET" and request.user.pk != roadmap.user_id:
        shared.record_open(timezone.now())
    context = {
        "roadmap": roadmap,
        "include_notes": shared.include_notes,
        "view": view,
        "phases": phases_of(rows),
        "apprentice_row": apprentice_row(rows, roadmap.certification_code) if roadmap.apprentice else None,
        "next_row": next((row for row in rows if row.is_next), None),
        "overdue_rows": [row for row in rows if row.is_overdue],
        "timeline": timeline_html(roadmap, view, today=today),
        "today": today,
    }
    response = render(request, "roadmap/shared.html", context)
    # The page says the same in <meta> tags; the headers also cover what reads no HTML.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    # Someone's plan behind a secret address: no shared cache keeps it, and a revoked address is gone at once.
    response["Cache-Control"] = "private, no-store"
    return response
