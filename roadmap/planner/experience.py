"""Experience a route needs: months of coding or of another role, planned as calendar steps.

Work runs alongside study. Someone coding now keeps accruing months from the
plan's start; otherwise the first work step starts the chain of work and
later requirements extend it.
"""

from __future__ import annotations

from collections.abc import Sequence

from .inputs import Requirement
from .messages import N_, NP_, Join, Text
from .outputs import RequirementStatus, Step
from .state import PlanState, Result
from .vocabulary import CALENDAR, PHASE_EXPERIENCE


class ExperienceRules(PlanState):
    """The rules for experience requirements; eligibility.Builder adds the rest."""

    def _meet_coding_experience(self, req: Requirement, after: Sequence[str], why: Text) -> Result:
        have = self.profile.coding_months
        if have >= req.months:
            reason = NP_(
                "You have {count} month of coding experience.", "You have {count} months of coding experience.", have
            )
            return Result([], RequirementStatus(req.text, True, reason))
        needed = req.months - have  # months of work counted from when coding (re)starts
        key = f"work:coding:{req.months}"
        status = NP_("You have {count} month.", "You have {count} months.", have)
        if self.profile.currently_coding:
            if not self.has_step(key):
                self.add(
                    Step(
                        key=key,
                        phase=PHASE_EXPERIENCE,
                        title=NP_(
                            "Keep working as a coder: {count} more month",
                            "Keep working as a coder: {count} more months",
                            needed,
                        ),
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
                    title=NP_(
                        "Keep working as a coder: {count} more month",
                        "Keep working as a coder: {count} more months",
                        more,
                    ),
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
                    title=NP_("Work as a coder for {count} month", "Work as a coder for {count} months", needed),
                    why=why,
                    track=CALENDAR,
                    months=needed,
                    depends_on=tuple(after),
                )
            )
            self.coding_start, self.coding_key, self.coding_planned = step.start, key, needed
        return Result([key], RequirementStatus(req.text, False, status, (self.title(key),)))

    def _meet_role_experience(self, req: Requirement, after: Sequence[str], why: Text) -> Result:
        in_role = self.profile.role == req.role
        have = self.profile.role_months if in_role else 0
        current = in_role and self.profile.currently_in_role
        label = req.role_label or req.role
        if have >= req.months and (current or not req.must_be_current):
            reason = NP_(
                "You have {count} month as a {role}.", "You have {count} months as a {role}.", have, role=label
            )
            return Result([], RequirementStatus(req.text, True, reason))
        key = f"work:role:{req.role}:{req.months}"
        needed = req.months - have
        if needed <= 0:
            title: Text = N_("Return to work as a {role}", role=label)
            step = Step(
                key=key,
                phase=PHASE_EXPERIENCE,
                title=title,
                why=Join([why, N_("You must currently work in the role.")]),
                track=CALENDAR,
                depends_on=tuple(after),
            )
        elif current:
            title = NP_("Keep working as a {role}: {count} more month", "Keep working as a {role}: {count} more months",
                        needed, role=label)  # fmt: skip
            step = Step(key=key, phase=PHASE_EXPERIENCE, title=title, why=why, track=CALENDAR, months=needed)
        else:
            title = NP_("Work as a {role} for {count} month", "Work as a {role} for {count} months", needed, role=label)
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
        status = NP_("You have {count} month.", "You have {count} months.", have)
        return Result([key], RequirementStatus(req.text, False, status, (title,)))
