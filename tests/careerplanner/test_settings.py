"""Settings chosen by the environment: the services of several instances, and the local defaults without them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from careerplanner.env import env_rate, env_url

ROOT = Path(__file__).resolve().parents[2]
SHOW = """
import json
from careerplanner import settings as s
print(json.dumps([s.CACHES["default"], s.SESSION_ENGINE if hasattr(s, "SESSION_ENGINE") else "default",
                  s.STORAGES["private"]], default=str))
"""


def _settings_with(**env: str) -> list:
    """What careerplanner.settings chooses in a fresh process with this environment (DEBUG off, as in production)."""
    base = {"PATH": os.environ["PATH"], "DEBUG": "0", "SECRET_KEY": "settings-test", "PRIVATE_MEDIA_ROOT": "/srv/pm"}
    done = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=base | env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_without_services_the_cache_is_in_memory_sessions_in_the_database_and_certificates_on_disk():
    assert _settings_with() == [
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "default",
        {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": "/srv/pm"}},
    ]


def test_redis_and_a_bucket_are_chosen_by_the_environment():
    chosen = _settings_with(
        REDIS_URL="redis://cache.internal:6379/1",
        PRIVATE_MEDIA_BUCKET="certificates",
        S3_ENDPOINT_URL="https://s3.example.org",
        S3_REGION="eu-west-1",
    )

    assert chosen == [
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://cache.internal:6379/1",
            "KEY_PREFIX": "careerplanner",
        },
        "django.contrib.sessions.backends.cached_db",
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "certificates",
                "endpoint_url": "https://s3.example.org",
                "region_name": "eu-west-1",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    ]


def test_an_address_is_read_when_set_and_refused_when_malformed(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6390/0")
    monkeypatch.setenv("BAD_URL", "127.0.0.1:6390")
    monkeypatch.setenv("EMPTY_URL", " ")

    assert (env_url("REDIS_URL", ("redis",)), env_url("EMPTY_URL", ("redis",)), env_url("UNSET_URL", ("redis",))) == (
        "redis://127.0.0.1:6390/0",
        None,
        None,
    )
    with pytest.raises(ImproperlyConfigured) as error:
        env_url("BAD_URL", ("redis", "rediss"))
    assert str(error.value) == "BAD_URL='127.0.0.1:6390' is not an address starting redis:// or rediss://."


def test_an_api_rate_is_read_when_set_and_refused_when_its_period_is_not_a_full_word(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GOOD_RATE", "120/hour")
    monkeypatch.setenv("MONTHLY_RATE", "10/month")  # the throttle would read "m" as a minute

    assert (env_rate("GOOD_RATE", "60/minute"), env_rate("UNSET_RATE", "60/minute")) == ("120/hour", "60/minute")
    with pytest.raises(ImproperlyConfigured) as error:
        env_rate("MONTHLY_RATE", "60/minute")
    assert str(error.value) == (
        "MONTHLY_RATE='10/month' is not a rate such as 60/minute (per second, minute, hour or day)."
    )
