"""Network vocabularies kept as content: competences, FNE thématiques, réseaux."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.models.common import ListOf, Optional, Slug, Strict, Text120, Text200, Url


class Competence(Strict):
    id: Slug
    libelle: Text120
    famille: Text120
    description: Annotated[Annotated[str, Field(max_length=600)] | None, Optional] = None


class Thematique(Strict):
    id: Slug
    libelle: Text120
    description: Annotated[Annotated[str, Field(max_length=600)] | None, Optional] = None


class Theme(Strict):
    """A meeting theme (tag) with its label: optional vocabulary in meetings/themes.yml."""

    id: Slug
    libelle: Text120


class Reseau(Strict):
    id: Slug
    nom: Text200
    description: Annotated[Annotated[str, Field(max_length=1000)] | None, Optional] = None
    site_web: Annotated[Url | None, Optional] = None
    departements: Annotated[tuple[Annotated[str, Field(pattern=r"^(?:\d{2}|2[AB]|97\d)$")], ...], ListOf] = ()


class CompetenceFile(Strict):
    competences: Annotated[tuple[Competence, ...], ListOf, Field(min_length=1)]


class ThematiqueFile(Strict):
    thematiques: Annotated[tuple[Thematique, ...], ListOf, Field(min_length=1)]


class ReseauFile(Strict):
    reseaux: Annotated[tuple[Reseau, ...], ListOf] = ()


class ThemeFile(Strict):
    themes: Annotated[tuple[Theme, ...], ListOf, Field(min_length=1)]
