"""What every view module shares about requests: what a signed-in view may assume (for type checking), and
the site's own addresses outside a request."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.urls import reverse
from django_htmx.middleware import HtmxDetails


class AuthedRequest(HttpRequest):
    """A request that went through @login_required and django-htmx's middleware (which runs for every request)."""

    user: User
    htmx: HtmxDetails


def site_url(viewname: str, *args: object, fragment: str = "") -> str:
    """An absolute address on this site, from SITE_ROOT: e-mails and feeds have no request to build it from."""
    url = settings.SITE_ROOT.rstrip("/") + reverse(viewname, args=args)
    return f"{url}#{fragment}" if fragment else url
