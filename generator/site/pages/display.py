"""Small display helpers shared by the directory, structure, people and catalogue pages."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from generator.models import Structure
from generator.models.vocab import TYPOLOGIES

# Fallback names when no commune table is available (tests without geo data).
DEPARTEMENTS = {"04": "Alpes-de-Haute-Provence", "05": "Hautes-Alpes", "07": "Ardèche", "06": "Alpes-Maritimes",
                "26": "Drôme", "38": "Isère", "13": "Bouches-du-Rhône", "83": "Var", "84": "Vaucluse",
                "73": "Savoie", "43": "Haute-Loire", "48": "Lozère", "30": "Gard", "42": "Loire", "69": "Rhône"}


def sort_key(text: str) -> str:
    """Accent- and case-insensitive sort key (French alphabetical order for display lists)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def departement_name(code: str, communes: Any = None) -> str:
    """« Hautes-Alpes » for 05, from the commune table when it knows it."""
    finder = getattr(communes, "departement_nom", None)
    if finder is not None:
        try:
            name = finder(code)
        except (KeyError, LookupError):
            name = None
        if name:
            return str(name)
    return DEPARTEMENTS.get(code, f"Département {code}")


def typologie_labels(structure: Structure) -> list[str]:
    return [TYPOLOGIES.get(code, code) for code in structure.typologie]


def phone_display(number: str | None) -> str:
    """``+33492000000`` → « 04 92 00 00 00 »; other countries stay in international form."""
    if not number:
        return ""
    if re.fullmatch(r"\+33\d{9}", number):
        national = "0" + number[3:]
        return " ".join(national[i:i + 2] for i in range(0, 10, 2))
    return number


def address_lines(structure: Structure) -> list[str]:
    lines = [structure.adresse]
    if structure.complement_adresse:
        lines.append(structure.complement_adresse)
    lines.append(f"{structure.code_postal} {structure.commune}")
    return lines


def up(depth: int) -> str:
    """Relative prefix from a page ``depth`` folders deep (directory URLs) to the site root."""
    return "../" * depth


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 lieu », « 3 lieux », « 0 lieu »."""
    word = singular if count <= 1 else (plural_form or singular + "s")
    return f"{count}\u00a0{word}"
