"""PDF downloads: a template rendered to HTML, then laid out for paper by WeasyPrint.

WeasyPrint needs Debian's Pango (installed by the Makefile's `setup`). The PDF templates load their
stylesheets with `{% static %}`; WeasyPrint reads them from disk through the staticfiles finders (or,
after `collectstatic`, from the collected copies), never over HTTP, and may fetch nothing else: a
user's note or resource link can never make the server request an address.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The address the documents are rendered at: only the path of a stylesheet's address matters.
BASE_URL = "https://careerplanner.invalid/"
CSS_TYPE = {"Content-Type": "text/css; charset=utf-8"}


class StaticFilesFetcher(URLFetcher):
    """Serves the site's static files to WeasyPrint from disk and refuses every other address.

    A stylesheet that cannot be read stops the rendering (an unstyled PDF would be a silent failure).
    """

    def __init__(self) -> None:
        super().__init__(fail_on_errors=True)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        name = _static_name(url)
        if name is None:
            raise ValueError(f"Only the site's static files are read into a PDF, not {url}")
        path = finders.find(name)
        if isinstance(path, str):
            with open(path, "rb") as handle:
                return URLFetcherResponse(url, handle.read(), CSS_TYPE if name.endswith(".css") else {})
        # With the hashed manifest (DEBUG off), {% static %} names the collected copy.
        if staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as handle:
                return URLFetcherResponse(url, handle.read(), CSS_TYPE if name.endswith(".css") else {})
        raise FileNotFoundError(f"No static file {name}")


def _static_name(url: str) -> str | None:
    """The static file an address names ("careerplanner/pdf.css"), or None when it names none."""
    static = urlsplit(urljoin(BASE_URL, settings.STATIC_URL))
    parts = urlsplit(url)
    path = unquote(parts.path)
    if (parts.scheme, parts.netloc) != (static.scheme, static.netloc) or not path.startswith(static.path):
        return None
    name = path.removeprefix(static.path)
    return None if ".." in name.split("/") else name


def pdf_bytes(template: str, context: dict[str, Any], request: HttpRequest) -> bytes:
    """The template rendered for `request` and laid out as a PDF document."""
    html = render_to_string(template, context, request=request)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher())
    return bytes(document.write_pdf())


def pdf_response(template: str, context: dict[str, Any], request: HttpRequest, *, filename: str) -> HttpResponse:
    """The PDF as a download named `filename`."""
    response = HttpResponse(pdf_bytes(template, context, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
