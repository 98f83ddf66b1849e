"""Every stage judges with the same rule: lint and importers on e-mails, model, importer and export on
phones, lint and renderer on links, importer, communes and display on folding, model and geo on
département codes, and one French agreement for counts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config.options import validate_options
from generator.errors import ContentError, Location
from generator.geo.communes import name_key, normalise_departements
from generator.importers import normalise
from generator.load.markdown_lint import lint_markdown
from generator.models import Structure
from generator.models.common import DEPT_RE
from generator.models.standard import COLUMNS
from generator.rules.departements import DEPARTEMENT_RE, DEPARTEMENTS, departement_name, known_departement_name
from generator.rules.emails import first_names, is_personal_email
from generator.rules.folding import fold
from generator.rules.phones import PHONE_PATTERN, display_phone, normalise_phone
from generator.rules.urls import is_allowed_link
from generator.rules.wording import agree, count, format_number, format_percent
from generator.site.pages.display import sort_key
from generator.site.render import markdown_html

PERSONAL = ["marie-claire.dupont@example.org", "jeanne.martin@mairie-veynes.fr", "dupont.marie@example.org",
            "p.nom@example.org", "j-dupont@example.org", "camille_roux@example.org", "jean-dupont@example.org",
            "Élodie.Bérard@example.org", "prenom.nom@example.org"]
GENERIC = ["contact@example.org", "accueil@example.org", "franceservices.veynes@example.org",
           "france-services@example.org", "france.services@example.org", "mediation.numerique@example.org",
           "mairie.gap@example.org", "epn-05@example.org", "conseiller-numerique2@example.org",
           "tiers-lieu@example.org", "jdupont@example.org", "veynes.gap@example.org", "accueil.marie@example.org"]
STRUCTURE = {"nom": "Médiathèque de Veynes", "commune": "Veynes", "code_postal": "05400",
             "adresse": "1 rue de la Gare", "date_maj": "2024-04-02"}
EXPORT_PHONE_PATTERN = next(column.pattern for column in COLUMNS if column.name == "telephone") or ""
SLOW = settings(max_examples=150)  # derandomised in CI by the shared profile (conftest.py)


def lint_says_personal(address: str) -> bool:
    return "M-COURRIEL" in [p.code for p in lint_markdown(f"Écrire à {address} pour s'inscrire.\n", "actions/a.md")]


def importer_keeps(address: str) -> bool:
    notes: normalise.Notes = []
    return normalise.courriels([address], notes, "courriel") == [address]


# --- e-mails ----------------------------------------------------------------------------------

@pytest.mark.parametrize("address", PERSONAL)
def test_personal_addresses_refused_by_lint_and_importer(address: str) -> None:
    assert is_personal_email(address)
    assert lint_says_personal(address)
    assert not importer_keeps(address)


@pytest.mark.parametrize("address", GENERIC)
def test_generic_addresses_accepted_by_lint_and_importer(address: str) -> None:
    assert not is_personal_email(address)
    assert not lint_says_personal(address)
    assert importer_keeps(address)


def test_first_names_come_from_the_installed_package() -> None:
    names = first_names()
    assert len(names) > 200
    assert {"marie", "jean", "claire", "elodie"} <= names  # folded: « Élodie » → « elodie »
    assert "contact" not in names and "mairie" not in names


_LOCAL = st.from_regex(r"[a-z]{1,8}([._-][a-z0-9]{1,9}){0,2}", fullmatch=True)


@SLOW
@given(local=_LOCAL | st.sampled_from(sorted(first_names())).map(lambda n: f"{n}.martin"))
def test_lint_and_importer_agree_on_any_address(local: str) -> None:
    address = f"{local}@example.org"
    personal = is_personal_email(address)
    assert lint_says_personal(address) is personal
    assert importer_keeps(address) is not personal


# --- phones -----------------------------------------------------------------------------------

PHONES = ["04 92 00 00 00", "04.92.00.00.00", "+33 (0)4 92 00 00 00", "0033492000000", "04/92/00/00/00",
          "06 12 34 56 78", "+262 262 00 00 00", "0590 12 34 56", "0262 26 12 34"]
NOT_PHONES = ["04 92 00", "04 92 AB CD EF", "+1 555 0100 200", "3949", "00 00 00 00 00", "tél. 04 92 00 00 00"]


def model_phone(raw: str) -> str | None:
    try:
        return Structure.model_validate({**STRUCTURE, "telephone": raw}).telephone
    except ValueError:
        return None


def importer_phone(raw: str) -> str | None:
    return normalise.telephone(raw, [], "telephone")


@pytest.mark.parametrize("raw", PHONES + NOT_PHONES)
def test_model_importer_and_export_normalise_phones_alike(raw: str) -> None:
    expected = normalise_phone(raw)
    assert (expected is None) is (raw in NOT_PHONES)
    assert model_phone(raw) == expected
    assert importer_phone(raw) == expected
    if expected is not None:
        assert re.fullmatch(EXPORT_PHONE_PATTERN, expected) and expected[1:].isascii() and expected[1:].isdigit()


def test_overseas_national_numbers_take_their_own_prefix() -> None:
    assert normalise_phone("0590 12 34 56") == "+590590123456"
    assert normalise_phone("0262 26 12 34") == "+262262261234"
    assert EXPORT_PHONE_PATTERN == PHONE_PATTERN


@SLOW
@given(digits=st.text(alphabet="0123456789", min_size=9, max_size=9),
       spelling=st.sampled_from(["0{} {}", "+33 {} {}", "0033{}{}", "+33 (0){} {}", "0{}.{}"]))
def test_every_spelling_of_a_number_gives_one_form(digits: str, spelling: str) -> None:
    raw = spelling.format(digits[:1], digits[1:])
    expected = normalise_phone(("0" if spelling.startswith("0{") else "+33") + digits)
    assert normalise_phone(raw) == expected == model_phone(raw) == importer_phone(raw)
    if expected is not None and expected.startswith("+33"):
        assert normalise_phone(display_phone(expected)) == expected  # the page shows what re-reads the same


# --- links ------------------------------------------------------------------------------------

_URL = st.tuples(st.sampled_from(["http", "HTTPS", "mailto", "tel", "javascript", "JaVa%73cript", "data", "vbscript",
                                  "ftp", "", "1x", "file"]),
                 st.sampled_from([":", "://", ""]),
                 st.from_regex(r"[a-z0-9./#?=&-]{0,12}", fullmatch=True)).map("".join)


@SLOW
@given(url=_URL)
def test_lint_and_renderer_accept_the_same_links(url: str) -> None:
    text = f"[voir]({url})\n"
    reported = "M-LIEN" in [p.code for p in lint_markdown(text, "content/p.md", phones=False)]
    rendered_as_link = "<a " in markdown_html(text)
    assert reported is not is_allowed_link(url)
    if url:  # an empty destination is a link to the page itself
        assert rendered_as_link is is_allowed_link(url)


# --- folding ----------------------------------------------------------------------------------

@SLOW
@given(text=st.text(alphabet="aàâäeéèêëiîïoôöuùûüçœæAÉÈŒÇ’' -", max_size=20))
def test_display_sorts_with_the_folding_rule(text: str) -> None:
    assert sort_key(text) == fold(text)
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize("written", ["Gratuit", "GRATUIT", "gratuít", "  gratuit "])
def test_importer_matches_vocabularies_through_the_folding_rule(written: str) -> None:
    assert fold(written) == fold("Gratuit")
    assert normalise.vocabulary("frais_a_charge", [written], [], "frais") == ["Gratuit"]


@pytest.mark.parametrize(("a", "b"), [("Mées", "MEES"), ("Saint-Étienne", "saint etienne"), ("Œuvre", "oeuvre")])
def test_commune_names_and_vocabularies_fold_alike(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
    assert fold(a).replace("-", " ") == fold(b).replace("-", " ")


# --- départements -----------------------------------------------------------------------------

@SLOW
@given(code=st.text(alphabet="0123456789AB", min_size=2, max_size=3))
def test_model_config_and_geo_agree_on_departement_codes(code: str) -> None:
    """A record's code is well formed by DEPARTEMENT_RE; a network's ``departements`` (configuration
    and commune loader alike) must also have commune data: DEPARTEMENTS, a subset of it."""
    assert DEPT_RE is DEPARTEMENT_RE
    try:
        normalise_departements([code], Location("mkdocs.yml"))
        accepted = True
    except ContentError:
        accepted = False
    assert accepted is (code in DEPARTEMENTS)
    _options, problems = validate_options({"departements": [code]}, lambda loc, key: Location("mkdocs.yml"))
    assert (not problems) is accepted
    if accepted:
        assert DEPARTEMENT_RE.match(code)


def test_well_formed_codes_without_commune_data() -> None:
    assert {code for code in ("20", "975", "977", "978") if DEPARTEMENT_RE.match(code)} == {"20", "975"}
    assert not {"20", "975", "977", "978"} & DEPARTEMENTS


def test_departement_names_with_and_without_commune_table() -> None:
    class Table:
        def departement_nom(self, code: str) -> str:
            return {"07": "Ardèche (table)"}.get(code, code)

    assert departement_name("07", Table()) == "Ardèche (table)"
    assert departement_name("05", Table()) == "Hautes-Alpes"
    assert departement_name("99") == "Département 99"
    assert known_departement_name("99", Table()) is None


# --- wording ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("n", "text"), [(0, "0\u00a0lieu"), (1, "1\u00a0lieu"), (2, "2\u00a0lieux"),
                                         (12345, "12\u202f345\u00a0lieux")])
def test_french_agreement_is_singular_for_zero_and_one(n: int, text: str) -> None:
    assert count(n, "lieu", "lieux") == text


def test_numbers_are_spelt_the_french_way() -> None:
    assert format_number(1234567.891, 2) == "1\u202f234\u202f567,89"
    assert format_percent(0.125, 1) == "12,5\u202f%"
    assert agree(0, "est", "sont") == "est" and agree(3, "est", "sont") == "sont"
