"""A structure (lieu de médiation numérique), keyed by the national standard's field names."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from generator.models import vocab
from generator.models.common import (
    Date,
    Email,
    InseeCode,
    ListOf,
    OpeningHours,
    Optional,
    Phone,
    PostCode,
    Slug,
    Strict,
    Text100,
    Text200,
    Text300,
    Url,
    Vocabulary,
)
from generator.models.standard import PIVOT_RE, RESUME_MAX


def _pivot(value: str) -> str:
    compact = re.sub(r"[\s.\-]", "", value)
    if not PIVOT_RE.match(compact):
        raise PydanticCustomError("pivot_invalide", "pivot invalide", {"value": value})
    return compact


Pivot = Annotated[str, AfterValidator(_pivot), WithJsonSchema({"type": "string", "pattern": PIVOT_RE.pattern})]
Typologie = Annotated[str, Vocabulary("typologie", vocab.TYPOLOGIES)]
Service = Annotated[str, Vocabulary("services", vocab.SERVICES)]
Public = Annotated[str, Vocabulary("publics_specifiquement_adresses", vocab.PUBLICS)]
PriseEnCharge = Annotated[str, Vocabulary("prise_en_charge_specifique", vocab.PRISE_EN_CHARGE)]
Frais = Annotated[str, Vocabulary("frais_a_charge", vocab.FRAIS)]
Itinerance = Annotated[str, Vocabulary("itinerance", vocab.ITINERANCE)]
Dispositif = Annotated[str, Vocabulary("dispositif_programmes_nationaux", vocab.DISPOSITIFS)]
FormationLabel = Annotated[str, Vocabulary("formations_labels", vocab.FORMATIONS_LABELS)]
NO_PUBLIC = "Ce lieu n'accueille pas de public"
ModaliteAcces = Annotated[str, Vocabulary("modalites_acces", vocab.MODALITES_ACCES)]
ModaliteAccompagnement = Annotated[str, Vocabulary("modalites_accompagnement", vocab.MODALITES_ACCOMPAGNEMENT)]


class Structure(Strict):
    """One place; optional fields absent from the YAML are ``None`` or empty tuples."""

    id: Annotated[Annotated[str, Field(max_length=100)] | None, Optional] = None
    pivot: Annotated[Pivot | None, Optional] = None
    nom: Text200
    commune: Text100
    code_postal: PostCode
    code_insee: Annotated[InseeCode | None, Optional] = None
    adresse: Annotated[Text300 | None, Optional] = None  # unknown: left out (never a placeholder)
    complement_adresse: Annotated[Annotated[str, Field(max_length=300)] | None, Optional] = None
    latitude: Annotated[Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)] | None, Optional] = None
    longitude: Annotated[Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)] | None, Optional] = None
    typologie: Annotated[tuple[Typologie, ...], ListOf] = ()
    telephone: Annotated[Phone | None, Optional] = None
    courriels: Annotated[tuple[Email, ...], ListOf] = ()
    site_web: Annotated[tuple[Url, ...], ListOf] = ()
    horaires: Annotated[OpeningHours | None, Optional] = None
    presentation_resume: Annotated[Annotated[str, Field(max_length=RESUME_MAX)] | None, Optional] = None
    presentation_detail: Annotated[Annotated[str, Field(max_length=5000)] | None, Optional] = None
    source: Annotated[Annotated[str, Field(max_length=200)] | None, Optional] = None
    itinerance: Annotated[tuple[Itinerance, ...], ListOf] = ()
    structure_parente: Annotated[Annotated[str, Field(max_length=200)] | None, Optional] = None
    date_maj: Date
    services: Annotated[tuple[Service, ...], ListOf] = ()
    publics_specifiquement_adresses: Annotated[tuple[Public, ...], ListOf] = ()
    prise_en_charge_specifique: Annotated[tuple[PriseEnCharge, ...], ListOf] = ()
    frais_a_charge: Annotated[tuple[Frais, ...], ListOf] = ()
    dispositif_programmes_nationaux: Annotated[tuple[Dispositif, ...], ListOf] = ()
    formations_labels: Annotated[tuple[FormationLabel, ...], ListOf] = ()
    autres_formations_labels: Annotated[tuple[Annotated[str, Field(min_length=1, max_length=200)], ...], ListOf] = ()
    modalites_acces: Annotated[tuple[ModaliteAcces, ...], ListOf] = ()
    modalites_accompagnement: Annotated[tuple[ModaliteAccompagnement, ...], ListOf] = ()
    fiche_acces_libre: Annotated[Url | None, Optional] = None
    prise_rdv: Annotated[Url | None, Optional] = None
    # Network keys (not in the national standard)
    reseaux: Annotated[tuple[Slug, ...], ListOf] = ()
    zone_intervention: Annotated[tuple[InseeCode, ...], ListOf] = ()

    @model_validator(mode="after")
    def _coordinates_together(self) -> Structure:
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise PydanticCustomError("coordonnees_incompletes", "coordonnées incomplètes", {"missing": missing})
        return self

    @property
    def is_partner(self) -> bool:
        """A partner of the network, not a lieu: it receives no public for digital help.

        « Ce lieu n'accueille pas de public » in ``modalites_acces``, or no ``services`` at all
        (the national standard reads a lieu without services the same way). Partners stay out of
        the lieux counts, the coverage, the orientation and the map's lieux layer.
        """
        return NO_PUBLIC in self.modalites_acces or not self.services

    @property
    def itinerant(self) -> bool:
        return "Itinérant" in self.itinerance

    @property
    def departement(self) -> str:
        """Département code from the INSEE code, else from the postal code."""
        if self.code_insee:
            return self.code_insee[:3] if self.code_insee.startswith("97") else self.code_insee[:2]
        if self.code_postal.startswith("20"):  # Corse: 200xx/201xx → 2A, 202xx/206xx → 2B
            return "2A" if self.code_postal[2] in "01" else "2B"
        return self.code_postal[:3] if self.code_postal.startswith("97") else self.code_postal[:2]
