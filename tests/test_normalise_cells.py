"""Cell transforms of the importers: postcodes from numbers, dates, phone numbers (generator/importers/normalise.py)."""

from __future__ import annotations

from typing import Any

import pytest

from generator.importers import normalise


@pytest.mark.parametrize(("cell", "expected"), [
    (4000, "04000"), (5000.0, "05000"), ("4000", "04000"), ("5400.0", "05400"), ("05400", "05400"),
    (" 05 400 ", "05400"), ("38119", "38119"), ("97600", "97600"), ("abc", None), ("", None), (None, None),
])
def test_postcode_from_a_number_column(cell: Any, expected: str | None) -> None:
    assert normalise.digits_code(cell, "code_postal", [], "code_postal") == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("15/03/2023", "2023-03-15"), ("5/3/2023", "2023-03-05"), ("2023-03-15", "2023-03-15"),
    ("15/03/2023 14:22:10", "2023-03-15"),  # YesWiki datetime_latest, d/m/Y H:i:s
    ("2023-03-15 14:22:10", "2023-03-15"), ("2023-03-15T14:22:10+01:00", "2023-03-15"),
    ("", "1970-01-01"), (None, "1970-01-01"), ("1970-01-01", "1970-01-01"), ("1900-01-01", "1970-01-01"),
    ("03/15/2023", "1970-01-01"),  # not a French date: unknown, never guessed
    ("bientôt", "1970-01-01"),
])
def test_dates_are_iso_and_unknown_stays_unknown(cell: Any, expected: str) -> None:
    notes: normalise.Notes = []
    assert normalise.date_maj(cell, notes, "date") == expected
    assert bool(notes) is (expected == "1970-01-01" and cell != "1970-01-01")


@pytest.mark.parametrize(("cell", "expected"), [
    ("04 92 51 00 00", "+33492510000"), ("04.92.51.00.00", "+33492510000"), ("0492510000", "+33492510000"),
    ("4 92 51 00 00", "+33492510000"), (492510000, "+33492510000"),  # number column: leading zero lost
    (492510000.0, "+33492510000"), ("492510000.0", "+33492510000"), (33492510000.0, "+33492510000"),
    ("+33 4 92 51 00 00", "+33492510000"), ("+33 (0)4 92 51 00 00", "+33492510000"),
    ("0262 26 12 34", "+262262261234"),
])
def test_phone_to_plus_33(cell: Any, expected: str) -> None:
    assert normalise.telephone(cell, [], "telephone") == expected


def test_two_numbers_keep_the_first_and_name_the_other() -> None:
    notes: normalise.Notes = []
    assert normalise.telephone("0492510000 / 0612345678", notes, "telephone") == "+33492510000"
    assert notes == [("telephone", "plusieurs numéros : seul le premier valide est gardé "
                                   "(non importés : « 0612345678 »)")]


def test_unreadable_phone_is_reported() -> None:
    notes: normalise.Notes = []
    assert normalise.telephone("standard de la mairie", notes, "telephone") is None
    assert notes == [("telephone", "numéro « standard de la mairie » illisible, non importé")]
