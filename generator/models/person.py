"""A mediator or contact person. Published only with recorded consent."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.models.common import Bool, Date, ListOf, Optional, Slug, Strict, Text120


class Publication(Strict):
    """Recorded consent to publication (RGPD): absent or ``false`` → published nowhere."""

    consentie: Bool = False
    date: Annotated[Date | None, Optional] = None
    par: Annotated[Annotated[str, Field(max_length=200)] | None, Optional] = None

    @model_validator(mode="after")
    def _dated_when_given(self) -> Publication:
        if self.consentie and self.date is None:
            raise PydanticCustomError("consentement_sans_date", "consentement sans date", {})
        return self


class Person(Strict):
    nom: Text120
    fictif: Bool = False
    structures: Annotated[tuple[Slug, ...], ListOf, Field(min_length=1)]
    role: Annotated[Annotated[str, Field(max_length=120)] | None, Optional] = None
    competences: Annotated[tuple[Slug, ...], ListOf] = ()
    appetences: Annotated[tuple[Slug, ...], ListOf] = ()
    presentation: Annotated[Annotated[str, Field(max_length=600)] | None, Optional] = None
    publication: Publication = Publication()

    @property
    def published(self) -> bool:
        return self.publication.consentie
