"""The catalogue in seed shape: plain dicts, one per top-level record (a *unit*).

The seed file, the database and what the seed loader recorded are all compared
in this one shape, and the planner's snapshot (roadmap/snapshot.py) is built
from it, so the database and the database-free planner tests read the
catalogue through the same mapping. Reading the database into this shape needs
no part of the seed loader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Prefetch

from certifications.models import (
    CERTIFICATION_SOURCES,
    Certification,
    CertificationKnowledge,
    CertifyingBody,
    CeuPolicy,
    EligibilityRoute,
    KnowledgeArea,
    Source,
    StepTemplate,
    TrainingProgram,
    WorkSetting,
)

Unit = dict[str, Any]


# ----------------------------------------------------------------- shaping


def _canon(model_field: models.Field[Any, Any], value: Any) -> Any:
    """One representation per value, shared by the seed side and the database side."""
    if value is None:
        return None
    if isinstance(model_field, models.DecimalField):
        return str(Decimal(str(value)).quantize(Decimal(1).scaleb(-model_field.decimal_places)))
    if isinstance(model_field, models.DateField):
        return value.isoformat() if isinstance(value, date) else str(value)
    return value


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    found = model._meta.get_field(name)
    assert isinstance(found, models.Field)
    return found


def _scalars(model: type[models.Model], names: Iterable[str], get: Callable[[str], Any]) -> Unit:
    return {name: _canon(_field(model, name), get(name)) for name in names}


def from_seed(model: type[models.Model], names: Iterable[str], entry: Unit) -> Unit:
    return _scalars(model, names, lambda name: entry.get(name, _field(model, name).get_default()))


def _from_db(obj: models.Model, names: Iterable[str]) -> Unit:
    return _scalars(type(obj), names, lambda name: getattr(obj, name))


def _key_of(obj: Any, attr: str) -> Any:
    return getattr(obj, attr) if obj is not None else None


SOURCE_FIELDS = ["key", "title", "url", "confidence", "as_of"]
SETTING_FIELDS = ["code", "name", "description", "order"]
BODY_FIELDS = ["abbreviation", "name", "website", "membership_required_to_sit", "membership_required_to_keep",
               "membership_fee", "membership_verified_on"]  # fmt: skip
POLICY_FIELDS = ["cycle_months", "cycle_start", "prorate_first_cycle", "first_cycle_min_months", "prorate_note",
                 "extra_credential_ceus", "max_ceus", "counts_before_certification", "carry_over",
                 "recertification_fee", "recertification_fee_member", "notes", "verified_on"]  # fmt: skip
CERT_FIELDS = ["code", "name", "level", "summary", "summary_es", "is_active", "eligibility_known",
               "eligibility_note", "eligibility_note_es", "apprentice_designation", "experience_expected",
               "audience_note", "audience_note_es", "exam_items", "exam_minutes", "exam_open_book", "exam_delivery",
               "exam_format_note", "exam_format_note_es", "exam_verified_on", "exam_fee_member", "exam_fee_non_member",
               "fee_as_of", "fee_verified_on", "salary", "salary_basis", "salary_year", "ceus_per_cycle",
               "ceu_verified_on"]  # fmt: skip
CERT_SOURCES = list(CERTIFICATION_SOURCES)
ROUTE_FIELDS = ["purpose", "order", "name", "name_es"]
REQUIREMENT_FIELDS = ["kind", "education_level", "months", "qualification", "role", "must_be_current", "licences",
                      "note", "proof"]  # fmt: skip
# An effort range's figures; its source is stored by key as "effort_source".
EFFORT_FIELDS = ["effort_low_hours", "effort_high_hours", "effort_basis"]
AREA_FIELDS = ["code", "name", "name_es", "description", "description_es", "order", *EFFORT_FIELDS]
KNOWLEDGE_FIELDS = ["required", "words"]
STEP_FIELDS = ["phase", "order", "title", "title_es", "description", "description_es", *EFFORT_FIELDS, "cost_from",
               "cost"]  # fmt: skip
PROGRAM_FIELDS = ["slug", "name", "provider", "kind", "delivery", "description", "description_es", "url",
                  "contact_hours", "duration_months", "cost", "approval", "qualifications", "awards_education_level",
                  "admission_education_level", "verified_on"]  # fmt: skip


# ------------------------------------------------- database -> seed shape


def source_from_db(obj: Source) -> Unit:
    return _from_db(obj, SOURCE_FIELDS)


def setting_from_db(obj: WorkSetting) -> Unit:
    return _from_db(obj, SETTING_FIELDS)


def area_from_db(obj: KnowledgeArea) -> Unit:
    return _from_db(obj, AREA_FIELDS) | {
        "effort_source": _key_of(obj.effort_source, "key"),
        "used_in": sorted(setting.code for setting in obj.used_in.all()),
    }


AREA_SELECT = ["effort_source"]
AREA_PREFETCH = ["used_in"]


def body_from_db(obj: CertifyingBody) -> Unit:
    """The body in seed shape. Uses obj.ceu_policy (select_related it when serialising many)."""
    unit = _from_db(obj, BODY_FIELDS)
    unit["membership_source"] = _key_of(obj.membership_source, "key")
    try:
        policy: CeuPolicy | None = obj.ceu_policy
    except CeuPolicy.DoesNotExist:
        policy = None
    unit["ceu_policy"] = None if policy is None else _from_db(policy, POLICY_FIELDS) | {"source": policy.source.key}
    return unit


def certification_from_db(obj: Certification) -> Unit:
    """The certification in seed shape.

    Reads related rows through .all() and sorts in Python, so a queryset with
    certification_prefetch() serialises any number of certifications in a fixed
    number of queries.
    """
    unit = _from_db(obj, CERT_FIELDS)
    unit |= {name: _key_of(getattr(obj, name), "key") for name in CERT_SOURCES}
    unit["body"] = obj.body.abbreviation
    unit["supersedes"] = _key_of(obj.supersedes, "code")
    unit["work_settings"] = sorted(setting.code for setting in obj.work_settings.all())
    unit["ceu_minimums"] = sorted(
        ({"category": m.category, "ceus": m.ceus} for m in obj.ceu_minimums.all()), key=lambda m: m["category"]
    )
    unit["routes"] = [
        _from_db(route, ROUTE_FIELDS)
        | {
            "source": _key_of(route.source, "key"),
            "requirements": [
                _from_db(req, REQUIREMENT_FIELDS) | {"credentials": sorted(c.code for c in req.credentials.all())}
                for req in sorted(route.requirements.all(), key=lambda req: req.pk)
            ],
        }
        for route in sorted(obj.routes.all(), key=lambda route: (route.purpose, route.order))
    ]
    unit["knowledge"] = sorted(
        (
            _from_db(need, KNOWLEDGE_FIELDS) | {"area": need.area.code, "source": need.source.key}
            for need in obj.knowledge.all()
        ),
        key=lambda need: need["area"],
    )
    unit["steps"] = [
        _from_db(step, STEP_FIELDS)
        | {
            "effort_source": _key_of(step.effort_source, "key"),
            "resources": [{"label": r.label, "url": r.url} for r in sorted(step.resources.all(), key=lambda r: r.pk)],
        }
        for step in sorted(obj.step_templates.all(), key=lambda step: step.order)
    ]
    return unit


CERTIFICATION_SELECT = ["body", "supersedes", *CERT_SOURCES]


def certification_prefetch() -> list[str | Prefetch[Any]]:
    """What certification_from_db reads, one query per kind of row (7), whatever the number of certifications."""
    return [
        "work_settings",
        "ceu_minimums",
        Prefetch("routes", EligibilityRoute.objects.select_related("source")),
        "routes__requirements__credentials",
        Prefetch("knowledge", CertificationKnowledge.objects.select_related("area", "source")),
        Prefetch("step_templates", StepTemplate.objects.select_related("effort_source")),
        "step_templates__resources",
    ]


def program_from_db(obj: TrainingProgram) -> Unit:
    unit = _from_db(obj, PROGRAM_FIELDS)
    unit["source"] = _key_of(obj.source, "key")
    unit["prepares_for"] = sorted(c.code for c in obj.prepares_for.all())
    unit["covers"] = sorted(area.code for area in obj.covers.all())
    return unit


PROGRAM_PREFETCH = ["prepares_for", "covers"]
