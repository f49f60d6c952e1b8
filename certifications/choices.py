"""Closed sets shared by the catalogue, the profile and the planner.

The planner (roadmap/planner/vocabulary.py) cannot import Django, so it compares the
plain string values of these choices; keep the values stable.
"""

from django.db import models


class Level(models.TextChoices):
    ENTRY = "entry", "Entry"
    CORE = "core", "Core"
    SPECIALTY = "specialty", "Specialty"
    ADVANCED = "advanced", "Advanced"


class EducationLevel(models.TextChoices):
    """Ordered from lowest to highest; EDUCATION_RANK gives the order."""

    NONE = "none", "No high-school diploma yet"
    HIGH_SCHOOL = "high_school", "High-school diploma or equivalent (GED)"
    ASSOCIATE = "associate", "Associate degree"
    BACHELOR = "bachelor", "Bachelor's degree"
    MASTER = "master", "Master's degree or higher"


EDUCATION_RANK = {level.value: rank for rank, level in enumerate(EducationLevel)}


class Qualification(models.TextChoices):
    """What completing a training program gives a person.

    Eligibility requirements name a qualification; training programs list the
    qualifications they give. That is how a plan finds a program for an unmet
    requirement without any code naming a program or a certification.
    """

    CODING_COURSE_80H = "coding_course_80h", "80-contact-hour coding course"
    PRACTICODE = "practicode", "AAPC Practicode"
    CODING_TRAINING_PROGRAM = (
        "coding_training_program",
        "Coding training program (A&P, pathophysiology, pharmacology, terminology, "
        "reimbursement, intermediate/advanced ICD and CPT)",
    )
    CLINICAL_COURSEWORK = (
        "clinical_coursework",
        "College coursework in anatomy & physiology, medical terminology and disease process",
    )
    CAHIIM_ASSOCIATE = "cahiim_associate", "CAHIIM-accredited associate degree in HIM/HIT"
    CAHIIM_BACHELOR = "cahiim_bachelor", "CAHIIM-accredited bachelor's degree in HIM"
    CAHIIM_POST_BACCALAUREATE = (
        "cahiim_post_baccalaureate",
        "CAHIIM-approved post-baccalaureate HIM certificate",
    )
    CAHIIM_MASTER = "cahiim_master", "CAHIIM-accredited master's degree in HIM"


class Licence(models.TextChoices):
    RN = "rn", "Registered nurse (RN)"
    MD = "md", "Doctor of medicine (MD)"
    DO = "do", "Doctor of osteopathic medicine (DO)"


class Role(models.TextChoices):
    """Jobs other than coding whose months some certifications require."""

    CDI_SPECIALIST = "cdi_specialist", "Clinical documentation integrity (CDI) specialist"


class CeuCategory(models.TextChoices):
    GENERAL = "general", "General"
    AUDITING = "auditing", "Auditing"
    COMPLIANCE = "compliance", "Compliance"
    DOCUMENTATION = "documentation", "Documentation"
