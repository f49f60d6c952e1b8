"""What a signed-in view may assume about its request, for type checking (one definition for every view module)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class AuthedRequest(HttpRequest):
    """A request that went through @login_required and django-htmx's middleware (which runs for every request)."""

    user: User
    htmx: HtmxDetails
