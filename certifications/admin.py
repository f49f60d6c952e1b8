"""The catalogue admin.

A certification is edited on one page: its eligibility routes with their
requirements, its CEU category minimums and its step templates with their
resource links are inlines there (django-nested-admin nests the second
level). Each model also has its own list, for searching across
certifications. Sources are chosen by autocomplete: there are dozens.
"""

from __future__ import annotations

from typing import Any

import nested_admin
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from certifications.forms_admin import (
    HTTPS_URL_FIELDS,
    REQUIREMENT_FIELDS,
    CertifyingBodyAdminForm,
    RequirementAdminForm,
    TabularInlineFormSet,
)
from certifications.models import (
    CERTIFICATION_SOURCES,
    CatalogueVersion,
    Certification,
    CertificationKnowledge,
    CertifyingBody,
    CeuMinimum,
    CeuPolicy,
    EligibilityRoute,
    KnowledgeArea,
    Requirement,
    ResourceLink,
    SeedState,
    Source,
    StepTemplate,
    TrainingProgram,
    WorkSetting,
)

EFFORT_FIELDS: list[str | tuple[str, ...]] = [
    ("effort_low_hours", "effort_high_hours"),
    "effort_source",
    "effort_basis",
]


class CountsCatalogueChanges:
    """Every save or delete through the admin counts as a catalogue change (CatalogueVersion), so saved
    roadmaps can tell that the catalogue they were planned with may have changed."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        CatalogueVersion.bump()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)  # type: ignore[misc]
        CatalogueVersion.bump()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        super().delete_queryset(request, queryset)  # type: ignore[misc]
        CatalogueVersion.bump()


@admin.register(Source)
class SourceAdmin(CountsCatalogueChanges, admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["key", "title", "confidence", "as_of", "url"]
    list_filter = ["confidence"]
    search_fields = ["key", "title", "url"]


@admin.register(WorkSetting)
class WorkSettingAdmin(CountsCatalogueChanges, admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(KnowledgeArea)
class KnowledgeAreaAdmin(CountsCatalogueChanges, admin.ModelAdmin):
    list_display = ["name", "code", "order", "effort_low_hours", "effort_high_hours", "effort_source"]
    list_select_related = ["effort_source"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
    autocomplete_fields = ["effort_source"]
    fields = ["name", "name_es", "code", "order", "description", "description_es", "used_in", *EFFORT_FIELDS]
    filter_horizontal = ["used_in"]


class CeuPolicyInline(admin.StackedInline):
    model = CeuPolicy
    autocomplete_fields = ["source"]


@admin.register(CertifyingBody)
class CertifyingBodyAdmin(CountsCatalogueChanges, admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    form = CertifyingBodyAdminForm
    list_display = ["abbreviation", "name", "membership_fee", "membership_required_to_keep", "ceu_cycle"]
    list_filter = ["membership_required_to_sit", "membership_required_to_keep"]
    list_select_related = ["ceu_policy"]
    search_fields = ["abbreviation", "name"]
    autocomplete_fields = ["membership_source"]
    inlines = [CeuPolicyInline]

    @admin.display(description="CEU cycle (months)")
    def ceu_cycle(self, body: CertifyingBody) -> int | None:
        try:
            return body.ceu_policy.cycle_months
        except CeuPolicy.DoesNotExist:
            return None


class RequirementInline(nested_admin.NestedTabularInline):
    model = Requirement
    form = RequirementAdminForm
    formset = TabularInlineFormSet
    fields = REQUIREMENT_FIELDS
    autocomplete_fields = ["credentials"]
    extra = 0


class EligibilityRouteInline(nested_admin.NestedStackedInline):
    model = EligibilityRoute
    fields = [("purpose", "order"), "name", "name_es", "source"]
    autocomplete_fields = ["source"]
    inlines = [RequirementInline]
    extra = 0
    show_change_link = True


class CertificationKnowledgeInline(nested_admin.NestedTabularInline):
    model = CertificationKnowledge
    formset = TabularInlineFormSet
    fields = ["area", "required", "words", "source"]
    autocomplete_fields = ["area", "source"]
    extra = 0


class CeuMinimumInline(nested_admin.NestedTabularInline):
    model = CeuMinimum
    formset = TabularInlineFormSet
    extra = 0


class ResourceLinkInline(nested_admin.NestedTabularInline):
    formfield_overrides = HTTPS_URL_FIELDS
    model = ResourceLink
    formset = TabularInlineFormSet
    extra = 0


class StepTemplateInline(nested_admin.NestedStackedInline):
    model = StepTemplate
    fields = [("order", "phase"), "title", "title_es", "description", "description_es", *EFFORT_FIELDS,
              ("cost_from", "cost")]  # fmt: skip
    autocomplete_fields = ["effort_source"]
    inlines = [ResourceLinkInline]
    extra = 0
    show_change_link = True


class ExamFeeKnownFilter(admin.SimpleListFilter):
    title = "exam fee known"
    parameter_name = "exam_fee_known"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        known = Q(exam_fee_member__isnull=False) | Q(exam_fee_non_member__isnull=False)
        if self.value() == "yes":
            return queryset.filter(known)
        if self.value() == "no":
            return queryset.exclude(known)
        return queryset


@admin.register(Certification)
class CertificationAdmin(CountsCatalogueChanges, nested_admin.NestedModelAdmin):
    list_display = ["code", "name", "body", "level", "ceus_per_cycle", "exam_fee_known", "is_active"]
    list_filter = ["level", "body", "is_active", ExamFeeKnownFilter, "eligibility_known", "work_settings"]
    list_select_related = ["body"]
    search_fields = ["code", "name", "body__abbreviation"]
    filter_horizontal = ["work_settings"]
    autocomplete_fields = [*CERTIFICATION_SOURCES, "supersedes"]
    fieldsets = [
        (
            "Identity",
            {"fields": ["code", "name", "body", "level", "work_settings", "summary", "summary_es", "is_active"]},
        ),
        (
            "Eligibility",
            {
                "fields": [
                    "eligibility_known",
                    "eligibility_note",
                    "eligibility_note_es",
                    "eligibility_source",
                    "apprentice_designation",
                    "experience_expected",
                    "audience_note",
                    "audience_note_es",
                ],
                "description": "The routes themselves are edited below, each with its requirements.",
            },
        ),
        (
            "Exam",
            {
                "fields": [
                    ("exam_items", "exam_minutes"),
                    "exam_open_book",
                    "exam_delivery",
                    "exam_format_note",
                    "exam_format_note_es",
                    "exam_source",
                    "exam_verified_on",
                ]
            },
        ),
        (
            "Fees",
            {
                "fields": [
                    ("exam_fee_member", "exam_fee_non_member"),
                    "fee_source",
                    "fee_as_of",
                    "fee_verified_on",
                ]
            },
        ),
        ("Salary", {"fields": ["salary", "salary_basis", "salary_year", "salary_source"]}),
        ("CEUs", {"fields": ["ceus_per_cycle", "ceu_source", "ceu_verified_on", "supersedes"]}),
    ]
    inlines = [EligibilityRouteInline, CertificationKnowledgeInline, CeuMinimumInline, StepTemplateInline]

    @admin.display(boolean=True, description="exam fee known")
    def exam_fee_known(self, certification: Certification) -> bool:
        return certification.exam_fee_member is not None or certification.exam_fee_non_member is not None


@admin.register(EligibilityRoute)
class EligibilityRouteAdmin(CountsCatalogueChanges, nested_admin.NestedModelAdmin):
    list_display = ["name", "certification", "purpose", "order", "source"]
    list_filter = ["purpose", "certification__body"]
    list_select_related = ["certification", "source"]
    search_fields = ["name", "certification__code"]
    autocomplete_fields = ["certification", "source"]
    inlines = [RequirementInline]


@admin.register(Requirement)
class RequirementAdmin(CountsCatalogueChanges, admin.ModelAdmin):
    form = RequirementAdminForm
    fields = ["route", *REQUIREMENT_FIELDS]
    list_display = ["__str__", "certification", "purpose", "kind"]
    list_filter = ["kind", "route__purpose", "route__certification__body"]
    search_fields = ["route__certification__code", "route__name", "credentials__code", "note"]
    autocomplete_fields = ["route", "credentials"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Requirement]:
        # __str__ lists the credentials' codes; prefetching keeps the list at a fixed number of queries.
        return super().get_queryset(request).select_related("route__certification").prefetch_related("credentials")

    @admin.display(description="certification", ordering="route__certification__code")
    def certification(self, requirement: Requirement) -> Certification:
        return requirement.route.certification

    @admin.display(description="purpose", ordering="route__purpose")
    def purpose(self, requirement: Requirement) -> str:
        return requirement.route.get_purpose_display()


@admin.register(CeuMinimum)
class CeuMinimumAdmin(CountsCatalogueChanges, admin.ModelAdmin):
    list_display = ["certification", "category", "ceus"]
    list_filter = ["category"]
    list_select_related = ["certification"]
    search_fields = ["certification__code"]
    autocomplete_fields = ["certification"]


@admin.register(TrainingProgram)
class TrainingProgramAdmin(CountsCatalogueChanges, admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "provider", "kind", "delivery", "approval", "cost", "contact_hours"]
    list_filter = ["kind", "delivery", "approval"]
    search_fields = ["name", "provider", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["prepares_for", "source", "covers"]


@admin.register(StepTemplate)
class StepTemplateAdmin(CountsCatalogueChanges, nested_admin.NestedModelAdmin):
    list_display = ["title", "certification", "order", "phase", "effort_low_hours", "effort_high_hours", "cost_from"]
    list_filter = ["phase", "cost_from", "certification__body"]
    list_select_related = ["certification"]
    search_fields = ["title", "certification__code"]
    autocomplete_fields = ["certification", "effort_source"]
    inlines = [ResourceLinkInline]


@admin.register(ResourceLink)
class ResourceLinkAdmin(CountsCatalogueChanges, admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["label", "url", "step_template"]
    list_filter = ["step_template__phase", "step_template__certification__body"]
    list_select_related = ["step_template__certification"]
    search_fields = ["label", "url", "step_template__title", "step_template__certification__code"]
    autocomplete_fields = ["step_template"]


@admin.register(SeedState)
class SeedStateAdmin(admin.ModelAdmin):
    """What the seed loader last wrote; only the loader changes it."""

    list_display = ["kind", "key", "applied_at"]
    list_filter = ["kind"]
    search_fields = ["key"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SeedState | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: SeedState | None = None) -> bool:
        return False
