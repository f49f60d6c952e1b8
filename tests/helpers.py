"""Client helpers tests of several apps share. Not collected: the name does not start with test_."""

from __future__ import annotations

from django.conf import settings
from django.test import Client


def in_spanish(client: Client) -> Client:
    """The client asks for Spanish from now on, as the language menu leaves it.

    The thread stays in Spanish after such a request: tests/conftest.py `site_language` puts it back.
    """
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return client
