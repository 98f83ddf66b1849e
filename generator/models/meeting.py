"""Meeting minutes (compte-rendu) and FNE action sheets (fiche action): front matter models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.models.common import Date, ListOf, Optional, Slug, Strict, Territory, Text200, Time

MeetingStatus = Literal["tenue", "annulee", "prevue"]
MeetingFormat = Literal["visio", "presentiel", "hybride"]
ActionStatus = Literal["proposee", "en-cours", "realisee", "abandonnee"]

MEETING_STATUS_LABELS: dict[MeetingStatus, str] = {"tenue": "Tenue", "annulee": "Annulée", "prevue": "Prévue"}
MEETING_FORMAT_LABELS: dict[MeetingFormat, str] = {"visio": "Visioconférence", "presentiel": "Présentiel", "hybride": "Hybride"}
ACTION_STATUS_LABELS: dict[ActionStatus, str] = {"proposee": "Proposée", "en-cours": "En cours", "realisee": "Réalisée", "abandonnee": "Abandonnée"}


class Meeting(Strict):
    titre: Text200
    date: Date
    statut: MeetingStatus
    format: MeetingFormat
    lieu: Annotated[Annotated[str, Field(max_length=200)] | None, Optional] = None
    heure_debut: Annotated[Time | None, Optional] = None
    heure_fin: Annotated[Time | None, Optional] = None
    reseau: Annotated[Slug | None, Optional] = None
    serie: Annotated[Slug | None, Optional] = None
    animation: Annotated[tuple[Slug, ...], ListOf] = ()
    participants: Annotated[tuple[Slug, ...], ListOf] = ()
    nombre_participants: Annotated[Annotated[int, Field(ge=0, le=100000)] | None, Optional] = None
    themes: Annotated[tuple[Slug, ...], ListOf] = ()
    actions: Annotated[tuple[Slug, ...], ListOf] = ()

    @model_validator(mode="after")
    def _times_in_order(self) -> Meeting:
        if self.heure_debut and self.heure_fin and self.heure_fin <= self.heure_debut:
            raise PydanticCustomError("heures_inversees", "heure de fin avant l'heure de début", {})
        return self


class Action(Strict):
    titre: Text200
    thematiques: Annotated[tuple[Slug, ...], ListOf, Field(min_length=1)]
    statut: ActionStatus
    porteurs: Annotated[tuple[Slug, ...], ListOf, Field(min_length=1)]
    partenaires: Annotated[tuple[Slug, ...], ListOf] = ()
    issue_de: Annotated[tuple[Slug, ...], ListOf] = ()
    territoire: Annotated[tuple[Territory, ...], ListOf] = ()
    public_cible: Annotated[Annotated[str, Field(max_length=300)] | None, Optional] = None
    echeance: Annotated[Date | None, Optional] = None
    indicateurs: Annotated[tuple[Annotated[str, Field(min_length=1, max_length=300)], ...], ListOf] = ()
    date_maj: Date
