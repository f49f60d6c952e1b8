"""Date arithmetic in calendar months and study time, shared by the planner and the CEU cycle engine."""

from __future__ import annotations

import calendar
import math
from datetime import date
from decimal import Decimal


def add_months(day: date, months: int) -> date:
    """Same day of the month `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(earlier: date, later: date) -> int:
    """Whole months from earlier to later (0 if later is not after earlier)."""
    if later <= earlier:
        return 0
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months if add_months(earlier, months) <= later else months - 1


def study_days(effort_hours: Decimal, hours_per_week: int) -> int:
    return math.ceil(effort_hours * 7 / hours_per_week)
