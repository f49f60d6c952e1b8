"""Dates, hours and costs on roadmap pages, in the words the pages use, in the active language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

from certifications.formatting import day, money, number
from roadmap import planner
from roadmap.translation import translate_message

register = template.Library()


register.filter("day", day)
register.filter("number", number)


@register.filter
def step_cost(value: Decimal | None) -> str:
    """A step's own cost: 'No cost of its own' for zero, 'check with the provider' when unknown."""
    if value is not None and Decimal(value) == 0:
        return gettext("No cost of its own")
    return money(value)


@register.simple_tag
def likely_date(on: date | str | None, earliest: date | str | None, latest: date | str | None) -> str:
    """'likely 20 Dec 2027 (between 9 Oct 2027 and 28 Feb 2028)'; the date alone when it cannot move.

    The likely date is marked `credential-date`. Takes dates or the ISO text a saved roadmap keeps.
    """
    shown = format_html('<span class="credential-date">{}</span>', day(on))
    if not earliest or not latest or day(earliest) == day(latest) == day(on):
        return shown
    return format_html(
        gettext('likely {date} <span class="date-span">(between {earliest} and {latest})</span>'),
        date=shown,
        earliest=day(earliest),
        latest=day(latest),
    )


@register.simple_tag
def hours_range(low: Decimal | None, high: Decimal | None, likely: Decimal | None) -> str:
    """'37.5 to 135 hours (likely 86)', or one figure ('80 hours', '1 hour') when the range has one value.

    From 10 hours up the likely figure, a midpoint, is given in whole hours: its quarter hours
    would be false precision.
    """
    if low is None or high is None or Decimal(low) == Decimal(high):
        single = next((value for value in (low, high, likely) if value is not None), None)
        if single is None:
            return ""
        return ngettext("%(hours)s hour", "%(hours)s hours", 1 if Decimal(single) == 1 else 2) % {
            "hours": number(single)
        }
    values = {"low": number(low), "high": number(high)}
    if likely is None:
        return gettext("%(low)s to %(high)s hours") % values
    shown = Decimal(likely)
    if shown >= 10:
        shown = shown.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return gettext("%(low)s to %(high)s hours (likely %(likely)s)") % {**values, "likely": number(shown)}


@register.filter
def cost_summary(known: Decimal | int | None, unknown: Sequence[object] | int) -> str:
    """A total as the planner says it (planner.cost_text): never "$0" when part of it is unknown.

    `unknown` is the list of costs to check with the provider, or how many there are.
    """
    count = unknown if isinstance(unknown, int) else len(unknown)
    return translate_message(planner.cost_text(Decimal(known or 0), count))


@register.filter
def reasoning(basis: str) -> str:
    """Our reasoning for an estimate without its leading "Our estimate:", which the page shows as a label."""
    text = basis.strip()
    prefix = "Our estimate:"
    return text[len(prefix) :].strip() if text.startswith(prefix) else text


@register.filter
def status_class(status: Any) -> str:
    """Bootstrap colour of a status badge or button."""
    return {"done": "success", "in_progress": "primary", "skipped": "secondary"}.get(str(status), "light")


@register.filter
def percent(value: Decimal | int | None, total: Decimal | int | None) -> int:
    """Whole percent of `total` that `value` is, between 0 and 100: a progress bar's width.

    A total of 0 is complete (100); an unknown value or total is 0.
    """
    if value is None or total is None:
        return 0
    if Decimal(total) <= 0:
        return 100
    return max(0, min(100, int(Decimal(value) * 100 / Decimal(total))))


@register.filter
def abs_days(value: int) -> int:
    """How many days, ahead or behind."""
    return abs(value)
