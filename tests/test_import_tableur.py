"""``import tableur``: one engine for CSV/JSON/XLSX/ODS, checked mappings, presets, --proposer, reports."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_files import write_ods, write_xlsx
from site_skeleton import scratch

from generator.errors import ContentError, format_all
from generator.importers import mapping as mp
from generator.importers.run import import_file, run_import, run_propose
from generator.load.yaml_strict import parse_text

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "import"
TABLEUR = FIX / "tableur"


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def args(fmt: str, path: Path, root: Path, **extra: object) -> argparse.Namespace:
    values = {"format": fmt, "fichier": path, "root": root, "departements": None, "correspondance": None,
              "formulaire": None, "mise_a_jour": False, "essai": False, "forcer": False,
              "inclure_sans_licence": False, "rapport": None}
    values.update(extra)
    return argparse.Namespace(**values)


def structures(root: Path) -> dict[str, dict]:
    folder = root / "actors" / "structures"
    return {p.stem: parse_text(p.read_text(encoding="utf-8"), p.name).data for p in sorted(folder.glob("*.yml"))}


def report_text(report_text: str) -> str:
    return report_text.replace(str(FIX) + "/", "")


def test_tableur_csv_cp1252_with_its_mapping(tmp_path: Path, goldens) -> None:
    root = scratch(tmp_path)
    report = import_file(args("tableur", TABLEUR / "lieux.csv", root, correspondance=TABLEUR / "correspondance.yml"))
    found = structures(root)
    sisteron = found["mediatheque-de-sisteron"]
    assert sisteron["adresse"] == "1 rue de la Mission" and sisteron["code_postal"] == "04200"
    assert sisteron["telephone"] == "+33492610000" and sisteron["courriels"] == ["mediatheque@sisteron.example.org"]
    assert sisteron["horaires"] == "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"
    assert sisteron["presentation_detail"] == "Ateliers **gratuits**" and sisteron["id"] == "tableur-1"
    assert sisteron["services"] == ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"]
    bus = found["bus-numerique-du-sisteronais-sisteron"]
    assert bus["itinerance"] == ["Itinérant"] and bus["date_maj"] == "1970-01-01"
    assert "le mardi matin, sur la place du marché" in bus["presentation_detail"]  # unconvertible hours kept
    assert report.unused == ["Couleur"] and not report.complete
    text = report.text()
    assert "encodage UTF-8 invalide, lu comme Windows-1252" in text and "Camille" not in str(found)
    goldens.check("import/tableur.txt", report_text(text))


def test_xlsx_ods_and_json_give_the_same_records(tmp_path: Path) -> None:
    rows: list[list[str | int]] = [["Nom du lieu", "Numéro", "Voie", "Code postal", "Commune", "Mis à jour le", "N°"],
                                   ["Médiathèque de Sisteron", 1, "rue de la Mission", 4200, "Sisteron", "03/04/2024", 7]]
    spec = tmp_path / "m.yml"
    spec.write_text("champs:\n  id: N°\n  nom: Nom du lieu\n  adresse: {colonnes: [Numéro, Voie]}\n"
                    "  code_postal: {colonnes: Code postal, transformations: [code_postal]}\n  commune: Commune\n"
                    "  date_maj: {colonnes: Mis à jour le, transformations: [date]}\n", encoding="utf-8")
    results = []
    for name in ("lieux.xlsx", "lieux.ods", "lieux.json", "lieux.tsv"):
        source = tmp_path / name
        if name.endswith("xlsx"):
            write_xlsx(source, rows)
        elif name.endswith("ods"):
            write_ods(source, rows)
        elif name.endswith("tsv"):
            source.write_text("\ufeff" + "\n".join("\t".join(map(str, r)) for r in rows), encoding="utf-8")
        else:
            source.write_text(json.dumps([dict(zip(rows[0], rows[1], strict=True))]), encoding="utf-8")
        root = scratch(tmp_path / name.replace(".", "-"))
        report = import_file(args("tableur", source, root, correspondance=spec))
        assert report.complete and len(report.created) == 1, report.text()
        results.append(structures(root))
    assert results[0] == results[1] == results[2] == results[3]
    assert results[0]["mediatheque-de-sisteron"]["code_postal"] == "04200"
    assert results[0]["mediatheque-de-sisteron"]["id"] == "7"


@pytest.mark.parametrize(("text", "position", "message"), [
    ("champs:\n  nom: Nom\n  comune: Ville\n", "m.yml:3:3", "champ « comune » inconnu du standard"),
    ("champs:\n  nom:\n    colonnes: Nom\n    transformations: [majuscule]\n", "m.yml:4:23",
     "transformation « majuscule » inconnue"),
    ("champs:\n  nom: Nom\n  adresse: {colonnes: Rue, separatuer: ' '}\n", "m.yml:3:28", "réglage « separatuer » inconnu"),
    ("champs:\n  nom: Nom\n  commune:\n    colonnes: Localité\n", "m.yml:4:15", "colonne « Localité » absente"),
])
def test_mapping_errors_are_positioned(tmp_path: Path, text: str, position: str, message: str) -> None:
    spec = tmp_path / "m.yml"
    spec.write_text(text, encoding="utf-8")
    source = tmp_path / "a.csv"
    source.write_text("Nom,Ville,Rue\nX,Gap,1 rue\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        import_file(args("tableur", source, scratch(tmp_path), correspondance=str(spec)))
    shown = format_all(caught.value.problems).replace(str(tmp_path) + "/", "")
    assert position in shown and message in shown, shown


def test_proposer_writes_a_mapping_that_loads_back(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text("adresse_code_postal;Nom de la structure;Ville;Adresse;Colonne X;Contact;Référent\n"
                      "05000;EPN de Gap;Gap;1 rue Carnot;05000;epn@gap.example.org;Alex Exemple\n", encoding="utf-8")
    out = tmp_path / "proposee.yml"
    code = run_propose(args("tableur", source, scratch(tmp_path), proposer=True, sortie=out))
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert "« adresse_code_postal » → code_postal" in text and "« Contact » → courriels" in text
    assert "Colonnes non reconnues" in text and "« Colonne X »" in text and "- Référent" in text
    loaded = mp.load(out)
    assert loaded.fields["code_postal"].columns == ["adresse_code_postal"] and loaded.personal == ["Référent"]
    report = import_file(args("tableur", source, scratch(tmp_path / "b"), correspondance=out))
    assert report.created == ["epn-de-gap"] and report.unused == ["Colonne X"]


def test_france_services_official_list(tmp_path: Path, goldens) -> None:
    root = scratch(tmp_path)
    report = import_file(args("france-services", FIX / "france-services-anct.csv", root))
    found = structures(root)
    veynes = found["france-services-de-veynes"]
    assert veynes["horaires"] == "Mo,Tu 09:00-12:00,13:30-17:00; We 09:00-12:00; Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00"
    assert veynes["code_postal"] == "05400" and veynes["date_maj"] == "2020-01-01" and veynes["itinerance"] == ["Fixe"]
    assert veynes["courriels"] == ["franceservices.veynes@example.org"]
    assert "<" not in veynes["presentation_detail"] and "track" not in veynes["presentation_detail"]
    assert found["france-services-de-la-grave"]["courriels"] == ["la-grave@france-services.gouv.fr"]
    assert found["france-services-de-la-grave"]["date_maj"] == "1970-01-01"
    assert found["france-services-itinerante-du-buech-aspres-sur-buech"]["itinerance"] == ["Itinérant"]
    assert "France services de Serres" not in str(found)  # no address: not imported, counted
    assert "groupe" not in report.unused and not report.complete
    goldens.check("import/france-services-anct.txt", report_text(report.text()))


def test_france_services_unknown_header_says_expected_and_found(tmp_path: Path, capsys) -> None:
    assert run_import(args("france-services", FIX / "france-services-inconnu.csv", scratch(tmp_path))) == 1
    err = capsys.readouterr().err
    assert "colonnes attendues : id_fs, lib_fs, adresse" in err and "trouvées : numero, structure, ville" in err
    assert "generator/mappings/france-services.yml:" in err and "Traceback" not in err


def test_hinaura_export_csv_and_json_table(tmp_path: Path, goldens) -> None:
    root = scratch(tmp_path)
    report = import_file(args("bazar", FIX / "hinaura-export.csv", root, correspondance="hinaura"))
    found = structures(root)
    tournon = found["mediatheque-de-tournon-sur-rhone"]
    assert tournon["services"] == ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"]
    assert tournon["dispositif_programmes_nationaux"] == ["Conseillers numériques"]
    assert tournon["code_postal"] == "07300" and tournon["date_maj"] == "2023-05-03"
    assert tournon["modalites_accompagnement"] == ["Accompagnement individuel", "Dans un atelier collectif"]
    assert tournon["prise_en_charge_specifique"] == ["Handicaps moteurs", "Surdité"]
    assert tournon["publics_specifiquement_adresses"] == ["Seniors", "Familles et/ou enfants"]
    assert tournon["courriels"] == ["mediatheque@tournon.example.org"]
    annonay = found["espace-public-numerique-d-annonay"]  # mis-quoted embedded CSV
    assert annonay["publics_specifiquement_adresses"] == ["Jeunes", "Familles et/ou enfants"]
    assert annonay["services"] == ["Aide aux démarches administratives", "Compréhension du monde numérique"]
    assert "Dominique" not in str(found) and "Alex" not in str(found)
    assert len(found) == 2 and report.complete  # the row without licence consent is filtered, and counted
    assert any("sans accord pour la licence" in line for line in report.ignored)
    goldens.check("import/hinaura-export.txt", report_text(report.text()))
    again = import_file(args("bazar", FIX / "hinaura-export.csv", scratch(tmp_path / "b"), correspondance="hinaura",
                             inclure_sans_licence=True))
    assert len(again.created) == 3
    table = import_file(args("bazar", FIX / "hinaura-tableau.json", scratch(tmp_path / "c")))
    assert table.created == ["mediatheque-de-tournon-sur-rhone"]  # a table of labels, not an API response


@pytest.mark.parametrize("content", [b"", b"\x00\xff\xfe\x89PNG\r\n" * 50, "Nom\nÉcole\n".encode("utf-16"),
                                     b"une seule colonne\nA\nB\n", b"Nom,Ville\n" + b"x" * 300_000 + b",Gap\n",
                                     b"[1, 2", b"{\"a\": 1}", b"Nom;Ville\n\"ouvert,Gap\n",
                                     b"[" * 100_000 + b"]" * 100_000,
                                     b'[{"Nom": ' + b"[" * 900 + b"]" * 900 + b"}]"])
@pytest.mark.parametrize("fmt", ["tableur", "mednum", "bazar", "france-services"])
def test_hostile_files_never_give_a_traceback(tmp_path: Path, content: bytes, fmt: str, capsys) -> None:
    source = tmp_path / "hostile.csv"
    source.write_bytes(content)
    spec = tmp_path / "m.yml"
    spec.write_text("champs:\n  nom: Nom\n  commune: {colonnes: Ville, facultatif: oui}\n", encoding="utf-8")
    code = run_import(args(fmt, source, scratch(tmp_path), correspondance=spec if fmt == "tableur" else None))
    captured = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in captured.err


def test_hostile_spreadsheet(tmp_path: Path, capsys) -> None:
    source = tmp_path / "faux.xlsx"
    source.write_bytes(b"PK\x03\x04 pas un classeur")
    assert run_import(args("tableur", source, scratch(tmp_path), correspondance="mednum")) == 1
    assert "classeur illisible" in capsys.readouterr().err


@pytest.mark.construction
def test_cli_tableur_writes_the_full_report(tmp_path: Path, goldens) -> None:
    root = scratch(tmp_path)
    run = subprocess.run([sys.executable, "-m", "generator", "import", "tableur", str(TABLEUR / "lieux.csv"),
                          "--correspondance", str(TABLEUR / "correspondance.yml"), "--root", str(root)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1 and "Import incomplet : 1 ligne(s) non importée(s)" in run.stderr
    full = (root / "import" / "tableur-reseau-rapport.txt").read_text(encoding="utf-8")
    goldens.check("import/tableur-rapport-complet.txt", full.replace(str(TABLEUR) + "/", ""))
    assert "champ(s) obligatoire(s) manquant(s) : adresse" in full and full.rstrip().splitlines()[-1].startswith("Bilan")


def test_tableur_update_keeps_a_hand_edit_and_dry_run_writes_nothing(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    spec = TABLEUR / "correspondance.yml"
    import_file(args("tableur", TABLEUR / "lieux.csv", root, correspondance=spec))
    path = root / "actors/structures/mediatheque-de-sisteron.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("1 rue de la Mission", "2 rue de la Mission"),
                    encoding="utf-8")
    changed = tmp_path / "lieux.csv"
    changed.write_bytes((TABLEUR / "lieux.csv").read_bytes().replace(b"04 92 61 00 00", b"04 92 61 99 99"))
    before = {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    trial = import_file(args("tableur", changed, root, correspondance=spec, mise_a_jour=True, essai=True))
    assert [slug for slug, _ in trial.updated] == ["mediatheque-de-sisteron"]
    assert before == {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    update = import_file(args("tableur", changed, root, correspondance=spec, mise_a_jour=True))
    assert update.updated == [("mediatheque-de-sisteron", ["telephone"])] and update.conflicts == []
    data = structures(root)["mediatheque-de-sisteron"]
    assert data["adresse"] == "2 rue de la Mission" and data["telephone"] == "+33492619999"


def test_every_preset_loads_and_an_unknown_name_is_explained() -> None:
    assert mp.presets() == ["france-services", "hinaura", "mednum"]
    for name in mp.presets():
        assert mp.load(name).fields
    with pytest.raises(ContentError) as caught:
        mp.load("hinauraa")
    assert "correspondances fournies : france-services, hinaura, mednum" in format_all(caught.value.problems)


@pytest.mark.parametrize("name", ["france-services-anct.csv", "hinaura-export.csv", "tableur/lieux.csv",
                                  "mednum-v0.csv", "bazar-export.csv"])
def test_proposed_mapping_of_every_fixture_loads_back(tmp_path: Path, name: str) -> None:
    out = tmp_path / "m.yml"
    assert run_propose(args("tableur", FIX / name, scratch(tmp_path), sortie=out)) == 0
    loaded = mp.load(out)
    assert "nom" in loaded.fields
    report = import_file(args("tableur", FIX / name, scratch(tmp_path / "b"), correspondance=out))
    assert report.created or report.ignored


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=400) | st.text(alphabet=";,\t\"\n\r[]{}:Nom Ville é0123456789", max_size=300)
       .map(lambda t: t.encode("utf-8")))
def test_any_bytes_give_a_french_answer(tmp_path: Path, content: bytes) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    source = folder / "fuzz.csv"
    source.write_bytes(content)
    spec = folder / "m.yml"
    spec.write_text("champs:\n  nom: Nom\n  commune: {colonnes: Ville, facultatif: oui}\n", encoding="utf-8")
    root = folder / "site"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for fmt in ("tableur", "bazar"):
        assert run_import(args(fmt, source, root, correspondance=spec)) in (0, 1)
