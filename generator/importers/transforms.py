"""The transforms a mapping names (``code_postal``, ``telephone``, ``horaires``, ``html``, ``liste``, ``date``).

Thin wrappers over :mod:`generator.importers.normalise`, :mod:`generator.importers.hours` and
:mod:`generator.importers.html_text` (same ``(value, notes, column)`` convention): one rule each for
hours, HTML and cells, whichever importer reads them.
"""

from __future__ import annotations

from generator.importers import hours, html_text
from generator.importers import normalise as n
from generator.importers.readers import embedded_list


def horaires(value: str, notes: n.Notes, column: str) -> tuple[str | None, str]:
    """(OSM string or None, original text to keep when it could not be converted): :func:`normalise.horaires`."""
    text = n.clean_text(value)
    spec = n.horaires(text, notes, column) if text else None
    return (spec, "") if spec or not text else (None, text)


def per_day(cells: dict[str, str], notes: n.Notes, columns: dict[str, str]) -> tuple[str | None, str]:
    """Per-day cells → (OSM string, original text when some day could not be read)."""
    spec, unreadable = hours.from_days(cells)  # empty, « fermé » or 00:00 - 00:00: closed that day only
    if not unreadable:
        return spec, ""
    for day in unreadable:
        notes.append((columns[day], f"horaires « {cells[day]} » illisibles : texte d'origine gardé dans la "
                                    "présentation détaillée, à saisir au format OpenStreetMap"))
    original = " ; ".join(f"{columns[d]} : {cells[d].strip()}" for d in hours.DAYS if cells.get(d, "").strip())
    return None, original


def html(value: str, notes: n.Notes, column: str) -> str:
    """HTML typed into a text field → sanitised Markdown (:func:`html_text.to_markdown`, the one rule)."""
    return html_text.to_markdown(value, notes, column)


def split_list(value: str, separator: str) -> list[str]:
    """A multi-valued cell: ``csv`` = embedded CSV line (Bazar export, even mis-quoted), else a separator."""
    if separator == "csv":
        return embedded_list(value)
    return [item.strip() for item in value.split(separator or ",") if item.strip()]


def code_postal(value: str, notes: n.Notes, column: str) -> str:
    return n.digits_code(value, "code_postal", notes, column) or ""


def telephone(value: str, notes: n.Notes, column: str) -> str:
    return n.telephone(value, notes, column) or "" if value.strip() else ""


def date(value: str, notes: n.Notes, column: str) -> str:
    return n.date_maj(value, notes, column)
