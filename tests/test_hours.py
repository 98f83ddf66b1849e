"""OSM opening hours in French words: common forms are put into words, the rest is refused (None)."""

from __future__ import annotations

import opening_hours
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.site.hours_words import hours_in_words

NBSP = "\u00a0"


def words(value: str) -> str | None:
    text = hours_in_words(value)
    return None if text is None else text.replace(NBSP, " ")


def test_brief_example() -> None:
    assert words("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off") == (
        "du lundi au vendredi : 9 h – 12 h et 14 h – 17 h ; samedi : 9 h – 12 h ; fermé les jours fériés")


@pytest.mark.parametrize(("value", "expected"), [
    ("Mo 09:30-12:15", "lundi : 9 h 30 – 12 h 15"),
    ("Mo,We,Fr 10:00-12:00", "lundi, mercredi et vendredi : 10 h – 12 h"),
    ("Mo-We,Fr 10:00-12:00", "du lundi au mercredi et vendredi : 10 h – 12 h"),
    ("Sa-Su 10:00-18:00", "samedi et dimanche : 10 h – 18 h"),
    ("Mo-Su 08:00-20:00", "tous les jours : 8 h – 20 h"),
    ("08:00-20:00", "tous les jours : 8 h – 20 h"),
    ("24/7", "ouvert 24 h sur 24, 7 jours sur 7"),
    ("Mo-Fr 09:00-17:00; Su off", "du lundi au vendredi : 9 h – 17 h ; dimanche : fermé"),
    ("Tu closed", "mardi : fermé"),
    ("PH 10:00-12:00", "jours fériés : 10 h – 12 h"),
    ("Mo-Fr 09:00-12:00, 14:00-17:00", "du lundi au vendredi : 9 h – 12 h et 14 h – 17 h"),
    ("Fr-Mo 10:00-12:00", "du vendredi au lundi : 10 h – 12 h"),
])
def test_common_forms(value: str, expected: str) -> None:
    assert words(value) == expected


@pytest.mark.parametrize("value", [
    "Jan-Jun Mo 10:00-12:00",           # months
    "Mo[1] 10:00-12:00",                # nth weekday
    "Mo-Fr 09:00+",                     # open end
    'Mo-Fr 09:00-12:00 "sur rendez-vous"',  # comment
    "Mo-Fr 09:00-12:00 || PH off",      # fallback rule
    "SH off",                           # school holidays
    "week 1-26 Mo 10:00-12:00",
    "sunrise-sunset",
    "",
    "   ",
])
def test_too_complex_or_empty_gives_none(value: str) -> None:
    assert hours_in_words(value) is None


def test_none_input() -> None:
    assert hours_in_words(None) is None


@given(st.text(max_size=40))
def test_never_raises_and_never_invents(value: str) -> None:
    text = hours_in_words(value)
    assert text is None or (text and "None" not in text)


@given(st.sampled_from(["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]), st.integers(0, 22), st.integers(1, 9))
def test_valid_simple_rules_are_always_put_into_words(day: str, start: int, length: int) -> None:
    end = min(start + length, 24)
    value = f"{day} {start:02d}:00-{end:02d}:00"
    assert opening_hours.validate(value)
    text = words(value)
    assert text is not None
    assert f"{start} h – {end} h" in text
