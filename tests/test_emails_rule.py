"""One e-mail rule (generator/rules/emails.py) for the importers and ``check``: service addresses kept,
addresses built like a person's reported, and written only with ``--garder-courriels``."""

from __future__ import annotations

import argparse
import csv
import shutil
from pathlib import Path

import pytest

from generator.errors import WARNING
from generator.importers import normalise
from generator.importers.record import RawRow, clean
from generator.importers.run import import_file
from generator.load.personal_data import mailbox_problems
from generator.load.sources import Source
from generator.load.yaml_strict import parse_text
from generator.rules.emails import first_names, is_personal_email

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "import" / "courriels-france-services.csv"
ROWS = list(csv.DictReader(FIXTURE.open(encoding="utf-8")))
SERVICE = [r for r in ROWS if r["attendu"] == "service"]
PERSONAL = [r for r in ROWS if r["attendu"] == "personnel"]


def kept(row: dict[str, str], **options: bool) -> bool:
    notes: normalise.Notes = []
    return normalise.courriels([row["courriel"]], notes, "mail", context=(row["commune"], row["nom"]),
                               **options) == [row["courriel"]]


def test_fixture_is_large_enough() -> None:
    assert len(SERVICE) >= 150 and len(PERSONAL) >= 15


def test_at_least_97_percent_of_service_addresses_are_kept() -> None:
    lost = [r["courriel"] for r in SERVICE if not kept(r)]
    assert len(lost) <= 0.03 * len(SERVICE), lost
    assert lost == []  # today: every one of them


@pytest.mark.parametrize("row", PERSONAL, ids=[r["courriel"] for r in PERSONAL])
def test_every_personal_address_is_reported(row: dict[str, str]) -> None:
    notes: normalise.Notes = []
    assert normalise.courriels([row["courriel"]], notes, "mail", context=(row["commune"], row["nom"])) == []
    assert notes == [("mail", f"courriel nominatif non importé (donnée personnelle) : « {row['courriel']} » ; "
                              "demandez une adresse générique à la structure, ou --garder-courriels")]
    assert kept(row, keep_personal=True)


@pytest.mark.parametrize(("address", "context", "personal"), [
    ("pierre-chatel@france-services.gouv.fr", ("Pierre-Châtel",), False),  # the commune's name
    ("pierre-chatel@france-services.gouv.fr", (), True),  # without the record, « Pierre » is a first name
    ("vincent.durand@mairie.fr", ("Saint-Vincent-les-Forts",), True),  # « durand » is not the place's
    ("mediathequedeveynes@veynes.fr", ("Veynes", "Médiathèque de Veynes"), False),
    ("la-grave@france-services.gouv.fr", (), False),
    ("franceservices.veynes@veynes.fr", (), False),
    ("saint-laurent-du-pont@france-services.gouv.fr", (), False),
    ("l-isle-jourdain@france-services.gouv.fr", (), False),
    ("l.fabre@aubenas.fr", (), True),
    ("cnfs.julie.moreau@cc.fr", (), True),  # a role word does not hide the name after it
    ("accueil.marie@example.org", (), False),  # one first name alone: a role mailbox
    ("mohamed.haddad@example.org", (), True),
])
def test_rule_cases(address: str, context: tuple[str, ...], personal: bool) -> None:
    assert is_personal_email(address, context) is personal


def test_first_names_come_from_gender_guesser() -> None:
    names = first_names()
    assert len(names) > 3000
    assert {"mohamed", "nadia", "laetitia", "nathalie", "elodie"} <= names
    assert not names & {"contact", "mairie", "saint", "de", "ville"}


def _structure(courriels: list[str]) -> Source:
    text = ("nom: France Services de Pierre-Châtel\ncommune: Pierre-Châtel\ncode_postal: '38119'\n"
            "adresse: 1 place de la Mairie\ndate_maj: 2024-03-01\ncourriels:\n"
            + "".join(f"  - {c}\n" for c in courriels))
    return Source(kind="structure", path="actors/structures/fs-pierre-chatel.yml", slug="fs-pierre-chatel",
                  doc=parse_text(text, "actors/structures/fs-pierre-chatel.yml"))


def test_check_warns_on_a_personal_address_with_the_same_rule() -> None:
    problems = mailbox_problems(_structure(["pierre-chatel@france-services.gouv.fr", "jean.dupont@mairie.fr"]))
    assert [(p.code, p.severity, p.location.line) for p in problems] == [("M-COURRIEL", WARNING, 8)]
    assert "jean.dupont@mairie.fr" in problems[0].message


def test_importer_and_check_agree_on_the_fixture() -> None:
    for row in ROWS:
        data = {"nom": row["nom"], "commune": row["commune"], "code_postal": "05000", "adresse": "1 rue",
                "date_maj": "2024-01-01", "courriels": row["courriel"]}
        item = clean(RawRow("f.csv:ligne 2", data), keep_personal=True)
        source = _structure([row["courriel"]])
        source.doc.data.update(commune=row["commune"], nom=row["nom"])
        assert bool(mailbox_problems(source)) is (row["attendu"] == "personnel")
        assert item.data["courriels"] == [row["courriel"]]


def _args(path: Path, root: Path, keep: bool) -> argparse.Namespace:
    return argparse.Namespace(format="france-services", fichier=path, root=root, departements=None, mapping=None,
                              formulaire=None, mise_a_jour=False, garder_courriels=keep)


@pytest.mark.parametrize("keep", [False, True])
def test_cli_flag_garder_courriels(tmp_path: Path, keep: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    source = tmp_path / "fs.csv"
    source.write_text("id_fs;lib_fs;adresse;code_postal;lib_com;insee_com;mail;h_lundi\n"
                      "9001;France Services de Veynes;1 avenue Commandant Dumont;05400;Veynes;05179;"
                      "jean.dupont@veynes.fr;9h à 12h - 14h à 18h\n", encoding="utf-8")
    report = import_file(_args(source, root, keep))
    written = next((root / "actors" / "structures").glob("*.yml")).read_text(encoding="utf-8")
    assert ("jean.dupont@veynes.fr" in written) is keep
    assert "Mo 09:00-12:00,14:00-18:00" in written
    assert any("courriel nominatif" in w for w in report.warnings)
