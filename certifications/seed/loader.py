"""Load the seed catalogue (catalogue.toml) into the database: what to write, and writing it.

Reading the file and shaping its entries is certifications.seed.records; reading the database in the
same shape is certifications.units, which the running site uses without this module.

Each top-level record (a source, work setting, body, certification or program, with everything nested
under it) is a *unit*. For every unit the loader compares three things:

- the seed: the unit as the seed file describes it;
- the database: the unit as it is now, serialised into the seed's shape;
- what it recorded (SeedState) the last time it wrote the unit.

A unit that matches the seed is left as it is, so running the loader twice
changes nothing. A unit whose database state still matches what was recorded
has not been touched by anyone since it was seeded, so a newer seed replaces
it. A unit that differs from what was recorded was changed by an admin (or
deleted by one): it is left alone and reported, unless `update=True` asks to
overwrite it with the seed. Only fields both versions know are compared, so
adding a field to the seed's shape does not look like an admin's edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction

from certifications.models import (
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
from certifications.seed.records import SEED_FILE, SeedFile
from certifications.units import (
    AREA_FIELDS,
    BODY_FIELDS,
    CERT_FIELDS,
    CERT_SOURCES,
    KNOWLEDGE_FIELDS,
    POLICY_FIELDS,
    PROGRAM_FIELDS,
    REQUIREMENT_FIELDS,
    ROUTE_FIELDS,
    SETTING_FIELDS,
    SOURCE_FIELDS,
    STEP_FIELDS,
    Unit,
    area_from_db,
    body_from_db,
    certification_from_db,
    program_from_db,
    setting_from_db,
    source_from_db,
)


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.left_alone)} left alone."
        ]
        out += [f"  created: {name}" for name in self.created]
        out += [f"  updated: {name}" for name in self.updated]
        out += [f"  left alone: {reason}" for reason in self.left_alone]
        return out


def _untouched(written: Unit, current: Unit) -> bool:
    """True if no field the loader wrote has changed since (fields added later are not compared)."""
    return bool(written) and _same_where_shared(written, current)


def _same_where_shared(old: Any, new: Any) -> bool:
    if isinstance(old, dict) and isinstance(new, dict):
        return all(_same_where_shared(old[name], new[name]) for name in old.keys() & new.keys())
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same_where_shared(a, b) for a, b in zip(old, new, strict=True))
    return bool(old == new)


# -------------------------------------------------------- seed -> database


class _Writer:
    """Writes units; looks up related records by natural key."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def source(self, key: str | None) -> Source | None:
        return Source.objects.get(key=key) if key else None

    def _assign(self, obj: models.Model, unit: Unit, names: Iterable[str]) -> None:
        for name in names:
            setattr(obj, name, unit[name])

    def write_source(self, obj: Source | None, unit: Unit) -> Source:
        obj = obj or Source()
        self._assign(obj, unit, SOURCE_FIELDS)
        obj.save()
        return obj

    def write_setting(self, obj: WorkSetting | None, unit: Unit) -> WorkSetting:
        obj = obj or WorkSetting()
        self._assign(obj, unit, SETTING_FIELDS)
        obj.save()
        return obj

    def write_area(self, obj: KnowledgeArea | None, unit: Unit) -> KnowledgeArea:
        obj = obj or KnowledgeArea()
        self._assign(obj, unit, AREA_FIELDS)
        obj.effort_source = self.source(unit["effort_source"])
        obj.save()
        obj.used_in.set(WorkSetting.objects.filter(code__in=unit["used_in"]))
        return obj

    def write_body(self, obj: CertifyingBody | None, unit: Unit) -> CertifyingBody:
        obj = obj or CertifyingBody()
        self._assign(obj, unit, BODY_FIELDS)
        obj.membership_source = self.source(unit["membership_source"])
        obj.save()
        CeuPolicy.objects.filter(body=obj).delete()
        if unit["ceu_policy"] is not None:
            policy = CeuPolicy(body=obj, source=self.source(unit["ceu_policy"]["source"]))
            self._assign(policy, unit["ceu_policy"], POLICY_FIELDS)
            policy.save()
        return obj

    def write_certification_fields(self, obj: Certification | None, unit: Unit) -> Certification:
        obj = obj or Certification()
        self._assign(obj, unit, CERT_FIELDS)
        for name in CERT_SOURCES:
            setattr(obj, name, self.source(unit[name]))
        obj.body = CertifyingBody.objects.get(abbreviation=unit["body"])
        obj.save()
        return obj

    def write_certification_relations(self, obj: Certification, unit: Unit) -> None:
        """Second pass: everything that may point at another certification."""
        obj.supersedes = self._certifications([unit["supersedes"]], obj.code)[0] if unit["supersedes"] else None
        obj.save(update_fields=["supersedes"])
        obj.work_settings.set(WorkSetting.objects.filter(code__in=unit["work_settings"]))
        obj.ceu_minimums.all().delete()
        CeuMinimum.objects.bulk_create(CeuMinimum(certification=obj, **m) for m in unit["ceu_minimums"])
        obj.routes.all().delete()
        for route_unit in unit["routes"]:
            route = EligibilityRoute(certification=obj, source=self.source(route_unit["source"]))
            self._assign(route, route_unit, ROUTE_FIELDS)
            route.save()
            for req_unit in route_unit["requirements"]:
                requirement = Requirement(route=route)
                self._assign(requirement, req_unit, REQUIREMENT_FIELDS)
                requirement.save()
                requirement.credentials.set(self._certifications(req_unit["credentials"], obj.code))
        obj.knowledge.all().delete()
        areas = {
            area.code: area for area in KnowledgeArea.objects.filter(code__in=[k["area"] for k in unit["knowledge"]])
        }
        for need in unit["knowledge"]:
            if need["area"] not in areas:
                self.report.left_alone.append(f"{obj.code}: expects knowledge area {need['area']}, which is missing")
                continue
            knowledge = CertificationKnowledge(
                certification=obj, area=areas[need["area"]], source=self.source(need["source"])
            )
            self._assign(knowledge, need, KNOWLEDGE_FIELDS)
            knowledge.save()
        obj.step_templates.all().delete()
        for step_unit in unit["steps"]:
            step = StepTemplate(certification=obj, effort_source=self.source(step_unit["effort_source"]))
            self._assign(step, step_unit, STEP_FIELDS)
            step.save()
            ResourceLink.objects.bulk_create(ResourceLink(step_template=step, **r) for r in step_unit["resources"])

    def write_program(self, obj: TrainingProgram | None, unit: Unit) -> TrainingProgram:
        obj = obj or TrainingProgram()
        self._assign(obj, unit, PROGRAM_FIELDS)
        obj.source = self.source(unit["source"])
        obj.save()
        obj.prepares_for.set(self._certifications(unit["prepares_for"], obj.slug))
        obj.covers.set(KnowledgeArea.objects.filter(code__in=unit["covers"]))
        return obj

    def _certifications(self, codes: list[str], referrer: str) -> list[Certification]:
        found = {c.code: c for c in Certification.objects.filter(code__in=codes)}
        for code in codes:
            if code not in found:
                self.report.left_alone.append(
                    f"{referrer}: refers to certification {code}, which is not in the catalogue"
                )
        return [found[code] for code in codes if code in found]


# ------------------------------------------------------------ the decision


@dataclass
class _Kind:
    name: str
    model: type[models.Model]
    key_field: str
    to_unit: Callable[[Any], Unit]


KINDS = {
    "source": _Kind("source", Source, "key", source_from_db),
    "work setting": _Kind("work setting", WorkSetting, "code", setting_from_db),
    "knowledge area": _Kind("knowledge area", KnowledgeArea, "code", area_from_db),
    "body": _Kind("body", CertifyingBody, "abbreviation", body_from_db),
    "certification": _Kind("certification", Certification, "code", certification_from_db),
    "program": _Kind("program", TrainingProgram, "slug", program_from_db),
}


def _plan(kind: _Kind, seed_units: dict[str, Unit], update: bool, report: Report) -> list[tuple[Any, str, Unit]]:
    """Decide, for every seed unit of a kind, whether to write it. Returns (object or None, key, unit) to write."""
    states = {s.key: s for s in SeedState.objects.filter(kind=kind.name)}
    existing = {getattr(o, kind.key_field): o for o in kind.model._default_manager.filter(
        **{f"{kind.key_field}__in": list(seed_units)})}  # fmt: skip
    to_write: list[tuple[Any, str, Unit]] = []
    for key, unit in seed_units.items():
        label = f"{kind.name} {key}"
        obj, state = existing.get(key), states.get(key)
        if obj is None:
            if state is not None and not update:
                report.left_alone.append(f"{label}: deleted by an admin, not recreated (use --update to restore it)")
                continue
            to_write.append((None, key, unit))
            continue
        current = kind.to_unit(obj)
        if current == unit:
            report.unchanged.append(label)
            if state is None or state.written != current:
                SeedState.objects.update_or_create(kind=kind.name, key=key, defaults={"written": current})
        elif update or (state is not None and _untouched(state.written, current)):
            to_write.append((obj, key, unit))
        elif state is None:
            report.left_alone.append(f"{label}: exists but was not created by the seed (use --update to replace it)")
        else:
            report.left_alone.append(f"{label}: changed by an admin (use --update to overwrite it)")
    return to_write


def _record(kind: _Kind, obj: models.Model, key: str, created: bool, report: Report) -> None:
    SeedState.objects.update_or_create(kind=kind.name, key=key, defaults={"written": kind.to_unit(obj)})
    (report.created if created else report.updated).append(f"{kind.name} {key}")


@transaction.atomic
def load_catalogue(*, path: Path = SEED_FILE, update: bool = False) -> Report:
    """Create or refresh the catalogue from the seed file.

    Side effects: writes catalogue rows and SeedState records in one
    transaction. Records an admin changed or deleted are left alone unless
    `update` is true.
    """
    seed = SeedFile(path)
    report = Report()
    writer = _Writer(report)

    simple: list[tuple[_Kind, dict[str, Unit], Callable[[Any, Unit], models.Model]]] = [
        (KINDS["source"], seed.sources, writer.write_source),
        (KINDS["work setting"], seed.work_settings, writer.write_setting),
        (KINDS["knowledge area"], seed.areas, writer.write_area),
        (KINDS["body"], seed.bodies, writer.write_body),
    ]
    for kind, units, write in simple:
        for obj, key, unit in _plan(kind, units, update, report):
            _record(kind, write(obj, unit), key, obj is None, report)

    kind = KINDS["certification"]
    written = [
        (writer.write_certification_fields(obj, unit), key, unit, obj is None)
        for obj, key, unit in _plan(kind, seed.certifications, update, report)
    ]
    for cert, _key, unit, _created in written:
        writer.write_certification_relations(cert, unit)
    for cert, key, _unit, created in written:
        _record(kind, cert, key, created, report)

    kind = KINDS["program"]
    for obj, key, unit in _plan(kind, seed.programs, update, report):
        _record(kind, writer.write_program(obj, unit), key, obj is None, report)
    if report.created or report.updated:
        CatalogueVersion.bump()
    return report
