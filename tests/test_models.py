"""Content models: normalisation tables, patterns, limits, vocabularies, typography round-trip."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from generator.load.validate import validate_document
from generator.load.yaml_strict import load_bytes
from generator.models import Action, Competence, Meeting, Person, Reseau, Structure, Thematique
from generator.models.common import normalise_phone
from generator.models.vocab import SERVICES, TYPOLOGIES

STRUCTURE = {"nom": "Médiathèque de Veynes", "commune": "Veynes", "code_postal": "05400",
             "adresse": "1 rue de la Gare", "date_maj": "2024-04-02"}
PERSON = {"nom": "Camille D.", "structures": ["mediatheque-veynes"]}
MEETING = {"titre": "Réunion", "date": "2024-06-21", "statut": "tenue", "format": "visio"}
ACTION = {"titre": "Former", "thematiques": ["inclusion"], "statut": "en-cours", "porteurs": ["veynes"],
          "date_maj": "2024-06-21"}


def structure(**extra: Any) -> Structure:
    return Structure.model_validate({**STRUCTURE, **extra})


def error_types(model: type[BaseModel], data: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [e["type"] for e in info.value.errors()]


# --- phones -----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", ["04 92 00 00 00", "04.92.00.00.00", "04-92-00-00-00", "0492000000", "+33 4 92 00 00 00",
                                 "+33492000000", "0033492000000", "0033 4 92 00 00 00", "+33 (0)4 92 00 00 00",
                                 "+33 (0) 4 92 00 00 00", " 04 92 00 00 00 ", "04/92/00/00/00"])
def test_phone_normalisation(raw: str) -> None:
    assert normalise_phone(raw) == "+33492000000"
    assert structure(telephone=raw).telephone == "+33492000000"


@pytest.mark.parametrize(("raw", "expected"), [("06 12 34 56 78", "+33612345678"), ("09 70 00 00 00", "+33970000000"),
                                               ("+262 262 00 00 00", "+262262000000"),
                                               ("+590 590 00 00 00", "+590590000000")])
def test_phone_other_numbers(raw: str, expected: str) -> None:
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["04 92 00", "04 92 AB CD EF", "+1 555 0100 200", "00 00 00 00 00", "3949",
                                 "0492000000000", "tél. 04 92 00 00 00", "04 92 00 00 00 poste 12", "+33", ""])
def test_phone_invalid(raw: str) -> None:
    assert normalise_phone(raw) is None


def test_phone_invalid_in_model() -> None:
    assert error_types(Structure, {**STRUCTURE, "telephone": "04 92 00"}) == ["telephone_invalide"]


# --- postal, INSEE, territory, pivot -------------------------------------------------------------

@pytest.mark.parametrize("raw", ["01000", "05400", "20000", "20200", "75001", "97400", "98000", "13001"])
def test_postcode_valid(raw: str) -> None:
    assert structure(code_postal=raw).code_postal == raw


@pytest.mark.parametrize("raw", ["1000", "5400", "00100", "99000", "054000", "05 400", "2A000", "O5400", "05400 "[:-1] + "x"])
def test_postcode_invalid(raw: str) -> None:
    assert error_types(Structure, {**STRUCTURE, "code_postal": raw}) == ["code_postal_invalide"]


@pytest.mark.parametrize(("raw", "dept"), [("05179", "05"), ("2A004", "2A"), ("2B033", "2B"), ("97411", "974"),
                                            ("07186", "07"), ("01053", "01")])
def test_insee_valid_and_departement(raw: str, dept: str) -> None:
    s = structure(code_insee=raw)
    assert s.code_insee == raw
    assert s.departement == dept


@pytest.mark.parametrize("raw", ["5179", "20004", "2C001", "2a004", "051790", "AB123", "00 179"])
def test_insee_invalid(raw: str) -> None:
    assert error_types(Structure, {**STRUCTURE, "code_insee": raw}) == ["code_insee_invalide"]


def test_departement_from_postcode_without_insee() -> None:
    assert structure().departement == "05"
    assert structure(code_postal="97400").departement == "974"


def test_zone_intervention_codes() -> None:
    assert structure(zone_intervention=["05179", "2A004"]).zone_intervention == ("05179", "2A004")
    assert error_types(Structure, {**STRUCTURE, "zone_intervention": ["05"]}) == ["code_insee_invalide"]


@pytest.mark.parametrize("raw", ["05", "2A", "974", "07186", "2B033"])
def test_territory_valid(raw: str) -> None:
    assert Action.model_validate({**ACTION, "territoire": [raw]}).territoire == (raw,)


@pytest.mark.parametrize("raw", ["5", "Hautes-Alpes", "99", "0", "2C"])
def test_territory_invalid(raw: str) -> None:
    assert error_types(Action, {**ACTION, "territoire": [raw]}) == ["territoire_invalide"]


def test_pivot_normalised() -> None:
    assert structure(pivot="123 456 789 00012").pivot == "12345678900012"
    assert structure(pivot="W052000123").pivot == "W052000123"
    assert error_types(Structure, {**STRUCTURE, "pivot": "123"}) == ["pivot_invalide"]


# --- texts and limits ------------------------------------------------------------------------

def test_presentation_resume_limit() -> None:
    assert structure(presentation_resume="a" * 280).presentation_resume == "a" * 280
    assert structure(presentation_resume="é" * 280).presentation_resume == "é" * 280  # characters, not bytes
    assert error_types(Structure, {**STRUCTURE, "presentation_resume": "a" * 281}) == ["string_too_long"]


def test_required_text_cannot_be_empty() -> None:
    assert error_types(Structure, {**STRUCTURE, "nom": ""}) == ["string_too_short"]
    assert error_types(Structure, {**STRUCTURE, "nom": "   "}) == ["string_too_short"]
    assert error_types(Structure, {**STRUCTURE, "nom": None}) == ["string_type"]


def test_optional_empty_text_is_none() -> None:
    s = structure(presentation_resume="", complement_adresse="  ", telephone="", horaires=None)
    assert s.presentation_resume is None and s.complement_adresse is None and s.telephone is None


def test_whitespace_is_stripped() -> None:
    assert structure(nom="  Médiathèque  ").nom == "Médiathèque"


def test_lists_accept_a_single_value_and_none() -> None:
    s = structure(typologie="BIB", services=None)
    assert s.typologie == ("BIB",)
    assert s.services == ()
    assert error_types(Structure, {**STRUCTURE, "typologie": {"a": "BIB"}}) == ["liste_attendue"]


def test_models_are_frozen_and_closed() -> None:
    s = structure()
    with pytest.raises(ValidationError):
        s.nom = "autre"  # type: ignore[misc]
    assert error_types(Structure, {**STRUCTURE, "telephone_perso": "06"}) == ["extra_forbidden"]
    assert error_types(Person, {**PERSON, "date_naissance": "1980-01-01"}) == ["extra_forbidden"]


# --- URLs, e-mails, hours, times ----------------------------------------------------------------

@pytest.mark.parametrize("raw", ["https://www.exemple.fr", "http://exemple.fr/a?b=c#d", "https://xn--mdiathque-b7a.fr/",
                                 "https://exemple.fr/é"])
def test_url_valid(raw: str) -> None:
    assert structure(site_web=[raw]).site_web == (raw,)


@pytest.mark.parametrize("raw", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>",
                                 "//evil.example", "ftp://exemple.fr", "https://", "www.exemple.fr",
                                 "https://exemple.fr/a b", "mailto:a@b.fr", "vbscript:x", "https:exemple.fr"])
def test_url_invalid(raw: str) -> None:
    assert error_types(Structure, {**STRUCTURE, "site_web": [raw]}) == ["url_invalide"]
    assert error_types(Structure, {**STRUCTURE, "prise_rdv": raw}) == ["url_invalide"]
    assert error_types(Reseau, {"id": "r", "nom": "R", "site_web": raw}) == ["url_invalide"]


def test_email() -> None:
    assert structure(courriels=["contact@veynes.fr", "a.b+c@sous.domaine.fr"]).courriels[1] == "a.b+c@sous.domaine.fr"
    for raw in ["contact@", "@veynes.fr", "contact(at)veynes.fr", "contact@veynes", "a b@veynes.fr"]:
        assert error_types(Structure, {**STRUCTURE, "courriels": [raw]}) == ["courriel_invalide"]


@pytest.mark.parametrize("raw", ["Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00", "24/7", "Tu 14:00-18:00"])
def test_hours_valid(raw: str) -> None:
    assert structure(horaires=raw).horaires == raw


@pytest.mark.parametrize("raw", ["lundi 9h-12h", "Mo-Fr 9-12", "Lu 09:00-12:00", "Mo 25:00-26:00x"])
def test_hours_invalid(raw: str) -> None:
    assert error_types(Structure, {**STRUCTURE, "horaires": raw}) == ["horaires_invalides"]


def test_meeting_times() -> None:
    m = Meeting.model_validate({**MEETING, "heure_debut": "09:30", "heure_fin": "12:00"})
    assert (m.heure_debut, m.heure_fin) == ("09:30", "12:00")
    for raw in ["9:30", "1.10", "24:00", "09h30", "750"]:
        assert error_types(Meeting, {**MEETING, "heure_debut": raw}) == ["heure_invalide"]
    assert error_types(Meeting, {**MEETING, "heure_debut": "14:00", "heure_fin": "09:00"}) == ["heures_inversees"]
    assert error_types(Meeting, {**MEETING, "heure_debut": "14:00", "heure_fin": "14:00"}) == ["heures_inversees"]


def test_coordinates() -> None:
    s = structure(latitude="44.53", longitude="5.82")
    assert (s.latitude, s.longitude) == (44.53, 5.82)
    assert error_types(Structure, {**STRUCTURE, "latitude": "44.53"}) == ["coordonnees_incompletes"]
    assert error_types(Structure, {**STRUCTURE, "latitude": "91", "longitude": "0"}) == ["less_than_equal"]
    assert error_types(Structure, {**STRUCTURE, "latitude": "44,53", "longitude": "5"}) == ["float_parsing"]


# --- dates and booleans -------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [("2024-02-29", date(2024, 2, 29)), ("2024-03-05", date(2024, 3, 5))])
def test_dates_valid(raw: str, expected: date) -> None:
    assert structure(date_maj=raw).date_maj == expected


@pytest.mark.parametrize(("raw", "kind"), [("2024-3-5", "date_invalide"), ("05/03/2024", "date_invalide"),
                                           ("2024-03-05T10:00", "date_invalide"), ("hier", "date_invalide"),
                                           ("2024-02-30", "date_inexistante"), ("2023-02-29", "date_inexistante"),
                                           ("2024-13-01", "date_inexistante"), ("2024-00-10", "date_inexistante")])
def test_dates_invalid(raw: str, kind: str) -> None:
    assert error_types(Structure, {**STRUCTURE, "date_maj": raw}) == [kind]


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("false", False)])
def test_booleans_valid(raw: str, expected: bool) -> None:
    assert Person.model_validate({**PERSON, "fictif": raw}).fictif is expected


@pytest.mark.parametrize("raw", ["yes", "no", "oui", "non", "True", "FALSE", "on", "1", "0", "vrai", ""])
def test_booleans_invalid(raw: str) -> None:
    assert error_types(Person, {**PERSON, "fictif": raw}) == ["booleen_invalide"]


# --- consent --------------------------------------------------------------------------------

def test_consent_default_is_not_published() -> None:
    assert Person.model_validate(PERSON).published is False
    assert Person.model_validate({**PERSON, "publication": {"consentie": "false"}}).published is False


def test_consent_needs_a_date() -> None:
    assert error_types(Person, {**PERSON, "publication": {"consentie": "true"}}) == ["consentement_sans_date"]
    p = Person.model_validate({**PERSON, "publication": {"consentie": "true", "date": "2024-01-15", "par": "coord."}})
    assert p.published is True
    assert p.publication.date == date(2024, 1, 15)


def test_person_needs_a_structure() -> None:
    assert error_types(Person, {"nom": "X", "structures": []}) == ["too_short"]
    assert error_types(Person, {"nom": "X"}) == ["missing"]


# --- vocabularies ---------------------------------------------------------------------------

def test_every_service_and_typology_is_accepted() -> None:
    s = structure(services=list(SERVICES), typologie=list(TYPOLOGIES))
    assert s.services == SERVICES
    assert len(s.typologie) == len(TYPOLOGIES)


@pytest.mark.parametrize(("field", "raw"), [("services", "Aide aux demarches administratives"), ("typologie", "bib"),
                                            ("typologie", "BIBLI"), ("frais_a_charge", "gratuit"),
                                            ("itinerance", "itinérant"), ("modalites_acces", "Se presenter")])
def test_vocabulary_is_exact(field: str, raw: str) -> None:
    assert error_types(Structure, {**STRUCTURE, field: [raw]}) == ["vocabulaire"]


def test_itinerant_property() -> None:
    assert structure(itinerance=["Itinérant"]).itinerant is True
    assert structure(itinerance=["Fixe"]).itinerant is False


def test_meeting_and_action_literals() -> None:
    assert error_types(Meeting, {**MEETING, "statut": "NO"}) == ["literal_error"]
    assert error_types(Meeting, {**MEETING, "format": "visioconférence"}) == ["literal_error"]
    assert error_types(Action, {**ACTION, "statut": "en cours"}) == ["literal_error"]
    assert error_types(Action, {**ACTION, "porteurs": []}) == ["too_short"]


def test_slugs() -> None:
    assert Meeting.model_validate({**MEETING, "participants": ["a-b-1"]}).participants == ("a-b-1",)
    for raw in ["A-b", "a_b", "é", "a--b", "-a", "a b"]:
        assert error_types(Meeting, {**MEETING, "participants": [raw]}) == ["identifiant_invalide"]


def test_vocabulary_models() -> None:
    c = Competence.model_validate({"id": "diagnostic", "libelle": "Diagnostic", "famille": "Prise en main"})
    assert c.id == "diagnostic"
    assert Thematique.model_validate({"id": "t", "libelle": "T"}).description is None
    assert Reseau.model_validate({"id": "r", "nom": "R", "departements": ["05", "2A", "974"]}).departements[1] == "2A"


# --- typography round-trip: load → model, untouched ---------------------------------------------

TYPO = "L’atelier « numérique » — É ç œ Œ 🙂 12\u00a0€ et\u202f! ½ ﬁ Ü ñ 日本"
FREE_TEXT: dict[str, tuple[str, dict[str, Any], tuple[str, ...]]] = {
    "structure": ("Structure", STRUCTURE, ("nom", "commune", "adresse", "complement_adresse", "presentation_resume",
                                           "presentation_detail", "source", "structure_parente", "id")),
    "person": ("Person", PERSON, ("nom", "role", "presentation")),
    "meeting": ("Meeting", MEETING, ("titre", "lieu")),
    "action": ("Action", ACTION, ("titre", "public_cible")),
}
MODELS: dict[str, type[BaseModel]] = {"Structure": Structure, "Person": Person, "Meeting": Meeting, "Action": Action}


def _yaml(data: dict[str, Any], field: str, scalar: str) -> bytes:
    lines = []
    for key, value in data.items():
        if key == field:
            continue
        rendered = "[" + ", ".join(value) + "]" if isinstance(value, list) else value
        lines.append(f"{key}: {rendered}")
    lines.append(f"{field}: {scalar}")
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize(("kind", "field"), [(k, f) for k, (_, _, fields) in FREE_TEXT.items() for f in fields])
@pytest.mark.parametrize("style", ["plain", "double", "single", "literal"])
def test_typography_round_trip(kind: str, field: str, style: str) -> None:
    model_name, base, _ = FREE_TEXT[kind]
    scalar = {"plain": TYPO, "double": f'"{TYPO}"', "single": f"'{TYPO.replace(chr(39), chr(39) * 2)}'",
              "literal": f"|-\n  {TYPO}"}[style]
    doc = load_bytes(_yaml(base, field, scalar), "f.yml")
    assert doc.data[field] == TYPO
    model, problems = validate_document(MODELS[model_name], doc)
    assert problems == []
    assert getattr(model, field) == TYPO


def test_typography_round_trip_in_lists_and_vocabularies() -> None:
    s = structure(autres_formations_labels=[TYPO], services=["Aide aux démarches administratives"],
                  formations_labels=["Formé à « Mon Espace Santé »"])
    assert s.autres_formations_labels == (TYPO,)
    assert s.formations_labels == ("Formé à « Mon Espace Santé »",)
    assert Action.model_validate({**ACTION, "indicateurs": [TYPO]}).indicateurs == (TYPO,)
    assert Competence.model_validate({"id": "c", "libelle": TYPO, "famille": TYPO, "description": TYPO}).famille == TYPO


@pytest.mark.parametrize(("postcode", "dept"), [("20000", "2A"), ("20167", "2A"), ("20200", "2B"), ("20600", "2B"),
                                                ("05400", "05"), ("97400", "974")])
def test_corsican_departement_from_postcode(postcode: str, dept: str) -> None:
    structure = Structure.model_validate({"nom": "x", "commune": "x", "code_postal": postcode, "adresse": "x",
                                          "date_maj": "2024-01-01"})
    assert structure.departement == dept


def test_duplicate_list_values_and_nan_are_refused() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        Structure.model_validate({**STRUCTURE, "latitude": "nan", "longitude": "5.8",
                                  "services": ["Aide aux démarches administratives"] * 2})
    assert sorted(e["type"] for e in caught.value.errors()) == ["finite_number", "valeur_en_double"]


@pytest.mark.parametrize(("extra", "partner"), [
    ({"services": ("Aide aux démarches administratives",)}, False),
    ({}, True),  # no services: the standard reads it as not open to the public
    ({"services": ("Aide aux démarches administratives",),
      "modalites_acces": ("Ce lieu n'accueille pas de public",)}, True),
])
def test_partner_or_lieu(extra: dict[str, Any], partner: bool) -> None:
    assert structure(**extra).is_partner is partner
