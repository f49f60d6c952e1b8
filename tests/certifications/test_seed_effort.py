"""Every effort figure in the seed comes with its source, or says it is our estimate and why.

Read from the seed file alone: no database.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from certifications.seed.records import SeedFile

SEED = SeedFile()
ESTIMATE = "Our estimate: "


def effort_problems(where: str, unit: dict[str, Any], sources: dict[str, dict[str, Any]]) -> list[str]:
    """What is wrong with one effort range in seed shape (an empty list when nothing is)."""
    low, high = unit["effort_low_hours"], unit["effort_high_hours"]
    basis, source = unit["effort_basis"], unit["effort_source"]
    if low is None and high is None:
        return [f"{where}: a basis without hours"] if basis or source else []
    if low is None or high is None or not Decimal(0) < Decimal(low) <= Decimal(high):
        return [f"{where}: the range {low}-{high} is not a range"]
    if source:
        if source not in sources:
            return [f"{where}: source {source} is not in the seed"]
        if sources[source]["confidence"] not in ("high", "medium"):
            return [f"{where}: source {source} is of low confidence"]
        return [] if basis.strip() else [f"{where}: no words on what the source says"]
    if not basis.startswith(ESTIMATE) or len(basis) < len(ESTIMATE) + 20:
        return [f"{where}: no source, and no 'Our estimate:' with a reason"]
    return []


def _every_effort() -> list[tuple[str, dict[str, Any]]]:
    found = [(f"knowledge area {code}", unit) for code, unit in SEED.areas.items()]
    for code, cert in SEED.certifications.items():
        found += [(f"{code} step {step['order']} ({step['title']})", step) for step in cert["steps"]]
    return found


def test_every_effort_figure_in_the_seed_has_a_source_or_is_labelled_our_estimate():
    problems = [problem for where, unit in _every_effort() for problem in effort_problems(where, unit, SEED.sources)]
    assert problems == []


def test_every_study_step_and_knowledge_area_in_the_seed_has_an_effort_range():
    study = [(where, unit) for where, unit in _every_effort() if unit.get("phase", "exam") == "exam"]
    assert [where for where, unit in study if unit["effort_low_hours"] is None] == []


def test_the_check_refuses_a_bare_number_and_a_low_confidence_source():
    sources = {"S1": {"confidence": "high"}, "X9": {"confidence": "low"}}
    bare = {"effort_low_hours": "4", "effort_high_hours": "4", "effort_basis": "", "effort_source": None}
    weak = bare | {"effort_source": "X9", "effort_basis": "A blog says so."}
    upside_down = bare | {"effort_low_hours": "8", "effort_source": "S1", "effort_basis": "The exam lasts 4 hours."}
    sourced = bare | {"effort_source": "S1", "effort_basis": "The exam lasts 4 hours."}
    estimate = bare | {"effort_basis": "Our estimate: booking online takes under an hour."}
    assert [effort_problems(name, unit, sources) for name, unit in
            [("bare", bare), ("weak", weak), ("upside down", upside_down), ("sourced", sourced),
             ("estimate", estimate)]] == [
        ["bare: no source, and no 'Our estimate:' with a reason"],
        ["weak: source X9 is of low confidence"],
        ["upside down: the range 8-4 is not a range"],
        [],
        [],
    ]  # fmt: skip
