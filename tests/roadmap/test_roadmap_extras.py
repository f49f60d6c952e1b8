"""The words roadmap pages use for hours, costs and dates (roadmap/templatetags/roadmap_extras.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from roadmap.templatetags.roadmap_extras import cost_summary, hours_range, likely_date, reasoning


@pytest.mark.parametrize(
    ("low", "high", "likely", "text"),
    [
        (Decimal("37.5"), Decimal(135), Decimal("86.25"), "37.5 to 135 hours (likely 86)"),
        (Decimal("0.5"), Decimal(1), Decimal("0.75"), "0.5 to 1 hours (likely 0.75)"),
        (Decimal("8.0"), Decimal("16.0"), Decimal("12.0"), "8 to 16 hours (likely 12)"),
        (Decimal(80), Decimal(80), Decimal(80), "80 hours"),
        (Decimal(1), Decimal(1), Decimal(1), "1 hour"),
        (None, None, Decimal(3), "3 hours"),
        (None, None, None, ""),
    ],
)
def test_hours_range_gives_the_range_and_its_likely_figure(
    low: Decimal | None, high: Decimal | None, likely: Decimal | None, text: str
) -> None:
    assert hours_range(low, high, likely) == text


@pytest.mark.parametrize(
    ("known", "unknown", "text"),
    [
        (Decimal(190), ["Register", "Practice exams"], "$190 known, plus 2 costs to check with the provider"),
        (Decimal(190), 1, "$190 known, plus 1 cost to check with the provider"),
        (Decimal(0), ["Register"], "costs not published: check with the provider"),
        (Decimal("1190.50"), [], "$1,190.50"),
        (Decimal(0), [], "no costs"),
    ],
)
def test_cost_summary_never_reads_zero_when_a_cost_is_unknown(
    known: Decimal, unknown: list[str] | int, text: str
) -> None:
    assert cost_summary(known, unknown) == text


def test_our_estimate_loses_its_prefix_which_the_page_shows_as_a_label() -> None:
    assert [reasoning("Our estimate: an online form."), reasoning("Two credits.")] == [
        "an online form.",
        "Two credits.",
    ]


def test_a_likely_date_gives_its_span_only_when_it_can_move() -> None:
    on, early, late = date(2027, 12, 20), date(2027, 10, 9), date(2028, 2, 28)

    assert [likely_date(on, early, late), likely_date(on, on, on), likely_date("2027-12-20", None, None)] == [
        'likely <span class="credential-date">20 Dec 2027</span> '
        '<span class="date-span">(between 9 Oct 2027 and 28 Feb 2028)</span>',
        '<span class="credential-date">20 Dec 2027</span>',
        '<span class="credential-date">20 Dec 2027</span>',
    ]
