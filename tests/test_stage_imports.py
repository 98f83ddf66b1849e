"""Lower stages never import the site stage: the standard's table and the build date live below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
LOW_STAGES = ("rules", "models", "load", "importers")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("stage", LOW_STAGES)
def test_low_stage_does_not_import_the_site(stage: str) -> None:
    files = sorted((GENERATOR / stage).rglob("*.py"))
    assert files
    offending = {f"{path.relative_to(GENERATOR)} → {name}" for path in files for name in imported_modules(path)
                 if name == "generator.site" or name.startswith("generator.site.")}
    assert offending == set()


def test_the_checker_sees_a_site_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from generator.site.exports.mednum import COLUMNS\nfrom generator import site\n", encoding="utf-8")
    assert {"generator.site.exports.mednum", "generator.site"} <= imported_modules(module)
