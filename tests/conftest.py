"""Shared fixtures: the demo site built once per test session, and scratch content roots."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


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
