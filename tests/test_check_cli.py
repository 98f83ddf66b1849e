"""``python -m generator check``: exit codes, output format, every problem in one run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main as cli

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MINI = HERE / "corpus" / "good" / "mini"
LINE = re.compile(r"^[^:\s][^:]*:[1-9]\d*:[1-9]\d*: \[[A-Z]-[A-Z0-9-]+\] .+ — .+$")


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          check=False)


@pytest.fixture()
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root


def test_valid_tree_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--root", str(MINI), "--sans-geo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Contenu valide : 3 structures, 3 personnes (1 ")
    assert out.endswith(", 4 comptes-rendus, 2 fiches actions, 3 compétences.\n")


def test_valid_tree_subprocess_and_default_root_is_cwd() -> None:
    result = run("check", "--sans-geo", cwd=MINI)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Contenu valide : 3 structures")
    assert result.stderr == ""


def test_empty_root_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--root", str(tmp_path), "--sans-geo"]) == 0
    assert "0 structure, 0 personne (0 publiée)" in capsys.readouterr().out


def test_all_problems_of_all_files_in_one_run(mini: Path) -> None:
    (mini / "actors/structures/epn-gap.yml").write_text("nom: Gap\nnom: Gap\n", encoding="utf-8")
    (mini / "actors/people/sacha.yml").write_text("nom: S.\nstructures: [epn-gapp]\nfictif: oui\n", encoding="utf-8")
    meeting = mini / "meetings/2024-03-10-comite.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("format: visio", "format: visioconference"),
                       encoding="utf-8")
    (mini / "actions/cartographier.md").write_text("pas d'en-tête\n", encoding="utf-8")
    (mini / "actors/structures/Majuscule.yml").write_text("nom: x\n", encoding="utf-8")
    result = run("check", "--root", str(mini), "--sans-geo")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert all(LINE.match(line) for line in lines), lines
    assert lines == sorted(lines, key=lambda s: (s.split(":")[0], int(s.split(":")[1]), int(s.split(":")[2])))
    found = {(line.split(":")[0], line.split("[")[1].split("]")[0]) for line in lines}
    assert found == {
        ("actions/cartographier.md", "F-ENTETE"),
        ("actors/people/sacha.yml", "V-BOOLEEN"),
        ("actors/people/sacha.yml", "R-INCONNU"),  # « epn-gapp »: not hidden by the invalid « fictif »
        ("actors/structures/Majuscule.yml", "S-NOM"),
        ("actors/structures/epn-gap.yml", "Y-DOUBLON"),
        ("meetings/2024-03-10-comite.md", "V-VALEUR"),
    }
    assert result.stderr.strip() == f"{len(lines)} problème(s) dans 5 fichier(s)."


def test_problems_go_to_stdout_summary_to_stderr(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (mini / "actors/people/camille.yml").write_text("nom: C.\nstructures: [x]\n", encoding="utf-8")
    assert cli.main(["check", "--root", str(mini), "--sans-geo"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ("actors/people/camille.yml:2:14: [R-INCONNU] « x » ne correspond à aucune structure "
                            "(actors/structures/) — vérifiez l'identifiant (nom du fichier sans extension)\n")
    assert captured.err == "\n1 problème(s) dans 1 fichier(s).\n"


def test_root_option_points_elsewhere(tmp_path: Path) -> None:
    bad = tmp_path / "autre"
    (bad / "actors" / "structures").mkdir(parents=True)
    (bad / "actors/structures/x.yml").write_text("nom: x\n", encoding="utf-8")
    result = run("check", "--root", str(bad), "--sans-geo", cwd=MINI)
    assert result.returncode == 1
    assert result.stdout.startswith("actors/structures/x.yml:1:1: [V-MANQUANT]")


def test_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", "--root", str(tmp_path / "absent"))
    assert result.returncode == 2
    assert "dossier introuvable" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    result = run("verifier")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("argv", "expected"), [
    (("verifier",), "« verifier » non reconnue"),
    (("check", "--nope"), "option ou argument inconnu : --nope"),
    (("check", "--root"), "--root : une valeur est attendue après cette option"),
    (("import", "tableur"), "argument obligatoire manquant : fichier"),
    (("import", "inconnu", "x"), "valeur « inconnu » non reconnue"),
])
def test_option_errors_are_in_french_with_the_fix(argv: tuple[str, ...], expected: str) -> None:
    result = run(*argv)
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert "error" not in last and "erreur" in last and "--help" in last, last
    assert expected in last, last
    assert result.stderr.startswith("utilisation : ")


def test_help_is_in_french() -> None:
    result = run("import", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("utilisation : ") and "afficher cette aide et quitter" in result.stdout
    assert "show this help" not in result.stdout and "positional arguments" not in result.stdout


def test_internal_error_exits_3_without_traceback(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("panne simulée")

    monkeypatch.setattr("generator.pipeline.load", boom)  # imported by the check command when it runs
    monkeypatch.delenv("GENERATOR_DEBUG", raising=False)
    assert cli.main(["check", "--root", str(MINI), "--sans-geo"]) == 3
    err = capsys.readouterr().err
    assert "Erreur interne du générateur" in err
    assert "Traceback" not in err


def test_binary_garbage_everywhere_is_reported_not_crashed(mini: Path) -> None:
    noise = bytes(range(256)) * 4
    for rel in ("actors/structures/bruit.yml", "actors/people/bruit.yml", "meetings/2024-01-01-bruit.md",
                "actions/bruit.md", "actors/competences.yml"):
        (mini / rel).write_bytes(noise)
    result = run("check", "--root", str(mini), "--sans-geo")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stdout.strip().splitlines()) >= 5


def test_demo_content_is_valid() -> None:
    structures = REPO / "actors" / "structures"
    if not structures.is_dir() or not any(structures.glob("*.y*ml")):
        pytest.skip("contenu de démonstration pas encore écrit (actors/structures est vide)")
    result = run("check", "--root", str(REPO), "--sans-geo")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Contenu valide")
