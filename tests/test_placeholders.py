"""Placeholder values (« Adresse à compléter », « TODO »…): ``check`` warns about each one
(``V-PROVISOIRE``) and no page, printable list, directory data or export shows them."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.cli.new import structure_text
from generator.config import load_settings
from generator.pipeline import load
from generator.rules.placeholders import NEW_ADDRESS, NEW_COMMUNE, NEW_POSTCODE, is_placeholder
from generator.site.exports.producer import produce as produce_exports
from generator.site.pages import directory, orientation_sheet, printable, structures

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini"
EPOCH = "1767225600"  # 2026-01-01
PROVISOIRE = """nom: Espace numérique Epsilon
typologie: [EPN]
adresse: "Adresse à compléter"
complement_adresse: xxx
code_postal: "05000"
commune: Gap
code_insee: "05061"
telephone: "04 92 51 00 00"
presentation_resume: A compléter
services: [Aide aux démarches administratives]
modalites_acces: [Se présenter]
fiche_acces_libre: "https://…"
structure_parente: TODO
date_maj: "2025-11-02"
"""
SHOWN = re.compile(r"compl[ée]ter|\bTODO\b|\bxxx\b|https://…", re.IGNORECASE)


@pytest.mark.parametrize("value", ["Adresse à compléter", "A compléter", "à compléter", "A COMPLETER", "TODO",
                                   "todo : vérifier", "xxx", "XXXX", "00000", "Commune à compléter",
                                   "Téléphone à renseigner", "https://…", "…",
                                   "En une ou deux phrases (280 caractères au plus)."])
def test_placeholders_are_recognised(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize("value", ["1 rue de la Gare", "Gap", "05000", "Maxxi", "Ateliers, jeux…",
                                   "Aide aux formulaires à compléter en ligne : CAF, impôts, titre de séjour.",
                                   "https://www.hautes-alpes.gouv.fr", "Todorov"])
def test_facts_are_not_placeholders(value: str) -> None:
    assert not is_placeholder(value)


def test_every_value_the_new_template_leaves_unknown_is_a_placeholder() -> None:
    text = structure_text("Médiathèque", NEW_COMMUNE, NEW_POSTCODE, date(2026, 1, 1))
    values = dict(re.findall(r'^(adresse|commune|code_postal): "([^"]*)"', text, re.MULTILINE))
    assert values == {"adresse": NEW_ADDRESS, "commune": NEW_COMMUNE, "code_postal": NEW_POSTCODE}
    assert all(is_placeholder(v) for v in values.values())
    commented = re.findall(r'^# (?:presentation_resume|fiche_acces_libre|prise_rdv): "([^"]*)"', text, re.MULTILINE)
    assert len(commented) == 3 and all(is_placeholder(v) for v in commented)


def test_check_warns_about_each_placeholder_of_a_new_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The template's « 00000 » is an invalid postcode (an error already); its address is a warning."""
    assert main(["new", "structure", "Médiathèque de Nulle-Part", "--root", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["check", "--root", str(tmp_path), "--sans-geo"]) == 1
    assert "[V-CODE-POSTAL] code postal « 00000 » invalide" in capsys.readouterr().out
    shutil.rmtree(tmp_path / "actors")
    assert main(["new", "structure", "Médiathèque", "--commune", "Veynes", "--code-postal", "05400",
                 "--root", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["check", "--root", str(tmp_path), "--sans-geo"]) == 0  # a warning: the site still builds
    assert main(["check", "--root", str(tmp_path), "--sans-geo", "--strict"]) == 1  # … but not for publishing
    out = capsys.readouterr().out
    assert re.findall(r"^actors/structures/mediatheque-veynes\.yml:(\d+):(\d+): \[V-PROVISOIRE\] valeur provisoire « ([^»]+) »",
                      out, re.MULTILINE) == [("3", "10", "Adresse à compléter"), ("3", "10", "Adresse à compléter")]
    assert "retirez la ligne si vous ne la connaissez pas" in out


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("provisoire") / "mini"
    shutil.copytree(MINI, root)
    (root / "actors" / "structures" / "epn-provisoire.yml").write_text(PROVISOIRE, encoding="utf-8")
    settings = load_settings(root)
    loaded = load(root, settings)
    codes = sorted(p.code for p in loaded.warnings if p.location.path.endswith("epn-provisoire.yml"))
    assert codes == ["V-PROVISOIRE"] * 5
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        found: dict[str, str] = {}
        for produce in (structures.produce, orientation_sheet.produce, printable.produce, directory.produce,
                        produce_exports):
            for path, output in produce(loaded.corpus, settings, loaded.communes).items():
                content = output.content
                found[path] = content if isinstance(content, str) else content.decode("utf-8", "replace")
    return found


def test_no_placeholder_is_shown_or_exported(outputs: dict[str, str]) -> None:
    for must in ("annuaire/epn-provisoire.md", "annuaire/epn-provisoire/imprimer.md", "annuaire/imprimer.md",
                 "donnees/lieux-mediation-numerique.csv", "donnees/lieux-mediation-numerique.json", "donnees/lieux.geojson"):
        assert must in outputs, must
    shown = {path: SHOWN.findall(text) for path, text in outputs.items() if SHOWN.search(text)}
    assert shown == {}
    page = outputs["annuaire/epn-provisoire.md"]
    assert "rue non renseignée" in page and "05000 Gap" in page
    assert "Aide aux démarches administratives" in page  # the facts stay


def test_a_place_without_address_stays_out_of_the_national_export(outputs: dict[str, str]) -> None:
    """The standard requires « adresse »: a place whose street is unknown is not a valid row of it."""
    csv_text = outputs["donnees/lieux-mediation-numerique.csv"]
    assert "Espace numérique Epsilon" not in csv_text and "Espace numérique Epsilon" not in outputs[
        "donnees/lieux-mediation-numerique.json"]
    assert "Médiathèque Alpha" in csv_text
    assert "Espace numérique Epsilon" in outputs["donnees/lieux.geojson"]  # the map still has it


def test_export_names_the_places_it_leaves_out(tmp_path: Path) -> None:
    from generator.site.exports.mednum import missing_address

    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "actors" / "structures" / "epn-provisoire.yml").write_text(PROVISOIRE, encoding="utf-8")
    corpus = load(root, load_settings(root), with_geo=False).corpus
    assert missing_address(corpus) == ["actors/structures/epn-provisoire.yml", "actors/structures/mairie-gamma.yml"]
