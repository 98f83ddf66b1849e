"""Any tabular source as rows of text cells: CSV (``,`` ``;`` or tab), JSON array of objects, XLSX, ODS.

Every reader gives a :class:`Table`: the header (in file order) and the rows, each positioned
(``fichier.csv:ligne 4``, ``fichier.json:élément 2``, ``fichier.xlsx:ligne 3``) and keyed by the
stripped header. Cells are text: a spreadsheet integer stays an integer (``4000``, not ``4000.0``).
Whatever the input, a problem is a French :class:`ContentError`, never a traceback.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from generator.importers.readers import fail, load_json, read_text

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_CELL = 100_000  # characters: a bigger cell is cut with a warning
csv.field_size_limit(10_000_000)


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[str, dict[str, str]]] = field(default_factory=list)


def cell_text(value: Any, depth: int = 0) -> str:
    """A spreadsheet or JSON cell as text (``4000.0`` → ``4000``, lists joined by ``,``)."""
    if value is None or depth > 20:  # deeper nesting is no cell of a table
        return ""
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, list):
        return ",".join(cell_text(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return ",".join(f"{k}: {cell_text(v, depth + 1)}" for k, v in sorted(value.items()))
    return str(value)


def _cut(where: str, row: dict[str, str], warnings: list[str]) -> dict[str, str]:
    for name, value in row.items():
        if len(value) > MAX_CELL:
            warnings.append(f"{where}:colonne {name}: cellule de {len(value)} caractères coupée à {MAX_CELL}")
            row[name] = value[:MAX_CELL]
    return row


def sniff_delimiter(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return best if counts[best] else ","


def _unique(names: list[str]) -> list[str]:
    """Empty or repeated header names get a position suffix so no cell is silently lost."""
    seen: dict[str, int] = {}
    result = []
    for index, name in enumerate(names, start=1):
        base = name or f"colonne {index}"
        seen[base] = seen.get(base, 0) + 1
        result.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return result


def csv_table(path: Path, text: str, warnings: list[str]) -> Table:
    text = text.replace("\x00", "")
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = _unique([h.strip() for h in next(reader)])
        table = Table(headers)
        line = reader.line_num + 1
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(headers):
                warnings.append(f"{path.name}:ligne {start}: {len(cells) - len(headers)} cellule(s) de plus "
                                "que d'en-têtes, ignorée(s)")
            padded = cells + [""] * (len(headers) - len(cells))
            where = f"{path.name}:ligne {start}"
            table.rows.append((where, _cut(where, dict(zip(headers, padded, strict=False)), warnings)))
    except StopIteration:
        return Table([])
    except csv.Error as exc:
        raise fail(path, f"CSV illisible ligne {reader.line_num} : {exc}",
                   "enregistrez le fichier en CSV UTF-8 depuis le tableur") from None
    return table


def json_table(path: Path, data: Any, warnings: list[str]) -> Table:
    if not isinstance(data, list):
        raise fail(path, "le JSON doit être un tableau d'objets (un objet par lieu)",
                   "exemple : [{\"Nom\": \"Médiathèque\", \"Ville\": \"Gap\"}]")
    headers: dict[str, None] = {}
    table = Table([])
    for index, item in enumerate(data, start=1):
        where = f"{path.name}:élément {index}"
        if not isinstance(item, dict):
            warnings.append(f"{where}: ce n'est pas un objet, ignoré")
            continue
        row = {str(k).strip(): cell_text(v) for k, v in item.items()}
        headers.update(dict.fromkeys(row))
        table.rows.append((where, _cut(where, row, warnings)))
    table.headers = list(headers)
    return table


def spreadsheet_table(path: Path, warnings: list[str]) -> Table:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
        if not names:
            return Table([])
        if len(names) > 1:
            warnings.append(f"{path.name}: {len(names)} feuilles, seule la première (« {names[0]} ») est lue")
        cells = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise fail(path, f"classeur illisible ({type(exc).__name__})",
                   "ouvrez-le dans le tableur et enregistrez-le à nouveau en XLSX, ODS ou CSV") from None
    if not cells:
        return Table([])
    headers = _unique([cell_text(h).strip() for h in cells[0]])
    table = Table(headers)
    for number, values in enumerate(cells[1:], start=2):
        texts = [cell_text(v) for v in values]
        if not any(t.strip() for t in texts):
            continue
        where = f"{path.name}:ligne {number}"
        padded = texts + [""] * (len(headers) - len(texts))
        table.rows.append((where, _cut(where, dict(zip(headers, padded, strict=False)), warnings)))
    return table


def read_table(path: Path, warnings: list[str]) -> Table:
    """The table of ``path``, whatever its format (decided by extension, then by content)."""
    if path.suffix.lower() in SPREADSHEETS:
        return spreadsheet_table(path, warnings)
    text = read_text(path, warnings)
    if path.suffix.lower() == ".json" or text.lstrip()[:1] in ("[", "{"):
        return json_table(path, load_json(path, text), warnings)
    return csv_table(path, text, warnings)
