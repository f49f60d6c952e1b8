"""Small phrases the plan's explanations share, and how costs are said."""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def cycle_words(months: int) -> str:
    """A cycle's length as it follows "every" or "per": "year", "3 years", "18 months"."""
    if months == 12:
        return "year"
    if months % 12 == 0:
        return f"{months // 12} years"
    return f"{months} months"


def day(value: date) -> str:
    """15 Mar 2027, 6 Dec 2027: the one way the site writes a date."""
    return f"{value.day} {value:%b %Y}"


def money(amount: Decimal) -> str:
    return f"${amount:,.0f}" if amount == amount.to_integral_value() else f"${amount:,.2f}"


def cost_text(known: Decimal, unknown: int) -> str:
    """A total that never reads as free when part of it is unknown.

    "$1,190", "$190 known, plus 2 costs to check with the provider", or
    "costs not published: check with the provider" when nothing is known.
    """
    if not unknown:
        return money(known) if known else "no costs"
    if not known:
        return "costs not published: check with the provider"
    return f"{money(known)} known, plus {plural(unknown, 'cost')} to check with the provider"
