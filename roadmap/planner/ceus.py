"""The CEUs a body requires per cycle of someone holding several of its credentials.

The rules here are the only copy: the CEU cycle engine (roadmap/keeping/cycles.py) and
the catalogue's CeuPolicy model call them too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .inputs import Body, Catalogue
from .messages import N_, Join, Text
from .outputs import CeuSummary
from .vocabulary import CEU_CATEGORY_WORDS
from .wording import cycle_words


def total_ceus(single_requirements: Sequence[int], *, extra_per_credential: int | None, cap: int | None) -> int:
    """Highest single requirement + extra per further credential, capped (AAPC and AHIMA rules).

    No cap when `cap` is None or 0; no credentials, no CEUs.
    """
    if not single_requirements:
        return 0
    total = max(single_requirements) + (extra_per_credential or 0) * (len(single_requirements) - 1)
    return min(total, cap) if cap else total


@dataclass(frozen=True)
class CountedCredentials:
    codes: tuple[str, ...]  # the credentials whose requirements count, sorted
    replaced: frozenset[str]  # the codes a held credential replaces, held or not


def counted_credentials(held: Iterable[tuple[str, str]]) -> CountedCredentials:
    """A credential that another one held replaces (RHIT under RHIA) is not counted.

    `held` is, for each credential held from one body, its code and the code it replaces ("" if none).
    """
    pairs = list(held)
    replaced = frozenset(replaces for _code, replaces in pairs if replaces)
    return CountedCredentials(tuple(sorted(code for code, _replaces in pairs if code not in replaced)), replaced)


def ceu_summary(body: Body, credentials: Iterable[str], catalogue: Catalogue) -> CeuSummary | None:
    """What the body requires for the credentials held or planned, explained; None if we cannot tell."""
    held = [code for code in credentials if catalogue.has(code) and catalogue.certification(code).body == body.code]
    counting = counted_credentials((code, catalogue.certification(code).supersedes) for code in held)
    counted = counting.codes
    singles = [catalogue.certification(code).ceus_per_cycle for code in counted]
    if body.cycle_months is None or not counted or any(value is None for value in singles):
        return None
    requirements = [value for value in singles if value is not None]
    total = total_ceus(requirements, extra_per_credential=body.extra_credential_ceus, cap=body.max_ceus)
    minimums = tuple(
        (category, ceus, code) for code in counted for category, ceus in catalogue.certification(code).ceu_minimums
    )
    parts = ", ".join(f"{code} {catalogue.certification(code).ceus_per_cycle}" for code in counted)
    cycle = cycle_words(body.cycle_months)
    sentences: list[Text] = []
    if len(counted) > 1:
        rule: Text = N_("the highest single requirement ({ceus})", ceus=max(requirements))
        if body.extra_credential_ceus:
            rule = N_("{rule} plus {ceus} per extra credential", rule=rule, ceus=body.extra_credential_ceus)
        if body.max_ceus:
            rule = N_("{rule}, at most {ceus}", rule=rule, ceus=body.max_ceus)
        sentences.append(
            N_(
                "{body} requires {total} CEUs per {cycle} for {credentials}: {rule} ({parts}).",
                body=body.code,
                total=total,
                cycle=cycle,
                credentials=" + ".join(counted),
                rule=rule,
                parts=parts,
            )
        )
    else:
        sentences.append(
            N_(
                "{body} requires {total} CEUs per {cycle} for {credentials}.",
                body=body.code,
                total=total,
                cycle=cycle,
                credentials=counted[0],
            )
        )
    if minimums:
        inside = Join(
            (
                N_(
                    "{ceus} {category} CEUs for {code}",
                    ceus=ceus,
                    category=CEU_CATEGORY_WORDS.get(category, category),
                    code=code,
                )
                for category, ceus, code in minimums
            ),
            "; ",
        )
        sentences.append(N_("Inside that total: {minimums}.", minimums=inside))
    if body.cycle_starts_on_exam_date:
        sentences.append(N_("The first cycle starts the day you pass."))
    else:
        sentences.append(N_("CEUs are reported on your membership renewal date; the first cycle is pro-rated."))
    retired = sorted(counting.replaced & set(held))
    if retired:
        sentences.append(N_("{codes} is replaced and no longer counted.", codes=", ".join(retired)))
    return CeuSummary(body.code, total, body.cycle_months, tuple(counted), minimums, Join(sentences))
