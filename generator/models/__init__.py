"""Pydantic v2 content models (frozen, ``extra="forbid"``, no I/O)."""

from __future__ import annotations

from generator.models.meeting import Action, Meeting
from generator.models.person import Person, Publication
from generator.models.structure import Structure
from generator.models.vocabularies import (
    Competence,
    CompetenceFile,
    Reseau,
    ReseauFile,
    Thematique,
    ThematiqueFile,
    Theme,
    ThemeFile,
)

__all__ = [
    "Action",
    "Competence",
    "CompetenceFile",
    "Meeting",
    "Person",
    "Publication",
    "Reseau",
    "ReseauFile",
    "Structure",
    "Thematique",
    "ThematiqueFile",
    "Theme",
    "ThemeFile",
]
