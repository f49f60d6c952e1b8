"""Small phrases the plan's explanations share, and how costs are said."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .messages import ENGLISH, N_, NP_, Join, Message, Money, Text


def plural(count: int, noun: str) -> str:
    """English only, for the pages' own wording (roadmap/plans/drift.py); the planner says counts with NP_."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def cycle_words(months: int) -> Message:
    """A cycle's length as it follows "every" or "per": "year", "3 years", "18 months"."""
    if months == 12:
        return N_("year")
    if months % 12 == 0:
        return NP_("{count} year", "{count} years", months // 12)
    return NP_("{count} month", "{count} months", months)


def day(value: date) -> str:
    """15 Mar 2027, 6 Dec 2027: the one way the site writes a date (in English; messages take the date itself)."""
    return ENGLISH.date(value)


def cost_text(known: Decimal, unknown: int) -> Text:
    """A total that never reads as free when part of it is unknown.

    "$1,190", "$190 known, plus 2 costs to check with the provider", or
    "costs not published: check with the provider" when nothing is known.
    """
    if not unknown:
        return Join([Money(known)]) if known else N_("no costs")
    if not known:
        return N_("costs not published: check with the provider")
    return NP_(
        "{amount} known, plus {count} cost to check with the provider",
        "{amount} known, plus {count} costs to check with the provider",
        unknown,
        amount=Money(known),
    )
