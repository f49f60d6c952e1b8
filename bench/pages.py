"""How fast the site's pages are served, each against the least any page costs on the same server (issue 9).

Run:  make bench                      (installs wrk, starts PostgreSQL, creates the database)
      .venv/bin/python bench/pages.py [--users 100000] [--rounds 3] [--duration 3] [--pages roadmap,post]

What it does. It fills its own PostgreSQL database (careerplanner_bench; never the product's): the
migrations, the catalogue (load_catalogue), then 1,000 users. The first user is made through the
product's own services: a profile (a high-school graduate who holds CBCS), CEU activities, a
membership, and a roadmap to CCS planned and saved by make_plan/save_roadmap (21 steps, two of them
done). The other users are copies of the first made in bulk with INSERT ... SELECT. It then starts
gunicorn as production does (2 sync workers, DEBUG off, manifest static files after collectstatic)
with bench.settings: the product's settings unchanged, plus the floor views (bench/urls.py) and a
middleware that reports each response's query count in an X-Queries header. wrk loads each page
and then its floor, in turn, for several rounds: as many connections as gunicorn workers, each
signed in as a user of its own, so that no two requests wait on the same rows (wrk scripts:
bench/wrk.lua). The POST alternates one step between not started and in progress: each is a change.

How to read the table.
- req/s: requests per second over the whole server, the median of the rounds.
- floor req/s: the same for the page's floor: a tiny response through the same server and
  middleware; anonymous for public pages, signed in (session and user read) for private pages, and
  a signed-in, CSRF-checked POST for the step status change. Measured between the page's own
  rounds, so a machine that slows down slows both.
- ÷ floor: each round's req/s divided by the same round's floor req/s, the median of the rounds
  (so not always the quotient of the two columns). The machine's speed cancels out of it: 0.5
  means the page costs the server twice what the least page costs; 0.05, twenty times. What every
  request pays (a database connection, the session and the user) is in the floor too: a change to
  that, such as keeping connections open, moves both, so across commits read req/s as well
  (req/s compare only on one machine). The lines under the table give each round's ratio: rounds
  far apart mean other work on the machine disturbed the run (the load average is printed too).
- p50 ms, p99 ms: latency percentiles of the page's requests (wrk), median of the rounds.
- queries/request: SQL queries per request (X-Queries) that most responses under load reported;
  other counts seen are noted, and the count of one request made before the load when it differs
  (a worker's first request also fills the caches a process keeps).
A row that met an error, a timeout or any response other than 200 says FAILED instead of figures.

The row "reference: the change's writes and reads only" is not a page of the site: it is the least a
status change can cost (bench.urls.floor_write), measured against the POST floor. It makes the
change's writes (the step's status, only if still the status shown, and the person's page version,
in one transaction) and reads the roadmap's steps, which any answer showing the progress box and the
next step must read, and renders nothing. What the status change costs beyond it is its own work:
the dates worked out again, the step, the progress box and the timeline drawn.

--users N (over 1,000) then adds users in bulk up to N (about 21 steps each: 2.1 million steps at
100,000), measures the private pages again and prints each one's p95 latency at N against its p95
at 1,000 users: a ratio near 1 means the page does not slow down as the tables grow.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import commit, load_average, machine  # noqa: E402

PG_SERVER = "postgres://careerplanner:careerplanner@127.0.0.1:5432"
DEFAULT_DATABASE = "careerplanner_bench"
BASE_USERS = 1000
COPY_CHUNK = 5000  # users copied per INSERT ... SELECT
PLAN_CODE = "CCS"  # a beginner holding CBCS planning CCS: 21 steps, through a CIC route
HELD_CODE = "CBCS"
DONE_KEYS = ("knowledge:icd-10-cm", "knowledge:icd-10-pcs")  # marked done, through the product's service
POST_STEP_KEY = "knowledge:medical-terminology"  # the step whose status the POST row changes, back and forth
POST_STATUSES = ("not_started", "in_progress")
PASSWORD = "bench-password-not-a-secret"
HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Encoding": "gzip",
    "User-Agent": "careerplanner-bench",
}
WRK_LUA = Path(__file__).resolve().parent / "wrk.lua"


# ------------------------------------------------------------------ options


def options(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Page requests per second against a floor, on gunicorn and PostgreSQL (see the module docstring)."
    )
    parser.add_argument(
        "--users",
        type=int,
        default=BASE_USERS,
        help="users in the data set (default 1000); above 1000, the private pages are measured at 1000, then "
        "again after a bulk fill to this many, and their p95 compared",
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds of page then floor (default 3)")
    parser.add_argument("--duration", type=int, default=3, help="whole seconds of load per page or floor per round")
    parser.add_argument(
        "--warmup", type=int, default=1, help="whole seconds of load per page and floor before the rounds"
    )
    parser.add_argument("--connections", type=int, default=2, help="wrk connections (one thread, one user each)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--timeout", type=int, default=10, help="wrk's request timeout in seconds")
    parser.add_argument(
        "--database",
        default=DEFAULT_DATABASE,
        help=f"database name (default {DEFAULT_DATABASE}); created if missing, and its users replaced",
    )
    parser.add_argument(
        "--pages",
        default="",
        help="only these rows, by key, comma-separated (keys: " + ", ".join(page.key for page in PAGES) + ")",
    )
    args = parser.parse_args(argv)
    if args.connections < 1 or args.connections > min(args.users, BASE_USERS):
        parser.error("need at least one connection, and no more connections than users (one user each)")
    if args.rounds < 1 or args.duration <= 0:
        parser.error("need at least one round of some length")
    unknown = set(filter(None, args.pages.split(","))) - {page.key for page in PAGES}
    if unknown:
        parser.error(f"unknown page keys: {', '.join(sorted(unknown))}")
    return args


# ------------------------------------------------------------------- pages


@dataclass(frozen=True)
class PageDef:
    key: str
    name: str
    floor: str  # "public", "private" or "post"
    url: str  # a URL name; roadmap:detail and roadmap:step_status take the visitor's roadmap (and step)
    args: tuple[str, ...] = ()
    query: str = ""


PAGES = (
    PageDef("roadmap", "roadmap page", "private", "roadmap:detail"),
    PageDef("post", "step status POST (htmx)", "post", "roadmap:step_status"),
    PageDef("write", "reference: the change's writes and reads only", "post", "bench_floor_write"),
    PageDef("dashboard", "dashboard", "private", "roadmap:dashboard"),
    PageDef("ceus", "CEU page", "private", "ceus:list"),
    PageDef("preview", f"plan preview ({PLAN_CODE})", "private", "roadmap:preview", (PLAN_CODE,)),
    PageDef("recommendations", "recommendations", "private", "roadmap:recommendations"),
    PageDef("catalogue", "catalogue list", "public", "certifications:list"),
    PageDef("certification", f"certification page ({PLAN_CODE})", "public", "certifications:detail", (PLAN_CODE,)),
    PageDef("compare", "compare (CPC, CCS)", "public", "certifications:compare", query="codes=CPC&codes=CCS"),
)
FLOORS = {"public": "bench_floor_public", "private": "bench_floor_private", "post": "bench_floor_post"}


@dataclass(frozen=True)
class Visitor:
    """A signed-in bench user, as one wrk connection: cookies, the form's CSRF token, their roadmap and step."""

    username: str
    session_key: str
    csrf_cookie: str
    csrf_token: str
    roadmap_pk: int
    step_pk: int

    def cookie(self, session_name: str, csrf_name: str) -> str:
        return f"{session_name}={self.session_key}; {csrf_name}={self.csrf_cookie}"


@dataclass(frozen=True)
class Target:
    """What one wrk run loads: per connection, a path, headers and the bodies it sends in turn."""

    label: str
    method: str
    paths: list[str]
    headers: list[dict[str, str]]
    bodies: list[list[str]] = field(default_factory=list)


@dataclass
class Run:
    rps: float
    p50: float  # ms
    p95: float
    p99: float
    queries: dict[str, int]
    problem: str


@dataclass
class Row:
    page: PageDef
    first_queries: str  # X-Queries of one request before the load
    first_problem: str = ""  # what was wrong with that request, if anything
    runs: list[Run] = field(default_factory=list)
    floors: list[Run] = field(default_factory=list)

    @property
    def queries(self) -> str:
        """The count of most responses under load; any other counts seen (how many times), and the first request's."""
        seen: dict[str, int] = {}
        for run in self.runs:
            for count, times in run.queries.items():
                seen[count] = seen.get(count, 0) + times
        if not seen:
            return self.first_queries
        usual = max(seen, key=lambda count: seen[count])
        notes = [
            f"{count} in {times} response{'s' if times > 1 else ''}"
            for count, times in sorted(seen.items())
            if count != usual
        ]
        if self.first_queries != usual:
            notes.append(f"first request {self.first_queries}")
        return f"{usual} ({'; '.join(notes)})" if notes else usual

    def problem(self) -> str:
        if self.first_problem:
            return self.first_problem
        return "; ".join(
            sorted(
                {r.problem for r in self.runs if r.problem} | {f"floor: {r.problem}" for r in self.floors if r.problem}
            )
        )

    def median(self, attribute: str, floor: bool = False) -> float:
        return statistics.median(getattr(run, attribute) for run in (self.floors if floor else self.runs))

    def ratios(self) -> list[float]:
        """Each round's req/s divided by the floor's of the same round."""
        return [run.rps / floor.rps for run, floor in zip(self.runs, self.floors, strict=True)]

    def ratio(self) -> float:
        return statistics.median(self.ratios())


# --------------------------------------------------------------- database


def ensure_database(name: str) -> None:
    """Create the benchmark's database, owned by the role careerplanner (which may create databases), if missing."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(*command: str) -> None:
    """A manage.py command on the benchmark's settings and database; its output is shown only if it fails."""
    done = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=os.environ.copy(), capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"manage.py {' '.join(command)} failed")


def username(number: int) -> str:
    return f"bench{number:06d}"


def create_first_user(today: date) -> int:
    """The user every other one copies, made as the site makes one: returns the user's pk."""
    from django.contrib.auth.models import User

    from certifications.models import Certification
    from roadmap.models import (
        PLANNER_PROFILE_PREFETCH,
        PLANNER_PROFILE_SELECT,
        CareerProfile,
        CeuActivity,
        HeldCredential,
        Membership,
        RoadmapStep,
    )
    from roadmap.plans.services import make_plan, save_roadmap, set_step_status

    user = User.objects.create_user(username(1), f"{username(1)}@example.org", PASSWORD)
    profile = CareerProfile.objects.create(user=user, education="high_school", hours_per_week=10, start_date=today)
    held_cert = Certification.objects.select_related("body").get(code=HELD_CODE)
    held = HeldCredential.objects.create(
        profile=profile, certification=held_cert, earned_on=today - timedelta(days=400)
    )
    Membership.objects.create(profile=profile, body=held_cert.body, renews_on=today + timedelta(days=120))
    for number in range(6):
        activity = CeuActivity.objects.create(
            profile=profile,
            completed_on=today - timedelta(days=30 + 50 * number),
            title=f"Coding webinar {number + 1}",
            provider="A coding school",
            ceus=Decimal("1.5"),
        )
        activity.credentials.set([held])
    profile = (
        CareerProfile.objects.select_related(*PLANNER_PROFILE_SELECT)
        .prefetch_related(*PLANNER_PROFILE_PREFETCH)
        .get(pk=profile.pk)
    )
    plan = make_plan(profile, PLAN_CODE, today=today)
    if not plan.feasible or POST_STEP_KEY not in {step.key for step in plan.steps}:
        raise SystemExit(f"the {PLAN_CODE} plan is not what the benchmark expects: {len(plan.steps)} steps")
    roadmap = save_roadmap(user=user, plan=plan, profile=profile, save_token=uuid.uuid4())
    for key in DONE_KEYS:
        step = RoadmapStep.objects.select_related("roadmap").get(roadmap=roadmap, key=key)
        set_step_status(step=step, status="done", expected="not_started", today=today)
    return user.pk


def copied_models() -> list[Any]:
    """The tables a user's data lives in, in an order where every foreign key's target comes first."""
    from django.contrib.auth.models import User

    from roadmap.models import CareerProfile, CeuActivity, HeldCredential, Membership, Roadmap, RoadmapStep

    return [
        User,
        CareerProfile,
        CareerProfile.studied_areas.through,
        Roadmap,
        RoadmapStep,
        HeldCredential,
        Membership,
        CeuActivity,
        CeuActivity.credentials.through,
    ]


def template_filters(user_pk: int) -> dict[Any, dict[str, Any]]:
    from django.contrib.auth.models import User

    from roadmap.models import CareerProfile, CeuActivity, HeldCredential, Membership, Roadmap, RoadmapStep

    return {
        User: {"pk": user_pk},
        CareerProfile: {"user_id": user_pk},
        CareerProfile.studied_areas.through: {"careerprofile__user_id": user_pk},
        Roadmap: {"user_id": user_pk},
        RoadmapStep: {"roadmap__user_id": user_pk},
        HeldCredential: {"profile__user_id": user_pk},
        Membership: {"profile__user_id": user_pk},
        CeuActivity: {"profile__user_id": user_pk},
        CeuActivity.credentials.through: {"ceuactivity__profile__user_id": user_pk},
    }


def copy_users(first_user: int, start: int, stop: int) -> None:
    """Users start+1..stop (numbered from 1), as copies of the first user's rows, in bulk.

    Copy g (1 for the second user) of a row whose id is i gets the id i + g*W, where W spans the
    first user's ids in that table: the first user's rows were the first ones made, so copies never
    collide, and each foreign key to a copied table moves by its target's W.
    """
    from django.db import connection, transaction
    from django.db.models import Count, Max, Min

    from roadmap.models import CareerProfile

    models = copied_models()
    filters = template_filters(first_user)
    spans: dict[str, tuple[int, int]] = {}
    for model in models:
        table = model._meta.db_table
        found = model.objects.filter(**filters[model]).aggregate(lo=Min("pk"), hi=Max("pk"), n=Count("pk"))
        if found["n"] == 0:
            continue
        if model.objects.filter(pk__range=(found["lo"], found["hi"])).count() != found["n"]:
            raise SystemExit(f"{table}: the first user's rows are not the first ones; regenerate the data")
        spans[table] = (found["lo"], found["hi"] - found["lo"] + 1)
    unique = {
        ("auth_user", "username"): "'bench' || lpad((g + 1)::text, 6, '0')",
        ("auth_user", "email"): "'bench' || lpad((g + 1)::text, 6, '0') || '@example.org'",
        (CareerProfile._meta.db_table, "calendar_token"): "t.calendar_token || '-' || g",
    }
    quote = connection.ops.quote_name
    statements = []
    for model in models:
        table = model._meta.db_table
        if table not in spans:
            continue
        lo, width = spans[table]
        columns, values = [], []
        for model_field in model._meta.concrete_fields:
            column = model_field.column
            columns.append(quote(column))
            target = model_field.related_model._meta.db_table if model_field.is_relation else ""
            if model_field.primary_key:
                values.append(f"t.{quote(column)} + g * {width}")
            elif target in spans:
                values.append(f"t.{quote(column)} + g * {spans[target][1]}")
            elif model_field.is_relation and target in {m._meta.db_table for m in models}:
                values.append(f"t.{quote(column)}")  # its target has no rows to copy, so it is empty
            else:
                values.append(unique.get((table, column), f"t.{quote(column)}"))
        statements.append(
            f"INSERT INTO {quote(table)} ({', '.join(columns)}) SELECT {', '.join(values)} "
            f"FROM {quote(table)} AS t CROSS JOIN generate_series(%s, %s) AS g "
            f"WHERE t.{quote(model._meta.pk.column)} BETWEEN {lo} AND {lo + width - 1}"
        )
    for chunk_start in range(start, stop, COPY_CHUNK):
        chunk_stop = min(chunk_start + COPY_CHUNK, stop)
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, [chunk_start, chunk_stop - 1])
        if stop - start > COPY_CHUNK:
            print(f"  ... {chunk_stop:,} users", file=sys.stderr, flush=True)
    with connection.cursor() as cursor:
        for table in spans:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT max(id) FROM {quote(table)}))", [table]
            )
        for table in spans:
            cursor.execute(f"VACUUM (ANALYZE) {quote(table)}")


def generate(users: int, today: date) -> int:
    """Replace every user with a fresh data set of `users` users; returns the first user's pk."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE auth_user, django_session RESTART IDENTITY CASCADE")
    first = create_first_user(today)
    copy_users(first, 1, users)
    return first


def describe_user(user_pk: int) -> str:
    """What each user has, read back from the database."""
    from roadmap.models import CeuActivity, HeldCredential, Membership, Roadmap, RoadmapStep

    roadmap = Roadmap.objects.get(user_id=user_pk)
    steps = RoadmapStep.objects.filter(roadmap=roadmap)
    held = HeldCredential.objects.filter(profile__user_id=user_pk).count()
    return (
        f"a {roadmap.certification_code} roadmap of {steps.count()} steps ({steps.filter(status='done').count()} "
        f"done), {held} held credential{'s' if held != 1 else ''}, "
        f"{CeuActivity.objects.filter(profile__user_id=user_pk).count()} CEU activities, "
        f"{Membership.objects.filter(profile__user_id=user_pk).count()} membership"
    )


def reset_post_steps(visitors: Sequence[Visitor]) -> None:
    """Every POST row starts from the same status: not started (wrk's first POST moves it to in progress)."""
    from roadmap.models import RoadmapStep

    RoadmapStep.objects.filter(pk__in=[v.step_pk for v in visitors]).update(
        status=POST_STATUSES[0], previous_status="", completed_on=None
    )


def post_step_status(visitor: Visitor) -> str:
    from roadmap.models import RoadmapStep

    return RoadmapStep.objects.get(pk=visitor.step_pk).status


def visitors_for(count: int) -> list[tuple[str, str, int, int]]:
    """(username, session key, roadmap pk, POST step pk) for the first `count` users: sessions made directly."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    from roadmap.models import RoadmapStep

    found = []
    for number in range(1, count + 1):
        user = User.objects.get(username=username(number))
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        # The backend that signs people in with a password (django-axes' comes first and only counts failures).
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        step = RoadmapStep.objects.get(roadmap__user=user, roadmap__is_active=True, key=POST_STEP_KEY)
        assert session.session_key is not None
        found.append((user.get_username(), session.session_key, step.roadmap_id, step.pk))
    return found


# ---------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    text: str


def fetch(port: int, method: str, path: str, headers: dict[str, str], body: str = "") -> Response:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body.encode() or None, headers={**HEADERS, **headers})
        reply = conn.getresponse()
        raw = reply.read()
        if reply.getheader("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        cookies = {}
        for name, value in reply.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key.strip()] = rest.split(";", 1)[0]
        return Response(reply.status, {k.lower(): v for k, v in reply.getheaders()}, cookies, raw.decode())
    finally:
        conn.close()


@contextlib.contextmanager
def gunicorn(port: int, workers: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """gunicorn serving this tree with bench.settings, until the block ends (also on errors and Ctrl-C)."""
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "careerplanner.wsgi",
        "--workers", str(workers),
        "--worker-class", "sync",
        "--bind", f"127.0.0.1:{port}",
        "--chdir", str(ROOT),
        "--no-control-socket",
    ]  # fmt: skip
    with log.open("ab") as out:
        server = subprocess.Popen(
            command, cwd=ROOT, env=os.environ.copy(), stdout=out, stderr=out, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn stopped at start:\n{log.read_text()[-3000:]}")
            with contextlib.suppress(OSError):
                if fetch(port, "GET", "/bench/floor/", {}).status == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer within a minute:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield server
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


# ------------------------------------------------------------------- load


def lua_string(text: str) -> str:
    if not text.isascii() or any(ord(c) < 32 for c in text):
        raise ValueError(f"not a plain ASCII string: {text!r}")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lua_config(target: Target) -> str:
    threads = []
    for index, path in enumerate(target.paths):
        headers = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in target.headers[index].items())
        bodies = ", ".join(lua_string(b) for b in (target.bodies[index] if target.bodies else []))
        threads.append(f"    {{ path = {lua_string(path)}, headers = {{ {headers} }}, bodies = {{ {bodies} }} }},")
    return (
        f"CONFIG = {{\n  method = {lua_string(target.method)},\n  threads = {{\n" + "\n".join(threads) + "\n  },\n}\n"
    )


def load(target: Target, port: int, seconds: int, timeout: int, work: Path) -> Run:
    """One wrk run: one thread and one connection per entry of the target's paths."""
    script = work / f"{re.sub(r'[^a-z0-9]+', '-', target.label.lower())}.lua"
    script.write_text(lua_config(target) + "\n" + WRK_LUA.read_text())
    connections = str(len(target.paths))
    command = ["wrk", "-t", connections, "-c", connections, "-d", f"{seconds}s", "--timeout", f"{timeout}s"]
    done = subprocess.run(
        [*command, "-s", str(script), f"http://127.0.0.1:{port}/"], capture_output=True, text=True, check=False
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH-JSON ")), None)
    if done.returncode != 0 or line is None:
        return Run(0, 0, 0, 0, {}, f"wrk failed: {(done.stderr or done.stdout).strip()[-300:]}")
    result = json.loads(line.removeprefix("BENCH-JSON "))
    errors = {name: count for name, count in result["errors"].items() if count}
    problems = []
    if result["requests"] == 0:
        problems.append("no response")
    if result["non200"]:
        problems.append(f"{result['non200']} of {result['requests']} responses not 200")
    if errors:
        problems.append("wrk errors " + ", ".join(f"{name} {count}" for name, count in errors.items()))
    return Run(
        rps=result["requests"] / (result["duration_us"] / 1e6),
        p50=result["p50_us"] / 1000,
        p95=result["p95_us"] / 1000,
        p99=result["p99_us"] / 1000,
        queries=result["queries"],
        problem="; ".join(problems),
    )


@dataclass
class Bench:
    port: int
    args: argparse.Namespace
    work: Path
    visitors: list[Visitor]
    session_name: str
    csrf_name: str
    today: date

    def targets(self, page: PageDef) -> tuple[Target, Target]:
        """The page's wrk target and its floor's: same headers, cookies and bodies."""
        from django.urls import reverse

        def page_path(visitor: Visitor) -> str:
            if page.url == "roadmap:detail":
                path = reverse(page.url, args=[visitor.roadmap_pk])
            elif page.url in ("roadmap:step_status", "bench_floor_write"):
                path = reverse(page.url, args=[visitor.roadmap_pk, visitor.step_pk])
            else:
                path = reverse(page.url, args=list(page.args))
            return f"{path}?{page.query}" if page.query else path

        origin = f"http://127.0.0.1:{self.port}"
        headers: list[dict[str, str]] = []
        bodies: list[list[str]] = []
        for visitor in self.visitors:
            if page.floor == "public":
                headers.append(dict(HEADERS))
                continue
            mine = {**HEADERS, "Cookie": visitor.cookie(self.session_name, self.csrf_name)}
            if page.floor == "post":
                detail = reverse("roadmap:detail", args=[visitor.roadmap_pk])
                mine.update({
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": origin,
                    "Referer": origin + detail,
                    "HX-Request": "true",
                    "HX-Current-URL": origin + detail,
                    "HX-Target": f"step-{visitor.step_pk}",
                    "X-CSRFToken": visitor.csrf_token,
                })  # fmt: skip
                bodies.append([self.status_body(visitor, a, b) for a, b in (POST_STATUSES, POST_STATUSES[::-1])])
            headers.append(mine)
        paths = [page_path(v) for v in self.visitors]
        floor_path = reverse(FLOORS[page.floor])
        method = "POST" if page.floor == "post" else "GET"
        return (
            Target(page.name, method, paths, headers, bodies),
            Target(f"{page.name} floor", method, [floor_path] * len(paths), headers, bodies),
        )

    def status_body(self, visitor: Visitor, expected: str, wanted: str) -> str:
        """The status form as the roadmap page posts it: token, status seen, done-on date, button pressed."""
        return (
            f"csrfmiddlewaretoken={visitor.csrf_token}&expected={expected}"
            f"&done_on={self.today.isoformat()}&status={wanted}"
        )

    def probe(self, page: PageDef) -> tuple[str, str]:
        """One request of the page and of its floor, as the first visitor, before the load.

        Returns the page's query count (X-Queries) and what is wrong, if anything: a status
        other than 200, or a POST that did not change the step's status.
        """
        target, floor = self.targets(page)
        if page.floor == "post":
            reset_post_steps(self.visitors)
        queries = "?"
        for checked in (target, floor):
            body = checked.bodies[0][0] if checked.bodies else ""
            reply = fetch(self.port, checked.method, checked.paths[0], checked.headers[0], body)
            if reply.status != 200:
                return queries, f"{checked.label}: {checked.method} {checked.paths[0]} answered {reply.status}"
            if checked is target:
                queries = reply.headers.get("x-queries", "?")
                if page.floor == "post" and post_step_status(self.visitors[0]) != POST_STATUSES[1]:
                    return queries, f"the POST left the step {post_step_status(self.visitors[0])}"
        return queries, ""

    def measure(self, page: PageDef) -> Row:
        """The page and its floor in turn, after a warm-up, unless the first request already fails."""
        queries, problem = self.probe(page)
        row = Row(page, queries, problem)
        if problem:
            print(f"  {page.name}: FAILED before the load: {problem}", file=sys.stderr, flush=True)
            return row
        target, floor = self.targets(page)
        if self.args.warmup > 0:
            if page.floor == "post":
                reset_post_steps(self.visitors)
            load(target, self.port, self.args.warmup, self.args.timeout, self.work)
            load(floor, self.port, self.args.warmup, self.args.timeout, self.work)
        for _ in range(self.args.rounds):
            if page.floor == "post":
                reset_post_steps(self.visitors)
            row.runs.append(load(target, self.port, self.args.duration, self.args.timeout, self.work))
            row.floors.append(load(floor, self.port, self.args.duration, self.args.timeout, self.work))
        print(f"  {page.name}: done", file=sys.stderr, flush=True)
        return row


# ----------------------------------------------------------------- report


def versions() -> str:
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    gunicorn_version = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--version"], capture_output=True, text=True
    ).stdout.strip()
    return f"Python {sys.version.split()[0]}, Django {django.get_version()}, PostgreSQL {postgres}, {gunicorn_version}"


def main_table(rows: Sequence[Row]) -> str:
    lines = [
        "| page | req/s | floor req/s | ÷ floor | p50 ms | p99 ms | queries/request |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        problem = row.problem()
        if problem:
            lines.append(f"| {row.page.name} | FAILED: {problem} | | | | | {row.queries} |")
            continue
        rps, floor = row.median("rps"), row.median("rps", floor=True)
        lines.append(
            f"| {row.page.name} | {rps:.1f} | {floor:.1f} | {row.ratio():.3f} | {row.median('p50'):.1f} "
            f"| {row.median('p99'):.1f} | {row.queries} |"
        )
    return "\n".join(lines)


def spread(rows: Sequence[Row]) -> str:
    """Each round's ratio, to tell a steady figure from a noisy one (other work on the machine)."""
    lines = ["", "÷ floor in each round:"]
    for row in rows:
        if not row.problem():
            ratios = " ".join(f"{ratio:.3f}" for ratio in row.ratios())
            lines.append(f"- {row.page.name}: {ratios}")
    return "\n".join(lines)


def growth_table(before: Sequence[Row], after: Sequence[Row], base: int, users: int) -> str:
    lines = [
        f"| page | p95 ms at {base:,} | p95 ms at {users:,} | p95 ratio | ÷ floor at {base:,} | ÷ floor at {users:,} "
        f"| queries/request at {users:,} |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    earlier = {row.page.key: row for row in before}
    for row in after:
        small = earlier[row.page.key]
        problem = row.problem() or small.problem()
        if problem:
            lines.append(f"| {row.page.name} | FAILED: {problem} | | | | | {row.queries} |")
            continue
        p95_small, p95_big = small.median("p95"), row.median("p95")
        lines.append(
            f"| {row.page.name} | {p95_small:.1f} | {p95_big:.1f} | {p95_big / p95_small:.2f} "
            f"| {small.ratio():.3f} | {row.ratio():.3f} | {row.queries} |"
        )
    return "\n".join(lines)


# ------------------------------------------------------------------- main


def stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> None:
    args = options(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make /usr/bin/wrk` (or apt-get install wrk) installs it")
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    work = Path(tempfile.mkdtemp(prefix="careerplanner-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["BENCH_DATABASE_URL"] = f"{PG_SERVER}/{args.database}"
    os.environ["BENCH_STATIC_ROOT"] = str(work / "static")
    log = work / "gunicorn.log"
    keep_log = False
    try:
        started = time.monotonic()
        ensure_database(args.database)
        manage("migrate", "--no-input")
        manage("load_catalogue")
        manage("collectstatic", "--no-input")

        import django

        django.setup()
        from django.conf import settings
        from django.urls import reverse
        from django.utils import timezone

        today = timezone.localdate()
        base = min(args.users, BASE_USERS)
        first_user = generate(base, today)
        print(f"data: {base:,} users in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
        pages = [p for p in PAGES if not args.pages or p.key in args.pages.split(",")]

        print("# Page performance (bench/pages.py)\n")
        print(f"- machine: {machine()}; load average at the start {load_average()}")
        print(f"- commit: {commit()}")
        print(f"- {versions()}")
        print(
            f"- gunicorn {args.workers} sync workers, DEBUG off, manifest static files; database {args.database} "
            f"with {base:,} users; wrk {args.connections} connections (one user each), {args.rounds} rounds of "
            f"{args.duration} s per page and per floor (after {args.warmup} s of warm-up), medians of the rounds"
        )
        print(f"- each user: {describe_user(first_user)} (the first made by the product's services, the others copies)")
        port = free_port()
        with gunicorn(port, args.workers, log):
            visitors = []
            for name, session_key, roadmap_pk, step_pk in visitors_for(args.connections):
                cookie = f"{settings.SESSION_COOKIE_NAME}={session_key}"
                page = fetch(port, "GET", reverse("roadmap:detail", args=[roadmap_pk]), {"Cookie": cookie})
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
                csrf_cookie = page.cookies.get(settings.CSRF_COOKIE_NAME)
                if page.status != 200 or token is None or csrf_cookie is None:
                    raise SystemExit(f"{name}: the roadmap page gave no CSRF token (status {page.status})")
                visitors.append(Visitor(name, session_key, csrf_cookie, token.group(1), roadmap_pk, step_pk))
            bench = Bench(port, args, work, visitors, settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, today)
            rows = [bench.measure(page) for page in pages]
            print(f"\n## {base:,} users\n")
            print(main_table(rows))
            print(spread(rows))
            if args.users > base:
                filling = time.monotonic()
                print(f"filling up to {args.users:,} users ...", file=sys.stderr, flush=True)
                reset_post_steps(visitors)
                copy_users(first_user, base, args.users)
                took = time.monotonic() - filling
                private = [page for page in pages if page.floor != "public"]
                grown = [bench.measure(page) for page in private]
                print(f"\n## {args.users:,} users (filled in bulk in {took:.0f} s)\n")
                print(main_table(grown))
                print(spread(grown))
                print(f"\n## p95 latency at {args.users:,} users against {base:,}\n")
                print(growth_table(rows, grown, base, args.users))
        errors = [line for line in log.read_text().splitlines() if "Traceback" in line or "ERROR" in line]
        if errors:
            keep_log = True
            print(f"\nThe server logged {len(errors)} errors: see {log}")
        print(f"\n(total {time.monotonic() - started:.0f} s; load average at the end {load_average()})")
    except BaseException:
        keep_log = log.exists()
        if keep_log:
            print(f"gunicorn's log: {log}", file=sys.stderr)
        raise
    finally:
        shutil.rmtree(work / "static", ignore_errors=True)
        if not keep_log:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
