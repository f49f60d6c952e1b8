"""A bounded mixed load against two instances, then a check that no write was lost or duplicated (issue 10, §5).

Run:  make load                          (starts PostgreSQL, creates the database careerplanner_load)
      .venv/bin/python bench/load.py [--minutes 10] [--users 20] [--think 1] [--double 0.2] [--seed 1]

What it starts, on this machine's loopback only, with the scale-out run's code (tests/scaleout/cluster.py)
and environment but on ports of its own, so that both can run at once: Redis on 6391, a local S3 server
(moto) on 5056, the database careerplanner_load (emptied, migrated, the catalogue loaded, the users added),
and two gunicorn instances as production runs them (DEBUG off, shared PostgreSQL, Redis and S3): A on port
8201 and B on 8202. Everything it started is stopped at the end, and nothing else. Logs: test-artifacts/load/.

The load. --users virtual users, one thread each, each with its own account made beforehand (the first
--signups of them sign up through the site instead: sign-ups are limited per client address, and every
request here comes from 127.0.0.1). Each request goes to A or B at random. A user signs up or logs in,
fills in its profile (every other user adds a credential there; the others earn one by marking their
roadmap's exam steps done when they first log CEUs), then does one action after another, with a think time
of 0.5 to 1.5 times --think seconds between them, until --minutes have passed: browse the catalogue (anonymous,
or signed in), open the dashboard, the recommendations, a plan's preview, save a roadmap (the preview's
form with its save token; at most --roadmaps each), change step statuses (the htmx POST the roadmap page's
forms make), log a CEU activity (the add form, a title of its own, now and then a certificate), open the CEU
log and the wallet, change its hours a week in the profile, log out and in again on the other instance.
A --double share of the writes (roadmaps, step statuses, CEU activities) are double-submitted: the same form
posted twice at once, as a double click does.

The check. Each user records every write the site acknowledged (a redirect; for a status change, the htmx
fragment showing the step's status). Afterwards bench/load_db.py compares them with the database: every
acknowledged CEU activity stored exactly once, every saved roadmap there with the steps its page showed,
each step changed at the last status acknowledged, each profile at its last hours a week and with the
credential added. It prints requests per kind (4xx, 5xx, no response, p50 and p95 in ms), the first 5xx
responses' titles, "lost: N, duplicated: N", and exits non-zero when a request got a 5xx or no answer,
an action met an answer it did not expect, or a write was lost or duplicated.

The load generator parses every page in Python and runs on the same machine as the servers: on a small
machine it takes a share of the CPU, which the last lines report.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import math
import os
import random
import re
import resource
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

import boto3
import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
# Run as a script: the project's root on the path, for the scale-out run's helpers under tests/.
sys.path.insert(0, str(ROOT))

from bench.machine import commit, load_average, machine  # noqa: E402
from tests.html import Node, parse  # noqa: E402
from tests.scaleout.cluster import (  # noqa: E402
    PYTHON,
    Processes,
    form_data,
    get_page,
    log_in,
    port_answers,
    replace_fields,
)

PORTS = {"A": 8201, "B": 8202}
BASES = {name: f"http://127.0.0.1:{port}" for name, port in PORTS.items()}
INSTANCE_OF_PORT = {port: name for name, port in PORTS.items()}
REDIS_PORT = 6391
S3_PORT = 5056
PG_SERVER = "postgres://careerplanner:careerplanner@127.0.0.1:5432"
DEFAULT_DATABASE = "careerplanner_load"
BUCKET = "careerplanner-certificates"
S3_KEYS = {"AWS_ACCESS_KEY_ID": "load", "AWS_SECRET_ACCESS_KEY": "load"}  # the local S3 server takes any
PASSWORD = "load run pass phrase 2027"  # a throwaway database
TIMEOUT = 60  # seconds; gunicorn ends a worker stuck for 30
# No control socket: gunicorn's default is one path in $HOME for every server on the machine, so each
# instance started would take it over from the others (another run's included).
GUNICORN_OPTIONS = ("--access-logfile", "-", "--no-control-socket")
HELD_CODE = "CCA"  # the credential every other user adds in its profile
STATUSES = ("not_started", "in_progress", "done", "skipped")
CEUS = ("0.5", "1", "1.5", "2", "3")
PDF = b"%PDF-1.4\n" + b"A certificate of CEUs, uploaded during a load run.\n" * 40
ROADMAP_URL = re.compile(r"/roadmaps/(\d+)/")
CEU_LOGGED_URL = re.compile(r"/ceus/(\?page=\d+)?#activity-(\d+)")
STATUS_URL = re.compile(r"/roadmaps/\d+/steps/(\d+)/status/")
TITLE = re.compile(r"<title>\s*(.*?)\s*</title>", re.DOTALL)


# ------------------------------------------------------------------ options


def options(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="A bounded mixed load on two instances, then a check of every write (see the module docstring)."
    )
    parser.add_argument("--minutes", type=float, default=10, help="minutes of load (default 10)")
    parser.add_argument("--users", type=int, default=20, help="virtual users, one thread each (default 20)")
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean think time between actions in seconds (default 1)"
    )
    parser.add_argument("--double", type=float, default=0.2, help="share of writes posted twice at once (default 0.2)")
    parser.add_argument("--signups", type=int, default=4, help="users who sign up instead of logging in (default 4)")
    parser.add_argument("--roadmaps", type=int, default=3, help="roadmaps each user saves at most (default 3)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers per instance (default 2)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the users' choices (default 1)")
    parser.add_argument(
        "--database", default=DEFAULT_DATABASE, help=f"database, emptied first (default {DEFAULT_DATABASE})"
    )
    args = parser.parse_args(argv)
    if args.minutes <= 0 or args.users < 1 or args.think < 0 or args.workers < 1 or args.roadmaps < 1:
        parser.error("need some minutes, at least one user, worker and roadmap, and no negative think time")
    if not 0 <= args.double <= 1:
        parser.error("--double is a share, between 0 and 1")
    # The site allows 20 sign-ups an hour from one address (the load's is 127.0.0.1): stay well under.
    if not 0 <= args.signups <= min(10, args.users):
        parser.error("--signups: between 0 and 10, and no more than --users")
    return args


# ------------------------------------------------------------------ what was measured


@dataclass(frozen=True)
class Sample:
    kind: str
    instance: str
    status: int  # 0: no response
    ms: float


# Request kinds by method and path, in the order of the table printed at the end.
KINDS: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (method, re.compile(path), kind)
    for method, path, kind in (
        ("GET", r"/accounts/signup/", "sign-up page"),
        ("POST", r"/accounts/signup/", "sign up"),
        ("GET", r"/accounts/login/", "log-in page"),
        ("POST", r"/accounts/login/", "log in"),
        ("POST", r"/accounts/logout/", "log out"),
        ("GET", r"/profile/", "profile page"),
        ("POST", r"/profile/", "save profile"),
        ("GET", r"/|/certifications/.*|/compare/|/programs/", "catalogue"),
        ("GET", r"/dashboard/", "dashboard"),
        ("GET", r"/recommendations/", "recommendations"),
        ("GET", r"/plan/[^/]+/", "plan preview"),
        ("POST", r"/plan/[^/]+/", "save roadmap"),
        ("GET", r"/roadmaps/\d+/", "roadmap page"),
        ("POST", r"/roadmaps/\d+/steps/\d+/status/", "step status (htmx)"),
        ("GET", r"/ceus/add/", "CEU form"),
        ("POST", r"/ceus/add/", "log CEUs"),
        ("GET", r"/ceus/", "CEU log"),
        ("GET", r"/wallet/", "wallet"),
    )
)


def request_kind(method: str, path: str, *, anonymous: bool) -> str:
    for kind_method, pattern, kind in KINDS:
        if method == kind_method and pattern.fullmatch(path):
            if kind == "catalogue":
                return "catalogue, anonymous" if anonymous else "catalogue, signed in"
            return kind
    return f"other {method}"


def page_title(text: str) -> str:
    found = TITLE.search(text[:5000])
    return re.sub(r"\s+", " ", found.group(1)) if found else text[:80].replace("\n", " ")


class Stats:
    """Every request's kind, instance, status and time; the first few failures of each sort, word for word."""

    SHOWN = 5

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.samples: list[Sample] = []
        self.server_errors: list[str] = []
        self.failures: list[str] = []  # requests with no response
        self.unexpected: list[str] = []  # actions cut short by an answer the user did not expect
        self.unexpected_count = 0

    def add(self, sample: Sample, *, what: str, text: str = "", error: str = "") -> None:
        with self.lock:
            self.samples.append(sample)
            if sample.status >= 500 and len(self.server_errors) < self.SHOWN:
                self.server_errors.append(f"{sample.status} {what} on {sample.instance}: {page_title(text)}")
            if sample.status == 0 and len(self.failures) < self.SHOWN:
                self.failures.append(f"{what} on {sample.instance}: {error}")

    def add_unexpected(self, user: str, problem: str) -> None:
        with self.lock:
            self.unexpected_count += 1
            if len(self.unexpected) < self.SHOWN * 2:
                self.unexpected.append(f"{user}: {problem}")


class Browser(requests.Session):
    """One browser: each request is timed and recorded by kind; redirects are followed by hand, as pages."""

    def __init__(self, stats: Stats, rng: random.Random, *, anonymous: bool = False) -> None:
        super().__init__()
        self.stats = stats
        self.rng = rng
        self.anonymous = anonymous
        self.headers["User-Agent"] = "careerplanner-load"

    def site(self) -> str:
        """A or B, at random: a proxy in front of the instances spreads requests without sticky sessions."""
        return BASES[self.rng.choice(sorted(BASES))]

    def request(self, method: str, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", TIMEOUT)
        kwargs.setdefault("allow_redirects", False)
        parts = urlsplit(url.decode() if isinstance(url, bytes) else url)
        kind = request_kind(method.upper(), parts.path, anonymous=self.anonymous)
        instance = INSTANCE_OF_PORT.get(parts.port or 0, "?")
        what = f"{method.upper()} {parts.path}"
        started = time.perf_counter()
        try:
            response = super().request(method, url, *args, **kwargs)
        except requests.RequestException as error:
            ms = (time.perf_counter() - started) * 1000
            self.stats.add(Sample(kind, instance, 0, ms), what=what, error=f"{type(error).__name__}: {error}")
            raise
        ms = (time.perf_counter() - started) * 1000
        text = response.text if response.status_code >= 500 else ""
        self.stats.add(Sample(kind, instance, response.status_code, ms), what=what, text=text)
        return response


# ------------------------------------------------------------------ the virtual users


@dataclass
class Record:
    """The writes one user made, as bench/load_db.py checks them (saved as JSON)."""

    username: str
    hours_per_week: int | None = None  # the last acknowledged; None before the profile was saved
    credentials: list[str] = field(default_factory=list)  # codes added through the profile
    ceus: dict[str, dict[str, bool]] = field(default_factory=dict)  # title: {"acked", "double"}, every attempt
    roadmaps: dict[str, dict[str, Any]] = field(default_factory=dict)  # save token: {"pk", "steps", "double"}
    steps: dict[str, str] = field(default_factory=dict)  # step pk: the last status acknowledged


class Unexpected(Exception):
    """An answer the user did not expect: counted; the user goes on with its next action."""


class SignedOut(Unexpected):
    """Sent to the log-in page: the user logs in again before its next action."""


def expect(response: requests.Response, *statuses: int, doing: str) -> None:
    if response.status_code not in statuses:
        where = response.headers.get("Location", "") or page_title(response.text)
        problem = SignedOut if where.startswith("/accounts/login/") else Unexpected
        raise problem(f"{doing}: {response.status_code} ({where})")


def find_form(page: Node, field_name: str) -> Node | None:
    """The page's form that has a field of that name."""
    for form in page.find_all(tag="form"):
        if any(node.attrs.get("name") == field_name for node in form.find_all()):
            return form
    return None


def form_with(page: Node, field_name: str, *, doing: str) -> Node:
    form = find_form(page, field_name)
    if form is None:
        raise Unexpected(f"{doing}: no form with a field {field_name!r} on the page")
    return form


def fragment_status(text: str, step_pk: int) -> str:
    """The status the htmx answer shows for the step (its card's data-status)."""
    for node in parse(text).find_all(tag="li"):
        if node.attrs.get("id") == f"step-{step_pk}":
            return node.attrs.get("data-status", "")
    return ""


class VirtualUser:
    def __init__(self, number: int, args: argparse.Namespace, stats: Stats, stop: threading.Event) -> None:
        self.args = args
        self.stats = stats
        self.stop = stop
        self.rng = random.Random(args.seed * 100_003 + number)
        self.signs_up = number < args.signups
        self.username = f"signup{number:03}" if self.signs_up else f"load{number:03}"
        self.adds_credential = number % 2 == 0
        self.http = Browser(stats, self.rng)
        self.visitor = Browser(stats, self.rng, anonymous=True)
        self.record = Record(self.username)
        self.signed_in = False
        self.signed_up = False
        self.codes: list[str] = []  # the catalogue's certification codes
        self.plannable: list[str] = []  # codes with a plan, from the recommendations
        self.roadmaps: list[int] = []  # saved and acknowledged
        self.activities = 0

    # --- the run

    def run(self, deadline: float, delay: float) -> None:
        if self.stop.wait(delay):
            return
        actions: list[tuple[Callable[[], None], float]] = [
            (lambda: self.browse(self.visitor), 3),
            (lambda: self.browse(self.http), 2),
            (self.dashboard, 1),
            (self.recommendations, 1),
            (self.preview, 1),
            (self.save_roadmap, 1),
            (self.change_steps, 3),
            (self.log_ceus, 2),
            (self.ceu_pages, 1),
            (self.update_profile, 0.3),
            (self.log_in_again, 0.2),
        ]
        while time.monotonic() < deadline and not self.stop.is_set():
            try:
                if not self.signed_in or self.record.hours_per_week is None:
                    self.enter()
                else:
                    self.rng.choices([action for action, _ in actions], [weight for _, weight in actions])[0]()
            except Unexpected as problem:
                self.stats.add_unexpected(self.username, str(problem))
                self.signed_in = self.signed_in and not isinstance(problem, SignedOut)
            except requests.RequestException:
                pass  # counted as a request with no response where it happened
            self.stop.wait(self.rng.uniform(0.5, 1.5) * self.args.think)
        self.http.close()
        self.visitor.close()

    def enter(self) -> None:
        """Sign up (once) or log in, then fill in the profile until it is saved."""
        if not self.signed_in:
            if self.signs_up and not self.signed_up:
                self.sign_up()
                self.signed_up = True
            else:
                self.log_in(self.http.site())
            self.signed_in = True
        if self.record.hours_per_week is None:
            self.save_profile(first=True)

    def submit(self, url: str, data: list[tuple[str, str]], *, double: bool, **options: Any) -> list[requests.Response]:
        """Post a form once, or twice at once (two connections, one session) as a double click does."""
        if not double:
            return [self.http.post(url, data=data, **options)]
        twin = Browser(self.stats, self.rng)
        twin.cookies.update(self.http.cookies)
        start = threading.Barrier(2)
        answers: list[requests.Response | None] = [None, None]

        def post(index: int, browser: Browser) -> None:
            start.wait()
            with contextlib.suppress(requests.RequestException):  # counted where it happened
                answers[index] = browser.post(url, data=data, **options)

        threads = [threading.Thread(target=post, args=pair) for pair in enumerate((self.http, twin))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        twin.close()
        return [answer for answer in answers if answer is not None]

    def wants_double(self) -> bool:
        return self.rng.random() < self.args.double

    # --- accounts and profile

    def sign_up(self) -> None:
        base = self.http.site()
        response, page = get_page(self.http, base + "/accounts/signup/")
        expect(response, 200, doing="sign-up page")
        form = form_with(page, "password1", doing="sign-up page")
        fields = {"username": self.username, "email": f"{self.username}@example.org"}
        data = replace_fields(form_data(form), **fields, password1=PASSWORD, password2=PASSWORD)
        expect(self.http.post(base + "/accounts/signup/", data=data), 302, doing="sign up")

    def log_in(self, base: str) -> None:
        try:
            log_in(self.http, base, self.username, PASSWORD)
        except AssertionError as refused:
            raise Unexpected(f"log in refused: {page_title(str(refused))}") from None

    def log_in_again(self) -> None:
        """Log out on one instance, and in on the other."""
        base = self.http.site()
        response, page = get_page(self.http, base + "/dashboard/")
        expect(response, 200, doing="dashboard")
        logout = next(
            (form for form in page.find_all(tag="form") if form.attrs.get("action") == "/accounts/logout/"), None
        )
        if logout is None:
            raise Unexpected("dashboard: no log-out form")
        expect(self.http.post(base + "/accounts/logout/", data=form_data(logout)), 302, doing="log out")
        self.signed_in = False
        other = next(url for url in BASES.values() if url != base)
        self.log_in(other)
        self.signed_in = True

    def save_profile(self, *, first: bool) -> None:
        base = self.http.site()
        response, page = get_page(self.http, base + "/profile/")
        expect(response, 200, doing="profile page")
        form = form_with(page, "hours_per_week", doing="profile page")
        hours = self.rng.randint(5, 20)
        fields = {"hours_per_week": str(hours)}
        if first and self.adds_credential:
            select = next(
                n for n in form.find_all(tag="select") if n.attrs.get("name") == "credentials-0-certification"
            )
            option = next((o for o in select.find_all(tag="option") if o.text().startswith(HELD_CODE)), None)
            if option is None:
                raise Unexpected(f"profile page: no {HELD_CODE} among the credentials to choose")
            fields |= {"credentials-0-certification": option.attrs["value"], "credentials-0-earned_on": "2024-05-02"}
        response = self.http.post(base + "/profile/", data=replace_fields(form_data(form), **fields))
        expect(response, 302, doing="save profile")
        self.record.hours_per_week = hours
        if first and self.adds_credential:
            self.record.credentials.append(HELD_CODE)
        self.page(response.headers["Location"], base)

    def update_profile(self) -> None:
        self.save_profile(first=False)

    # --- reading

    def page(self, path: str, base: str | None = None, *, browser: Browser | None = None) -> Node:
        """GET a page (of the site the redirect came from when `base` is given), expecting a 200."""
        browser = browser or self.http
        response, page = get_page(browser, (base or browser.site()) + path)
        expect(response, 200, doing=f"GET {path}")
        return page

    def browse(self, browser: Browser) -> None:
        if not self.codes:
            listed = self.page("/certifications/", browser=browser)
            found = (re.fullmatch(r"/certifications/([^/]+)/", href) for _, href in listed.links())
            self.codes = sorted({match.group(1) for match in found if match})
            if not self.codes:
                raise Unexpected("the catalogue lists no certification")
        for _ in range(self.rng.randint(1, 3)):
            first, second = self.rng.sample(self.codes, 2) if len(self.codes) > 1 else self.codes * 2
            pages = ["/", "/certifications/", f"/certifications/{first}/", f"/certifications/{second}/"]
            path = self.rng.choice([*pages, f"/compare/?codes={first}&codes={second}", "/programs/"])
            self.page(path, browser=browser)

    def dashboard(self) -> None:
        self.page("/dashboard/")

    def recommendations(self) -> None:
        page = self.page("/recommendations/")
        found = (re.fullmatch(r"/plan/([^/]+)/", href) for _, href in page.links())
        self.plannable = sorted({match.group(1) for match in found if match})

    def preview(self) -> None:
        self.open_preview()

    def open_preview(self) -> tuple[str, Node] | None:
        """A plan's preview, of a certification the recommendations offer a plan for (None when they offer none)."""
        if not self.plannable:
            self.recommendations()
        if not self.plannable:
            return None
        base = self.http.site()
        code = self.rng.choice(self.plannable)
        return base, self.page(f"/plan/{code}/", base)

    def ceu_pages(self) -> None:
        self.page("/ceus/")
        self.page("/wallet/")

    # --- writes

    def save_roadmap(self) -> None:
        shown = self.open_preview()
        if shown is None or len(self.roadmaps) >= self.args.roadmaps:
            return
        base, page = shown
        form = find_form(page, "save_token")
        if form is None:
            return  # nothing to plan for this user: no save button
        data = form_data(form)
        token = dict(data)["save_token"]
        double = self.wants_double()
        attempt: dict[str, Any] = {"pk": None, "steps": 0, "double": double}
        self.record.roadmaps[token] = attempt
        answers = self.submit(base + form.attrs["action"], data, double=double)
        saved = {
            int(match.group(1))
            for answer in answers
            if answer.status_code == 302 and (match := ROADMAP_URL.fullmatch(answer.headers["Location"]))
        }
        for answer in answers:
            expect(answer, 302, doing="save roadmap")
        if len(saved) != 1:
            raise Unexpected(f"save roadmap: the answers led to roadmaps {sorted(saved)}")
        attempt["pk"] = pk = saved.pop()
        self.roadmaps.append(pk)
        roadmap = self.page(f"/roadmaps/{pk}/")
        attempt["steps"] = len(roadmap.find_all(tag="li", cls="roadmap-step"))

    def change_steps(self) -> None:
        """Open a roadmap and click a status button on one to three of its steps."""
        if not self.roadmaps:
            self.save_roadmap()
            return
        path = f"/roadmaps/{self.rng.choice(self.roadmaps)}/"
        base = self.http.site()
        forms = self.page(path, base).find_all(tag="form", cls="step-status-form")
        for form in self.rng.sample(forms, min(len(forms), self.rng.randint(1, 3))):
            self.change_status(base + path, form, "")

    def change_status(self, page_url: str, form: Node, wanted: str) -> None:
        """Press a status button of the step's form (`wanted`, or another status at random), as htmx posts it."""
        action = form.attrs["action"]
        match = STATUS_URL.fullmatch(action)
        if match is None:
            raise Unexpected(f"roadmap page: a status form posts to {action}")
        step_pk = int(match.group(1))
        data = form_data(form)
        current = dict(data)["expected"]
        wanted = wanted or self.rng.choice([status for status in STATUSES if status != current])
        headers = {"HX-Request": "true", "HX-Current-URL": page_url, "HX-Target": f"step-{step_pk}"}
        answers = self.submit(
            self.http.site() + action, [*data, ("status", wanted)], double=self.wants_double(), headers=headers
        )
        for answer in answers:
            expect(answer, 200, doing="step status")
        shown = {fragment_status(answer.text, step_pk) for answer in answers}
        if len(shown) > 1:
            self.record.steps.pop(str(step_pk), None)  # which one holds is unknown: not checked
            raise Unexpected(f"step status: a double submit answered {sorted(shown)} for step {step_pk}")
        if shown:
            status = shown.pop()
            self.record.steps[str(step_pk)] = status
            if status != wanted:  # nobody else changes this user's steps
                raise Unexpected(f"step status: step {step_pk} shows {status!r} after a change to {wanted!r}")

    def earn_credential(self) -> None:
        """Mark the exam steps of a saved roadmap done: the exam step earns its credential."""
        if not self.roadmaps:
            self.save_roadmap()
            return
        path = f"/roadmaps/{self.roadmaps[0]}/"
        base = self.http.site()
        page = self.page(path, base)
        exam = next((node for node in page.find_all(tag="section") if node.attrs.get("id") == "phase-exam"), None)
        if exam is None:
            raise Unexpected(f"{path}: no exam phase")
        for form in exam.find_all(tag="form", cls="step-status-form"):
            if dict(form_data(form))["expected"] != "done":
                self.change_status(base + path, form, "done")

    def log_ceus(self) -> None:
        base = self.http.site()
        response, page = get_page(self.http, base + "/ceus/add/")
        if response.status_code == 302 and response.headers["Location"] == "/ceus/":
            self.earn_credential()  # no credential held: the add page sends to the log
            return
        expect(response, 200, doing="CEU form")
        form = form_with(page, "ceus", doing="CEU form")
        self.activities += 1
        title = f"Load webinar {self.activities} of {self.username}"
        done_on = datetime.now(UTC).date() - timedelta(days=self.rng.randint(1, 300))
        fields = {"title": title, "completed_on": done_on.isoformat(), "ceus": self.rng.choice(CEUS)}
        data = replace_fields(form_data(form), **fields, provider="Load test")
        files = {"certificate": ("certificate.pdf", PDF, "application/pdf")} if self.rng.random() < 0.2 else None
        double = self.wants_double()
        attempt = {"acked": False, "double": double}
        self.record.ceus[title] = attempt
        answers = self.submit(base + "/ceus/add/", data, double=double, files=files)
        logged = [
            answer
            for answer in answers
            if answer.status_code == 302 and CEU_LOGGED_URL.fullmatch(answer.headers["Location"])
        ]
        attempt["acked"] = bool(logged)
        for answer in answers:
            expect(answer, 302, doing="log CEUs")
        if logged:
            self.page(logged[0].headers["Location"].partition("#")[0], base)


# ------------------------------------------------------------------ the services


def environment(args: argparse.Namespace, work: Path) -> dict[str, str]:
    """The scale-out run's production-like environment (tests/scaleout/conftest.py), with the load's ports."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(work)),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "careerplanner.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_ROOT": BASES["A"],
        "DATABASE_URL": f"{PG_SERVER}/{args.database}",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "PRIVATE_MEDIA_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": f"http://127.0.0.1:{S3_PORT}",
        "S3_REGION": "us-east-1",
        **S3_KEYS,
        "AWS_EC2_METADATA_DISABLED": "true",
        "STATIC_ROOT": str(work / "static"),
        # Sign-ups send a link: to the instance's log.
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }


def empty_database(url: str) -> None:
    """The database owner may drop and make again its public schema: no superuser needed."""
    try:
        connection = psycopg.connect(url, autocommit=True)
    except psycopg.OperationalError as error:
        raise SystemExit(f"{error}\nRun `make load`: it makes the {DEFAULT_DATABASE} database.") from None
    with connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


def answers_200(url: str) -> bool:
    return bool(requests.get(url, timeout=2, allow_redirects=False).status_code == 200)


@contextlib.contextmanager
def services(args: argparse.Namespace, processes: Processes, work: Path, usernames: list[str]) -> Iterator[None]:
    """Redis, S3, the database with the catalogue and the users, and the two instances; all stopped at the end."""
    env = processes.env
    try:
        no_disk = ["--save", "", "--appendonly", "no", "--dir", str(work)]
        server = processes.start(
            "redis-server",
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", *no_disk],
            port=REDIS_PORT,
        )
        processes.wait_until(server, lambda: port_answers(REDIS_PORT))
        server = processes.start(
            "s3-server", [ROOT / ".venv" / "bin" / "moto_server", "-H", "127.0.0.1", "-p", str(S3_PORT)], port=S3_PORT
        )
        processes.wait_until(server, lambda: answers_200(env["S3_ENDPOINT_URL"]))
        s3 = boto3.client(
            "s3",
            endpoint_url=env["S3_ENDPOINT_URL"],
            region_name=env["S3_REGION"],
            aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
        )
        s3.create_bucket(Bucket=BUCKET)
        s3.close()

        empty_database(env["DATABASE_URL"])
        manage: list[str | Path] = [PYTHON, "manage.py"]
        processes.run("migrate", [*manage, "migrate", "--no-input"])
        processes.run("load_catalogue", [*manage, "load_catalogue"])
        processes.run("collectstatic", [*manage, "collectstatic", "--no-input"])
        create = f"create(usernames={usernames!r}, password={PASSWORD!r})"
        processes.run("users", [*manage, "shell", "-c", f"from bench.load_db import create; {create}"])

        for name, port in PORTS.items():
            gunicorn: list[str | Path] = [ROOT / ".venv" / "bin" / "gunicorn", "careerplanner.wsgi"]
            server = processes.start(
                f"gunicorn-{name}",
                [*gunicorn, "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}", *GUNICORN_OPTIONS],
                port=port,
                env={"PRIVATE_MEDIA_ROOT": str(work / f"private-media-{name}")},
            )
            processes.wait_until(server, functools.partial(answers_200, f"http://127.0.0.1:{port}/"))
        yield
    finally:
        processes.stop_all()


def check_writes(processes: Processes, users: Sequence[VirtualUser], work: Path) -> dict[str, Any]:
    records = work / "records.json"
    records.write_text(json.dumps({"users": [asdict(user.record) for user in users]}))
    code = f"from bench.load_db import check; check(records={str(records)!r})"
    output = processes.run("check", [PYTHON, "manage.py", "shell", "-c", code])
    result: dict[str, Any] = json.loads(output.splitlines()[-1])
    return result


# ------------------------------------------------------------------ report


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest rank: the smallest value with at least `share` of the values at or under it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def table(samples: Sequence[Sample]) -> str:
    order: list[str] = []
    for _, _, kind in KINDS:
        order.extend(("catalogue, anonymous", "catalogue, signed in") if kind == "catalogue" else (kind,))
    by_kind: defaultdict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_kind[sample.kind].append(sample)
    kinds = sorted(by_kind, key=lambda kind: (order.index(kind) if kind in order else -1, kind))
    lines = [f"{'kind':<22} {'requests':>8} {'4xx':>5} {'5xx':>5} {'no answer':>9} {'p50 ms':>8} {'p95 ms':>8}"]
    for kind, rows in [(kind, by_kind[kind]) for kind in kinds] + [("all", list(samples))]:
        times = [row.ms for row in rows if row.status]
        p50, p95 = (f"{percentile(times, 0.5):.0f}", f"{percentile(times, 0.95):.0f}") if times else ("-", "-")
        lines.append(
            f"{kind:<22} {len(rows):>8} {sum(400 <= r.status < 500 for r in rows):>5} "
            f"{sum(r.status >= 500 for r in rows):>5} {sum(r.status == 0 for r in rows):>9} {p50:>8} {p95:>8}"
        )
    return "\n".join(lines)


def written(users: Sequence[VirtualUser]) -> str:
    records = [user.record for user in users]
    ceus = [attempt for record in records for attempt in record.ceus.values()]
    roadmaps = [attempt for record in records for attempt in record.roadmaps.values()]
    return (
        f"writes acknowledged: {sum(a['acked'] for a in ceus)} of {len(ceus)} CEU activities "
        f"({sum(a['double'] for a in ceus)} double-submitted), "
        f"{sum(a['pk'] is not None for a in roadmaps)} of {len(roadmaps)} roadmaps "
        f"({sum(a['double'] for a in roadmaps)} double-submitted), "
        f"the last status of {sum(len(record.steps) for record in records)} steps, "
        f"{sum(record.hours_per_week is not None for record in records)} profiles"
    )


def findings(result: dict[str, Any]) -> tuple[int, int, list[str]]:
    lost = {kind: items for kind, items in result["lost"].items() if items}
    duplicated = {kind: items for kind, items in result["duplicated"].items() if items}
    lines = [
        f"  {what} {kind}: {len(items)}, e.g. " + "; ".join(items[:3])
        for what, found in (("lost", lost), ("duplicated", duplicated))
        for kind, items in found.items()
    ]
    return sum(map(len, lost.values())), sum(map(len, duplicated.values())), lines


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


# ------------------------------------------------------------------ main


def main(argv: Sequence[str] | None = None) -> int:
    args = options(argv)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    logs = ROOT / "test-artifacts" / "load"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    work = Path(tempfile.mkdtemp(prefix="careerplanner-load-"))
    stats = Stats()
    stop = threading.Event()
    users = [VirtualUser(number, args, stats, stop) for number in range(args.users)]
    processes = Processes(logs, environment(args, work))
    try:
        started = time.monotonic()
        print(f"starting Redis, S3, {args.database} and two instances ...", file=sys.stderr, flush=True)
        with services(args, processes, work, [user.username for user in users if not user.signs_up]):
            print("# Mixed load on two instances (bench/load.py)\n")
            print(f"- machine: {machine()}; load average at the start {load_average()}")
            print(f"- commit: {commit()}")
            print(
                f"- instances A {BASES['A']} and B {BASES['B']}: gunicorn, {args.workers} sync workers each, DEBUG "
                f"off, PostgreSQL database {args.database}, Redis :{REDIS_PORT}, S3 (moto) :{S3_PORT}"
            )
            print(
                f"- {args.users} virtual users ({args.signups} signing up) for {args.minutes:g} min, think time "
                f"{0.5 * args.think:g}-{1.5 * args.think:g} s, {args.double:.0%} of writes double-submitted, "
                f"seed {args.seed}\n",
                flush=True,
            )
            cpu_before = (cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(resource.RUSAGE_CHILDREN))
            load_started = time.monotonic()
            deadline = load_started + args.minutes * 60
            ramp = min(10.0, 0.5 * args.users)  # log-ins hash a password: spread them over the first seconds
            threads = [
                threading.Thread(target=user.run, args=(deadline, ramp * n / args.users), name=user.username)
                for n, user in enumerate(users)
            ]
            for thread in threads:
                thread.start()
            try:
                for thread in threads:
                    thread.join()
            except BaseException:  # Ctrl-C, or SIGTERM: the users stop at their next think time
                stop.set()
                for thread in threads:
                    thread.join()
                raise
            load_seconds = time.monotonic() - load_started
        # The servers are stopped (and so counted in RUSAGE_CHILDREN); the database is still there to check.
        cpu_client = cpu_seconds(resource.RUSAGE_SELF) - cpu_before[0]
        cpu_servers = cpu_seconds(resource.RUSAGE_CHILDREN) - cpu_before[1]
        result = check_writes(processes, users, work)

        samples = stats.samples
        server_errors = sum(sample.status >= 500 for sample in samples)
        no_answer = sum(sample.status == 0 for sample in samples)
        per_instance = Counter(sample.instance for sample in samples)
        lost, duplicated, details = findings(result)
        print(table(samples))
        print(
            f"\nrequests: {len(samples)} in {load_seconds:.0f} s ({len(samples) / load_seconds:.1f}/s; "
            f"A {per_instance['A']}, B {per_instance['B']}), 5xx: {server_errors}, no answer: {no_answer}"
        )
        for line in stats.server_errors:
            print(f"  5xx: {line}")
        for line in stats.failures:
            print(f"  no answer: {line}")
        print(f"actions cut short by an unexpected answer: {stats.unexpected_count}")
        for line in stats.unexpected:
            print(f"  {line}")
        print(written(users))
        print("checked: " + ", ".join(f"{count} {kind}" for kind, count in result["checked"].items()))
        print(f"lost: {lost}, duplicated: {duplicated}")
        for line in details:
            print(line)
        tracebacks = {
            log.name: log.read_text(errors="replace").count("Traceback") for log in sorted(logs.glob("gunicorn-*.log"))
        }
        if any(tracebacks.values()):
            print(f"the instances logged tracebacks: {tracebacks} (in {logs})")
        print(
            f"\nCPU during the load: this load generator {cpu_client:.0f} s, the servers it started (gunicorn, Redis, "
            f"S3) {cpu_servers:.0f} s, of {load_seconds * (os.cpu_count() or 1):.0f} s on {os.cpu_count()} cores "
            f"(PostgreSQL and anything else running on the machine not counted); load average at the end "
            f"{load_average()}; total {time.monotonic() - started:.0f} s"
        )
        failed = server_errors or no_answer or stats.unexpected_count or lost or duplicated
        return 1 if failed else 0
    finally:
        stop.set()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
