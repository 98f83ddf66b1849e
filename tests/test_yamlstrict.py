"""The strict YAML loader: every guarantee of generator/load/yaml_strict.py, with positions."""

from __future__ import annotations

import pytest

from generator.errors import ContentError
from generator.load.sources import split_front_matter
from generator.load.yaml_strict import MAX_DEPTH, Document, char_label, decode, line_col, load_bytes, parse_text


def load(text: str) -> Document:
    return load_bytes(text.encode("utf-8"), "f.yml")


def problem_of(raw: bytes | str, **kwargs: int) -> tuple[str, int, int, str]:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    with pytest.raises(ContentError) as info:
        load_bytes(data, "f.yml", **kwargs)
    assert len(info.value.problems) == 1
    p = info.value.problems[0]
    assert p.location.path == "f.yml"
    return p.code, p.location.line, p.location.col, p.message


# --- every scalar stays text (no YAML 1.1 typing) ------------------------------------------

@pytest.mark.parametrize("raw", ["01000", "05400", "09", "NO", "no", "yes", "on", "off", "true", "False", "12:30",
                                 "1.10", "2024-03-05", "2024-3-5", "+33612345678", "0x1F", "1e3", ".inf", ".nan",
                                 "0o17", "1_000", "=", "<<"])
def test_plain_scalars_stay_strings(raw: str) -> None:
    assert load(f"v: {raw}\n").data == {"v": raw}


@pytest.mark.parametrize("raw", ["", " ~", " null", " Null", " NULL"])
def test_nulls(raw: str) -> None:
    assert load(f"v:{raw}\n").data == {"v": None}


@pytest.mark.parametrize("raw", ['""', "''", '"null"', "'~'", '"NULL"'])
def test_quoted_nulls_stay_text(raw: str) -> None:
    assert load(f"v: {raw}\n").data == {"v": raw[1:-1]}


def test_empty_list_item_is_none() -> None:
    assert load("v:\n  -\n  - a\n").data == {"v": [None, "a"]}


def test_block_scalars_and_quotes() -> None:
    doc = load("a: |\n  ligne 1\n  ligne 2\nb: >\n  plié\n  ici\nc: 'l''apostrophe'\nd: \"tab\\tici\"\n")
    assert doc.data == {"a": "ligne 1\nligne 2\n", "b": "plié ici\n", "c": "l'apostrophe", "d": "tab\tici"}


def test_nested_structures() -> None:
    doc = load("a:\n  b:\n    - x\n    - {c: d, e: [f, g]}\n")
    assert doc.data == {"a": {"b": ["x", {"c": "d", "e": ["f", "g"]}]}}


# --- positions --------------------------------------------------------------------------------

def test_positions_of_keys_and_values() -> None:
    doc = load("nom: Médiathèque\nsite_web:\n  - https://a.fr\n  - https://b.fr\npublication:\n  consentie: true\n"
               "liste: [a, bb, ccc]\n")
    assert doc.keys[("nom",)] == (1, 1)
    assert doc.values[("nom",)] == (1, 6)
    assert doc.keys[("site_web",)] == (2, 1)
    assert doc.values[("site_web",)] == (3, 3)
    assert doc.values[("site_web", 0)] == (3, 5)
    assert doc.values[("site_web", 1)] == (4, 5)
    assert doc.keys[("publication", "consentie")] == (6, 3)
    assert doc.values[("publication", "consentie")] == (6, 14)
    assert doc.values[("liste", 0)] == (7, 9)
    assert doc.values[("liste", 1)] == (7, 12)
    assert doc.values[("liste", 2)] == (7, 16)
    assert doc.values[()] == (1, 1)


def test_locate_falls_back_to_nearest_parent() -> None:
    doc = load("a: x\nb:\n  c: y\n")
    assert str(doc.locate(("b", "c"))) == "f.yml:3:6"
    assert str(doc.locate(("b", "c"), key=True)) == "f.yml:3:3"
    assert str(doc.locate(("b", "absent"))) == "f.yml:3:3"  # the mapping under b
    assert str(doc.locate(("absent",))) == "f.yml:1:1"
    assert str(doc.locate((), key=True)) == "f.yml:1:1"


def test_positions_count_characters_not_bytes() -> None:
    doc = load("nom: «\u00a0Été\u00a0» 🙂\nx: y\n")
    assert doc.values[("nom",)] == (1, 6)
    doc = load("éé: 🙂🙂\nb: [é, ü]\n")
    assert doc.values[("éé",)] == (1, 5)
    assert doc.values[("b", 1)] == (2, 8)


def test_line_col() -> None:
    assert line_col("ab\ncd", 0) == (1, 1)
    assert line_col("ab\ncd", 4) == (2, 2)
    assert line_col("ab\n", 3) == (2, 1)


def test_front_matter_positions_are_file_positions() -> None:
    text = "---\ntitre: Réunion\ndate: 2024-06-21\n---\n# Corps\n"
    front, body, body_line = split_front_matter(text, "m.md")
    doc = parse_text(front, "m.md", line_offset=1)
    assert doc.keys[("date",)] == (3, 1)
    assert doc.values[("titre",)] == (2, 8)
    assert body == "# Corps\n"
    assert body_line == 5


def test_front_matter_errors_are_file_positions() -> None:
    with pytest.raises(ContentError) as info:
        parse_text("titre: a\ntitre: b\n", "m.md", line_offset=1)
    assert str(info.value.problems[0].location) == "m.md:3:1"
    assert "ligne 2" in info.value.problems[0].message


# --- encoding, BOM, CRLF, characters -----------------------------------------------------------

def test_bom_is_dropped_policy() -> None:
    """Y9 policy: a UTF-8 BOM (Windows editors add it) is accepted and removed; positions ignore it."""
    doc = load_bytes(b"\xef\xbb\xbfnom: Veynes\n", "f.yml")
    assert doc.data == {"nom": "Veynes"}
    assert doc.keys[("nom",)] == (1, 1)


def test_bom_inside_the_text_is_refused() -> None:
    assert problem_of("nom: a\ufeffb\n")[:3] == ("Y-CARACTERE", 1, 7)


def test_crlf_is_accepted_with_same_data_and_positions() -> None:
    text = "nom: Veynes\nsite_web:\n  - https://a.fr\nresume: |\n  l1\n  l2\n"
    lf = load(text)
    crlf = load_bytes(text.replace("\n", "\r\n").encode(), "f.yml")
    assert crlf.data == lf.data
    assert crlf.values == lf.values
    assert crlf.keys == lf.keys


def test_crlf_front_matter() -> None:
    text = "---\r\ntitre: Réunion\r\n---\r\nCorps\r\n"
    front, _body, body_line = split_front_matter(text, "m.md")
    assert parse_text(front, "m.md", line_offset=1).data == {"titre": "Réunion"}
    assert body_line == 4


def test_latin1_position() -> None:
    code, line, col, message = problem_of("nom: Hélène\n".encode("latin-1"))
    assert (code, line, col) == ("Y-UTF8", 1, 7)
    assert "0xe9" in message


def test_bad_utf8_on_a_later_line_after_multibyte_characters() -> None:
    raw = "a: é\nb: çà".encode() + b"\xff\n"
    assert problem_of(raw)[:3] == ("Y-UTF8", 2, 6)


def test_decode_line_offset() -> None:
    with pytest.raises(ContentError) as info:
        decode(b"a\nb\x07", "m.md", line_offset=3)
    assert str(info.value.problems[0].location) == "m.md:5:2"


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u200b", "\u200d", "\u200e", "\u2060", "\x00",
                                  "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\x0b", "\x0c"])
def test_forbidden_characters_raw(char: str) -> None:
    code, line, col, message = problem_of(f"a: 1\nnom: Mé{char}dia\n")
    assert (code, line, col) == ("Y-CARACTERE", 2, 8)
    assert f"U+{ord(char):04X}" in message


@pytest.mark.parametrize("escape", ["\\u202e", "\\0", "\\a", "\\x85", "\\u200b", "\\e", "\\U0000202E"])
def test_forbidden_characters_escaped_in_double_quotes(escape: str) -> None:
    code, line, col, message = problem_of(f'a: 1\nnom: "Mé{escape}dia"\n')
    assert (code, line, col) == ("Y-CARACTERE", 2, 6)
    assert "échappement" in message


def test_forbidden_character_in_a_key() -> None:
    assert problem_of('"n\\u200bom": x\n')[:3] == ("Y-CARACTERE", 1, 1)


@pytest.mark.parametrize("char", ["\u00a0", "\u202f", "\u2019", "«", "»", "—", "œ", "É", "🙂", "\u2009", "\t"])
def test_typographic_characters_allowed(char: str) -> None:
    assert load(f'nom: "a{char}b"\n').data == {"nom": f"a{char}b"}


def test_char_label_is_french() -> None:
    assert char_label("\u202e") == "U+202E (contrôle de direction du texte)"
    assert char_label("\x00") == "U+0000 (caractère nul)"
    assert char_label("\x07") == "U+0007 (caractère de contrôle)"


# --- structure limits ---------------------------------------------------------------------------

def test_size_cap() -> None:
    code, line, col, _message = problem_of(b"a: " + b"x" * 100 + b"\n", max_bytes=50)
    assert (code, line, col) == ("Y-TAILLE", 1, 1)
    load_bytes(b"a: " + b"x" * 40 + b"\n", "f.yml", max_bytes=50)


def test_nesting_limit_boundary() -> None:
    # the root mapping is level 1: MAX_DEPTH - 1 nested lists still load, one more is refused
    ok = MAX_DEPTH - 1
    assert load("a: " + "[" * ok + "]" * ok + "\n").data is not None
    code, line, col, _ = problem_of("a: " + "[" * (ok + 1) + "]" * (ok + 1) + "\n")
    assert (code, line, col) == ("Y-PROFONDEUR", 1, 4 + ok)


@pytest.mark.parametrize("text", ["a: " + "[" * 5000, "a: " + "{a: " * 5000 + "x", "- " * 5000 + "x",
                                  "".join(" " * i + "- \n" for i in range(0, 400, 2))])
def test_deep_nesting_never_raises_recursion_error(text: str) -> None:
    assert problem_of(text + "\n")[0] == "Y-PROFONDEUR"


def test_tab_indentation() -> None:
    assert problem_of("a:\n\t- b\n")[:3] == ("Y-TABULATION", 2, 1)
    assert problem_of("a:\n  \tb: c\n")[:3] == ("Y-TABULATION", 2, 3)


def test_tab_inside_a_value_is_fine() -> None:
    assert load("a: b\tc\n").data == {"a": "b\tc"}


# --- refused constructs -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "pos"), [
    ("a: &x 1\nb: 2\n", (1, 4)),
    ("a: [1]\nb: *x\n", (2, 4)),
    ("a: &l [1, 2]\n", (1, 4)),
    ("a: &m {b: c}\n", (1, 4)),
    ("&r a: 1\n", (1, 1)),
])
def test_anchors_and_aliases(text: str, pos: tuple[int, int]) -> None:
    code, line, col, _ = problem_of(text)
    assert (code, (line, col)) == ("Y-ANCRE", pos)


def test_alias_bomb_refused_at_first_anchor() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]" for p, n in zip("abcdefghi", "bcdefghij", strict=True)]
    raw = "\n".join(lines) + "\n"
    assert len(raw.encode()) <= 500
    assert problem_of(raw)[:3] == ("Y-ANCRE", 1, 4)


@pytest.mark.parametrize(("text", "tag"), [
    ('a: !!python/object/apply:os.system ["id"]\n', "!!python/object/apply:os.system"),
    ("a: !!python/name:os.system\n", "!!python/name:os.system"),
    ("a: !!binary aGVsbG8=\n", "!!binary"),
    ("a: !foo bar\n", "!foo"),
    ("a: !!str 3\n", "!!str"),
    ("a: !!map {b: c}\n", "!!map"),
    ("a: !<tag:example.com,2000:x> y\n", "tag:example.com,2000:x"),
])
def test_explicit_tags(text: str, tag: str) -> None:
    code, line, col, message = problem_of(text)
    assert (code, line, col) == ("Y-ETIQUETTE", 1, 4)
    assert f"« {tag} »" in message


def test_duplicate_keys() -> None:
    code, line, col, message = problem_of("nom: a\nx: 1\nnom: b\n")
    assert (code, line, col) == ("Y-DOUBLON", 3, 1)
    assert "ligne 1" in message
    assert problem_of("p:\n  a: 1\n  a: 2\n")[:3] == ("Y-DOUBLON", 3, 3)
    assert problem_of("p: {a: 1, a: 2}\n")[:3] == ("Y-DOUBLON", 1, 11)


def test_same_key_in_different_mappings_is_fine() -> None:
    assert load("a: {x: 1}\nb: {x: 2}\nc:\n  - x: 3\n  - x: 4\n").data["c"] == [{"x": "3"}, {"x": "4"}]


def test_complex_key() -> None:
    assert problem_of("? [a, b]\n: c\n")[0] == "Y-CLE"
    assert problem_of("{a: 1}: c\n")[0] in {"Y-CLE", "Y-SYNTAXE"}


@pytest.mark.parametrize("text", ["", "\n\n", "# commentaire\n", "---\n", "---\n...\n", "~\n", "null\n"])
def test_empty_documents(text: str) -> None:
    assert problem_of(text)[:3] == ("Y-VIDE", 1, 1)


def test_two_documents() -> None:
    assert problem_of("a: 1\n---\nb: 2\n")[:3] == ("Y-DOCUMENTS", 2, 1)
    assert problem_of("---\na: 1\n---\n")[:3] == ("Y-DOCUMENTS", 3, 1)


def test_explicit_single_document_is_fine() -> None:
    assert load("---\na: 1\n...\n").data == {"a": "1"}


@pytest.mark.parametrize(("text", "pos", "word"), [
    ("a: b: c\n", (1, 5), "« : » inattendu"),
    ('a: "ouvert\nb: c\n', (1, 4), "guillemet"),
    ("a: [1, 2\nb: c\n", None, "syntaxe YAML"),
    ("a: {b: c\n", None, "syntaxe YAML"),
    ("a:\n  - b\n c: d\n", None, "syntaxe YAML"),
    ("a: @x\n", (1, 4), "caractère interdit en début de valeur"),
    ("a: `x`\n", (1, 4), "caractère interdit en début de valeur"),
    ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", None, "syntaxe YAML"),
])
def test_syntax_errors_are_french_and_positioned(text: str, pos: tuple[int, int] | None, word: str) -> None:
    code, line, col, message = problem_of(text)
    assert code == "Y-SYNTAXE"
    assert word in message
    assert line >= 1 and col >= 1
    if pos is not None:
        assert (line, col) == pos


def test_content_error_lists_problems() -> None:
    with pytest.raises(ContentError) as info:
        load("a: &x 1\n")
    assert str(info.value).startswith("f.yml:1:4: [Y-ANCRE] ")


@pytest.mark.parametrize("escape", ["\\uFFFE", "\\uFFFF", "\\uFDD0", "\\U0001FFFE", "\\U0010FFFF"])
def test_non_characters_are_refused_even_escaped(escape: str) -> None:
    # They pass YAML but break XML outputs (RSS, iCal) and HTML: refused at the value's position.
    with pytest.raises(ContentError) as caught:
        parse_text(f'nom: "Rencontre{escape} de printemps"\n', "x.yml")
    problem = caught.value.problems[0]
    assert (problem.code, problem.location.line, problem.location.col) == ("Y-CARACTERE", 1, 6)
    assert "non-caractère Unicode" in problem.message
