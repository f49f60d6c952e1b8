"""Who is asking (the client's address behind trusted proxies), and keeping private pages out of caches."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def client_ip(request: HttpRequest) -> str:
    """The address of the client, for rate limits and log-in lockouts (django-axes calls it too).

    REMOTE_ADDR, unless settings.TRUSTED_PROXY_COUNT proxies stand in front of the site: each of them
    appends the address it was connected from to X-Forwarded-For, so the client is that many entries
    from the right. Entries further left were written by the client and are never believed. A request
    with fewer entries did not come through every proxy: its own peer is the client.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies: int = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


class PrivatePagesMiddleware:
    """`Cache-Control: private, no-store` on every answer to a signed-in person that sets no Cache-Control.

    Such pages show their data (and the wallet the secret calendar-feed address): neither a shared
    cache nor the browser's history cache may keep them. Answers that say how to cache themselves
    (the catalogue pages, never_cache views, the calendar feed) are left as they are. Anonymous
    answers are left alone: the public pages decide for themselves.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
