"""A roadmap's share, and its address as the owner copies it (roadmap.plans.share_views has the pages)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from roadmap.http import site_url
from roadmap.models import Roadmap, RoadmapShare


def share_of(roadmap: Roadmap) -> RoadmapShare | None:
    """The roadmap's live share, or None. No query when the roadmap was read with select_related("share")."""
    try:
        return roadmap.share
    except RoadmapShare.DoesNotExist:
        return None


def share_address(share: RoadmapShare, request: HttpRequest) -> str:
    """The shared page's absolute address: on SITE_ROOT when it is set, else on the address of this request
    (as roadmap.keeping.calendar_feed.calendar_feed_url, for the same reason)."""
    if settings.SITE_ROOT_IS_SET:
        return site_url("roadmap:shared", share.token)
    return request.build_absolute_uri(share.get_absolute_url())


def share_context(request: HttpRequest, roadmap: Roadmap) -> dict[str, object]:
    """What the roadmap page's sharing box (templates/roadmap/_share.html) reads."""
    share = share_of(roadmap)
    return {"share": share, "share_url": share_address(share, request) if share else ""}
