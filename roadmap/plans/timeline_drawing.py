"""A roadmap's timeline as HTML: the drawing (SVG) and the text that says the same for screen readers.

Drawn here in Python, not by a template: the drawing is a hundred-odd small elements per roadmap whose
numbers come from roadmap.plans.timeline, and the template engine took 5 ms per timeline to place them,
a quarter of a step status change, which redraws the timeline after every click (#9). This takes about
0.5 ms (0.8 with the geometry). The markup is what the template made, and every text goes through
gettext as the template's did, with the same messages.

The drawing is for the eye only (aria-hidden, nothing in it to focus); the visually-hidden list after it
says the same for screen readers, with the dates the step list gives. Positions are percentages of the
width, so it fits any screen; no JavaScript. Positions and widths are SVG geometry (x, width), not style
attributes, so the Content-Security-Policy allows them; colours and fixed sizes come from site.css
(.timeline-*). The grid lies under the bars, the today and credential lines over them, the labels over
the lines.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from certifications.formatting import day
from roadmap.models import Roadmap
from roadmap.plans.rows import STATUS_LABELS
from roadmap.plans.services import RoadmapView
from roadmap.plans.timeline import Bar, Marker, PhaseRow, Status, Timeline, roadmap_timeline

# Bootstrap's progress-bar-striped as it looked here: 45° bands as wide as a quarter of the bar's width and height.
_STRIPES = (
    '<svg class="timeline-stripes"><g transform="skewX(45) translate(-10 0)"><rect width="25%" height="100%"/>'
    '<rect x="25%" width="2.5" height="100%"/><rect x="50%" width="25%" height="100%" transform="translate(5 0)"/>'
    '<rect x="75%" width="2.5" height="100%" transform="translate(5 0)"/></g></svg>'
)
_LABELS = 'class="timeline-labels" focusable="false" aria-hidden="true"'
_LINES_SVG = (
    '<svg class="timeline-lines position-absolute top-0 start-0 w-100 h-100{}" focusable="false" aria-hidden="true">'
)
_PHONE_HIDES = "d-none d-sm-inline"  # a minor tick's label: only where there is room for it
_DONE_MARK = '<span class="text-success-emphasis fw-bold">✓</span>'


class _Say:
    """The drawing's words in the active language, each message and day looked up once a drawing: a drawing
    says a hundred dates and messages, and each lookup of the active language costs more than the rest."""

    def __init__(self) -> None:
        self.gettext = cache(gettext)
        self.day = cache(day)
        self.status = {value: str(label).lower() for value, label in STATUS_LABELS.items()}  # "in progress"


def timeline_html(roadmap: Roadmap, view: RoadmapView, *, today: date) -> SafeString:
    """The timeline of a roadmap, as its page, the dashboard and the shared page show it (`view`: its RoadmapView)."""
    return draw(roadmap_timeline(view, start=roadmap.start_date, today=today), roadmap.certification_code)


def draw(timeline: Timeline | None, code: str) -> SafeString:
    """The timeline section (empty when there is none); `code` names the credential's line ("CPC 20 Dec 2027")."""
    if timeline is None:
        return mark_safe("")
    say = _Say()
    code = code or say.gettext("Credential")
    heading = escape(say.gettext("Timeline"))  # never a gettext inside an f-string: makemessages cannot see it
    parts = [
        '<section class="timeline mt-3 mb-2 position-relative" id="timeline" aria-labelledby="timeline-heading">\n',
        f'<h3 class="h6" id="timeline-heading">{heading}</h3>\n',
        '<div class="timeline-chart small overflow-hidden" aria-hidden="true">\n',
        _legend(timeline, code, say),
        '<div class="timeline-plot position-relative">\n',
        _lines(timeline),
        _marker_labels(timeline, code, say),
        *(_phase(row, say) for row in timeline.phases),
        '<div class="timeline-axis timeline-label-row position-relative border-top text-body-secondary">\n',
        f"<svg {_LABELS}>\n",
        *(
            f'<text class="{"" if tick.major else _PHONE_HIDES}" x="{tick.left}%" y="50%"'
            f' text-anchor="middle" dominant-baseline="central" dy="-.07em">{escape(tick.label)}</text>'
            for tick in timeline.ticks
        ),
        "\n</svg>\n</div>\n</div>\n</div>\n",
        _text(timeline, code, say),
        "</section>\n",
    ]
    return mark_safe("".join(parts))


def _legend(timeline: Timeline, code: str, say: _Say) -> str:
    swatch = '<span class="text-nowrap"><span class="{}"></span> {}</span>\n'
    items = [
        swatch.format(
            "timeline-swatch d-inline-block align-middle rounded-1 bg-primary", escape(say.gettext("Likely dates"))
        ),
        swatch.format(
            "timeline-swatch d-inline-block align-middle rounded-1 bg-primary-subtle border border-primary",
            escape(say.gettext("Finish range: faster or slower study")),
        ),
        '<span class="text-nowrap">' + _DONE_MARK + " " + escape(say.gettext("Done")) + "</span>\n",
        swatch.format(
            "timeline-swatch-line d-inline-block align-middle border-start border-2 border-danger",
            escape(say.gettext("Today")),
        ),
    ]
    if timeline.credential:
        items.append(
            swatch.format(
                "timeline-swatch-line timeline-dashed d-inline-block align-middle",
                escape(say.gettext("%(code)s likely") % {"code": code}),
            )
        )
    return (
        '<div class="timeline-legend d-flex flex-wrap column-gap-3 row-gap-1 mb-2 text-body-secondary">\n'
        + "".join(items)
        + "</div>\n"
    )


def _lines(timeline: Timeline) -> str:
    grid = "".join(f'<rect class="timeline-grid" x="{tick.left}%" width="1" height="100%"/>' for tick in timeline.ticks)
    credential = (
        f'<rect class="timeline-credential" x="{timeline.credential.left}%" width="2" height="100%"'
        ' fill="url(#timeline-dashes)"/>'
        if timeline.credential
        else ""
    )
    return (
        _LINES_SVG.format("")
        + '\n<defs>\n<pattern id="timeline-dashes" patternUnits="userSpaceOnUse" width="2" height="10">'
        '<rect class="timeline-dash" width="2" height="6"/></pattern>\n</defs>\n'
        + grid
        + "\n</svg>\n"
        + _LINES_SVG.format(" z-1")
        + f'\n<rect class="timeline-today" x="{timeline.today.left}%" width="2" height="100%"/>\n'
        + credential
        + "\n</svg>\n"
    )


def _label(marker: Marker, css: str, text: str) -> str:
    """A line's label, anchored on the side that keeps it inside the chart."""
    anchor = 'dx="-4" text-anchor="end"' if marker.in_right_half else 'dx="4" text-anchor="start"'
    return (
        f'<text class="{css}" x="{marker.left}%" y="50%" {anchor} dominant-baseline="central" dy="-.07em">'
        f"{escape(text)}</text>"
    )


def _marker_labels(timeline: Timeline, code: str, say: _Say) -> str:
    today = _label(timeline.today, "timeline-today-label fw-semibold text-danger-emphasis", say.gettext("Today"))
    parts = [f'<div class="timeline-label-row position-relative z-2">\n<svg {_LABELS}>\n{today}\n</svg>\n</div>\n']
    credential = timeline.credential
    if credential:
        parts.append('<div class="timeline-label-row position-relative mb-1">\n')
        if credential.range_left is not None:
            parts.append(
                '<svg class="timeline-labels position-relative" focusable="false" aria-hidden="true">'
                f'<rect class="timeline-credential-range" x="{credential.range_left}%"'
                f' width="{credential.range_width}%" height="100%" rx="4"/></svg>\n'
            )
        label = _label(
            credential,
            "timeline-credential-label fw-semibold text-success-emphasis",
            f"{code} {say.day(credential.on)}",
        )
        parts.append(
            '<svg class="timeline-labels position-absolute top-0 start-0 z-2" focusable="false" aria-hidden="true">\n'
            f"{label}\n</svg>\n</div>\n"
        )
    return "".join(parts)


def _phase(row: PhaseRow, say: _Say) -> str:
    span = (
        '<svg class="timeline-phase-track position-relative" focusable="false" aria-hidden="true">'
        f'<g class="timeline-phase-span"><rect x="{row.left}%" width="{row.width}%" height="100%"/>'
        f'<rect x="{row.left}%" width="3" height="100%"/></g></svg>\n'
        if row.left is not None
        else ""
    )
    return (
        f'<div class="timeline-phase mb-2" data-phase="{escape(row.phase)}">\n'
        f'<div class="position-relative z-2 ps-1 fw-semibold border-bottom">{escape(row.label)}</div>\n'
        + span
        + "".join(_bar(bar, say) for bar in row.bars)
        + "</div>\n"
    )


def _when(bar: Bar, say: _Say) -> str:
    """What the row says beside the title: the day it was done, its status, or its likely finish."""
    if bar.status == Status.DONE:
        return say.gettext("Done %(on)s") % {"on": say.day(bar.completed_on)}
    if bar.status == Status.SKIPPED:
        return say.gettext("Skipped")
    if bar.status == Status.IN_PROGRESS:
        return say.gettext("In progress")
    if bar.open_ended:
        return say.gettext("Finish not known")
    if bar.finish:
        return say.day(bar.finish)
    return say.gettext("Dates not known yet")


def _bar(bar: Bar, say: _Say) -> str:
    done = bar.status == Status.DONE
    title = escape(bar.title)
    mark = _DONE_MARK + " " if done else ""
    parts = [
        f'<div class="timeline-row" data-status="{escape(bar.status)}">\n',
        '<div class="d-flex position-relative z-2 pt-1 px-1">\n',
        f'<span class="timeline-title text-truncate" title="{title}">{mark}{title}</span>\n',
        '<span class="timeline-when ms-auto ps-2 flex-shrink-0 text-body-secondary">',
        f"{escape(_when(bar, say))}</span>\n",
        '</div>\n<svg class="timeline-track position-relative" focusable="false" aria-hidden="true">\n',
    ]
    if bar.range_left is not None:
        parts.append(
            f'<rect class="timeline-range" x="{bar.range_left}%" width="{bar.range_width}%" height="100%" rx="4"/>\n'
        )
    if bar.left is not None:
        if done:
            kind = "timeline-bar-done"
        elif bar.open_ended:
            kind = "timeline-bar-open"
        elif bar.status == Status.IN_PROGRESS:
            kind = "timeline-bar-doing"
        else:
            kind = "timeline-bar-planned"
        # The second rect keeps a bar of a day or two 3 pixels wide.
        parts.append(
            f'<svg class="timeline-bar {kind}" x="{bar.left}%" width="{bar.width}%">\n'
            '<rect width="100%" height="100%" rx="4"/>\n'
            '<rect x="50%" width="3" height="100%" rx="1.5" transform="translate(-1.5 0)"/>\n'
            + (_STRIPES + "\n" if not done and (bar.open_ended or bar.status == Status.IN_PROGRESS) else "")
            + "</svg>\n"
        )
    parts.append("</svg>\n</div>\n")
    return "".join(parts)


def _text(timeline: Timeline, code: str, say: _Say) -> str:
    """The visually-hidden equivalent: the span, today, the credential's dates and each step's."""
    said = say.gettext("From %(start)s to %(end)s. Today is %(today)s.") % {
        "start": say.day(timeline.start),
        "end": say.day(timeline.end),
        "today": say.day(timeline.today.on),
    }
    credential = timeline.credential
    if credential:
        on = say.day(credential.on)
        if credential.range_left is not None:
            said += " " + say.gettext("%(code)s: likely %(on)s, between %(earliest)s and %(latest)s.") % {
                "code": code,
                "on": on,
                "earliest": say.day(credential.earliest),
                "latest": say.day(credential.latest),
            }
        else:
            said += " " + say.gettext("%(code)s: likely %(on)s.") % {"code": code, "on": on}
    phases = "".join(
        f"<li>{escape(row.label)}:\n<ol>\n"
        + "".join(
            f'<li class="timeline-text-step"><span class="timeline-text-title">{escape(bar.title)}</span>:'
            f' <span class="timeline-text-dates">{escape(_dates(bar, say))}</span></li>'
            for bar in row.bars
        )
        + "\n</ol>\n</li>\n"
        for row in timeline.phases
    )
    return f'<div class="visually-hidden timeline-text">\n<p>{escape(said)}</p>\n<ol>\n{phases}</ol>\n</div>\n'


def _dates(bar: Bar, say: _Say) -> str:
    """A step's dates in words, as the step list gives them, and its status."""
    if bar.status == Status.DONE:
        return (
            say.gettext("done on %(on)s") % {"on": say.day(bar.completed_on)}
            if bar.completed_on
            else say.gettext("done")
        )
    if bar.status == Status.SKIPPED:
        return say.gettext("skipped, takes no time")
    status = say.status.get(bar.status, bar.status)
    if bar.open_ended:
        return say.gettext("starts %(start)s, finish not known") % {"start": say.day(bar.start)} + "; " + status
    if bar.start and bar.finish:
        if bar.start == bar.finish:
            dates = say.day(bar.start)
        else:
            dates = say.gettext("%(start)s to %(finish)s") % {
                "start": say.day(bar.start),
                "finish": say.day(bar.finish),
            }
        if bar.finish_varies:
            dates += say.gettext(", finishing between %(earliest)s and %(latest)s depending on study pace") % {
                "earliest": say.day(bar.earliest),
                "latest": say.day(bar.latest),
            }
        return dates + "; " + status
    return say.gettext("dates not known yet") + "; " + status
