"""Test habits that hold for the whole suite: Hypothesis follows the shared profile (derandomised in
CI), no test waits a fixed time, and slow tests carry the marker that ``make test-rapide`` leaves out."""

from __future__ import annotations

import ast
import importlib
import os
import re
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.internal.detection import is_hypothesis_test

HERE = Path(__file__).resolve().parent
SOURCES = sorted(HERE.glob("*.py"))
# A fixed wait: time.sleep or Playwright's page.wait_for_timeout (the pattern is cut in two: it must not match itself).
FIXED_WAIT = re.compile(r"\bsleep\(|\.wait_for_" + r"timeout\(")
# What a test runs that takes a full MkDocs build: it needs the construction marker.
BUILDS = re.compile(r'"mkdocs", "build"|main\(\["build"|"generator", "build"|\["make"')
# Builds refused before any page is made (a bad mkdocs.yml): under a second, they stay in test-rapide.
REFUSED_AT_ONCE = {"test_config.py": {"test_unknown_option_refused_by_generator_build"}}


def hypothesis_tests() -> list[tuple[str, object]]:
    found = []
    for path in SOURCES:
        if path.name.startswith("test_") and "@given" in path.read_text(encoding="utf-8"):
            module = importlib.import_module(path.stem)
            found += [(f"{path.stem}.{name}", fn) for name, fn in vars(module).items() if is_hypothesis_test(fn)]
    return found


def test_profile_is_derandomised_in_ci() -> None:
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.database is None and ci.deadline is None
    assert settings.get_profile("dev").deadline is None
    assert settings.default.derandomize == bool(os.environ.get("CI"))
    assert settings.default.deadline is None


def test_every_hypothesis_test_follows_the_profile() -> None:
    tests = hypothesis_tests()
    assert len(tests) >= 6  # test_property, test_yamlwrite, test_security_sanitise
    for name, fn in tests:
        own = fn._hypothesis_internal_use_settings  # type: ignore[attr-defined]
        assert own.derandomize == settings.default.derandomize, f"{name} ne suit pas le profil Hypothesis"
        assert own.deadline is None, f"{name} : deadline fixée, retirez-la (le profil la désactive)"
        assert own.database == settings.default.database, name


def test_no_fixed_wait_in_tests() -> None:
    offenders = [f"{path.name}:{number}" for path in SOURCES
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if FIXED_WAIT.search(line)]
    assert not offenders, f"attente fixe : {offenders} — attendez une condition avec une limite de temps"


def _marks(node: ast.AST) -> set[str]:
    """The markers named under ``node`` (``pytestmark`` or decorators): ``pytest.mark.NAME``."""
    return {sub.attr for sub in ast.walk(node) if isinstance(sub, ast.Attribute)
            and isinstance(sub.value, ast.Attribute) and sub.value.attr == "mark"}


def unmarked_builds(text: str) -> list[str]:
    """Test functions of a module's source that run a build but carry neither ``construction`` nor
    ``lent`` (nor ask for ``built_site``, which marks them)."""
    tree = ast.parse(text)
    module = set().union(*(_marks(n) for n in tree.body if isinstance(n, ast.Assign)
                           and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in n.targets)))
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            marks = module | set().union(*(_marks(d) for d in node.decorator_list))
            asks = {a.arg for a in node.args.args}
            if BUILDS.search(ast.get_source_segment(text, node) or "") and not (
                    marks & {"construction", "lent"} or "built_site" in asks):
                found.append(node.name)
    return found


@pytest.mark.parametrize("path", [p for p in SOURCES if p.name.startswith("test_")], ids=lambda p: p.name)
def test_builds_and_browsers_are_marked(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    unmarked = set(unmarked_builds(text)) - REFUSED_AT_ONCE.get(path.name, set())
    assert not unmarked, f"{path.name} : {sorted(unmarked)} construisent le site, marquez-les construction"
    if re.search(r"^playwright_or_skip\(\)", text, re.MULTILINE):  # the module drives chromium
        assert "navigateur" in _marks(ast.parse(text)), \
            f"{path.name} pilote chromium : ajoutez pytestmark = pytest.mark.navigateur"


def test_unmarked_build_is_found() -> None:
    source = ("import pytest\n"
              "def test_a(tmp_path):\n    run([sys.executable, '-m', 'x'])\n"
              "def test_b(tmp_path):\n    main([\"build\", '--root', str(tmp_path)])\n"
              "@pytest.mark.construction\ndef test_c(tmp_path):\n    main([\"build\"])\n"
              "def test_d(built_site):\n    main([\"build\"])\n")
    assert unmarked_builds(source) == ["test_b"]
    assert unmarked_builds("import pytest\npytestmark = pytest.mark.lent\n" + source.split("\n", 1)[1]) == []


class FakeItem:
    def __init__(self, *fixtures: str) -> None:
        self.fixturenames = fixtures
        self.markers: list[str] = []

    def add_marker(self, marker: str) -> None:
        self.markers.append(marker)


def test_markers_follow_fixtures(request: pytest.FixtureRequest) -> None:
    """Asking for the built demo site marks a test « construction », asking for the browser « navigateur »."""
    from conftest import pytest_collection_modifyitems

    items = [FakeItem("tmp_path"), FakeItem("server", "built_site"), FakeItem("page", "browser", "server", "built_site")]
    pytest_collection_modifyitems(items)  # type: ignore[arg-type]
    assert [item.markers for item in items] == [[], ["construction"], ["construction", "navigateur"]]
    registered = {line.split(":")[0] for line in request.config.getini("markers")}
    assert {"navigateur", "construction", "lent"} <= registered
