"""Reading sources tolerantly: UTF-8 (with or without BOM) else Windows-1252, JSON, embedded CSV cells."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Location, Problem


def fail(path: Path, message: str, hint: str = "") -> ContentError:
    return ContentError([Problem(Location(path.name), "I-FICHIER", message, hint)])


def read_text(path: Path, warnings: list[str]) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise fail(path, f"fichier illisible : {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append(f"{path.name}: encodage UTF-8 invalide, lu comme Windows-1252")
        return raw.decode("cp1252", errors="replace")


def is_json(path: Path, text: str) -> bool:
    return path.suffix.lower() in (".json", ".geojson") or text.lstrip()[:1] in ("[", "{")


def load_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(path, f"JSON invalide ligne {exc.lineno}, colonne {exc.colno} : {exc.msg}") from None
    except RecursionError:
        raise fail(path, "JSON trop profondément imbriqué", "un objet par lieu, aux valeurs simples ou en listes") from None




def embedded_list(cell: str) -> list[str]:
    """A Bazar CSV multi-valued cell is itself a CSV line; mis-quoted cells fall back to a split on ','."""
    text = cell.strip()
    if not text:
        return []
    try:
        items = next(csv.reader([text], skipinitialspace=True))
    except (csv.Error, StopIteration):
        items = text.split(",")
    return [i.strip().strip('"').strip() for i in items if i.strip().strip('"').strip()]
