"""The CMS collections: one per kind of content file, fields from the models (``fields.py``).

Structures (``actors/structures/*.yml``), people (``actors/people/*.yml``), minutes
(``meetings/*.md``) and action sheets (``actions/*.md``, front matter and Markdown body), and
the network vocabularies (compétences, thématiques, réseaux, thèmes) as single files. References
between files are relation widgets reading the repository (nothing of the content is written
into the configuration), except the mixed lists of a meeting (structures *and* people): those
are selects built from the corpus, with the published people only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.load.corpus import Corpus
from generator.models import Action, CompetenceFile, Meeting, Person, ReseauFile, Structure, ThematiqueFile, ThemeFile
from generator.models.meeting import ACTION_STATUS_LABELS, MEETING_FORMAT_LABELS, MEETING_STATUS_LABELS
from generator.models.vocab import TYPOLOGIES
from generator.site.cms.fields import FieldHints, model_fields
from generator.site.pages.display import sort_key

SLUG_HINT = "identifiant en minuscules sans accents, chiffres et tirets (ex. epn-gap)"
BODY_BUTTONS = ["bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list"]

STRUCTURE_LABELS = {
    "id": "Identifiant au standard national", "pivot": "SIRET (pivot)", "nom": "Nom du lieu", "commune": "Commune",
    "code_postal": "Code postal", "code_insee": "Code INSEE de la commune", "adresse": "Adresse",
    "complement_adresse": "Complément d'adresse", "latitude": "Latitude", "longitude": "Longitude",
    "typologie": "Type de structure", "telephone": "Téléphone", "courriels": "Adresses électroniques",
    "site_web": "Sites web", "horaires": "Horaires (format OpenStreetMap)",
    "presentation_resume": "Présentation courte", "presentation_detail": "Présentation détaillée",
    "source": "Source de l'information", "itinerance": "Itinérance", "structure_parente": "Structure parente",
    "date_maj": "Date de mise à jour", "services": "Services", "publics_specifiquement_adresses": "Publics accueillis",
    "prise_en_charge_specifique": "Accompagnements spécifiques", "frais_a_charge": "Frais à la charge du public",
    "dispositif_programmes_nationaux": "Dispositifs nationaux", "formations_labels": "Formations et labels",
    "autres_formations_labels": "Autres formations et labels", "modalites_acces": "Modalités d'accès",
    "modalites_accompagnement": "Modalités d'accompagnement", "fiche_acces_libre": "Fiche Acceslibre",
    "prise_rdv": "Prise de rendez-vous en ligne", "reseaux": "Réseaux", "zone_intervention": "Communes d'intervention",
}
STRUCTURE_HINTS = {
    "horaires": "ex. Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00",
    "telephone": "numéro de l'accueil, jamais un numéro personnel (ex. 04 92 00 00 00)",
    "courriels": "adresse générique de la structure (accueil@…), jamais une adresse personnelle",
    "zone_intervention": "codes INSEE à 5 caractères (ex. 05061)",
    "date_maj": "date à laquelle les informations ont été vérifiées",
}
PERSON_LABELS = {
    "nom": "Nom", "fictif": "Personne fictive (démonstration)", "structures": "Structures",
    "role": "Rôle", "competences": "Compétences", "appetences": "Appétences (envie d'apprendre)",
    "presentation": "Présentation", "publication": "Consentement à la publication",
}
PUBLICATION_LABELS = {"consentie": "La personne a donné son accord", "date": "Date de l'accord", "par": "Accord recueilli par"}
MEETING_LABELS = {
    "titre": "Titre", "date": "Date", "statut": "Statut", "format": "Format", "lieu": "Lieu",
    "heure_debut": "Heure de début", "heure_fin": "Heure de fin", "reseau": "Réseau", "serie": "Série de rencontres",
    "animation": "Animation", "participants": "Participants", "nombre_participants": "Nombre de participants",
    "themes": "Thèmes", "actions": "Fiches actions liées",
}
ACTION_LABELS = {
    "titre": "Titre", "thematiques": "Thématiques France Numérique Ensemble", "statut": "Statut",
    "porteurs": "Structures porteuses", "partenaires": "Structures partenaires", "issue_de": "Issue des comptes-rendus",
    "territoire": "Territoire (départements ou communes)", "public_cible": "Public cible", "echeance": "Échéance",
    "indicateurs": "Indicateurs", "date_maj": "Date de mise à jour",
}
# What a contributor fills first; the other fields follow in the model's order (the national standard's).
STRUCTURE_FIRST = ("nom", "adresse", "complement_adresse", "code_postal", "commune", "code_insee", "typologie",
                   "services", "telephone", "courriels", "site_web", "horaires", "presentation_resume")
VOCABULARY_LABELS = {
    "id": "Identifiant", "libelle": "Libellé", "famille": "Famille", "description": "Description", "nom": "Nom",
    "site_web": "Site web", "departements": "Départements",
}


def _labels(table: Mapping[Any, str]) -> dict[str, str]:
    return {str(value): label for value, label in table.items()}


def _relation(collection: str, display: str, search: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"collection": collection, "value_field": "{{slug}}", "display_fields": [display],
            "search_fields": list(search or (display,))}


def _vocabulary(file: str, display: str) -> dict[str, Any]:
    return {"collection": "vocabulaires", "file": file, "value_field": f"{file}.*.id",
            "display_fields": [f"{file}.*.{display}"], "search_fields": [f"{file}.*.{display}"]}


STRUCTURES = _relation("structures", "nom", ("nom", "commune"))
PERSON_HINTS = FieldHints(
    PERSON_LABELS,
    hints={"publication": "cochez seulement si la personne a donné son accord, et indiquez la date : "
                          "sans accord, la fiche n'est publiée nulle part",
           "presentation": "pas de téléphone ni d'adresse électronique personnels"},
    relations={"structures": STRUCTURES, "competences": _vocabulary("competences", "libelle"),
               "appetences": _vocabulary("competences", "libelle")},
    nested={"publication": FieldHints(PUBLICATION_LABELS)},
)
VOCABULARY_HINTS = FieldHints(VOCABULARY_LABELS, hints={"id": SLUG_HINT})


def _actors(corpus: Corpus) -> dict[str, str]:
    """Structures and published people, the values of a meeting's animation and participants."""
    found = {slug: f"{record.model.nom} (structure)" for slug, record in corpus.structures.items()}
    found.update({slug: f"{record.model.nom} (personne)" for slug, record in corpus.published_people().items()})
    return found


def _themes(corpus: Corpus) -> dict[str, str]:
    return {**{t.id: t.libelle for t in corpus.thematiques.values()}, **{t.id: t.libelle for t in corpus.themes.values()}}


def _select(labels: dict[str, str]) -> dict[str, Any]:
    ordered = sorted(labels.items(), key=lambda item: (sort_key(item[1]), item[0]))
    return {"widget": "select", "multiple": True, "options": [{"label": label, "value": value} for value, label in ordered]}


def _entries(name: str, label: str, singular: str, folder: str, extension: str, fields: list[dict[str, Any]],
             identifier: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "label": label, "label_singular": singular, "folder": folder, "extension": extension,
            "format": "yml" if extension == "yml" else "yaml-frontmatter", "identifier_field": identifier,
            "create": True, "delete": False, "publish": False, "editor": {"preview": extension == "md"},
            "fields": fields, **extra}


def _first(fields: list[dict[str, Any]], names: tuple[str, ...]) -> list[dict[str, Any]]:
    rank = {name: index for index, name in enumerate(names)}
    return sorted(fields, key=lambda spec: rank.get(spec["name"], len(names)))  # stable: model order after


def _body(label: str) -> dict[str, Any]:
    return {"name": "body", "label": label, "widget": "markdown", "required": False, "buttons": BODY_BUTTONS,
            "editor_components": [], "hint": "titres de niveau 2 (##) et 3, listes, liens ; pas de HTML"}


def collections(corpus: Corpus) -> list[dict[str, Any]]:
    """Every collection, in the order of the editor's menu."""
    structure = FieldHints(STRUCTURE_LABELS, hints=STRUCTURE_HINTS, choices={"typologie": TYPOLOGIES},
                           relations={"reseaux": _vocabulary("reseaux", "nom")}, defaults={"date_maj": "{{now}}"})
    meeting = FieldHints(MEETING_LABELS, hints={"serie": SLUG_HINT},
                         choices={"statut": _labels(MEETING_STATUS_LABELS), "format": _labels(MEETING_FORMAT_LABELS)},
                         relations={"reseau": _vocabulary("reseaux", "nom"),
                                    "actions": _relation("actions", "titre")})
    action = FieldHints(ACTION_LABELS, hints={"territoire": "codes de départements (\"05\") ou codes INSEE de communes"},
                        choices={"statut": _labels(ACTION_STATUS_LABELS)},
                        relations={"thematiques": _vocabulary("thematiques", "libelle"), "porteurs": STRUCTURES,
                                   "partenaires": STRUCTURES, "issue_de": _relation("comptes-rendus", "titre")},
                        defaults={"date_maj": "{{now}}"})
    meeting_fields = model_fields(Meeting.model_json_schema(), meeting)
    for spec in meeting_fields:
        if spec["name"] in ("animation", "participants"):
            spec.update(_select(_actors(corpus)))
        elif spec["name"] == "themes" and corpus.themes_declared:  # else any identifier is a theme
            spec.update(_select(_themes(corpus)))
    return [
        _entries("structures", "Lieux et structures", "Lieu ou structure", "actors/structures", "yml",
                 _first(model_fields(Structure.model_json_schema(), structure), STRUCTURE_FIRST), "nom",
                 summary="{{nom}} — {{commune}}",
                 slug="{{nom}}", sortable_fields=["nom", "commune", "date_maj"]),
        _entries("personnes", "Personnes", "Personne", "actors/people", "yml",
                 model_fields(Person.model_json_schema(), PERSON_HINTS), "nom", slug="{{nom}}"),
        _entries("comptes-rendus", "Comptes-rendus", "Compte-rendu", "meetings", "md",
                 [*meeting_fields, _body("Compte-rendu")], "titre", slug="{{fields.date}}-{{titre}}",
                 summary="{{date}} — {{titre}}", sortable_fields=["date", "titre"]),
        _entries("actions", "Fiches actions", "Fiche action", "actions", "md",
                 [*model_fields(Action.model_json_schema(), action), _body("Fiche action")], "titre", slug="{{titre}}",
                 sortable_fields=["titre", "date_maj"]),
        {"name": "vocabulaires", "label": "Vocabulaires du réseau", "publish": False, "files": [
            _file("competences", "Compétences", "actors/competences.yml", CompetenceFile.model_json_schema()),
            _file("thematiques", "Thématiques des fiches actions", "actions/thematiques.yml",
                  ThematiqueFile.model_json_schema()),
            _file("reseaux", "Réseaux", "actors/reseaux.yml", ReseauFile.model_json_schema()),
            _file("themes", "Thèmes des comptes-rendus", "meetings/themes.yml", ThemeFile.model_json_schema()),
        ]},
    ]


def _file(name: str, label: str, path: str, schema: dict[str, Any]) -> dict[str, Any]:
    hints = FieldHints({name: label}, nested={name: VOCABULARY_HINTS})
    return {"name": name, "label": label, "file": path, "format": "yml", "fields": model_fields(schema, hints)}
