"""Rendered pages kept in the cache, shared by the public catalogue pages and the signed-in pages.

Each app decides what a page depends on and so what it is kept under (certifications.page_cache: the
catalogue version and the address; roadmap.page_cache: also the person, their data's version, the day
and the CSRF secret). This module holds what both do the same way: the deploy's release digest that
starts every key, the page as kept (compressed once), and the answer built from it.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.text import compress_string
from django.utils.translation import get_language

CACHE_SECONDS = 60 * 60  # a kept page, or a version's pages, not visited for an hour are dropped

# What a page is rendered from: the templates, the translations and our packages' Python (not the tests').
_RELEASE_FOLDERS = ("templates", "locale")
_RELEASE_SUFFIXES = (".py", ".html", ".txt", ".po")
_NOT_RELEASE = ("tests", "bench")


@dataclass(frozen=True)
class CachedPage:
    # Compressed once, not on every visit (that cost more than serving the page), and kept only compressed:
    # one copy to read from the cache; the rare client without gzip gets it decompressed.
    gzipped: bytes
    content_type: str
    etag: str
    rendered_at: datetime


@functools.cache
def release() -> str:
    """What this deploy renders pages with: a digest of the code, templates and translations that make them.

    The same on every instance of one deploy, new with the next, so a cache shared between
    instances (Redis) never serves a page rendered by the old templates after a deploy.
    """
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    folders = [
        folder
        for folder in root.iterdir()
        if folder.name in _RELEASE_FOLDERS or ((folder / "__init__.py").is_file() and folder.name not in _NOT_RELEASE)
    ]
    paths = [path for folder in folders for path in folder.rglob("*") if path.suffix in _RELEASE_SUFFIXES]
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def page_key(kind: str, *parts: object, request: HttpRequest) -> str:
    """The key of the page at the request's address in its language, for this release and these versions."""
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return ":".join([kind, release(), *map(str, parts), get_language() or "", address])


def keep(response: HttpResponse) -> CachedPage:
    return CachedPage(
        gzipped=compress_string(response.content),
        content_type=response["Content-Type"],
        etag=f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
        rendered_at=timezone.now(),
    )


def answer(request: HttpRequest, page: CachedPage, *, conditional: bool) -> HttpResponseBase:
    """The kept page, compressed when the client takes gzip; `conditional`: with its ETag and Last-Modified,
    and 304 when the client's copy matches.
    """
    # One page, two encodings: the compressed one has a weak ETag, as Django's GZipMiddleware gives it.
    compressed = bool(re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")))
    response: HttpResponseBase | None = None
    if conditional:
        response = get_conditional_response(request, etag=page.etag, last_modified=int(page.rendered_at.timestamp()))
    if response is None:
        body = page.gzipped if compressed else gzip.decompress(page.gzipped)  # browsers all take gzip
        response = HttpResponse(body, content_type=page.content_type)
        if compressed:
            response.headers["Content-Encoding"] = "gzip"
    if conditional:
        response.headers["ETag"] = f"W/{page.etag}" if compressed else page.etag
        response.headers["Last-Modified"] = http_date(page.rendered_at.timestamp())
    return response
