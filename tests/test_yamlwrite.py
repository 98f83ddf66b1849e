"""The YAML writer: the strict loader reads back exactly what was written, and nothing it would refuse is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ContentError
from generator.importers.record import Cleaned
from generator.importers.writer import Report, write_all
from generator.load.yaml_strict import parse_text
from generator.load.yaml_writer import dump
from generator.models import Person, Publication, Structure, vocab
from generator.models.common import INSEE_RE, POSTCODE_RE, SLUG_RE
from generator.rules.characters import FORBIDDEN

# Derandomised (and without deadline) through the shared profile of conftest.py when CI is set.
PROPERTY = settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])

# What once broke the writer or would be re-read as something else by a YAML reader.
TRICKY = ["[0:?]", "- x", "-", ": a", ":a", "?a", "? a", "#", "a #b", "a: b", "x:", "'", '"', "''", "\\", " x", "x ",
          " ", "yes", "no", "No", "y", "n", "on", "OFF", "true", "~", "null", "NULL", "0123", "05400", "1e3", "1E-3",
          ".5", "0x1F", "0o17", "0b101", "12:30", "00:30", "+33492000000", "2024-01-01", ".inf", "-.NaN", "=", "<<",
          "---", "...", "—", "« x »", "a\u00a0b", "\u00a0", "😀", "L'atelier 😀 : « ça »", "a\nb", "a\nb\n", "\n",
          "a\n\n", " a\nb", "a \nb", "a\tb", "\ta", "\r\n", "%x", "@x", "`x`", "&x", "*x", "!x",
          "|x", ">x", "{x}", "[x]", "a,b", "https://exemple.fr/a?b=c#d", "Mo-Fr 09:00-12:00; Sa 09:00-12:00"]
REFUSED = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\u200b", "\u200f", "\u202e", "\u2066", "\ufeff", "\ud800",
           "\udfff", "\ufdd0", "\ufffe", "\U0001fffe", "\U0010ffff",
           "\u2028", "\u2029", "\u00ad", "\u061c", "\u3164", "\U000e0041", "\ue000", "\u0378"]  # Zl, Zp, Cf, Lo filler, Co, Cn
# Any Unicode the loader accepts (refused characters are added by ``records`` below).
CHARS = st.one_of(st.characters().filter(lambda char: not FORBIDDEN.match(char)),
                  st.sampled_from(["\n", " ", ":", "#", "'", '"', "-", "\u00a0", "😀"]))
ANY_TEXT = st.one_of(st.sampled_from(TRICKY), st.text(CHARS, max_size=30),
                     st.lists(st.sampled_from(TRICKY), min_size=1, max_size=3).map("".join))
MARKDOWN_LINE = st.one_of(st.sampled_from(["## Titre", "- point", "* autre", "1. premier", "> citation", "", "  retrait",
                                           "[lien](https://exemple.fr)", "**gras** et _italique_", "| a | b |",
                                           "```", "#hashtag", "a: b", "fin "]), ANY_TEXT)
MARKDOWN = st.builds(lambda lines, end: "\n".join(lines) + end, st.lists(MARKDOWN_LINE, min_size=1, max_size=6),
                     st.sampled_from(["", "\n", "\n\n"]))
PHONE = st.sampled_from(["04 92 00 00 00", "0492000000", "04.92.00.00.00", "+33 4 92 00 00 00", "+33492000000",
                         "(+33) 4-92-00-00-00", "0590 12 34 56", "06 00 00 00 0"])
DATE = st.dates().map(lambda day: day.isoformat())
URL = st.builds(lambda host, path: f"https://{host}/{path}", st.from_regex(r"[a-z0-9-]{1,12}\.fr", fullmatch=True),
                st.text(st.sampled_from("abc/?#=&:%-_.~éà 😀"), max_size=20))
EMAIL = st.from_regex(r"[a-z0-9.+-]{1,10}@[a-z0-9-]{1,10}\.fr", fullmatch=True)
SLUG = st.from_regex(SLUG_RE, fullmatch=True).filter(lambda s: len(s) < 40)
POSTCODE = st.from_regex(POSTCODE_RE, fullmatch=True)
INSEE = st.from_regex(INSEE_RE, fullmatch=True)
NUMBER = st.floats(-90, 90, allow_nan=False).map(repr)
HOURS = st.sampled_from(["Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00", "24/7", "Tu,Th 14:00-18:00", "off"])
BOOL = st.sampled_from(["true", "false"])


def vocab_list(values: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), unique=True, max_size=4)


def text_list(item: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(item, max_size=4)


STRUCTURE_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "id": ANY_TEXT, "pivot": st.sampled_from(["13002526500013", "W123456789", "130 025 265 00013"]), "nom": ANY_TEXT,
    "commune": ANY_TEXT, "code_postal": POSTCODE, "code_insee": INSEE, "adresse": ANY_TEXT,
    "complement_adresse": ANY_TEXT, "latitude": NUMBER, "longitude": NUMBER,
    "typologie": vocab_list(tuple(vocab.TYPOLOGIES)), "telephone": PHONE, "courriels": text_list(EMAIL),
    "site_web": text_list(URL), "horaires": HOURS, "presentation_resume": ANY_TEXT, "presentation_detail": MARKDOWN,
    "source": ANY_TEXT, "itinerance": vocab_list(vocab.ITINERANCE), "structure_parente": ANY_TEXT, "date_maj": DATE,
    "services": vocab_list(vocab.SERVICES), "publics_specifiquement_adresses": vocab_list(vocab.PUBLICS),
    "prise_en_charge_specifique": vocab_list(vocab.PRISE_EN_CHARGE), "frais_a_charge": vocab_list(vocab.FRAIS),
    "dispositif_programmes_nationaux": vocab_list(vocab.DISPOSITIFS),
    "formations_labels": vocab_list(vocab.FORMATIONS_LABELS), "autres_formations_labels": text_list(ANY_TEXT),
    "modalites_acces": vocab_list(vocab.MODALITES_ACCES),
    "modalites_accompagnement": vocab_list(vocab.MODALITES_ACCOMPAGNEMENT), "fiche_acces_libre": URL,
    "prise_rdv": URL, "reseaux": text_list(SLUG), "zone_intervention": text_list(INSEE),
}
PUBLICATION_FIELDS: dict[str, st.SearchStrategy[Any]] = {"consentie": BOOL, "date": DATE, "par": ANY_TEXT}
PERSON_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "nom": ANY_TEXT, "fictif": BOOL, "structures": text_list(SLUG), "role": ANY_TEXT, "competences": text_list(SLUG),
    "appetences": text_list(ANY_TEXT), "presentation": MARKDOWN,
    "publication": st.fixed_dictionaries({}, optional=PUBLICATION_FIELDS),
}


def test_every_model_field_has_a_strategy() -> None:
    assert set(STRUCTURE_FIELDS) == set(Structure.model_fields)
    assert set(PERSON_FIELDS) == set(Person.model_fields)
    assert set(PUBLICATION_FIELDS) == set(Publication.model_fields)


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*value, *(text for item in value.values() for text in _texts(item))]
    return [text for item in value for text in _texts(item)]


def _written(value: Any) -> Any:
    """What the loader gives back: empty values are not written."""
    if isinstance(value, dict):
        return {k: _written(v) for k, v in value.items() if v not in ("", [], {}, None)}
    return value


def _round_trip(data: dict[str, Any]) -> None:
    if any(FORBIDDEN.search(text) for text in _texts(data)):
        with pytest.raises(ContentError) as refused:
            dump(data, path="actors/structures/x.yml")
        assert [p.code for p in refused.value.problems] == ["Y-CARACTERE"]
        assert str(refused.value).startswith("actors/structures/x.yml:1:1: [Y-CARACTERE] « ")
        return
    assert parse_text(dump(data), "x.yml").data == _written(data)


def _spoil(value: Any, char: str, where: int) -> Any:
    """``value`` with ``char`` inserted into one of its texts (a key or a value)."""
    if isinstance(value, str):
        return value[:where] + char + value[where:]
    if isinstance(value, list):
        return [_spoil(value[0], char, where), *value[1:]]
    key = next(iter(value))
    if where % 2:
        return {_spoil(key, char, where): value[key], **{k: v for k, v in value.items() if k != key}}
    return {**value, key: _spoil(value[key], char, where)}


@st.composite
def records(draw: st.DrawFn, fields: dict[str, st.SearchStrategy[Any]]) -> dict[str, Any]:
    """A record drawn field by field; one in four gets a refused character in one of its non-empty texts."""
    data = draw(st.fixed_dictionaries({}, optional=fields))
    spoilable = [key for key, value in data.items() if value and (not isinstance(value, dict) or
                                                                 all(isinstance(v, str) for v in value.values()))]
    if spoilable and draw(st.integers(0, 3)) == 0:
        key = draw(st.sampled_from(spoilable))
        data[key] = _spoil(data[key], draw(st.sampled_from(REFUSED)), draw(st.integers(0, 30)))
    return data


@pytest.mark.lent  # ~10 s each on the shared machine
@PROPERTY
@given(records(STRUCTURE_FIELDS))
def test_structure_fields_round_trip(data: dict[str, Any]) -> None:
    _round_trip(data)


@pytest.mark.lent  # ~10 s each on the shared machine
@PROPERTY
@given(records(PERSON_FIELDS))
def test_person_fields_round_trip(data: dict[str, Any]) -> None:
    _round_trip(data)


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_values_read_back_the_same(value: str) -> None:
    data = {"nom": value, "services": [value, "x"], "publication": {"par": value}}
    assert parse_text(dump(data), "x.yml").data == _written(data)


@pytest.mark.parametrize("char", REFUSED)
def test_refused_characters_are_never_written(char: str) -> None:
    with pytest.raises(ContentError) as refused:
        dump({"nom": "Lieu", "services": [f"a{char}b"]}, path="actors/structures/lieu.yml")
    problem = refused.value.problems[0]
    assert (problem.location.path, problem.code) == ("actors/structures/lieu.yml", "Y-CARACTERE")
    assert "« services »" in problem.message and f"U+{ord(char):04X}" in problem.message and problem.hint


def test_order_and_styles() -> None:
    text = dump({"zone_intervention": ["05179"], "nom": "A: b", "code_postal": "05400", "id": "x-1",
                 "services": ["a, b", "c"], "typologie": ["BIB"], "vide": [], "aucun": None, "autre": "[0:?]",
                 "presentation_detail": "## Accueil\n\nSur rendez-vous : 04 92 00 00 00.\n", "date_maj": "2024-09-10",
                 "telephone": "+33492000000", "commune": "Saint-Étienne-en-Dévoluy"})
    assert text == ('id: x-1\nnom: "A: b"\ncommune: Saint-Étienne-en-Dévoluy\ncode_postal: "05400"\n'
                    'typologie:\n  - BIB\ntelephone: "+33492000000"\n'
                    'presentation_detail: |\n  ## Accueil\n\n  Sur rendez-vous : 04 92 00 00 00.\n'
                    'date_maj: "2024-09-10"\nservices:\n  - a, b\n  - c\nzone_intervention:\n  - "05179"\n'
                    'autre: "[0:?]"\n')


def test_person_keys_follow_the_model() -> None:
    text = dump({"publication": {"par": "la coordination", "date": "2024-01-01", "consentie": "true"},
                 "structures": ["mediatheque"], "nom": "Camille D."})
    assert text == ('nom: Camille D.\nstructures:\n  - mediatheque\n'
                    'publication:\n  consentie: "true"\n  date: "2024-01-01"\n  par: la coordination\n')


def test_ambiguous_scalars_are_quoted() -> None:
    for value in ("yes", "null", "~", "12:30", "007", "1e3", "y", "- x", "#x", "a #b", "[x]", "{x}", "'x'", '"x"', "@x",
                  "%x", "*x", "&x", "!x", "|x", ">x", "x:", ":x", "?x", "`x`", " x", "x "):
        assert dump({"nom": value}).startswith('nom: "'), value
        assert parse_text(dump({"nom": value}), "x.yml").data == {"nom": value}
    assert dump({"nom": "L'atelier — « ça »"}) == "nom: L'atelier — « ça »\n"
    with pytest.raises(ContentError):  # an invisible line separator (Zl) is refused, not escaped
        dump({"nom": "a\u2028b"})


def test_importer_reports_a_refused_row_and_writes_nothing(tmp_path: Path) -> None:
    report = Report("mednum", "source.csv")
    item = Cleaned("source.csv:ligne 3", {"nom": "Lieu\ufffe", "commune": "Gap", "code_postal": "05000",
                                          "adresse": "1 rue", "date_maj": "2024-01-01"}, [])
    write_all(tmp_path, [item], report, update=False)
    assert report.created == [] and not list(tmp_path.rglob("*"))  # not even an empty folder
    assert report.ignored == ["source.csv:ligne 3: « nom » contient un caractère invisible ou de contrôle interdit "
                              "U+FFFE (non-caractère Unicode) — supprimez ce caractère de la source (il vient souvent "
                              "d'un copier-coller), puis recommencez"]
