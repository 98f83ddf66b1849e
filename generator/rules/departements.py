"""Département codes and names.

A code is two digits (01–95, without 20), ``2A``/``2B`` for Corsica or ``971``–``976`` overseas.
Names come from the commune table when one is loaded, else from a short table of the
départements around the network (tests and sites without geographic data).
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
