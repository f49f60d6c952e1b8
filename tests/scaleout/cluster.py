"""What the scale-out run starts, and how it talks to it: processes, a mail server, forms over HTTP.

Every process is started here and stopped here (terminate, then kill after a wait): nothing is
found or stopped by name, so servers other people run on this machine are left alone.
"""

from __future__ import annotations

import socket
import socketserver
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.html import Node, parse

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"


def port_answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Started:
    name: str
    process: subprocess.Popen[bytes]
    log: Path

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace").splitlines()
        return f"--- last lines of {self.log}:\n" + "\n".join(text[-lines:])


@dataclass
class Processes:
    """The processes of one run, each logging to its own file under `logs`."""

    logs: Path
    env: dict[str, str]
    started: list[Started] = field(default_factory=list)

    def start(
        self, name: str, command: Sequence[str | Path], *, port: int | None = None, env: dict[str, str] | None = None
    ) -> Started:
        """Start a process in the background; `port`: refuse to start when something already listens on it."""
        if port is not None and port_answers(port):
            raise RuntimeError(f"Port {port} is already in use: {name} cannot start (stop what listens there first).")
        log = self.logs / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [str(part) for part in command],
                cwd=ROOT,
                env=self.env | (env or {}),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        started = Started(name, process, log)
        self.started.append(started)
        return started

    def run(self, name: str, command: Sequence[str | Path], *, timeout: float = 300) -> str:
        """Run a command to its end; its output, or an error with the output when it fails."""
        done = subprocess.run(
            [str(part) for part in command],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        (self.logs / f"{name}.log").write_text(done.stdout + done.stderr)
        if done.returncode != 0:
            raise RuntimeError(f"{name} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def wait_until(self, started: Started, ready: Callable[[], bool], *, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if started.process.poll() is not None:
                raise RuntimeError(f"{started.name} stopped with {started.process.returncode}\n{started.tail()}")
            try:
                if ready():
                    return
            except (OSError, requests.RequestException):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{started.name} was not ready after {timeout:.0f} s\n{started.tail()}")

    def stop_all(self) -> None:
        for started in reversed(self.started):
            if started.process.poll() is None:
                started.process.terminate()
        for started in reversed(self.started):
            try:
                started.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                started.process.kill()
                started.process.wait(timeout=15)
        self.started.clear()


# ------------------------------------------------------------------ mail


class MailSink(socketserver.ThreadingTCPServer):
    """A mail server that accepts every message and keeps its recipients: what send_reminders sends to.

    Each message takes `delay` seconds, as a real server's round trips do, so that two runs overlap.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, *, delay: float) -> None:
        super().__init__(("127.0.0.1", 0), _SmtpSession)
        self.delay = delay
        self.recipients: list[str] = []  # one entry per recipient of each message
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def __enter__(self) -> MailSink:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        self.thread.join()


class _SmtpSession(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) for Django's SMTP backend: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    server: MailSink

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self._reply("220 sink ready")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self._reply("250 sink")
            elif verb == "MAIL":
                recipients = []
                self._reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                while self.rfile.readline() not in (b".\r\n", b""):  # the message itself is not needed
                    pass
                time.sleep(self.server.delay)
                with self.server.lock:
                    self.server.recipients.extend(recipients)
                self._reply("250 OK: queued")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            else:
                self._reply("250 OK")


# ------------------------------------------------------------------ HTTP


def form_data(form: Node) -> list[tuple[str, str]]:
    """What a browser submits from the form when no button is named: every field with its current value."""
    data: list[tuple[str, str]] = []
    for node in form.find_all():
        name = node.attrs.get("name")
        if not name or "disabled" in node.attrs:
            continue
        if node.tag == "input":
            kind = node.attrs.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in node.attrs:
                    data.append((name, node.attrs.get("value", "on")))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                data.append((name, node.attrs.get("value", "")))
        elif node.tag == "textarea":
            text = "".join(child for child in node.children if isinstance(child, str))
            data.append((name, text.removeprefix("\r\n").removeprefix("\n")))  # as browsers read it
        elif node.tag == "select":
            options = node.find_all(tag="option")
            chosen = [option for option in options if "selected" in option.attrs]
            if not chosen and "multiple" not in node.attrs:
                chosen = options[:1]
            data.extend((name, option.attrs.get("value", option.text())) for option in chosen)
    return data


def replace_fields(data: list[tuple[str, str]], **fields: str) -> list[tuple[str, str]]:
    """The form's data with each named field set to one value."""
    return [(name, value) for name, value in data if name not in fields] + list(fields.items())


def get_page(http: requests.Session, url: str, **options: object) -> tuple[requests.Response, Node]:
    response = http.get(url, allow_redirects=False, timeout=30, **options)  # type: ignore[arg-type]
    return response, parse(response.text)


def csrf_token(page: Node) -> str:
    for node in page.find_all(tag="input"):
        if node.attrs.get("name") == "csrfmiddlewaretoken":
            return node.attrs["value"]
    raise AssertionError("No CSRF token on the page")


def log_in(http: requests.Session, base: str, username: str, password: str, *, path: str = "/accounts/login/") -> None:
    _, login_page = get_page(http, base + path)
    response = http.post(
        base + path,
        data={"csrfmiddlewaretoken": csrf_token(login_page), "username": username, "password": password},
        allow_redirects=False,
        timeout=30,
    )
    assert (response.status_code, "sessionid" in http.cookies) == (302, True), response.text[:2000]
