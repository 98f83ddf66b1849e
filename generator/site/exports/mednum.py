"""Export of the structures in the national standard « lieux de médiation numérique » v1.0.2.

The columns themselves are described in :mod:`generator.models.standard`; how each is filled
(schema order, 32 columns):

* rows — every structure with an ``adresse`` (required by the standard); one without (unknown, never
  a placeholder) is left out, and ``export`` names it.
* ``id`` — the structure's ``id`` field, else its slug (stable across builds).
* ``pivot`` — SIRET or RNA; ``00000000000000`` (the national pipeline's placeholder) when unknown.
* ``latitude``/``longitude`` — explicit coordinates, else the commune's mairie point computed by
  the corpus (``corpus.positions``, flagged approximate in the GeoJSON); empty when neither exists.
* ``telephone`` — already normalised to ``+33…`` by the model; ``date_maj`` — ``YYYY-MM-DD``.
* ``presentation_resume`` — at most 280 characters (277 + ``...`` if ever longer).
* ``source`` — the structure's own ``source`` when given (who collected the data), else the
  network's ``source`` setting.
* multi-valued fields — values joined with ``|`` (a ``|`` inside a free value becomes ``/``).
* ``modalites_acces`` — « Ce lieu n'accueille pas de public » alone for a partner of the network
  (:attr:`Structure.is_partner`, no ``services`` included): the standard's value for a structure
  not open to the public, which the ANCT library also infers from an empty ``services``; other
  access modes a partner may list are not exported, they would contradict it.

CSV: UTF-8, ``,`` separator, minimal quoting (csv module), CRLF line ends, all columns.
Free-text cells (columns without a schema pattern) that a spreadsheet would read as a formula get
a leading apostrophe (``formula_safe``, shared with ``actions.csv``); patterned columns are left as
they are, their pattern proves what they hold (a ``telephone`` starts with ``+`` legitimately).
JSON: an array of flat objects with the same keys and strings, empty keys omitted,
latitude/longitude as numbers, original values (JSON is not opened by spreadsheets as formulas).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.load.corpus import Corpus, Record
from generator.models.standard import COLUMN_NAMES, COLUMNS, PIVOT_PLACEHOLDER, Column, truncate
from generator.models.structure import NO_PUBLIC, Structure
from generator.config import Settings
from generator.site.exports.common import formula_safe



def _join(values: tuple[str, ...]) -> str:
    return "|".join(v.replace("|", "/") for v in values)


def lieu(record: Record[Structure], corpus: Corpus, settings: Settings) -> dict[str, Any]:
    """One structure as a flat mapping of the standard's columns (empty values are '')."""
    s = record.model
    row: dict[str, Any] = {}
    for column in COLUMNS:
        value: Any = getattr(s, column.name)
        if column.kind == "list":
            row[column.name] = _join(value)
        elif column.kind == "date":
            row[column.name] = value.isoformat()
        elif column.kind == "number":
            row[column.name] = value
        else:
            row[column.name] = value or ""
    row["id"] = s.id or record.slug
    row["pivot"] = s.pivot or PIVOT_PLACEHOLDER
    row["source"] = s.source or settings.source
    row["presentation_resume"] = truncate(row["presentation_resume"])
    if s.is_partner:  # the standard's rule: a structure that receives no public says so, and only that
        row["modalites_acces"] = NO_PUBLIC
    if s.latitude is None and record.slug in corpus.positions:
        position = corpus.positions[record.slug]
        row["latitude"], row["longitude"] = position.lat, position.lon
    return row


def lieux(corpus: Corpus, settings: Settings) -> list[dict[str, Any]]:
    """Rows of the national export: every structure with an address (a column the standard requires)."""
    return [lieu(corpus.structures[slug], corpus, settings) for slug in sorted(corpus.structures)
            if corpus.structures[slug].model.adresse]


def missing_address(corpus: Corpus) -> list[str]:
    """Paths of structures left out of the national export: no address (unknown, or a placeholder
    such as « Adresse à compléter », removed by the pipeline), a column the standard requires."""
    return [rec.path for _slug, rec in sorted(corpus.structures.items()) if not rec.model.adresse]


def missing_services(corpus: Corpus) -> list[str]:
    """Paths of structures that list no service and do not say « Ce lieu n'accueille pas de public »:
    they are exported (and shown) as partners of the network, perhaps by mistake."""
    return [rec.path for _slug, rec in sorted(corpus.structures.items())
            if not rec.model.services and NO_PUBLIC not in rec.model.modalites_acces]


def _number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def csv_cell(column: Column, value: Any) -> str:
    """One CSV cell: numbers as text, free text made formula-safe (still within ``max_length``)."""
    if column.kind == "number":
        return _number(value)
    text = str(value)
    if column.kind == "date" or column.pattern or column.values:
        return text
    safe = formula_safe(text)
    return truncate(safe, column.max_length) if column.max_length else safe


def to_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    for row in rows:
        writer.writerow([csv_cell(c, row[c.name]) for c in COLUMNS])
    return buffer.getvalue()


def to_json(rows: list[dict[str, Any]]) -> str:
    items = [{k: v for k, v in row.items() if v not in ("", None)} for row in rows]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def recommended_name(settings: Settings, build_day: str) -> str:
    """``YYYY-MM-DD_<producteur>_lieux-de-mediation-numerique_<territoire>.csv`` (the file name the national base recommends)."""
    producteur = settings.producteur.strip() or "producteur"
    territoire = settings.territoire.strip().replace(" ", "") or "territoire"
    return f"{build_day}_{producteur}_lieux-de-mediation-numerique_{territoire}.csv"
