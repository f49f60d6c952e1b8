"""Numbers, amounts and dates as text, in the active language: the one place every page, e-mail, feed and
message turns them into words. The template filters (certifications.templatetags.catalogue,
roadmap.templatetags.roadmap_extras) are these same functions.

An unknown amount reads "check with the provider", never "None" or "$0".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.dateparse import parse_date
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy, pgettext

UNKNOWN = gettext_lazy("check with the provider")


def unknown() -> SafeString:
    return format_html('<span class="unknown">{}</span>', UNKNOWN)


def amount(value: Decimal | int) -> str:
    """$1,234 or $1,234.50 in English, $1 234 or $1 234,50 in Spanish: cents only when there are some."""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return pgettext("amount in US dollars", "${amount}").format(
        amount=number_format(value, decimal_pos=places, force_grouping=True)
    )


def money(value: Decimal | int | None) -> str:
    """An amount in dollars (amount()); unknown (None) reads 'check with the provider'."""
    if value is None:
        return unknown()
    return amount(value)


def number(value: Decimal | int | float | None) -> str:
    """80, 0.5, 97.5 (0,5 and 97,5 in Spanish): no trailing '.0'."""
    if value is None:
        return ""
    return number_format(Decimal(value).normalize())


def day(value: date | str | None) -> str:
    """15 Mar 2027 in English, 15 de marzo de 2027 in Spanish (the language's DATE_FORMAT, see
    careerplanner/formats/). Takes a date or the ISO text a saved roadmap keeps; empty when unknown."""
    if isinstance(value, str):
        value = parse_date(value)
    if value is None:
        return ""
    return _day(get_language(), value)


@lru_cache(maxsize=4096)
def _day(language: str | None, value: date) -> str:
    """date_format, kept per language and day: it reads the month's name through gettext every time, 45 µs
    a date, and a roadmap page shows a hundred dates (the timeline's drawing says each twice)."""
    return date_format(value)


@receiver(setting_changed)
def _formats_changed(**kwargs: object) -> None:
    """A test that overrides a date format or a language's format module sees it at once."""
    _day.cache_clear()


def long_day(value: date) -> str:
    """'1 March 2027': e-mails and the calendar feed spell the month out (in Spanish, '1 de marzo de 2027')."""
    return date_format(value, pgettext("date format of e-mails, see django.utils.dateformat", "j F Y"))
