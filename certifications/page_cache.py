"""Public catalogue pages, rendered once per catalogue version and answered with 304 when unchanged.

An anonymous visitor's catalogue page depends only on its address, the catalogue, which changes
only when CatalogueVersion is bumped (admin saves and deletes, the seed loader), and the deployed
code. So the rendered page is kept in the cache under the release, the version and the full
address, and sent with an ETag (a hash of the page itself) and the time it was rendered as
Last-Modified. A conditional GET that matches gets 304 without a body.

Served from the cache: one query (the version) instead of 3 to 8, and no template rendering.
Signed-in people (whose menu differs and carries a CSRF token), pages with a message waiting and
answers other than 200 are rendered afresh each time and never cached.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import ParamSpec

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.text import compress_string

from certifications.models import CatalogueVersion

P = ParamSpec("P")
CACHE_SECONDS = 60 * 60  # a version's pages are dropped an hour after they were last rendered


@dataclass(frozen=True)
class CachedPage:
    # Compressed once, not on every visit (that cost more than serving the page), and kept only compressed:
    # one copy to read from the cache; the rare client without gzip gets it decompressed.
    gzipped: bytes
    content_type: str
    etag: str
    rendered_at: datetime


@functools.cache
def _release() -> str:
    """What this deploy renders pages with: a digest of the code and templates that make them.

    The same on every instance of one deploy, new with the next, so a cache shared between
    instances (Redis) never serves a page rendered by the old templates after a deploy.
    """
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for path in sorted([*(root / "templates").rglob("*.html"), *(root / "certifications").glob("*.py")]):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _key(version: int, request: HttpRequest) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"catalogue-page:{_release()}:{version}:{address}"


def _cacheable(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not request.user.is_authenticated and not len(get_messages(request))


def _answer(request: HttpRequest, page: CachedPage) -> HttpResponseBase:
    response: HttpResponseBase | None = get_conditional_response(
        request, etag=page.etag, last_modified=int(page.rendered_at.timestamp())
    )
    # One page, two encodings: the compressed one has a weak ETag, as Django's GZipMiddleware gives it.
    compressed = bool(re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")))
    etag = f"W/{page.etag}" if compressed else page.etag
    if response is None:
        body = page.gzipped if compressed else gzip.decompress(page.gzipped)  # browsers all take gzip
        response = HttpResponse(body, content_type=page.content_type)
        if compressed:
            response.headers["Content-Encoding"] = "gzip"
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(page.rendered_at.timestamp())
    # Browsers ask again each time (a 304 is cheap); signed-in people get a different menu.
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
    return response


def catalogue_page(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponseBase]:
    """Serve an anonymous GET of the view from the cache while the catalogue version stays."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        request = args[0]
        assert isinstance(request, HttpRequest)
        if not _cacheable(request):
            return view(*args, **kwargs)
        key = _key(CatalogueVersion.current(), request)
        page: CachedPage | None = cache.get(key)
        if page is None:
            response = view(*args, **kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            page = CachedPage(
                gzipped=compress_string(response.content),
                content_type=response["Content-Type"],
                etag=f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
                rendered_at=timezone.now(),
            )
            cache.set(key, page, CACHE_SECONDS)
        return _answer(request, page)

    return wrapper
