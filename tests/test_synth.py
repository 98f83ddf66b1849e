"""The synthetic benchmark corpus is valid, proportioned and deterministic."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.synth import generate

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ("actors", "meetings", "actions")


def _digest(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in CONTENT
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


@pytest.mark.lent
def test_synthetic_corpus_passes_check(tmp_path: Path) -> None:
    counts = generate(300, tmp_path / "n300")
    assert counts["structures"] == 300
    assert counts["people"] == 150
    assert 80 <= counts["published_people"] <= 120  # about two thirds consent
    assert counts["meetings"] == 30 and counts["actions"] == 30
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(tmp_path / "n300")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "300 structures, 150 personnes" in result.stdout


def test_synthetic_corpus_is_deterministic(tmp_path: Path) -> None:
    generate(40, tmp_path / "a", seed=7)
    generate(40, tmp_path / "b", seed=7)
    generate(40, tmp_path / "c", seed=8)
    first, second, other = (_digest(tmp_path / name) for name in "abc")
    assert first == second
    assert first != other


def test_meeting_bodies_look_like_minutes(tmp_path: Path) -> None:
    generate(40, tmp_path / "n40")
    texts = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "n40" / "meetings").glob("*.md"))]
    assert len(texts) == 4
    for text in texts:
        body = text.split("\n---\n", 1)[1]
        assert "\n## " in body and "\n- " in body
        assert 300 <= len(body.split()) <= 2500


def test_refuses_to_empty_a_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "precieux.txt").write_text("à garder", encoding="utf-8")
    try:
        generate(10, tmp_path)
    except SystemExit as exc:
        assert "n'est pas un corpus synthétique" in str(exc)
    else:
        raise AssertionError("le dossier aurait dû être refusé")
    assert (tmp_path / "precieux.txt").read_text(encoding="utf-8") == "à garder"
