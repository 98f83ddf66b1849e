"""YesWiki Bazar: the JSON API (``?api/forms/{id}/entries``) flattened into a table for the engine.

The CSV export and the same table saved as a JSON array of objects keyed by the labels are plain
tables (:mod:`generator.importers.tables`); only an API response — an object of entries keyed by
``id_fiche``, or an array of entries carrying ``id_fiche``/``bf_titre`` — is read here: entries
not validated (``statut_fiche`` ≠ 1) are left out, ``geolocation`` gives the coordinates, and
``--formulaire`` (``?api/forms/{id}``) gives the label of each checkbox key. The preset
``hinaura`` (``generator/mappings/hinaura.yml``) then maps fields and labels alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.importers.readers import load_json, read_text
from generator.importers.tables import Table, cell_text

API_MARKERS = ("id_fiche", "id_typeannonce", "statut_fiche", "bf_titre")


def form_options(path: Path | None, warnings: list[str]) -> dict[str, dict[str, str]]:
    """``?api/forms/{id}`` → {propertyname: {key: label}}."""
    if path is None:
        return {}
    data = load_json(path, read_text(path, warnings))
    prepared = data.get("prepared", []) if isinstance(data, dict) else []
    if isinstance(data, list) and data and isinstance(data[0], dict):
        prepared = data[0].get("prepared", [])
    options: dict[str, dict[str, str]] = {}
    for item in prepared if isinstance(prepared, list) else []:
        if isinstance(item, dict) and isinstance(item.get("options"), dict):
            options[str(item.get("propertyname") or item.get("id"))] = {str(k): str(v) for k, v in item["options"].items()}
    return options


def api_entries(data: Any) -> list[tuple[str, Any]] | None:
    """The entries of an API response, or None when ``data`` is a plain table (labels as keys)."""
    if isinstance(data, dict):
        values = list(data.values())
        if values and all(isinstance(v, dict) for v in values):
            return [(str(k), v) for k, v in data.items()]
        return None
    if isinstance(data, list) and data and all(isinstance(e, dict) for e in data) \
            and any(m in data[0] for m in API_MARKERS):
        return [(str(e.get("id_fiche") or i), e) for i, e in enumerate(data, start=1)]
    return None


def api_table(name: str, entries: list[tuple[str, Any]], warnings: list[str]) -> Table:
    headers: dict[str, None] = {}
    table = Table([])
    for key, entry in entries:
        where = f"{name}:fiche {key}"
        if not isinstance(entry, dict):
            warnings.append(f"{where}: ce n'est pas une fiche, ignorée")
            continue
        if str(entry.get("statut_fiche", "1")) != "1":
            warnings.append(f"{where}: fiche non validée (statut_fiche ≠ 1), ignorée")
            continue
        row = {str(k): cell_text(v) for k, v in entry.items() if k != "geolocation"}
        row.setdefault("id_fiche", key)
        located = entry.get("geolocation")
        for axis in ("latitude", "longitude"):
            if isinstance(located, dict) and not row.get(f"bf_{axis}") and located.get(f"bf_{axis}"):
                row[f"bf_{axis}"] = cell_text(located[f"bf_{axis}"])
        headers.update(dict.fromkeys(row))
        table.rows.append((where, row))
    table.headers = list(headers)
    return table
