"""Public catalogue pages, rendered once per catalogue version and answered with 304 when unchanged.

An anonymous visitor's catalogue page depends only on its address and language, the catalogue, which
changes only when CatalogueVersion is bumped (admin saves and deletes, the seed loader), and the
deployed code. So the rendered page is kept in the cache under the release, the version, the language
and the full address (careerplanner.page_cache), and sent with an ETag (a hash of the page itself) and
the time it was rendered as Last-Modified. A conditional GET that matches gets 304 without a body.

Served from the cache: one query (the version) instead of 3 to 8, and no template rendering.
Signed-in people (whose menu differs and carries a CSRF token; roadmap.page_cache keeps their pages),
pages with a message waiting and answers other than 200 are rendered afresh and not kept here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers

from careerplanner.page_cache import CACHE_SECONDS, CachedPage, answer, keep, page_key
from certifications.models import CatalogueVersion

P = ParamSpec("P")


def catalogue_key(version: int, request: HttpRequest, *, kind: str = "catalogue-page") -> str:
    """What the answer at this address is known by while the release and the catalogue version stay.

    The pages here and the catalogue API (certifications.api, kind "catalogue-api") key their caches on it.
    """
    return page_key(kind, version, request=request)


def _cacheable(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not request.user.is_authenticated and not len(get_messages(request))


def catalogue_page(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponseBase]:
    """Serve an anonymous GET of the view from the cache while the catalogue version stays."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        request = args[0]
        assert isinstance(request, HttpRequest)
        if not _cacheable(request):
            return view(*args, **kwargs)
        key = catalogue_key(CatalogueVersion.current(), request)
        page: CachedPage | None = cache.get(key)
        if page is None:
            response = view(*args, **kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            page = keep(response)
            cache.set(key, page, CACHE_SECONDS)
        kept = answer(request, page, conditional=True)
        # Browsers ask again each time (a 304 is cheap); signed-in people get a different menu.
        patch_cache_control(kept, no_cache=True)
        patch_vary_headers(kept, ["Cookie", "Accept-Encoding"])
        return kept

    return wrapper
