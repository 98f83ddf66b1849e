"""One schema for the ``reseau`` options: ``check``, ``mkdocs build --strict`` and ``generator build``
accept and refuse the same ``mkdocs.yml`` with the same positioned French messages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.config import PluginOptions, Settings, load_settings, plugin_options, read_settings
from generator.config.mkdocs_yml import read_block
from generator.errors import ContentError

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TYPO = ("mkdocs.yml:13:7: [C-OPTION] option « nom_resau » inconnue du plugin reseau "
        "— vouliez-vous dire « nom_reseau » ?")


def _mini(tmp_path: Path, old: str = "", new: str = "") -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")
    return root


def _check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", "--root", str(root), "--sans-geo"])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if line.startswith("mkdocs.yml:")]


def _mkdocs(root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
                          cwd=root, env=ENV, capture_output=True, text=True, check=False)


def test_defaults_are_those_of_the_schema() -> None:
    settings = Settings(root=Path("."))
    assert settings.model_dump(include=set(PluginOptions.model_fields)) == PluginOptions().model_dump()
    assert settings.departements == ("04", "05", "07")
    assert settings.licence_url.startswith("https://")


def test_plugin_declares_no_options_of_its_own() -> None:
    from generator.mkdocs.plugin import ReseauPlugin

    assert ReseauPlugin.config_scheme == ()


def test_valid_configuration_is_read() -> None:
    settings, problems = read_settings(MINI)
    assert problems == []
    assert (settings.nom_reseau, settings.source, settings.departements) == ("Mini réseau", "Mini réseau",
                                                                            ("04", "05", "07"))
    assert settings.source_url("actors/x.yml") == "https://forge.example.org/mini/site/edit/main/actors/x.yml"


def test_unknown_option_refused_by_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _mini(tmp_path, "nom_reseau:", "nom_resau:")
    code, lines = _check(root, capsys)
    assert code == 1
    assert lines == [TYPO]
    with pytest.raises(ContentError):
        load_settings(root)


def test_unknown_option_refused_by_mkdocs_build(tmp_path: Path) -> None:
    root = _mini(tmp_path, "nom_reseau:", "nom_resau:")
    result = _mkdocs(root, tmp_path)
    assert result.returncode == 1
    assert TYPO in result.stdout.splitlines(), result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Unrecognised" not in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_option_refused_by_generator_build(tmp_path: Path) -> None:
    root = _mini(tmp_path, "nom_reseau:", "nom_resau:")
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root)],
                            cwd=HERE.parent, env=ENV, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert TYPO in result.stdout.splitlines(), result.stdout + result.stderr
    assert "Construction échouée" in result.stderr


def test_ill_typed_options_same_messages_in_check_and_build(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = _mini(tmp_path, 'departements: ["04", "05", "07"]',
                 'departements: [04, "2A", "123"]\n      contact: accueil(at)exemple.fr\n      licence_url: ftp://x.fr/')
    code, lines = _check(root, capsys)
    assert code == 1
    assert lines == [
        "mkdocs.yml:12:22: [C-VALEUR] code de département « 4 » invalide dans « departements » — un code INSEE "
        "de département à 2 ou 3 caractères entre guillemets : \"05\", \"2A\", \"974\"",
        "mkdocs.yml:12:32: [C-VALEUR] code de département « 123 » invalide dans « departements » — un code INSEE "
        "de département à 2 ou 3 caractères entre guillemets : \"05\", \"2A\", \"974\"",
        "mkdocs.yml:13:16: [C-VALEUR] adresse électronique « accueil(at)exemple.fr » invalide pour l'option "
        "« contact » — exemple : contact: contact@exemple.fr (ou rien après les deux-points)",
        "mkdocs.yml:14:20: [C-VALEUR] adresse web « ftp://x.fr/ » refusée pour l'option « licence_url » : seules "
        "les adresses http:// et https:// sont acceptées — exemple : "
        "licence_url: https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    ]
    result = _mkdocs(root, tmp_path)
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if line.startswith("mkdocs.yml:")] == lines


def test_env_tag_is_read_as_mkdocs_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _mini(tmp_path, "nom_reseau: Mini réseau", "nom_reseau: !ENV [NOM_RESEAU_DU_TEST, Défaut]")
    assert load_settings(root).nom_reseau == "Défaut"
    monkeypatch.setenv("NOM_RESEAU_DU_TEST", "Réseau de l'environnement")
    assert load_settings(root).nom_reseau == "Réseau de l'environnement"


def test_python_tags_outside_the_block_are_neither_built_nor_refused(tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    text = ("markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:os.system\n"
            f"  - x: !!python/object/apply:os.system [\"touch {target}\"]\n"
            "plugins:\n  - search\n  - reseau:\n      nom_reseau: R\n")
    block = read_block(text, "mkdocs.yml")
    assert block.problems == []
    assert block.options == {"nom_reseau": "R"}
    assert not target.exists()


def test_python_tag_inside_the_block_is_refused(tmp_path: Path) -> None:
    block = read_block("plugins:\n  - reseau:\n      licence: !!python/name:os.system\n", "mkdocs.yml")
    assert [p.format() for p in block.problems] == [
        "mkdocs.yml:3:16: [C-VALEUR] étiquette YAML « !!python/name:os.system » refusée pour « licence » "
        "— écrivez une valeur simple (texte, liste) ; seule l'étiquette !ENV est acceptée"]
    assert block.options == {}


def test_plugin_validates_without_reading_the_file_when_valid() -> None:
    assert plugin_options({"nom_reseau": "R", "departements": ["2A"]}, "/nonexistent/mkdocs.yml").departements == ("2A",)
    with pytest.raises(ContentError) as info:
        plugin_options({"nom_resau": "R"}, None)
    assert [p.code for p in info.value.problems] == ["C-OPTION"]


def test_export_refuses_a_bad_configuration_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _mini(tmp_path, "nom_reseau:", "nom_resau:")
    code = main(["export", "geojson", "--root", str(root)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out.splitlines() == [TYPO]
    assert "Erreur interne" not in captured.err


@pytest.mark.parametrize("plugins", ["  - reseau\n", "  - reseau:\n", "  - reseau:\n      licence_url: ''\n      contact:\n"])
def test_empty_values_are_accepted(plugins: str) -> None:
    block = read_block("plugins:\n  - search\n" + plugins, "mkdocs.yml")
    assert block.problems == []
    options = plugin_options(block.options, None)
    assert options.contact == ""
    assert options.licence_url in ("", PluginOptions().licence_url)
