"""The table of refused characters (generator/rules/characters.py): each category, each exception."""

from __future__ import annotations

import pytest

from generator.load.yaml_strict import ContentError, parse_text
from generator.rules.characters import char_description, char_hint, first_forbidden, strip_forbidden

SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"

REFUSED = [
    ("casi\u00adno", 4, "SOFT HYPHEN"),
    ("a\u061cb", 1, "ARABIC LETTER MARK"),
    ("a\u3164b", 1, "HANGUL FILLER"),
    ("\u115fa", 0, "HANGUL CHOSEONG FILLER"),
    ("a\uffa0", 1, "HALFWIDTH HANGUL FILLER"),
    ("x\U000e0041", 1, "TAG LATIN CAPITAL LETTER A"),
    ("\U000e0001fr", 0, "LANGUAGE TAG"),
    ("a\u2028b", 1, "LINE SEPARATOR"),
    ("a\u2029b", 1, "PARAGRAPH SEPARATOR"),
    ("a\ue000", 1, "U+E000 (caractère à usage privé)"),
    ("a\u0378", 1, "U+0378 (caractère non attribué)"),
    ("a\u200db", 1, "ZERO WIDTH JOINER"),  # a joiner between letters
    ("💻\u200d", 1, "ZERO WIDTH JOINER"),  # a joiner with nothing after
    ("🏴\U000e0067\U000e0062", 1, "TAG LATIN SMALL LETTER G"),  # flag sequence not closed
    ("a\U000e0067\U000e007f", 1, "TAG LATIN SMALL LETTER G"),  # tags without the black flag
    ("\U0001fffe", 0, "non-caractère"),
    ("\x85", 0, "U+0085"),
]


@pytest.mark.parametrize(("text", "index", "named"), REFUSED)
def test_refused_with_position_and_name(text: str, index: int, named: str) -> None:
    assert first_forbidden(text) == index
    assert named in char_description(text[index])


@pytest.mark.parametrize("text", [
    "👩\u200d💻", "🏳\ufe0f\u200d🌈", "👍🏽", SCOTLAND, f"Écosse {SCOTLAND} et pays", "❤\ufe0f",
    "a\u00a0b\u202fc", "a\tb\nc\r\n", "\U0001fae8",  # an emoji newer than Python's Unicode database
    "œ É « » — ’",
])
def test_real_text_is_allowed(text: str) -> None:
    assert first_forbidden(text) is None


def test_soft_hyphen_has_its_own_fix() -> None:
    assert "trait d'union conditionnel" in char_hint("\u00ad")


def test_importers_strip_only_refused_characters() -> None:
    assert strip_forbidden(f"casi\u00adno 👩\u200d💻 {SCOTLAND}\u2028") == f"casino 👩\u200d💻 {SCOTLAND}"


@pytest.mark.parametrize(("escape", "named"), [("\\u00ad", "SOFT HYPHEN"), ("\\u2028", "LINE SEPARATOR"),
                                               ("\\U000E0041", "TAG LATIN CAPITAL LETTER A")])
def test_escapes_in_yaml_are_refused_too(escape: str, named: str) -> None:
    with pytest.raises(ContentError) as info:
        parse_text(f'nom: "a{escape}b"\n', "actors/structures/x.yml")
    problem = info.value.problems[0]
    assert (problem.code, problem.location.line, problem.location.col) == ("Y-CARACTERE", 1, 6)
    assert named in problem.message
