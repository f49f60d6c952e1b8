"""The planner: a person's situation and the catalogue in, a dated, explained plan out.

Pure Python: no Django, no database, no clock. Today's date is an argument,
the catalogue is a frozen snapshot (see roadmap/snapshot.py for how one is
read from the database), and the same input always gives the same plan.

How a plan is made, top to bottom:

1. The person's eligibility for the chosen certification. Among its routes
   (alternative sets of requirements), the one that makes them eligible
   soonest is chosen; routes that finish together are decided by named rules
   (fewer steps, fewer unknowns, lower known costs) and the plan says which.
   Each route is tried on a copy of the plan so far: requirements already met
   are recorded with the reason; unmet ones become steps (a program to
   complete, months of work, another credential to earn first, which is
   planned the same way, recursively and without cycles).
2. What the exam expects the person to know: a study step for each knowledge
   area they lack (not already studied, taught by training or a credential
   they hold, or learned in two years of coding), then the recommended
   preparation, e.g. an 80-hour coding course that builds on those studies.
   Both are marked "recommended, not required" unless the body requires them.
3. The exam phase, from the certification's step templates.
4. Maintenance: the step that sends the body proof to remove an apprentice
   designation (dated when its fastest route is met, possibly the exam day),
   CEUs per cycle for every credential held after passing (the body's
   multi-credential rule), yearly membership, the body's other upkeep steps.

Effort is a range of hours, each with its source or labelled our estimate.
Dates are planned with the middle of each range; every step also has the
earliest and latest finish the ends of the ranges give.

Dates: study steps share the person's weekly study hours, one after another;
work experience runs in calendar months, in parallel with study. A step
never starts before the steps it depends on have finished. A step whose
length nobody knows (a GED, a degree with no published duration) has no
finish date, and nor does anything after it: the plan says so rather than
guessing.

The modules, each importing only from those listed before it
(tests/roadmap/test_planner_vocabulary.py holds this order):

- messages: the words the planner says, as English text the web layer can translate (N_, NP_, Join, Localized).
- vocabulary: the words shared with the Django choices (phases, requirement kinds, costs).
- dates: month and study-time arithmetic, also used by the CEU cycle engine.
- wording: small phrases the explanations share, and how costs are said.
- ranking: choosing among alternatives by named rules, so a plan can say which rule decided.
- inputs, outputs: the frozen dataclasses going in and coming out.
- ceus: the CEUs a body requires of someone holding several of its credentials.
- scheduling: when each step starts and finishes (saved roadmaps use it too).
- costs: what a step from a certification's templates costs.
- knowledge: what a candidate must know, what the person already knows, and a study step for the rest.
- state: a plan under construction and what the person has at each point of it.
- experience: months of coding or of another role a route needs, as calendar steps.
- eligibility: the rules that add steps to a plan (Builder): steps 1 to 3.
- maintenance: step 4.
- planning: the plan for one certification, with its date ranges and totals, and the target-date check.
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
    Effort,
    HeldCredential,
    KnowledgeArea,
    KnowledgeNeed,
    Profile,
    Program,
    Requirement,
    Resource,
    Route,
    StepTemplate,
)
from .knowledge import ON_THE_JOB_MONTHS, with_done_steps
from .messages import ENGLISH, N_, NP_, Join, Language, Localized, Message, Text, catalogue_text
from .outputs import (
    CeuSummary,
    KnowledgeStatus,
    Plan,
    RequirementStatus,
    RouteChoice,
    RouteOption,
    Step,
    TargetCheck,
)
from .planning import plan
from .recommend import ApprenticeProgress, Recommendation, apprentice_progress, recommend
from .scheduling import Timing, finish_span, schedule, timing_of
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
from .wording import cost_text, day

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
    "ENGLISH",
    "EXPERIENCED_MONTHS",
    "LICENCE",
    "NP_",
    "N_",
    "ON_THE_JOB_MONTHS",
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
    "Effort",
    "HeldCredential",
    "Join",
    "KnowledgeArea",
    "KnowledgeNeed",
    "KnowledgeStatus",
    "Language",
    "Localized",
    "Message",
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
    "Text",
    "Timing",
    "add_months",
    "apprentice_progress",
    "catalogue_text",
    "cost_text",
    "counted_credentials",
    "day",
    "finish_span",
    "months_between",
    "plan",
    "recommend",
    "schedule",
    "study_days",
    "timing_of",
    "total_ceus",
    "with_done_steps",
]
