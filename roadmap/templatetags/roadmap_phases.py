"""What the phases of a plan or a saved roadmap say when one of them is empty."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template

from roadmap import planner

register = template.Library()

# The planner's keys of the steps that work for months (roadmap/planner/experience.py).
WORK_KEY_PREFIX = "work:"


@register.filter
def has_work_after_the_exam(phases: Iterable[Mapping[str, Any]]) -> bool:
    """Whether work is planned outside the experience phase: after the exam, to remove an apprentice
    designation (CPC-A), the planner moves it to Maintenance. `phases` are the views' _phases()."""
    return any(
        row.key.startswith(WORK_KEY_PREFIX)
        for phase in phases
        if phase["value"] != planner.PHASE_EXPERIENCE
        for row in phase["rows"]
    )
