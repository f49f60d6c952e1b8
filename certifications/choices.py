"""Closed sets shared by the catalogue, the profile and the planner.

The planner (roadmap/planner/vocabulary.py) cannot import Django, so it compares the
plain string values of these choices; keep the values stable.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    ENTRY = "entry", _("Entry")
    CORE = "core", _("Core")
    SPECIALTY = "specialty", _("Specialty")
    ADVANCED = "advanced", _("Advanced")


class EducationLevel(models.TextChoices):
    """Ordered from lowest to highest; EDUCATION_RANK gives the order."""

    NONE = "none", _("No high-school diploma yet")
    HIGH_SCHOOL = "high_school", _("High-school diploma or equivalent (GED)")
    ASSOCIATE = "associate", _("Associate degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree or higher")


EDUCATION_RANK = {level.value: rank for rank, level in enumerate(EducationLevel)}


class Qualification(models.TextChoices):
    """What completing a training program gives a person.

    Eligibility requirements name a qualification; training programs list the
    qualifications they give. That is how a plan finds a program for an unmet
    requirement without any code naming a program or a certification.
    """

    CODING_COURSE_80H = "coding_course_80h", _("80-contact-hour coding course")
    PRACTICODE = "practicode", _("AAPC Practicode")
    CODING_TRAINING_PROGRAM = (
        "coding_training_program",
        _(
            "Coding training program (A&P, pathophysiology, pharmacology, terminology, "
            "reimbursement, intermediate/advanced ICD and CPT)"
        ),
    )
    CLINICAL_COURSEWORK = (
        "clinical_coursework",
        _("College coursework in anatomy & physiology, medical terminology and disease process"),
    )
    CAHIIM_ASSOCIATE = "cahiim_associate", _("CAHIIM-accredited associate degree in HIM/HIT")
    CAHIIM_BACHELOR = "cahiim_bachelor", _("CAHIIM-accredited bachelor's degree in HIM")
    CAHIIM_POST_BACCALAUREATE = (
        "cahiim_post_baccalaureate",
        _("CAHIIM-approved post-baccalaureate HIM certificate"),
    )
    CAHIIM_MASTER = "cahiim_master", _("CAHIIM-accredited master's degree in HIM")


class Licence(models.TextChoices):
    RN = "rn", _("Registered nurse (RN)")
    MD = "md", _("Doctor of medicine (MD)")
    DO = "do", _("Doctor of osteopathic medicine (DO)")


class Role(models.TextChoices):
    """Jobs other than coding whose months some certifications require."""

    CDI_SPECIALIST = "cdi_specialist", _("Clinical documentation integrity (CDI) specialist")


class CeuCategory(models.TextChoices):
    GENERAL = "general", _("General")
    AUDITING = "auditing", _("Auditing")
    COMPLIANCE = "compliance", _("Compliance")
    DOCUMENTATION = "documentation", _("Documentation")
