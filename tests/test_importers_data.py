"""Importers (mednum v1/v0.1, Bazar JSON/CSV, France Services): files, reports, updates, round trip."""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from site_skeleton import add_site_skeleton, scratch

from generator.config import load_settings
from generator.importers import hours, normalise
from generator.importers.run import import_file
from generator.load.yaml_strict import parse_text
from generator.models import standard
from generator.pipeline import load
from generator.site.exports.producer import data_files

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "import"
EXPORT_FIXTURE = ROOT / "tests" / "fixtures" / "export"


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01


def args(fmt: str, path: Path, root: Path, **extra: object) -> argparse.Namespace:
    values = {"format": fmt, "fichier": path, "root": root, "departements": None, "mapping": None,
              "formulaire": None, "mise_a_jour": False}
    values.update(extra)
    return argparse.Namespace(**values)


def structure(root: Path, slug: str) -> dict:
    path = root / "actors" / "structures" / f"{slug}.yml"
    return parse_text(path.read_text(encoding="utf-8"), path.name).data


def test_mednum_v1_csv_messy_rows(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    report = import_file(args("mednum", FIX / "mednum-v1.csv", root))
    assert report.created == ["espace-numerique-de-veynes", "mediatheque-de-privas"]
    text = report.text()
    assert "mednum-v1.csv:ligne 4: hors des départements demandés (26)" in text
    assert "mednum-v1.csv:ligne 5: champ(s) obligatoire(s) manquant(s) : adresse" in text
    assert "mednum-v1.csv:ligne 2:colonne courriels: courriel nominatif non importé" in text
    assert "mednum-v1.csv:ligne 3:colonne horaires: horaires « lundi matin » hors format OpenStreetMap" in text
    veynes = structure(root, "espace-numerique-de-veynes")
    assert veynes["code_postal"] == "05400" and veynes["code_insee"] == "05179"  # leading zero restored
    assert "pivot" not in veynes  # placeholder pivot not kept
    assert veynes["date_maj"] == "1970-01-01"  # unknown stays unknown: the standard's placeholder, not the import date
    assert veynes["courriels"] == ["contact@epn-veynes.example.org"]
    assert veynes["latitude"] == "44.5335" and veynes["site_web"] == ["https://www.epn-veynes.example.org"]
    assert veynes["formations_labels"] == ["Étapes numériques (La Poste)"]
    privas = structure(root, "mediatheque-de-privas")
    assert privas["typologie"] == ["BIB"] and len(privas["presentation_resume"]) == 280
    assert "camille.martin" not in (root / "actors/structures/espace-numerique-de-veynes.yml").read_text()


def test_mednum_v0_and_json(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    import_file(args("mednum", FIX / "mednum-v0.csv", root))
    ccas = structure(root, "ccas-de-manosque")
    assert ccas["services"] == ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"]
    assert ccas["publics_specifiquement_adresses"] == ["Seniors"] and ccas["frais_a_charge"] == ["Gratuit"]
    assert ccas["dispositif_programmes_nationaux"] == ["Conseillers numériques", "France Services"]
    assert ccas["autres_formations_labels"] == ["APTIC"] and ccas["courriels"] == ["ccas@manosque.example.org"]
    assert ccas["modalites_accompagnement"] == ["Accompagnement individuel"]
    report = import_file(args("mednum", FIX / "mednum-v1.json", root))
    assert report.created == ["association-numerique-pour-tous-aubenas"]
    assert "mednum-v1.json:élément 2: champ(s) obligatoire(s) manquant(s) : code_postal" in report.ignored


def test_bazar_json_with_form_and_csv_export(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    report = import_file(args("bazar", FIX / "bazar-entries.json", root, formulaire=FIX / "bazar-form.json",
                              departements=("07",)))
    assert report.created == ["mediatheque-de-privas", "epn-de-largentiere"]
    privas = structure(root, "mediatheque-de-privas")
    assert privas["id"] == "hinaura-MediathequeDePrivas"
    assert privas["latitude"] == "44.735"  # from geolocation
    assert privas["services"] == ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"]
    assert privas["horaires"] == "Tu 14:00-18:00; We 09:30-12:00,14:00-18:00; Th,Fr 14:00-18:00; Sa 09:00-12:00"
    text = report.text()
    assert "bf_nom_referent: donnée personnelle" in text and "Dominique" not in str(privas)
    assert "« Ateliers seniors » n'est pas une valeur du standard" in text
    assert "BrouillonAubenas: fiche non validée" in text
    report = import_file(args("bazar", FIX / "bazar-export.csv", root))
    assert report.created == ["tiers-lieu-la-fabrique-gap", "point-numerique-de-digne-digne-les-bains"]
    gap = structure(root, "tiers-lieu-la-fabrique-gap")
    assert gap["services"] == ["Loisirs et créations numériques", "Accès internet et matériel informatique"]
    assert gap["site_web"] == ["https://lafabrique.example.org"] and gap["code_postal"] == "05000"
    digne = structure(root, "point-numerique-de-digne-digne-les-bains")  # mis-quoted embedded CSV
    assert digne["services"] == ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"]
    assert digne["horaires"] == "Mo-Fr 09:00-12:00"


def test_france_services(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    report = import_file(args("france-services", FIX / "france-services.csv", root))
    assert report.created == ["france-services-de-serres", "france-services-itinerante-du-buech-aspres-sur-buech"]
    serres = structure(root, "france-services-de-serres")
    assert serres["typologie"] == ["RFS"] and serres["dispositif_programmes_nationaux"] == ["France Services"]
    assert serres["itinerance"] == ["Fixe"] and serres["id"] == "france-services-1234"
    assert serres["horaires"].startswith("Mo,Tu 09:00-12:00,13:30-17:00; We 09:00-12:00")
    bus = structure(root, "france-services-itinerante-du-buech-aspres-sur-buech")
    assert bus["itinerance"] == ["Itinérant"] and bus["date_maj"] == "2024-02-01"
    assert "colonne responsable: donnée personnelle" in report.text()


def test_reimport_is_ignored_then_merged(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    import_file(args("france-services", FIX / "france-services.csv", root))
    path = root / "actors/structures/france-services-de-serres.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Place du Lac", "Ancienne adresse")
                    + "reseaux: [mednum-alpes-durance]\n", encoding="utf-8")
    again = import_file(args("france-services", FIX / "france-services.csv", root))
    assert again.created == [] and any("ignoré (existe déjà" in r for r in again.ignored)
    update = import_file(args("france-services", FIX / "france-services.csv", root, mise_a_jour=True))
    assert update.updated == [] and update.conflicts == []  # the source did not change: the hand edit stays
    assert "france-services-itinerante-du-buech-aspres-sur-buech" in update.unchanged
    merged = structure(root, "france-services-de-serres")
    assert merged["adresse"] == "Ancienne adresse" and merged["reseaux"] == ["mednum-alpes-durance"]
    assert "mises à jour : 0" in update.text() and "inchangées : 2" in update.text()


def test_slug_collisions_are_deterministic(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    import_file(args("mednum", FIX / "mednum-v1.csv", root))
    report = import_file(args("bazar", FIX / "bazar-entries.json", root))
    assert "mediatheque-de-privas-2" not in report.created  # same name and commune: merged, never a silent -2
    assert [m[0] for m in report.merged] == ["mediatheque-de-privas"]
    twice = tmp_path / "twice.json"
    twice.write_text('[{"id": "a", "nom": "Lieu", "commune": "Gap", "code_postal": "05000", "adresse": "1 rue",'
                     ' "date_maj": "2024-01-01"}, {"id": "a", "nom": "Lieu", "commune": "Gap", "code_postal": "05000",'
                     ' "adresse": "2 rue", "date_maj": "2024-01-01"}]', encoding="utf-8")
    report = import_file(args("mednum", twice, root))
    assert report.created == ["lieu-gap"]
    assert report.ignored == ["twice.json:élément 2: identifiant « a » déjà rencontré (twice.json:élément 1), ligne ignorée"]


def test_round_trip_export_import_export_is_lossless(tmp_path: Path) -> None:
    settings = load_settings(EXPORT_FIXTURE)
    first = str(data_files(load(EXPORT_FIXTURE, settings, with_geo=False).corpus, settings)
                ["lieux-mediation-numerique.csv"])
    source = tmp_path / "export.csv"
    source.write_text(first, encoding="utf-8")
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(EXPORT_FIXTURE / "mkdocs.yml", root / "mkdocs.yml")
    report = import_file(args("mednum", source, root))
    assert len(report.created) == 2 and report.warnings == []
    loaded = load(root, load_settings(root), with_geo=False)
    assert loaded.problems == []
    second = str(data_files(loaded.corpus, load_settings(root))["lieux-mediation-numerique.csv"])
    by_id = lambda text: {r["id"]: r for r in csv.DictReader(io.StringIO(text))}  # noqa: E731
    assert by_id(second) == by_id(first)
    assert list(by_id(first)["essai-veynes"]) == list(standard.COLUMN_NAMES)


@pytest.mark.construction
def test_imported_tree_passes_check_and_builds(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    add_site_skeleton(root)
    for fmt, name in (("mednum", "mednum-v1.csv"), ("mednum", "mednum-v0.csv"), ("mednum", "mednum-v1.json"),
                      ("bazar", "bazar-entries.json"), ("bazar", "bazar-export.csv"),
                      ("france-services", "france-services.csv")):
        import_file(args(fmt, FIX / name, root))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    check = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root)],
                           cwd=ROOT, env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    # la Médiathèque de Privas de bazar-entries.json rejoint celle de mednum-v1.csv (même nom, même commune)
    assert "9 structures" in check.stdout
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
                           cwd=root, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (tmp_path / "out" / "donnees" / "lieux-mediation-numerique.csv").read_text().count("\n") == 10


@pytest.mark.construction
def test_cli_import_and_export(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    run = subprocess.run([sys.executable, "-m", "generator", "import", "france-services",
                          str(FIX / "france-services.csv"), "--root", str(root), "--departements", "5"],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "créées : 2" in run.stdout and "ignorées : 1" in run.stdout
    out = tmp_path / "lieux.csv"
    run = subprocess.run([sys.executable, "-m", "generator", "export", "lieux-csv", "--root", str(root), "-o", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert out.read_text(encoding="utf-8").startswith("id,pivot,nom,")


def test_hours_and_personal_mail_rules() -> None:
    assert hours.day_ranges("9h-12h / 14h-17h30") == "09:00-12:00,14:00-17:30"
    assert hours.day_ranges("Fermé") == ""
    assert hours.day_ranges("le matin sur rendez-vous") is None
    assert hours.from_days({d: "9h-12h" for d in ("Mo", "Tu", "We", "Th", "Fr")}) == ("Mo-Fr 09:00-12:00", [])
    assert normalise.nominative("camille.martin@example.org")
    assert not normalise.nominative("contact.mairie@example.org")
    assert not normalise.nominative("accueil@example.org")
