"""Test settings: only make the suite faster, never change behaviour."""

import atexit
import os
import shutil
import tempfile

# The development key is refused when DEBUG is off (as it is under test).
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("STATIC_MANIFEST", "0")
# Uploaded files from tests go to a throwaway folder, not the developer's own: made by the first process
# that reads these settings (the test workers and servers it starts inherit it), removed when it exits.
if "PRIVATE_MEDIA_ROOT" not in os.environ:
    os.environ["PRIVATE_MEDIA_ROOT"] = tempfile.mkdtemp(prefix="careerplanner-test-media-")
    atexit.register(shutil.rmtree, os.environ["PRIVATE_MEDIA_ROOT"], ignore_errors=True)

from careerplanner.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# tests/roadmap/test_races.py runs its threads again with the SQLite test database in this file: threads
# cannot share Django's in-memory test database the way requests share a file (nor wait for each other on it).
if os.environ.get("TEST_SQLITE_FILE") and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_SQLITE_FILE"]}  # noqa: F405
