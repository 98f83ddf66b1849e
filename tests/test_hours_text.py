"""French free-text opening hours → OSM ``opening_hours`` (generator/importers/hours.py, hours_tokens.py).

Cells as they come in the France Services list, YesWiki Bazar forms and network spreadsheets: each
converts to the expected OSM ranges, or is *not convertible* (None) and kept as written by the importer.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import opening_hours
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.importers import hours, normalise
from generator.importers.record import RawRow, clean
from generator.importers.run import import_file

ROOT = Path(__file__).resolve().parent.parent

# one day's cell → ranges ('' = closed that day, None = not convertible, kept as text)
DAY_CELLS: list[tuple[str, str | None]] = [
    ("9h à 12h - 14h à 18h", "09:00-12:00,14:00-18:00"),  # the 42 % style of one file
    ("9h à 12h - 13h30 à 17h", "09:00-12:00,13:30-17:00"),
    ("8h30 à 12h - 13h30 à 17h30", "08:30-12:00,13:30-17:30"),
    ("9h à 12h", "09:00-12:00"),
    ("14h à 18h", "14:00-18:00"),
    ("9h-12h / 14h-17h30", "09:00-12:00,14:00-17:30"),
    ("9h-12h/14h-17h", "09:00-12:00,14:00-17:00"),
    ("9h - 12h / 14h - 17h", "09:00-12:00,14:00-17:00"),
    ("09:00 - 12:00 / 13:30 - 17:00", "09:00-12:00,13:30-17:00"),
    ("08:30 - 12:30 / 13:30 - 17:00", "08:30-12:30,13:30-17:00"),
    ("09:00 - 12:00", "09:00-12:00"),
    ("13:30 - 17:00", "13:30-17:00"),
    ("09:00-17:00", "09:00-17:00"),
    ("de 9 h à 12 h et de 14 h à 17 h", "09:00-12:00,14:00-17:00"),
    ("de 9h à 12h et de 13h30 à 16h30", "09:00-12:00,13:30-16:30"),
    ("De 9h00 à 12h00", "09:00-12:00"),
    ("9H00-12H00 14H00-17H00", "09:00-12:00,14:00-17:00"),
    ("9h00 - 12h00 et 13h30 - 17h00", "09:00-12:00,13:30-17:00"),
    ("9h30-12h30 | 14h-18h", "09:30-12:30,14:00-18:00"),
    ("9h-12h ; 14h-17h", "09:00-12:00,14:00-17:00"),
    ("9h – 12h / 14h – 17h", "09:00-12:00,14:00-17:00"),  # en dash
    ("9h à midi", "09:00-12:00"),
    ("de midi à 14h", "12:00-14:00"),
    ("9h-midi / 14h-17h", "09:00-12:00,14:00-17:00"),
    ("10h-14h", "10:00-14:00"),  # crosses noon
    ("11h30 - 13h30", "11:30-13:30"),
    ("10h-2h", "10:00-14:00"),  # afternoon written on 12 hours
    ("8h30-12h / 1h30-5h", "08:30-12:00,13:30-17:00"),
    ("9-12h / 14-17h", "09:00-12:00,14:00-17:00"),
    ("Matin : 9h-12h, après-midi : 14h-17h", "09:00-12:00,14:00-17:00"),
    ("journée continue 9h-17h", "09:00-17:00"),
    ("18h-00h", "18:00-24:00"),
    ("9h30 - 12h", "09:30-12:00"),
    ("14h - 16h30", "14:00-16:30"),
    ("00:00 - 00:00", ""),  # closed THAT day
    ("00:00 - 00:00 / 00:00 - 00:00", ""),
    ("", ""),
    ("fermé", ""),
    ("Fermé", ""),
    ("FERMEE", ""),
    ("-", ""),
    ("Non", ""),
    ("sur rendez-vous", None),
    ("matin", None),  # open, hours unknown: not closed
    ("Journée", None),
    ("Sur RDV", None),
    ("9h-12h sur rendez-vous", None),
    ("le matin sur rendez-vous", None),
    ("à partir de 9h", None),
    ("1er et 3e mardi du mois", None),
    ("9h 12h", None),
    ("selon planning", None),
    ("15/06", None),
    ("12h-9h", None),
    ("9h-12h / 11h-14h", None),  # overlapping
    ("25h-26h", None),
]


@pytest.mark.parametrize(("cell", "expected"), DAY_CELLS)
def test_day_cell(cell: str, expected: str | None) -> None:
    assert hours.day_ranges(cell) == expected


def test_the_table_is_large_and_converted_cells_are_valid_osm() -> None:
    assert len(DAY_CELLS) >= 40
    for _cell, ranges in DAY_CELLS:
        if ranges:
            assert opening_hours.validate(f"Mo {ranges}")


WEEKS: list[tuple[str, str | None]] = [
    ("Lundi au vendredi 9h-17h", "Mo-Fr 09:00-17:00"),
    ("Du lundi au vendredi de 9h à 12h et de 14h à 17h", "Mo-Fr 09:00-12:00,14:00-17:00"),
    ("lun, mar, jeu : 14h-18h", "Mo,Tu,Th 14:00-18:00"),
    ("Lundi-vendredi : 9h-12h / 14h-17h ; samedi : 9h-12h", "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"),
    ("du lundi au vendredi de 9h à 12h et de 14h à 17h, le samedi de 9h à midi",
     "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"),
    ("Lundi : 9h-12h ; Mardi : fermé ; Mercredi 14h-18h", "Mo 09:00-12:00; We 14:00-18:00"),
    ("Mardi et jeudi 14h-17h", "Tu,Th 14:00-17:00"),
    ("Lundi 9h-12h, lundi 14h-17h", "Mo 09:00-12:00,14:00-17:00"),
    ("9h-12h du lundi au vendredi", "Mo-Fr 09:00-12:00"),
    ("Tous les jours 10h-19h", "Mo-Su 10:00-19:00"),
    ("En semaine de 8h30 à 18h", "Mo-Fr 08:30-18:00"),
    ("Mercredi et samedi : 10h-12h / 14h-18h", "We,Sa 10:00-12:00,14:00-18:00"),
    ("Lun. Mar. Mer. : 9h-12h", "Mo-We 09:00-12:00"),
    ("Vendredi au lundi 10h-12h", "Mo,Fr-Su 10:00-12:00"),
    ("Lundi au vendredi 9h-17h, samedi fermé", "Mo-Fr 09:00-17:00"),
    ("Lundi au vendredi 9h-17h, fermé le samedi", "Mo-Fr 09:00-17:00"),
    ("Lundi au vendredi : 9h-12h / 14h-17h (fermé le mercredi après-midi)", None),  # part of a day: not guessed
    ("fermé", None),
    ("sur rendez-vous", None),
    ("lundi matin", None),  # days without hours
    ("9h à 12h - 14h à 18h", None),  # hours without days
    ("Lundi 9h-12h sauf vacances scolaires", None),
    ("Le 1er lundi du mois 9h-12h", None),
]


@pytest.mark.parametrize(("text", "expected"), WEEKS)
def test_week_text(text: str, expected: str | None) -> None:
    assert hours.from_text(text) == expected


def test_one_closed_saturday_does_not_drop_the_week() -> None:
    cells = {d: "09:00 - 12:00 / 13:30 - 17:00" for d in ("Mo", "Tu", "We", "Th", "Fr")}
    cells["Sa"] = "00:00 - 00:00"
    cells["Su"] = ""
    assert hours.from_days(cells) == ("Mo-Fr 09:00-12:00,13:30-17:00", [])


def test_an_unreadable_day_is_listed_and_the_text_can_be_kept() -> None:
    cells = {"Mo": "9h à 12h - 14h à 18h", "Tu": "sur rendez-vous", "We": "fermé"}
    assert hours.from_days(cells) == ("Mo 09:00-12:00,14:00-18:00", ["Tu"])
    kept = hours.days_text(cells)
    assert kept == "lundi : 9h à 12h - 14h à 18h ; mardi : sur rendez-vous ; mercredi : fermé"
    assert hours.from_text(kept) is None  # the whole text stays as written


def test_normalise_converts_or_says_so() -> None:
    notes: normalise.Notes = []
    assert normalise.horaires("Mo-Fr 09:00-12:00", notes, "h") == "Mo-Fr 09:00-12:00"
    assert normalise.horaires("Lundi au vendredi 9h-17h", notes, "h") == "Mo-Fr 09:00-17:00"
    assert notes == []
    assert normalise.horaires("sur rendez-vous", notes, "h") is None
    assert notes == [("h", "horaires « sur rendez-vous » hors format OpenStreetMap et non convertibles : texte "
                           "d'origine gardé dans presentation_detail (à saisir dans « horaires »)")]


def test_unconverted_hours_are_kept_in_the_record() -> None:
    values = {"nom": "France Services de Veynes", "commune": "Veynes", "code_postal": "05400",
              "adresse": "1 avenue Commandant Dumont", "date_maj": "2024-03-01",
              "horaires": "sur rendez-vous le mardi", "presentation_detail": "Accueil de proximité."}
    result = clean(RawRow("f.csv:ligne 2", values))
    assert result.error is None
    assert "horaires" not in result.data
    assert result.data["presentation_detail"] == (
        "Accueil de proximité.\n\nHoraires (texte d'origine, non converti) : sur rendez-vous le mardi")
    assert any("non convertibles" in note for note in result.notes)


_PIECES = st.sampled_from(["lundi", "mar", "vendredi", "au", "à", "-", "de", "9h", "12h30", "14:00", "midi", "/",
                           "et", ",", ";", "fermé", "00:00", "sur rendez-vous", "7", "h", ":", " ", "tous les jours"])


@given(st.lists(_PIECES, max_size=14).map(" ".join) | st.text(max_size=40))
def test_any_text_converts_to_valid_osm_or_is_kept(text: str) -> None:
    ranges = hours.day_ranges(text)
    assert ranges is None or ranges == "" or opening_hours.validate(f"Mo {ranges}")
    week = hours.from_text(text)
    assert week is None or opening_hours.validate(week)


def test_france_services_week_with_a_closed_saturday(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    source = tmp_path / "fs.csv"
    day = "09:00 - 12:00 / 13:30 - 17:00"
    source.write_text("id_fs;lib_fs;adresse;code_postal;lib_com;insee_com;mail;h_lundi;h_mardi;h_mercredi;h_jeudi;"
                      "h_vendredi;h_samedi\n"
                      f"9002;France Services de La Grave;Place de la Mairie;05320;La Grave;05063;"
                      f"la-grave@france-services.gouv.fr;{day};{day};9h à 12h - 14h à 18h;{day};{day};00:00 - 00:00\n",
                      encoding="utf-8")
    import_file(argparse.Namespace(format="france-services", fichier=source, root=root, departements=None,
                                   mapping=None, formulaire=None, mise_a_jour=False))
    written = next((root / "actors" / "structures").glob("*.yml")).read_text(encoding="utf-8")
    assert "horaires: Mo,Tu 09:00-12:00,13:30-17:00; We 09:00-12:00,14:00-18:00; Th,Fr 09:00-12:00,13:30-17:00" in written
    assert "la-grave@france-services.gouv.fr" in written
