"""A new coordinator follows the README import section literally, with files in the real layouts.

The national-standard extract for the Hautes-Alpes, then the ANCT France Services list on top (``;``
and ``,``, UTF-8 BOM, Windows-1252, integer postcodes, comma decimal coordinates, ``00:00 - 00:00``
Saturday, « 9h à 12h - 14h à 18h », generic service e-mails): no ``-2`` file, merges and the probable
duplicate named with both files. Then a hand edit and ``--mise-a-jour`` (``--essai``, ``--forcer``, a
value the source removed). The Hinaura YesWiki export as CSV and as a JSON array of rows, the API
JSON, ``--proposer`` on an XLSX, and every error path: a French message, exit 1, never a traceback.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sheet_files import write_xlsx
from site_skeleton import add_site_skeleton, scratch

from generator.cli.main import main
from generator.load.yaml_strict import parse_text

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "import"
HERE = FIX / "coordinateur"
NATIONAL = HERE / "base-nationale-05.csv"
FS = HERE / "france-services-05.csv"
HINAURA = HERE / "hinaura-export.csv"
STRUCTURES = "actors/structures"


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01


def cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main(["import", *map(str, argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and code != 3, out + err
    return code, out, err


def files(root: Path) -> list[str]:
    return sorted(p.name for p in (root / STRUCTURES).glob("*.yml"))


def structure(root: Path, slug: str) -> dict[str, Any]:
    path = root / STRUCTURES / f"{slug}.yml"
    data = parse_text(path.read_text(encoding="utf-8"), path.name).data
    assert isinstance(data, dict)
    return data


def tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def variant(tmp_path: Path, name: str, *, delimiter: str, encoding: str) -> Path:
    """The France Services list re-saved by a spreadsheet: another separator, another encoding."""
    rows = list(csv.reader(io.StringIO(FS.read_text(encoding="utf-8")), delimiter=";"))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def national_then_france_services(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  source: Path = FS) -> tuple[Path, int, str, str]:
    root = scratch(tmp_path)
    code, _, _ = cli(capsys, "mednum", NATIONAL, "--root", root, "--departements", "05", "--essai")
    assert code == 0 and not (root / "actors").exists()
    code, _, _ = cli(capsys, "mednum", NATIONAL, "--root", root, "--departements", "05")
    assert code == 0 and len(files(root)) == 3
    code, out, err = cli(capsys, "france-services", source, "--root", root, "--departements", "05")
    return root, code, out, err


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "utf-8"), (",", "utf-8-sig"), (";", "cp1252")])
def test_walkthrough_national_base_then_france_services_makes_no_duplicate(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], goldens: Any, delimiter: str, encoding: str) -> None:
    source = variant(tmp_path, "liste-france-services.csv", delimiter=delimiter, encoding=encoding)
    root, code, out, err = national_then_france_services(tmp_path, capsys, source)
    if encoding == "utf-8":  # the report a coordinator reads, reviewed once (README walkthrough)
        goldens.check("import/coordinateur-france-services.txt", out.replace(str(tmp_path) + "/", ""))
    assert code == 1 and "1 doublon(s) probable(s)" in err  # the place a person must decide about
    names = files(root)
    assert not [n for n in names if n.endswith("-2.yml")], names
    assert names == ["espace-france-services-de-veynes.yml", "france-services-la-grave.yml",
                     "france-services-laragne-monteglin.yml", "maison-de-services-au-public-de-serres.yml"]
    assert "fusionnées avec une fiche existante : 2" in out
    assert "= actors/structures/espace-france-services-de-veynes.yml (à 25 m l'un de l'autre" in out
    assert "= actors/structures/france-services-la-grave.yml (même nom dans la même commune (La Grave))" in out
    # the probable duplicate names both files: the row of the list and the existing record
    assert ("? liste-france-services.csv:ligne 4: « France Services Serres » ressemble à "
            "actors/structures/maison-de-services-au-public-de-serres.yml") in out
    if encoding == "cp1252":
        assert "encodage UTF-8 invalide, lu comme Windows-1252" in out
    grave = structure(root, "france-services-la-grave")
    assert grave["latitude"] == "45.0456" and grave["longitude"] == "6.3064"  # « 45,0456 » read as a number
    assert grave["code_postal"] == "05320" and grave["date_maj"] == "2022-01-15"  # 1970-01-01 was unknown
    assert grave["courriels"] == ["la-grave@france-services.gouv.fr"]
    laragne = structure(root, "france-services-laragne-monteglin")
    assert laragne["courriels"] == ["franceservices.laragne@sisteronais-buech.example.org"]
    assert laragne["itinerance"] == ["Itinérant"] and laragne["id"] == "france-services-2004"


def test_france_services_alone_keeps_every_service_email_and_every_open_day(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = scratch(tmp_path)
    code, out, _ = cli(capsys, "france-services", FS, "--root", root, "--departements", "05")
    assert code == 0 and "courriel nominatif" not in out
    kept = [e for n in files(root) for e in structure(root, n[:-4]).get("courriels", [])]
    assert len(kept) == 4  # 100 % of the service addresses (the issue asks ≥ 97 %)
    veynes = structure(root, "france-services-veynes")
    # « 9h à 12h - 14h à 18h » on Monday, and « 00:00 - 00:00 » on Saturday closes Saturday only
    assert veynes["horaires"] == ("Mo 09:00-12:00,14:00-18:00; Tu 09:00-12:00,13:30-17:00; We 09:00-12:00; "
                                  "Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00")
    assert veynes["presentation_detail"] == "Accueil **sans** rendez-vous"  # the tracking <script> is gone
    assert "retiré : balise <script> (et son contenu)" in out


def next_year(tmp_path: Path) -> Path:
    """Next year's list: an address changed, a telephone changed, an e-mail removed."""
    text = FS.read_text(encoding="utf-8")
    for old, new in (("Place des Aires;", "1 place des Aires;"),
                     ("franceservices.laragne@sisteronais-buech.example.org", ""),
                     ("04 76 79 90 05", "04 76 79 90 99")):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "source" / "liste-france-services.csv"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def hand_edit(root: Path, slug: str, old: str, new: str) -> None:
    path = root / STRUCTURES / f"{slug}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_update_keeps_hand_edits_applies_the_source_lists_conflicts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], goldens: Any) -> None:
    root, _, _, _ = national_then_france_services(tmp_path, capsys)
    hand_edit(root, "france-services-laragne-monteglin", "+33492650930", "+33492650931")  # only by hand
    hand_edit(root, "france-services-la-grave", "+33476799005", "+33476799000")  # by hand and by the source
    source = next_year(tmp_path)
    before = tree(root)
    code, out, _ = cli(capsys, "france-services", source, "--root", root, "--departements", "05",
                       "--mise-a-jour", "--essai")
    assert code == 1 and "essai (--essai) : rien n'a été écrit" in out
    assert tree(root) == before  # --essai writes nothing, not even the report
    code, out, err = cli(capsys, "france-services", source, "--root", root, "--departements", "05", "--mise-a-jour")
    assert code == 1 and "1 conflit(s)" in err
    goldens.check("import/coordinateur-mise-a-jour.txt", out.replace(str(tmp_path) + "/", ""))
    assert "~ actors/structures/france-services-laragne-monteglin.yml (adresse, courriels)" in out
    assert ("! actors/structures/france-services-la-grave.yml : modifiée à la main et par la source (telephone) "
            "— fiche laissée telle quelle") in out
    laragne = structure(root, "france-services-laragne-monteglin")
    assert laragne["telephone"] == "+33492650931"  # the hand edit stays
    assert laragne["adresse"] == "1 place des Aires"  # the source change is applied
    assert "courriels" not in laragne  # the value the source removed is removed
    assert structure(root, "france-services-la-grave")["telephone"] == "+33476799000"
    code, out, err = cli(capsys, "france-services", source, "--root", root, "--departements", "05",
                         "--mise-a-jour", "--forcer")
    assert structure(root, "france-services-la-grave")["telephone"] == "+33476799099"
    assert "valeurs de la source retenues (--forcer)" in out
    # --forcer settles the conflict and creates the probable duplicate: the import is complete
    assert code == 0 and "Import incomplet" not in err, err
    assert "france-services-serres.yml" in files(root)


def hinaura_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(HINAURA.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_hinaura_export_derives_services_keeps_emails_and_skips_without_licence(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    source = HINAURA
    if kind == "json":  # the same table saved as a JSON array of rows keyed by the labels
        source = tmp_path / "hinaura-tableau.json"
        source.write_text(json.dumps(hinaura_rows(), ensure_ascii=False), encoding="utf-8")
    root = scratch(tmp_path)
    code, out, _ = cli(capsys, "bazar", source, "--correspondance", "hinaura", "--root", root,
                       "--departements", "07")
    assert code == 0 and "créées : 2" in out  # never 0 rows silently
    assert "sans accord pour la licence des données" in out and "ignorées : 1" in out
    assert "donnée personnelle (personne nommée) non importée" in out
    privas = structure(root, "mediatheque-de-privas")
    assert privas["services"] == ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"]
    assert privas["courriels"] == ["mediatheque@privas.example.org"]
    assert privas["date_maj"] == "2023-05-03" and privas["code_postal"] == "07000"
    assert privas["presentation_detail"] == "Ateliers **gratuits**"  # <script> and <img> removed
    assert privas["publics_specifiquement_adresses"] == ["Seniors", "Familles et/ou enfants"]  # mis-quoted CSV
    assert privas["dispositif_programmes_nationaux"] == ["Conseillers numériques"]
    assert "Camille Fictive" not in (root / STRUCTURES / "mediatheque-de-privas.yml").read_text(encoding="utf-8")
    lamastre = structure(root, "centre-social-de-lamastre")
    assert lamastre["courriels"] == ["accueil.cslamastre@example.org"]
    assert lamastre["services"] == ["Aide aux démarches administratives"]
    assert lamastre["horaires"] == "Mo 09:00-12:00,14:00-18:00; Tu-Fr 09:00-12:00"
    code, out, _ = cli(capsys, "bazar", source, "--correspondance", "hinaura", "--root", root,
                       "--departements", "07", "--inclure-sans-licence")
    assert code == 0 and "+ actors/structures/tiers-lieu-la-fabrique-aubenas.yml" in out
    assert "courriel nominatif non importé (donnée personnelle) : « julie.martin@example.org »" in out
    assert "courriels" not in structure(root, "tiers-lieu-la-fabrique-aubenas")


def test_proposer_on_an_xlsx_then_edit_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "lieux-du-reseau.xlsx"
    write_xlsx(sheet, [["Structure", "Rue", "CP", "Ville", "Tél.", "Mail", "Mise à jour", "Responsable"],
                       ["Médiathèque de Gap", "Rue Carnot", 5000, "Gap", "04 92 53 26 73",
                        "mediatheque@ville-gap.example.org", "12/03/2024", "Alex Fictif"],
                       ["Mairie d'Embrun", "Place Barthelon", 5200, "Embrun", "0492437272", "", "", ""]])
    proposal = tmp_path / "correspondance.yml"
    code, _, err = cli(capsys, "tableur", sheet, "--proposer", "-o", proposal)
    assert code == 0 and "relisez-le" in err
    text = proposal.read_text(encoding="utf-8")
    assert "personnelles:" in text and "Responsable" in text
    code, _, err = cli(capsys, "tableur", sheet, "--proposer", "-o", proposal)
    assert code == 1 and "existe déjà, non remplacé" in err
    # the coordinator's edit: a source name and a transformation on the postcode
    proposal.write_text(text.replace("source: lieux-du-reseau", "source: tableur-reseau"), encoding="utf-8")
    root = scratch(tmp_path)
    code, out, _ = cli(capsys, "tableur", sheet, "--correspondance", proposal, "--root", root, "--departements", "05")
    assert code == 0 and "créées : 2" in out, out
    gap = structure(root, "mediatheque-de-gap")
    assert gap["code_postal"] == "05000" and gap["telephone"] == "+33492532673" and gap["date_maj"] == "2024-03-12"
    assert structure(root, "mairie-d-embrun")["date_maj"] == "1970-01-01"  # an unknown date stays unknown
    assert "Alex Fictif" not in (root / STRUCTURES / "mediatheque-de-gap.yml").read_text(encoding="utf-8")


def _mapping(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_error_is_french_placed_and_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = scratch(tmp_path)
    ok = tmp_path / "ok.csv"
    ok.write_text("Nom;Adresse;CP;Ville\nMairie de Gap;3 rue Colonel Roux;05000;Gap\n", encoding="utf-8")
    (tmp_path / "vide.csv").write_bytes(b"")
    (tmp_path / "binaire.csv").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "classeur.csv").write_bytes(b"PK\x03\x04 un classeur renomme")
    (tmp_path / "dossier.csv").mkdir()
    (tmp_path / "en-tete.csv").write_text(FS.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    (tmp_path / "nombres.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "api-vide.json").write_text("{}", encoding="utf-8")
    field = _mapping(tmp_path, "champ.yml", "source: essai\nchamps:\n  nom: Nom\n  adrese: Adresse\n")
    transform = _mapping(tmp_path, "transfo.yml",
                         "source: essai\nchamps:\n  nom: Nom\n  code_postal: {colonnes: CP, transformations: [codepostal]}\n")
    column = _mapping(tmp_path, "colonne.yml", "source: essai\nchamps:\n  nom: Nom du lieu\n  adresse: Adresse\n")
    cases: list[tuple[list[object], str]] = [
        (["tableur", ok, "--correspondance", "hinauraa"],
         "hinauraa:1:1: [I-CORRESPONDANCE] correspondance « hinauraa » inconnue"),
        (["tableur", ok, "--correspondance", tmp_path / "absente.yml"], "fichier de correspondance introuvable"),
        (["tableur", ok, "--correspondance", tmp_path], "c'est un dossier, pas un fichier de correspondance"),
        (["tableur", ok, "--correspondance", field],
         "champ.yml:4:3: [I-CORRESPONDANCE] champ « adrese » inconnu du standard — vouliez-vous dire « adresse » ?"),
        (["tableur", ok, "--correspondance", transform],
         "transfo.yml:4:49: [I-CORRESPONDANCE] transformation « codepostal » inconnue — vouliez-vous dire"),
        (["tableur", ok, "--correspondance", column],
         "colonne.yml:3:8: [I-CORRESPONDANCE] colonne « Nom du lieu » absente de ok.csv — colonnes attendues"),
        (["france-services", ok], "colonnes attendues : id_fs, lib_fs, adresse, code_postal, lib_com / trouvées"),
        (["tableur", ok], "indiquez la correspondance des colonnes (--correspondance)"),
        (["france-services", tmp_path / "vide.csv"], "vide.csv:1:1: [I-FICHIER] fichier vide"),
        (["france-services", tmp_path / "en-tete.csv"], "aucun lieu dans ce fichier : l'en-tête est là, mais aucune"),
        (["bazar", tmp_path / "nombres.json"], "nombres.json:1:1: [I-FICHIER] aucun lieu dans ce fichier"),
        (["bazar", tmp_path / "api-vide.json"], "api-vide.json:1:1: [I-FICHIER] le JSON doit être un tableau d'objets"),
        (["mednum", tmp_path / "binaire.csv"], "binaire.csv:1:1: [I-FICHIER] fichier binaire"),
        (["bazar", tmp_path / "classeur.csv"], "un classeur XLSX ou ODS (archive zip), pas un CSV ni un JSON"),
        (["france-services", tmp_path / "dossier.csv"], "dossier.csv:1:1: [I-FICHIER] c'est un dossier, pas un fichier"),
        (["mednum", tmp_path / "absent.csv"], "absent.csv:1:1: [I-FICHIER] fichier introuvable — vérifiez le chemin"),
    ]
    before = tree(root)
    for argv, expected in cases:
        code, out, err = cli(capsys, *argv, "--root", root)
        assert code == 1 and expected in err, (argv, out, err)
        assert "No such file" not in err and "Is a directory" not in err  # no English system message
    assert tree(root) == before


def test_utf16_text_export_of_excel_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "texte-unicode.csv"
    source.write_bytes("Nom\tAdresse\tCP\tVille\r\nMairie de Gap\t3 rue Colonel Roux\t05000\tGap\r\n".encode("utf-16"))
    spec = _mapping(tmp_path, "m.yml", "source: essai\nchamps:\n  nom: Nom\n  adresse: Adresse\n"
                    "  code_postal: CP\n  commune: Ville\n")
    root = scratch(tmp_path)
    code, out, _ = cli(capsys, "tableur", source, "--correspondance", spec, "--root", root, "--departements", "05")
    assert code == 0 and structure(root, "mairie-de-gap")["adresse"] == "3 rue Colonel Roux", out


@pytest.mark.construction
def test_walkthrough_tree_passes_check_and_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, _, _, _ = national_then_france_services(tmp_path, capsys)
    cli(capsys, "bazar", HINAURA, "--correspondance", "hinaura", "--root", root, "--departements", "05,07")
    cli(capsys, "bazar", FIX / "bazar-entries.json", "--formulaire", FIX / "bazar-form.json", "--root", root,
        "--departements", "05,07")
    add_site_skeleton(root)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    check = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root)],
                           cwd=ROOT, env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
                           cwd=root, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    exported = (tmp_path / "out" / "donnees" / "lieux-mediation-numerique.csv").read_text(encoding="utf-8")
    assert "Médiathèque de Privas" in exported and "France Services Laragne-Montéglin" in exported


@pytest.mark.parametrize(("codes", "expected"), [("975", "« 975 » est une collectivité d'outre-mer"),
                                                 ("05,99", "« 99 » désigne l'étranger"),
                                                 ("0X", "code de département « 0X » invalide")])
def test_departements_outside_the_data_are_refused_before_reading(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], codes: str, expected: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["import", "france-services", str(FS), "--root", str(scratch(tmp_path)), "--departements", codes])
    err = capsys.readouterr().err
    assert caught.value.code == 2 and expected in err and "codes acceptés : 01 à 95" in err


def test_departements_accepts_short_and_lowercase_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = scratch(tmp_path)
    code, out, _ = cli(capsys, "france-services", FS, "--root", root, "--departements", "5,2a")
    assert code == 0 and "créées : 4" in out


def test_an_address_with_the_referent_name_is_personal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = hinaura_rows()
    referent = next(k for k in rows[0] if k.startswith("Nom du/de la référent"))
    email = next(k for k in rows[0] if k.startswith("Email"))
    rows[1][referent], rows[1][email] = "Dominique Fictif", "dfictif@example.org"  # no first name, still hers
    rows[0][email] = "mediatheque@privas.example.org, camille.mediatheque@privas.example.org"
    source = tmp_path / "hinaura-tableau.json"
    source.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    root = scratch(tmp_path)
    code, out, _ = cli(capsys, "bazar", source, "--correspondance", "hinaura", "--root", root, "--departements", "07")
    assert code == 0 and "« dfictif@example.org »" in out and "« camille.mediatheque@privas.example.org »" in out
    assert "courriels" not in structure(root, "centre-social-de-lamastre")
    assert structure(root, "mediatheque-de-privas")["courriels"] == ["mediatheque@privas.example.org"]


def test_names_person_ignores_role_and_place_words() -> None:
    from generator.rules.emails import names_person

    assert names_person("cfictive@example.org", ["Camille Fictive"])
    assert not names_person("mediatheque@example.org", ["Médiathèque Saint-Camille"])
    assert not names_person("accueil@example.org", ["Camille Fictive"])
    assert not names_person("contact@example.org", [])
