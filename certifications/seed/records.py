"""The seed file (catalogue.toml) read, and its entries shaped as the catalogue's units.

Two steps, apart from deciding what to write (certifications.seed.loader does that): `read` parses the
file; `SeedFile` turns its entries into units, the seed shape of certifications.units, with the file-wide
defaults filled in (the verified-on date, the shared step sets, {code} and {body} in step texts). The
planner's database-free tests read the catalogue through this module alone.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from certifications.models import (
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
    from_seed,
)

SEED_FILE = Path(__file__).with_name("catalogue.toml")

# Which verified-on date the file-wide `verified_on` fills, keyed by the source that proves it.
CERT_VERIFIED = {"exam_source": "exam_verified_on", "fee_source": "fee_verified_on", "ceu_source": "ceu_verified_on"}


def read(path: Path = SEED_FILE) -> dict[str, Any]:
    """The seed file as TOML gives it."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


class SeedFile:
    """The seed file, normalised into units keyed by natural key."""

    def __init__(self, path: Path = SEED_FILE) -> None:
        data = read(path)
        self.verified_on: date | None = data.get("verified_on")
        self.step_sets: dict[str, list[Unit]] = {name: s["steps"] for name, s in data.get("step_sets", {}).items()}
        self.sources = {e["key"]: self.source_unit(e) for e in data.get("sources", [])}
        self.work_settings = {e["code"]: self.setting_unit(e) for e in data.get("work_settings", [])}
        self.areas = {e["code"]: self.area_unit(e) for e in data.get("knowledge_areas", [])}
        self.bodies = {e["abbreviation"]: self.body_unit(e) for e in data.get("bodies", [])}
        self.certifications = {e["code"]: self.certification_unit(e) for e in data.get("certifications", [])}
        self.programs = {e["slug"]: self.program_unit(e) for e in data.get("programs", [])}

    def source_unit(self, entry: Unit) -> Unit:
        return from_seed(Source, SOURCE_FIELDS, entry)

    def setting_unit(self, entry: Unit) -> Unit:
        return from_seed(WorkSetting, SETTING_FIELDS, entry)

    def area_unit(self, entry: Unit) -> Unit:
        return from_seed(KnowledgeArea, AREA_FIELDS, entry) | {
            "effort_source": entry.get("effort_source"),
            "used_in": sorted(entry.get("used_in", [])),
        }

    def body_unit(self, entry: Unit) -> Unit:
        entry = dict(entry)
        if entry.get("membership_source"):
            entry.setdefault("membership_verified_on", self.verified_on)
        unit = from_seed(CertifyingBody, BODY_FIELDS, entry)
        unit["membership_source"] = entry.get("membership_source")
        policy = entry.get("ceu_policy")
        if policy is not None:
            policy = dict(policy, verified_on=policy.get("verified_on", self.verified_on))
            unit["ceu_policy"] = from_seed(CeuPolicy, POLICY_FIELDS, policy) | {"source": policy["source"]}
        else:
            unit["ceu_policy"] = None
        return unit

    def certification_unit(self, entry: Unit) -> Unit:
        entry = dict(entry)
        for source_field, date_field in CERT_VERIFIED.items():
            if entry.get(source_field):
                entry.setdefault(date_field, self.verified_on)
        unit = from_seed(Certification, CERT_FIELDS, entry)
        unit |= {name: entry.get(name) for name in CERT_SOURCES}
        unit["body"] = entry["body"]
        unit["supersedes"] = entry.get("supersedes")
        unit["work_settings"] = sorted(entry.get("work_settings", []))
        unit["ceu_minimums"] = sorted(
            ({"category": m["category"], "ceus": m["ceus"]} for m in entry.get("ceu_minimums", [])),
            key=lambda m: m["category"],
        )
        routes = []
        next_order: dict[str, int] = {}
        for route in entry.get("routes", []):
            purpose = route.get("purpose", EligibilityRoute.Purpose.ELIGIBILITY.value)
            next_order[purpose] = next_order.get(purpose, 0) + 1
            route = dict(route, purpose=purpose, order=route.get("order", next_order[purpose]))
            shaped = from_seed(EligibilityRoute, ROUTE_FIELDS, route) | {"source": route.get("source")}
            shaped["requirements"] = [
                from_seed(Requirement, REQUIREMENT_FIELDS, req) | {"credentials": sorted(req.get("credentials", []))}
                for req in route.get("requirements", [])
            ]
            routes.append(shaped)
        unit["routes"] = sorted(routes, key=lambda r: (r["purpose"], r["order"]))
        unit["knowledge"] = sorted(
            (
                from_seed(CertificationKnowledge, KNOWLEDGE_FIELDS, need)
                | {"area": need["area"], "source": need["source"]}
                for need in entry.get("knowledge", [])
            ),
            key=lambda need: need["area"],
        )
        steps = [dict(step) for name in entry.get("step_sets", []) for step in self.step_sets[name]]
        steps += entry.get("steps", [])
        substitutions = {"code": entry["code"], "body": entry["body"]}
        unit["steps"] = sorted(
            (self.step_unit(step, substitutions) for step in steps),
            key=lambda s: s["order"],
        )
        return unit

    def step_unit(self, step: Unit, substitutions: dict[str, str]) -> Unit:
        step = dict(step)
        for text_field in ("title", "description", "title_es", "description_es"):
            if text_field in step:
                step[text_field] = step[text_field].format_map(substitutions)
        unit = from_seed(StepTemplate, STEP_FIELDS, step) | {"effort_source": step.get("effort_source")}
        unit["resources"] = [{"label": r["label"], "url": r["url"]} for r in step.get("resources", [])]
        return unit

    def program_unit(self, entry: Unit) -> Unit:
        entry = dict(entry)
        if entry.get("source"):
            entry.setdefault("verified_on", self.verified_on)
        unit = from_seed(TrainingProgram, PROGRAM_FIELDS, entry)
        unit["source"] = entry.get("source")
        unit["prepares_for"] = sorted(entry.get("prepares_for", []))
        unit["covers"] = sorted(entry.get("covers", []))
        return unit
