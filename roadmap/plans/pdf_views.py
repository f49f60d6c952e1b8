"""The roadmap as a PDF, for paper or for an employer or a school advisor.

It reads what the roadmap page reads, through the same functions, so the PDF says what the page says.
Another person's roadmap is a 404. WeasyPrint is imported (by roadmap.pdf) when the first PDF is made,
not when the site starts: the import takes over a second, which every process and command would pay.

Queries (asserted in tests/roadmap/test_pdf.py), whatever the number of steps: session, user, the roadmap,
its steps (4).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from roadmap.http import AuthedRequest
from roadmap.owners import roadmap_of
from roadmap.plans.rows import apprentice_row, phases_of, roadmap_rows
from roadmap.plans.services import roadmap_view


@login_required
@require_safe
def roadmap_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The roadmap's progress, dates, steps and notes, as the roadmap page shows them, without its forms."""
    roadmap = roadmap_of(request, pk)
    today = timezone.localdate()
    view = roadmap_view(roadmap, list(roadmap.steps.all()), today)
    rows = roadmap_rows(view)
    context: dict[str, Any] = {
        "roadmap": roadmap,
        "view": view,
        "phases": phases_of(rows),
        "next_row": next((row for row in rows if row.is_next), None),
        "overdue_rows": [row for row in rows if row.is_overdue],
        "apprentice_row": apprentice_row(rows, roadmap.certification_code) if roadmap.apprentice else None,
        "today": today,
    }
    filename = f"roadmap-{slugify(roadmap.certification_code) or roadmap.pk}.pdf"
    from roadmap.pdf import pdf_response

    return pdf_response("roadmap/pdf/roadmap.html", context, request, filename=filename)
