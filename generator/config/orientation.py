"""The ``orientation:`` sub-options of the ``reseau`` plugin: search radius and fallbacks.

Beyond ``rayon_km`` (default 30 km) the orientation page lists no place as « près de chez
vous »; it says so and offers, for the commune's département, the fallbacks written here
(an orientation phone number, a link to the national cartography) besides the nearest
France Services and « signaler un lieu qui manque » (README « Carte, couverture et orientation »).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from generator.models.common import Phone, UrlOrEmpty

NATIONAL_MAP = "https://cartographie.societenumerique.gouv.fr/"
DEPARTEMENT_KEY = re.compile(r"^(?:[0-9]{2}|2[AB]|97[1-6])$")


def _departement_key(value: str) -> str:
    if not DEPARTEMENT_KEY.match(value):
        raise PydanticCustomError("departement_invalide", "code de département invalide", {"value": value})
    return value


class OrientationFallback(BaseModel):
    """What to offer, in one département, when no place is within the radius."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    telephone: Phone | None = None
    libelle_telephone: Annotated[str, Field(min_length=1, max_length=200)] = "Numéro d'orientation"
    cartographie: UrlOrEmpty = ""


class OrientationOptions(BaseModel):
    """``orientation: {rayon_km: 30, departements: {"05": {telephone: …}}}``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rayon_km: Annotated[int, Field(ge=1, le=200)] = 30
    departements: dict[Annotated[str, AfterValidator(_departement_key)], OrientationFallback] = {}

    def fallback(self, departement: str) -> OrientationFallback:
        return self.departements.get(departement, OrientationFallback())


EXAMPLES: dict[str, str] = {
    "orientation": 'orientation: {rayon_km: 30, departements: {"05": {telephone: "01 70 77 23 72"}}}',
    "orientation.rayon_km": "rayon_km: 30 (un nombre entier de kilomètres, de 1 à 200)",
    "orientation.departements": 'departements: {"05": {telephone: "01 70 77 23 72", libelle_telephone: "Solidarité Numérique"}}',
}
