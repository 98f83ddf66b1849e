"""Model validation with positioned French messages from ONE table keyed by error type."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import MessageValues, Problem, suggest
from generator.load.yaml_strict import Document

M = TypeVar("M", bound=BaseModel)

# error type → (code, message, hint). Placeholders: {field} {value} and the error's ctx.
_LIST_EXPECTED = ("V-LISTE", "une liste est attendue pour « {field} »",
                  "écrivez « {field}: [a, b] » ou une ligne « - a » par valeur")
_SUBFIELDS_EXPECTED = ("V-SOUS-CHAMPS", "des sous-champs « clé: valeur » sont attendus pour « {field} »",
                       "indentez les sous-champs sous « {field}: »")
MESSAGES: dict[str, tuple[str, str, str]] = {
    "missing": ("V-MANQUANT", "champ obligatoire « {field} » manquant", "ajoutez une ligne « {field}: … »"),
    "extra_forbidden": ("V-INCONNU", "champ inconnu « {field} »", "retirez cette ligne ou corrigez le nom du champ"),
    "string_too_long": ("V-LONGUEUR", "texte trop long pour « {field} » ({length} caractères, maximum {max_length})",
                        "raccourcissez le texte"),
    "string_too_short": ("V-VIDE", "« {field} » ne doit pas être vide", "indiquez une valeur ou retirez la ligne"),
    "too_short": ("V-LISTE-VIDE", "la liste « {field} » doit contenir au moins {min_length} élément(s)",
                  "ajoutez une ligne « - … » sous « {field}: »"),
    "string_type": ("V-TEXTE", "un texte simple est attendu pour « {field} »",
                    "écrivez une seule valeur, sans liste ni sous-champs"),
    "list_type": _LIST_EXPECTED,
    "tuple_type": _LIST_EXPECTED,
    "valeur_en_double": ("V-DOUBLON", "« {value} » figure deux fois dans « {field} »", "gardez-la une seule fois"),
    "liste_attendue": ("V-LISTE", "une liste est attendue pour « {field} »", "écrivez une ligne « - valeur » par élément"),
    "model_type": _SUBFIELDS_EXPECTED,
    "model_attributes_type": _SUBFIELDS_EXPECTED,
    "too_long": ("V-LONGUEUR", "trop d'éléments dans « {field} » ({actual_length}, maximum {max_length})",
                 "retirez des éléments"),
    "float_type": ("V-NOMBRE", "un nombre est attendu pour « {field} »", "écrivez un seul nombre, par exemple 44.53"),
    "int_type": ("V-ENTIER", "un nombre entier est attendu pour « {field} »", "écrivez un seul nombre, par exemple 12"),
    "float_parsing": ("V-NOMBRE", "nombre attendu pour « {field} » (« {value} »)", "utilisez un point décimal : 44.53"),
    "int_parsing": ("V-ENTIER", "nombre entier attendu pour « {field} » (« {value} »)", "écrivez un nombre sans espace, par exemple 12"),
    "finite_number": ("V-NOMBRE", "nombre attendu pour « {field} » (« {value} »)", "écrivez un nombre décimal avec un point, par exemple 44.53"),
    "greater_than_equal": ("V-BORNE", "valeur trop petite pour « {field} » (minimum {ge})", "vérifiez la valeur"),
    "less_than_equal": ("V-BORNE", "valeur trop grande pour « {field} » (maximum {le})", "vérifiez la valeur"),
    "string_pattern_mismatch": ("V-FORMAT", "format invalide pour « {field} » (« {value} »)", "vérifiez la valeur"),
    "literal_error": ("V-VALEUR", "valeur « {value} » non autorisée pour « {field} »", "valeurs possibles : {expected}"),
    "vocabulaire": ("V-VOCABULAIRE", "valeur « {value} » absente du vocabulaire « {vocabulary} »",
                    "valeurs possibles : {choices_text}"),
    "date_invalide": ("V-DATE", "date « {value} » invalide pour « {field} »",
                      "écrivez la date sous la forme AAAA-MM-JJ, par exemple 2024-06-21"),
    "date_inexistante": ("V-DATE", "la date « {value} » n'existe pas", "vérifiez le jour et le mois"),
    "booleen_invalide": ("V-BOOLEEN", "« {value} » invalide pour « {field} » : true ou false attendu",
                         "écrivez true (oui) ou false (non)"),
    "url_invalide": ("V-URL", "adresse web « {value} » refusée : seules les adresses http:// et https:// sont acceptées",
                     "écrivez l'adresse complète, par exemple https://www.exemple.fr"),
    "url_barre_inverse": ("V-URL", "adresse web « {value} » refusée : un navigateur lit la barre oblique inverse « \\ » "
                          "comme « / » et irait sur un autre site", "remplacez « \\ » par « / » et vérifiez le site visé"),
    "url_identifiant": ("V-URL", "adresse web « {value} » refusée : elle contient un identifiant avant « @ »",
                        "retirez la partie avant « @ » (écrivez https://site.example/…) : un identifiant dans une adresse "
                        "sert à déguiser sa vraie destination"),
    "telephone_invalide": ("V-TELEPHONE", "numéro de téléphone « {value} » invalide",
                           "écrivez un numéro à 10 chiffres (04 92 00 00 00) ou au format +33492000000"),
    "courriel_invalide": ("V-COURRIEL", "adresse électronique « {value} » invalide", "exemple : contact@exemple.fr"),
    "code_postal_invalide": ("V-CODE-POSTAL", "code postal « {value} » invalide",
                             "5 chiffres, en gardant le 0 initial, par exemple 05400"),
    "code_insee_invalide": ("V-CODE-INSEE", "code INSEE « {value} » invalide",
                            "5 caractères, par exemple 05179 (le code INSEE n'est pas le code postal)"),
    "territoire_invalide": ("V-TERRITOIRE", "territoire « {value} » invalide",
                            "un code de département (07) ou un code INSEE de commune (07186)"),
    "identifiant_invalide": ("V-IDENTIFIANT", "identifiant « {value} » invalide",
                             "minuscules sans accents, chiffres et tirets, par exemple mediatheque-de-veynes"),
    "pivot_invalide": ("V-PIVOT", "pivot « {value} » invalide", "un SIRET à 14 chiffres ou un numéro RNA (W suivi de 9 caractères)"),
    "horaires_invalides": ("V-HORAIRES", "horaires « {value} » illisibles (format OpenStreetMap attendu)",
                           "exemple : Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00 (l'outil YoHours aide à les écrire)"),
    "heure_invalide": ("V-HEURE", "heure « {value} » invalide", "écrivez HH:MM, par exemple 09:30"),
    "heures_inversees": ("V-HEURES", "l'heure de fin précède l'heure de début", "vérifiez heure_debut et heure_fin"),
    "coordonnees_incompletes": ("V-COORDONNEES", "coordonnées incomplètes : « {missing} » manque",
                                "indiquez latitude et longitude ensemble, ou aucune des deux"),
    "consentement_sans_date": ("V-CONSENTEMENT", "consentement à la publication sans date",
                               "ajoutez « date: AAAA-MM-JJ » sous « publication: » (date de l'accord)"),
}
FALLBACK = ("V-INVALIDE", "valeur invalide pour « {field} » ({msg})", "vérifiez la valeur")
# Errors raised by a model validator carry the loc of the whole mapping: point at the
# first of these fields present in the file instead.
POINT_AT: dict[str, tuple[str, ...]] = {
    "coordonnees_incompletes": ("latitude", "longitude"),
    "consentement_sans_date": ("consentie",),
    "heures_inversees": ("heure_fin", "heure_debut"),
}


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "document"


def error_to_problem(error: ErrorDetails, doc: Document, model: type[BaseModel]) -> Problem:
    """Map one pydantic error dict to a positioned French :class:`Problem`."""
    kind = error["type"]
    loc = tuple(error["loc"])
    ctx: dict[str, Any] = {k: int(v) if isinstance(v, float) and v.is_integer() else v
                           for k, v in (error.get("ctx") or {}).items()}
    value = error.get("input")
    values = MessageValues(ctx)
    values["field"] = _field_name(loc)
    values["value"] = value if isinstance(value, str) else ctx.get("value", "")
    values["msg"] = error.get("msg", "")
    if isinstance(value, str):
        values["length"] = len(value)
    choices = tuple(ctx.get("choices", ()))
    values["choices_text"] = " ; ".join(choices[:12]) + (" ; …" if len(choices) > 12 else "")
    if kind == "too_long" and isinstance(value, str):
        kind = "string_too_long"  # a max_length on ``str | None`` reports the generic error
    elif kind == "string_type" and value is None:
        kind = "string_too_short"  # ``nom:`` with nothing after it
    if kind == "literal_error":
        values["expected"] = " ; ".join(_literal_choices(ctx.get("expected", "")))
    code, message, hint = MESSAGES.get(kind, FALLBACK)
    if kind == "extra_forbidden":
        location = doc.locate(loc, key=True)
        close = suggest(str(loc[-1]), _known_fields(model, loc))
        hint = close or hint
    elif kind == "missing":
        location = doc.locate(loc[:-1])
    elif kind in POINT_AT:
        present = [name for name in POINT_AT[kind] if (*loc, name) in doc.keys]
        location = doc.locate((*loc, present[0]), key=True) if present else doc.locate(loc)
    else:
        location = doc.locate(loc)
    if kind in ("vocabulaire", "literal_error") and isinstance(value, str):
        close = suggest(value, choices or _literal_choices(ctx.get("expected", "")))
        hint = close or hint
    return Problem(location, code, message.format_map(values), hint.format_map(values))


def _literal_choices(expected: str) -> list[str]:
    return [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]


def _known_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the (sub)model where an unknown key was found."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        current = _model_of(field.annotation) if field else None
    return list(getattr(current, "model_fields", {}) or [])


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def validate_document(model: type[M], doc: Document, *, data: Any = None) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` (or ``data``) against ``model``; every problem is positioned."""
    result, problems, _errors = validate_with_errors(model, doc, data=data)
    return result, problems


def validate_with_errors(model: type[M], doc: Document, *,
                         data: Any = None) -> tuple[M | None, list[Problem], list[ErrorDetails]]:
    """As :func:`validate_document`, with the pydantic error dicts behind the problems."""
    payload = doc.data if data is None else data
    if not isinstance(payload, dict):
        return None, [Problem(doc.locate(()), "V-RACINE", "le fichier doit contenir des champs « clé: valeur »",
                              "commencez par exemple par « nom: … »")], []
    try:
        return model.model_validate(payload), [], []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        return None, [error_to_problem(err, doc, model) for err in errors], errors
