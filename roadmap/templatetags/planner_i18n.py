"""The planner's explanations in the visitor's language: `{{ step.why|explain }}` (see roadmap/translation.py)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from roadmap import translation

register = template.Library()


@register.filter
def explain(value: object) -> SafeString:
    """A planner text (or a saved roadmap's copy of one) in the active language, escaped.

    English standing in for a missing translation is followed by a note saying so.
    """
    return translation.explain(value)
