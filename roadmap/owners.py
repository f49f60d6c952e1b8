"""The signed-in person's own objects: one helper per object, with the ownership check, the 404 and what the
pages read with it, for every area. Another person's object is a 404, never a 403.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from roadmap.http import AuthedRequest
from roadmap.models import PLANNER_PROFILE_PREFETCH, PLANNER_PROFILE_SELECT, CareerProfile, Roadmap, RoadmapStep


def roadmap_of(request: AuthedRequest, pk: int) -> Roadmap:
    """The roadmap with its share (a join, no query more): the page's sharing box reads it."""
    return get_object_or_404(Roadmap.objects.select_related("share"), pk=pk, user=request.user)


def step_of(request: AuthedRequest, pk: int, step_pk: int) -> RoadmapStep:
    """The step, only if it belongs to the roadmap in the address and that roadmap to the person."""
    return get_object_or_404(
        RoadmapStep.objects.select_related("roadmap__share"), pk=step_pk, roadmap_id=pk, roadmap__user=request.user
    )


def profile_of(request: AuthedRequest, *, for_planner: bool = False) -> CareerProfile | None:
    """The person's profile, or None before they fill it in (1 query).

    `for_planner`: with everything the planner reads from it, its credentials and studied areas (3 queries).
    """
    profiles = CareerProfile.objects.filter(user=request.user)
    if for_planner:
        return profiles.select_related(*PLANNER_PROFILE_SELECT).prefetch_related(*PLANNER_PROFILE_PREFETCH).first()
    return profiles.select_related("preferred_setting").first()
