"""The catalogue as the planner sees it: frozen dataclasses read from the database.

One mapping, from seed-shaped units (certifications.units) to planner objects,
serves both the database (read_snapshot) and the database-free planner tests,
which read the seed file directly. Reading the database needs nothing of the
seed loader.

The catalogue changes only when an admin edits it or the seed loader runs, and
both bump CatalogueVersion. So each process keeps the snapshot it last read and
uses it while the version is unchanged (load_snapshot: one query instead of 16).
Changes made any other way (a shell, raw SQL) reach plans once something bumps
the version, or the process restarts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.utils import translation

from certifications.choices import Role
from certifications.models import (
    CatalogueVersion,
    Certification,
    CertifyingBody,
    CeuPolicy,
    KnowledgeArea,
    Requirement,
    Source,
    TrainingProgram,
)
from certifications.translation import CATALOGUE_LANGUAGES, ENGLISH
from certifications.units import (
    AREA_PREFETCH,
    AREA_SELECT,
    CERTIFICATION_SELECT,
    PROGRAM_PREFETCH,
    Unit,
    area_from_db,
    body_from_db,
    certification_from_db,
    certification_prefetch,
    program_from_db,
    source_from_db,
)
from roadmap import planner

Sources = Mapping[str, planner.Resource]


def _text(unit: Unit, field: str) -> planner.Localized:
    """A catalogue text with the translations an admin gave it (`<field>_es`), which pages show by language."""
    return planner.Localized(unit[field], {code: unit.get(f"{field}_{code}") or "" for code in CATALOGUE_LANGUAGES})


def _said(words: Callable[[], object]) -> planner.Localized:
    """Words our code makes from catalogue values (a requirement in plain words), said in every language.

    The snapshot is shared by every request, whatever its language, so it must not keep the words of the
    language that happened to be active when it was read.
    """
    with translation.override(ENGLISH):
        english = str(words())
    said = {}
    for code in CATALOGUE_LANGUAGES:
        with translation.override(code):
            said[code] = str(words())
    return planner.Localized(english, {code: text for code, text in said.items() if text != english})


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def _source(key: str | None, sources: Sources) -> planner.Resource | None:
    return sources.get(key) if key else None


def planner_effort(unit: Unit, sources: Sources) -> planner.Effort | None:
    """An effort range in seed shape (effort_low_hours, effort_high_hours, effort_basis, effort_source)."""
    low, high = _money(unit["effort_low_hours"]), _money(unit["effort_high_hours"])
    if low is None or high is None:
        return None
    return planner.Effort(low, high, unit["effort_basis"], _source(unit["effort_source"], sources))


def planner_requirement(unit: Unit) -> planner.Requirement:
    fields = {name: unit[name] for name in ("kind", "education_level", "months", "qualification", "role",
                                            "must_be_current", "licences", "note")}  # fmt: skip
    requirement = Requirement(**fields)
    return planner.Requirement(
        kind=unit["kind"],
        text=_said(lambda: requirement.describe(credential_codes=list(unit["credentials"]))),
        education_level=unit["education_level"] or "",
        credentials=tuple(unit["credentials"]),
        months=unit["months"] or 0,
        qualification=unit["qualification"] or "",
        role=unit["role"] or "",
        must_be_current=unit["must_be_current"],
        licences=tuple(unit["licences"]),
        role_label=_said(lambda: Role(unit["role"]).label) if unit["role"] else "",
        proof=unit["proof"],
    )


def _routes(unit: Unit, purpose: str) -> tuple[planner.Route, ...]:
    return tuple(
        planner.Route(_text(route, "name"), tuple(planner_requirement(req) for req in route["requirements"]))
        for route in unit["routes"]
        if route["purpose"] == purpose
    )


def planner_certification(unit: Unit, sources: Sources) -> planner.Certification:
    return planner.Certification(
        code=unit["code"],
        name=unit["name"],
        body=unit["body"],
        level=unit["level"],
        settings=tuple(unit["work_settings"]),
        eligibility_known=unit["eligibility_known"],
        eligibility=_routes(unit, planner.PURPOSE_ELIGIBILITY),
        recommended=_routes(unit, planner.PURPOSE_RECOMMENDED),
        apprentice_designation=unit["apprentice_designation"],
        apprentice_removal=_routes(unit, planner.PURPOSE_APPRENTICE_REMOVAL),
        steps=tuple(
            planner.StepTemplate(
                phase=step["phase"],
                order=step["order"],
                title=_text(step, "title"),
                description=_text(step, "description"),
                effort=planner_effort(step, sources),
                cost_from=step["cost_from"],
                cost=_money(step["cost"]),
                resources=tuple(planner.Resource(r["label"], r["url"]) for r in step["resources"]),
            )
            for step in unit["steps"]
        ),
        exam_fee_member=_money(unit["exam_fee_member"]),
        exam_fee_non_member=_money(unit["exam_fee_non_member"]),
        ceus_per_cycle=unit["ceus_per_cycle"],
        ceu_minimums=tuple((m["category"], m["ceus"]) for m in unit["ceu_minimums"]),
        supersedes=unit["supersedes"] or "",
        knowledge=tuple(
            planner.KnowledgeNeed(need["area"], need["words"], need["required"], _source(need["source"], sources))
            for need in unit["knowledge"]
        ),
        experience_expected=unit["experience_expected"],
        audience_note=_text(unit, "audience_note"),
    )


def planner_body(unit: Unit) -> planner.Body:
    policy = unit["ceu_policy"] or {}
    return planner.Body(
        code=unit["abbreviation"],
        name=unit["name"],
        membership_required_to_sit=unit["membership_required_to_sit"],
        membership_required_to_keep=unit["membership_required_to_keep"],
        membership_fee=_money(unit["membership_fee"]),
        recertification_fee=_money(policy.get("recertification_fee")),
        recertification_fee_member=_money(policy.get("recertification_fee_member")),
        cycle_months=policy.get("cycle_months"),
        extra_credential_ceus=policy.get("extra_credential_ceus"),
        max_ceus=policy.get("max_ceus"),
        cycle_starts_on_exam_date=policy.get("cycle_start", CeuPolicy.CycleStart.EXAM_DATE)
        == CeuPolicy.CycleStart.EXAM_DATE,
    )


def planner_program(unit: Unit, sources: Sources) -> planner.Program:
    return planner.Program(
        slug=unit["slug"],
        name=unit["name"],
        provider=unit["provider"],
        qualifications=frozenset(unit["qualifications"]),
        awards_education=unit["awards_education_level"] or "",
        admission_education=unit["admission_education_level"] or "",
        contact_hours=unit["contact_hours"],
        duration_months=unit["duration_months"],
        cost=_money(unit["cost"]),
        prepares_for=tuple(unit["prepares_for"]),
        url=unit["url"],
        description=unit["description"],
        covers=frozenset(unit["covers"]),
        source=_source(unit["source"], sources),
    )


def planner_area(unit: Unit, sources: Sources) -> planner.KnowledgeArea:
    return planner.KnowledgeArea(
        code=unit["code"],
        name=_text(unit, "name"),
        description=_text(unit, "description"),
        effort=planner_effort(unit, sources),
        used_in=frozenset(unit["used_in"]),
    )


def catalogue_from_units(
    *,
    certifications: Iterable[Unit],
    bodies: Iterable[Unit],
    programs: Iterable[Unit],
    areas: Iterable[Unit],
    sources: Iterable[Unit],
) -> planner.Catalogue:
    """Active certifications only (inactive ones are neither planned nor required), sorted by natural key.

    Knowledge areas keep their admin order (foundations first): study steps are planned in it.
    """
    by_key = {unit["key"]: planner.Resource(unit["title"], unit["url"]) for unit in sources}
    return planner.Catalogue(
        certifications=tuple(
            planner_certification(unit, by_key)
            for unit in sorted(certifications, key=lambda u: u["code"])
            if unit["is_active"]
        ),
        bodies=tuple(planner_body(unit) for unit in sorted(bodies, key=lambda u: u["abbreviation"])),
        programs=tuple(planner_program(unit, by_key) for unit in sorted(programs, key=lambda u: u["slug"])),
        areas=tuple(planner_area(unit, by_key) for unit in sorted(areas, key=lambda u: (u["order"], u["code"]))),
    )


def read_snapshot() -> planner.Catalogue:
    """Read the whole catalogue in a fixed number of queries (16), whatever its size."""
    certifications = Certification.objects.select_related(*CERTIFICATION_SELECT).prefetch_related(
        *certification_prefetch()
    )
    bodies = CertifyingBody.objects.select_related("membership_source", "ceu_policy__source")
    programs = TrainingProgram.objects.select_related("source").prefetch_related(*PROGRAM_PREFETCH)
    areas = KnowledgeArea.objects.select_related(*AREA_SELECT).prefetch_related(*AREA_PREFETCH)
    return catalogue_from_units(
        certifications=[certification_from_db(c) for c in certifications],
        bodies=[body_from_db(b) for b in bodies],
        programs=[program_from_db(p) for p in programs],
        areas=[area_from_db(a) for a in areas],
        sources=[source_from_db(s) for s in Source.objects.all()],
    )


_cached: tuple[int, planner.Catalogue] | None = None


def load_snapshot() -> planner.Catalogue:
    """The catalogue at its current version: one query while this process's copy is current, 17 when not.

    The version is read before the catalogue, so a change committed in between is read
    again on the next call rather than kept under the old number.
    """
    global _cached
    version = CatalogueVersion.current()
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    catalogue = read_snapshot()
    _cached = (version, catalogue)
    return catalogue


def forget_snapshot() -> None:
    """Drop this process's copy, so the next load_snapshot reads the database (tests build catalogues
    in transactions they roll back, which leaves the version where it was)."""
    global _cached
    _cached = None
