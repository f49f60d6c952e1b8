"""The CEU record as a PDF, for an audit: each body's cycle, the activities it counts and its total against
the requirement, then every activity logged and whether it counts (as the CSV export says).

It reads what the CEU page reads (ceu_overview), so the PDF says what the page says. WeasyPrint is imported
(by roadmap.pdf) when the first PDF is made, not when the site starts.

Queries (asserted in tests/roadmap/test_pdf.py), whatever the number of activities: session, user,
profile, then ceu_overview's 7 (10).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from roadmap.http import AuthedRequest
from roadmap.keeping import cycles
from roadmap.keeping.ceus import ceu_overview, log_rows
from roadmap.keeping.views import NO_CREDENTIALS
from roadmap.models import CeuActivity
from roadmap.owners import profile_of


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
    profile = profile_of(request)
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
        "rows": log_rows(overview) if overview else [],
        "no_credentials": NO_CREDENTIALS,
        "today": today,
    }
    from roadmap.pdf import pdf_response

    return pdf_response("roadmap/ceus/pdf.html", context, request, filename=f"ceu-record-{today:%Y-%m-%d}.pdf")
