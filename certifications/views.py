"""The public catalogue pages: no login, read-only, a fixed number of queries each.

Query budgets (asserted in tests/certifications/test_views_public.py):
- catalogue: work settings + bodies (filter choices), certifications, their settings;
- detail: the certification with every to-one relation joined, then one query
  per related list (settings, routes, requirements, credentials, CEU minimums,
  programs, replacing credentials);
- compare: the chooser, then the chosen certifications and their settings;
- programs: certifications (filter choices), programs, what they prepare for.

An anonymous visitor is served each page from the cache while the catalogue version stays:
one query (certifications.page_cache).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from certifications.forms import (
    COMPARE_MAX,
    COMPARE_MIN,
    CertificationFilterForm,
    CompareForm,
    ProgramFilterForm,
    has_eligibility_route,
)
from certifications.models import (
    Certification,
    CertifyingBody,
    CeuPolicy,
    EligibilityRoute,
    Requirement,
    Source,
    TrainingProgram,
    WorkSetting,
)
from certifications.page_cache import catalogue_page
from certifications.services import active_with_facts
from certifications.translation import localized

Purpose = EligibilityRoute.Purpose


def _listed() -> QuerySet[Certification]:
    """Active certifications with what a list row shows: body, CEU policy and whether a prerequisite exists."""
    return (
        Certification.objects.filter(is_active=True)
        .select_related("body__ceu_policy")
        .annotate(has_eligibility_route=has_eligibility_route())
        .prefetch_related("work_settings")
    )


def _active_prepares_for() -> Prefetch[str]:
    return Prefetch("prepares_for", queryset=Certification.objects.filter(is_active=True).only("code", "name"))


@require_safe
@catalogue_page
def certification_list(request: HttpRequest) -> HttpResponse:
    form = CertificationFilterForm(
        request.GET, settings=list(WorkSetting.objects.all()), bodies=list(CertifyingBody.objects.all())
    )
    if form.is_valid():
        certifications = list(form.filter(_listed()))
        status = 200
    else:
        certifications = []
        status = 400
    context = {
        "form": form,
        "certifications": certifications,
        "is_filtering": form.is_valid() and form.is_filtering(),
    }
    return render(request, "certifications/list.html", context, status=status)


@dataclass(frozen=True)
class RouteView:
    """One route in plain words: meet every requirement to take it."""

    name: str
    requirements: list[str]
    source: Source | None


@dataclass
class SourceUse:
    """A source cited on a page and the facts taken from it, each with the day it was verified."""

    source: Source
    facts: list[tuple[str, date | None]] = field(default_factory=list)


class _Citations:
    """Every distinct source used on a page, in the order the page first cites it."""

    def __init__(self) -> None:
        self._uses: dict[int, SourceUse] = {}

    def add(self, source: Source | None, fact: str, verified_on: date | None = None) -> None:
        if source is None:
            return
        use = self._uses.setdefault(source.pk, SourceUse(source))
        if (fact, verified_on) not in use.facts:
            use.facts.append((fact, verified_on))

    def all(self) -> list[SourceUse]:
        return list(self._uses.values())


def _route_views(routes: list[EligibilityRoute]) -> list[RouteView]:
    """Routes in words, using the prefetched requirements and credentials (no query per row)."""
    return [
        RouteView(
            name=route.name,
            requirements=[_describe(requirement) for requirement in route.requirements.all()],
            source=route.source,
        )
        for route in routes
    ]


def _describe(requirement: Requirement) -> str:
    return requirement.describe(credential_codes=[c.code for c in requirement.credentials.all()])


def _multi_credential_rule(body: CertifyingBody, policy: CeuPolicy) -> str:
    values = {"body": body.abbreviation, "extra": policy.extra_credential_ceus, "cap": policy.max_ceus}
    if policy.extra_credential_ceus is None:
        return _("%(body)s publishes no rule for holding several of its credentials: check with the provider.") % values
    if policy.max_ceus:
        rule = _(
            "Holding more than one %(body)s credential: your highest single requirement plus %(extra)s CEUs for each "
            "extra credential, up to %(cap)s CEUs a cycle."
        )
    else:
        rule = _(
            "Holding more than one %(body)s credential: your highest single requirement plus %(extra)s CEUs for each "
            "extra credential, with no upper limit."
        )
    return rule % values


@require_safe
@catalogue_page
def certification_detail(request: HttpRequest, code: str) -> HttpResponse:
    queryset = active_with_facts().prefetch_related(
        Prefetch("programs", queryset=TrainingProgram.objects.select_related("source")),
        Prefetch(
            "superseded_by", queryset=Certification.objects.filter(is_active=True).only("code", "name", "supersedes")
        ),
    )
    try:
        # No code holds a NUL byte, and PostgreSQL answers one in a query parameter with an error, not "none".
        if "\x00" in code:
            raise Certification.DoesNotExist
        certification = queryset.get(code=code)
    except Certification.DoesNotExist:
        return render(request, "404.html", {"unknown_code": code}, status=404)

    body = certification.body
    policy: CeuPolicy | None = getattr(body, "ceu_policy", None)
    routes: dict[str, list[EligibilityRoute]] = {purpose: [] for purpose in Purpose.values}
    for route in certification.routes.all():
        routes[route.purpose].append(route)
    programs = list(certification.programs.all())

    # Cite in the order the page shows the facts.
    citations = _Citations()
    citations.add(certification.eligibility_source, _("Eligibility"))
    for purpose in (Purpose.ELIGIBILITY, Purpose.RECOMMENDED, Purpose.APPRENTICE_REMOVAL):
        for route in routes[purpose]:
            citations.add(route.source, f"{Purpose(purpose).label}: {localized(route, 'name')[0]}")
    citations.add(certification.exam_source, _("Exam format"), certification.exam_verified_on)
    citations.add(certification.fee_source, _("Exam fees"), certification.fee_verified_on)
    citations.add(certification.ceu_source, _("CEUs per cycle"), certification.ceu_verified_on)
    if policy is not None:
        citations.add(policy.source, _("%(body)s CEU rules") % {"body": body.abbreviation}, policy.verified_on)
    citations.add(
        body.membership_source,
        _("%(body)s membership rules") % {"body": body.abbreviation},
        body.membership_verified_on,
    )
    citations.add(certification.salary_source, _("Salary"))
    for program in programs:
        citations.add(program.source, _("Program: %(name)s") % {"name": program.name}, program.verified_on)

    context = {
        "certification": certification,
        "body": body,
        "policy": policy,
        "eligibility_routes": _route_views(routes[Purpose.ELIGIBILITY]),
        "recommended_routes": _route_views(routes[Purpose.RECOMMENDED]),
        "apprentice_removal_routes": _route_views(routes[Purpose.APPRENTICE_REMOVAL]),
        "ceu_minimums": list(certification.ceu_minimums.all()),
        "multi_credential_rule": _multi_credential_rule(body, policy) if policy else "",
        "policy_notes": [line.strip() for line in policy.notes.splitlines() if line.strip()] if policy else [],
        "superseded_by": list(certification.superseded_by.all()),
        "programs": programs,
        "sources": citations.all(),
    }
    return render(request, "certifications/detail.html", context)


@require_safe
@catalogue_page
def compare(request: HttpRequest) -> HttpResponse:
    choices = list(Certification.objects.filter(is_active=True).only("code", "name"))
    # Without any `codes` parameter the page is just the chooser; with one, it is checked.
    form = CompareForm(request.GET if "codes" in request.GET else None, certifications=choices)
    compared: list[Certification] = []
    status = 200
    if form.is_bound:
        if form.is_valid():
            codes = form.cleaned_data["codes"]
            by_code = {c.code: c for c in _listed().filter(code__in=codes)}
            compared = [by_code[code] for code in codes]
        else:
            status = 400
    context = {"form": form, "compared": compared, "compare_min": COMPARE_MIN, "compare_max": COMPARE_MAX}
    return render(request, "certifications/compare.html", context, status=status)


@require_safe
@catalogue_page
def program_list(request: HttpRequest) -> HttpResponse:
    form = ProgramFilterForm(
        request.GET, certifications=list(Certification.objects.filter(is_active=True).only("code", "name"))
    )
    if form.is_valid():
        queryset = TrainingProgram.objects.select_related("source").prefetch_related(_active_prepares_for())
        programs = list(form.filter(queryset))
        status = 200
    else:
        programs = []
        status = 400
    context = {
        "form": form,
        "programs": programs,
        "is_filtering": form.is_valid() and form.is_filtering(),
    }
    return render(request, "certifications/programs.html", context, status=status)
