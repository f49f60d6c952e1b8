"""Strict readers for settings that come from the environment.

A malformed value stops start-up with ImproperlyConfigured instead of being
silently replaced by a default: a typo in DEBUG must not turn debugging on.
"""

from __future__ import annotations

import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_is_set(name: str) -> bool:
    """Whether the variable is set to something, for a setting whose default only suits a laptop."""
    return os.environ.get(name, "").strip() != ""


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name: str, schemes: tuple[str, ...]) -> str | None:
    """An address with one of the schemes (e.g. redis://host:6379/0), or None when the variable is unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    scheme, separator, rest = raw.partition("://")
    if not separator or scheme.lower() not in schemes or not rest:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not an address starting {' or '.join(s + '://' for s in schemes)}."
        )
    return raw


def env_https_header(name: str) -> tuple[str, str] | None:
    """SECURE_PROXY_SSL_HEADER from a header name (X-Forwarded-Proto): a request is secure when it says "https".

    None when unset. Set it only when the proxy in front always sets (or strips) that header itself:
    otherwise a client could send it and pass for HTTPS.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[A-Za-z0-9-]+", raw):
        raise ImproperlyConfigured(f"{name}={raw!r} is not an HTTP header name, e.g. X-Forwarded-Proto.")
    return ("HTTP_" + raw.upper().replace("-", "_"), "https")


def env_rate(name: str, default: str) -> str:
    """A request rate as Django REST framework's throttles read it: a whole number, a slash and a period.

    Only the full words second, minute, hour and day are taken: the throttle reads just the period's first
    letter, so "10/month" would quietly mean ten a minute.
    """
    raw = os.environ.get(name, "").strip() or default
    if not re.fullmatch(r"[1-9][0-9]*/(second|minute|hour|day)", raw):
        raise ImproperlyConfigured(f"{name}={raw!r} is not a rate such as 60/minute (per second, minute, hour or day).")
    return raw
