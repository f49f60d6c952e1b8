"""What the planner gives back: a plan of dated steps, and why each route was chosen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .inputs import Effort, Resource
from .vocabulary import STUDY


@dataclass(frozen=True)
class Step:
    key: str
    phase: str
    title: str
    why: str
    track: str = STUDY
    effort_hours: Decimal | None = None  # the likely hours, which dates are planned with
    effort: Effort | None = None  # the range, and its source or our reasoning
    months: int | None = None
    unknown_duration: bool = False
    cost: Decimal | None = Decimal(0)  # None: unknown; 0: costs nothing of its own
    required: bool = True
    depends_on: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    earns: str = ""  # credential code earned when this step is done (exam steps)
    removes_apprentice: str = ""  # credential whose apprentice designation this step removes
    start: date | None = None
    finish: date | None = None  # likely
    earliest_finish: date | None = None  # when every study step takes its fewest hours
    latest_finish: date | None = None  # when every study step takes its most hours


@dataclass(frozen=True)
class RequirementStatus:
    text: str
    met: bool
    reason: str
    steps: tuple[str, ...] = ()  # titles of the steps that meet it


@dataclass(frozen=True)
class KnowledgeStatus:
    """An area the body expects of candidates: already known (and why), or the step that studies it."""

    area: str
    name: str
    words: str
    required: bool
    met: bool
    reason: str
    source: Resource | None = None
    step: str = ""  # title of the study step, when not met


@dataclass(frozen=True)
class RouteOption:
    name: str
    ready: date | None
    feasible: bool
    note: str = ""


@dataclass(frozen=True)
class RouteChoice:
    certification: str
    purpose: str  # PURPOSE_ELIGIBILITY, PURPOSE_RECOMMENDED or PURPOSE_APPRENTICE_REMOVAL
    name: str
    why: str
    requirements: tuple[RequirementStatus, ...]
    alternatives: tuple[RouteOption, ...] = ()
    decided_by: str = ""  # the rule that chose it over the runner-up, when routes finish together


@dataclass(frozen=True)
class CeuSummary:
    body: str
    ceus: int
    cycle_months: int
    credentials: tuple[str, ...]
    minimums: tuple[tuple[str, int, str], ...]  # (category, ceus, credential)
    explanation: str


@dataclass(frozen=True)
class TargetCheck:
    target: date
    feasible: bool | None  # None: cannot tell, some step has no known length
    earliest: date | None
    hours_per_week_needed: int | None
    message: str


@dataclass(frozen=True)
class Plan:
    certification: str
    feasible: bool
    start: date
    steps: tuple[Step, ...]
    routes: tuple[RouteChoice, ...]
    credential_on: date | None
    apprentice: str  # the designation given on passing, or ""
    apprentice_removed_on: date | None
    ceus: tuple[CeuSummary, ...]
    total_hours: Decimal
    unknown_hours: tuple[str, ...]
    known_cost: Decimal
    unknown_costs: tuple[str, ...]
    target: TargetCheck | None
    notes: tuple[str, ...]
    knowledge: tuple[KnowledgeStatus, ...] = ()
    credential_earliest: date | None = None
    credential_latest: date | None = None
    total_hours_low: Decimal = Decimal(0)
    total_hours_high: Decimal = Decimal(0)

    def phase(self, name: str) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.phase == name)
