"""Career Planner settings: one module, configured through the environment.

Every value that differs between a laptop and production is read with the
strict helpers in careerplanner.env. The defaults are safe for local use:
SQLite, DEBUG off unless asked for, and a development secret key that is
refused when DEBUG is off.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from careerplanner.env import (
    env_bool,
    env_https_header,
    env_int,
    env_is_set,
    env_list,
    env_rate,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: the development key is refused when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Where the site is served, for addresses outside a page: e-mails and the calendar feed's events.
# A page shows addresses on SITE_ROOT only when it is set; otherwise it builds them from the
# request, right wherever the site is served (the default only suits the development server).
SITE_ROOT = env_str("SITE_ROOT", "http://127.0.0.1:8000")
SITE_ROOT_IS_SET = env_is_set("SITE_ROOT")

INSTALLED_APPS = [
    "nested_admin",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "axes",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "certifications",
    "roadmap",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed (86 KB of roadmap HTML becomes ~8 KB); static files are already served compressed by
    # WhiteNoise above. Django's GZip adds random bytes to each response against BREACH-style attacks.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of each page: the visitor's choice (LANGUAGE_COOKIE_NAME, set by the switcher in
    # templates/base.html), else their browser's Accept-Language, else LANGUAGE_CODE. After the sessions,
    # before CommonMiddleware, as Django asks. Addresses are the same in every language (no prefix).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "careerplanner.security.PrivatePagesMiddleware",
    # After a signed-in request that may change something, the person's kept pages are out of date.
    "roadmap.page_cache.ChangesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerplanner.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "careerplanner.wsgi.application"

# A connection is kept open between requests (a new PostgreSQL connection costs ~18 ms, a query on an
# open one ~0.2 ms) and checked before a request reuses it, so a restarted database costs one error-free
# reconnect, not a failed request.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if not DATABASES["default"].get("ENGINE"):
    raise ImproperlyConfigured("DATABASE_URL names a database engine Django does not know.")
# SQLite: two requests writing at once wait for each other instead of one failing with "database is locked".
# A transaction takes the write lock when it starts (IMMEDIATE): taken halfway, after a read, SQLite cannot
# wait for it and fails at once. A writer waits up to 20 s for it; readers go on meanwhile (WAL), and WAL
# needs a sync to disk only at checkpoints (NORMAL; a power cut may lose the last commits, never the file).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# The site in English and Spanish (issue 11): texts in locale/<language>/LC_MESSAGES/django.po, compiled by
# `make setup` (the .mo files are built, never committed). Dates and numbers follow the language's formats,
# with the English date the site has always written in careerplanner/formats/.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["careerplanner.formats"]
# The language a visitor chose is remembered for a year (secure like the session cookie, below).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Each instance serves its own copy, made by `manage.py collectstatic` when it is deployed.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Bootstrap is installed from the npm registry by `npm ci` (package.json + lock);
# it is served from node_modules rather than copied into the repository.
STATICFILES_DIRS = [
    BASE_DIR / "careerplanner" / "static",
    ("bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded CEU certificates: never served as static or media files, only by a view that checks the owner.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
# Several instances share the certificates in an S3-compatible bucket instead (roadmap.models.private_storage):
# private objects, signed addresses that the site never hands out (ceu_views streams each file to its owner).
# Credentials come from boto3's usual places: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or the host's role.
PRIVATE_MEDIA_BUCKET = env_str("PRIVATE_MEDIA_BUCKET", "")
if PRIVATE_MEDIA_BUCKET:
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": PRIVATE_MEDIA_BUCKET,
            "endpoint_url": env_url("S3_ENDPOINT_URL", ("http", "https")),
            "region_name": env_str("S3_REGION", "") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    STORAGES["private"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    }

# One process's memory by default. With REDIS_URL, every instance shares one Redis: the catalogue pages
# (certifications.page_cache) and the sessions. Sessions are then read from Redis and written through to
# the database (cached_db): no query per request, and an emptied or restarted Redis signs nobody out.
# Without Redis they stay in the database alone, which every instance shares too; a per-process cache
# in front of them would keep showing a signed-out session as signed in on the other processes.
REDIS_URL = env_url("REDIS_URL", ("redis", "rediss", "unix"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "careerplanner",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "roadmap:dashboard"
LOGOUT_REDIRECT_URL = "home"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Career Planner <noreply@localhost>")

SECURE_CONTENT_TYPE_NOSNIFF = True
# A site served over HTTPS (SITE_ROOT) says so to browsers: secure cookies, HTTP redirected to HTTPS, and HSTS
# (a year, subdomains and preload: what `check --deploy` asks for). Each can be set on its own.
_HTTPS_SITE = not DEBUG and SITE_ROOT.startswith("https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", _HTTPS_SITE)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _HTTPS_SITE)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60 if _HTTPS_SITE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", _HTTPS_SITE)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", _HTTPS_SITE)
# Behind a proxy that terminates TLS the site sees plain HTTP: the proxy's header says what the browser used.
SECURE_PROXY_SSL_HEADER = env_https_header("SECURE_PROXY_SSL_HEADER")
# How many proxies append to X-Forwarded-For in front of the site: the client address for rate limits and
# log-in lockouts is read from it only then (careerplanner.security.client_ip), never from what a client sent.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT cannot be negative.")

# Scripts and styles from this site only, never inline: an injected <script> or style attribute does nothing.
# Bootstrap's icons are data: images. htmx is told not to add its inline indicator style (templates/base.html).
# The one inline style allowed is the error pages' own (templates/_bare_page.html, the shell of 400 and 500,
# uses no static files), by its hash: tests/careerplanner/test_security.py checks it against the rendered pages.
ERROR_PAGE_STYLE_HASH = "'sha256-byB6YOOF4CeuxvzLNhb7mMM0vW5C30aWLKDDd9xitj8='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, ERROR_PAGE_STYLE_HASH],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The site uses none of these browser features; nothing it embeds may either.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Log-in lockouts (django-axes): LOGIN_FAILURE_LIMIT failed log-ins for one username, or from one client
# address, lock that username or address out for LOGIN_LOCKOUT_MINUTES after the last of them. The database
# handler keeps the attempts where every instance sees them, and lists them in the admin, where deleting one
# (or `manage.py axes_reset_username NAME`) unlocks at once. Attempts made while locked out are refused
# without extending the lockout, so the page can say when it ends. Successful log-ins are not logged.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
AXES_COOLOFF_TIME = timedelta(minutes=_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "careerplanner.security.client_ip"
AXES_LOCKOUT_CALLABLE = "roadmap.profiles.account_views.locked_out"
AXES_DISABLE_ACCESS_LOG = True
if AXES_FAILURE_LIMIT < 1 or _LOCKOUT_MINUTES < 1:
    raise ImproperlyConfigured("LOGIN_FAILURE_LIMIT and LOGIN_LOCKOUT_MINUTES must be at least 1.")

# The read-only JSON API under /api/v1/ (certifications.api, roadmap.plans.api): JSON only (the browsable page is the
# OpenAPI one at /api/v1/docs/), signed in by session or by a personal token (made on the account page),
# pages of PAGE_SIZE items, and a request rate per client address (anonymous) or per person (signed in),
# counted in the default cache (shared through Redis when several instances run).
API_RATE_ANONYMOUS = env_rate("API_RATE_ANONYMOUS", "60/minute")
API_RATE_SIGNED_IN = env_rate("API_RATE_SIGNED_IN", "600/minute")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so an anonymous request for private data is told how to sign in (401, WWW-Authenticate: Token).
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["careerplanner.api.AnonymousRate", "careerplanner.api.SignedInRate"],
    "DEFAULT_PAGINATION_CLASS": "careerplanner.api.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # ?format= would choose a renderer; with JSON alone it could only answer 404.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Career Planner API",
    "DESCRIPTION": "The medical-coding certification catalogue (certifications, CEU policies, training programs and "
    "the sources of every figure), and a signed-in person's own roadmaps. Read-only. A figure nobody has verified "
    "is null, never 0. Amounts are US dollars, as decimal strings.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's files come from the drf-spectacular-sidecar package, served as this site's static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge fetched from swagger.io's validator: the page talks to this site only.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None},
    # Choice sets used by several fields: one name each in the schema.
    "ENUM_NAME_OVERRIDES": {
        "EducationLevelEnum": "certifications.choices.EducationLevel",
        "QualificationEnum": "certifications.choices.Qualification",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
