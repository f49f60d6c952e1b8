"""A plan under construction: its steps placed on the calendar, and what the person has at each point.

eligibility.Builder adds the rules on top; route choices are tried on copies of a plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Self

from .dates import months_between
from .inputs import Catalogue, Profile, Requirement
from .knowledge import is_beginner, profile_qualifications
from .messages import Text
from .outputs import RequirementStatus, RouteChoice, RouteOption, Step
from .scheduling import Scheduler, timing_of
from .vocabulary import CODING_EXPERIENCE, CREDENTIAL, EDUCATION, PROGRAM, ROLE_EXPERIENCE, education_rank


class Infeasible(Exception):
    """A requirement the planner cannot turn into steps (e.g. a nursing licence); `message` says why."""

    def __init__(self, message: Text) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Result:
    """What meeting one requirement added to the plan."""

    keys: list[str]
    status: RequirementStatus


class PlanState:
    """Steps, notes and route choices so far, and what the person holds or will hold."""

    def __init__(self, profile: Profile, catalogue: Catalogue, start: date) -> None:
        self.profile = profile
        self.catalogue = catalogue
        self.scheduler = Scheduler(start, max(profile.hours_per_week, 1))
        self.steps: list[Step] = []
        self.routes: list[RouteChoice] = []
        self.notes: list[Text] = []
        self.last_tried: list[RouteOption] = []  # the routes the last route choice tried
        self.education = profile.education
        self.qualifications = profile_qualifications(profile)
        self.beginner = is_beginner(profile, catalogue)
        # Credentials held or planned: code -> key of the step that earns it ("" if already held).
        self.credentials: dict[str, str] = {held.code: "" for held in profile.credentials}
        self.earned_on: dict[str, date | None] = {held.code: held.earned_on for held in profile.credentials}
        # Coding experience accrues from plan start for someone coding now; otherwise from
        # the first work step the plan adds. coding_key/coding_planned describe that chain of work.
        self.coding_start: date | None = start if profile.currently_coding else None
        self.coding_key = ""
        self.coding_planned = 0
        self.role_start: date | None = start if profile.currently_in_role else None

    def copy(self) -> Self:
        other = type(self).__new__(type(self))
        other.adopt(self)
        other.scheduler = self.scheduler.copy()
        other.steps = list(self.steps)
        other.routes = list(self.routes)
        other.notes = list(self.notes)
        other.last_tried = list(self.last_tried)
        other.qualifications = set(self.qualifications)
        other.credentials = dict(self.credentials)
        other.earned_on = dict(self.earned_on)
        return other

    def adopt(self, other: PlanState) -> None:
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

    def title(self, key: str) -> str:
        return next(step.title for step in self.steps if step.key == key)

    def within_budget(self, cost: Decimal | None) -> bool:
        if self.profile.budget is None or cost is None:
            return True
        spent = sum((s.cost for s in self.steps if s.cost is not None), Decimal(0))
        return spent <= self.profile.budget

    # -- what the person has

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
