"""Two instances, A and B, behave as one site: over real HTTP, with PostgreSQL, Redis and S3 shared.

The fixture `cluster` (conftest.py) starts everything; `make test-scaleout` runs these tests.
"""

from __future__ import annotations

import re

import pytest
import requests

from tests.scaleout.cluster import PYTHON, csrf_token, form_data, get_page, log_in, replace_fields
from tests.scaleout.conftest import BUCKET, DUE_ON, REMINDED, Cluster, database_count
from tests.scaleout.people import PASSWORD

pytestmark = pytest.mark.scaleout

PDF = b"%PDF-1.4\n" + b"A certificate of 1.5 CEUs, kept in S3 and streamed by the site.\n" * 200


def _signed_in_as(page) -> set[str]:
    """The name in the menu's "Log out" buttons (the menu is there twice: once for browsers without JavaScript)."""
    return {button.text() for button in page.find_all(tag="button") if button.text().startswith("Log out")}


def test_a_person_signed_in_on_one_instance_is_signed_in_on_the_other(cluster: Cluster) -> None:
    with requests.Session() as browser:
        log_in(browser, cluster.a, "lee", PASSWORD)
        session = browser.cookies["sessionid"]

        on_b, page = get_page(browser, cluster.b + "/dashboard/")
        # cached_db: the session is in Redis for reads and in PostgreSQL, which outlives an emptied Redis.
        stored = (
            cluster.redis.exists(f"careerplanner:1:django.contrib.sessions.cached_db{session}"),
            database_count(f"SELECT count(*) FROM django_session WHERE session_key = '{session}'"),
        )
        assert (on_b.status_code, _signed_in_as(page), stored) == (200, {"Log out lee"}, (1, 1))

        signed_out = browser.post(
            cluster.b + "/accounts/logout/", data={"csrfmiddlewaretoken": csrf_token(page)}, allow_redirects=False
        )
        on_a = browser.get(cluster.a + "/dashboard/", allow_redirects=False)

    assert (signed_out.status_code, on_a.status_code, on_a.headers["Location"]) == (
        302,
        302,
        "/accounts/login/?next=/dashboard/",
    )


def test_a_certificate_uploaded_through_one_instance_downloads_through_the_other(cluster: Cluster) -> None:
    with requests.Session() as maya, requests.Session() as lee:
        log_in(maya, cluster.a, "maya", PASSWORD)
        log_in(lee, cluster.b, "lee", PASSWORD)
        _, page = get_page(maya, cluster.a + "/ceus/add/")
        form = next(f for f in page.find_all(tag="form") if f.attrs.get("enctype") == "multipart/form-data")
        cca = next(i.attrs["value"] for i in form.find_all(tag="input") if i.attrs.get("name") == "credentials")
        fields = {"completed_on": "2026-10-01", "title": "Coding Edge quiz", "ceus": "1.5", "category": "general"}
        data = replace_fields(form_data(form), credentials=cca, **fields)

        added = maya.post(
            cluster.a + "/ceus/add/",
            data=data,
            files={"certificate": ("my scan.PDF", PDF, "application/pdf")},
            allow_redirects=False,
        )
        assert added.status_code == 302, added.text[:3000]
        pk = int(re.fullmatch(r"/ceus/#activity-(\d+)", added.headers["Location"]).group(1))
        download = maya.get(f"{cluster.b}/ceus/{pk}/certificate/", allow_redirects=False)
        not_lees = lee.get(f"{cluster.b}/ceus/{pk}/certificate/", allow_redirects=False)

    assert (download.status_code, download.headers["Content-Disposition"], download.content) == (
        200,
        'attachment; filename="ceu-certificate-2026-10-01-coding-edge-quiz.pdf"',
        PDF,
    )
    assert not_lees.status_code == 404
    # In the bucket, private: only its owner (the site's key) may read it; nothing on either instance's disk.
    keys = [item["Key"] for item in cluster.s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    grants = cluster.s3.get_object_acl(Bucket=BUCKET, Key=keys[0])["Grants"]
    assert (
        len(keys),
        keys[0].startswith("ceu-certificates/"),
        [(g["Grantee"]["Type"], g["Permission"]) for g in grants],
        cluster.s3.get_object(Bucket=BUCKET, Key=keys[0])["Body"].read(),
        [sorted(root.rglob("*")) if root.exists() else [] for root in cluster.media_roots],
    ) == (1, True, [("CanonicalUser", "FULL_CONTROL")], PDF, [[], []])


def _name_shown(page) -> str:
    return page.find_all(tag="h1")[0].text()


def _plan_lead(page) -> str:
    return next(p.text() for p in page.find_all(tag="p") if "lead" in p.classes)


def test_a_catalogue_edit_through_one_instance_shows_on_the_other(cluster: Cluster) -> None:
    public = f"{cluster.b}/certifications/CPC/"
    preview = f"{cluster.b}/plan/CPC/"
    with requests.Session() as visitor, requests.Session() as maya, requests.Session() as admin:
        log_in(maya, cluster.b, "maya", PASSWORD)
        before, page = get_page(visitor, public)
        cached, _ = get_page(visitor, public, headers={"If-None-Match": before.headers["ETag"]})
        name = _name_shown(page).removesuffix(" (CPC)")
        # Each of B's worker processes keeps the catalogue it read: warm them all.
        previews = [_plan_lead(get_page(maya, preview)[1]) for _ in range(6)]
        assert (before.status_code, cached.status_code, name) == (200, 304, "Certified Professional Coder")
        assert {lead.split(" (AAPC)")[0] for lead in previews} == {name}

        log_in(admin, cluster.a, "admin", PASSWORD, path="/admin/login/")
        change = f"{cluster.a}/admin/certifications/certification/{cluster.cpc}/change/"
        _, form_page = get_page(admin, change)
        data = replace_fields(form_data(form_page.by_id("certification_form")), name=f"{name}, edited on A")
        saved = admin.post(change, data=[*data, ("_save", "Save")], allow_redirects=False)
        assert saved.status_code == 302, saved.text[:3000]

        after, page = get_page(visitor, public, headers={"If-None-Match": before.headers["ETag"]})
        previews = [_plan_lead(get_page(maya, preview)[1]) for _ in range(6)]

    assert (after.status_code, _name_shown(page)) == (200, "Certified Professional Coder, edited on A (CPC)")
    assert {lead.split(" (AAPC)")[0] for lead in previews} == {"Certified Professional Coder, edited on A"}


def test_two_reminder_runs_at_once_send_each_email_once(cluster: Cluster) -> None:
    command = [PYTHON, "manage.py", "send_reminders", "--date", DUE_ON.isoformat()]
    runs = [cluster.processes.start(f"send_reminders-{n}", command) for n in (1, 2)]
    for run in runs:
        run.process.wait(timeout=300)
    outputs = [run.log.read_text() for run in runs]
    sent = [re.findall(r"^Reminders for 2027-03-01: sent (\d+) e-mails?", out, re.MULTILINE) for out in outputs]
    skipped = [out.count("are being sent by another run; skipped") for out in outputs]
    print(f"Two runs at once: e-mails sent {sent}, users left to the other run {skipped}")

    assert [run.process.returncode for run in runs] == [0, 0], "\n".join(outputs)
    assert sorted(cluster.mail.recipients) == [f"reminded{n:03}@example.org" for n in range(REMINDED)]
    assert (
        sum(int(count) for [count] in sent),
        database_count("SELECT count(*) FROM roadmap_reminderlog"),
    ) == (REMINDED, REMINDED)
    # Both runs sent some: they did run at once.
    assert min(int(count) for [count] in sent) > 0, sent
