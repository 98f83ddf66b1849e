"""The YAML writer: our strict loader reads back exactly what was written."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load.yaml_strict import parse_text
from generator.load.yaml_writer import dump

# Characters the strict loader refuses anyway (controls, bidi, zero-width) are excluded.
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp")), min_size=1,
               max_size=40).filter(lambda s: s.strip() == s and s != "")
KEYS = st.sampled_from(["nom", "adresse", "commune", "services", "typologie", "autre_cle", "horaires", "reseaux"])


@settings(max_examples=300)
@given(st.dictionaries(KEYS, st.one_of(TEXT, st.lists(TEXT, min_size=1, max_size=4)), min_size=1))
def test_round_trip(data: dict) -> None:
    assert parse_text(dump(data), "x.yml").data == data


def test_order_and_styles() -> None:
    text = dump({"zone_intervention": ["05179"], "nom": "A: b", "code_postal": "05400", "id": "x-1",
                 "services": ["a, b", "c"], "typologie": ["BIB"], "vide": [], "aucun": None})
    assert text == ('id: x-1\nnom: "A: b"\ncode_postal: "05400"\ntypologie: [BIB]\n'
                    'services:\n  - a, b\n  - c\nzone_intervention: ["05179"]\n')


def test_ambiguous_scalars_are_quoted() -> None:
    for value in ("yes", "null", "~", "12:30", "007", "- x", "#x", "a #b", "[x]", "{x}", "'x'", '"x"', "@x", "%x", "*x",
                  "&x", "!x", "|x", ">x", "x:"):
        assert dump({"nom": value}).startswith('nom: "'), value
        assert parse_text(dump({"nom": value}), "x.yml").data == {"nom": value}
