"""The options of the ``reseau`` plugin in ``mkdocs.yml``: one schema, defaults written once.

Used by ``python -m generator check`` (through :func:`generator.config.read_settings`) and by the
MkDocs plugin (which validates its raw options here), so that both accept and refuse the same
values with the same positioned French messages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from generator.config.orientation import EXAMPLES as ORIENTATION_EXAMPLES
from generator.config.orientation import OrientationFallback, OrientationOptions
from generator.errors import Location, MessageValues, Problem, suggest
from generator.models.common import EMAIL_RE, UrlOrEmpty
from generator.rules.departements import DEPARTEMENTS, unsupported_reason

# keys of a plugin block that MkDocs itself consumes before the plugin sees its options
MKDOCS_KEYS = frozenset({"enabled"})


def _departement(value: str) -> str:
    reason = unsupported_reason(value)
    if reason is not None:  # a real code, but no commune data for it (975, 98x, 99, 20)
        raison, conseil = reason
        raise PydanticCustomError("departement_hors_donnees", "département sans données de communes",
                                  {"value": value, "raison": raison, "conseil": conseil})
    if value not in DEPARTEMENTS:
        raise PydanticCustomError("departement_invalide", "code de département invalide", {"value": value})
    return value


def _email_or_empty(value: str) -> str:
    if value and not EMAIL_RE.match(value):
        raise PydanticCustomError("courriel_invalide", "adresse électronique invalide", {"value": value})
    return value


Departement = Annotated[str, AfterValidator(_departement)]
Text = Annotated[str, Field(min_length=1, max_length=200)]
BRANCH_RE = r"^[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$"
REPO_RE = r"^[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)+$"


class CmsOptions(BaseModel):
    """The ``cms:`` sub-options: the git-based editor at ``/admin/`` (README « Éditeur en ligne »).

    Every value is optional: the forge kind, repository and API come from ``repo_url`` when
    they can be read there; without ``app_id`` (or ``auth_url`` on GitHub) the CMS offers
    sign-in with a personal access token only."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    forge: Literal["github", "gitlab", "forgejo", "gitea"] | None = None
    depot: Annotated[str, Field(pattern=REPO_RE, max_length=200)] | None = None
    branche: Annotated[str, Field(pattern=BRANCH_RE, max_length=100)] | None = None
    api: UrlOrEmpty = ""
    app_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]+$", max_length=200)] | None = None
    auth_url: UrlOrEmpty = ""


class Contribution(BaseModel):
    """Where the « Proposer une correction » form sends: the forge kind (guessed from ``repo_url``
    when absent) and the coordination's address (default: ``contact``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    forge: Literal["github", "gitlab", "forgejo"] | None = None
    courriel: Annotated[str, Field(max_length=254), AfterValidator(_email_or_empty)] = ""


class PluginOptions(BaseModel):
    """Options of the ``reseau`` plugin; an unknown key or a wrong type is refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    departements: tuple[Departement, ...] = Field(default=("04", "05", "07"), min_length=1)
    nom_reseau: Text = "Réseau de la médiation numérique"
    source: Text = "Réseau de la médiation numérique"
    producteur: Annotated[str, Field(max_length=200)] = ""
    territoire: Text = "04-05-07"
    licence: Text = "Licence Ouverte 2.0 (Etalab)"
    licence_url: UrlOrEmpty = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    contact: Annotated[str, Field(max_length=254), AfterValidator(_email_or_empty)] = ""
    cms: CmsOptions | None = None
    contribution: Contribution = Contribution()
    orientation: OrientationOptions = OrientationOptions()


EXAMPLES: dict[str, str] = {
    "departements": 'departements: ["04", "05", "07"]',
    "licence_url": "licence_url: https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "contact": "contact: contact@exemple.fr (ou rien après les deux-points)",
    "cms": "cms: {forge: gitlab}",
    "cms.forge": "forge: gitlab (ou github, forgejo, gitea)",
    "cms.depot": "depot: reseau-mednum/site",
    "cms.branche": "branche: main",
    "cms.api": "api: https://forge.exemple.org/api/v4",
    "cms.app_id": "app_id: 0123abcd (identifiant de l'application OAuth)",
    "cms.auth_url": "auth_url: https://auth.exemple.org",
    "contribution": "contribution: {forge: gitlab, courriel: coordination@exemple.fr}",
    **ORIENTATION_EXAMPLES,
}
_TEXT = ("C-VALEUR", "un texte est attendu pour l'option « {option} » (valeur lue : {value})",
         "écrivez un texte après « {option}: », entre guillemets s'il ressemble à un nombre")
# pydantic error type → (code, message, hint). Placeholders: {option} {value} {example} and the error's ctx.
MESSAGES: dict[str, tuple[str, str, str]] = {
    "extra_forbidden": ("C-OPTION", "option « {option} » inconnue du plugin reseau",
                        "retirez cette ligne ; options possibles : {known}"),
    "string_type": _TEXT,
    "tuple_type": ("C-VALEUR", "une liste est attendue pour l'option « {option} »", "écrivez par exemple {example}"),
    "too_short": ("C-VALEUR", "la liste « {option} » ne doit pas être vide", "écrivez par exemple {example}"),
    "string_too_short": ("C-VALEUR", "l'option « {option} » ne doit pas être vide",
                         "indiquez une valeur ou retirez la ligne (valeur par défaut)"),
    "string_too_long": ("C-VALEUR", "texte trop long pour l'option « {option} » (maximum {max_length} caractères)",
                        "raccourcissez le texte"),
    "departement_invalide": ("C-VALEUR", "code de département « {value} » invalide dans « departements »",
                             "un code INSEE de département à 2 ou 3 caractères entre guillemets : \"05\", \"2A\", \"974\""),
    "departement_hors_donnees": ("C-DEPARTEMENT", "{raison} (option « departements »)", "{conseil}"),
    "courriel_invalide": ("C-VALEUR", "adresse électronique « {value} » invalide pour l'option « {option} »",
                          "exemple : {example}"),
    "literal_error": ("C-VALEUR", "valeur {value} non autorisée pour l'option « {option} »",
                      "valeurs possibles : {expected}"),
    "url_invalide": ("C-VALEUR", "adresse web « {value} » refusée pour l'option « {option} » : "
                     "seules les adresses http:// et https:// sont acceptées", "exemple : {example}"),
    "string_pattern_mismatch": ("C-VALEUR", "valeur {value} refusée pour l'option « {option} »",
                                "lettres sans accents, chiffres, « . », « _ », « - » (et « / » entre deux parties) ; "
                                "exemple : {example}"),
    "int_parsing": ("C-VALEUR", "un nombre entier est attendu pour l'option « {option} » (valeur lue : {value})",
                    "exemple : {example}"),
    "int_type": ("C-VALEUR", "un nombre entier est attendu pour l'option « {option} » (valeur lue : {value})",
                 "exemple : {example}"),
    "greater_than_equal": ("C-VALEUR", "valeur {value} trop petite pour l'option « {option} » (minimum {ge})",
                           "exemple : {example}"),
    "less_than_equal": ("C-VALEUR", "valeur {value} trop grande pour l'option « {option} » (maximum {le})",
                        "exemple : {example}"),
    "telephone_invalide": ("C-VALEUR", "numéro de téléphone {value} invalide pour l'option « {option} »",
                           "un numéro français à 10 chiffres (« 04 92 00 00 00 ») ou international (« +33 4 92 00 00 00 »)"),
    "dict_type": ("C-VALEUR", "l'option « {option} » attend des sous-options (valeur lue : {value})",
                  "écrivez par exemple {example}, ou retirez la ligne"),
    "model_type": ("C-VALEUR", "l'option « {option} » attend des sous-options (valeur lue : {value})",
                   "écrivez par exemple {example}, ou retirez la ligne"),
}
FALLBACK = ("C-VALEUR", "valeur invalide pour l'option « {option} » ({msg})", "vérifiez la valeur")

Locate = Callable[[tuple[str | int, ...], bool], Location]


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "une liste"
    if isinstance(value, dict):
        return "des sous-options"
    return f"« {value} »"


def error_problem(error: Any, locate: Locate) -> Problem:
    """One pydantic error on the options → a positioned French problem."""
    kind = error["type"]
    loc = tuple(error["loc"])
    option = ".".join(part for part in loc if isinstance(part, str) and part != "[key]") or "reseau"
    value = error.get("input")
    if kind == "string_type" and len(loc) > 1 and loc[0] == "departements":  # an item of « departements » written as a number
        kind = "departement_invalide"
    values = MessageValues(error.get("ctx") or {})
    known = (CmsOptions.model_fields if option.startswith("cms.") else
             Contribution.model_fields if option.startswith("contribution.") else
             OrientationFallback.model_fields if option.startswith("orientation.departements.") else
             OrientationOptions.model_fields if option.startswith("orientation.") else PluginOptions.model_fields)
    example = (EXAMPLES.get(option) or EXAMPLES.get(".".join(str(p) for p in loc[:2]))
               or EXAMPLES.get(str(loc[0]) if loc else option, f"{option}: …"))
    values.update(option=option, msg=error.get("msg", ""), example=example, known=", ".join(known))
    values["value"] = value if kind in ("departement_invalide", "departement_hors_donnees", "courriel_invalide", "url_invalide") else _shown(value)
    if kind == "literal_error":  # pydantic's « 'a', 'b' or 'c' » → « a, b, c »
        expected = str(values.get("expected", "")).replace(" or ", ", ").split(",")
        values["expected"] = ", ".join(part.strip(" '") for part in expected)
    code, message, hint = MESSAGES.get(kind, FALLBACK)
    if kind == "extra_forbidden":
        hint = suggest(option.rsplit(".", 1)[-1], known) or hint
    return Problem(locate(loc, kind == "extra_forbidden"), code, message.format_map(values), hint.format_map(values))


def validate_options(raw: Mapping[str, Any], locate: Locate) -> tuple[PluginOptions, list[Problem]]:
    """The options of ``raw`` (an empty value means the default), and every problem, positioned.

    With problems, the options returned keep the defaults for the refused keys only."""
    given = {key: value for key, value in raw.items() if value is not None and key not in MKDOCS_KEYS}
    try:
        return PluginOptions.model_validate(given), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    problems = [error_problem(error, locate) for error in errors]
    refused = {error["loc"][0] for error in errors if error["loc"]}
    kept = {key: value for key, value in given.items() if key not in refused}
    return PluginOptions.model_validate(kept), problems
