"""Show catalogue figures; an unknown value reads "check with the provider", never "None" or "$0".

Words in the active language, numbers and amounts in its format ("$1,234.50" in English).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy, ngettext

from certifications.formatting import money, unknown

register = template.Library()

register.filter("money", money)


@register.filter
def known(value: Any, suffix: str = "") -> str:
    """The value (with an optional suffix) or 'check with the provider'."""
    if value is None or value == "":
        return unknown()
    return f"{value}{suffix}"


@register.filter
def yes_no_unknown(value: bool | None) -> str:
    if value is None:
        return unknown()
    return gettext("Yes") if value else gettext("No")


@register.filter
def hours(minutes: int | None) -> str:
    """Exam length in plain words: 240 -> '4 hours', 210 -> '3.5 hours' ('3,5 horas' in Spanish)."""
    if minutes is None:
        return unknown()
    value = Decimal(minutes) / 60
    text = number_format(value.normalize())
    return ngettext("%(hours)s hour", "%(hours)s hours", 1 if value == 1 else 2) % {"hours": text}


@register.filter
def every(months: int | None) -> str:
    """A cycle in plain words: 24 -> 'every 2 years', 12 -> 'every year', 18 -> 'every 18 months'.

    An unknown length reads 'per cycle (cycle length: check with the provider)'.
    """
    if months is None:
        return format_html(gettext("per cycle (cycle length: {})"), unknown())
    if months % 12 == 0:
        years = months // 12
        return ngettext("every year", "every %(years)d years", years) % {"years": years}
    return ngettext("every month", "every %(months)d months", months) % {"months": months}


@register.filter
def ceu_requirement(certification: Any) -> str:
    """'36 CEUs every 2 years' for one credential held alone.

    Reads certification.body.ceu_policy: select_related("body__ceu_policy") to avoid a query per row.
    """
    if certification.ceus_per_cycle is None:
        return unknown()
    policy = getattr(certification.body, "ceu_policy", None)  # a body without a policy raises DoesNotExist
    return format_html(
        gettext("{ceus} CEUs {every}"),
        ceus=number_format(certification.ceus_per_cycle),
        every=every(policy.cycle_months if policy else None),
    )


PREREQUISITES_NONE = gettext_lazy("None")
PREREQUISITES_YES = gettext_lazy("Yes — see routes")
PREREQUISITES_UNVERIFIED = gettext_lazy("Not verified: check with the provider")


@register.filter
def prerequisites(certification: Any) -> str:
    """Prerequisites in a word, for list rows annotated with `has_eligibility_route`."""
    if not certification.eligibility_known:
        return format_html('<span class="unknown">{}</span>', PREREQUISITES_UNVERIFIED)
    if certification.has_eligibility_route:
        # The accessible name says whose routes, since a list page repeats the link on every row.
        return format_html(
            '<a href="{}#eligibility" aria-label="{}">{}</a>',
            certification.get_absolute_url(),
            gettext("%(prerequisites)s for %(code)s")
            % {"prerequisites": PREREQUISITES_YES, "code": certification.code},
            PREREQUISITES_YES,
        )
    return str(PREREQUISITES_NONE)


@register.filter
def codes_in_words(certifications: Any) -> str:
    """The certifications' codes as a list in words: 'CPC and CCA', 'RHIT, CCA, CPC and CCS'."""
    codes = [certification.code for certification in certifications]
    if len(codes) < 2:
        return "".join(codes)
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(codes[:-1]), "last": codes[-1]}
