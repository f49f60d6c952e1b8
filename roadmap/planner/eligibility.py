"""Eligibility: the steps that make a person eligible for a certification, and its exam.

Among a certification's routes (alternative sets of requirements), the one
that makes the person eligible soonest is chosen. Each route is tried on a
copy of the plan so far (a Builder): requirements already met are recorded
with the reason; unmet ones become steps (a program to complete, months of
work, another credential to earn first, which is planned the same way,
recursively and without cycles).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from .costs import is_member, member_hint, template_cost
from .dates import months_between
from .inputs import Catalogue, Certification, Profile, Program, Requirement, Resource, Route, StepTemplate
from .outputs import RequirementStatus, RouteChoice, RouteOption, Step
from .scheduling import Scheduler, timing_of
from .vocabulary import (
    CALENDAR,
    CODING_EXPERIENCE,
    COURSE_80H,
    COURSE_80H_HOURS,
    CREDENTIAL,
    EDUCATION,
    EDUCATION_LABELS,
    LICENCE,
    PHASE_EDUCATION,
    PHASE_EXAM,
    PHASE_EXPERIENCE,
    PROGRAM,
    PURPOSE_ELIGIBILITY,
    PURPOSE_RECOMMENDED,
    ROLE_EXPERIENCE,
    STUDY,
    education_rank,
)
from .wording import plural


class Infeasible(Exception):
    """A requirement the planner cannot turn into steps (e.g. a nursing licence)."""


@dataclass
class _Result:
    """What meeting one requirement added to the plan."""

    keys: list[str]
    status: RequirementStatus


class Builder:
    """A plan under construction. Route choices are tried on copies of it.

    maintenance.py adds the steps that follow the credential to the same builder.
    """

    def __init__(self, profile: Profile, catalogue: Catalogue, start: date) -> None:
        self.profile = profile
        self.catalogue = catalogue
        self.scheduler = Scheduler(start, max(profile.hours_per_week, 1))
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

    def copy(self) -> Builder:
        other = Builder.__new__(Builder)
        other.adopt(self)
        other.scheduler = self.scheduler.copy()
        other.steps = list(self.steps)
        other.routes = list(self.routes)
        other.notes = list(self.notes)
        other.qualifications = set(self.qualifications)
        other.credentials = dict(self.credentials)
        other.earned_on = dict(self.earned_on)
        return other

    def adopt(self, other: Builder) -> None:
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

    def met_at(self, req: Requirement, day: date | None) -> bool:
        """Whether the requirement is met on `day` as the plan stands, without adding a step."""
        if req.kind == CODING_EXPERIENCE:
            return self.coding_months_at(day) >= req.months
        if req.kind == PROGRAM:
            return req.qualification in self.qualifications
        if req.kind == CREDENTIAL:
            return any(code in self.credentials for code in req.credentials)
        if req.kind == EDUCATION:
            return education_rank(self.education) >= education_rank(req.education_level)
        if req.kind == ROLE_EXPERIENCE:
            return self.role_months_at(day, req.role) >= req.months
        return bool(set(req.licences) & self.profile.licences)

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
            raise Infeasible(f"needs a licence we cannot plan for you: {req.text}")
        raise Infeasible(f"unknown requirement kind {req.kind!r}")

    def _meet_education(self, req: Requirement, why: str) -> _Result:
        if education_rank(self.education) >= education_rank(req.education_level):
            reason = f"You have {EDUCATION_LABELS.get(self.education, self.education)}."
            return _Result([], RequirementStatus(req.text, True, reason))
        # Only programs one can enter without the level being sought (no GED-needs-a-GED loops).
        programs = [
            p
            for p in self.catalogue.programs
            if education_rank(p.awards_education) >= education_rank(req.education_level)
            and education_rank(p.admission_education) < education_rank(req.education_level)
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
            raise Infeasible(f"no program in the catalogue meets: {need}")
        best: tuple[tuple[object, ...], Builder, Step] | None = None
        for program in sorted(candidates, key=lambda p: p.slug):
            trial = self.copy()
            try:
                step = trial._enrol(program, why)
            except Infeasible:
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
            raise Infeasible(f"no program you can enter meets: {need}")
        self.adopt(best[1])
        return best[2]

    def _enrol(self, program: Program, why: str) -> Step:
        key = f"program:{program.slug}"
        existing = next((s for s in self.steps if s.key == key), None)
        if existing is not None:
            return existing
        after: list[str] = []
        if program.admission_education and education_rank(self.education) < education_rank(program.admission_education):
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
        if program.awards_education and education_rank(program.awards_education) > education_rank(self.education):
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
        best: tuple[tuple[object, ...], Builder, str] | None = None
        for code in req.credentials:
            if code in visiting or not self.catalogue.has(code):
                continue
            trial = self.copy()
            try:
                key = trial.earn(code, visiting, why, as_prerequisite=True)
            except Infeasible:
                continue
            end = trial.scheduler.finish.get(key)
            rank = (end is None, end or date.max, len(trial.steps), code)
            if best is None or rank < best[0]:
                best = (rank, trial, key)
        if best is None:
            raise Infeasible(f"cannot plan any of {', '.join(req.credentials)}")
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
                        title=f"Keep working as a coder: {plural(needed, 'more month')}",
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
                    title=f"Keep working as a coder: {plural(more, 'more month')}",
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
                    title=f"Work as a coder for {plural(needed, 'month')}",
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
            title = f"Keep working as a {label}: {plural(needed, 'more month')}"
            step = Step(key=key, phase=PHASE_EXPERIENCE, title=title, why=why, track=CALENDAR, months=needed)
        else:
            title = f"Work as a {label} for {plural(needed, 'month')}"
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
    ) -> tuple[Builder, RouteChoice, list[str]] | None:
        """Try every route on a copy of the plan; keep the one that is ready soonest.

        Ties go to fewer steps of unknown length, then fewer new steps, then lower
        known cost, then catalogue order. With plan_experience false (recommended
        preparation), experience can only already be met: we never tell someone to
        find a job for a step that is not required.
        """
        best: tuple[tuple[object, ...], Builder, Route, list[RequirementStatus], list[str], date | None] | None = None
        tried: list[RouteOption] = []
        for index, route in enumerate(routes):
            trial = self.copy()
            statuses: list[RequirementStatus] = []
            keys: list[str] = list(after)
            try:
                for req in sorted(route.requirements, key=_requirement_order):
                    if req.kind in (CODING_EXPERIENCE, ROLE_EXPERIENCE) and not plan_experience:
                        if not trial.met_at(req, trial.finish_of(keys)):
                            raise Infeasible("only worth it if you already have the experience")
                        statuses.append(RequirementStatus(req.text, True, "You have this experience."))
                        continue
                    result = trial.meet(req, keys, visiting | {cert.code}, f"{cert.code} — {route.name}: {req.text}.")
                    statuses.append(result.status)
                    keys += result.keys
            except Infeasible as problem:
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
                raise Infeasible(f"{code}'s eligibility rules are not verified")
            self.notes.append(
                f"{code}'s eligibility rules are not verified in our sources: check with {cert.body} before you apply."
            )
        elif cert.eligibility:
            chosen = self.choose_route(cert, cert.eligibility, PURPOSE_ELIGIBILITY, visiting)
            if chosen is None:
                raise Infeasible(f"no route to {code} can be planned")
            trial, choice, keys = chosen
            self.adopt(trial)
            self.routes.append(choice)
            after += keys
        if not as_prerequisite and cert.recommended:
            chosen = self.choose_route(
                cert, cert.recommended, PURPOSE_RECOMMENDED, visiting, after, plan_experience=False
            )
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
        member = is_member(body)
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
                    + member_hint(template, cert, body, member)
                    + (f" ({why})" if as_prerequisite else ""),
                    track=STUDY,
                    effort_hours=template.effort_hours,
                    cost=template_cost(template, cert, body, member),
                    depends_on=previous,
                    resources=template.resources,
                )
            )
            previous, last = (step.key,), step.key
        self.steps[-1] = replace(self.steps[-1], earns=cert.code)
        self.credentials[cert.code] = last
        return last


def _requirement_order(req: Requirement) -> int:
    """Meet what others wait on first: schooling, then credentials, then the work that follows them."""
    order = (EDUCATION, PROGRAM, LICENCE, CREDENTIAL, CODING_EXPERIENCE, ROLE_EXPERIENCE)
    return order.index(req.kind) if req.kind in order else len(order)


def _decimal(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value)
