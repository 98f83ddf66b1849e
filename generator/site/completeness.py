"""How complete a structure's record is, and what to add (« à compléter »).

Only *optional* fields of the national standard that help a visitor count; each has a weight
reflecting how much it helps someone find and reach the place. The score is the share of the
total weight that is filled, as a whole percentage (0–100).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.models import Structure
from generator.models.standard import RESUME_MAX
from generator.rules.placeholders import is_placeholder

PLACEHOLDER_ADDRESS = "adresse à compléter"  # kept for older callers; the rule is rules/placeholders.py



@dataclass(frozen=True)
class Criterion:
    field: str
    label: str
    weight: int
    hint: str
    test: Callable[[Structure], bool] | None = None  # default: the field is not empty

    def filled(self, structure: Structure) -> bool:
        return self.test(structure) if self.test else bool(getattr(structure, self.field))


CRITERIA: tuple[Criterion, ...] = (
    Criterion("adresse", "adresse", 3, "indiquez le numéro et la rue",
              lambda s: s.adresse is not None and s.adresse != "" and not is_placeholder(s.adresse)),
    Criterion("services", "services proposés", 3, "choisissez dans la liste du standard national"),
    Criterion("horaires", "horaires d'ouverture", 2, "au format OpenStreetMap, par exemple Mo-Fr 09:00-12:00"),
    Criterion("telephone", "téléphone", 2, "le numéro d'accueil du lieu"),
    Criterion("typologie", "type de structure", 2, "par exemple BIB, EPN, CCAS"),
    Criterion("presentation_resume", "présentation courte", 2, f"{RESUME_MAX} caractères au plus"),
    Criterion("frais_a_charge", "frais à charge", 2, "Gratuit, Gratuit sous condition ou Payant"),
    Criterion("modalites_acces", "modalités d'accès", 1, "se présenter, téléphoner, prendre rendez-vous…"),
    Criterion("modalites_accompagnement", "modalités d'accompagnement", 1, "en autonomie, individuel, atelier collectif…"),
    Criterion("publics_specifiquement_adresses", "publics accueillis", 1,
              "seulement si le lieu s'adresse à des publics précis"),
    Criterion("courriels", "adresse électronique", 1, "une adresse générique du lieu, jamais personnelle"),
    Criterion("site_web", "site web", 1, "l'adresse complète, avec https://"),
    Criterion("code_insee", "code INSEE", 1, "5 caractères, par exemple 05061"),
    Criterion("latitude", "coordonnées précises", 1, "latitude et longitude de l'entrée du lieu"),
    Criterion("fiche_acces_libre", "fiche Acceslibre", 1, "lien vers la fiche d'accessibilité sur acceslibre.beta.gouv.fr"),
)
TOTAL_WEIGHT = sum(c.weight for c in CRITERIA)


@dataclass(frozen=True)
class Missing:
    field: str
    label: str
    hint: str


@dataclass(frozen=True)
class Completeness:
    score: int
    missing: tuple[Missing, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def completeness(structure: Structure) -> Completeness:
    """Score (0–100) and the missing fields, heaviest first then in criteria order."""
    filled = 0
    missing: list[Missing] = []
    for criterion in CRITERIA:
        if criterion.filled(structure):
            filled += criterion.weight
        else:
            missing.append(Missing(criterion.field, criterion.label, criterion.hint))
    score = (filled * 100) // TOTAL_WEIGHT
    return Completeness(score, tuple(missing))
