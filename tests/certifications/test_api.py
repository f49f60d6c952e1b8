"""The public catalogue API (/api/v1/, certifications.api): payloads, the catalogue pages' filters, pages of
results, ETags, rate limits, the OpenAPI schema and its browsable page, and hostile query strings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from drf_spectacular.validation import validate_schema
from hypothesis import given
from hypothesis import strategies as st

from certifications.models import CatalogueVersion, Certification, Requirement, TrainingProgram
from tests.factories import (
    CertificationFactory,
    CertifyingBodyFactory,
    CeuMinimumFactory,
    CeuPolicyFactory,
    EligibilityRouteFactory,
    RequirementFactory,
    SourceFactory,
    TrainingProgramFactory,
    UserFactory,
    WorkSettingFactory,
)
from tests.hostile import (
    FUZZ,
    Pairs,
    answered,
    like_postgresql,
    path_part,
    rolled_back,
    rows,
    tampered,
    urlencoded,
    values,
)

pytestmark = pytest.mark.django_db

ALL = {"page_size": 100}


def _source(key: str, confidence: str = "high", as_of: str = "") -> dict[str, str]:
    return {
        "key": key,
        "title": f"Title of {key}",
        "url": f"https://example.org/{key}",
        "confidence": confidence,
        "as_of": as_of,
    }


def _make_source(key: str, confidence: str = "high", as_of: str = "") -> Any:
    return SourceFactory(key=key, title=f"Title of {key}", url=f"https://example.org/{key}", confidence=confidence,
                         as_of=as_of)  # fmt: skip


def _codes(response: Any) -> list[str]:
    return [item["code"] for item in response.json()["results"]]


# ------------------------------------------------------------------ what is sent


def test_a_certification_is_sent_with_its_body_routes_requirements_sources_and_policy(client: Client):
    body = CertifyingBodyFactory(
        abbreviation="TBX",
        name="Test Body X",
        website="https://body.example/",
        membership_required_to_sit=False,
        membership_required_to_keep=True,
        membership_fee=Decimal("205.00"),
        membership_source=_make_source("TMEM"),
        membership_verified_on=date(2026, 1, 5),
    )
    CeuPolicyFactory(
        body=body,
        cycle_months=24,
        extra_credential_ceus=4,
        max_ceus=52,
        recertification_fee_member=Decimal("0.00"),
        notes="No carry-over.\n\n  Report online.  ",
        source=_make_source("TPOL"),
        verified_on=date(2026, 2, 1),
    )
    prerequisite = CertificationFactory(code="TPRE", body=body)
    certification = CertificationFactory(
        code="TCX",
        name="Test Certification X",
        body=body,
        level="specialty",
        summary="For tests.",
        eligibility_source=_make_source("TELI", confidence="medium", as_of="2025"),
        exam_items=100,
        exam_minutes=240,
        exam_open_book=True,
        exam_delivery="Online, proctored",
        exam_source=_make_source("TEXA"),
        exam_verified_on=date(2026, 3, 2),
        exam_fee_member=Decimal("399.00"),
        exam_fee_non_member=None,
        fee_as_of="2026",
        fee_source=_make_source("TFEE"),
        fee_verified_on=date(2026, 3, 3),
        ceus_per_cycle=36,
        ceu_source=_make_source("TCEU"),
        ceu_verified_on=date(2026, 3, 4),
        supersedes=prerequisite,
    )
    # In the admin's order, as the pages list them.
    certification.work_settings.add(WorkSettingFactory(code="ts-b", order=2), WorkSettingFactory(code="ts-a", order=1))
    route = EligibilityRouteFactory(certification=certification, order=1, name="TPRE and a year", source=None)
    holds = RequirementFactory(route=route, kind=Requirement.Kind.CREDENTIAL, months=None)
    holds.credentials.add(prerequisite)
    RequirementFactory(route=route, kind=Requirement.Kind.CODING_EXPERIENCE, months=12, note="full time")
    CeuMinimumFactory(certification=certification, category="auditing", ceus=16)

    response = Client().get("/api/v1/certifications/TCX/")

    assert response.status_code == 200
    policy = {
        "body": "TBX",
        "cycle_months": 24,
        "cycle_start": "exam_date",
        "prorate_first_cycle": False,
        "first_cycle_min_months": 12,
        "prorate_note": "",
        "extra_credential_ceus": 4,
        "max_ceus": 52,
        "counts_before_certification": False,
        "carry_over": False,
        "recertification_fee": None,
        "recertification_fee_member": "0.00",
        "notes": ["No carry-over.", "Report online."],
        "source": _source("TPOL"),
        "verified_on": "2026-02-01",
    }
    assert response.json() == {
        "code": "TCX",
        "name": "Test Certification X",
        "url": "http://testserver/api/v1/certifications/TCX/",
        "page": "http://testserver/certifications/TCX/",
        "body": {
            "abbreviation": "TBX",
            "name": "Test Body X",
            "website": "https://body.example/",
            "membership": {
                "required_to_sit": False,
                "required_to_keep": True,
                "fee": "205.00",
                "source": _source("TMEM"),
                "verified_on": "2026-01-05",
            },
        },
        "level": "specialty",
        "summary": "For tests.",
        "work_settings": ["ts-a", "ts-b"],
        "audience_note": "",
        "experience_expected": False,
        "eligibility": {"known": True, "note": "", "source": _source("TELI", confidence="medium", as_of="2025")},
        "routes": [
            {
                "purpose": "eligibility",
                "order": 1,
                "name": "TPRE and a year",
                "source": None,
                "requirements": [
                    {
                        "kind": "credential",
                        "text": "Holds TPRE",
                        "education_level": "",
                        "credentials": ["TPRE"],
                        "months": None,
                        "qualification": "",
                        "role": "",
                        "must_be_current": False,
                        "licences": [],
                        "note": "",
                        "proof": "",
                    },
                    {
                        "kind": "coding_experience",
                        "text": "1 year of coding experience (full time)",
                        "education_level": "",
                        "credentials": [],
                        "months": 12,
                        "qualification": "",
                        "role": "",
                        "must_be_current": False,
                        "licences": [],
                        "note": "full time",
                        "proof": "",
                    },
                ],
            }
        ],
        "apprentice_designation": "",
        "exam": {
            "items": 100,
            "minutes": 240,
            "open_book": True,
            "delivery": "Online, proctored",
            "format_note": "",
            "source": _source("TEXA"),
            "verified_on": "2026-03-02",
        },
        "fees": {
            "member": "399.00",
            "non_member": None,
            "as_of": "2026",
            "source": _source("TFEE"),
            "verified_on": "2026-03-03",
        },
        "salary": {"amount": None, "basis": "", "year": None, "source": None},
        "ceus": {
            "per_cycle": 36,
            "minimums": [{"category": "auditing", "ceus": 16}],
            "source": _source("TCEU"),
            "verified_on": "2026-03-04",
        },
        "ceu_policy": policy,
        "supersedes": "TPRE",
    }
    assert Client().get("/api/v1/ceu-policies/TBX/").json() == policy


def test_unknown_fees_and_costs_are_null_never_zero(client: Client):
    CertificationFactory(code="TUNK", exam_fee_member=None, exam_fee_non_member=None)
    TrainingProgramFactory(slug="t-unknown-cost", cost=None)

    certification = client.get("/api/v1/certifications/TUNK/").json()
    program = client.get("/api/v1/programs/t-unknown-cost/").json()

    assert (certification["fees"]["member"], certification["fees"]["non_member"], program["cost"]) == (
        None,
        None,
        None,
    )
    assert certification["body"]["membership"]["fee"] is None


def test_a_program_is_sent_with_what_it_prepares_for_and_its_source(client: Client):
    active = CertificationFactory(code="TACT")
    retired = CertificationFactory(code="TRET", is_active=False)
    program = TrainingProgramFactory(
        slug="t-course",
        name="Test course",
        provider="Test School",
        kind="course",
        delivery="online",
        url="https://school.example/course",
        contact_hours=80,
        cost=Decimal("1200.00"),
        approval="aapc",
        qualifications=["coding_course_80h"],
        source=_make_source("TPRO"),
        verified_on=date(2026, 4, 1),
    )
    program.prepares_for.add(active, retired)

    response = client.get("/api/v1/programs/t-course/")

    assert response.json() == {
        "slug": "t-course",
        "name": "Test course",
        "url": "http://testserver/api/v1/programs/t-course/",
        "web_page": "https://school.example/course",
        "provider": "Test School",
        "kind": "course",
        "delivery": "online",
        "description": "",
        "contact_hours": 80,
        "duration_months": None,
        "cost": "1200.00",
        "approval": "aapc",
        "qualifications": ["coding_course_80h"],
        "awards_education_level": "",
        "admission_education_level": "",
        "prepares_for": ["TACT"],  # a retired certification is not shown, as on the programs page
        "covers": [],
        "source": _source("TPRO"),
        "verified_on": "2026-04-01",
    }


def test_a_source_lists_the_facts_taken_from_it_with_their_verified_on_dates(client: Client):
    source = _make_source("TSRC")
    body = CertifyingBodyFactory(abbreviation="TBS", membership_source=source, membership_verified_on=date(2026, 5, 1))
    CertificationFactory(code="TSA", body=body, fee_source=source, fee_verified_on=date(2026, 6, 1))
    CertificationFactory(code="TSB", body=body, eligibility_source=source)
    CertificationFactory(code="TSOLD", body=body, fee_source=source, fee_verified_on=date(2027, 1, 1), is_active=False)
    EligibilityRouteFactory(certification=Certification.objects.get(code="TSB"), source=source)
    TrainingProgramFactory(slug="t-src-program", source=source, verified_on=None)

    response = client.get("/api/v1/sources/TSRC/")

    assert response.json() == {
        **_source("TSRC"),
        "cited_for": [
            {"record": "body", "key": "TBS", "fact": "membership", "verified_on": "2026-05-01"},
            {"record": "certification", "key": "TSA", "fact": "exam_fees", "verified_on": "2026-06-01"},
            {"record": "certification", "key": "TSB", "fact": "eligibility", "verified_on": None},
            {"record": "certification", "key": "TSB", "fact": "eligibility_route", "verified_on": None},
            {"record": "program", "key": "t-src-program", "fact": "program", "verified_on": None},
        ],
        "last_verified_on": "2026-06-01",
    }


def test_an_unknown_or_retired_certification_is_a_404(client: Client):
    CertificationFactory(code="TGONE", is_active=False)

    answers = {code: client.get(f"/api/v1/certifications/{code}/") for code in ("NOPE", "TGONE")}

    assert {code: (r.status_code, r.json()) for code, r in answers.items()} == {
        "NOPE": (404, {"detail": "No Certification matches the given query."}),
        "TGONE": (404, {"detail": "No Certification matches the given query."}),
    }


# ------------------------------------------------------------------ filters, as on the catalogue pages


@pytest.mark.parametrize(
    "query",
    [
        "",
        "level=entry",
        "body=AHIMA",
        "setting=inpatient",
        "no_prereq=on",
        "body=AAPC&level=specialty",
        "setting=physician-office&no_prereq=1",
    ],
)
def test_the_certification_filters_give_what_the_catalogue_page_gives(client: Client, query: str):
    page = client.get(f"/certifications/?{query}")
    api = client.get(f"/api/v1/certifications/?{query}&page_size=100")

    assert _codes(api) == [c.code for c in page.context["certifications"]]
    assert api.json()["count"] == len(page.context["certifications"]) > 0


@pytest.mark.parametrize("query", ["", "kind=course", "certification=CPC", "kind=bachelor_degree&certification=RHIT"])
def test_the_program_filters_give_what_the_programs_page_gives(client: Client, query: str):
    page = client.get(f"/programs/?{query}")
    api = client.get(f"/api/v1/programs/?{query}&page_size=100")

    assert [p["slug"] for p in api.json()["results"]] == [p.slug for p in page.context["programs"]]
    assert len(page.context["programs"]) > 0


def test_a_refused_filter_is_a_400_naming_the_value_as_the_page_does(client: Client):
    response = client.get("/api/v1/certifications/?level=expert&body=NOBODY&no_prereq=maybe")
    page = client.get("/certifications/?level=expert&body=NOBODY&no_prereq=maybe")

    assert (response.status_code, response.json()) == (
        400,
        {
            "body": ["Unknown certifying body: NOBODY. Choose one from the list."],
            "level": ["Unknown level: expert. Choose one from the list."],
            "no_prereq": ["Unknown value maybe for “No prerequisites”; tick it or leave it empty."],
        },
    )
    assert response.json() == {name: list(errors) for name, errors in page.context["form"].errors.items()}


# ------------------------------------------------------------------ pages


def test_results_come_in_pages_whose_links_lead_through_all_of_them(client: Client):
    everything = _codes(client.get("/api/v1/certifications/", ALL))
    seen: list[str] = []
    address: str | None = "/api/v1/certifications/?page_size=5"
    pages = 0
    while address:
        body = client.get(address).json()
        seen += [item["code"] for item in body["results"]]
        address = body["next"]
        pages += 1

    assert seen == everything == sorted(Certification.objects.filter(is_active=True).values_list("code", flat=True))
    assert pages == -(-len(everything) // 5)
    second = client.get("/api/v1/certifications/?page_size=5&page=2").json()
    assert (second["previous"], second["next"]) == (
        "http://testserver/api/v1/certifications/?page_size=5",
        "http://testserver/api/v1/certifications/?page=3&page_size=5",
    )


def test_a_page_holds_20_by_default_and_100_at_most(client: Client):
    for n in range(100):
        CertificationFactory(code=f"TPG{n:03}")

    default = client.get("/api/v1/certifications/").json()
    capped = client.get("/api/v1/certifications/?page_size=1000").json()

    assert (len(default["results"]), len(capped["results"]), default["count"]) == (20, 100, capped["count"])


def test_a_page_past_the_end_is_a_404(client: Client):
    response = client.get("/api/v1/certifications/?page=99")

    assert (response.status_code, response.json()) == (404, {"detail": "Invalid page."})


# ------------------------------------------------------------------ caching and ETags


def test_an_unchanged_catalogue_answers_a_conditional_get_with_304(client: Client, django_assert_num_queries: Any):
    first = client.get("/api/v1/certifications/?level=core")

    with django_assert_num_queries(1):  # the catalogue version
        again = client.get("/api/v1/certifications/?level=core", HTTP_IF_NONE_MATCH=first["ETag"])

    assert (again.status_code, again.content, again["ETag"]) == (304, b"", first["ETag"])
    assert first["Cache-Control"] == "no-cache"


def test_a_catalogue_change_gives_a_new_etag_and_the_new_figures(client: Client):
    CertificationFactory(code="TET", exam_fee_member=Decimal("100.00"))
    first = client.get("/api/v1/certifications/TET/")

    Certification.objects.filter(code="TET").update(exam_fee_member=Decimal("120.00"))
    CatalogueVersion.bump()  # what the admin and the seed loader do on every change
    again = client.get("/api/v1/certifications/TET/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert (first.json()["fees"]["member"], again.json()["fees"]["member"]) == ("100.00", "120.00")


def test_each_address_has_its_own_etag(client: Client):
    etags = {query: client.get(f"/api/v1/certifications/?{query}")["ETag"] for query in ("", "level=core", "page=1")}

    assert len(set(etags.values())) == 3


@pytest.mark.parametrize("n", [1, 5])
def test_the_certification_list_runs_a_fixed_number_of_queries(client: Client, django_assert_num_queries: Any, n: int):
    body = CertifyingBodyFactory(abbreviation="TQB")
    CeuPolicyFactory(body=body)
    for _ in range(n):
        certification = CertificationFactory(body=body)
        certification.work_settings.add(WorkSettingFactory(), WorkSettingFactory())
        RequirementFactory(route__certification=certification, kind=Requirement.Kind.CREDENTIAL).credentials.add(
            CertificationFactory()
        )
        CeuMinimumFactory(certification=certification)

    # version, work settings and bodies (the filter), count, the page, settings, routes, requirements,
    # their credentials, CEU minimums
    with django_assert_num_queries(10):
        response = client.get("/api/v1/certifications/?body=TQB")
    with django_assert_num_queries(1):  # the version: the answer is kept
        again = client.get("/api/v1/certifications/?body=TQB")

    assert response.json()["count"] == n
    assert again.json() == response.json()


@pytest.mark.parametrize("n", [1, 5])
def test_the_other_lists_and_a_certification_run_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries: Any, n: int
):
    certification = CertificationFactory(code="TQ")
    for _ in range(n):
        EligibilityRouteFactory(certification=certification)
        RequirementFactory(route__certification=certification)
        CeuPolicyFactory()
        program = TrainingProgramFactory(source=SourceFactory())
        program.prepares_for.add(certification)

    queries = {}
    for address, count in [
        ("/api/v1/certifications/TQ/", 7),  # version, certification, settings, routes, requirements, credentials, CEUs
        ("/api/v1/ceu-policies/", 3),  # version, count, page
        ("/api/v1/programs/?certification=TQ", 6),  # version, filter choices, count, page, prepares for, covers
        ("/api/v1/sources/", 11),  # version, count, page, eight kinds of record citing sources
    ]:
        with django_assert_num_queries(count):
            queries[address] = client.get(address).status_code

    assert set(queries.values()) == {200}


# ------------------------------------------------------------------ rate limits


@override_settings(API_RATE_ANONYMOUS="3/minute", API_RATE_SIGNED_IN="5/minute")
def test_anonymous_clients_are_limited_and_signed_in_people_get_more():
    cache.clear()
    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(UserFactory())

    anonymous_answers = [anonymous.get("/api/v1/ceu-policies/").status_code for _ in range(4)]
    signed_in_answers = [signed_in.get("/api/v1/ceu-policies/").status_code for _ in range(6)]
    refused = anonymous.get("/api/v1/sources/")

    assert anonymous_answers == [200, 200, 200, 429]
    assert signed_in_answers == [200, 200, 200, 200, 200, 429]
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Request was throttled. Expected available in ")
    assert 0 < int(refused["Retry-After"]) <= 60


@override_settings(API_RATE_ANONYMOUS="2/minute", TRUSTED_PROXY_COUNT=1)
def test_anonymous_clients_are_counted_by_the_address_the_proxy_saw():
    cache.clear()
    client = Client()

    answers = [
        client.get("/api/v1/", HTTP_X_FORWARDED_FOR=f"203.0.113.9, 198.51.100.{n % 2}").status_code for n in range(6)
    ]

    # Two clients behind the proxy, two requests a minute each; what a client wrote itself is never believed.
    assert answers == [200, 200, 200, 200, 429, 429]


# ------------------------------------------------------------------ the schema and its page


def test_the_schema_is_valid_openapi_describing_every_endpoint(client: Client):
    response = client.get("/api/v1/schema/")
    schema = response.json()

    validate_schema(schema)
    assert (schema["openapi"], schema["info"]["title"], schema["info"]["version"]) == (
        "3.0.3",
        "Career Planner API",
        "1",
    )
    assert sorted(schema["paths"]) == [
        "/api/v1/certifications/",
        "/api/v1/certifications/{code}/",
        "/api/v1/ceu-policies/",
        "/api/v1/ceu-policies/{body}/",
        "/api/v1/programs/",
        "/api/v1/programs/{slug}/",
        "/api/v1/roadmaps/",
        "/api/v1/roadmaps/{id}/",
        "/api/v1/sources/",
        "/api/v1/sources/{key}/",
    ]
    filters = [p["name"] for p in schema["paths"]["/api/v1/certifications/"]["get"]["parameters"]]
    assert sorted(filters) == ["body", "level", "no_prereq", "page", "page_size", "setting"]


def test_the_docs_page_loads_swagger_ui_from_this_site_with_no_inline_script_or_style(client: Client):
    page = client.get("/api/v1/docs/")
    html = page.content.decode()
    script = client.get("/api/v1/docs/?script=")

    assert page.status_code == 200
    assert [line.strip() for line in html.splitlines() if "<script" in line or "<style" in line] == [
        '<script src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"></script>',
        '<script src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js"></script>',
        '<script src="/api/v1/docs/?script="></script>',
    ]
    assert (script.status_code, script["Content-Type"]) == (200, "application/javascript")
    assert 'url: "/api/v1/schema/"' in script.content.decode()


# ------------------------------------------------------------------ hostile query strings


def _check_get(client: Client, address: str) -> Any:
    cache.clear()  # each request meets an empty cache: no rate limit, no kept answer
    with rolled_back(), like_postgresql():
        before = rows(Certification, TrainingProgram, CatalogueVersion)
        response = client.get(address)
        answered(response)
        assert rows(Certification, TrainingProgram, CatalogueVersion) == before
    return response


def test_the_certification_list_answers_any_query():
    client = Client(raise_request_exception=False)
    base = {"setting": "inpatient", "body": "AAPC", "level": "core", "no_prereq": "on", "page": "1", "page_size": "5"}
    plausible = ["physician-office", "AHIMA", "entry", "yes", "maybe", "0", "last", "100", "101"]

    @FUZZ
    @given(pairs=tampered(base, names=["format", "ordering", "search"], plausible=plausible))
    def check(pairs: Pairs) -> None:
        response = _check_get(client, f"/api/v1/certifications/?{urlencoded(pairs)}")
        assert response.status_code in {200, 400, 404}
        assert response["Content-Type"] == "application/json"

    check()


def test_the_program_list_answers_any_query():
    client = Client(raise_request_exception=False)
    base = {"kind": "course", "certification": "CPC", "page": "1"}

    @FUZZ
    @given(pairs=tampered(base, names=["page_size"], plausible=["certificate", "CCS", "cpc", "2"]))
    def check(pairs: Pairs) -> None:
        response = _check_get(client, f"/api/v1/programs/?{urlencoded(pairs)}")
        assert response.status_code in {200, 400, 404}

    check()


def test_every_detail_answers_any_key():
    client = Client(raise_request_exception=False)
    lists = ["certifications", "ceu-policies", "programs", "sources"]

    @FUZZ
    @given(
        listing=st.sampled_from(lists),
        key=st.one_of(values, st.sampled_from(["CPC", "AAPC", "S41", "cpc", "9" * 30])),
    )
    def check(listing: str, key: str | bytes) -> None:
        response = _check_get(client, f"/api/v1/{listing}/{path_part(key)}/")
        assert response.status_code in {200, 404}

    check()
