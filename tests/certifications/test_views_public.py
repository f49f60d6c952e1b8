"""The public pages: home, catalogue, certification detail, compare, programs, 404 and 500.

Expected figures are read from the seed file itself (certifications/seed/catalogue.toml),
so a test checks the page against the data it was built from, not against a guess.
"""

from __future__ import annotations

import tomllib
from typing import Any, cast

import pytest
from django.template import loader
from django.test import Client
from django.urls import reverse

from certifications.models import Certification, EligibilityRoute, Requirement, TrainingProgram, WorkSetting
from certifications.seed.records import SEED_FILE
from tests.factories import (
    CertificationFactory,
    CeuMinimumFactory,
    CeuPolicyFactory,
    EligibilityRouteFactory,
    RequirementFactory,
    SourceFactory,
    TrainingProgramFactory,
    WorkSettingFactory,
)
from tests.html import form_errors, h1, main, page, parse

# WhiteNoise warns once per test client that STATIC_ROOT (collectstatic's output) does not exist;
# the pages under test do not need it. Drop this when the test settings provide a STATIC_ROOT.
pytestmark = pytest.mark.django_db

with SEED_FILE.open("rb") as _handle:
    SEED = tomllib.load(_handle)
SEED_CERTIFICATIONS: list[dict[str, Any]] = SEED["certifications"]
SEED_PROGRAMS: list[dict[str, Any]] = SEED["programs"]
UNKNOWN = "check with the provider"


def _seed_certification(code: str) -> dict[str, Any]:
    return next(c for c in SEED_CERTIFICATIONS if c["code"] == code)


def _seed_routes(code: str, purpose: str) -> list[str]:
    return [
        r["name"] for r in _seed_certification(code).get("routes", []) if r.get("purpose", "eligibility") == purpose
    ]


def _seed_codes(keep: Any = lambda c: True) -> list[str]:
    return sorted(c["code"] for c in SEED_CERTIFICATIONS if keep(c))


# The shared factories are not typed by model; these give mypy the instances' real types.


def make_certification(**fields: Any) -> Certification:
    return cast(Certification, CertificationFactory(**fields))


def make_setting(**fields: Any) -> WorkSetting:
    return cast(WorkSetting, WorkSettingFactory(**fields))


def make_program(**fields: Any) -> TrainingProgram:
    return cast(TrainingProgram, TrainingProgramFactory(**fields))


def make_requirement(**fields: Any) -> Requirement:
    return cast(Requirement, RequirementFactory(**fields))


# ------------------------------------------------------------- reading pages


def _cards(response: Any, cls: str, title_cls: str) -> dict[str, dict[str, str]]:
    """Each card of a list page, keyed by its title, as a dict of its facts."""
    return {card.texts(title_cls)[0]: card.definitions() for card in main(response).find_all(tag="article", cls=cls)}


def catalogue_codes(response: Any) -> list[str]:
    return main(response).texts("cert-code")


# ---------------------------------------------------------------------- home


def test_home_explains_the_site_and_links_to_the_public_pages(client: Client, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        response = client.get(reverse("home"))

    assert response.status_code == 200
    assert h1(response) == ["Plan your way to a medical-coding certification"]
    start = main(response).by_id("start-heading")
    section = next(s for s in main(response).find_all(tag="section") if start in s.children)
    assert [a.attrs["href"] for a in section.find_all(tag="a")] == ["/certifications/", "/compare/", "/programs/"]
    steps = [node.text() for node in main(response).find_all(tag="h3")]
    assert steps == ["1 Choose a certification", "2 Get a dated, step-by-step plan", "3 Keep the credential"]


# ----------------------------------------------------------------- catalogue


def test_catalogue_lists_every_certification_of_the_seed(client: Client) -> None:
    response = client.get(reverse("certifications:list"))

    assert response.status_code == 200
    assert h1(response) == ["Medical-coding certifications"]
    assert sorted(catalogue_codes(response)) == _seed_codes()
    assert len(_seed_codes()) == 17


def test_catalogue_cards_show_the_seeded_figures(client: Client) -> None:
    cards = _cards(client.get(reverse("certifications:list")), "certification", "cert-code")

    assert cards["CCA"] == {
        "Body": "AHIMA",
        "Level": "Entry",
        "Work settings": "Physician office / outpatient; Hospital outpatient facility; Hospital inpatient",
        "Prerequisites": "Yes — see routes",
        "Exam fee": "Members $199; non-members $299",
        "CEUs to keep it": "20 CEUs every 2 years",
    }
    assert cards["CPC"] == {
        "Body": "AAPC",
        "Level": "Core",
        "Work settings": "Physician office / outpatient",
        "Prerequisites": "None",
        "Exam fee": UNKNOWN,
        "CEUs to keep it": "36 CEUs every 2 years",
    }
    assert cards["CMRS"]["CEUs to keep it"] == "15 CEUs every year"
    assert cards["CBCS"]["Prerequisites"] == "Not verified: check with the provider"


def test_catalogue_links_each_certification_and_its_routes_to_the_detail_page(client: Client) -> None:
    card = next(
        c
        for c in main(client.get(reverse("certifications:list"))).find_all(tag="article")
        if c.texts("cert-code") == ["CCS"]
    )

    assert [a.attrs["href"] for a in card.find_all(tag="a")] == [
        "/certifications/CCS/",
        "/certifications/CCS/#eligibility",
    ]


def _has_no_prerequisite(certification: dict[str, Any]) -> bool:
    routes = certification.get("routes", [])
    has_route = any(route.get("purpose", "eligibility") == "eligibility" for route in routes)
    return certification.get("eligibility_known", True) and not has_route


CATALOGUE_FILTERS = (
    [({"setting": s["code"]}, lambda c, s=s: s["code"] in c.get("work_settings", [])) for s in SEED["work_settings"]]
    + [({"body": b["abbreviation"]}, lambda c, b=b: c["body"] == b["abbreviation"]) for b in SEED["bodies"]]
    + [
        ({"level": level}, lambda c, level=level: c["level"] == level)
        for level in ["entry", "core", "specialty", "advanced"]
    ]
    + [
        ({"no_prereq": "on"}, _has_no_prerequisite),
        ({"body": "AAPC", "level": "advanced"}, lambda c: c["body"] == "AAPC" and c["level"] == "advanced"),
        (
            {"setting": "inpatient", "no_prereq": "on"},
            lambda c: "inpatient" in c["work_settings"] and _has_no_prerequisite(c),
        ),
    ]
)


@pytest.mark.parametrize(("params", "keep"), CATALOGUE_FILTERS, ids=[str(p) for p, _ in CATALOGUE_FILTERS])
def test_catalogue_filter_returns_exactly_the_seeded_matches(client: Client, params: dict[str, str], keep: Any) -> None:
    response = client.get(reverse("certifications:list"), params)

    assert response.status_code == 200
    assert sorted(catalogue_codes(response)) == _seed_codes(keep)


def test_the_seed_gives_the_filters_something_to_find() -> None:
    # Guards the parametrized filter test against passing on empty lists.
    assert _seed_codes(lambda c: "inpatient" in c["work_settings"]) == ["CCA", "CCDS", "CCS", "CDIP", "CIC", "RHIT"]
    assert _seed_codes(_has_no_prerequisite) == ["CDEO", "CIC", "CMRS", "COC", "CPB", "CPC", "CPCO", "CPMA", "CRC"]


def test_catalogue_with_no_match_shows_an_empty_state_with_a_clear_filters_link(client: Client) -> None:
    assert _seed_codes(lambda c: c["body"] == "AMBA" and c["level"] == "advanced") == []

    response = client.get(reverse("certifications:list"), {"body": "AMBA", "level": "advanced"})

    assert response.status_code == 200
    assert catalogue_codes(response) == []
    empty = main(response).find_all(cls="empty-state")
    assert [node.text() for node in empty] == [
        "No certification we track matches all of your filters together. Try removing one filter, for example "
        "“No prerequisites” or the level. Clear filters to see every certification."
    ]
    assert [a.attrs["href"] for a in empty[0].find_all(tag="a")] == ["/certifications/"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"setting": "nowhere"}, "Unknown work setting: nowhere. Choose one from the list."),
        ({"level": "xyz"}, "Unknown level: xyz. Choose one from the list."),
        ({"body": "zzz"}, "Unknown certifying body: zzz. Choose one from the list."),
        ({"no_prereq": "maybe"}, "Unknown value maybe for “No prerequisites”; tick it or leave it empty."),
    ],
)
def test_catalogue_refuses_garbage_filters_with_a_message(client: Client, params: dict[str, str], message: str) -> None:
    response = client.get(reverse("certifications:list"), params)

    assert response.status_code == 400
    assert form_errors(response) == [message]
    assert catalogue_codes(response) == []


def test_catalogue_hides_inactive_certifications(client: Client) -> None:
    CertificationFactory(code="RETIRED", is_active=False)

    response = client.get(reverse("certifications:list"))

    assert sorted(catalogue_codes(response)) == _seed_codes()


@pytest.mark.parametrize("n", [1, 5])
def test_catalogue_runs_a_fixed_number_of_queries(client: Client, django_assert_num_queries: Any, n: int) -> None:
    for _ in range(n):
        certification = make_certification()
        CeuPolicyFactory(body=certification.body)
        certification.work_settings.add(make_setting(), make_setting())
        RequirementFactory(route__certification=certification)

    # the catalogue version, work settings, bodies (filter choices), certifications, their work settings
    with django_assert_num_queries(5):
        response = client.get(reverse("certifications:list"))
    assert len(catalogue_codes(response)) == 17 + n

    with django_assert_num_queries(1):  # the version: the page rendered for it is kept
        again = client.get(reverse("certifications:list"))
    assert again.content == response.content


# -------------------------------------------------------------------- detail


def detail(client: Client, code: str) -> Any:
    response = client.get(reverse("certifications:detail", args=[code]))
    assert response.status_code == 200
    return response


def test_cpc_detail_shows_its_exam_ceus_and_unknown_fee(client: Client) -> None:
    response = detail(client, "CPC")
    content = main(response)

    assert h1(response) == ["Certified Professional Coder (CPC)"]
    assert content.by_id("who").definitions() == {
        "Work settings": "Physician office / outpatient",
        "Level": "Core",
        "Certifying body": "American Academy of Professional Coders (AAPC)",
    }
    assert content.by_id("exam").definitions() == {
        "Questions": "100",
        "Length": "4 hours",
        "Open code book": "Yes",
        "Delivery": "In person at a test centre or chapter, or online with a live remote proctor",
    }
    assert content.by_id("exam").texts("source") == ["Source: AAPC: CPC exam FAQs; verified on 23 November 2026."]
    assert content.texts("ceu-requirement") == ["36 CEUs every 2 years (24-month cycle)"]
    fees = content.by_id("fees").definitions()
    assert (fees["Members"], fees["Non-members"]) == (UNKNOWN, UNKNOWN)
    assert content.by_id("salary").texts("salary") == [
        "$47,796 a year, average for CPC holders, AAPC salary survey (as reported); survey year: 2012."
    ]


def test_cpc_detail_never_prints_none_or_zero_dollars(client: Client) -> None:
    content = detail(client, "CPC").content.decode()

    assert ("None" in content, "$0" in content) == (False, False)


def test_cpc_detail_has_no_prerequisite_but_recommended_preparation_and_apprentice_routes(client: Client) -> None:
    content = main(detail(client, "CPC"))

    assert content.by_id("eligibility").texts("eligibility-status") == [
        "No prerequisite: you may sit the exam without meeting a requirement first."
    ]
    preparation = content.by_id("preparation")
    assert preparation.texts("route-name") == _seed_routes("CPC", "recommended")
    assert preparation.texts("badge") == ["Recommended, not required"] * 2
    apprentice = content.by_id("apprentice")
    assert apprentice.texts("apprentice-designation") == ["CPC-A"]
    assert apprentice.texts("route-name") == _seed_routes("CPC", "apprentice_removal")
    assert [node.text() for node in apprentice.find_all(cls="requirements")] == [
        "2 years of coding experience (verified by employer letters; externships count)",
        "1 year of coding experience (verified by employer letters) Completed: 80-contact-hour coding course",
        "1 year of coding experience (verified by employer letters) Completed: AAPC Practicode",
    ]


def test_cpc_detail_explains_the_aapc_upkeep_rules(client: Client) -> None:
    upkeep = main(detail(client, "CPC")).by_id("upkeep")

    facts = upkeep.definitions()
    assert facts["Membership needed to keep it"] == "Yes"
    assert facts["Several AAPC credentials"] == (
        "Holding more than one AAPC credential: your highest single requirement plus 4 CEUs for each extra "
        "credential, up to 52 CEUs a cycle."
    )
    seed_notes = next(b for b in SEED["bodies"] if b["abbreviation"] == "AAPC")["ceu_policy"]["notes"]
    notes = upkeep.find_all(cls="policy-notes")[0]
    assert [li.text() for li in notes.find_all(tag="li")] == seed_notes.strip().splitlines()


def test_cpc_detail_lists_each_source_once_with_dates(client: Client) -> None:
    sources = main(detail(client, "CPC")).by_id("sources")

    assert sources.texts("source-title") == [
        "AAPC: complete your CPC apprenticeship",
        "AAPC: apprentice status",
        "AAPC: CPC exam FAQs",
        "AAPC: CEU requirements (help and FAQ)",
        "AAPC: membership FAQ (individual renewal price)",
        "Becker's ASC: AAPC salary statistics 2008-2012",
    ]
    exam_faq = sources.by_id("source-s1")
    assert [a.attrs["href"] for a in exam_faq.find_all(tag="a")] == ["https://www.aapc.com/resources/cpc-exam-faqs"]
    assert exam_faq.text() == (
        "AAPC: CPC exam FAQs Confidence: High: the certifying body or a government page. "
        "Exam format, verified on 23 November 2026"
    )


def test_ccs_detail_lists_its_five_eligibility_routes_in_plain_words(client: Client) -> None:
    response = detail(client, "CCS")
    eligibility = main(response).by_id("eligibility")

    assert eligibility.texts("route-name") == _seed_routes("CCS", "eligibility")
    assert len(_seed_routes("CCS", "eligibility")) == 5
    assert [route.name for route in response.context["eligibility_routes"]] == _seed_routes("CCS", "eligibility")
    assert [node.text() for node in eligibility.find_all(cls="requirements")] == [
        "Holds CCS-P, RHIA or RHIT",
        "Completed: Coding training program (A&P, pathophysiology, pharmacology, terminology, reimbursement, "
        "intermediate/advanced ICD and CPT)",
        "2 years of coding experience (directly applying codes)",
        "Holds CCA 1 year of coding experience",
        "Holds CIC, COC, CPC or CRC (a coding credential from another body, e.g. CPC) 1 year of coding experience",
    ]
    assert eligibility.texts("eligibility-status") == ["Meet every requirement of any one of these 5 routes."]


def test_cca_detail_shows_member_and_non_member_fees_with_their_date_and_source(client: Client) -> None:
    fees = main(detail(client, "CCA")).by_id("fees")

    assert fees.definitions() == {
        "Members": "$199",
        "Non-members": "$299",
        "Fees as of": "2020-2022",
        "AHIMA membership": UNKNOWN,
        "Membership needed to sit": "No",
    }
    assert fees.texts("source") == [
        "Source: AHIMA: CCA exam (2020 page) (as of 2020); verified on 23 November 2026.",
        "Membership source: AHIMA: recertification FAQs (as of about 2021); verified on 23 November 2026.",
    ]


def test_cmrs_detail_shows_fifteen_ceus_on_a_yearly_cycle(client: Client) -> None:
    upkeep = main(detail(client, "CMRS")).by_id("upkeep")

    assert upkeep.texts("ceu-requirement") == ["15 CEUs every year (12-month cycle)"]
    assert upkeep.definitions()["Several AMBA credentials"] == (
        "AMBA publishes no rule for holding several of its credentials: check with the provider."
    )


def test_cpma_detail_names_its_category_minimum(client: Client) -> None:
    upkeep = main(detail(client, "CPMA")).by_id("upkeep")

    assert [node.text() for node in upkeep.find_all(cls="ceu-minimums")] == [
        "At least 16 of them must be auditing CEUs."
    ]


@pytest.mark.parametrize("code", ["CDIP", "CCS-P", "CBCS"])
def test_unverified_eligibility_says_check_with_the_provider(client: Client, code: str) -> None:
    eligibility = main(detail(client, code)).by_id("eligibility")

    assert eligibility.texts("eligibility-status") == ["Not verified — check with the provider before you apply."]
    assert eligibility.texts("route-name") == []


def test_rhia_and_rhit_pages_say_which_replaces_which(client: Client) -> None:
    rhia = main(detail(client, "RHIA")).by_id("upkeep")
    rhit = main(detail(client, "RHIT")).by_id("upkeep")

    assert [p.text() for p in rhia.find_all(tag="p") if p.text().startswith("Earning")] == [
        "Earning RHIA replaces RHIT for recertification."
    ]
    assert [p.text() for p in rhit.find_all(tag="p") if p.text().startswith("Earning")] == [
        "Earning RHIA replaces RHIT for recertification."
    ]


def test_detail_lists_the_programs_that_prepare_for_it(client: Client) -> None:
    programs = main(detail(client, "RHIA")).by_id("programs")

    expected = sorted(p["name"] for p in SEED_PROGRAMS if "RHIA" in p.get("prepares_for", []))
    assert sorted(programs.texts("program-name")) == expected
    assert programs.find_all(tag="a")[-1].attrs["href"] == "/programs/?certification=RHIA"


def test_unknown_certification_code_is_a_friendly_404(client: Client) -> None:
    response = client.get(reverse("certifications:detail", args=["XYZ"]))

    assert response.status_code == 404
    assert h1(response) == ["We don't know that certification"]
    assert main(response).texts("not-found") == [
        "There is no certification with the code “XYZ” in our catalogue — "
        "browse the catalogue to find the one you want."
    ]
    assert [a.attrs["href"] for a in main(response).find_all(cls="not-found")[0].find_all(tag="a")] == [
        "/certifications/"
    ]


def test_inactive_certification_detail_is_a_404(client: Client) -> None:
    CertificationFactory(code="RETIRED", is_active=False)

    response = client.get(reverse("certifications:detail", args=["RETIRED"]))

    assert response.status_code == 404
    assert h1(response) == ["We don't know that certification"]


def test_unknown_page_uses_the_site_404(client: Client) -> None:
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert h1(response) == ["Page not found"]


def test_500_page_renders_without_a_request_or_database(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()

    assert [node.text() for node in parse(html).find_all(tag="h1")] == ["Something went wrong on our side"]


@pytest.mark.parametrize("n", [1, 5])
def test_detail_runs_a_fixed_number_of_queries(client: Client, django_assert_num_queries: Any, n: int) -> None:
    certification = make_certification(
        eligibility_source=SourceFactory(), exam_source=SourceFactory(), supersedes=CertificationFactory()
    )
    CeuPolicyFactory(body=certification.body)
    CeuMinimumFactory(certification=certification)
    CertificationFactory(supersedes=certification)
    for purpose in EligibilityRoute.Purpose.values:
        for _ in range(n):
            route = EligibilityRouteFactory(certification=certification, purpose=purpose, source=SourceFactory())
            RequirementFactory(route=route)
            credential = make_requirement(route=route, kind=Requirement.Kind.CREDENTIAL, months=None)
            credential.credentials.add(make_certification(), make_certification())
    for _ in range(n):
        certification.work_settings.add(make_setting())
        make_program(source=SourceFactory()).prepares_for.add(certification)

    # the catalogue version, the certification (with body, CEU policy and sources joined), settings, routes,
    # requirements, credentials, CEU minimums, programs, replacing credentials
    with django_assert_num_queries(9):
        response = client.get(certification.get_absolute_url())

    assert response.status_code == 200
    assert len(main(response).by_id("eligibility").texts("route-name")) == n
    assert len(response.context["sources"]) == 3 + 3 * n + n  # CEU policy, eligibility, exam; routes; programs

    with django_assert_num_queries(1):  # the version: the page rendered for it is kept
        again = client.get(certification.get_absolute_url())
    assert again.content == response.content


# ------------------------------------------------------------------- compare


def compare(client: Client, *codes: str) -> Any:
    return client.get(reverse("certifications:compare"), {"codes": list(codes)})


def compare_rows(response: Any) -> dict[str, list[str]]:
    table = main(response).find_all(tag="table")[0]
    rows = {}
    for row in table.find_all(tag="tbody")[0].find_all(tag="tr"):
        header = row.find_all(tag="th")[0].text()
        rows[header] = [cell.text() for cell in row.find_all(tag="td")]
    return rows


def checked_boxes(response: Any) -> list[str]:
    return [
        box.attrs["value"]
        for box in main(response).find_all(tag="input")
        if box.attrs.get("name") == "codes" and "checked" in box.attrs
    ]


def test_compare_without_codes_shows_only_the_chooser(client: Client) -> None:
    response = client.get(reverse("certifications:compare"))

    assert response.status_code == 200
    assert h1(response) == ["Compare certifications"]
    assert main(response).find_all(tag="table") == []
    assert form_errors(response) == []
    boxes = [box.attrs["value"] for box in main(response).find_all(tag="input") if box.attrs.get("name") == "codes"]
    assert sorted(boxes) == _seed_codes()
    assert checked_boxes(response) == []


def test_compare_puts_certifications_side_by_side(client: Client) -> None:
    response = compare(client, "CPC", "CCA")

    assert response.status_code == 200
    table = main(response).find_all(tag="table")[0]
    assert [c.text() for c in table.find_all(tag="caption")] == ["CPC and CCA side by side"]
    assert table.texts("compared-code") == ["CPC", "CCA"]
    assert compare_rows(response) == {
        "Work settings": [
            "Physician office / outpatient",
            "Physician office / outpatient; Hospital outpatient facility; Hospital inpatient",
        ],
        "Level": ["Core", "Entry"],
        "Certifying body": ["AAPC", "AHIMA"],
        "Prerequisites": ["None", "Yes — see routes"],
        "Apprentice designation": ["CPC-A until you show the experience", "No"],
        "Exam": [
            "Questions: 100 Length: 4 hours Open code book: Yes",
            f"Questions: 105 Length: 2 hours Open code book: {UNKNOWN}",
        ],
        "Exam fee": [
            f"Members: {UNKNOWN} Non-members: {UNKNOWN}",
            "Members: $199 Non-members: $299 As of 2020-2022",
        ],
        "CEUs to keep it": ["36 CEUs every 2 years", "20 CEUs every 2 years"],
        "Salary": ["$47,796 a year (2012)", UNKNOWN],
    }
    assert checked_boxes(response) == ["CCA", "CPC"]  # the chooser lists codes alphabetically


def test_compare_shows_the_certifications_in_the_order_given_and_says_so_in_the_caption(client: Client) -> None:
    response = compare(client, "RHIT", "CCA", "CPC", "CCS")

    table = main(response).find_all(tag="table")[0]
    assert table.texts("compared-code") == ["RHIT", "CCA", "CPC", "CCS"]
    assert [c.text() for c in table.find_all(tag="caption")] == ["RHIT, CCA, CPC and CCS side by side"]
    # The chooser's boxes are in the catalogue's order; its script sends them in the order ticked.
    assert checked_boxes(response) == ["CCA", "CCS", "CPC", "RHIT"]
    assert [s.attrs["src"] for s in page(response).find_all(tag="script") if "compare" in s.attrs.get("src", "")] == [
        "/static/careerplanner/compare.js"
    ]


def test_compare_shows_the_yearly_cycle_and_unverified_prerequisites(client: Client) -> None:
    rows = compare_rows(compare(client, "CMRS", "CBCS", "CCDS", "CPMA"))

    assert rows["CEUs to keep it"] == [
        "15 CEUs every year",
        "10 CEUs every 2 years",
        "30 CEUs every 2 years",
        "36 CEUs every 2 years",
    ]
    assert rows["Prerequisites"] == ["None", "Not verified: check with the provider", "Yes — see routes", "None"]


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (["CPC"], "Choose between 2 and 4 certifications to compare; you chose 1."),
        (_seed_codes()[:10], "Choose between 2 and 4 certifications to compare; you chose 10."),
        (["CPC", "XYZ"], "Unknown certification code: XYZ."),
        (["XYZ", "CPC", "ABC"], "Unknown certification codes: XYZ and ABC."),
        (["CPC", "CPC"], "You chose CPC more than once; choose each certification once."),
        ([""], "Choose between 2 and 4 certifications to compare; you chose 0."),
    ],
)
def test_compare_refuses_bad_choices_with_a_message_and_keeps_the_chooser(
    client: Client, codes: list[str], message: str
) -> None:
    response = compare(client, *codes)

    assert response.status_code == 400
    assert form_errors(response) == [message]
    assert main(response).find_all(tag="table") == []
    assert len([box for box in main(response).find_all(tag="input") if box.attrs.get("name") == "codes"]) == 17


@pytest.mark.parametrize("n", [1, 5])
def test_compare_runs_a_fixed_number_of_queries(client: Client, django_assert_num_queries: Any, n: int) -> None:
    extra: list[str] = []
    for _ in range(n):
        certification = make_certification()
        CeuPolicyFactory(body=certification.body)
        certification.work_settings.add(make_setting(), make_setting())
        RequirementFactory(route__certification=certification)
        extra.append(certification.code)
    codes = ["CPC", *extra][:4]

    # the catalogue version, the chooser, the compared certifications, their work settings
    with django_assert_num_queries(4):
        response = compare(client, *codes)
    assert main(response).find_all(tag="table")[0].texts("compared-code") == codes

    with django_assert_num_queries(1):  # the version: the page rendered for it is kept
        again = compare(client, *codes)
    assert again.content == response.content
    assert len([box for box in main(response).find_all(tag="input") if box.attrs.get("name") == "codes"]) == 17 + n


# ------------------------------------------------------------------ programs


def program_names(response: Any) -> list[str]:
    return sorted(main(response).texts("program-name"))


def test_programs_lists_every_program_of_the_seed(client: Client) -> None:
    response = client.get(reverse("certifications:programs"))

    assert response.status_code == 200
    assert h1(response) == ["Training programs"]
    assert program_names(response) == sorted(p["name"] for p in SEED_PROGRAMS)


def test_program_cards_show_the_seeded_figures(client: Client) -> None:
    cards = _cards(client.get(reverse("certifications:programs")), "program", "program-name")

    assert cards["AAPC CPC preparation course (80 contact hours)"] == {
        "Provider": "AAPC or an equivalent school course (web page of AAPC CPC preparation course (80 contact hours))",
        "Kind": "Course",
        "Delivery": "Online",
        "Length": "80 contact hours",
        "Cost": UNKNOWN,
        "Approval": "AAPC (own or approved provider)",
        "Admission requires": "High-school diploma or equivalent (GED)",
        "Prepares for": "COC, CPC",
    }
    degree = cards["Associate degree in health information technology (CAHIIM-accredited)"]
    assert (degree["Length"], degree["Approval"], degree["Prepares for"]) == (
        "about 24 months",
        "CAHIIM-accredited",
        "RHIT",
    )
    clinical = cards["College courses in anatomy & physiology, medical terminology and disease process"]
    assert clinical["Approval"] == "No approval or accreditation listed"
    diploma = cards["High-school equivalency diploma (GED or HiSET)"]
    assert (diploma["Admission requires"], diploma["Prepares for"]) == (UNKNOWN, "No certification exam directly")


PROGRAM_FILTERS = [({"kind": kind}, lambda p, kind=kind: p["kind"] == kind) for kind in TrainingProgram.Kind.values] + [
    ({"certification": c["code"]}, lambda p, code=c["code"]: code in p.get("prepares_for", []))
    for c in SEED_CERTIFICATIONS
]


@pytest.mark.parametrize(("params", "keep"), PROGRAM_FILTERS, ids=[str(p) for p, _ in PROGRAM_FILTERS])
def test_programs_filter_returns_exactly_the_seeded_matches(client: Client, params: dict[str, str], keep: Any) -> None:
    expected = sorted(p["name"] for p in SEED_PROGRAMS if keep(p))

    response = client.get(reverse("certifications:programs"), params)

    assert response.status_code == 200
    assert program_names(response) == expected
    if not expected:
        assert [node.text() for node in main(response).find_all(cls="empty-state")] == [
            "No program we track matches all of your filters together. Try another kind of program or certification. "
            "Clear filters to see every program."
        ]


def test_programs_filters_combine(client: Client) -> None:
    response = client.get(reverse("certifications:programs"), {"kind": "course", "certification": "CPC"})

    assert program_names(response) == ["AAPC CPC preparation course (80 contact hours)"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "xyz"}, "Unknown kind of program: xyz. Choose one from the list."),
        ({"certification": "ZZZ"}, "Unknown certification code: ZZZ. Choose one from the list."),
    ],
)
def test_programs_refuse_garbage_filters_with_a_message(client: Client, params: dict[str, str], message: str) -> None:
    response = client.get(reverse("certifications:programs"), params)

    assert response.status_code == 400
    assert form_errors(response) == [message]
    assert program_names(response) == []


@pytest.mark.parametrize("n", [1, 5])
def test_programs_run_a_fixed_number_of_queries(client: Client, django_assert_num_queries: Any, n: int) -> None:
    for _ in range(n):
        make_program(source=SourceFactory()).prepares_for.add(make_certification(), make_certification())

    # the catalogue version, certifications (filter choices), programs with their source, what they prepare for
    with django_assert_num_queries(4):
        response = client.get(reverse("certifications:programs"))
    assert len(program_names(response)) == len(SEED_PROGRAMS) + n

    with django_assert_num_queries(1):  # the version: the page rendered for it is kept
        again = client.get(reverse("certifications:programs"))
    assert again.content == response.content
    assert Certification.objects.count() == 17 + 2 * n
