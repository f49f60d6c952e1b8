"""Show catalogue figures; an unknown value reads "check with the provider", never "None" or "$0"."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from roadmap import planner

register = template.Library()

UNKNOWN = "check with the provider"


def _unknown() -> SafeString:
    return format_html('<span class="unknown">{}</span>', UNKNOWN)


@register.filter
def money(value: Decimal | int | None) -> str:
    """$1,234 or $1,234.50 (as the planner says it); unknown (None) reads 'check with the provider'."""
    if value is None:
        return _unknown()
    return planner.money(Decimal(value))


@register.filter
def known(value: Any, suffix: str = "") -> str:
    """The value (with an optional suffix) or 'check with the provider'."""
    if value is None or value == "":
        return _unknown()
    return f"{value}{suffix}"


@register.filter
def yes_no_unknown(value: bool | None) -> str:
    if value is None:
        return _unknown()
    return "Yes" if value else "No"


@register.filter
def hours(minutes: int | None) -> str:
    """Exam length in plain words: 240 -> '4 hours', 210 -> '3.5 hours'."""
    if minutes is None:
        return _unknown()
    value = Decimal(minutes) / 60
    text = f"{value.normalize():f}"
    return f"{text} hour" + ("" if value == 1 else "s")


@register.filter
def every(months: int | None) -> str:
    """A cycle in plain words: 24 -> 'every 2 years', 12 -> 'every year', 18 -> 'every 18 months'.

    An unknown length reads 'per cycle (cycle length: check with the provider)'.
    """
    if months is None:
        return format_html("per cycle (cycle length: {})", _unknown())
    if months == 12:
        return "every year"
    if months % 12 == 0:
        return f"every {months // 12} years"
    return f"every {months} months" if months != 1 else "every month"


@register.filter
def ceu_requirement(certification: Any) -> str:
    """'36 CEUs every 2 years' for one credential held alone.

    Reads certification.body.ceu_policy: select_related("body__ceu_policy") to avoid a query per row.
    """
    if certification.ceus_per_cycle is None:
        return _unknown()
    policy = getattr(certification.body, "ceu_policy", None)  # a body without a policy raises DoesNotExist
    return format_html("{} CEUs {}", certification.ceus_per_cycle, every(policy.cycle_months if policy else None))


PREREQUISITES_NONE = "None"
PREREQUISITES_YES = "Yes — see routes"
PREREQUISITES_UNVERIFIED = "Not verified: check with the provider"


@register.filter
def prerequisites(certification: Any) -> str:
    """Prerequisites in a word, for list rows annotated with `has_eligibility_route`."""
    if not certification.eligibility_known:
        return format_html('<span class="unknown">{}</span>', PREREQUISITES_UNVERIFIED)
    if certification.has_eligibility_route:
        # The accessible name says whose routes, since a list page repeats the link on every row.
        return format_html(
            '<a href="{}#eligibility" aria-label="{} for {}">{}</a>',
            certification.get_absolute_url(),
            PREREQUISITES_YES,
            certification.code,
            PREREQUISITES_YES,
        )
    return PREREQUISITES_NONE
