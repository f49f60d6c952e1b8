"""What the planner is given: the catalogue (frozen, read by roadmap/snapshot.py) and a person's profile."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .vocabulary import COST_OWN


@dataclass(frozen=True)
class Resource:
    label: str
    url: str


@dataclass(frozen=True)
class Effort:
    """Hours of study as a range, with where the figures come from.

    With a source, the basis says what the source says; without one the
    figures are our estimate and the basis gives our reasoning.
    """

    low: Decimal
    high: Decimal
    basis: str
    source: Resource | None = None

    @property
    def likely(self) -> Decimal:
        """The figure dates are planned with: the middle of the range."""
        return (self.low + self.high) / 2

    @property
    def estimate(self) -> bool:
        return self.source is None


@dataclass(frozen=True)
class KnowledgeArea:
    """Something a candidate must know, e.g. medical terminology, and how long studying it takes."""

    code: str
    name: str
    description: str = ""
    effort: Effort | None = None
    used_in: frozenset[str] = frozenset()  # work settings whose coding teaches it on the job


@dataclass(frozen=True)
class KnowledgeNeed:
    """An area a certification's body expects of candidates, in the body's words."""

    area: str
    words: str
    required: bool = False
    source: Resource | None = None


@dataclass(frozen=True)
class Requirement:
    kind: str
    text: str
    education_level: str = ""
    credentials: tuple[str, ...] = ()
    months: int = 0
    qualification: str = ""
    role: str = ""
    must_be_current: bool = False
    licences: tuple[str, ...] = ()
    role_label: str = ""
    proof: str = ""  # what the body wants as proof (apprentice removal)


@dataclass(frozen=True)
class Route:
    name: str
    requirements: tuple[Requirement, ...]

    @property
    def proof(self) -> tuple[str, ...]:
        """What the body wants as proof that this route is met (apprentice removal)."""
        return tuple(sorted({req.proof for req in self.requirements if req.proof}))


def route_named(routes: Sequence[Route], name: str) -> Route:
    return next(route for route in routes if route.name == name)


@dataclass(frozen=True)
class StepTemplate:
    phase: str
    order: int
    title: str
    description: str
    effort: Effort | None = None
    cost_from: str = COST_OWN
    cost: Decimal | None = None
    resources: tuple[Resource, ...] = ()


@dataclass(frozen=True)
class Body:
    code: str
    name: str
    membership_required_to_sit: bool | None = None
    membership_required_to_keep: bool | None = None
    membership_fee: Decimal | None = None
    recertification_fee: Decimal | None = None
    recertification_fee_member: Decimal | None = None
    cycle_months: int | None = None
    extra_credential_ceus: int | None = None
    max_ceus: int | None = None
    cycle_starts_on_exam_date: bool = True


@dataclass(frozen=True)
class Certification:
    code: str
    name: str
    body: str
    level: str = "core"
    settings: tuple[str, ...] = ()
    eligibility_known: bool = True
    eligibility: tuple[Route, ...] = ()
    recommended: tuple[Route, ...] = ()
    apprentice_designation: str = ""
    apprentice_removal: tuple[Route, ...] = ()
    steps: tuple[StepTemplate, ...] = ()
    exam_fee_member: Decimal | None = None
    exam_fee_non_member: Decimal | None = None
    ceus_per_cycle: int | None = None
    ceu_minimums: tuple[tuple[str, int], ...] = ()
    supersedes: str = ""
    knowledge: tuple[KnowledgeNeed, ...] = ()
    experience_expected: bool = False  # the body aims it at people with coding experience or training
    audience_note: str = ""


@dataclass(frozen=True)
class Program:
    slug: str
    name: str
    provider: str = ""
    qualifications: frozenset[str] = frozenset()
    awards_education: str = ""
    admission_education: str = ""
    contact_hours: int | None = None
    duration_months: int | None = None
    cost: Decimal | None = None
    prepares_for: tuple[str, ...] = ()
    url: str = ""
    description: str = ""
    covers: frozenset[str] = frozenset()  # knowledge areas a graduate has studied
    source: Resource | None = None


@dataclass(frozen=True)
class Catalogue:
    certifications: tuple[Certification, ...]
    bodies: tuple[Body, ...]
    programs: tuple[Program, ...]
    areas: tuple[KnowledgeArea, ...] = ()
    _certs: dict[str, Certification] = field(init=False, repr=False, compare=False)
    _bodies: dict[str, Body] = field(init=False, repr=False, compare=False)
    _areas: dict[str, KnowledgeArea] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_certs", {c.code: c for c in self.certifications})
        object.__setattr__(self, "_bodies", {b.code: b for b in self.bodies})
        object.__setattr__(self, "_areas", {a.code: a for a in self.areas})

    def area(self, code: str) -> KnowledgeArea | None:
        return self._areas.get(code)

    def certification(self, code: str) -> Certification:
        return self._certs[code]

    def has(self, code: str) -> bool:
        return code in self._certs

    def body(self, code: str) -> Body:
        return self._bodies[code]


@dataclass(frozen=True)
class HeldCredential:
    code: str
    earned_on: date | None = None


@dataclass(frozen=True)
class Profile:
    education: str = "high_school"
    qualifications: frozenset[str] = frozenset()
    training_contact_hours: int = 0
    coding_months: int = 0
    coding_setting: str = ""  # the work setting of that experience
    currently_coding: bool = False
    role: str = ""
    role_months: int = 0
    currently_in_role: bool = False
    licences: frozenset[str] = frozenset()
    credentials: tuple[HeldCredential, ...] = ()
    studied: frozenset[str] = frozenset()  # knowledge areas the person has studied or uses at work
    preferred_setting: str = ""
    hours_per_week: int = 10
    budget: Decimal | None = None
    start_date: date | None = None
    target_date: date | None = None
