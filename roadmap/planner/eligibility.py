"""Eligibility: the steps that make a person eligible for a certification, what they must study, and its exam.

Among a certification's routes (alternative sets of requirements), the one
that makes the person eligible soonest is chosen, and routes that finish
together are decided by the named rules of ranking.py. Each route is tried on
a copy of the plan so far (a Builder): requirements already met are recorded
with the reason; unmet ones become steps (a program to complete, months of
work, another credential to earn first, which is planned the same way,
recursively and without cycles). Then come study steps for the knowledge
the exam expects and the person lacks (knowledge.py), the recommended
course, and the exam.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from .costs import is_member, member_hint, template_cost
from .experience import ExperienceRules
from .inputs import Certification, Effort, Program, Requirement, Resource, Route, StepTemplate
from .knowledge import STUDY_KEY, known_areas, missing, study_step, suits
from .messages import N_, NP_, Join, Text
from .outputs import RequirementStatus, RouteChoice, RouteOption, Step
from .ranking import CREDENTIAL_RULES, ROUTE_RULES, deciding_rule
from .state import Infeasible, Result
from .vocabulary import (
    CODING_EXPERIENCE,
    CREDENTIAL,
    EDUCATION,
    EDUCATION_LABELS,
    LICENCE,
    PHASE_EDUCATION,
    PHASE_EXAM,
    PROGRAM,
    PURPOSE_ELIGIBILITY,
    PURPOSE_RECOMMENDED,
    ROLE_EXPERIENCE,
    STUDY,
    education_rank,
)


class Builder(ExperienceRules):
    """A plan under construction, with the rules that add steps to it. Route choices are tried on copies.

    maintenance.py adds the steps that follow the credential to the same builder.
    """

    # -- requirements

    def meet(
        self,
        req: Requirement,
        after: Sequence[str],
        visiting: frozenset[str],
        why: Text,
        *,
        optional: bool = False,
        body: str = "",
    ) -> Result:
        """Meet one requirement: note it as met, or add the steps that meet it.

        `optional` for preparation a body recommends but does not require: such a
        route is only planned if it needs no new diploma and no job (see choose_route).
        `body`: the body of the certification asking, which breaks ties between credentials.
        """
        if req.kind == EDUCATION:
            return self._meet_education(req, why)
        if req.kind == PROGRAM:
            return self._meet_program(req, after, why, optional)
        if req.kind == CREDENTIAL:
            return self._meet_credential(req, visiting, why, body)
        if req.kind == CODING_EXPERIENCE:
            return self._meet_coding_experience(req, after, why)
        if req.kind == ROLE_EXPERIENCE:
            return self._meet_role_experience(req, after, why)
        if req.kind == LICENCE:
            held = sorted(set(req.licences) & self.profile.licences)
            if held:
                return Result([], RequirementStatus(req.text, True, N_("You hold this licence.")))
            raise Infeasible(N_("needs a licence we cannot plan for you: {requirement}", requirement=req.text))
        raise Infeasible(N_("unknown requirement kind {kind}", kind=repr(req.kind)))

    def _meet_education(self, req: Requirement, why: Text) -> Result:
        if education_rank(self.education) >= education_rank(req.education_level):
            reason = N_("You have {education}.", education=EDUCATION_LABELS.get(self.education, self.education))
            return Result([], RequirementStatus(req.text, True, reason))
        # Only programs one can enter without the level being sought (no GED-needs-a-GED loops).
        programs = [
            p
            for p in self.catalogue.programs
            if education_rank(p.awards_education) >= education_rank(req.education_level)
            and education_rank(p.admission_education) < education_rank(req.education_level)
        ]
        step = self._take_program(programs, req.text, why)
        return Result([step.key], RequirementStatus(req.text, False, N_("Not yet."), (step.title,)))

    def _meet_program(self, req: Requirement, after: Sequence[str], why: Text, optional: bool = False) -> Result:
        if req.qualification in self.qualifications:
            return Result([], RequirementStatus(req.text, True, N_("You have completed this.")))
        programs = [p for p in self.catalogue.programs if req.qualification in p.qualifications]
        step = self._take_program(programs, req.text, why, optional, after)
        return Result([step.key], RequirementStatus(req.text, False, N_("Not yet."), (step.title,)))

    def _take_program(
        self, candidates: Sequence[Program], need: str, why: Text, optional: bool = False, after: Sequence[str] = ()
    ) -> Step:
        """Add the best program for a need, after what its admission requires and the steps in `after`."""
        if not candidates:
            raise Infeasible(N_("no program in the catalogue meets: {need}", need=need))
        best: tuple[tuple[object, ...], Builder, Step] | None = None
        refused: list[Text] = []
        for program in sorted(candidates, key=lambda p: p.slug):
            trial = self.copy()
            try:
                step = trial._enrol(program, why, optional, after)
            except Infeasible as problem:
                refused.append(problem.message)
                continue
            rank = (
                not trial.within_budget(program.cost),
                step.finish is None,
                step.finish or date.max,
                program.cost is None,
                program.cost or Decimal(0),
                program.slug,
            )
            if best is None or rank < best[0]:
                best = (rank, trial, step)
        if best is None:
            raise Infeasible(
                Join(refused, "; ") if refused else N_("no program you can enter meets: {need}", need=need)
            )
        self.adopt(best[1])
        return best[2]

    def _enrol(self, program: Program, why: Text, optional: bool = False, before: Sequence[str] = ()) -> Step:
        key = f"program:{program.slug}"
        existing = next((s for s in self.steps if s.key == key), None)
        if existing is not None:
            return existing
        after: list[str] = [k for k in before if k.startswith(STUDY_KEY)]  # a course builds on the foundations
        if program.admission_education and education_rank(self.education) < education_rank(program.admission_education):
            if optional:  # a diploma is never planned for preparation that is not required
                label = EDUCATION_LABELS[program.admission_education]
                raise Infeasible(N_("{program} needs {education} for admission", program=program.name, education=label))
            need = Requirement(
                EDUCATION,
                N_("Admission: {education}", education=EDUCATION_LABELS[program.admission_education]),
                education_level=program.admission_education,
            )
            result = self._meet_education(need, N_("{program} requires it for admission.", program=program.name))
            after += result.keys
        duration_known = program.contact_hours is not None or program.duration_months is not None
        effort = _contact_hours(program) if not program.duration_months else None
        step = self.add(
            Step(
                key=key,
                phase=PHASE_EDUCATION,
                title=N_("Complete: {program}", program=program.name),
                why=why,
                track=STUDY,
                effort_hours=effort.likely if effort else None,
                effort=effort,
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

    def _meet_credential(self, req: Requirement, visiting: frozenset[str], why: Text, body: str) -> Result:
        for code in req.credentials:
            if code in self.credentials and not self.credentials[code]:
                earned = self.earned_on.get(code)
                reason = (
                    N_("You hold {code} (earned {date}).", code=code, date=earned)
                    if earned
                    else N_("You hold {code}.", code=code)
                )
                return Result([], RequirementStatus(req.text, True, reason))
        for code in req.credentials:
            if self.credentials.get(code):
                key = self.credentials[code]
                title = next(step.title for step in self.steps if step.key == key)
                return Result([key], RequirementStatus(req.text, False, N_("Earned earlier in this plan."), (title,)))
        ranked: list[tuple[tuple[object, ...], str, Builder, str]] = []  # (rank, code, trial, key of its exam)
        for code in req.credentials:
            if code in visiting or not self.catalogue.has(code):
                continue
            trial = self.copy()
            try:
                key = trial.earn(code, visiting, why, as_prerequisite=True)
            except Infeasible:
                continue
            end = trial.scheduler.finish.get(key)
            new_steps = trial.steps[len(self.steps) :]
            cert = self.catalogue.certification(code)
            rank: tuple[object, ...] = (
                not suits(cert, self.beginner),
                (end is None, end or date.max),
                len(new_steps),
                _unknowns(new_steps),
                _known_cost(new_steps),
                cert.body != body,
                code,
            )
            ranked.append((rank, code, trial, key))
        if not ranked:
            raise Infeasible(N_("cannot plan any of {codes}", codes=", ".join(req.credentials)))
        ranked.sort(key=lambda item: item[0])
        best, code, trial, key = ranked[0]
        self.adopt(trial)
        said: list[Text] = [N_("Not yet: your plan takes {code}.", code=code)]
        if len(ranked) > 1:
            rule = deciding_rule(best, ranked[1][0], CREDENTIAL_RULES)
            said.append(N_("Chosen over {code} because {rule}.", code=ranked[1][1], rule=rule))
        return Result([key], RequirementStatus(req.text, False, Join(said), (self.title(key),)))

    # -- routes

    def choose_route(
        self,
        cert: Certification,
        routes: Sequence[Route],
        purpose: str,
        visiting: frozenset[str],
        after: Sequence[str] = (),
        optional: bool = False,
    ) -> tuple[Builder, RouteChoice, list[str]] | None:
        """Try every route on a copy of the plan; keep the one that is ready soonest.

        Routes ready on the same date are decided by the rules of ranking.ROUTE_RULES
        (fewer steps, fewer unknowns, lower known costs), and the choice names the rule.
        With `optional` (preparation that is recommended, not required), experience
        and diplomas can only already be held: we never tell someone to find a job or
        earn a diploma for a step that is not required. Every route tried is left in
        self.last_tried.
        """
        ranked: list[tuple[tuple[object, ...], Builder, Route, list[RequirementStatus], list[str], date | None]] = []
        tried: list[RouteOption] = []
        for index, route in enumerate(routes):
            trial = self.copy()
            statuses: list[RequirementStatus] = []
            keys: list[str] = list(after)
            try:
                for req in sorted(route.requirements, key=_requirement_order):
                    if req.kind in (CODING_EXPERIENCE, ROLE_EXPERIENCE) and optional:
                        if not trial.met_at(req, trial.finish_of(keys)):
                            raise Infeasible(N_("only worth it if you already have the experience"))
                        statuses.append(RequirementStatus(req.text, True, N_("You have this experience.")))
                        continue
                    reason = N_(
                        "{code} — {route}: {requirement}.", code=cert.code, route=route.name, requirement=req.text
                    )
                    result = trial.meet(req, keys, visiting | {cert.code}, reason, optional=optional, body=cert.body)
                    statuses.append(result.status)
                    keys += result.keys
            except Infeasible as problem:
                tried.append(RouteOption(route.name, None, False, problem.message))
                continue
            ready = trial.finish_of(keys)
            new_steps = trial.steps[len(self.steps) :]
            tried.append(RouteOption(route.name, ready, True))
            rank = (
                (ready is None, ready or date.max),
                len(new_steps),
                _unknowns(new_steps),
                _known_cost(new_steps),
                index,
            )
            ranked.append((rank, trial, route, statuses, [k for k in keys if k not in after], ready))
        self.last_tried = tried
        if not ranked:
            return None
        ranked.sort(key=lambda item: item[0])
        best, trial, route, statuses, keys, ready = ranked[0]
        decided_by = deciding_rule(best, ranked[1][0], ROUTE_RULES) if len(ranked) > 1 else ""
        why: list[Text] = []
        if all(status.met for status in statuses):
            why.append(N_("You meet it now."))
        elif ready is None:
            why.append(N_("It needs the fewest steps whose length is unknown."))
        else:
            why.append(N_("It gets you there soonest, by {date}.", date=ready))
        if decided_by and decided_by != ROUTE_RULES[0]:
            why.append(
                N_(
                    "“{route}” finishes on the same date; this one is chosen because {rule}.",
                    route=ranked[1][2].name,
                    rule=decided_by,
                )
            )
        if len(routes) > 1:
            why.append(NP_("Chosen from {count} route.", "Chosen from {count} routes.", len(routes)))
        alternatives = tuple(option for option in tried if option.name != route.name)
        choice = RouteChoice(cert.code, purpose, route.name, Join(why), tuple(statuses), alternatives, decided_by)
        return trial, choice, keys

    # -- credentials

    def earn(self, code: str, visiting: frozenset[str], why: Text, *, as_prerequisite: bool) -> str:
        """Add the steps to earn a credential; return the key of the step that earns it.

        In order: the eligibility route; study steps for the knowledge the exam
        expects that the person lacks (except what the recommended course
        teaches); the recommended course, when one can be planned; the exam.
        """
        cert = self.catalogue.certification(code)
        after: list[str] = []
        if not cert.eligibility_known:
            if as_prerequisite:
                raise Infeasible(N_("{code}'s eligibility rules are not verified", code=code))
            self.notes.append(
                N_(
                    "{code}'s eligibility rules are not verified in our sources: check with {body} before you apply.",
                    code=code,
                    body=cert.body,
                )
            )
        elif cert.eligibility:
            chosen = self.choose_route(cert, cert.eligibility, PURPOSE_ELIGIBILITY, visiting)
            if chosen is None:
                raise Infeasible(N_("no route to {code} can be planned", code=code))
            trial, choice, keys = chosen
            self.adopt(trial)
            self.routes.append(choice)
            after += keys
        course = self._recommended(cert, visiting, after) if not as_prerequisite else None
        taught = self._taught_by(course[0].steps[len(self.steps) :]) if course else set()
        after += self._study_missing_knowledge(cert, after, taught)
        if course is not None:  # planned again after the study steps, which it builds on
            course = self._recommended(cert, visiting, after)
        if course is not None:
            trial, choice, keys = course
            self.adopt(trial)
            self.routes.append(choice)
            self._mark_recommended(keys, cert)
            after += keys
        return self._exam_steps(cert, after, why, as_prerequisite)

    def _recommended(
        self, cert: Certification, visiting: frozenset[str], after: Sequence[str]
    ) -> tuple[Builder, RouteChoice, list[str]] | None:
        """The recommended preparation for a certification, tried on a copy; a note when a diploma rules it out."""
        if not cert.recommended:
            return None
        chosen = self.choose_route(cert, cert.recommended, PURPOSE_RECOMMENDED, visiting, after, optional=True)
        if chosen is None:
            for option in self.last_tried:
                if "for admission" in option.note and not any(option.note in note for note in self.notes):
                    self.notes.append(
                        N_(
                            "Recommended for {code}: {route}. Not planned: {reason}, which {code} itself does not "
                            "require. Your plan studies the same subjects on their own.",
                            code=cert.code,
                            route=option.name.lower(),
                            reason=option.note,
                        )
                    )
        return chosen

    def _taught_by(self, steps: Sequence[Step]) -> set[str]:
        """The knowledge areas the programs among these steps teach."""
        slugs = {step.key.removeprefix("program:") for step in steps if step.key.startswith("program:")}
        return {area for program in self.catalogue.programs if program.slug in slugs for area in program.covers}

    def _study_missing_knowledge(self, cert: Certification, after: Sequence[str], taught: set[str]) -> list[str]:
        """Add a study step for each area the exam expects that the person lacks; return their keys."""
        known = known_areas(
            self.profile,
            self.catalogue,
            credentials=self.credentials,
            planned_programs=[step.key.removeprefix("program:") for step in self.steps],
            planned_areas=[step.key.removeprefix(STUDY_KEY) for step in self.steps if step.key.startswith(STUDY_KEY)],
        )
        # Study waits for schooling the route needs (a diploma), not for work or another credential.
        schooling = [key for key in after if key.startswith("program:")]
        keys = []
        for need, area in missing(cert, self.catalogue, known):
            if area.code not in taught:
                keys.append(self.add(study_step(cert, need, area, schooling)).key)
        return keys

    def _mark_recommended(self, keys: Sequence[str], cert: Certification) -> None:
        note = N_("Recommended, not required: {code} has no formal prerequisite for this.", code=cert.code)
        for index, step in enumerate(self.steps):
            if step.key in keys:
                self.steps[index] = replace(step, required=False, why=Join([note, step.why]))

    def _exam_steps(self, cert: Certification, after: Sequence[str], why: Text, as_prerequisite: bool) -> str:
        body = self.catalogue.body(cert.body)
        member = is_member(body)
        phase = PHASE_EDUCATION if as_prerequisite else PHASE_EXAM
        previous = tuple(after)
        last = ""
        templates = [t for t in sorted(cert.steps, key=lambda t: t.order) if t.phase == PHASE_EXAM]
        if not templates:
            title, description = N_("Sit the {code} exam", code=cert.code), N_("The {name} exam.", name=cert.name)
            templates = [StepTemplate(PHASE_EXAM, 1, title, description)]
        for template in templates:
            key = f"exam:{cert.code}:{template.order}"
            step = self.add(
                Step(
                    key=key,
                    phase=phase,
                    title=N_("{code}: {title}", code=cert.code, title=template.title)
                    if as_prerequisite
                    else template.title,
                    why=Join(
                        [
                            template.description,
                            member_hint(template, cert, body, member),
                            Join(["(", why, ")"], "") if as_prerequisite else "",
                        ]
                    ),
                    track=STUDY,
                    effort_hours=template.effort.likely if template.effort else None,
                    effort=template.effort,
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


def _contact_hours(program: Program) -> Effort | None:
    """A course's published contact hours as its effort: one figure, from the program's source."""
    if program.contact_hours is None:
        return None
    hours = Decimal(program.contact_hours)
    return Effort(hours, hours, f"{program.contact_hours} contact hours, as published for the course.", program.source)


def _unknowns(steps: Sequence[Step]) -> int:
    """Steps whose length or cost nobody publishes: an unknown never counts as zero."""
    return sum(1 for step in steps if step.unknown_duration or step.cost is None)


def _known_cost(steps: Sequence[Step]) -> Decimal:
    return sum((step.cost for step in steps if step.cost is not None), Decimal(0))
