"""The CEUs a body requires per cycle of someone holding several of its credentials."""

from __future__ import annotations

from collections.abc import Iterable

from .inputs import Body, Catalogue
from .outputs import CeuSummary
from .wording import cycle_words


def ceu_summary(body: Body, credentials: Iterable[str], catalogue: Catalogue) -> CeuSummary | None:
    """What the body requires for the credentials held or planned, explained; None if we cannot tell."""
    held = [code for code in credentials if catalogue.has(code) and catalogue.certification(code).body == body.code]
    superseded = {catalogue.certification(code).supersedes for code in held}
    counted = sorted(code for code in held if code not in superseded)
    singles = [catalogue.certification(code).ceus_per_cycle for code in counted]
    if body.cycle_months is None or not counted or any(value is None for value in singles):
        return None
    requirements = [value for value in singles if value is not None]
    total = body.total_ceus(requirements)
    minimums = tuple(
        (category, ceus, code) for code in counted for category, ceus in catalogue.certification(code).ceu_minimums
    )
    parts = [f"{code} {catalogue.certification(code).ceus_per_cycle}" for code in counted]
    explanation = f"{body.code} requires {total} CEUs per {cycle_words(body.cycle_months)} for "
    explanation += " + ".join(counted) if len(counted) > 1 else counted[0]
    if len(counted) > 1:
        rule = f"the highest single requirement ({max(requirements)})"
        if body.extra_credential_ceus:
            rule += f" plus {body.extra_credential_ceus} per extra credential"
        if body.max_ceus:
            rule += f", at most {body.max_ceus}"
        explanation += f": {rule} ({', '.join(parts)})."
    else:
        explanation += "."
    if minimums:
        explanation += (
            " Inside that total: "
            + "; ".join(f"{ceus} {category} CEUs for {code}" for category, ceus, code in minimums)
            + "."
        )
    if body.cycle_starts_on_exam_date:
        explanation += " The first cycle starts the day you pass."
    else:
        explanation += " CEUs are reported on your membership renewal date; the first cycle is pro-rated."
    retired = sorted(superseded & set(held))
    if retired:
        explanation += f" {', '.join(retired)} is replaced and no longer counted."
    return CeuSummary(body.code, total, body.cycle_months, tuple(counted), minimums, explanation)
