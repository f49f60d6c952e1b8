"""Where test helpers live (issue 12, section 4): fixtures in conftest.py, factories in tests/factories.py,
shared functions in modules that are not tests. A test module that imports another ties them together: a
change to one module's helpers breaks tests in the other, and an imported autouse fixture applies there too."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, dotted name) of every module an import statement names, including `from package import module`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return found


def imported_test_modules(source: str) -> list[str]:
    """The test modules (last component starting with test_) that this source imports, by line."""
    return [
        f"{line}: {name}"
        for line, name in _imported_modules(ast.parse(source))
        if name.split(".")[-1].startswith("test_")
    ]


def test_no_test_module_imports_another() -> None:
    imports = {
        str(path.relative_to(TESTS.parent)): found
        for path in sorted(TESTS.rglob("*.py"))
        if (found := imported_test_modules(path.read_text(encoding="utf-8")))
    }

    assert imports == {}


def test_the_check_sees_every_form_of_import() -> None:
    source = (
        "import tests.roadmap.test_views_plans\n"
        "from tests.roadmap.test_views_plans import maya_profile\n"
        "from tests.roadmap import test_views_plans\n"
        "from tests.roadmap.helpers import logged_in\n"
        "from tests import factories\n"
        "def f():\n"
        "    from tests.e2e.test_timeline import mark_done\n"
    )

    assert imported_test_modules(source) == [
        "1: tests.roadmap.test_views_plans",
        "2: tests.roadmap.test_views_plans",
        "3: tests.roadmap.test_views_plans",
        "7: tests.e2e.test_timeline",
    ]
