"""Catalogue texts in the visitor's language: `{{ certification|localized:"summary" }}`.

The admin's translation (`summary_es`) when there is one, else the English with a
note that no translation exists yet (certifications/translation.py).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from certifications.translation import localized as localized_text
from certifications.translation import with_note

register = template.Library()


@register.filter
def localized(obj: Any, field: str) -> SafeString:
    """`obj.<field>` in the active language, escaped; English standing in for a translation carries a note."""
    text, fell_back = localized_text(obj, field)
    return with_note(text, fell_back)
