"""The timeline's HTML (roadmap/plans/timeline_drawing.py): what the drawing and its text equivalent say.

No database: the timeline is built from unsaved steps and given dates, as in tests/roadmap/test_timeline.py.
The pages that show it are tested in tests/roadmap/test_views_timeline.py and tests/e2e/test_timeline.py.
"""

from __future__ import annotations

from datetime import date

from django.utils import translation

from certifications.formatting import day
from roadmap.models import RoadmapStep
from roadmap.plans.timeline import Timeline, timeline
from roadmap.plans.timeline_drawing import draw
from tests.html import parse

START = date(2027, 1, 1)


def sample(title: str = "Study medical terminology") -> Timeline:
    steps = [
        RoadmapStep(key="terms", phase="education", title=title, status="done", completed_on=date(2027, 1, 20)),
        RoadmapStep(key="course", phase="education", title="Take a CPC course", status="in_progress"),
        RoadmapStep(key="exam", phase="exam", title="Take the CPC exam", status="not_started"),
        RoadmapStep(key="extra", phase="education", title="Read the guidelines", status="skipped"),
    ]
    projected = {
        "terms": (START, date(2027, 2, 1)),
        "course": (date(2027, 2, 1), date(2027, 5, 1)),
        "exam": (date(2027, 5, 10), date(2027, 5, 10)),
        "extra": (date(2027, 2, 1), date(2027, 3, 1)),
    }
    span = {"course": (date(2027, 4, 1), date(2027, 6, 1)), "exam": (date(2027, 4, 10), date(2027, 6, 10))}
    return timeline(
        steps,
        projected,
        span,
        start=START,
        today=date(2027, 2, 15),
        credential_on=date(2027, 5, 10),
        credential_earliest=date(2027, 4, 10),
        credential_latest=date(2027, 6, 10),
    )


def test_each_step_is_drawn_with_its_status_and_said_in_words() -> None:
    drawing = parse(draw(sample(), "CPC"))

    rows = drawing.find_all(cls="timeline-row")
    assert [(row.attrs["data-status"], row.texts("timeline-when")[0]) for row in rows] == [
        ("done", "Done 20 Jan 2027"),
        ("in_progress", "In progress"),
        ("skipped", "Skipped"),
        ("not_started", "10 May 2027"),
    ]
    # The in-progress bar is striped; the skipped step takes no time, so it has no bar.
    assert [len(row.find_all(cls="timeline-bar")) for row in rows] == [1, 1, 0, 1]
    assert len(rows[1].find_all(cls="timeline-stripes")) == 1
    assert drawing.texts("timeline-credential-label") == ["CPC 10 May 2027"]
    said = [
        (item.texts("timeline-text-title")[0], item.texts("timeline-text-dates")[0])
        for item in drawing.find_all(cls="timeline-text-step")
    ]
    assert said == [
        ("Study medical terminology", "done on 20 Jan 2027"),
        (
            "Take a CPC course",
            "1 Feb 2027 to 1 May 2027, finishing between 1 Apr 2027 and 1 Jun 2027 depending on study pace;"
            " in progress",
        ),
        ("Read the guidelines", "skipped, takes no time"),
        (
            "Take the CPC exam",
            "10 May 2027, finishing between 10 Apr 2027 and 10 Jun 2027 depending on study pace; not started",
        ),
    ]
    (summary,) = drawing.find_all(cls="timeline-text")[0].find_all(tag="p")
    assert summary.text() == (
        "From 1 Jan 2027 to 10 Jun 2027. Today is 15 Feb 2027."
        " CPC: likely 10 May 2027, between 10 Apr 2027 and 10 Jun 2027."
    )


def test_a_title_is_text_never_markup() -> None:
    html = str(draw(sample('<img src=x onerror="alert(1)"> & more'), "CPC"))

    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more") == 3  # title attribute, row, text
    assert parse(html).find_all(cls="timeline-title")[0].attrs["title"] == '<img src=x onerror="alert(1)"> & more'


def test_in_spanish_every_word_and_date_is_spanish() -> None:
    with translation.override("es"):
        drawing = parse(draw(sample(), ""))

    assert drawing.by_id("timeline-heading").text() == "Línea de tiempo"
    assert drawing.texts("timeline-today-label") == ["Hoy"]
    rows = drawing.find_all(cls="timeline-row")
    assert rows[0].texts("timeline-when") == ["Hecho el 20 de enero de 2027"]
    assert rows[1].texts("timeline-when") == ["En curso"]
    # Without a certification code, the line is the credential's.
    assert drawing.texts("timeline-credential-label") == ["Credencial 10 de mayo de 2027"]


def test_no_timeline_draws_nothing() -> None:
    assert draw(None, "CPC") == ""


def test_a_day_is_said_in_the_language_active_when_it_is_said() -> None:
    # formatting.day keeps what it has said per language: switching back and forth must not mix them.
    on = date(2027, 3, 15)
    said = []
    for language in ("en", "es", "en", "es"):
        with translation.override(language):
            said.append(day(on))
    assert said == ["15 Mar 2027", "15 de marzo de 2027", "15 Mar 2027", "15 de marzo de 2027"]
