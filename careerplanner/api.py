"""What every view of the JSON API shares (settings.REST_FRAMEWORK names these): pages and request rates.

The views themselves are certifications.api (the public catalogue) and roadmap.plans.api (a person's own roadmaps);
careerplanner.api_urls puts them under /api/v1/ with the OpenAPI schema and its browsable page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from careerplanner.security import client_ip


class Pagination(PageNumberPagination):
    """?page=N, and ?page_size= up to MAX_PAGE_SIZE for a client that wants fewer requests."""

    page_size_query_param = "page_size"
    max_page_size = 100


class AnonymousRate(AnonRateThrottle):
    """settings.API_RATE_ANONYMOUS per client address, the address the log-in lockouts use too.

    The rate is read from settings at each request (REST framework reads its own at import), so a test
    or a deploy sets it where every other setting is set.
    """

    def get_rate(self) -> str:
        rate: str = settings.API_RATE_ANONYMOUS
        return rate

    def get_ident(self, request: Any) -> str:
        return client_ip(request)


class SignedInRate(UserRateThrottle):
    """settings.API_RATE_SIGNED_IN per person signed in (by session or token); anonymous requests are left to
    AnonymousRate."""

    def get_rate(self) -> str:
        rate: str = settings.API_RATE_SIGNED_IN
        return rate

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        key: str = super().get_cache_key(request, view)
        return key
