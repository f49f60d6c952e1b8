"""Test settings: only make the suite faster, never change behaviour."""

import os
import tempfile

# The development key is refused when DEBUG is off (as it is under test).
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("STATIC_MANIFEST", "0")
# Uploaded files from tests go to a throwaway folder, not the developer's own.
os.environ.setdefault("PRIVATE_MEDIA_ROOT", tempfile.mkdtemp(prefix="careerplanner-test-media-"))

from careerplanner.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
