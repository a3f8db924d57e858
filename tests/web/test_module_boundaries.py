"""Views share helpers through the modules they belong to, never through each other, and
the scenario model works on drafts, not on the HTTP session."""

from __future__ import annotations

import ast
from pathlib import Path

import planner

PLANNER = Path(planner.__file__).parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_view_module_imports_another() -> None:
    for path in sorted((PLANNER / "views").glob("*.py")):
        others = {name for name in _imports(path) if name.startswith("planner.views")}
        assert others == set(), path.name


def test_the_models_never_import_the_session() -> None:
    assert not any("session" in name for name in _imports(PLANNER / "models.py"))
