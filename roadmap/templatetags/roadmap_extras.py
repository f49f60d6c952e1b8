"""Dates, hours and costs on roadmap pages, in the words the pages use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import template
from django.utils.dateparse import parse_date

from certifications.templatetags.catalogue import money

register = template.Library()


@register.filter
def day(value: date | str | None) -> str:
    """15 Mar 2027. Takes a date or the ISO text a saved roadmap keeps; empty when unknown."""
    if isinstance(value, str):
        value = parse_date(value)
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


@register.filter
def step_cost(value: Decimal | None) -> str:
    """A step's own cost: 'No cost of its own' for zero, 'check with the provider' when unknown."""
    if value is not None and Decimal(value) == 0:
        return "No cost of its own"
    return money(value)


@register.filter
def number(value: Decimal | int | float | None) -> str:
    """80, 0.5, 97.5: no trailing '.0'."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}"
    return text


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
