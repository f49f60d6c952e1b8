"""Two instances of the site on shared services, as in production (README, "Production layout").

`make test-scaleout` runs these tests (`pytest -m scaleout tests/scaleout`); any other run skips
them. The session fixture `cluster` starts, on this machine only:
- Redis (Debian's redis-server) on port 6390 and a local S3 server (moto) on port 5055;
- PostgreSQL's database careerplanner_scaleout (made by `make test-scaleout`), emptied, migrated,
  the catalogue loaded, and the people of tests/scaleout/people.py added;
- a mail server in this process, on a free port, that the reminder runs send to;
- two gunicorn instances, A on port 8101 and B on port 8102, DEBUG off, with one environment
  except their PRIVATE_MEDIA_ROOT (each its own empty folder: certificates must not land there).
Everything it started is stopped at the end, also when something failed. Logs: test-artifacts/scaleout/.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import boto3
import psycopg
import pytest
import redis
import requests

from tests.scaleout.cluster import PYTHON, ROOT, MailSink, Processes

REDIS_PORT = 6390
S3_PORT = 5055
PORTS = {"a": 8101, "b": 8102}
DATABASE_URL = "postgres://careerplanner:careerplanner@127.0.0.1:5432/careerplanner_scaleout"
BUCKET = "careerplanner-certificates"
S3_KEYS = {"AWS_ACCESS_KEY_ID": "scaleout", "AWS_SECRET_ACCESS_KEY": "scaleout"}  # the local S3 server takes any
DUE_ON = date(2027, 3, 1)  # the reminder runs' --date
REMINDED = 120  # people with a step due on DUE_ON
MAIL_DELAY = 0.02  # seconds a message takes to send, as a real server's round trips do


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("markexpr") == "scaleout":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL, Redis and an S3 server: run by `make test-scaleout`")
    for item in items:
        if item.get_closest_marker("scaleout"):
            item.add_marker(skip)


@dataclass(frozen=True)
class Cluster:
    a: str  # instance A's address
    b: str  # instance B's address
    processes: Processes
    mail: MailSink
    media_roots: tuple[Path, ...]  # each instance's PRIVATE_MEDIA_ROOT, which must stay empty
    cpc: int  # the CPC certification's id, for its admin page
    s3: object  # a boto3 S3 client on the local S3 server
    redis: redis.Redis


def _empty_database() -> None:
    """The database owner may drop and make again its public schema: no superuser needed."""
    try:
        connection = psycopg.connect(DATABASE_URL, autocommit=True)
    except psycopg.OperationalError as error:
        raise RuntimeError(
            f"{error}\nRun `make test-scaleout`: it makes the careerplanner_scaleout database."
        ) from None
    with connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


def database_count(sql: str) -> int:
    with psycopg.connect(DATABASE_URL) as connection:
        row = connection.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def _answers(url: str) -> bool:
    return requests.get(url, timeout=2, allow_redirects=False).status_code == 200


def _redis_answers(client: redis.Redis) -> bool:
    return bool(client.ping())


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    work = tmp_path_factory.mktemp("scaleout")
    logs = ROOT / "test-artifacts" / "scaleout"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    media_roots = {name: work / f"private-media-{name}" for name in PORTS}
    with MailSink(delay=MAIL_DELAY) as mail:
        env = {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", str(work)),
            "LANG": "C.UTF-8",
            "DJANGO_SETTINGS_MODULE": "careerplanner.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_ROOT": f"http://127.0.0.1:{PORTS['a']}",
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "PRIVATE_MEDIA_BUCKET": BUCKET,
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{S3_PORT}",
            "S3_REGION": "us-east-1",
            **S3_KEYS,
            "AWS_EC2_METADATA_DISABLED": "true",
            "STATIC_ROOT": str(work / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(mail.port),
        }
        processes = Processes(logs, env)
        s3 = boto3.client(
            "s3",
            endpoint_url=env["S3_ENDPOINT_URL"],
            region_name=env["S3_REGION"],
            aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
        )
        cache = redis.Redis(port=REDIS_PORT)
        try:
            no_disk = ["--save", "", "--appendonly", "no", "--dir", work]
            server = processes.start(
                "redis-server", ["redis-server", "--port", REDIS_PORT, "--bind", "127.0.0.1", *no_disk], port=REDIS_PORT
            )
            processes.wait_until(server, lambda: _redis_answers(cache))
            server = processes.start(
                "s3-server", [ROOT / ".venv" / "bin" / "moto_server", "-H", "127.0.0.1", "-p", S3_PORT], port=S3_PORT
            )
            processes.wait_until(server, lambda: _answers(env["S3_ENDPOINT_URL"]))
            s3.create_bucket(Bucket=BUCKET)

            _empty_database()
            manage = [PYTHON, "manage.py"]
            processes.run("migrate", [*manage, "migrate", "--no-input"])
            processes.run("load_catalogue", [*manage, "load_catalogue"])
            processes.run("collectstatic", [*manage, "collectstatic", "--no-input"])
            create = f"import datetime; create(reminded={REMINDED}, due_on=datetime.date.fromisoformat('{DUE_ON}'))"
            people = processes.run(
                "people", [*manage, "shell", "-c", f"from tests.scaleout.people import create; {create}"]
            )
            ids = json.loads(people.splitlines()[-1])

            for name, port in PORTS.items():
                gunicorn = [
                    ROOT / ".venv" / "bin" / "gunicorn",
                    "careerplanner.wsgi",
                    "--workers",
                    2,
                    "--no-control-socket",
                ]
                server = processes.start(
                    f"gunicorn-{name}",
                    [*gunicorn, "--bind", f"127.0.0.1:{port}", "--access-logfile", "-"],
                    port=port,
                    env={"PRIVATE_MEDIA_ROOT": str(media_roots[name])},
                )
                processes.wait_until(server, lambda port=port: _answers(f"http://127.0.0.1:{port}/"))

            yield Cluster(
                a=f"http://127.0.0.1:{PORTS['a']}",
                b=f"http://127.0.0.1:{PORTS['b']}",
                processes=processes,
                mail=mail,
                media_roots=tuple(media_roots.values()),
                cpc=ids["cpc"],
                s3=s3,
                redis=cache,
            )
        finally:
            processes.stop_all()
            cache.close()
            s3.close()
