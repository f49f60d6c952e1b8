"""Small phrases the plan's explanations share."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def cycle_words(months: int) -> str:
    """A cycle's length as it follows "every" or "per": "year", "3 years", "18 months"."""
    if months == 12:
        return "year"
    if months % 12 == 0:
        return f"{months // 12} years"
    return f"{months} months"
