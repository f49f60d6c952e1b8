"""The catalogue admin, driven through the admin pages as an admin would.

POST tests read the change form as rendered (every input, with the nested
inline management forms) and post it back with one field changed, so the
rest of the page is submitted exactly as a browser would submit it.
"""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.admin.utils import flatten_fieldsets
from django.test.client import Client as _Client
from django.urls import reverse

from certifications.admin import CertificationAdmin
from certifications.models import (
    Certification,
    CertifyingBody,
    CeuMinimum,
    CeuPolicy,
    EligibilityRoute,
    Requirement,
    ResourceLink,
    SeedState,
    Source,
    StepTemplate,
    TrainingProgram,
    WorkSetting,
)
from certifications.units import certification_from_db
from tests import factories
from tests.certifications.admin_forms import FormData, change_form_data, change_url, post, prefix_of

# STATIC_ROOT only exists after collectstatic; WhiteNoise warns about it when
# the test client builds the middleware. Not something these tests are about.
pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ helpers


def displayed_errors(response: Any) -> list[str]:
    """The messages shown next to fields (every <ul class="errorlist">), in page order."""
    parser = _ErrorParser()
    parser.feed(response.content.decode())
    return parser.messages


class _ErrorParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_list = False
        self.in_item = False
        self.messages: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ul" and "errorlist" in (dict(attrs).get("class") or "").split():
            self.in_list = True
        elif tag == "li" and self.in_list:
            self.in_item = True
            self.messages.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self.in_list = False
        elif tag == "li":
            self.in_item = False

    def handle_data(self, data: str) -> None:
        if self.in_item:
            self.messages[-1] += data


def changelist_rows(response: Any, first_column: str) -> list[list[str]]:
    """The changelist rows whose first column reads `first_column`; boolean icons read as their alt text."""
    parser = _RowParser()
    parser.feed(response.content.decode())
    return [row for row in parser.rows if row[0] == first_column]


class _RowParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_table = False
        self.cell: list[str] | None = None
        self.rows: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "table" and attr.get("id") == "result_list":
            self.in_table = True
        elif self.in_table and tag == "tbody":
            self.rows = []
        elif self.in_table and tag == "tr":
            self.rows.append([])
        elif self.in_table and tag in ("td", "th") and "action-checkbox" not in (attr.get("class") or ""):
            self.cell = []
        elif self.cell is not None and tag == "img":
            self.cell.append(attr.get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.in_table = False
        elif tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def codes(certifications: Any) -> list[str]:
    return sorted(certification.code for certification in certifications)


def pks(*codes: str) -> list[str]:
    return [str(Certification.objects.get(code=code).pk) for code in codes]


def credential_requirement(code: str, *credentials: str) -> Requirement:
    """The seeded credential requirement of `code` that lists exactly these credentials."""
    for requirement in Requirement.objects.filter(route__certification__code=code, kind="credential"):
        if codes(requirement.credentials.all()) == sorted(credentials):
            return requirement
    raise AssertionError(f"{code} has no requirement for {credentials}")


def readonly_values(response: Any) -> list[str]:
    """The values a view-only admin page shows, in page order."""
    parser = _ReadonlyParser()
    parser.feed(response.content.decode())
    return [value.strip() for value in parser.values]


class _ReadonlyParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        if self.depth:
            self.depth += 1
        elif "readonly" in (dict(attrs).get("class") or "").split():
            self.depth = 1
            self.values.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.values[-1] += data


def make_credential_requirements(n: int) -> None:
    """n credential requirements, each listing two certifications (their codes are shown in the list)."""
    for requirement in factories.RequirementFactory.create_batch(n, kind="credential", months=None):
        requirement.credentials.set(factories.CertificationFactory.create_batch(2))


def add_route(data: FormData, certification: Certification, *, purpose: str, credentials: list[str]) -> None:
    """Add to a certification's form data a new route with one credential requirement, as "Add another" would."""
    index = int(str(data["routes-TOTAL_FORMS"]))
    route = f"routes-{index}"
    requirement = f"{route}-requirements-0"
    data |= {
        "routes-TOTAL_FORMS": str(index + 1),
        f"{route}-id": "",
        f"{route}-certification": str(certification.pk),
        f"{route}-purpose": purpose,
        f"{route}-order": "9",
        f"{route}-name": "Hold another credential",
        f"{route}-source": "",
        f"{route}-requirements-TOTAL_FORMS": "1",
        f"{route}-requirements-INITIAL_FORMS": "0",
        f"{route}-requirements-MIN_NUM_FORMS": "0",
        f"{route}-requirements-MAX_NUM_FORMS": "1000",
        f"{requirement}-id": "",
        f"{requirement}-route": "",
        f"{requirement}-kind": "credential",
        f"{requirement}-credentials": credentials,
        f"{requirement}-note": "",
    }


# Between them these use every requirement kind and route purpose, CEU minimums, a replaced
# credential and steps with resource links. (Each page takes about a second to render and post.)
ROUND_TRIP_CODES = ["CPC", "CCS", "CCDS", "CPMA", "RHIA"]
CHANGELIST = "admin:certifications_certification_changelist"
REQUIREMENTS = r"routes-\d+-requirements"  # The requirement formsets nested in a certification's routes.


# ------------------------------------------------------------- lists and pages


@pytest.mark.parametrize(
    ("model", "row"),
    [
        pytest.param(
            "source",
            [
                "S44",
                "AHIMA: CCS eligibility",
                "High: the certifying body or a government page",
                "ICD-9 era page; same five routes reported in 2020",
                "http://www.ahima.org/certification/CCS",
            ],
            id="source",
        ),
        pytest.param("worksetting", ["Hospital inpatient", "inpatient", "3"], id="work setting"),
        pytest.param(
            "certifyingbody",
            ["AHIMA", "American Health Information Management Association", "-", "False", "24"],
            id="certifying body",
        ),
        pytest.param(
            "certification",
            ["CCS", "Certified Coding Specialist", "AHIMA", "Core", "20", "True", "True"],
            id="certification",
        ),
        pytest.param(
            "eligibilityroute",
            ["Hold RHIA, RHIT or CCS-P", "CCS", "Eligibility to sit the exam", "1", "S44: AHIMA: CCS eligibility"],
            id="route",
        ),
        pytest.param(
            "requirement",
            ["Holds CCS-P, RHIA or RHIT", "CCS", "Eligibility to sit the exam", "Holds one of these credentials"],
            id="requirement",
        ),
        pytest.param("ceuminimum", ["CPMA", "Auditing", "16"], id="CEU minimum"),
        pytest.param(
            "trainingprogram",
            ["AAPC Practicode", "AAPC", "Practice platform", "Online", "AAPC (own or approved provider)", "-", "-"],
            id="training program",
        ),
        pytest.param(
            "steptemplate",
            ["Sit the CPC exam", "CPC", "40", "Exam", "4.0", "4.0", "No cost of its own"],
            id="step template",
        ),
        pytest.param(
            "resourcelink",
            [
                "ACDIS: CCDS prerequisites",
                "https://acdis.org/certification/ccds/prerequisites",
                "CCDS #10: Apply to ACDIS with proof of your CDI employment",
            ],
            id="resource link",
        ),
    ],
)
def test_changelist_shows_a_seeded_record_with_its_columns(admin_client, model, row):
    response = admin_client.get(reverse(f"admin:certifications_{model}_changelist"))

    assert changelist_rows(response, row[0]) == [row]


@pytest.mark.parametrize(
    ("get_object", "field", "value"),
    [
        pytest.param(
            lambda: Source.objects.get(key="S44"), "url", "http://www.ahima.org/certification/CCS", id="source"
        ),
        pytest.param(
            lambda: WorkSetting.objects.get(code="inpatient"), "name", "Hospital inpatient", id="work setting"
        ),
        pytest.param(
            lambda: CertifyingBody.objects.get(abbreviation="AHIMA"),
            "ceu_policy-0-recertification_fee",
            "218.00",
            id="certifying body with its CEU policy",
        ),
        pytest.param(
            lambda: Certification.objects.get(code="CPC"), "apprentice_designation", "CPC-A", id="certification"
        ),
        pytest.param(
            lambda: EligibilityRoute.objects.get(certification__code="CCS", name="Hold RHIA, RHIT or CCS-P"),
            "requirements-0-credentials",
            lambda: pks("CCS-P", "RHIA", "RHIT"),
            id="route with its requirements",
        ),
        pytest.param(
            lambda: credential_requirement("CCS", "CCS-P", "RHIA", "RHIT"),
            "credentials",
            lambda: pks("CCS-P", "RHIA", "RHIT"),
            id="requirement",
        ),
        pytest.param(lambda: CeuMinimum.objects.get(certification__code="CPMA"), "ceus", "16", id="CEU minimum"),
        pytest.param(lambda: TrainingProgram.objects.get(name="AAPC Practicode"), "provider", "AAPC", id="program"),
        pytest.param(
            lambda: StepTemplate.objects.get(certification__code="CPC", order=40),
            "resources-0-label",
            "AAPC: CPC exam FAQs",
            id="step template with its resources",
        ),
        pytest.param(
            lambda: ResourceLink.objects.get(label="ACDIS: CCDS prerequisites"),
            "url",
            "https://acdis.org/certification/ccds/prerequisites",
            id="resource link",
        ),
    ],
)
def test_change_form_shows_the_stored_values(admin_client, get_object, field, value):
    data = change_form_data(admin_client, change_url(get_object()))

    assert data[field] == (value() if callable(value) else value)


def test_certification_page_groups_its_fields(admin_client):
    response = admin_client.get(change_url(Certification.objects.get(code="CPC")))

    assert [fieldset.name for fieldset in response.context["adminform"]] == [
        "Identity",
        "Eligibility",
        "Exam",
        "Fees",
        "Salary",
        "CEUs",
    ]


def test_certification_fieldsets_hold_every_editable_field():
    # A field missing from the fieldsets silently disappears from the admin form.
    editable = [field.name for field in Certification._meta.get_fields() if field.concrete and field.editable]

    assert sorted(flatten_fieldsets(CertificationAdmin.fieldsets)) == sorted(set(editable) - {"id"})


def test_certification_page_edits_routes_with_requirements_and_steps_with_resources(admin_client):
    cpc = Certification.objects.get(code="CPC")
    data = change_form_data(admin_client, change_url(cpc))
    step = StepTemplate.objects.get(certification=cpc, order=40)
    route = EligibilityRoute.objects.get(certification=cpc, purpose="recommended", order=2)
    requirement = route.requirements.get()

    requirement_prefix = prefix_of(data, REQUIREMENTS, requirement.pk)
    step_prefix = prefix_of(data, "step_templates", step.pk)
    assert (data[f"{requirement_prefix}-kind"], data[f"{requirement_prefix}-months"]) == ("coding_experience", "24")
    assert data[f"{step_prefix}-resources-0-url"] == "https://www.aapc.com/resources/cpc-exam-faqs"
    assert data["work_settings"] == [str(WorkSetting.objects.get(code="physician-office").pk)]


def test_certification_list_filters_on_whether_the_exam_fee_is_known(admin_client):
    response = admin_client.get(reverse(CHANGELIST), {"exam_fee_known": "yes"})

    assert codes(response.context["cl"].result_list) == ["CCA", "CCS"]


def test_certification_list_searches_the_certifying_body(admin_client):
    response = admin_client.get(reverse(CHANGELIST), {"q": "AHIMA"})

    assert codes(response.context["cl"].result_list) == ["CCA", "CCS", "CCS-P", "CDIP", "RHIA", "RHIT"]


def test_credentials_are_chosen_by_autocomplete_on_code(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "certifications", "model_name": "requirement", "field_name": "credentials", "term": "CCS"},
    )

    assert [result["text"] for result in response.json()["results"]] == ["CCS", "CCS-P"]


def test_seed_state_can_be_viewed_but_not_changed(admin_client):
    state = SeedState.objects.get(kind="certification", key="CPC")

    page = admin_client.get(change_url(state))
    attempt = admin_client.post(change_url(state), {"kind": "certification", "key": "CPC", "written": "{}"})

    assert readonly_values(page)[:2] == ["certification", "CPC"]
    assert (attempt.status_code, SeedState.objects.get(pk=state.pk).written) == (403, state.written)
    assert admin_client.get(reverse("admin:certifications_seedstate_add")).status_code == 403


@pytest.mark.parametrize("n", [1, 5])
@pytest.mark.parametrize(
    ("model", "make", "queries"),
    [
        pytest.param("source", lambda n: factories.SourceFactory.create_batch(n), 5, id="source"),
        pytest.param("worksetting", lambda n: factories.WorkSettingFactory.create_batch(n), 5, id="work setting"),
        pytest.param("certifyingbody", lambda n: factories.CeuPolicyFactory.create_batch(n), 5, id="body"),
        pytest.param("certification", lambda n: factories.CertificationFactory.create_batch(n), 7, id="certification"),
        pytest.param("eligibilityroute", lambda n: factories.EligibilityRouteFactory.create_batch(n), 6, id="route"),
        pytest.param("requirement", make_credential_requirements, 7, id="requirement"),
        pytest.param("ceuminimum", lambda n: factories.CeuMinimumFactory.create_batch(n), 5, id="CEU minimum"),
        pytest.param("trainingprogram", lambda n: factories.TrainingProgramFactory.create_batch(n), 5, id="program"),
        pytest.param("steptemplate", lambda n: factories.StepTemplateFactory.create_batch(n), 6, id="step"),
        pytest.param("resourcelink", lambda n: factories.ResourceLinkFactory.create_batch(n), 6, id="resource link"),
        pytest.param("seedstate", lambda n: None, 6, id="seed state"),
    ],
)
def test_changelist_runs_a_fixed_number_of_queries(admin_client, django_assert_num_queries, model, make, queries, n):
    make(n)

    with django_assert_num_queries(queries):
        admin_client.get(reverse(f"admin:certifications_{model}_changelist"))


# ------------------------------------------------------------------- saving


@pytest.mark.parametrize("code", ROUND_TRIP_CODES)
def test_saving_a_seeded_certification_unchanged_changes_nothing(admin_client, code):
    certification = Certification.objects.get(code=code)
    before = certification_from_db(certification)

    response = post(admin_client, certification, change_form_data(admin_client, change_url(certification)))

    assert (response.status_code, response["Location"]) == (302, reverse(CHANGELIST))
    assert certification_from_db(Certification.objects.get(pk=certification.pk)) == before


def test_an_admin_edit_reaches_the_next_preview_and_public_page(admin_client, client):
    """Plans and public pages are made from a catalogue kept while the version stays; an admin save bumps it."""
    visitor = _Client()
    client.force_login(factories.CareerProfileFactory().user)
    preview_url = reverse("roadmap:preview", args=["CPC"])
    assert "Earn 36 CEUs every 2 years (AAPC)" in client.get(preview_url).content.decode()  # the copy is kept
    assert "36 CEUs every 2 years" in visitor.get("/certifications/CPC/").content.decode()
    cpc = Certification.objects.get(code="CPC")
    data = change_form_data(admin_client, change_url(cpc))
    data["ceus_per_cycle"] = "40"

    response = post(admin_client, cpc, data)

    assert (response.status_code, response["Location"]) == (302, reverse(CHANGELIST))
    page = client.get(preview_url).content.decode()
    assert "Earn 40 CEUs every 2 years (AAPC)" in page
    assert "Earn 36 CEUs" not in page
    assert "40 CEUs every 2 years" in visitor.get("/certifications/CPC/").content.decode()


def test_negative_exam_fee_is_refused_with_a_message(admin_client):
    cpc = Certification.objects.get(code="CPC")
    before = certification_from_db(cpc)
    data = change_form_data(admin_client, change_url(cpc))
    data["exam_fee_member"] = "-5"

    response = post(admin_client, cpc, data)

    assert displayed_errors(response) == ["A fee cannot be negative; leave it empty if unknown."]
    assert certification_from_db(Certification.objects.get(pk=cpc.pk)) == before


def test_negative_membership_fee_is_refused_with_a_message(admin_client):
    aapc = CertifyingBody.objects.get(abbreviation="AAPC")
    data = change_form_data(admin_client, change_url(aapc))
    data["membership_fee"] = "-1"

    response = post(admin_client, aapc, data)

    assert displayed_errors(response) == ["A fee cannot be negative; leave it empty if unknown."]
    assert CertifyingBody.objects.get(pk=aapc.pk).membership_fee == Decimal("190.00")


def test_zero_month_ceu_cycle_is_refused_with_a_message(admin_client):
    ahima = CertifyingBody.objects.get(abbreviation="AHIMA")
    data = change_form_data(admin_client, change_url(ahima))
    data["ceu_policy-0-cycle_months"] = "0"

    response = post(admin_client, ahima, data)

    assert displayed_errors(response) == ["A CEU cycle must last at least one month."]
    assert CeuPolicy.objects.get(body=ahima).cycle_months == 24


def test_editing_a_route_requirement_on_the_certification_page_saves_it(admin_client):
    ccs = Certification.objects.get(code="CCS")
    requirement = credential_requirement("CCS", "CCS-P", "RHIA", "RHIT")
    data = change_form_data(admin_client, change_url(ccs))
    data[f"{prefix_of(data, REQUIREMENTS, requirement.pk)}-credentials"] = pks("RHIA", "RHIT")

    response = post(admin_client, ccs, data)

    assert (response.status_code, response["Location"]) == (302, reverse(CHANGELIST))
    assert codes(requirement.credentials.all()) == ["RHIA", "RHIT"]


def test_adding_a_route_with_a_requirement_on_the_certification_page_saves_both(admin_client):
    ccs_p = Certification.objects.get(code="CCS-P")
    data = change_form_data(admin_client, change_url(ccs_p))
    add_route(data, ccs_p, purpose="eligibility", credentials=pks("CCA"))

    response = post(admin_client, ccs_p, data)

    assert (response.status_code, response["Location"]) == (302, reverse(CHANGELIST))
    route = ccs_p.routes.get()
    assert (route.name, route.purpose, [r.describe() for r in route.requirements.all()]) == (
        "Hold another credential",
        "eligibility",
        ["Holds CCA"],
    )


def test_route_requiring_its_own_certification_is_refused(admin_client):
    ccs = Certification.objects.get(code="CCS")
    requirement = credential_requirement("CCS", "CCS-P", "RHIA", "RHIT")
    data = change_form_data(admin_client, change_url(ccs))
    data[f"{prefix_of(data, REQUIREMENTS, requirement.pk)}-credentials"] = pks("CCS", "RHIA")

    response = post(admin_client, ccs, data)

    assert displayed_errors(response) == ["CCS cannot require itself: remove CCS from the credentials."]
    assert codes(requirement.credentials.all()) == ["CCS-P", "RHIA", "RHIT"]


def test_new_route_closing_a_prerequisite_cycle_is_refused_with_the_chain(admin_client):
    ccs_p = Certification.objects.get(code="CCS-P")
    data = change_form_data(admin_client, change_url(ccs_p))
    add_route(data, ccs_p, purpose="eligibility", credentials=pks("CCS"))

    response = post(admin_client, ccs_p, data)

    assert displayed_errors(response) == [
        "CCS already requires CCS-P (CCS → CCS-P), so CCS-P cannot require CCS: that would be a prerequisite cycle."
    ]
    assert ccs_p.routes.count() == 0


def test_requirement_closing_a_transitive_cycle_is_refused_with_the_whole_chain(admin_client):
    # CCDS requires CCS, which requires CCA: CCA cannot require CCDS.
    cca = Certification.objects.get(code="CCA")
    before = certification_from_db(cca)
    requirement = Requirement.objects.get(route__certification=cca, route__purpose="eligibility")
    data = change_form_data(admin_client, change_url(cca))
    prefix = prefix_of(data, REQUIREMENTS, requirement.pk)
    data |= {f"{prefix}-kind": "credential", f"{prefix}-education_level": "", f"{prefix}-credentials": pks("CCDS")}

    response = post(admin_client, cca, data)

    assert displayed_errors(response) == [
        "CCDS already requires CCA (CCDS → CCS → CCA), so CCA cannot require CCDS: that would be a prerequisite cycle."
    ]
    assert certification_from_db(Certification.objects.get(pk=cca.pk)) == before


def test_recommended_route_may_name_a_credential_that_requires_the_certification(admin_client):
    # Recommended preparation keeps nobody from the exam, so it is no prerequisite.
    cca = Certification.objects.get(code="CCA")
    requirement = Requirement.objects.get(
        route__certification=cca, route__purpose="recommended", kind="coding_experience"
    )
    data = change_form_data(admin_client, change_url(cca))
    prefix = prefix_of(data, REQUIREMENTS, requirement.pk)
    data |= {f"{prefix}-kind": "credential", f"{prefix}-months": "", f"{prefix}-credentials": pks("CCDS")}

    response = post(admin_client, cca, data)

    assert (response.status_code, response["Location"]) == (302, reverse(CHANGELIST))
    assert codes(Requirement.objects.get(pk=requirement.pk).credentials.all()) == ["CCDS"]


def test_turning_a_route_into_an_eligibility_route_checks_it_for_cycles(admin_client):
    cca = Certification.objects.get(code="CCA")
    requirement = factories.RequirementFactory(
        route__certification=cca, route__purpose="recommended", route__order=9, kind="credential", months=None
    )
    requirement.credentials.set([Certification.objects.get(code="CCDS")])
    data = change_form_data(admin_client, change_url(cca))
    route_prefix = prefix_of(data, "routes", requirement.route.pk)
    data[f"{route_prefix}-purpose"] = "eligibility"

    response = post(admin_client, cca, data)

    assert displayed_errors(response) == [
        "CCDS already requires CCA (CCDS → CCS → CCA), so CCA cannot require CCDS: that would be a prerequisite cycle."
    ]
    assert EligibilityRoute.objects.get(pk=requirement.route.pk).purpose == "recommended"


def test_requirement_page_refuses_a_prerequisite_cycle(admin_client):
    requirement = credential_requirement("CCS", "CCS-P", "RHIA", "RHIT")
    data = change_form_data(admin_client, change_url(requirement))
    data["credentials"] = pks("CCDS", "RHIA")

    response = post(admin_client, requirement, data)

    assert displayed_errors(response) == [
        "CCDS already requires CCS (CCDS → CCS), so CCS cannot require CCDS: that would be a prerequisite cycle."
    ]
    assert codes(requirement.credentials.all()) == ["CCS-P", "RHIA", "RHIT"]


def test_requirement_page_refuses_fields_its_kind_does_not_use(admin_client):
    requirement = Requirement.objects.get(route__certification__code="CCA", route__purpose="eligibility")
    data = change_form_data(admin_client, change_url(requirement))
    data |= {"months": "12", "must_be_current": "on", "licences": ["rn"], "credentials": pks("CPC")}

    response = post(admin_client, requirement, data)

    assert displayed_errors(response) == [
        "Leave this empty: a 'Minimum education level' requirement does not use it.",
        "Leave this empty: a 'Minimum education level' requirement does not use it.",
        "Untick this: a 'Minimum education level' requirement does not use it.",
        "Leave this empty: a 'Minimum education level' requirement does not use it.",
    ]
    stored = Requirement.objects.get(pk=requirement.pk)
    assert (stored.months, stored.must_be_current, stored.licences, list(stored.credentials.all())) == (
        None,
        False,
        [],
        [],
    )


def test_credential_requirement_without_credentials_is_refused(admin_client):
    requirement = credential_requirement("CCS", "CCS-P", "RHIA", "RHIT")
    data = change_form_data(admin_client, change_url(requirement))
    data["credentials"] = []

    response = post(admin_client, requirement, data)

    assert displayed_errors(response) == ["Required for this kind of requirement."]
    assert codes(requirement.credentials.all()) == ["CCS-P", "RHIA", "RHIT"]


def test_route_page_refuses_a_requirement_closing_a_cycle(admin_client):
    route = EligibilityRoute.objects.get(certification__code="CCS", name="Hold RHIA, RHIT or CCS-P")
    data = change_form_data(admin_client, change_url(route))
    data["requirements-0-credentials"] = pks("CCDS")

    response = post(admin_client, route, data)

    assert displayed_errors(response) == [
        "CCDS already requires CCS (CCDS → CCS), so CCS cannot require CCDS: that would be a prerequisite cycle."
    ]
    assert codes(route.requirements.get().credentials.all()) == ["CCS-P", "RHIA", "RHIT"]
