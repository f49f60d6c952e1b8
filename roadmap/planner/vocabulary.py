"""The planner's words: phases, requirement kinds, costs, tracks, levels, education.

Values of the Django choices in certifications/choices.py and models.py.
The planner cannot import Django; tests/roadmap/test_planner_vocabulary.py
checks that these stay equal.
"""

from __future__ import annotations

from .messages import N_

EDUCATION_ORDER = ("none", "high_school", "associate", "bachelor", "master")
EDUCATION_LABELS = {
    "none": N_("no high-school diploma yet"),
    "high_school": N_("a high-school diploma or equivalent"),
    "associate": N_("an associate degree"),
    "bachelor": N_("a bachelor's degree"),
    "master": N_("a master's degree"),
}
COURSE_80H = "coding_course_80h"
COURSE_80H_HOURS = 80

# Requirement kinds.
EDUCATION = "education"
CREDENTIAL = "credential"
CODING_EXPERIENCE = "coding_experience"
PROGRAM = "program"
ROLE_EXPERIENCE = "role_experience"
LICENCE = "licence"

# Route purposes: what meeting one of a certification's routes gets you.
PURPOSE_ELIGIBILITY = "eligibility"
PURPOSE_RECOMMENDED = "recommended"
PURPOSE_APPRENTICE_REMOVAL = "apprentice_removal"

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

# Levels and CEU categories as an explanation says them ("A specialty credential", "3 auditing CEUs").
LEVEL_WORDS = {"entry": N_("entry"), "core": N_("core"), "specialty": N_("specialty"), "advanced": N_("advanced")}
CEU_CATEGORY_WORDS = {
    "general": N_("general"),
    "auditing": N_("auditing"),
    "compliance": N_("compliance"),
    "documentation": N_("documentation"),
}

# Levels that suit someone at the start of a career.
STARTING_LEVELS = ("entry", "core")
EXPERIENCED_MONTHS = 24


def education_rank(level: str) -> int:
    return EDUCATION_ORDER.index(level) if level in EDUCATION_ORDER else 0
