"""Experience a route needs: months of coding or of another role, planned as calendar steps.

Work runs alongside study. Someone coding now keeps accruing months from the
plan's start; otherwise the first work step starts the chain of work and
later requirements extend it.
"""

from __future__ import annotations

from collections.abc import Sequence

from .inputs import Requirement
from .outputs import RequirementStatus, Step
from .state import PlanState, Result
from .vocabulary import CALENDAR, PHASE_EXPERIENCE
from .wording import plural


class ExperienceRules(PlanState):
    """The rules for experience requirements; eligibility.Builder adds the rest."""

    def _meet_coding_experience(self, req: Requirement, after: Sequence[str], why: str) -> Result:
        have = self.profile.coding_months
        if have >= req.months:
            return Result([], RequirementStatus(req.text, True, f"You have {have} months of coding experience."))
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
            return Result([self.coding_key], RequirementStatus(req.text, False, status, (self.title(self.coding_key),)))
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
        return Result([key], RequirementStatus(req.text, False, status, (self.title(key),)))

    def _meet_role_experience(self, req: Requirement, after: Sequence[str], why: str) -> Result:
        in_role = self.profile.role == req.role
        have = self.profile.role_months if in_role else 0
        current = in_role and self.profile.currently_in_role
        label = req.role_label or req.role
        if have >= req.months and (current or not req.must_be_current):
            return Result([], RequirementStatus(req.text, True, f"You have {have} months as a {label}."))
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
        return Result([key], RequirementStatus(req.text, False, f"You have {have} months.", (title,)))
