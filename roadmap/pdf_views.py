"""PDF downloads of a saved roadmap and of the CEU record, for paper or for an employer or auditor.

Each reads what its page reads, through the same functions, so the PDF says what the page says.
Another person's roadmap is a 404. WeasyPrint is imported (by roadmap.pdf) when the first PDF is made,
not when the site starts: the import takes over a second, which every process and command would pay.

Query budgets (asserted in tests/roadmap/test_pdf.py), whatever the number of steps or activities:
- roadmap PDF: session, user, the roadmap, its steps (4);
- CEU record PDF: session, user, profile, then ceu_overview's 7 (10).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from roadmap import cycles
from roadmap.ceu_views import NO_CREDENTIALS, _log_rows
from roadmap.ceu_views import _get_profile_for_user as _get_ceu_profile_for_user
from roadmap.ceus import ceu_overview
from roadmap.http import AuthedRequest
from roadmap.models import CeuActivity
from roadmap.services import roadmap_view
from roadmap.views import _get_roadmap_for_user, _phases, _roadmap_rows


@login_required
@require_safe
def roadmap_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The roadmap's progress, dates, steps and notes, as the roadmap page shows them, without its forms."""
    roadmap = _get_roadmap_for_user(request, pk)
    today = timezone.localdate()
    view = roadmap_view(roadmap, list(roadmap.steps.all()), today)
    rows = _roadmap_rows(view)
    context: dict[str, Any] = {
        "roadmap": roadmap,
        "view": view,
        "phases": _phases(rows),
        "next_row": next((row for row in rows if row.is_next), None),
        "overdue_rows": [row for row in rows if row.is_overdue],
        "today": today,
    }
    filename = f"roadmap-{slugify(roadmap.certification_code) or roadmap.pk}.pdf"
    from roadmap.pdf import pdf_response

    return pdf_response("roadmap/pdf/roadmap.html", context, request, filename=filename)


@dataclass(frozen=True)
class CycleRecord:
    """A certifying body's current cycle with the activities it counts, and its last cycle when that one was
    missed (the page warns about it), with the activities that one counted."""

    status: cycles.BodyStatus
    activities: list[CeuActivity]
    previous_activities: list[CeuActivity]


@login_required
@require_safe
def ceu_pdf(request: AuthedRequest) -> HttpResponse:
    """The CEU record for an audit: each body's cycle, the activities it counts and its total against the
    requirement, then every activity logged and whether it counts (as the CSV export says)."""
    today = timezone.localdate()
    profile = _get_ceu_profile_for_user(request)
    overview = ceu_overview(profile, today) if profile is not None else None
    records = []
    if overview is not None:
        by_pk = {activity.pk: activity for activity in overview.activities}
        for status in overview.statuses:
            previous = status.previous.counted if status.previous else ()
            records.append(CycleRecord(status, [by_pk[pk] for pk in status.counted], [by_pk[pk] for pk in previous]))
    context: dict[str, Any] = {
        "profile": profile,
        "user_name": request.user.get_full_name() or request.user.get_username(),
        "credentials": overview.credentials if overview else [],
        "records": records,
        "rows": _log_rows(overview) if overview else [],
        "no_credentials": NO_CREDENTIALS,
        "today": today,
    }
    from roadmap.pdf import pdf_response

    return pdf_response("roadmap/ceus/pdf.html", context, request, filename=f"ceu-record-{today:%Y-%m-%d}.pdf")
