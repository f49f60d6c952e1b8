"""The public catalogue as read-only JSON (/api/v1/): certifications, CEU policies, training programs, sources.

What the catalogue pages show, in the same shape the database keeps it: every figure from the outside world
sits next to its source (with the source's confidence as stored) and the date it was last verified, and a
figure nobody has verified is null, never 0. The list filters are the catalogue pages' own forms
(certifications.forms), so a filter means the same thing, and refuses the same values, in both places.

Every answer is cached under the catalogue version, like the pages (certifications.page_cache), and sent
with an ETag derived from the same key: a conditional GET that matches gets 304 after one query (the
version), and a repeated GET is served from the cache after that one query too.

Query budgets (tests/certifications/test_api.py), whatever the number of rows:
- certifications: version, the filter's work settings and bodies, count, the page with every to-one
  relation joined, then settings, routes, requirements, their credentials and CEU minimums (10);
- one certification: version, then the same minus the filter and the count (7);
- CEU policies: version, count, the page (3); one: version, the policy (2);
- programs: version, the filter's certifications, count, the page, what they prepare for and cover (6);
- sources: version, count, the page, and one query per kind of record that cites a source (11).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.forms import Form
from django.utils.cache import get_conditional_response, patch_cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from certifications.choices import Level, Licence, Qualification
from certifications.forms import CertificationFilterForm, ProgramFilterForm, TickBoxField
from certifications.models import (
    CatalogueVersion,
    Certification,
    CertificationKnowledge,
    CertifyingBody,
    CeuPolicy,
    EligibilityRoute,
    KnowledgeArea,
    Requirement,
    Source,
    StepTemplate,
    TrainingProgram,
    WorkSetting,
)
from certifications.page_cache import CACHE_SECONDS, catalogue_key
from certifications.services import active_with_facts

# ------------------------------------------------------------------ shapes


class SourceSerializer(serializers.ModelSerializer[Source]):
    class Meta:
        model = Source
        fields = ["key", "title", "url", "confidence", "as_of"]


class CitationSerializer(serializers.Serializer[dict[str, Any]]):
    """One fact taken from a source: which record, which fact, and when it was last verified (null: not dated)."""

    record = serializers.ChoiceField(["certification", "body", "program", "knowledge_area"])
    key = serializers.CharField(help_text="The record's code, abbreviation or slug.")
    fact = serializers.CharField(help_text="e.g. exam_fees, eligibility_route, ceu_policy, membership, program.")
    verified_on = serializers.DateField(allow_null=True)


class CitedSourceSerializer(SourceSerializer):
    cited_for = serializers.SerializerMethodField(help_text="The facts in the catalogue taken from this source.")
    last_verified_on = serializers.SerializerMethodField(
        help_text="The latest date any of those facts was verified; null when none is dated."
    )

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "cited_for", "last_verified_on"]

    @extend_schema_field(CitationSerializer(many=True))
    def get_cited_for(self, source: Source) -> list[dict[str, Any]]:
        citations: dict[int, list[dict[str, Any]]] = self.context["citations"]
        return citations.get(source.pk, [])

    @extend_schema_field(OpenApiTypes.DATE)
    def get_last_verified_on(self, source: Source) -> date | None:
        dates = [c["verified_on"] for c in self.get_cited_for(source) if c["verified_on"] is not None]
        return max(dates, default=None)


class RequirementSerializer(serializers.ModelSerializer[Requirement]):
    text = serializers.SerializerMethodField(help_text="The requirement in plain words, as the pages say it.")
    credentials = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    licences = serializers.ListField(child=serializers.ChoiceField(Licence.choices))

    class Meta:
        model = Requirement
        fields = ["kind", "text", "education_level", "credentials", "months", "qualification", "role",
                  "must_be_current", "licences", "note", "proof"]  # fmt: skip

    def get_text(self, requirement: Requirement) -> str:
        return requirement.describe(credential_codes=[c.code for c in requirement.credentials.all()])


class RouteSerializer(serializers.ModelSerializer[EligibilityRoute]):
    source = SourceSerializer(allow_null=True)
    requirements = RequirementSerializer(many=True, help_text="All of them must hold to take this route.")

    class Meta:
        model = EligibilityRoute
        fields = ["purpose", "order", "name", "source", "requirements"]


class CeuPolicySerializer(serializers.ModelSerializer[CeuPolicy]):
    body = serializers.SlugRelatedField(read_only=True, slug_field="abbreviation")
    notes = serializers.SerializerMethodField(help_text="Other rules, one a line.")
    source = SourceSerializer()

    class Meta:
        model = CeuPolicy
        fields = ["body", "cycle_months", "cycle_start", "prorate_first_cycle", "first_cycle_min_months",
                  "prorate_note", "extra_credential_ceus", "max_ceus", "counts_before_certification", "carry_over",
                  "recertification_fee", "recertification_fee_member", "notes", "source", "verified_on"]  # fmt: skip

    def get_notes(self, policy: CeuPolicy) -> list[str]:
        return [line.strip() for line in policy.notes.splitlines() if line.strip()]


class MembershipSerializer(serializers.Serializer[CertifyingBody]):
    required_to_sit = serializers.BooleanField(source="membership_required_to_sit", allow_null=True)
    required_to_keep = serializers.BooleanField(source="membership_required_to_keep", allow_null=True)
    fee = serializers.DecimalField(
        source="membership_fee", max_digits=9, decimal_places=2, allow_null=True, help_text="Yearly, US dollars."
    )
    source = SourceSerializer(source="membership_source", allow_null=True)
    verified_on = serializers.DateField(source="membership_verified_on", allow_null=True)


class BodySerializer(serializers.ModelSerializer[CertifyingBody]):
    membership = MembershipSerializer(source="*")

    class Meta:
        model = CertifyingBody
        fields = ["abbreviation", "name", "website", "membership"]


class EligibilitySerializer(serializers.Serializer[Certification]):
    known = serializers.BooleanField(
        source="eligibility_known",
        help_text="False: the official eligibility text is not verified; no route does not mean no prerequisite.",
    )
    note = serializers.CharField(source="eligibility_note")
    source = SourceSerializer(source="eligibility_source", allow_null=True)


class ExamSerializer(serializers.Serializer[Certification]):
    items = serializers.IntegerField(source="exam_items", allow_null=True)
    minutes = serializers.IntegerField(source="exam_minutes", allow_null=True)
    open_book = serializers.BooleanField(source="exam_open_book", allow_null=True)
    delivery = serializers.CharField(source="exam_delivery")
    format_note = serializers.CharField(source="exam_format_note")
    source = SourceSerializer(source="exam_source", allow_null=True)
    verified_on = serializers.DateField(source="exam_verified_on", allow_null=True)


class FeesSerializer(serializers.Serializer[Certification]):
    member = serializers.DecimalField(source="exam_fee_member", max_digits=9, decimal_places=2, allow_null=True)
    non_member = serializers.DecimalField(source="exam_fee_non_member", max_digits=9, decimal_places=2, allow_null=True)
    as_of = serializers.CharField(source="fee_as_of")
    source = SourceSerializer(source="fee_source", allow_null=True)
    verified_on = serializers.DateField(source="fee_verified_on", allow_null=True)


class SalarySerializer(serializers.Serializer[Certification]):
    amount = serializers.IntegerField(source="salary", allow_null=True, help_text="US dollars a year.")
    basis = serializers.CharField(source="salary_basis")
    year = serializers.IntegerField(source="salary_year", allow_null=True)
    source = SourceSerializer(source="salary_source", allow_null=True)


class CeuMinimumSerializer(serializers.Serializer[Any]):
    category = serializers.CharField()
    ceus = serializers.IntegerField()


class CeusSerializer(serializers.Serializer[Certification]):
    per_cycle = serializers.IntegerField(
        source="ceus_per_cycle", allow_null=True, help_text="For this credential alone; the policy adds the rest."
    )
    minimums = CeuMinimumSerializer(source="ceu_minimums.all", many=True)
    source = SourceSerializer(source="ceu_source", allow_null=True)
    verified_on = serializers.DateField(source="ceu_verified_on", allow_null=True)


class CertificationSerializer(serializers.ModelSerializer[Certification]):
    url = serializers.HyperlinkedIdentityField(view_name="api-certification-detail", lookup_field="code")
    page = serializers.SerializerMethodField(help_text="The certification's page on this site.")
    body = BodySerializer()
    work_settings = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    eligibility = EligibilitySerializer(source="*")
    routes = RouteSerializer(many=True)
    exam = ExamSerializer(source="*")
    fees = FeesSerializer(source="*", help_text="US dollars; null when unknown.")
    salary = SalarySerializer(source="*")
    ceus = CeusSerializer(source="*")
    ceu_policy = serializers.SerializerMethodField(help_text="The body's rules for keeping its credentials.")
    supersedes = serializers.SlugRelatedField(read_only=True, slug_field="code", allow_null=True)

    class Meta:
        model = Certification
        fields = ["code", "name", "url", "page", "body", "level", "summary", "work_settings", "audience_note",
                  "experience_expected", "eligibility", "routes", "apprentice_designation", "exam", "fees", "salary",
                  "ceus", "ceu_policy", "supersedes"]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, certification: Certification) -> str:
        request: Request = self.context["request"]
        return request.build_absolute_uri(certification.get_absolute_url())

    @extend_schema_field(CeuPolicySerializer(allow_null=True))
    def get_ceu_policy(self, certification: Certification) -> dict[str, Any] | None:
        policy = getattr(certification.body, "ceu_policy", None)
        return None if policy is None else CeuPolicySerializer(policy, context=self.context).data


class ProgramSerializer(serializers.ModelSerializer[TrainingProgram]):
    url = serializers.HyperlinkedIdentityField(view_name="api-program-detail", lookup_field="slug")
    web_page = serializers.URLField(source="url", help_text="The provider's page; empty when none.")
    cost = serializers.DecimalField(
        max_digits=9, decimal_places=2, allow_null=True, help_text="US dollars; null when unknown."
    )
    prepares_for = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    covers = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    qualifications = serializers.ListField(child=serializers.ChoiceField(Qualification.choices))
    source = SourceSerializer(allow_null=True)

    class Meta:
        model = TrainingProgram
        fields = ["slug", "name", "url", "web_page", "provider", "kind", "delivery", "description", "contact_hours",
                  "duration_months", "cost", "approval", "qualifications", "awards_education_level",
                  "admission_education_level", "prepares_for", "covers", "source", "verified_on"]  # fmt: skip


# ------------------------------------------------------------------ where each source is cited


def source_citations() -> dict[int, list[dict[str, Any]]]:
    """Every fact of the shown catalogue (active certifications) by the id of the source it came from.

    One query per kind of record that cites a source (8), whatever the size of the catalogue.
    """
    found: dict[int, set[tuple[str, str, str, date | None]]] = {}

    def cite(source_id: int | None, record: str, key: str, fact: str, verified_on: date | None = None) -> None:
        if source_id is not None:
            found.setdefault(source_id, set()).add((record, key, fact, verified_on))

    active = Certification.objects.filter(is_active=True)
    for row in active.values("code", "eligibility_source", "exam_source", "exam_verified_on", "fee_source",
                             "fee_verified_on", "salary_source", "ceu_source", "ceu_verified_on"):  # fmt: skip
        code = row["code"]
        cite(row["eligibility_source"], "certification", code, "eligibility")
        cite(row["exam_source"], "certification", code, "exam_format", row["exam_verified_on"])
        cite(row["fee_source"], "certification", code, "exam_fees", row["fee_verified_on"])
        cite(row["salary_source"], "certification", code, "salary")
        cite(row["ceu_source"], "certification", code, "ceus_per_cycle", row["ceu_verified_on"])
    for code, purpose, source_id in EligibilityRoute.objects.filter(certification__is_active=True).values_list(
        "certification__code", "purpose", "source"
    ):
        cite(source_id, "certification", code, f"{purpose}_route")
    for code, source_id in CertificationKnowledge.objects.filter(certification__is_active=True).values_list(
        "certification__code", "source"
    ):
        cite(source_id, "certification", code, "expected_knowledge")
    for code, source_id in StepTemplate.objects.filter(certification__is_active=True).values_list(
        "certification__code", "effort_source"
    ):
        cite(source_id, "certification", code, "step_effort")
    for abbreviation, source_id, verified_on in CeuPolicy.objects.values_list(
        "body__abbreviation", "source", "verified_on"
    ):
        cite(source_id, "body", abbreviation, "ceu_policy", verified_on)
    for abbreviation, source_id, verified_on in CertifyingBody.objects.values_list(
        "abbreviation", "membership_source", "membership_verified_on"
    ):
        cite(source_id, "body", abbreviation, "membership", verified_on)
    for slug, source_id, verified_on in TrainingProgram.objects.values_list("slug", "source", "verified_on"):
        cite(source_id, "program", slug, "program", verified_on)
    for code, source_id in KnowledgeArea.objects.values_list("code", "effort_source"):
        cite(source_id, "knowledge_area", code, "effort")
    return {
        source_id: [
            {"record": record, "key": key, "fact": fact, "verified_on": verified_on}
            for record, key, fact, verified_on in sorted(facts, key=lambda f: (f[0], f[1], f[2], f[3] or date.min))
        ]
        for source_id, facts in found.items()
    }


# ------------------------------------------------------------------ views


class CatalogueViewSet(viewsets.ReadOnlyModelViewSet[Any]):
    """A read-only list and detail, cached under the catalogue version and answered with 304 when unchanged."""

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return self._cached(request, lambda: super(CatalogueViewSet, self).list(request, *args, **kwargs))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return self._cached(request, lambda: super(CatalogueViewSet, self).retrieve(request, *args, **kwargs))

    def _cached(self, request: Request, answer: Callable[[], Response]) -> Any:
        # The address, its language, the catalogue version and the release decide the answer (catalogue_key),
        # and the scheme and host, which are in its links.
        site = hashlib.sha256(request.build_absolute_uri("/").encode()).hexdigest()[:16]
        key = catalogue_key(CatalogueVersion.current(), request._request, kind=f"catalogue-api:{site}")
        etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'
        response: Any = get_conditional_response(request._request, etag=etag)
        if response is None:
            data = cache.get(key)
            if data is None:
                data = answer().data  # a refused filter or an unknown code raises: answered, never cached
                cache.set(key, data, CACHE_SECONDS)
            response = Response(data)
        response["ETag"] = etag
        # Clients ask again each time (a 304 is cheap): the catalogue may change at any moment.
        patch_cache_control(response, no_cache=True)
        return response


def _filtered(form: CertificationFilterForm | ProgramFilterForm, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """The queryset through a catalogue page's filter form, or a 400 naming each refused value as the page does."""
    if not form.is_valid():
        raise ValidationError({name: [str(error) for error in errors] for name, errors in form.errors.items()})
    return form.filter(queryset)


def _filter_parameters(
    form_class: type[Form], described: dict[str, str], **choices: list[str]
) -> list[OpenApiParameter]:
    """The filter form's fields as documented query parameters."""
    return [
        OpenApiParameter(
            name,
            OpenApiTypes.BOOL if isinstance(field, TickBoxField) else OpenApiTypes.STR,
            description=described.get(name) or str(field.help_text or field.label),
            enum=choices.get(name),
        )
        for name, field in form_class.base_fields.items()
    ]


@extend_schema_view(
    list=extend_schema(
        summary="Certifications, filtered as on the catalogue page",
        parameters=_filter_parameters(
            CertificationFilterForm,
            {
                "setting": "A work setting's code, e.g. inpatient.",
                "body": "A certifying body's abbreviation, e.g. AAPC.",
            },
            level=Level.values,
        ),
    ),
    retrieve=extend_schema(summary="One certification"),
)
class CertificationViewSet(CatalogueViewSet):
    """Active certifications with their body, routes and requirements, exam, fees, CEUs and the body's CEU policy."""

    serializer_class = CertificationSerializer
    lookup_field = "code"
    lookup_value_regex = r"[^/\x00]+"  # no code holds a NUL byte, which PostgreSQL refuses with an error

    def get_queryset(self) -> QuerySet[Certification]:
        queryset = active_with_facts()
        if self.action != "list":
            return queryset
        form = CertificationFilterForm(
            self.request.query_params,
            settings=list(WorkSetting.objects.all()),
            bodies=list(CertifyingBody.objects.all()),
        )
        return _filtered(form, queryset)


@extend_schema_view(
    list=extend_schema(summary="CEU policies: how each body's credentials are kept"),
    retrieve=extend_schema(summary="One body's CEU policy"),
)
class CeuPolicyViewSet(CatalogueViewSet):
    serializer_class = CeuPolicySerializer
    queryset = CeuPolicy.objects.select_related("body", "source").order_by("body__abbreviation")
    lookup_field = "body__abbreviation"
    lookup_url_kwarg = "body"
    lookup_value_regex = r"[^/\x00]+"


@extend_schema_view(
    list=extend_schema(
        summary="Training programs, filtered as on the programs page",
        parameters=_filter_parameters(
            ProgramFilterForm,
            {"certification": "The code of a certification the program prepares for, e.g. CPC."},
            kind=TrainingProgram.Kind.values,
        ),
    ),
    retrieve=extend_schema(summary="One training program"),
)
class ProgramViewSet(CatalogueViewSet):
    serializer_class = ProgramSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[^/\x00]+"

    def get_queryset(self) -> QuerySet[TrainingProgram]:
        queryset = TrainingProgram.objects.select_related("source").prefetch_related(
            Prefetch("prepares_for", queryset=Certification.objects.filter(is_active=True).only("code")),
            Prefetch("covers", queryset=KnowledgeArea.objects.only("code")),
        )
        if self.action != "list":
            return queryset
        form = ProgramFilterForm(
            self.request.query_params,
            certifications=list(Certification.objects.filter(is_active=True).only("code", "name")),
        )
        return _filtered(form, queryset)


@extend_schema_view(
    list=extend_schema(summary="Sources of the catalogue's figures, with what each is cited for and when verified"),
    retrieve=extend_schema(summary="One source"),
)
class SourceViewSet(CatalogueViewSet):
    serializer_class = CitedSourceSerializer
    queryset = Source.objects.all()
    lookup_field = "key"
    lookup_value_regex = r"[^/\x00]+"

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "citations": source_citations()}
