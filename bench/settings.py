"""Settings for the page benchmark (bench/pages.py): the product's own settings, served as in production.

The product reads its settings from the environment, so this module sets the
variables it needs first (DEBUG off, a secret key, the benchmark's database,
manifest static files) and then imports careerplanner.settings unchanged:
CONN_MAX_AGE, the middleware and everything else stay whatever the product
makes them. It adds only what the benchmark needs: its URLconf with the floor
views (bench/urls.py), a static root that bench/pages.py fills with
collectstatic, and, outermost, a middleware that reports each response's
query count in an X-Queries header.

Environment: BENCH_DATABASE_URL (default: careerplanner_bench on the local
cluster) and BENCH_STATIC_ROOT (default: a folder in the system's temp dir).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

BENCH_DATABASE_URL = "postgres://careerplanner:careerplanner@127.0.0.1:5432/careerplanner_bench"

# Set, not defaulted: a DATABASE_URL or DEBUG=1 left in a shell must not point the benchmark elsewhere.
os.environ["DEBUG"] = "0"
os.environ["SECRET_KEY"] = "bench-only-secret-key-for-a-local-benchmark-never-for-production"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", BENCH_DATABASE_URL)
os.environ["STATIC_MANIFEST"] = "1"

from careerplanner.settings import *  # noqa: E402, F403
from careerplanner.settings import MIDDLEWARE  # noqa: E402

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", Path(tempfile.gettempdir()) / "careerplanner-bench-static"))
# Outermost, so that it counts the session and user queries of the middleware below it too.
MIDDLEWARE = ["bench.urls.QueryCountMiddleware", *MIDDLEWARE]
