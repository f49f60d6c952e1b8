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

The modules, each importing only from those listed before it
(tests/roadmap/test_planner_vocabulary.py holds this order):

- vocabulary: the words shared with the Django choices (phases, requirement kinds, costs).
- dates: month and study-time arithmetic, also used by the CEU cycle engine.
- wording: small phrases the explanations share.
- inputs, outputs: the frozen dataclasses going in and coming out.
- ceus: the CEUs a body requires of someone holding several of its credentials.
- scheduling: when each step starts and finishes (saved roadmaps use it too).
- costs: what a step from a certification's templates costs.
- eligibility: the plan under construction (Builder): steps 1 to 3.
- maintenance: step 4.
- plan: the plan for one certification, and the target-date check.
- recommend: every certification ranked for the person; apprentice-designation progress.

This module re-exports the public names, so callers write `planner.plan(...)`.
"""

from __future__ import annotations

from .ceus import CountedCredentials, counted_credentials, total_ceus
from .dates import add_months, months_between, study_days
from .inputs import (
    Body,
    Catalogue,
    Certification,
    HeldCredential,
    Profile,
    Program,
    Requirement,
    Resource,
    Route,
    StepTemplate,
)
from .outputs import CeuSummary, Plan, RequirementStatus, RouteChoice, RouteOption, Step, TargetCheck
from .plan import plan
from .recommend import ApprenticeProgress, Recommendation, apprentice_progress, recommend
from .scheduling import Timing, schedule, timing_of
from .vocabulary import (
    CALENDAR,
    CODING_EXPERIENCE,
    COST_EXAM_FEE,
    COST_MEMBERSHIP_FEE,
    COST_NONE,
    COST_OWN,
    COST_RECERTIFICATION_FEE,
    COURSE_80H,
    COURSE_80H_HOURS,
    CREDENTIAL,
    EDUCATION,
    EDUCATION_LABELS,
    EDUCATION_ORDER,
    EXPERIENCED_MONTHS,
    LEVEL_ORDER,
    LICENCE,
    PHASE_EDUCATION,
    PHASE_EXAM,
    PHASE_EXPERIENCE,
    PHASE_MAINTENANCE,
    PHASES,
    PROGRAM,
    PURPOSE_APPRENTICE_REMOVAL,
    PURPOSE_ELIGIBILITY,
    PURPOSE_RECOMMENDED,
    ROLE_EXPERIENCE,
    STARTING_LEVELS,
    STUDY,
)

__all__ = [
    "CALENDAR",
    "CODING_EXPERIENCE",
    "COST_EXAM_FEE",
    "COST_MEMBERSHIP_FEE",
    "COST_NONE",
    "COST_OWN",
    "COST_RECERTIFICATION_FEE",
    "COURSE_80H",
    "COURSE_80H_HOURS",
    "CREDENTIAL",
    "EDUCATION",
    "EDUCATION_LABELS",
    "EDUCATION_ORDER",
    "EXPERIENCED_MONTHS",
    "LEVEL_ORDER",
    "LICENCE",
    "PHASES",
    "PHASE_EDUCATION",
    "PHASE_EXAM",
    "PHASE_EXPERIENCE",
    "PHASE_MAINTENANCE",
    "PROGRAM",
    "PURPOSE_APPRENTICE_REMOVAL",
    "PURPOSE_ELIGIBILITY",
    "PURPOSE_RECOMMENDED",
    "ROLE_EXPERIENCE",
    "STARTING_LEVELS",
    "STUDY",
    "ApprenticeProgress",
    "Body",
    "Catalogue",
    "Certification",
    "CeuSummary",
    "CountedCredentials",
    "HeldCredential",
    "Plan",
    "Profile",
    "Program",
    "Recommendation",
    "Requirement",
    "RequirementStatus",
    "Resource",
    "Route",
    "RouteChoice",
    "RouteOption",
    "Step",
    "StepTemplate",
    "TargetCheck",
    "Timing",
    "add_months",
    "apprentice_progress",
    "counted_credentials",
    "months_between",
    "plan",
    "recommend",
    "schedule",
    "study_days",
    "timing_of",
    "total_ceus",
]
