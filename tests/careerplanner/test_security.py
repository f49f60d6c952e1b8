"""Security settings from the environment, the headers every answer carries, private pages kept out of
caches, the client's address behind proxies, and the cache-backed rate limit."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.template import loader
from django.test import Client, RequestFactory, override_settings

from careerplanner.ratelimit import RateLimit
from careerplanner.security import client_ip
from tests.factories import CareerProfileFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
SHOW = """
import json
from careerplanner import settings as s
print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,
                  s.SECURE_HSTS_PRELOAD, s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE, s.TRUSTED_PROXY_COUNT]))
"""
YEAR = 365 * 24 * 60 * 60


def _run(code: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ["PATH"], "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50)}
    return subprocess.run(code, cwd=ROOT, env=base | env, capture_output=True, text=True, check=False)


def _security_settings(**env: str) -> list:
    done = _run([sys.executable, "-c", SHOW], **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# ------------------------------------------------------------------ settings from the environment


def test_a_site_on_http_or_in_debug_turns_none_of_the_https_settings_on():
    assert _security_settings() == [False, 0, False, False, None, False, 0]
    assert _security_settings(DEBUG="1", SITE_ROOT="https://planner.example.org") == [
        False,
        0,
        False,
        False,
        None,
        False,
        0,
    ]


def test_a_site_on_https_redirects_to_https_and_sends_hsts_for_a_year():
    assert _security_settings(SITE_ROOT="https://planner.example.org") == [True, YEAR, True, True, None, True, 0]


def test_each_https_setting_and_the_proxy_headers_come_from_the_environment():
    chosen = _security_settings(
        SITE_ROOT="https://planner.example.org",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="no",
        SECURE_HSTS_PRELOAD="off",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        TRUSTED_PROXY_COUNT="2",
    )

    assert chosen == [False, 3600, False, False, ["HTTP_X_FORWARDED_PROTO", "https"], True, 2]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https"},
            "SECURE_PROXY_SSL_HEADER='X-Forwarded-Proto: https' is not an HTTP header name, e.g. X-Forwarded-Proto.",
        ),
        ({"TRUSTED_PROXY_COUNT": "-1"}, "TRUSTED_PROXY_COUNT cannot be negative."),
        ({"SECURE_HSTS_SECONDS": "a year"}, "SECURE_HSTS_SECONDS='a year' is not a whole number."),
        ({"LOGIN_FAILURE_LIMIT": "0"}, "LOGIN_FAILURE_LIMIT and LOGIN_LOCKOUT_MINUTES must be at least 1."),
    ],
)
def test_a_malformed_security_setting_stops_start_up(env: dict[str, str], message: str):
    done = _run([sys.executable, "-c", SHOW], **env)

    assert done.returncode != 0
    assert done.stderr.strip().splitlines()[-1] == f"django.core.exceptions.ImproperlyConfigured: {message}"


def test_check_deploy_is_clean_with_production_settings():
    done = _run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SITE_ROOT="https://planner.example.org",
        ALLOWED_HOSTS="planner.example.org",
    )

    assert (done.returncode, done.stdout.strip(), done.stderr) == (
        0,
        "System check identified no issues (0 silenced).",
        "",
    )


# ------------------------------------------------------------------ headers


POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'sha256-byB6YOOF4CeuxvzLNhb7mMM0vW5C30aWLKDDd9xitj8='",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
PERMISSIONS = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/certifications/", "/accounts/login/", "/no-such-page/"])
def test_every_page_sends_the_content_security_and_permissions_policies(client: Client, url: str):
    response = client.get(url)

    directives = dict(part.split(" ", 1) for part in response["Content-Security-Policy"].split("; "))
    assert (directives, response["Permissions-Policy"]) == (POLICY, PERMISSIONS)


def _style_hash(template: str) -> str:
    """The hash of the page's inline style as the browser gets it (rendered as Django's error views do)."""
    match = re.search(r"<style>(.*?)</style>", loader.get_template(template).render(), flags=re.S)
    assert match is not None
    return "'sha256-" + base64.b64encode(hashlib.sha256(match.group(1).encode()).digest()).decode() + "'"


def test_the_error_pages_inline_style_is_the_one_the_policy_allows():
    assert {_style_hash("400.html"), _style_hash("500.html")} == {settings.ERROR_PAGE_STYLE_HASH}


def test_every_whole_percent_has_a_width_class():
    css = (ROOT / "careerplanner" / "static" / "careerplanner" / "percent.css").read_text()

    assert re.findall(r"^\.pct-(\d+) \{ width: (\d+)%; \}$", css, flags=re.M) == [(str(n), str(n)) for n in range(101)]


# ------------------------------------------------------------------ private pages


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/dashboard/", "/profile/", "/roadmaps/", "/ceus/", "/wallet/", "/account/", "/certifications/"]
)
def test_a_signed_in_persons_pages_are_kept_by_no_cache(client: Client, url: str):
    profile = CareerProfileFactory()
    client.force_login(profile.user)

    response = client.get(url)

    assert (response.status_code, response["Cache-Control"]) == (200, "private, no-store")


@pytest.mark.django_db
def test_pages_that_say_how_to_cache_themselves_keep_it(client: Client):
    anonymous_catalogue = client.get("/certifications/")
    client.force_login(CareerProfileFactory().user)
    export = client.get("/ceus/export.csv")

    assert anonymous_catalogue["Cache-Control"] == "no-cache"
    assert export["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


# ------------------------------------------------------------------ the client's address


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "10.0.0.2"),  # no proxy trusted: what a client sends is ignored
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # a client's own entry, left of the proxy's, is not believed
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.2"),  # fewer entries than proxies: it did not come through them all
        (1, "", "10.0.0.2"),
    ],
)
def test_the_client_address_is_read_from_x_forwarded_for_only_through_trusted_proxies(
    proxies: int, forwarded: str, expected: str
):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request) == expected


# ------------------------------------------------------------------ rate limit


def test_a_rate_limit_allows_its_limit_in_a_window_then_says_how_long_to_wait():
    limit = RateLimit("test", 3, 3600)
    with time_machine.travel("2026-03-02 10:15:00 +0000", tick=False) as clock:
        allowed = [limit.hit("Maya@example.org") for _ in range(3)]
        refused = limit.hit("maya@example.org ")  # the same key, whatever its case and spaces
        other = limit.hit("lee@example.org")
        clock.shift(45 * 60 - 1)
        still = limit.hit("maya@example.org")
        clock.shift(1)
        again = limit.hit("maya@example.org")

    assert (allowed, refused, other, still, again) == ([0, 0, 0], 45, 0, 1, 0)


def test_a_rate_limit_keeps_no_address_in_the_cache_as_typed():
    RateLimit("test", 3, 3600).hit("maya@example.org")

    keys = list(cache._cache.keys())  # type: ignore[attr-defined]  # LocMemCache, under test

    assert len(keys) == 1
    assert "maya" not in keys[0]


@pytest.mark.django_db
def test_a_signed_in_page_runs_no_query_for_the_cache_header(client: Client, django_assert_num_queries):
    client.force_login(UserFactory())

    with django_assert_num_queries(3):  # session, user, API token: what the account page reads anyway
        response = client.get("/account/")

    assert response["Cache-Control"] == "private, no-store"
