"""The type-checking set-up stays honest: mypy runs in `make test`, its exemptions are justified."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<codes>\[[a-z0-9-]+(?:,\s*[a-z0-9-]+)*\])?(?P<rest>.*)$")


def _has_types(package: str) -> bool:
    """Whether ``package`` ships inline types (py.typed) or has a stub package installed."""
    spec = importlib.util.find_spec(package)
    locations = (spec.submodule_search_locations or []) if spec is not None else []
    if any((Path(p) / "py.typed").is_file() for p in locations):
        return True
    return any((Path(p) / f"{package}-stubs").is_dir() for p in sys.path if p)


def _untyped_overrides() -> list[str]:
    modules: list[str] = []
    for override in PYPROJECT["tool"]["mypy"].get("overrides", []):
        if override.get("ignore_missing_imports"):
            names = override["module"]
            modules += [names] if isinstance(names, str) else names
    return modules


def test_mypy_checks_generator_strictly() -> None:
    config = PYPROJECT["tool"]["mypy"]
    assert config["python_version"] == "3.11"
    assert config["files"] == ["generator"]
    for flag in ("check_untyped_defs", "disallow_untyped_defs", "warn_unused_ignores", "no_implicit_optional"):
        assert config.get(flag) is True or config.get("strict") is True, flag
    assert config.get("ignore_missing_imports") is not True  # only per module, below


@pytest.mark.parametrize("module", _untyped_overrides())
def test_missing_imports_are_ignored_only_for_untyped_packages(module: str) -> None:
    package = module.removesuffix(".*").split(".")[0]
    if importlib.util.find_spec(package) is None:  # only an optional engine may be absent
        assert f"{package}==" in (ROOT / "requirements-properdocs.lock").read_text(encoding="utf-8"), package
        return
    assert not _has_types(package), f"{package} a des types : retirez-le de ignore_missing_imports"


def test_every_type_ignore_names_its_code_and_reason() -> None:
    bad: list[str] = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            found = IGNORE.search(line)
            if found is None:
                continue
            reason = found.group("rest").strip().startswith("#") or lines[number - 2].strip().startswith("#")
            if not found.group("codes") or not reason:
                bad.append(f"{path.relative_to(ROOT)}:{number}")
    assert bad == []


@pytest.mark.parametrize("target", ["test", "test-rapide"])
def test_make_test_runs_mypy_after_ruff(target: str) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0]
    steps = [line.strip() for line in recipe.splitlines()[1:]]
    assert steps.index("$(PY) -m mypy") == steps.index("$(PY) -m ruff check generator tests benchmarks") + 1
    pytest = next(i for i, step in enumerate(steps) if step.startswith("$(PY) -m pytest"))
    assert steps.index("$(PY) -m mypy") < pytest


def test_dev_pins_are_in_a_lock_file() -> None:
    locked: dict[str, str] = {}
    for lock in sorted(ROOT.glob("requirements*.lock")):
        for line in lock.read_text(encoding="utf-8").splitlines():
            if "==" in line and not line.startswith("#"):
                name, version = line.split("==", 1)
                locked[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    pins = [d for d in PYPROJECT["project"]["optional-dependencies"]["dev"] if "==" in d]
    assert any(p.startswith("mypy==") for p in pins)
    for pin in pins:
        name, version = pin.split("==", 1)
        assert locked.get(re.sub(r"[-_.]+", "-", name).lower()) == version, pin
