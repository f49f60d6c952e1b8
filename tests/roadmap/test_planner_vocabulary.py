"""The planner cannot import Django, so it repeats a few choice values; they must not drift.

Nor may it come to import Django through one of its modules, or its modules one another in a circle.
"""

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
    purposes = {planner.PURPOSE_ELIGIBILITY, planner.PURPOSE_RECOMMENDED, planner.PURPOSE_APPRENTICE_REMOVAL}
    assert purposes == set(EligibilityRoute.Purpose.values)


PACKAGE = Path(planner.__file__).parent

# The planner's modules from the bottom up: each imports only modules listed before it,
# so the package reads top to bottom and has no import cycle. __init__ re-exports them all.
ORDER = [
    "messages",
    "vocabulary",
    "dates",
    "wording",
    "ranking",
    "inputs",
    "outputs",
    "ceus",
    "scheduling",
    "costs",
    "knowledge",
    "state",
    "experience",
    "eligibility",
    "maintenance",
    "planning",
    "recommend",
    "__init__",
]


def _imports(path: Path) -> set[tuple[int, str]]:
    """(level, module) for every import in the file, functions included: level 0 is absolute, 1 is `from .x`."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {(0, alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add((node.level, node.module))
        elif isinstance(node, ast.ImportFrom):  # from . import x: x is a module of the package or a name of __init__
            found |= {
                (node.level, alias.name if alias.name in ORDER or node.level > 1 else "__init__")
                for alias in node.names
            }
    return found


def test_every_planner_module_imports_only_the_standard_library_and_its_own_package():
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    outside = {
        path.name: sorted(
            "." * level + module
            for level, module in _imports(path)
            if not (level == 1 or (level == 0 and module.split(".")[0] in stdlib))
        )
        for path in sorted(PACKAGE.glob("*.py"))
    }
    assert outside == {path.name: [] for path in sorted(PACKAGE.glob("*.py"))}


def test_planner_modules_import_only_modules_listed_before_them():
    assert sorted(path.stem for path in PACKAGE.glob("*.py")) == sorted(ORDER)
    later = {
        name: sorted(
            module.split(".")[0]
            for level, module in _imports(PACKAGE / f"{name}.py")
            if level == 1 and module.split(".")[0] not in ORDER[:position]
        )
        for position, name in enumerate(ORDER)
    }
    assert later == {name: [] for name in ORDER}
