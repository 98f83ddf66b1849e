"""The fields of the « Proposer » form, generated from the models' JSON Schemas.

Every field of :class:`Structure` and :class:`Person` is either in a group of the form or filled
by the form itself (:data:`AUTO`); a new model field without a place here fails a test. The widget
follows the schema: a vocabulary (``enum``) or a reference (réseaux, structures, compétences) is a
set of checkboxes with French labels, a list of free texts is one value per line, a long text is a
text area; a required field is marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.load.corpus import Corpus
from generator.models import Person, Structure, vocab
from generator.site.pages.propose_schema import NUMBER_PATTERN, PATTERN_ERRORS, browser_schema

AUTO = {"structure": ("date_maj", "id"), "personne": ("publication", "fictif")}
"""Filled by the form: the update date, the consent (its own block), kept as they are: id, fictif."""

GROUPS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "structure": (
        ("Le lieu", ("nom", "typologie", "structure_parente", "pivot")),
        ("Adresse", ("commune", "code_postal", "code_insee", "adresse", "complement_adresse", "latitude", "longitude")),
        ("Pour joindre le lieu", ("telephone", "courriels", "site_web", "prise_rdv", "fiche_acces_libre")),
        ("Horaires", ("horaires",)),
        ("Présentation", ("presentation_resume", "presentation_detail")),
        ("Services et publics", ("services", "publics_specifiquement_adresses", "prise_en_charge_specifique",
                                 "modalites_acces", "modalites_accompagnement", "frais_a_charge", "itinerance")),
        ("Dispositifs et labels", ("dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels")),
        ("Réseau", ("reseaux", "zone_intervention", "source")),
    ),
    "personne": (
        ("La personne", ("nom", "role", "structures", "presentation")),
        ("Compétences", ("competences", "appetences")),
    ),
}
LABELS: dict[str, str] = {
    "nom": "Nom", "typologie": "Type de structure", "structure_parente": "Structure parente",
    "pivot": "SIRET ou numéro RNA", "commune": "Commune", "code_postal": "Code postal", "code_insee": "Code INSEE",
    "adresse": "Adresse", "complement_adresse": "Complément d'adresse", "latitude": "Latitude",
    "longitude": "Longitude", "telephone": "Téléphone", "courriels": "Adresses électroniques",
    "site_web": "Sites web", "prise_rdv": "Prise de rendez-vous en ligne",
    "fiche_acces_libre": "Fiche Acceslibre (accessibilité)", "horaires": "Horaires (format OpenStreetMap)",
    "presentation_resume": "Présentation courte", "presentation_detail": "Présentation détaillée",
    "services": "Services proposés", "publics_specifiquement_adresses": "Publics spécifiquement accueillis",
    "prise_en_charge_specifique": "Prises en charge spécifiques", "modalites_acces": "Modalités d'accès",
    "modalites_accompagnement": "Modalités d'accompagnement", "frais_a_charge": "Frais à charge",
    "itinerance": "Itinérance", "dispositif_programmes_nationaux": "Dispositifs et programmes nationaux",
    "formations_labels": "Formations et labels", "autres_formations_labels": "Autres formations et labels",
    "reseaux": "Réseaux", "zone_intervention": "Zone d'intervention (codes INSEE)", "source": "Source des informations",
    "role": "Rôle", "structures": "Structures où la personne travaille", "presentation": "Présentation",
    "competences": "Compétences", "appetences": "Appétences (ce que la personne souhaite développer)",
    "date_maj": "Date de mise à jour", "id": "Identifiant", "fictif": "Personne fictive", "publication": "Publication",
    "consentie": "Consentement", "date": "Date", "par": "Recueilli par",
}
EXAMPLES: dict[str, str] = {
    "nom": "Médiathèque de Veynes", "pivot": "21050179900010 ou W052001234", "commune": "Veynes",
    "code_postal": "05400", "code_insee": "05179", "adresse": "1 avenue de la Gare",
    "complement_adresse": "2ᵉ étage", "latitude": "44.5337", "longitude": "5.8212", "telephone": "04 92 00 00 00",
    "courriels": "contact@exemple.fr", "site_web": "https://www.exemple.fr", "prise_rdv": "https://rdv.exemple.fr/…",
    "fiche_acces_libre": "https://acceslibre.beta.gouv.fr/…", "horaires": "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00",
    "zone_intervention": "05179", "role": "Conseillère numérique", "source": "Mairie de Veynes",
}
HELP: dict[str, str] = {
    "commune": "Tapez les premières lettres et choisissez dans la liste : le code postal et le code INSEE se remplissent.",
    "code_insee": "5 caractères ; ce n'est pas le code postal.",
    "latitude": "Facultatif : sans coordonnées, le lieu est placé à la mairie de sa commune.",
    "telephone": "Un numéro à 10 chiffres ou au format +33.",
    "courriels": "Une adresse par ligne ; jamais une adresse personnelle.",
    "site_web": "Une adresse par ligne, commençant par https://.",
    "presentation_resume": "Une ou deux phrases.",
    "presentation_detail": "Texte libre ; le Markdown (## titres, listes « - ») est permis.",
    "autres_formations_labels": "Un label par ligne.",
    "zone_intervention": "Un code INSEE de commune par ligne.",
    "presentation": "Quelques mots, sans coordonnées personnelles.",
}
# Widgets the schema does not say: special inputs of the form.
_SPECIAL = {"commune": "commune", "horaires": "horaires", "telephone": "tel"}
_REFERENCES = ("reseaux", "structures", "competences", "appetences")
MODELS: dict[str, type[BaseModel]] = {"structure": Structure, "personne": Person}


@dataclass(frozen=True)
class FormField:
    """One input of the form; ``choices`` are (value, French label) pairs."""

    name: str
    label: str
    widget: str
    required: bool
    max_length: int | None = None
    choices: tuple[tuple[str, str], ...] = ()
    example: str = ""
    help: str = ""


def _references(corpus: Corpus) -> dict[str, tuple[tuple[str, str], ...]]:
    competences = tuple(sorted(((slug, c.libelle) for slug, c in corpus.competences.items()),
                               key=lambda pair: (pair[1].casefold(), pair[0])))
    return {
        "reseaux": tuple(sorted((slug, r.nom) for slug, r in corpus.reseaux.items())),
        "structures": tuple(sorted(((slug, f"{rec.model.nom} ({rec.model.commune})")
                                    for slug, rec in corpus.structures.items()), key=lambda pair: (pair[1].casefold(), pair[0]))),
        "competences": competences,
        "appetences": competences,
    }


def _widget(name: str, prop: dict[str, Any]) -> str:
    if name in _SPECIAL:
        return _SPECIAL[name]
    if name in _REFERENCES or "enum" in prop.get("items", {}):
        return "cases"
    if prop.get("type") == "array":
        return "lignes"
    if PATTERN_ERRORS.get(prop.get("pattern", "")) == "url_invalide":
        return "web"
    if prop.get("pattern") == NUMBER_PATTERN:
        return "nombre"
    return "zone" if (prop.get("maxLength") or 0) > 300 else "texte"


def _choices(name: str, prop: dict[str, Any], references: dict[str, tuple[tuple[str, str], ...]]) -> tuple[tuple[str, str], ...]:
    if name in references:
        return references[name]
    values = prop.get("items", {}).get("enum", ())
    if name == "typologie":
        return tuple((code, f"{vocab.TYPOLOGIES[code]} ({code})") for code in values)
    return tuple((value, value) for value in values)


def form_groups(kind: str, corpus: Corpus) -> list[tuple[str, list[FormField]]]:
    """The groups of fields of the ``kind`` form (``structure`` or ``personne``)."""
    schema = browser_schema(MODELS[kind])
    required = set(schema.get("required", ()))
    references = _references(corpus)
    groups = []
    for title, names in GROUPS[kind]:
        fields = []
        for name in names:
            prop = schema["properties"][name]
            fields.append(FormField(name, LABELS[name], _widget(name, prop), name in required,
                                    prop.get("maxLength") or prop.get("items", {}).get("maxLength"),
                                    _choices(name, prop, references), EXAMPLES.get(name, ""), HELP.get(name, "")))
        groups.append((title, fields))
    return groups
