"""A build killed with ``kill -9`` leaves its staging folder; the next build removes it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.cli.main import remove_leftovers


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait(timeout=30)
    return process.pid


def test_leftovers_of_dead_builds_are_removed_live_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "site"
    dead, alive = dead_pid(), os.getpid()
    (tmp_path / f".site-construction-{dead}-x1y2").mkdir()
    (tmp_path / f".site-construction-{dead}-x1y2-recherche.jsonl").write_text("[]\n")
    (tmp_path / f".site-precedent-{dead}").mkdir()
    (tmp_path / ".site-construction-6rkqbvpp").mkdir()  # written by an older version, without a pid
    (tmp_path / f".site-construction-{alive}-a1b2").mkdir()  # a build running now
    (tmp_path / ".site-notes").write_text("not ours")
    removed = remove_leftovers(target)
    assert sorted(p.name for p in removed) == sorted([
        f".site-construction-{dead}-x1y2", f".site-construction-{dead}-x1y2-recherche.jsonl",
        f".site-precedent-{dead}", ".site-construction-6rkqbvpp"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".site-construction-{alive}-a1b2", ".site-notes"]
