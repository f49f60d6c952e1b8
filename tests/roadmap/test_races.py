"""Double submits and two tabs at once (issue 10, section 2): real concurrent requests, then the rows counted.

Each race sends its requests from threads, each with its own client and database connection, released
together by a barrier, and is run ROUNDS times with a new person each round, so that a race lost one time
in ten still shows. A request that fails is a 500 here (the clients do not re-raise), and its exception
is listed.

The threads need a database they can share: PostgreSQL (`make test-postgres`), or SQLite in a file.
Django's SQLite test database lives in memory, where a second connection gets "table is locked" at once
instead of waiting; so on SQLite, test_the_races_also_hold_on_sqlite_in_a_file runs this module again in
a subprocess with the test database in a file (careerplanner/settings_test.py, TEST_SQLITE_FILE), under
the site's own SQLite options. The tests at the end take the same paths one request after the other.
"""

from __future__ import annotations

import copy
import datetime
import os
import re
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.db import connection, connections
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certifications.models import Certification
from certifications.seed.loader import load_catalogue
from roadmap.models import CERTIFICATES_FOLDER, CareerProfile, CeuActivity, HeldCredential, Roadmap, private_storage
from roadmap.plans.services import make_plan, save_roadmap
from tests.factories import CareerProfileFactory, CeuActivityFactory, HeldCredentialFactory, RoadmapFactory, UserFactory
from tests.html import page

ROUNDS = 10
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
ROOT = Path(__file__).resolve().parents[2]


def _shared_database() -> bool:
    return connection.vendor != "sqlite" or not connection.creation.is_in_memory_db(connection.settings_dict["NAME"])


@pytest.fixture
def seeded(transactional_db: None) -> None:
    """The seed catalogue, in a database the threads share (a transactional test empties it afterwards)."""
    if not _shared_database():
        pytest.skip("threads cannot share the in-memory SQLite test database: see the module's docstring")
    load_catalogue()


@pytest.fixture
def failures() -> Iterator[list[str]]:
    """The exceptions behind the 500s of the test's requests, whichever thread raised them."""
    raised: list[str] = []

    def note(**kwargs: Any) -> None:
        raised.append(repr(sys.exc_info()[1]))

    got_request_exception.connect(note, weak=False, dispatch_uid="races")
    yield raised
    got_request_exception.disconnect(dispatch_uid="races")


def at_once(*sends: Callable[[], HttpResponse]) -> list[HttpResponse]:
    """Send each request from its own thread, all released at the same moment; their responses, in order."""
    barrier = threading.Barrier(len(sends))
    responses: list[Any] = [None] * len(sends)

    def send(index: int, request: Callable[[], HttpResponse]) -> None:
        try:
            barrier.wait(timeout=30)
            responses[index] = request()
        finally:
            # The thread's own connection: left open, it would keep the test database from being dropped.
            connections.close_all()

    threads = [threading.Thread(target=send, args=item) for item in enumerate(sends)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return responses


def browsers(user: Any, count: int = 2) -> list[Client]:
    """`count` clients signed in as `user` with the same session: the tabs (or the two clicks) of one browser."""
    first = Client(raise_request_exception=False)
    first.force_login(user)
    others = [Client(raise_request_exception=False) for _ in range(count - 1)]
    for other in others:
        other.cookies = copy.deepcopy(first.cookies)
    return [first, *others]


def hidden_inputs(response: HttpResponse) -> dict[str, str]:
    """The hidden inputs of the page's forms, as the browser would send them back."""
    return {
        node.attrs["name"] or "": node.attrs.get("value") or ""
        for node in page(response).find_all(tag="input")
        if node.attrs.get("type") == "hidden" and node.attrs.get("name")
    }


def answers(responses: list[HttpResponse]) -> list[tuple[int, str]]:
    return [(response.status_code, response.get("Location", "")) for response in responses]


def certificates_of(profile: CareerProfile) -> set[str]:
    """The files in the profile's folder of certificates (a test's rolled-back profile may have had its id)."""
    folder = f"{CERTIFICATES_FOLDER}/{profile.pk}"
    try:
        return {f"{folder}/{name}" for name in private_storage().listdir(folder)[1]}
    except FileNotFoundError:
        return set()


def _profile() -> CareerProfile:
    return CareerProfileFactory(start_date=timezone.localdate())


# ------------------------------------------------------------- saving a roadmap


def test_a_double_submitted_save_saves_one_roadmap(seeded: None, failures: list[str]) -> None:
    outcomes, expected = [], []
    for _ in range(ROUNDS):
        profile = _profile()
        first, second = browsers(profile.user)
        url = reverse("roadmap:preview", args=["CPC"])
        form = hidden_inputs(first.get(url))

        responses = at_once(partial(first.post, url, form), partial(second.post, url, form))

        saved = list(Roadmap.objects.filter(user=profile.user).values_list("pk", "is_active"))
        outcomes.append((answers(responses), saved))
        pk = saved[0][0] if saved else None
        expected.append(([(302, f"/roadmaps/{pk}/")] * 2, [(pk, True)]))
    assert outcomes == expected
    assert failures == []


def test_two_tabs_saving_two_plans_at_once_save_both_and_one_is_active(seeded: None, failures: list[str]) -> None:
    outcomes, expected = [], []
    for _ in range(ROUNDS):
        profile = _profile()
        first, second, third = browsers(profile.user, 3)
        cpc, coc = reverse("roadmap:preview", args=["CPC"]), reverse("roadmap:preview", args=["COC"])
        cpc_form, coc_form = hidden_inputs(first.get(cpc)), hidden_inputs(second.get(coc))

        # The second tab's button clicked twice besides.
        responses = at_once(
            partial(first.post, cpc, cpc_form), partial(second.post, coc, coc_form), partial(third.post, coc, coc_form)
        )

        saved = dict(Roadmap.objects.filter(user=profile.user).values_list("certification_code", "pk"))
        active = Roadmap.objects.filter(user=profile.user, is_active=True).count()
        outcomes.append((answers(responses), sorted(saved), active))
        cpc_saved, coc_saved = (302, f"/roadmaps/{saved.get('CPC')}/"), (302, f"/roadmaps/{saved.get('COC')}/")
        expected.append(([cpc_saved, coc_saved, coc_saved], ["COC", "CPC"], 1))
    assert outcomes == expected
    assert failures == []


def test_two_activations_at_once_leave_exactly_one_active_roadmap(seeded: None, failures: list[str]) -> None:
    outcomes = []
    for _ in range(ROUNDS):
        user = UserFactory()
        RoadmapFactory(user=user, is_active=True)
        second, third = RoadmapFactory(user=user), RoadmapFactory(user=user)
        first_tab, second_tab = browsers(user)

        responses = at_once(
            partial(first_tab.post, reverse("roadmap:activate", args=[second.pk])),
            partial(second_tab.post, reverse("roadmap:activate", args=[third.pk])),
        )

        active = list(Roadmap.objects.filter(user=user, is_active=True).values_list("pk", flat=True))
        outcomes.append((answers(responses), len(active), active[0] in (second.pk, third.pk) if active else None))
    assert outcomes == [([(302, "/roadmaps/")] * 2, 1, True)] * ROUNDS
    assert failures == []


# ------------------------------------------------------------------ the CEU log


def test_a_double_submitted_ceu_activity_is_logged_once_with_one_certificate(seeded: None, failures: list[str]) -> None:
    outcomes, expected = [], []
    for _ in range(ROUNDS):
        profile = _profile()
        held = HeldCredentialFactory(
            profile=profile, certification=Certification.objects.get(code="CCA"), earned_on=datetime.date(2024, 3, 15)
        )
        first, second = browsers(profile.user)
        form = hidden_inputs(first.get(reverse("ceus:add")))

        def log(client: Client, form: dict[str, str] = form, held: HeldCredential = held) -> HttpResponse:
            fields = {
                "completed_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
                "title": "Coding clinic webinar",
                "ceus": "1.5",
                "category": "general",
                "credentials": [str(held.pk)],
                "certificate": SimpleUploadedFile("certificate.pdf", PDF),
            }
            return client.post(reverse("ceus:add"), {**form, **fields})

        stored_before = certificates_of(profile)
        responses = at_once(partial(log, first), partial(log, second))

        logged = list(CeuActivity.objects.filter(profile=profile).values_list("pk", flat=True))
        outcomes.append((answers(responses), len(logged), len(certificates_of(profile) - stored_before)))
        expected.append(([(302, f"/ceus/#activity-{logged[0] if logged else None}")] * 2, 1, 1))
    assert outcomes == expected
    assert failures == []


# -------------------------------------------------------------------- the profile


def _profile_form(*, coding_months: int = 0) -> dict[str, str]:
    """The profile page's form, first filled in: one credential held."""
    return {
        "education": "high_school",
        "training_contact_hours": "0",
        "coding_months": str(coding_months),
        "other_role_months": "0",
        "hours_per_week": "10",
        "start_date": timezone.localdate().isoformat(),
        "reminders_enabled": "on",
        "credentials-TOTAL_FORMS": "1",
        "credentials-INITIAL_FORMS": "0",
        "credentials-0-certification": str(Certification.objects.get(code="CCA").pk),
        "credentials-0-earned_on": "2024-03-15",
    }


def _profiles_of(user: Any) -> list[tuple[int, list[str]]]:
    return [
        (profile.coding_months, [held.certification.code for held in profile.credentials.all()])
        for profile in CareerProfile.objects.filter(user=user)
    ]


def test_a_double_submitted_first_profile_saves_one_profile_and_both_answers_say_so(
    seeded: None, failures: list[str]
) -> None:
    outcomes = []
    for _ in range(ROUNDS):
        user = UserFactory()
        first, second = browsers(user)
        form = _profile_form()

        responses = at_once(partial(first.post, "/profile/", form), partial(second.post, "/profile/", form))

        outcomes.append((answers(responses), _profiles_of(user)))
    assert outcomes == [([(302, "/recommendations/")] * 2, [(0, ["CCA"])])] * ROUNDS
    assert failures == []


def test_two_tabs_sending_different_first_profiles_save_one_and_tell_the_other(
    seeded: None, failures: list[str]
) -> None:
    outcomes = []
    for _ in range(ROUNDS):
        user = UserFactory()
        first, second = browsers(user)

        responses = at_once(
            partial(first.post, "/profile/", _profile_form(coding_months=6)),
            partial(second.post, "/profile/", _profile_form(coding_months=12)),
        )

        [(months, credentials)] = _profiles_of(user)
        saved, refused = responses if months == 6 else reversed(responses)
        # Refused while saving (409: "nothing was saved, your profile changed in another tab"), or by the
        # checks when the other had already saved (400: "CCA is already in your profile").
        outcomes.append((saved.status_code, refused.status_code in (400, 409), credentials))
    assert outcomes == [(302, True, ["CCA"])] * ROUNDS
    assert failures == []


# ------------------------------------------------------------- the same on SQLite


def test_the_races_also_hold_on_sqlite_in_a_file(tmp_path: Path) -> None:
    """This module again on SQLite, with the test database in a file that threads can share."""
    if connection.vendor != "sqlite" or os.environ.get("TEST_SQLITE_FILE"):
        pytest.skip("runs from the in-memory SQLite suite only")
    environment = {**os.environ, "TEST_SQLITE_FILE": str(tmp_path / "races.sqlite3")}
    environment.pop("DATABASE_URL", None)

    run = subprocess.run(
        [sys.executable, "-m", "pytest", __file__, "-q"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    # Every race ran: the one test skipped is this one.
    assert re.fullmatch(r"\d+ passed, 1 skipped in .*", run.stdout.splitlines()[-1]), run.stdout[-2000:]


# ------------------------------------------------------- one after the other, and the paths in between

NOW = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _messages(response: HttpResponse) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _holding_cca(client: Client) -> tuple[CareerProfile, HeldCredential]:
    profile = CareerProfileFactory()
    client.force_login(profile.user)
    held = HeldCredentialFactory(
        profile=profile, certification=Certification.objects.get(code="CCA"), earned_on=datetime.date(2024, 3, 15)
    )
    return profile, held


def _activity(held: HeldCredential, **fields: Any) -> dict[str, Any]:
    return {
        "completed_on": "2026-11-20",
        "title": "Coding clinic webinar",
        "ceus": "1.5",
        "category": "general",
        "credentials": [str(held.pk)],
        **fields,
    }


@pytest.mark.django_db
def test_each_add_page_has_its_own_token_and_the_edit_page_none(client: Client, frozen: None) -> None:
    profile, _held = _holding_cca(client)
    activity = CeuActivityFactory(profile=profile, completed_on=datetime.date(2026, 1, 5), title="A", ceus=1)

    tokens = [hidden_inputs(client.get(reverse("ceus:add"))).get("save_token", "") for _ in range(2)]
    edit = hidden_inputs(client.get(reverse("ceus:edit", args=[activity.pk])))

    assert [uuid.UUID(token).version for token in tokens] == [4, 4]
    assert (tokens[0] != tokens[1], "save_token" in edit) == (True, False)


@pytest.mark.django_db
def test_an_add_page_sent_twice_logs_once_keeps_one_certificate_and_says_so(client: Client, frozen: None) -> None:
    profile, held = _holding_cca(client)
    token = hidden_inputs(client.get(reverse("ceus:add")))["save_token"]

    def send() -> HttpResponse:
        certificate = SimpleUploadedFile("certificate.pdf", PDF)
        return client.post(reverse("ceus:add"), _activity(held, save_token=token, certificate=certificate))

    stored_before = certificates_of(profile)
    first, second = send(), send()

    activity = CeuActivity.objects.get(profile=profile)
    assert answers([first, second]) == [(302, f"/ceus/#activity-{activity.pk}")] * 2
    assert _messages(second) == [
        "Logged “Coding clinic webinar”: 1.5 CEUs on 20 Nov 2026.",
        "Logged “Coding clinic webinar”: 1.5 CEUs on 20 Nov 2026, once: this page was sent twice.",
    ]
    assert (str(activity.save_token), certificates_of(profile) - stored_before) == (token, {activity.certificate.name})


@pytest.mark.django_db
def test_an_add_page_with_an_altered_token_logs_nothing_and_says_why(client: Client, frozen: None) -> None:
    profile, held = _holding_cca(client)

    response = client.post(reverse("ceus:add"), _activity(held, save_token="not-a-token"))

    assert response.status_code == 400
    assert page(response).texts("form-error") == [
        "This page: it arrived altered, so nothing was saved. Reload the page and log the activity again."
    ]
    assert CeuActivity.objects.filter(profile=profile).count() == 0


@pytest.mark.django_db
def test_an_add_page_without_a_token_still_logs(client: Client, frozen: None) -> None:
    """A page shown before the token existed: logged as before, only not protected from a double submit."""
    profile, held = _holding_cca(client)

    client.post(reverse("ceus:add"), _activity(held))
    client.post(reverse("ceus:add"), _activity(held))

    assert list(CeuActivity.objects.filter(profile=profile).values_list("title", "save_token")) == [
        ("Coding clinic webinar", None),
        ("Coding clinic webinar", None),
    ]


@pytest.mark.django_db
def test_the_same_token_from_another_person_logs_their_own_activity(client: Client, frozen: None) -> None:
    maya, maya_cca = _holding_cca(client)
    token = str(uuid.uuid4())
    client.post(reverse("ceus:add"), _activity(maya_cca, save_token=token))
    other_client = Client()
    other, other_cca = _holding_cca(other_client)

    other_client.post(reverse("ceus:add"), _activity(other_cca, save_token=token))

    assert sorted(CeuActivity.objects.values_list("profile_id", flat=True)) == sorted([maya.pk, other.pk])


@pytest.mark.django_db
def test_the_first_profile_sent_twice_is_saved_once_and_both_answers_say_so(client: Client) -> None:
    user = UserFactory()
    client.force_login(user)

    first, second = client.post("/profile/", _profile_form()), client.post("/profile/", _profile_form())

    assert (answers([first, second]), _messages(second)) == (
        [(302, "/recommendations/")] * 2,
        ["Your profile is saved.", "Your profile is saved."],
    )
    assert _profiles_of(user) == [(0, ["CCA"])]


@pytest.mark.django_db
def test_a_first_profile_sent_again_with_other_answers_is_refused_and_changes_nothing(client: Client) -> None:
    user = UserFactory()
    client.force_login(user)
    client.post("/profile/", _profile_form(coding_months=6))

    response = client.post("/profile/", _profile_form(coding_months=12))

    assert (response.status_code, page(response).texts("form-error")) == (
        400,
        [
            "Credential 1, credential: CCA is already in your profile (was it added in another tab?). "
            "Reload the page to see it."
        ],
    )
    assert _profiles_of(user) == [(6, ["CCA"])]


# In save_roadmap: after its look for an active roadmap and for its token, before its insert.
LOOKING_UP_THE_CERTIFICATION = 'SELECT "certifications_certification"."id"'


def _just_before(sql_start: str, then: Callable[[], Any]) -> Callable[..., Any]:
    """An execute wrapper that runs `then` once, just before the first query starting with `sql_start`:
    another request's save landing at that moment."""
    done: list[bool] = []

    def wrapper(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        if sql.startswith(sql_start) and not done:
            done.append(True)
            then()
        return execute(sql, *args)

    return wrapper


@pytest.mark.django_db
def test_a_plan_saved_while_another_became_active_is_kept_inactive(frozen: None) -> None:
    """The race before anyone's first roadmap, when the lock has nothing to hold: another tab's plan is saved,
    and made active, between this save's look for an active roadmap and its insert."""
    profile = _profile()
    plan = make_plan(profile, "CPC", today=NOW.date())
    other_tab = partial(RoadmapFactory, user=profile.user, certification_code="COC", is_active=True)

    with connection.execute_wrapper(_just_before(LOOKING_UP_THE_CERTIFICATION, other_tab)):
        saved = save_roadmap(user=profile.user, plan=plan, profile=profile, save_token=uuid.uuid4())

    assert sorted(Roadmap.objects.filter(user=profile.user).values_list("certification_code", "is_active")) == [
        ("COC", True),
        ("CPC", False),
    ]
    assert (saved.certification_code, saved.is_active, saved.steps.count()) == ("CPC", False, len(plan.steps))


@pytest.mark.django_db
def test_a_save_whose_twin_was_saved_meanwhile_answers_with_the_twin(frozen: None) -> None:
    profile = _profile()
    plan = make_plan(profile, "CPC", today=NOW.date())
    token = uuid.uuid4()
    twin: list[Roadmap] = []

    def twin_saves() -> None:
        twin.append(save_roadmap(user=profile.user, plan=plan, profile=profile, save_token=token))

    with connection.execute_wrapper(_just_before(LOOKING_UP_THE_CERTIFICATION, twin_saves)):
        saved = save_roadmap(user=profile.user, plan=plan, profile=profile, save_token=token)

    assert (saved, Roadmap.objects.filter(user=profile.user).count()) == (twin[0], 1)
