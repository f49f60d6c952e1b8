"""Catalogue rules that span several certifications.

Prerequisites form a graph: certification X requires certification Y when
one of X's *eligibility* routes has a credential requirement listing Y.
Recommended-preparation and apprentice-removal routes are not prerequisites
(nobody is kept from sitting an exam by them), so they add no edge.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection

from django.db.models import Prefetch, QuerySet

from certifications.models import CERTIFICATION_SOURCES, Certification, EligibilityRoute, Requirement


def prerequisite_path(*, start: int, target: int, ignoring_requirements: Collection[int] = ()) -> list[str] | None:
    """The shortest chain of prerequisites leading from `start` to `target`, or None.

    `start` and `target` are certification ids. The result lists certification
    codes, `start` first and `target` last, each requiring the next; it is
    `[code]` when start and target are the same certification.

    The admin asks "may X now require Y?" as `prerequisite_path(start=Y,
    target=X)`: any chain means the new requirement would close a cycle.
    `ignoring_requirements` names requirements whose stored credentials are
    about to be replaced by the form being validated, so their old edges do
    not count.

    Runs two queries: one for all prerequisite edges (the catalogue is small)
    and one for the codes on the chain found.
    """
    edges = (
        Requirement.credentials.through.objects.filter(
            requirement__kind=Requirement.Kind.CREDENTIAL,
            requirement__route__purpose=EligibilityRoute.Purpose.ELIGIBILITY,
        )
        .exclude(requirement_id__in=ignoring_requirements)
        .values_list("requirement__route__certification_id", "certification_id")
    )
    requires: dict[int, set[int]] = {}
    for certification_id, credential_id in edges:
        requires.setdefault(certification_id, set()).add(credential_id)

    # Breadth-first, so the chain shown to an admin is the shortest one.
    came_from: dict[int, int | None] = {start: None}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if current == target:
            return _codes(_walk_back(came_from, target))
        for following in sorted(requires.get(current, ())):
            if following not in came_from:
                came_from[following] = current
                queue.append(following)
    return None


def _walk_back(came_from: dict[int, int | None], end: int) -> list[int]:
    chain = [end]
    while (previous := came_from[chain[-1]]) is not None:
        chain.append(previous)
    return chain[::-1]


def _codes(ids: list[int]) -> list[str]:
    code_by_id = dict(Certification.objects.filter(pk__in=ids).values_list("pk", "code"))
    return [code_by_id[pk] for pk in ids]


def active_with_facts() -> QuerySet[Certification]:
    """Active certifications with every fact their page and the API show: the body with its membership and
    CEU policy, each fact's source, routes with their requirements' credentials, CEU minimums (5 queries)."""
    return (
        Certification.objects.filter(is_active=True)
        .select_related("body__membership_source", "body__ceu_policy__source", *CERTIFICATION_SOURCES, "supersedes")
        .prefetch_related(
            "work_settings",
            Prefetch("routes", queryset=EligibilityRoute.objects.select_related("source")),
            Prefetch("routes__requirements__credentials", queryset=Certification.objects.only("code")),
            "ceu_minimums",
        )
    )
