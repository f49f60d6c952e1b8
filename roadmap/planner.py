"""The planner: a person's situation and the catalogue in, a dated, explained plan out.

Pure Python: no Django, no database, no clock. Today's date is an argument,
the catalogue is a frozen snapshot (see roadmap/snapshot.py for how one is
read from the database), and the same input always gives the same plan.

How a plan is made, top to bottom:

1. The person's eligibility for the chosen certification. Among its routes
   (alternative sets of requirements), the one that makes them eligible
   soonest is chosen. Each route is tried on a copy of the plan so far:
   requirements already met are recorded with the reason; unmet ones become
   steps (a program to complete, months of work, another credential to earn
   first, which is planned the same way, recursively and without cycles).
2. Recommended preparation (not required) when the person has none, e.g. an
   80-hour coding course before an exam with no formal prerequisite.
3. The exam phase, from the certification's step templates.
4. Maintenance: removing an apprentice designation by its fastest route,
   CEUs per cycle for every credential held after passing (the body's
   multi-credential rule), yearly membership, the body's other upkeep steps.

Dates: study steps share the person's weekly study hours, one after another;
work experience runs in calendar months, in parallel with study. A step
never starts before the steps it depends on have finished. A step whose
length nobody knows (a GED, a degree with no published duration) has no
finish date, and nor does anything after it: the plan says so rather than
guessing.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

# --------------------------------------------------------------- vocabulary
# Values of the Django choices in certifications/choices.py and models.py.
# The planner cannot import Django; tests/roadmap/test_planner_vocabulary.py
# checks that these stay equal.

EDUCATION_ORDER = ("none", "high_school", "associate", "bachelor", "master")
EDUCATION_LABELS = {
    "none": "no high-school diploma yet",
    "high_school": "a high-school diploma or equivalent",
    "associate": "an associate degree",
    "bachelor": "a bachelor's degree",
    "master": "a master's degree",
}
COURSE_80H = "coding_course_80h"
COURSE_80H_HOURS = 80

EDUCATION = "education"
CREDENTIAL = "credential"
CODING_EXPERIENCE = "coding_experience"
PROGRAM = "program"
ROLE_EXPERIENCE = "role_experience"
LICENCE = "licence"

PHASE_EDUCATION = "education"
PHASE_EXPERIENCE = "experience"
PHASE_EXAM = "exam"
PHASE_MAINTENANCE = "maintenance"
PHASES = (PHASE_EDUCATION, PHASE_EXPERIENCE, PHASE_EXAM, PHASE_MAINTENANCE)

COST_OWN = ""
COST_NONE = "none"
COST_EXAM_FEE = "exam_fee"
COST_MEMBERSHIP_FEE = "membership_fee"
COST_RECERTIFICATION_FEE = "recertification_fee"

# Scheduling tracks.
STUDY = "study"  # uses the person's weekly study hours, one step at a time
CALENDAR = "calendar"  # runs in calendar months, alongside study (work, CEU cycles)

# Levels that suit someone at the start of a career.
STARTING_LEVELS = ("entry", "core")
LEVEL_ORDER = ("entry", "core", "specialty", "advanced")
EXPERIENCED_MONTHS = 24


# ------------------------------------------------------------------- input


@dataclass(frozen=True)
class Resource:
    label: str
    url: str


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


@dataclass(frozen=True)
class Route:
    name: str
    requirements: tuple[Requirement, ...]


@dataclass(frozen=True)
class StepTemplate:
    phase: str
    order: int
    title: str
    description: str
    effort_hours: Decimal | None = None
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

    def total_ceus(self, single_requirements: Sequence[int]) -> int:
        """Highest single requirement + extra per further credential, capped (AAPC and AHIMA rules)."""
        if not single_requirements:
            return 0
        total = max(single_requirements) + (self.extra_credential_ceus or 0) * (len(single_requirements) - 1)
        return min(total, self.max_ceus) if self.max_ceus else total


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


@dataclass(frozen=True)
class Catalogue:
    certifications: tuple[Certification, ...]
    bodies: tuple[Body, ...]
    programs: tuple[Program, ...]
    _certs: dict[str, Certification] = field(init=False, repr=False, compare=False)
    _bodies: dict[str, Body] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_certs", {c.code: c for c in self.certifications})
        object.__setattr__(self, "_bodies", {b.code: b for b in self.bodies})

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
    currently_coding: bool = False
    role: str = ""
    role_months: int = 0
    currently_in_role: bool = False
    licences: frozenset[str] = frozenset()
    credentials: tuple[HeldCredential, ...] = ()
    preferred_setting: str = ""
    hours_per_week: int = 10
    budget: Decimal | None = None
    start_date: date | None = None
    target_date: date | None = None


# ------------------------------------------------------------------ output


@dataclass(frozen=True)
class Step:
    key: str
    phase: str
    title: str
    why: str
    track: str = STUDY
    effort_hours: Decimal | None = None
    months: int | None = None
    unknown_duration: bool = False
    cost: Decimal | None = Decimal(0)  # None: unknown; 0: costs nothing of its own
    required: bool = True
    depends_on: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    earns: str = ""  # credential code earned when this step is done (exam steps)
    start: date | None = None
    finish: date | None = None


@dataclass(frozen=True)
class RequirementStatus:
    text: str
    met: bool
    reason: str
    steps: tuple[str, ...] = ()  # titles of the steps that meet it


@dataclass(frozen=True)
class RouteOption:
    name: str
    ready: date | None
    feasible: bool
    note: str = ""


@dataclass(frozen=True)
class RouteChoice:
    certification: str
    purpose: str  # "eligibility", "recommended" or "apprentice_removal"
    name: str
    why: str
    requirements: tuple[RequirementStatus, ...]
    alternatives: tuple[RouteOption, ...] = ()


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

    def phase(self, name: str) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.phase == name)


# -------------------------------------------------------------- date maths


def add_months(day: date, months: int) -> date:
    """Same day of the month `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(earlier: date, later: date) -> int:
    """Whole months from earlier to later (0 if later is not after earlier)."""
    if later <= earlier:
        return 0
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months if add_months(earlier, months) <= later else months - 1


def study_days(effort_hours: Decimal, hours_per_week: int) -> int:
    return math.ceil(effort_hours * 7 / hours_per_week)


# --------------------------------------------------------------- scheduling


@dataclass(frozen=True)
class Timing:
    """What the scheduler needs to know about a step (a saved step keeps these)."""

    key: str
    track: str
    effort_hours: Decimal | None
    months: int | None
    unknown_duration: bool
    depends_on: tuple[str, ...]
    done_on: date | None = None
    skipped: bool = False


class _Scheduler:
    """Places steps one after another; shared by the planner and saved roadmaps."""

    def __init__(self, start: date, hours_per_week: int, today: date | None = None) -> None:
        self.start = start
        self.hours_per_week = hours_per_week
        self.today = today
        self.finish: dict[str, date | None] = {}
        self.study_free: date | None = start

    def copy(self) -> _Scheduler:
        other = _Scheduler(self.start, self.hours_per_week, self.today)
        other.finish = dict(self.finish)
        other.study_free = self.study_free
        return other

    def place(self, timing: Timing) -> tuple[date | None, date | None]:
        earliest: date | None = self.start
        for key in timing.depends_on:
            if key not in self.finish:
                continue
            dep = self.finish[key]
            earliest = None if dep is None or earliest is None else max(earliest, dep)
        if timing.done_on is not None:
            self.finish[timing.key] = timing.done_on
            begun = earliest if earliest is not None and earliest <= timing.done_on else timing.done_on
            return begun, timing.done_on
        if earliest is not None and self.today is not None:
            earliest = max(earliest, self.today)
        if timing.skipped:
            self.finish[timing.key] = earliest
            return earliest, earliest
        begin = earliest
        if timing.track == STUDY:
            begin = None if begin is None or self.study_free is None else max(begin, self.study_free)
        end: date | None
        if begin is None or timing.unknown_duration:
            end = None
        elif timing.months is not None:
            end = add_months(begin, timing.months)
        elif timing.effort_hours is not None:
            end = begin + timedelta(days=study_days(timing.effort_hours, self.hours_per_week))
        else:
            end = begin
        if timing.track == STUDY:
            self.study_free = end
        self.finish[timing.key] = end
        return begin, end


def schedule(
    timings: Sequence[Timing], *, start: date, hours_per_week: int, today: date | None = None
) -> dict[str, tuple[date | None, date | None]]:
    """Projected (start, finish) of each step, in the given order.

    Done steps keep their actual completion date; skipped steps take no time;
    with `today`, nothing still to do is projected to start in the past.
    """
    scheduler = _Scheduler(start, max(hours_per_week, 1), today)
    return {timing.key: scheduler.place(timing) for timing in timings}


def timing_of(step: Step) -> Timing:
    return Timing(step.key, step.track, step.effort_hours, step.months, step.unknown_duration, step.depends_on)


# ------------------------------------------------------------------ builder


class _Infeasible(Exception):
    """A requirement the planner cannot turn into steps (e.g. a nursing licence)."""


@dataclass
class _Result:
    """What meeting one requirement added to the plan."""

    keys: list[str]
    status: RequirementStatus


class _Builder:
    """A plan under construction. Route choices are tried on copies of it."""

    def __init__(self, profile: Profile, catalogue: Catalogue, start: date) -> None:
        self.profile = profile
        self.catalogue = catalogue
        self.scheduler = _Scheduler(start, max(profile.hours_per_week, 1))
        self.steps: list[Step] = []
        self.routes: list[RouteChoice] = []
        self.notes: list[str] = []
        self.education = profile.education
        self.qualifications = set(profile.qualifications)
        if profile.training_contact_hours >= COURSE_80H_HOURS:
            self.qualifications.add(COURSE_80H)
        # Credentials held or planned: code -> key of the step that earns it ("" if already held).
        self.credentials: dict[str, str] = {held.code: "" for held in profile.credentials}
        self.earned_on: dict[str, date | None] = {held.code: held.earned_on for held in profile.credentials}
        # Coding experience accrues from plan start for someone coding now; otherwise from
        # the first work step the plan adds. coding_key/coding_planned describe that chain of work.
        self.coding_start: date | None = start if profile.currently_coding else None
        self.coding_key = ""
        self.coding_planned = 0
        self.role_start: date | None = start if profile.currently_in_role else None

    def copy(self) -> _Builder:
        other = _Builder.__new__(_Builder)
        other.adopt(self)
        other.scheduler = self.scheduler.copy()
        other.steps = list(self.steps)
        other.routes = list(self.routes)
        other.notes = list(self.notes)
        other.qualifications = set(self.qualifications)
        other.credentials = dict(self.credentials)
        other.earned_on = dict(self.earned_on)
        return other

    def adopt(self, other: _Builder) -> None:
        """Take over the state of a trial copy (the route or program that was chosen)."""
        self.__dict__.update(other.__dict__)

    @property
    def start(self) -> date:
        return self.scheduler.start

    # -- steps

    def has_step(self, key: str) -> bool:
        return any(step.key == key for step in self.steps)

    def add(self, step: Step) -> Step:
        begin, end = self.scheduler.place(timing_of(step))
        placed = replace(step, start=begin, finish=end)
        self.steps.append(placed)
        return placed

    def finish_of(self, keys: Iterable[str]) -> date | None:
        latest = self.start
        for key in keys:
            end = self.scheduler.finish.get(key, self.start)
            if end is None:
                return None
            latest = max(latest, end)
        return latest

    # -- experience

    def coding_months_at(self, day: date | None) -> int:
        months = self.profile.coding_months
        if self.coding_start is not None and day is not None:
            months += months_between(self.coding_start, day)
        return months

    def role_months_at(self, day: date | None, role: str) -> int:
        if self.profile.role != role:
            return 0
        months = self.profile.role_months
        if self.role_start is not None and day is not None:
            months += months_between(self.role_start, day)
        return months

    # -- requirements

    def meet(self, req: Requirement, after: Sequence[str], visiting: frozenset[str], why: str) -> _Result:
        """Meet one requirement: note it as met, or add the steps that meet it."""
        if req.kind == EDUCATION:
            return self._meet_education(req, why)
        if req.kind == PROGRAM:
            return self._meet_program(req, why)
        if req.kind == CREDENTIAL:
            return self._meet_credential(req, visiting, why)
        if req.kind == CODING_EXPERIENCE:
            return self._meet_coding_experience(req, after, why)
        if req.kind == ROLE_EXPERIENCE:
            return self._meet_role_experience(req, after, why)
        if req.kind == LICENCE:
            held = sorted(set(req.licences) & self.profile.licences)
            if held:
                return _Result([], RequirementStatus(req.text, True, "You hold this licence."))
            raise _Infeasible(f"needs a licence we cannot plan for you: {req.text}")
        raise _Infeasible(f"unknown requirement kind {req.kind!r}")

    def _meet_education(self, req: Requirement, why: str) -> _Result:
        if _rank(self.education) >= _rank(req.education_level):
            reason = f"You have {EDUCATION_LABELS.get(self.education, self.education)}."
            return _Result([], RequirementStatus(req.text, True, reason))
        # Only programs one can enter without the level being sought (no GED-needs-a-GED loops).
        programs = [
            p
            for p in self.catalogue.programs
            if _rank(p.awards_education) >= _rank(req.education_level)
            and _rank(p.admission_education) < _rank(req.education_level)
        ]
        step = self._take_program(programs, req.text, why)
        return _Result([step.key], RequirementStatus(req.text, False, "Not yet.", (step.title,)))

    def _meet_program(self, req: Requirement, why: str) -> _Result:
        if req.qualification in self.qualifications:
            return _Result([], RequirementStatus(req.text, True, "You have completed this."))
        programs = [p for p in self.catalogue.programs if req.qualification in p.qualifications]
        step = self._take_program(programs, req.text, why)
        return _Result([step.key], RequirementStatus(req.text, False, "Not yet.", (step.title,)))

    def _take_program(self, candidates: Sequence[Program], need: str, why: str) -> Step:
        """Add the best program for a need, after what its admission requires."""
        if not candidates:
            raise _Infeasible(f"no program in the catalogue meets: {need}")
        best: tuple[tuple[object, ...], _Builder, Step] | None = None
        for program in sorted(candidates, key=lambda p: p.slug):
            trial = self.copy()
            try:
                step = trial._enrol(program, why)
            except _Infeasible:
                continue
            rank = (
                not trial._within_budget(program.cost),
                step.finish is None,
                step.finish or date.max,
                program.cost is None,
                program.cost or Decimal(0),
                program.slug,
            )
            if best is None or rank < best[0]:
                best = (rank, trial, step)
        if best is None:
            raise _Infeasible(f"no program you can enter meets: {need}")
        self.adopt(best[1])
        return best[2]

    def _enrol(self, program: Program, why: str) -> Step:
        key = f"program:{program.slug}"
        existing = next((s for s in self.steps if s.key == key), None)
        if existing is not None:
            return existing
        after: list[str] = []
        if program.admission_education and _rank(self.education) < _rank(program.admission_education):
            need = Requirement(
                EDUCATION,
                f"Admission: {EDUCATION_LABELS[program.admission_education]}",
                education_level=program.admission_education,
            )
            result = self._meet_education(need, f"{program.name} requires it for admission.")
            after += result.keys
        duration_known = program.contact_hours is not None or program.duration_months is not None
        step = self.add(
            Step(
                key=key,
                phase=PHASE_EDUCATION,
                title=f"Complete: {program.name}",
                why=why,
                track=STUDY,
                effort_hours=None if program.duration_months else _decimal(program.contact_hours),
                months=program.duration_months,
                unknown_duration=not duration_known,
                cost=program.cost,
                depends_on=tuple(after),
                resources=(Resource(program.provider or program.name, program.url),) if program.url else (),
            )
        )
        self.qualifications |= program.qualifications
        if program.awards_education and _rank(program.awards_education) > _rank(self.education):
            self.education = program.awards_education
        return step

    def _within_budget(self, cost: Decimal | None) -> bool:
        if self.profile.budget is None or cost is None:
            return True
        spent = sum((s.cost for s in self.steps if s.cost is not None), Decimal(0))
        return spent <= self.profile.budget

    def _meet_credential(self, req: Requirement, visiting: frozenset[str], why: str) -> _Result:
        for code in req.credentials:
            if code in self.credentials and not self.credentials[code]:
                earned = self.earned_on.get(code)
                reason = f"You hold {code}" + (f" (earned {earned:%d %b %Y})." if earned else ".")
                return _Result([], RequirementStatus(req.text, True, reason))
        for code in req.credentials:
            if self.credentials.get(code):
                key = self.credentials[code]
                title = next(step.title for step in self.steps if step.key == key)
                return _Result([key], RequirementStatus(req.text, False, "Earned earlier in this plan.", (title,)))
        best: tuple[tuple[object, ...], _Builder, str] | None = None
        for code in req.credentials:
            if code in visiting or not self.catalogue.has(code):
                continue
            trial = self.copy()
            try:
                key = trial.earn(code, visiting, why, as_prerequisite=True)
            except _Infeasible:
                continue
            end = trial.scheduler.finish.get(key)
            rank = (end is None, end or date.max, len(trial.steps), code)
            if best is None or rank < best[0]:
                best = (rank, trial, key)
        if best is None:
            raise _Infeasible(f"cannot plan any of {', '.join(req.credentials)}")
        self.adopt(best[1])
        title = next(step.title for step in self.steps if step.key == best[2])
        return _Result([best[2]], RequirementStatus(req.text, False, "Not yet.", (title,)))

    def _meet_coding_experience(self, req: Requirement, after: Sequence[str], why: str) -> _Result:
        have = self.profile.coding_months
        if have >= req.months:
            return _Result([], RequirementStatus(req.text, True, f"You have {have} months of coding experience."))
        needed = req.months - have  # months of work counted from when coding (re)starts
        key = f"work:coding:{req.months}"
        status = f"You have {have} months."
        if self.profile.currently_coding:
            if not self.has_step(key):
                self.add(
                    Step(
                        key=key,
                        phase=PHASE_EXPERIENCE,
                        title=f"Keep working as a coder: {_plural(needed, 'more month')}",
                        why=why,
                        track=CALENDAR,
                        months=needed,
                    )
                )
        elif self.coding_key and self.coding_planned >= needed:
            return _Result(
                [self.coding_key], RequirementStatus(req.text, False, status, (self._title(self.coding_key),))
            )
        elif self.coding_key:
            more = needed - self.coding_planned
            self.add(
                Step(
                    key=key,
                    phase=PHASE_EXPERIENCE,
                    title=f"Keep working as a coder: {_plural(more, 'more month')}",
                    why=why,
                    track=CALENDAR,
                    months=more,
                    depends_on=(self.coding_key,),
                )
            )
            self.coding_key, self.coding_planned = key, needed
        else:
            step = self.add(
                Step(
                    key=key,
                    phase=PHASE_EXPERIENCE,
                    title=f"Work as a coder for {_plural(needed, 'month')}",
                    why=why,
                    track=CALENDAR,
                    months=needed,
                    depends_on=tuple(after),
                )
            )
            self.coding_start, self.coding_key, self.coding_planned = step.start, key, needed
        return _Result([key], RequirementStatus(req.text, False, status, (self._title(key),)))

    def _meet_role_experience(self, req: Requirement, after: Sequence[str], why: str) -> _Result:
        in_role = self.profile.role == req.role
        have = self.profile.role_months if in_role else 0
        current = in_role and self.profile.currently_in_role
        label = req.role_label or req.role
        if have >= req.months and (current or not req.must_be_current):
            return _Result([], RequirementStatus(req.text, True, f"You have {have} months as a {label}."))
        key = f"work:role:{req.role}:{req.months}"
        needed = req.months - have
        if needed <= 0:
            title = f"Return to work as a {label}"
            step = Step(
                key=key,
                phase=PHASE_EXPERIENCE,
                title=title,
                why=why + " You must currently work in the role.",
                track=CALENDAR,
                depends_on=tuple(after),
            )
        elif current:
            title = f"Keep working as a {label}: {_plural(needed, 'more month')}"
            step = Step(key=key, phase=PHASE_EXPERIENCE, title=title, why=why, track=CALENDAR, months=needed)
        else:
            title = f"Work as a {label} for {_plural(needed, 'month')}"
            step = Step(
                key=key,
                phase=PHASE_EXPERIENCE,
                title=title,
                why=why,
                track=CALENDAR,
                months=needed,
                depends_on=tuple(after),
            )
        if not self.has_step(key):
            self.add(step)
        return _Result([key], RequirementStatus(req.text, False, f"You have {have} months.", (title,)))

    def _title(self, key: str) -> str:
        return next(step.title for step in self.steps if step.key == key)

    # -- routes

    def choose_route(
        self,
        cert: Certification,
        routes: Sequence[Route],
        purpose: str,
        visiting: frozenset[str],
        after: Sequence[str] = (),
        plan_experience: bool = True,
    ) -> tuple[_Builder, RouteChoice, list[str]] | None:
        """Try every route on a copy of the plan; keep the one that is ready soonest.

        Ties go to fewer steps of unknown length, then fewer new steps, then lower
        known cost, then catalogue order. With plan_experience false (recommended
        preparation), experience can only already be met: we never tell someone to
        find a job for a step that is not required.
        """
        best: tuple[tuple[object, ...], _Builder, Route, list[RequirementStatus], list[str], date | None] | None = None
        tried: list[RouteOption] = []
        for index, route in enumerate(routes):
            trial = self.copy()
            statuses: list[RequirementStatus] = []
            keys: list[str] = list(after)
            try:
                for req in sorted(route.requirements, key=_requirement_order):
                    if req.kind in (CODING_EXPERIENCE, ROLE_EXPERIENCE) and not plan_experience:
                        if not trial._met_at(req, trial.finish_of(keys)):
                            raise _Infeasible("only worth it if you already have the experience")
                        statuses.append(RequirementStatus(req.text, True, "You have this experience."))
                        continue
                    result = trial.meet(req, keys, visiting | {cert.code}, f"{cert.code} — {route.name}: {req.text}.")
                    statuses.append(result.status)
                    keys += result.keys
            except _Infeasible as problem:
                tried.append(RouteOption(route.name, None, False, str(problem)))
                continue
            ready = trial.finish_of(keys)
            new_steps = trial.steps[len(self.steps) :]
            unknown = sum(1 for step in new_steps if step.unknown_duration)
            cost = sum((step.cost or Decimal(0) for step in new_steps), Decimal(0))
            tried.append(RouteOption(route.name, ready, True))
            rank = (ready is None, ready or date.max, unknown, len(new_steps), cost, index)
            if best is None or rank < best[0]:
                best = (rank, trial, route, statuses, [k for k in keys if k not in after], ready)
        if best is None:
            return None
        _rank_key, trial, route, statuses, keys, ready = best
        if all(status.met for status in statuses):
            why = "You meet it now."
        elif ready is None:
            why = "It needs the fewest steps whose length is unknown."
        else:
            why = f"It gets you there soonest, by {ready:%d %b %Y}."
        if len(routes) > 1:
            why += f" Chosen from {len(routes)} routes."
        alternatives = tuple(option for option in tried if option.name != route.name)
        return trial, RouteChoice(cert.code, purpose, route.name, why, tuple(statuses), alternatives), keys

    # -- credentials

    def earn(self, code: str, visiting: frozenset[str], why: str, *, as_prerequisite: bool) -> str:
        """Add the steps to earn a credential; return the key of the step that earns it."""
        cert = self.catalogue.certification(code)
        after: list[str] = []
        if not cert.eligibility_known:
            if as_prerequisite:
                raise _Infeasible(f"{code}'s eligibility rules are not verified")
            self.notes.append(
                f"{code}'s eligibility rules are not verified in our sources: check with {cert.body} before you apply."
            )
        elif cert.eligibility:
            chosen = self.choose_route(cert, cert.eligibility, "eligibility", visiting)
            if chosen is None:
                raise _Infeasible(f"no route to {code} can be planned")
            trial, choice, keys = chosen
            self.adopt(trial)
            self.routes.append(choice)
            after += keys
        if not as_prerequisite and cert.recommended:
            chosen = self.choose_route(cert, cert.recommended, "recommended", visiting, after, plan_experience=False)
            if chosen is not None:
                trial, choice, keys = chosen
                self.adopt(trial)
                self.routes.append(choice)
                self._mark_recommended(keys, cert)
                after += keys
        return self._exam_steps(cert, after, why, as_prerequisite)

    def _mark_recommended(self, keys: Sequence[str], cert: Certification) -> None:
        note = f"Recommended, not required: {cert.code} has no formal prerequisite for this."
        for index, step in enumerate(self.steps):
            if step.key in keys:
                self.steps[index] = replace(step, required=False, why=f"{note} {step.why}")

    def _exam_steps(self, cert: Certification, after: Sequence[str], why: str, as_prerequisite: bool) -> str:
        body = self.catalogue.body(cert.body)
        member = _is_member(body)
        phase = PHASE_EDUCATION if as_prerequisite else PHASE_EXAM
        prefix = f"{cert.code}: " if as_prerequisite else ""
        previous = tuple(after)
        last = ""
        templates = [t for t in sorted(cert.steps, key=lambda t: t.order) if t.phase == PHASE_EXAM]
        if not templates:
            templates = [StepTemplate(PHASE_EXAM, 1, f"Sit the {cert.code} exam", f"The {cert.name} exam.")]
        for template in templates:
            key = f"exam:{cert.code}:{template.order}"
            step = self.add(
                Step(
                    key=key,
                    phase=phase,
                    title=prefix + template.title,
                    why=template.description
                    + _member_hint(template, cert, body, member)
                    + (f" ({why})" if as_prerequisite else ""),
                    track=STUDY,
                    effort_hours=template.effort_hours,
                    cost=_template_cost(template, cert, body, member),
                    depends_on=previous,
                    resources=template.resources,
                )
            )
            previous, last = (step.key,), step.key
        self.steps[-1] = replace(self.steps[-1], earns=cert.code)
        self.credentials[cert.code] = last
        return last

    # -- maintenance

    def apprentice(self, cert: Certification, exam_key: str) -> tuple[str, date | None]:
        """Plan removing the apprentice designation, if passing would give one."""
        if not cert.apprentice_designation or not cert.apprentice_removal:
            return "", None
        passed = self.scheduler.finish.get(exam_key)
        for route in cert.apprentice_removal:
            if all(self._met_at(req, passed) for req in route.requirements):
                self.notes.append(
                    f"You pass as a full {cert.code}, not {cert.apprentice_designation}: you meet "
                    f"“{route.name}” by the exam."
                )
                return "", None
        chosen = self.choose_route(cert, cert.apprentice_removal, "apprentice_removal", frozenset(), [exam_key])
        if chosen is None:
            return cert.apprentice_designation, None
        trial, choice, keys = chosen
        self.adopt(trial)
        self.routes.append(replace(choice, why=f"Fastest way to remove {cert.apprentice_designation}. {choice.why}"))
        for index, step in enumerate(self.steps):
            if step.key in keys:
                self.steps[index] = replace(step, phase=PHASE_MAINTENANCE)
        notes = sorted({req.text for req in _chosen_route(cert.apprentice_removal, choice.name).requirements})
        apply = self.add(
            Step(
                key=f"apprentice:{cert.code}",
                phase=PHASE_MAINTENANCE,
                title=f"Apply to {cert.body} to remove the {cert.apprentice_designation} designation",
                why=f"Passing {cert.code} without the experience of a removal route gives "
                f"{cert.apprentice_designation}. Route: {choice.name} ({'; '.join(notes)}).",
                track=STUDY,
                effort_hours=Decimal(1),
                depends_on=tuple(keys) or (exam_key,),
            )
        )
        return cert.apprentice_designation, apply.finish

    def _met_at(self, req: Requirement, day: date | None) -> bool:
        if req.kind == CODING_EXPERIENCE:
            return self.coding_months_at(day) >= req.months
        if req.kind == PROGRAM:
            return req.qualification in self.qualifications
        if req.kind == CREDENTIAL:
            return any(code in self.credentials for code in req.credentials)
        if req.kind == EDUCATION:
            return _rank(self.education) >= _rank(req.education_level)
        if req.kind == ROLE_EXPERIENCE:
            return self.role_months_at(day, req.role) >= req.months
        return bool(set(req.licences) & self.profile.licences)

    def maintenance(self, cert: Certification, exam_key: str) -> list[CeuSummary]:
        """CEU cycles and membership for every body whose credentials this plan adds."""
        summaries = []
        planned_bodies = []
        for step in self.steps:
            if step.earns and self.catalogue.certification(step.earns).body not in planned_bodies:
                planned_bodies.append(self.catalogue.certification(step.earns).body)
        for body_code in planned_bodies:
            body = self.catalogue.body(body_code)
            summary = self._ceu_summary(body)
            passed_key = next(
                s.key
                for s in reversed(self.steps)
                if s.earns and self.catalogue.certification(s.earns).body == body_code
            )
            if summary is not None:
                summaries.append(summary)
                self.add(
                    Step(
                        key=f"ceu:{body.code}",
                        phase=PHASE_MAINTENANCE,
                        title=f"Earn {summary.ceus} CEUs every {_cycle(summary.cycle_months)} ({body.code})",
                        why=summary.explanation,
                        track=CALENDAR,
                        months=summary.cycle_months,
                        depends_on=(passed_key,),
                    )
                )
            if body.membership_required_to_keep:
                self.add(
                    Step(
                        key=f"membership:{body.code}",
                        phase=PHASE_MAINTENANCE,
                        title=f"Renew your {body.code} membership every year",
                        why=f"{body.name} requires an active membership to keep its credentials.",
                        track=CALENDAR,
                        months=12,
                        cost=body.membership_fee,
                        depends_on=(passed_key,),
                    )
                )
        body = self.catalogue.body(cert.body)
        for template in sorted(cert.steps, key=lambda t: t.order):
            if template.phase != PHASE_MAINTENANCE:
                continue
            self.add(
                Step(
                    key=f"maintenance:{cert.code}:{template.order}",
                    phase=PHASE_MAINTENANCE,
                    title=template.title,
                    why=template.description,
                    track=CALENDAR,
                    effort_hours=template.effort_hours,
                    cost=_template_cost(template, cert, body, _is_member(body)),
                    depends_on=(exam_key,),
                    resources=template.resources,
                )
            )
        return summaries

    def _ceu_summary(self, body: Body) -> CeuSummary | None:
        held = [
            code
            for code in self.credentials
            if self.catalogue.has(code) and self.catalogue.certification(code).body == body.code
        ]
        superseded = {self.catalogue.certification(code).supersedes for code in held}
        counted = sorted(code for code in held if code not in superseded)
        singles = [self.catalogue.certification(code).ceus_per_cycle for code in counted]
        if body.cycle_months is None or not counted or any(value is None for value in singles):
            return None
        requirements = [value for value in singles if value is not None]
        total = body.total_ceus(requirements)
        minimums = tuple(
            (category, ceus, code)
            for code in counted
            for category, ceus in self.catalogue.certification(code).ceu_minimums
        )
        parts = [f"{code} {self.catalogue.certification(code).ceus_per_cycle}" for code in counted]
        explanation = f"{body.code} requires {total} CEUs per {_cycle(body.cycle_months)} for "
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


def _chosen_route(routes: Sequence[Route], name: str) -> Route:
    return next(route for route in routes if route.name == name)


def _template_cost(template: StepTemplate, cert: Certification, body: Body, member: bool) -> Decimal | None:
    if template.cost_from == COST_NONE:
        return Decimal(0)
    if template.cost_from == COST_EXAM_FEE:
        return cert.exam_fee_member if member else cert.exam_fee_non_member
    if template.cost_from == COST_MEMBERSHIP_FEE:
        return body.membership_fee
    if template.cost_from == COST_RECERTIFICATION_FEE:
        return body.recertification_fee_member if member else body.recertification_fee
    return template.cost


def _is_member(body: Body) -> bool:
    """We plan membership only where the body requires it; otherwise non-member prices apply."""
    return bool(body.membership_required_to_sit or body.membership_required_to_keep)


def _member_hint(template: StepTemplate, cert: Certification, body: Body, member: bool) -> str:
    if template.cost_from != COST_EXAM_FEE or member or cert.exam_fee_member is None:
        return ""
    if cert.exam_fee_member == cert.exam_fee_non_member:
        return ""
    return f" The fee shown is the non-member price; {body.code} members pay ${cert.exam_fee_member:,.0f}."


def _rank(level: str) -> int:
    return EDUCATION_ORDER.index(level) if level in EDUCATION_ORDER else 0


def _requirement_order(req: Requirement) -> int:
    """Meet what others wait on first: schooling, then credentials, then the work that follows them."""
    order = (EDUCATION, PROGRAM, LICENCE, CREDENTIAL, CODING_EXPERIENCE, ROLE_EXPERIENCE)
    return order.index(req.kind) if req.kind in order else len(order)


def _decimal(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _duration(start: date, end: date | None) -> str:
    if end is None:
        return "a time we cannot estimate yet (a step has no known length)"
    months = months_between(start, end)
    if months >= 1:
        return f"about {_plural(months, 'month')}"
    weeks = max(1, round((end - start).days / 7))
    return f"about {_plural(weeks, 'week')}"


def _cycle(months: int) -> str:
    if months == 12:
        return "year"
    if months % 12 == 0:
        return f"{months // 12} years"
    return f"{months} months"


# -------------------------------------------------------------------- plan


def plan(profile: Profile, catalogue: Catalogue, code: str, today: date) -> Plan:
    """The dated plan for one certification. Same input, same plan."""
    start = max(profile.start_date or today, today)
    builder = _Builder(profile, catalogue, start)
    cert = catalogue.certification(code)
    feasible = True
    apprentice, removed_on = "", None
    summaries: list[CeuSummary] = []
    credential_on: date | None = None
    if code in builder.credentials:
        builder.notes.append(f"You already hold {code}.")
    else:
        try:
            exam_key = builder.earn(code, frozenset(), f"{code} requires it.", as_prerequisite=False)
        except _Infeasible as problem:
            feasible = False
            builder.notes.append(f"We cannot plan {code} for you: {problem}.")
        else:
            credential_on = builder.scheduler.finish.get(exam_key)
            apprentice, removed_on = builder.apprentice(cert, exam_key)
            summaries = builder.maintenance(cert, exam_key)
    steps = _ordered(builder.steps)
    timed = [s for s in steps if s.phase != PHASE_MAINTENANCE]
    total_hours = sum((s.effort_hours for s in timed if s.effort_hours is not None), Decimal(0))
    unknown_hours = tuple(s.title for s in timed if s.effort_hours is None and s.track == STUDY and s.months is None)
    # Totals are "to get there": hours and costs up to the credential; upkeep is shown per step.
    known_cost = sum((s.cost for s in timed if s.cost is not None), Decimal(0))
    unknown_costs = tuple(s.title for s in timed if s.cost is None)
    notes = list(builder.notes)
    if profile.budget is not None and known_cost > profile.budget:
        notes.append(f"The known costs (${known_cost:,.0f}) are over your budget of ${profile.budget:,.0f}.")
    result = Plan(
        certification=code,
        feasible=feasible,
        start=start,
        steps=steps,
        routes=tuple(builder.routes),
        credential_on=credential_on,
        apprentice=apprentice,
        apprentice_removed_on=removed_on,
        ceus=tuple(summaries),
        total_hours=total_hours,
        unknown_hours=unknown_hours,
        known_cost=known_cost,
        unknown_costs=unknown_costs,
        target=None,
        notes=tuple(notes),
    )
    if profile.target_date is not None and feasible:
        result = replace(result, target=_check_target(profile, catalogue, code, today, credential_on))
    return result


def _ordered(steps: Sequence[Step]) -> tuple[Step, ...]:
    """By phase, then by projected start (unknown last), keeping plan order for ties."""
    indexed = list(enumerate(steps))
    indexed.sort(
        key=lambda pair: (PHASES.index(pair[1].phase), pair[1].start is None, pair[1].start or date.max, pair[0])
    )
    return tuple(step for _index, step in indexed)


def _check_target(profile: Profile, catalogue: Catalogue, code: str, today: date, done: date | None) -> TargetCheck:
    target = profile.target_date
    assert target is not None
    if done is None:
        message = (
            f"We cannot tell whether {target:%d %b %Y} can be met: some steps have no known length. "
            "Mark them done when you finish them and the dates will follow."
        )
        return TargetCheck(target, None, None, None, message)
    if done <= target:
        return TargetCheck(target, True, done, None, f"On track for your target date of {target:%d %b %Y}.")
    needed = None
    for hours in range(profile.hours_per_week + 1, 61):
        faster = plan(replace(profile, hours_per_week=hours, target_date=None), catalogue, code, today)
        if faster.credential_on is not None and faster.credential_on <= target:
            needed = hours
            break
    message = f"Your target date of {target:%d %b %Y} cannot be met: the earliest feasible date is {done:%d %b %Y}."
    if needed is not None:
        message += f" Studying {needed} hours a week instead of {profile.hours_per_week} would meet it."
    return TargetCheck(target, False, done, needed, message)


# --------------------------------------------------------- recommendations


@dataclass(frozen=True)
class Recommendation:
    code: str
    name: str
    rank: int
    setting_match: bool
    eligible_now: bool
    eligibility_known: bool
    reasons: tuple[str, ...]
    missing: tuple[RequirementStatus, ...]
    credential_on: date | None
    months: int | None
    known_cost: Decimal
    unknown_costs: int
    feasible: bool


def recommend(profile: Profile, catalogue: Catalogue, today: date) -> tuple[Recommendation, ...]:
    """Every certification the person does not hold yet, best fit first, with its reasons."""
    held = {c.code for c in profile.credentials}
    held_bodies = {catalogue.certification(code).body for code in held if catalogue.has(code)}
    experienced = profile.coding_months >= EXPERIENCED_MONTHS or bool(held)
    scored = []
    for cert in catalogue.certifications:
        if cert.code in held:
            continue
        result = plan(replace(profile, target_date=None), catalogue, cert.code, today)
        match = not profile.preferred_setting or profile.preferred_setting in cert.settings
        suits_stage = experienced or cert.level in STARTING_LEVELS
        own = next((r for r in result.routes if r.certification == cert.code and r.purpose == "eligibility"), None)
        missing = tuple(r for r in own.requirements if not r.met) if own else ()
        eligible_now = result.feasible and cert.eligibility_known and not missing
        months = months_between(result.start, result.credential_on) if result.credential_on else None
        reasons = _reasons(cert, profile, result, match, suits_stage, eligible_now, missing, months, held_bodies)
        key = (
            not result.feasible,
            not match,
            not suits_stage,
            not cert.eligibility_known,
            not eligible_now,
            cert.body not in held_bodies,
            len(cert.settings) or 99,
            LEVEL_ORDER.index(cert.level) if cert.level in LEVEL_ORDER else len(LEVEL_ORDER),
            result.credential_on is None,
            result.credential_on or date.max,
            result.known_cost,
            cert.code,
        )
        scored.append((key, cert, result, match, eligible_now, missing, months, reasons))
    scored.sort(key=lambda item: item[0])
    return tuple(
        Recommendation(
            code=cert.code,
            name=cert.name,
            rank=rank,
            setting_match=match,
            eligible_now=eligible_now,
            eligibility_known=cert.eligibility_known,
            reasons=reasons,
            missing=missing,
            credential_on=result.credential_on,
            months=months,
            known_cost=result.known_cost,
            unknown_costs=len(result.unknown_costs),
            feasible=result.feasible,
        )
        for rank, (_key, cert, result, match, eligible_now, missing, months, reasons) in enumerate(scored, start=1)
    )


def _reasons(
    cert: Certification,
    profile: Profile,
    result: Plan,
    match: bool,
    suits_stage: bool,
    eligible_now: bool,
    missing: Sequence[RequirementStatus],
    months: int | None,
    held_bodies: set[str],
) -> tuple[str, ...]:
    reasons = []
    if profile.preferred_setting:
        reasons.append("Fits your preferred work setting." if match else "Not aimed at your preferred work setting.")
    if not suits_stage:
        reasons.append(f"A {cert.level} credential, usually taken with some experience.")
    if not result.feasible:
        reasons.append(result.notes[-1] if result.notes else "We cannot plan it for you.")
    elif not cert.eligibility_known:
        reasons.append(f"Eligibility not verified: check with {cert.body}.")
    elif eligible_now:
        own = next((r for r in result.routes if r.certification == cert.code and r.purpose == "eligibility"), None)
        reasons.append(f"Eligible now ({own.name})." if own else "Eligible now: no prerequisite to sit the exam.")
    else:
        reasons.append(
            "Eligible after: " + "; ".join(f"{m.text} — {', '.join(m.steps) or 'time'}" for m in missing) + "."
        )
    if cert.body in held_bodies:
        reasons.append(f"Builds on the {cert.body} credential you hold.")
    if result.feasible:
        when = _duration(result.start, result.credential_on)
        cost = f"${result.known_cost:,.0f} in known costs"
        if result.unknown_costs:
            cost += f" plus {_plural(len(result.unknown_costs), 'cost')} to check with the provider"
        reasons.append(f"To the credential: {when}; {cost}.")
    return tuple(reasons)


# ---------------------------------------------------- apprentice designation


@dataclass(frozen=True)
class ApprenticeProgress:
    certification: str
    designation: str
    route: RouteChoice
    removable_on: date | None  # when the fastest route is met; today if it already is
    steps: tuple[Step, ...]  # what remains to do, dated


def apprentice_progress(profile: Profile, catalogue: Catalogue, code: str, today: date) -> ApprenticeProgress | None:
    """How someone holding an apprentice designation gets it removed: what is met, what remains, and when."""
    cert = catalogue.certification(code)
    if not cert.apprentice_designation or not cert.apprentice_removal:
        return None
    builder = _Builder(profile, catalogue, today)
    chosen = builder.choose_route(cert, cert.apprentice_removal, "apprentice_removal", frozenset())
    if chosen is None:
        return None
    trial, choice, keys = chosen
    return ApprenticeProgress(
        certification=code,
        designation=cert.apprentice_designation,
        route=choice,
        removable_on=trial.finish_of(keys),
        steps=tuple(trial.steps),
    )
