"""Bad input gets a clear error, never a 500 (issue 10, section 1): sign-up, the profile, the calendar feed,
the CEU log and the wallet.

First the requests the fuzzer found, each answered as it should be now; then one property test per form
and per query parameter, sending generated hostile values (tests/hostile.py) through the real views as the
signed-in owner: never a 500, and a refused request changes nothing.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import given
from hypothesis import strategies as st

from certifications.models import Certification, CertifyingBody, KnowledgeArea
from roadmap.models import CareerProfile, CeuActivity, HeldCredential, Membership
from roadmap.profiles.forms import MAX_CREDENTIAL_ROWS
from tests.factories import CareerProfileFactory, CertificationFactory, UserFactory
from tests.hostile import (
    FUZZ,
    FUZZ_WIDE,
    MISSING,
    Pairs,
    answered,
    kept_or_refused,
    like_postgresql,
    path_part,
    post,
    refused_with_a_message,
    rolled_back,
    rows,
    tampered,
    urlencoded,
    values,
)
from tests.roadmap.helpers import hold, log_activity, member_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 8
PROFILE_TABLES = (CareerProfile, CareerProfile.studied_areas.through, HeldCredential, User)
CEU_TABLES = (CeuActivity, CeuActivity.credentials.through, HeldCredential, Membership)


def _today() -> datetime.date:
    return timezone.localdate()


def _cert(code: str) -> Certification:
    return Certification.objects.get(code=code)


def _client(user: User | None = None) -> Client:
    """A client that answers a 500 with its status (and the exception in response.exc_info), not by raising."""
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _maya() -> CareerProfile:
    """Maya's profile: CCA and CPC (as an apprentice), an AAPC membership, one CEU activity."""
    profile = CareerProfileFactory(user=UserFactory(username="maya", email="maya@example.org"), coding_months=14)
    cca = hold(profile, "CCA", datetime.date(2024, 3, 15))
    cpc = hold(profile, "CPC", datetime.date(2025, 6, 1), apprentice=True)
    member_of(profile, "AAPC", _today())
    log_activity(profile, _today(), "1.5", cca, cpc)
    return profile


def _profile_post(profile: CareerProfile | None, *rows_: dict[str, Any], initial: int = 0, **fields: Any) -> Pairs:
    """The profile page as the browser posts it; `rows_` are the credential rows, `fields` override the rest."""
    data: dict[str, Any] = {
        "education": "high_school",
        "training_contact_hours": "0",
        "coding_months": "14",
        "coding_setting": "",
        "other_role": "",
        "other_role_months": "0",
        "preferred_setting": "",
        "hours_per_week": "10",
        "budget": "",
        "start_date": _today().isoformat(),
        "target_date": "",
        "reminders_enabled": "on",
        "credentials-TOTAL_FORMS": str(len(rows_)),
        "credentials-INITIAL_FORMS": str(initial),
        "credentials-MIN_NUM_FORMS": "0",
        "credentials-MAX_NUM_FORMS": str(MAX_CREDENTIAL_ROWS),
    }
    for index, row in enumerate(rows_):
        if profile is not None and "id" in row:
            row = {"profile": str(profile.pk), **row}
        data.update({f"credentials-{index}-{name}": str(value) for name, value in row.items() if value is not None})
    data.update(fields)
    return [(key, value) for key, value in data.items() if value is not None]


def _held_rows(profile: CareerProfile) -> list[dict[str, Any]]:
    """Maya's saved credentials, unchanged, as the page's first rows."""
    return [
        {"id": held.pk, "certification": held.certification_id, "earned_on": held.earned_on.isoformat()}
        | ({"apprentice": "on"} if held.apprentice else {})
        for held in profile.credentials.order_by("certification__code")
    ]


def _credentials(profile: CareerProfile) -> list[tuple[str, datetime.date]]:
    return [(held.certification.code, held.earned_on) for held in profile.credentials.all()]


def _errors(response: Any) -> list[str]:
    credentials = response.context["credentials"]
    return [
        *(str(error) for error in credentials.non_form_errors()),
        *(
            f"row {n}: {error}"
            for n, row in enumerate(credentials, start=1)
            for errors in row.errors.values()
            for error in errors
        ),
    ]


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# ------------------------------------------------------------------ the requests the fuzzer found


def test_regenerating_with_a_bare_word_as_next_returns_to_the_wallet_with_a_new_address() -> None:
    # Was: NoReverseMatch (a 500) from redirect("foo"), after the old address had been killed.
    maya = _maya()
    old_token = maya.calendar_token

    response = _client(maya.user).post("/calendar/regenerate/", {"next": "foo"})

    maya.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, "/wallet/")
    assert maya.calendar_token != old_token


ALREADY_HELD = "row 1: CCA is already in your profile (was it added in another tab?). Reload the page to see it."
TAMPERED = (
    "The list of credentials arrived altered: its row counts do not add up. Reload the page and try again; "
    "nothing was saved."
)


@pytest.mark.parametrize(
    ("initial", "error"), [("0", ALREADY_HELD), ("-0", ALREADY_HELD), ("-99999999999999", TAMPERED)]
)
def test_a_held_credential_posted_again_as_a_new_row_is_refused_and_nothing_is_saved(initial: str, error: str) -> None:
    # Was: IntegrityError (a 500) on the one-credential-per-profile constraint: the rows alone looked fine.
    maya = _maya()
    client = _client(maya.user)
    before = rows(*PROFILE_TABLES)

    response = post(
        client,
        "/profile/",
        _profile_post(
            maya,
            {"certification": _cert("CCA").pk, "earned_on": "2024-01-01"},
            coding_months="20",
            **{"credentials-INITIAL_FORMS": initial},
        ),
    )

    assert (response.status_code, _errors(response)) == (400, [error])
    assert rows(*PROFILE_TABLES) == before


def test_two_tabs_adding_the_same_credential_save_it_once_and_the_second_is_told_why() -> None:
    maya = _maya()
    first_tab, second_tab = _client(maya.user), _client(maya.user)
    held = _held_rows(maya)
    adding_ccs = _profile_post(maya, *held, {"certification": _cert("CCS").pk, "earned_on": "2023-05-01"}, initial=2)

    first = post(first_tab, "/profile/", adding_ccs)
    second = post(second_tab, "/profile/", adding_ccs)

    assert (first.status_code, first["Location"]) == (302, "/recommendations/")
    assert (second.status_code, _errors(second)) == (
        400,
        ["row 3: CCS is already in your profile (was it added in another tab?). Reload the page to see it."],
    )
    assert _credentials(maya) == [
        ("CCA", datetime.date(2024, 3, 15)),
        ("CCS", datetime.date(2023, 5, 1)),
        ("CPC", datetime.date(2025, 6, 1)),
    ]


def test_swapping_two_saved_credentials_is_refused_with_a_way_to_do_it() -> None:
    # Django saves the rows one by one: the first would hold the second's credential for a moment.
    maya = _maya()
    cca, cpc = _held_rows(maya)
    client = _client(maya.user)
    before = rows(*PROFILE_TABLES)

    response = post(
        client,
        "/profile/",
        _profile_post(
            maya,
            {**cca, "certification": _cert("CPC").pk},
            {**cpc, "certification": _cert("CCA").pk, "apprentice": None},
            initial=2,
        ),
    )

    assert (response.status_code, _errors(response)) == (
        400,
        [
            "row 1: CPC is still in row 2 until you save: change one of the two rows, save, then change the other.",
            "row 2: CCA is still in row 1 until you save: change one of the two rows, save, then change the other.",
        ],
    )
    assert rows(*PROFILE_TABLES) == before


def test_a_credential_saved_by_another_tab_during_the_save_gives_a_conflict_and_saves_nothing() -> None:
    """The race past the checks: another request commits CCS between this one's checks and its save."""
    maya = _maya()
    client = _client(maya.user)
    other_tab_saved: list[HeldCredential] = []

    def other_tab_saves_ccs_first(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        result = execute(sql, *args)
        # Just after the form's last look at what the profile holds, before the save.
        if sql.startswith('SELECT "roadmap_heldcredential"."certification_id"') and not other_tab_saved:
            other_tab_saved.append(
                HeldCredential.objects.create(
                    profile=maya, certification=_cert("CCS"), earned_on=datetime.date(2022, 1, 1)
                )
            )
        return result

    with connection.execute_wrapper(other_tab_saves_ccs_first):
        response = post(
            client,
            "/profile/",
            _profile_post(
                maya,
                *_held_rows(maya),
                {"certification": _cert("CCS").pk, "earned_on": "2023-05-01"},
                initial=2,
                coding_months="20",
            ),
        )

    maya.refresh_from_db()
    assert response.status_code == 409
    assert _messages(response) == [
        "Nothing was saved: your profile changed in another tab while this one was saving. "
        "Check the answers below and save again."
    ]
    assert _errors(response) == [
        "row 3: CCS is already in your profile (was it added in another tab?). Reload the page to see it."
    ]
    assert maya.coding_months == 14
    assert _credentials(maya) == [
        ("CCA", datetime.date(2024, 3, 15)),
        ("CCS", datetime.date(2022, 1, 1)),
        ("CPC", datetime.date(2025, 6, 1)),
    ]


@pytest.mark.parametrize(
    ("counts", "error"),
    [
        ({"credentials-TOTAL_FORMS": "-1"}, TAMPERED),
        ({"credentials-INITIAL_FORMS": "-1"}, TAMPERED),
        ({"credentials-INITIAL_FORMS": "3"}, TAMPERED),
        ({"credentials-MIN_NUM_FORMS": "-5"}, TAMPERED),
        ({"credentials-MAX_NUM_FORMS": "-5"}, TAMPERED),
        (
            {"credentials-TOTAL_FORMS": "lots"},
            "The list of credentials arrived incomplete or altered (credentials-TOTAL_FORMS). Reload the page and "
            "try again; nothing was saved.",
        ),
        (
            {"credentials-INITIAL_FORMS": None},
            "The list of credentials arrived incomplete or altered (credentials-INITIAL_FORMS). Reload the page and "
            "try again; nothing was saved.",
        ),
        ({"credentials-TOTAL_FORMS": "41"}, "You can list at most 40 credentials. Remove some rows and save again."),
    ],
)
def test_forged_row_counts_are_refused_with_a_message_and_change_nothing(
    counts: dict[str, str | None], error: str
) -> None:
    maya = _maya()
    client = _client(maya.user)
    before = rows(*PROFILE_TABLES)

    response = post(
        client, "/profile/", _profile_post(maya, *_held_rows(maya), initial=2, coding_months="20", **counts)
    )

    assert (response.status_code, response.context["credentials"].non_form_errors()) == (400, [error])
    assert rows(*PROFILE_TABLES) == before


def test_a_huge_row_count_builds_at_most_forty_rows() -> None:
    # Was: 2,000 rows built and an 8 MB page, 18-27 s of a worker, for a 735-byte request.
    maya = _maya()

    response = post(_client(maya.user), "/profile/", _profile_post(maya, **{"credentials-TOTAL_FORMS": "999999999"}))

    assert (response.status_code, len(response.context["credentials"].forms)) == (400, MAX_CREDENTIAL_ROWS)
    assert response.context["credentials"].non_form_errors() == [
        "You can list at most 40 credentials. Remove some rows and save again."
    ]


def test_a_subject_id_beyond_64_bits_is_an_unknown_subject() -> None:
    # Was: OverflowError (a 500) from SQLite, asked for the id.
    maya = _maya()
    known = KnowledgeArea.objects.first()
    assert known is not None

    response = post(
        _client(maya.user),
        "/profile/",
        [*_profile_post(maya, studied_areas=str(known.pk)), ("studied_areas", "9" * 30)],
    )

    assert (response.status_code, response.context["form"].errors) == (
        400,
        {"studied_areas": [f"Unknown subject: {'9' * 30}. Tick the ones from the list."]},
    )
    assert maya.studied_areas.count() == 0


@pytest.mark.parametrize("path", ["/calendar/%00.ics", "/certifications/%00/", "/plan/%00/start/"])
def test_a_nul_byte_in_an_address_is_not_found_rather_than_refused_by_postgresql(path: str) -> None:
    with like_postgresql():
        response = _client().get(path)

    assert response.status_code == 404


def test_a_nul_byte_as_the_body_to_preselect_shows_the_form_without_one() -> None:
    maya = _maya()

    with like_postgresql():
        response = _client(maya.user).get("/wallet/memberships/add/?body=%00")

    assert (response.status_code, response.context["form"]["body"].value()) == (200, None)


def test_more_fields_than_django_reads_get_the_sites_own_400_page_and_change_nothing() -> None:
    maya = _maya()
    client = _client(maya.user)
    before = rows(*PROFILE_TABLES)

    response = post(client, "/profile/", [("studied_areas", str(n)) for n in range(1001)])

    assert response.status_code == 400
    assert b"<h1>Your request could not be understood</h1>" in response.content
    assert rows(*PROFILE_TABLES) == before


def test_a_body_that_is_not_multipart_is_refused_and_logs_nothing() -> None:
    maya = _maya()
    client = _client(maya.user)
    before = rows(*CEU_TABLES)

    response = client.generic(
        "POST", "/ceus/add/", b"--x\r\nnot a part", content_type="multipart/form-data; boundary=x"
    )

    assert response.status_code == 400
    assert rows(*CEU_TABLES) == before


# ------------------------------------------------------------------ property tests, one per form


def test_signup_answers_any_request_and_a_refused_one_creates_no_account() -> None:
    UserFactory(username="maya", email="maya@example.org")
    base = {
        "username": "lee",
        "email": "lee@example.org",
        "password1": "correct horse battery",
        "password2": "correct horse battery",
        "next": "/certifications/CPC/",
    }
    plausible = ["maya", "MAYA@example.org", "maya@example.org", "lee", "short", "correct horse battery"]

    @FUZZ
    @given(method=st.sampled_from(["GET", "POST"]), pairs=tampered(base, plausible=plausible))
    def check(method: str, pairs: Pairs) -> None:
        client = _client()  # a sign-up logs in: each example starts signed out
        cache.clear()  # and is a new visitor: the sign-up rate limits have counted nothing for it yet
        with rolled_back(), like_postgresql():
            before = rows(User)
            if method == "GET":
                response = client.get(f"/accounts/signup/?{urlencoded(pairs)}")
            else:
                response = post(client, "/accounts/signup/", pairs)
            answered(response)
            refused_with_a_message(response)
            assert response.status_code in ({200} if method == "GET" else {302, 400})
            if response.status_code != 302:
                assert rows(User) == before

    check()


def test_the_profile_answers_any_post_and_a_refused_one_changes_nothing() -> None:
    maya = _maya()
    newcomer = UserFactory(username="newcomer")
    someone_elses = hold(CareerProfileFactory(), "CCS", datetime.date(2021, 1, 1))
    retired = CertificationFactory(code="RETIRED", is_active=False)
    clients = {"maya": _client(maya.user), "newcomer": _client(newcomer)}
    area = KnowledgeArea.objects.first()
    assert area is not None
    base: dict[str, Any] = dict(
        _profile_post(maya, *_held_rows(maya), {"certification": _cert("CCS").pk, "earned_on": "2023-05-01"}, initial=2)
    )
    base["studied_areas"] = [str(area.pk)]
    row_fields = ["id", "profile", "certification", "earned_on", "apprentice", "DELETE"]
    names = [
        *(f"credentials-{row}-{field}" for row in (0, 1, 2, 3, 39, 40) for field in row_fields),
        "studied_areas", "completed_training", "licences", "currently_coding", "currently_in_other_role", "next",
    ]  # fmt: skip
    ids = [maya.pk, someone_elses.pk, someone_elses.profile_id, retired.pk, area.pk]
    plausible = [
        *(str(pk) for pk in [*maya.credentials.values_list("pk", flat=True), *ids]),
        *(str(_cert(code).pk) for code in ("CCA", "CPC", "CCS", "RHIT")),
        "0", "1", "2", "3", "4", "40", "41", "on", "2024-03-15", _today().isoformat(), "associate", "rn",
    ]  # fmt: skip

    counts = [f"credentials-{name}" for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")]
    forged_count = st.one_of(
        st.sampled_from(["0", "-0", "1", "-1", "4", "41", "999999999", "-99999999999999"]),
        st.integers(min_value=-3, max_value=2 * MAX_CREDENTIAL_ROWS).map(str),
        values,
    )

    @FUZZ_WIDE
    @given(
        who=st.sampled_from(sorted(clients)),
        pairs=tampered(base, names=names, plausible=plausible),
        forged=st.dictionaries(st.sampled_from(counts), st.one_of(forged_count, st.just(MISSING)), max_size=2),
    )
    def check(who: str, pairs: Pairs, forged: dict[str, Any]) -> None:
        pairs = [(key, value) for key, value in pairs if key not in forged]
        pairs += [(key, value) for key, value in forged.items() if value is not MISSING]
        with rolled_back(), like_postgresql():
            before = rows(*PROFILE_TABLES)
            response = post(clients[who], "/profile/", pairs)
            kept_or_refused(response, {302, 400, 409}, before, *PROFILE_TABLES)

    check()


def test_plan_this_certification_answers_any_code() -> None:
    maya = _maya()
    clients = [_client(), _client(maya.user)]

    @FUZZ
    @given(signed_in=st.booleans(), code=st.one_of(values, st.sampled_from(["CPC", "cpc", "RETIRED", "CPC/"])))
    def check(signed_in: bool, code: str | bytes) -> None:
        with rolled_back(), like_postgresql():
            response = clients[signed_in].get(f"/plan/{path_part(code)}/start/")
            answered(response)
            assert response.status_code in {302, 404}

    check()


def test_regenerating_the_calendar_address_always_ends_on_a_page_of_this_site() -> None:
    maya = _maya()
    client = _client(maya.user)

    @FUZZ
    @given(pairs=tampered({"next": "/wallet/"}, names=["next"], plausible=["/profile/", "/", "//evil.example/x"]))
    def check(pairs: Pairs) -> None:
        with rolled_back(), like_postgresql():
            old_token = CareerProfile.objects.get(pk=maya.pk).calendar_token
            response = post(client, "/calendar/regenerate/", pairs)
            answered(response)
            location = response["Location"]
            assert response.status_code == 302
            assert location.startswith("/")
            assert url_has_allowed_host_and_scheme(location, {"testserver"})
            assert CareerProfile.objects.get(pk=maya.pk).calendar_token != old_token

    check()


def test_the_calendar_feed_answers_any_token_with_the_calendar_or_a_404() -> None:
    maya = _maya()
    client = _client()
    near_misses = [maya.calendar_token, maya.calendar_token.upper(), maya.calendar_token + "x", "a" * 65, "-"]

    @FUZZ
    @given(token=st.one_of(values, st.sampled_from(near_misses)))
    def check(token: str | bytes) -> None:
        with rolled_back(), like_postgresql():
            before = rows(CareerProfile)
            response = client.get(f"/calendar/{path_part(token)}.ics")
            answered(response)
            assert response.status_code == (200 if token == maya.calendar_token else 404)
            assert rows(CareerProfile) == before

    check()


certificates = st.one_of(
    st.none(),
    st.tuples(
        st.one_of(
            st.sampled_from(["c.pdf", "C.PNG", "c.jpeg", "c", ".pdf", "c.pdf.exe", "x" * 300 + ".pdf", "../../c.pdf"]),
            # Any name a browser could send; Django's test upload itself refuses one that is no file name at all.
            st.text(min_size=1, max_size=20).filter(lambda name: os.path.basename(name) not in ("", ".", "..")),
        ),
        st.one_of(st.sampled_from([PDF, PNG, JPEG, b"", b"<html>"]), st.binary(max_size=16)),
    ),
)


def _multipart(pairs: Pairs, certificate: tuple[str, bytes]) -> dict[str, Any]:
    """The pairs as a multipart form with a certificate file (bytes as Latin-1: a multipart part is text here)."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        data.setdefault(key, []).append(text)
    name, content = certificate
    data["certificate"] = SimpleUploadedFile(name, content)
    return data


def test_the_ceu_activity_form_answers_any_post_and_a_refused_one_changes_nothing() -> None:
    maya = _maya()
    client = _client(maya.user)
    activity = CeuActivity.objects.get(profile=maya)
    someone_elses = hold(CareerProfileFactory(), "CCS", datetime.date(2021, 1, 1))
    held = [str(pk) for pk in maya.credentials.values_list("pk", flat=True)]
    base = {
        "completed_on": _today().isoformat(),
        "title": "Coding Edge quiz",
        "provider": "AAPC",
        "ceus": "1.5",
        "category": "auditing",
        "credentials": held,
    }
    plausible = [
        *held, str(someone_elses.pk), str(activity.pk), "40", "40.01", "0.01", "0.001", "general", "compliance",
        (_today() + datetime.timedelta(days=1)).isoformat(), "1950-01-01", "1949-12-31", "on",
    ]  # fmt: skip
    paths = ["/ceus/add/", f"/ceus/{activity.pk}/edit/"]

    @FUZZ
    @given(
        path=st.sampled_from(paths),
        pairs=tampered(base, names=["remove_certificate", "certificate", "profile", "id"], plausible=plausible),
        certificate=certificates,
    )
    def check(path: str, pairs: Pairs, certificate: tuple[str, bytes] | None) -> None:
        with rolled_back(), like_postgresql():
            before = rows(*CEU_TABLES)
            if certificate is None:
                response = post(client, path, pairs)
            else:
                response = client.post(path, _multipart(pairs, certificate))
            kept_or_refused(response, {302, 400}, before, *CEU_TABLES)

    check()


def test_the_credential_form_answers_any_post_and_a_refused_one_changes_nothing() -> None:
    maya = _maya()
    client = _client(maya.user)
    cpc = maya.credentials.get(certification__code="CPC")
    cca = maya.credentials.get(certification__code="CCA")
    base = {"earned_on": "2025-06-01", "apprentice": "on"}
    plausible = ["2024-03-15", _today().isoformat(), "1949-12-31", "on", "off", str(cca.pk), str(_cert("CCS").pk)]

    @FUZZ
    @given(
        path=st.sampled_from([f"/wallet/credentials/{cpc.pk}/", f"/wallet/credentials/{cca.pk}/"]),
        pairs=tampered(base, names=["certification", "profile", "id"], plausible=plausible),
    )
    def check(path: str, pairs: Pairs) -> None:
        with rolled_back(), like_postgresql():
            before = rows(*CEU_TABLES)
            response = post(client, path, pairs)
            kept_or_refused(response, {302, 400}, before, *CEU_TABLES)

    check()


def test_the_membership_forms_answer_any_request_and_a_refused_one_changes_nothing() -> None:
    maya = _maya()
    client = _client(maya.user)
    membership = Membership.objects.get(profile=maya)
    bodies = {body.abbreviation: str(body.pk) for body in CertifyingBody.objects.all()}
    base = {"body": bodies["AHIMA"], "renews_on": (_today() + datetime.timedelta(days=100)).isoformat()}
    plausible = [*bodies.values(), *bodies, _today().isoformat(), "2099-01-01", "1949-12-31", str(membership.pk)]

    @FUZZ
    @given(
        path=st.sampled_from(["/wallet/memberships/add/", f"/wallet/memberships/{membership.pk}/", "?body="]),
        pairs=tampered(base, names=["profile", "id"], plausible=plausible),
    )
    def check(path: str, pairs: Pairs) -> None:
        with rolled_back(), like_postgresql():
            before = rows(*CEU_TABLES)
            if path == "?body=":  # the body to preselect, from the wallet's "add its renewal date" links
                response = client.get(f"/wallet/memberships/add/?{urlencoded(pairs)}")
                expected = {200}
            else:
                response = post(client, path, pairs)
                expected = {302, 400}
            kept_or_refused(response, expected, before, *CEU_TABLES)

    check()


# ------------------------------------------------------------------ property tests, one per query parameter


def test_the_ceu_log_answers_any_page_number() -> None:
    maya = _maya()
    client = _client(maya.user)

    @FUZZ
    @given(pairs=tampered({"page": "1"}, plausible=["2", "last", "0", "-1"]))
    def check(pairs: Pairs) -> None:
        with rolled_back(), like_postgresql():
            response = client.get(f"/ceus/?{urlencoded(pairs)}")
            answered(response)
            assert response.status_code == 200

    check()


def test_next_on_the_profile_and_sign_up_pages_is_kept_only_when_it_is_on_this_site() -> None:
    maya = _maya()
    clients = {"/profile/": _client(maya.user), "/accounts/signup/": _client()}

    @FUZZ
    @given(path=st.sampled_from(sorted(clients)), next_url=st.one_of(values, st.just(MISSING)))
    def check(path: str, next_url: Any) -> None:
        pairs: Pairs = [] if next_url is MISSING else [("next", next_url)]
        with rolled_back(), like_postgresql():
            response = clients[path].get(f"{path}?{urlencoded(pairs)}")
            answered(response)
            kept = response.context["next"]
            assert response.status_code == 200
            assert kept == "" or url_has_allowed_host_and_scheme(kept, {"testserver"})

    check()
