"""Reading CSV/JSON sources tolerantly: BOM, ``;`` or ``,`` separator, UTF-8 else Windows-1252."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
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


def csv_rows(path: Path, text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line of the record's start, row keyed by stripped header); separator sniffed on the header."""
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        names = [h.strip() for h in next(reader)]
    except StopIteration:
        return
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        padded = cells + [""] * (len(names) - len(cells))
        yield start, {name: padded[i] for i, name in enumerate(names) if name}


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
