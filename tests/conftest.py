"""Shared test set-up: the ``--update-goldens`` switch and the ``goldens`` fixture, the Hypothesis
profiles, the markers given by fixture, the demo site built once per test session, scratch content roots."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from golden_files import GOLDEN_ROOT, UPDATE_OPTION, Goldens
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WRITTEN = pytest.StashKey[list[Path]]()
# Markers implied by a fixture: whoever asks for the built demo site needs a full MkDocs build,
# whoever asks for the browser needs chromium.
MARKERS_BY_FIXTURE = {"built_site": "construction", "browser": "navigateur"}

# Hypothesis: the same examples on every CI run (CI is set by GitHub and GitLab), no deadline (the
# machines are shared); locally, fresh random examples each run.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, database=None, print_blob=True)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(UPDATE_OPTION, action="store_true", default=False,
                     help="réécrit les fichiers de référence de tests/golden/ avec la sortie actuelle "
                          "(relisez ensuite « git diff tests/golden »)")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[WRITTEN] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, marker in MARKERS_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    written = sorted(set(config.stash.get(WRITTEN, [])))
    if written:
        terminalreporter.section(f"{UPDATE_OPTION} : {len(written)} référence(s) écrite(s) ou supprimée(s)")
        for path in written:
            terminalreporter.write_line(str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path))
        terminalreporter.write_line("Relisez « git diff tests/golden » avant de committer.")


@pytest.fixture()
def goldens(request: pytest.FixtureRequest) -> Goldens:
    """Comparison with ``tests/golden/`` under the one switch ``--update-goldens``."""
    return Goldens(GOLDEN_ROOT, update=bool(request.config.getoption(UPDATE_OPTION)), test=request.node.nodeid,
                   written=request.config.stash[WRITTEN])


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, built once with ``mkdocs build --strict`` and SOURCE_DATE_EPOCH=0."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def copy_content(dest: Path) -> Path:
    """A scratch copy of the demo content tree (content folders + mkdocs.yml + theme)."""
    for name in ("actors", "meetings", "actions", "content", "theme"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name, symlinks=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    node_modules = ROOT / "node_modules"
    if node_modules.exists():
        (dest / "node_modules").symlink_to(node_modules)
    return dest


@pytest.fixture()
def demo_copy(tmp_path: Path) -> Path:
    return copy_content(tmp_path)


# --- browser tests (tests/browser_support.py) ----------------------------------------------------

@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    """The demo site served on 127.0.0.1 (base URL without a final slash)."""
    from browser_support import serving

    with serving(built_site) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Debian chromium; the test is skipped when Playwright or chromium is missing."""
    from browser_support import chromium, playwright_or_skip

    with chromium(playwright_or_skip()) as instance:
        yield instance
