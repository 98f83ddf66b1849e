"""Small display helpers shared by the directory, structure, people and catalogue pages."""

from __future__ import annotations

from generator.models import Structure
from generator.models.vocab import TYPOLOGIES
from generator.rules.folding import fold


def sort_key(text: str) -> str:
    """Accent- and case-insensitive sort key (French alphabetical order for display lists)."""
    return fold(text)


def typologie_labels(structure: Structure) -> list[str]:
    return [TYPOLOGIES.get(code, code) for code in structure.typologie]


def address_lines(structure: Structure) -> list[str]:
    """Street, complement, postcode and commune; an unknown street (left out) is not a line."""
    lines = [line for line in (structure.adresse, structure.complement_adresse) if line]
    town = f"{structure.code_postal} {structure.commune}".strip()
    if town:
        lines.append(town)
    return lines


def up(depth: int) -> str:
    """Relative prefix from a page ``depth`` folders deep (directory URLs) to the site root."""
    return "../" * depth
