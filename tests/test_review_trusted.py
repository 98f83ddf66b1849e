"""``review --tete REF``: the contribution is read as git data by the trusted code; folded vocabulary; old new minutes."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
       "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull}
TRUSTED_GATE = '"""Copie de la barrière dans le dépôt de test."""\n'
CODE = "fichier hors des dossiers de contenu : nécessite un·e mainteneur·euse"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, capture_output=True)


def commit(repo: Path, message: str = "contribution") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "depot"
    for folder in ("meetings", "content", "generator/review"):
        (root / folder).mkdir(parents=True)
    (root / "content" / "index.md").write_text("# Accueil\n\nVoir [l'agenda](https://www.ardeche.fr/).\n",
                                               encoding="utf-8")
    (root / "generator" / "review" / "gate.py").write_text(TRUSTED_GATE, encoding="utf-8")
    (root / "Makefile").write_text("test:\n\t@echo ok\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit(root, "base")
    git(root, "checkout", "-q", "-b", "contribution")
    return root


def review(repo: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["review", "--root", str(repo), "--base", "main", "--tete", "contribution", *extra])
    return code, capsys.readouterr().out


def hostile_contribution(repo: Path, marker: Path) -> None:
    """A contribution that rewrites the gate to accept everything, plus the Makefile and mkdocs.yml."""
    (repo / "generator" / "review" / "gate.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('exécuté')\n\n"
        "def gate(*args, **kwargs):\n    return []\n", encoding="utf-8")
    (repo / "Makefile").write_text(f"test:\n\ttouch {marker}\nvenv:\n\ttouch {marker}\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text("site_name: Test\nhooks:\n  - generator/review/gate.py\n", encoding="utf-8")
    (repo / "content" / "index.md").write_text("# Accueil\n\nUne précision.\n", encoding="utf-8")
    commit(repo)


def test_contribution_editing_the_gate_cannot_change_the_verdict(repo: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "code-de-la-contribution-execute"
    hostile_contribution(repo, marker)
    git(repo, "checkout", "-q", "main")  # CI: the base branch is checked out, the head is only fetched
    code, out = review(repo, capsys)
    assert code == 1
    assert f"generator/review/gate.py:1:1: [C-CODE] {CODE}" in out
    assert f"Makefile:1:1: [C-CODE] {CODE}" in out
    assert (f"mkdocs.yml:1:1: [C-CODE] {CODE} (mkdocs.yml déclare des « hooks: » : du code Python exécuté "
            "à la construction)") in out
    assert "content/index.md" not in out
    assert "Bilan : 4 fichier(s) modifié(s) (main..contribution), 3 refus, 0 point(s) à vérifier." in out
    assert not marker.exists()
    assert (repo / "generator" / "review" / "gate.py").read_text(encoding="utf-8") == TRUSTED_GATE
    # The working tree does not matter: with the head checked out, or the base files copied over it,
    # the verdict read from the git objects is the same.
    git(repo, "checkout", "-q", "contribution")
    assert review(repo, capsys) == (code, out)
    git(repo, "checkout", "main", "--", ".")
    assert review(repo, capsys) == (code, out)
    assert not marker.exists()


def test_ci_command_runs_from_the_trusted_checkout(repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "code-de-la-contribution-execute"
    hostile_contribution(repo, marker)
    git(repo, "checkout", "-q", "main")
    result = subprocess.run([sys.executable, "-m", "generator", "review", "--root", str(repo), "--base", "main",
                             "--tete", "contribution"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr
    assert result.stdout.count("[C-CODE]") == 3
    assert not marker.exists()


def test_maintainer_may_change_code_but_links_and_sizes_still_count(repo: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "Makefile").write_text("test:\n\t@echo ok ok\n", encoding="utf-8")
    (repo / "content" / "img").mkdir()
    (repo / "content" / "img" / "cle.png").symlink_to("/etc/passwd")
    (repo / "content" / "gros.md").write_text("a" * (300 * 1024), encoding="utf-8")
    (repo / "content" / "latin.md").write_bytes("# H\xe9l\xe8ne\n".encode("latin-1"))
    commit(repo)
    (repo / "content" / "img" / "cle.png").unlink()  # gone from the working tree, still in the head commit
    code, out = review(repo, capsys, "--mainteneur")
    assert code == 1
    assert "C-CODE" not in out
    assert "content/img/cle.png:1:1: [C-LIEN] lien symbolique refusé" in out
    assert "content/img/cle.png:1:1: [C-LIEN] lien symbolique dans le dépôt" in out
    assert "content/gros.md:1:1: [C-TAILLE] fichier trop gros (300 Kio, maximum 256 Kio)" in out
    assert "content/latin.md:1:1: [C-ENCODAGE] texte non UTF-8 (octet 0xe9)" in out


def test_unknown_head_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["review", "--root", str(repo), "--base", "main", "--tete", "tete-inexistante"])
    assert code == 2
    assert "review : impossible de comparer « main..tete-inexistante »" in capsys.readouterr().err


def test_disguised_vocabulary_is_folded(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = f"meetings/{date.today().isoformat()}-atelier.md"
    body = ("---\ntitre: Atelier\n---\n\n"
            "Le casi\u00adno du coin.\n"          # soft hyphen
            "Un credit facile.\n"                 # no accent
            "Le c\u0430sino, le cr\u0435dit.\n"   # Cyrillic а and е
            "Des ｐｒｏｍｏ et un code\u00a0promo.\n"  # fullwidth letters, non-breaking space
            "Une occasion, un accord.\n")         # no false positive
    (repo / name).write_text(body, encoding="utf-8")
    commit(repo)
    code, out = review(repo, capsys)
    assert code == 0
    disguised = " (écrit avec des caractères trompeurs)"
    hint = " — signal faible : vérifiez que le texte n'est pas publicitaire"
    expected = [f"{name}:5:4: [A-LEXIQUE] vocabulaire commercial « casi<U+00AD>no »{disguised}{hint}",
                f"{name}:6:4: [A-LEXIQUE] vocabulaire commercial « credit »{hint}",
                f"{name}:7:4: [A-LEXIQUE] vocabulaire commercial « c<U+0430>sino »{disguised}{hint}",
                f"{name}:7:15: [A-LEXIQUE] vocabulaire commercial « cr<U+0435>dit »{disguised}{hint}",
                f"{name}:8:5: [A-LEXIQUE] vocabulaire commercial « ｐｒｏｍｏ »{hint}",
                f"{name}:8:17: [A-LEXIQUE] vocabulaire commercial « code\u00a0promo »{hint}"]
    lines = [line.strip() for line in out.splitlines() if "A-LEXIQUE" in line]
    assert lines == expected


def test_new_minutes_with_an_old_date_are_flagged(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    recent = (date.today() - timedelta(days=10)).isoformat()
    (repo / "meetings" / "2023-03-14-vieille.md").write_text("---\ntitre: V\n---\n\nTexte.\n", encoding="utf-8")
    (repo / "meetings" / f"{recent}-recente.md").write_text("---\ntitre: R\n---\n\nTexte.\n", encoding="utf-8")
    (repo / "meetings" / f"{recent}-antidatee.md").write_text("---\ntitre: A\ndate: 2022-05-02\n---\n\nTexte.\n",
                                                              encoding="utf-8")
    commit(repo)
    code, out = review(repo, capsys)
    assert code == 0
    hint = ("inhabituel : un compte-rendu est publié peu après la réunion ; vérifiez qu'il vient bien des "
            "participants")
    assert (f"meetings/2023-03-14-vieille.md:1:1: [A-ANCIEN] nouveau compte-rendu daté de plus de 90 jours "
            f"(réunion du 2023-03-14) — {hint}") in out
    assert (f"meetings/{recent}-antidatee.md:1:1: [A-ANCIEN] nouveau compte-rendu daté de plus de 90 jours "
            f"(réunion du 2022-05-02) — {hint}") in out
    assert f"{recent}-recente.md" not in out
    code, out = review(repo, capsys, "--max-age-days", "5000")
    assert "A-ANCIEN" not in out
