"""The planner cannot import Django, so it repeats a few choice values; they must not drift."""

import ast
import sys
from pathlib import Path

from certifications.choices import EducationLevel, Qualification
from certifications.models import EligibilityRoute, Requirement, StepTemplate
from roadmap import planner


def test_planner_education_order_matches_the_model_choices():
    assert list(planner.EDUCATION_ORDER) == [level.value for level in EducationLevel]
    assert set(planner.EDUCATION_LABELS) == set(EducationLevel.values)


def test_planner_requirement_kinds_match_the_model_choices():
    kinds = {planner.EDUCATION, planner.CREDENTIAL, planner.CODING_EXPERIENCE, planner.PROGRAM,
             planner.ROLE_EXPERIENCE, planner.LICENCE}  # fmt: skip
    assert kinds == set(Requirement.Kind.values)


def test_planner_phases_costs_and_qualifications_match_the_model_choices():
    assert {planner.PHASE_EXAM, planner.PHASE_MAINTENANCE} == set(StepTemplate.Phase.values)
    costs = {planner.COST_OWN, planner.COST_NONE, planner.COST_EXAM_FEE, planner.COST_MEMBERSHIP_FEE,
             planner.COST_RECERTIFICATION_FEE}  # fmt: skip
    assert costs == set(StepTemplate.CostFrom.values)
    assert planner.COURSE_80H in Qualification.values
    assert {"eligibility", "recommended", "apprentice_removal"} == set(EligibilityRoute.Purpose.values)


def test_planner_module_imports_only_the_standard_library():
    tree = ast.parse(Path(planner.__file__).read_text())
    imported = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    imported |= {
        node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}
