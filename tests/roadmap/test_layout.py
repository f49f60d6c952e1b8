"""The roadmap app's modules import only downward: the shared base, then its three areas, then what reads them all.

- base: the models, the planner (pure Python), the catalogue snapshot, and what every area's views share
  (http, owners, form_helpers, page_cache, translation, pdf, the template tags);
- the areas, side by side: profiles (who the person is), plans (recommendations and roadmaps) and keeping
  (credentials, CEUs, reminders, the calendar); an area imports the base and itself, never another area;
- top: the dashboard, which reads plans and keeping, the URL names, the admin and the commands.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROADMAP = Path(__file__).resolve().parents[2] / "roadmap"
AREAS = ("profiles", "plans", "keeping")
TOP = ("dashboard", "urls", "admin", "apps", "management")


def _module(path: Path) -> str:
    parts = path.relative_to(ROADMAP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _place(module: str) -> tuple[int, str]:
    """(0, "") for the base, (1, area) for an area, (2, "") for the top."""
    name = module.split(".")[1] if "." in module else ""
    if name in AREAS:
        return 1, name
    if name in TOP:
        return 2, ""
    return 0, ""


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("roadmap.") and _exists(name)}


def _exists(module: str) -> bool:
    path = ROADMAP.parent.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def test_the_app_is_grouped_by_area() -> None:
    assert [area for area in AREAS if (ROADMAP / area / "__init__.py").is_file()] == list(AREAS)
    assert (ROADMAP / "dashboard.py").is_file()
    assert all((ROADMAP / area / "urls.py").is_file() for area in AREAS)  # each area's addresses sit in it


def test_every_import_runs_downward_and_no_area_imports_another() -> None:
    wrong = []
    for path in sorted(ROADMAP.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        importer = _module(path)
        level, area = _place(importer)
        for imported in sorted(_imports(path)):
            their_level, their_area = _place(imported)
            if their_level > level or (their_level == level == 1 and their_area != area):
                wrong.append(f"{importer} imports {imported}")
    assert wrong == []


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    """A base module importing an area, or one area another, is caught."""
    assert _place("roadmap.models") < _place("roadmap.plans.views")
    assert _place("roadmap.plans.views")[1] != _place("roadmap.keeping.views")[1]
    assert _place("roadmap.dashboard") > _place("roadmap.keeping.views")
    module = tmp_path / "probe.py"
    module.write_text("from roadmap.plans.services import roadmap_view\nimport roadmap.keeping.ceus\n")
    assert _imports(module) == {"roadmap.plans.services", "roadmap.keeping.ceus"}
