"""The one import engine: a :class:`Table` and a :class:`Mapping` → raw rows keyed by our fields.

Per row and per mapped field: cells of ``colonnes`` joined by ``separateur``, transforms in order,
list split, ``valeurs`` (source label → standard value, exact then without case or accents),
``si_renseignee`` (a value added when a column is filled), ``defaut``. Personal columns are never
read into a record; rows without licence consent are filtered (and counted) unless asked.
Cleaning and validation stay in :func:`generator.importers.record.clean`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.importers import normalise as n
from generator.importers import transforms as t
from generator.importers.mapping import LIST_FIELDS, FieldSpec, Mapping, check_columns
from generator.importers.record import RawRow
from generator.importers.tables import Table
from generator.rules.folding import fold

NO_CONSENT = frozenset({"", "non", "no", "0", "false", "faux", "refus", "je refuse"})
Labels = dict[str, dict[str, str]]  # source column → {stored key: label} (Bazar form options)


@dataclass
class Applied:
    rows: list[RawRow] = field(default_factory=list)
    filtered: list[str] = field(default_factory=list)  # deliberately left out (licence)
    unused: list[str] = field(default_factory=list)  # source columns no mapping uses
    warnings: list[str] = field(default_factory=list)


def _translate(items: list[str], spec: FieldSpec, labels: dict[str, str]) -> list[str]:
    folded = {fold(k): v for k, v in spec.values.items()}
    result: list[str] = []
    for item in items:
        label = labels.get(item, item)
        value = spec.values.get(item) or spec.values.get(label) or folded.get(fold(label)) or label
        for part in ([v for v in value.split("|") if v] if value else []):
            if part not in result:
                result.append(part)
    return result


def field_value(spec: FieldSpec, row: dict[str, str], notes: n.Notes, labels: Labels,
                kept_text: list[str]) -> str:
    column = ", ".join(spec.columns) or spec.name
    if spec.days:
        cells = {day: row.get(col, "") for day, col in spec.days.items()}
        value, original = t.per_day(cells, notes, spec.days)
        if original:
            kept_text.append(original)
        return value or ""
    present = [c for c in spec.columns if row.get(c, "").strip()]
    text = spec.separator.join(row[c].strip() for c in present)
    items: list[str] | None = None
    for transform in spec.transforms:
        if transform == "liste":
            items = [i for c in present for i in t.split_list(row[c], spec.list_separator)]
        elif transform == "html":
            text = t.html(text, notes, column)
        elif transform == "code_postal":
            text = t.code_postal(text, notes, column) if text else ""
        elif transform == "telephone":
            text = t.telephone(text, notes, column)
        elif transform == "date":
            text = t.date(text, notes, column) if text or not spec.default else ""
        elif transform == "horaires":
            converted, original = t.horaires(text, notes, column)
            text = converted or ""
            if original:
                kept_text.append(original)
    if items is None:
        items = [text] if text else []
    source_labels = {k: v for c in present for k, v in labels.get(c, {}).items()} if labels else {}
    if spec.values or source_labels:
        items = _translate(items, spec, source_labels)
    for col, value in spec.when_filled.items():
        if row.get(col, "").strip() and fold(row[col]) not in NO_CONSENT - {""}:
            items += [v for v in value.split("|") if v and v not in items]
    if not items and spec.default:
        items = [spec.default]
    return "|".join(items) if spec.name in LIST_FIELDS or len(items) > 1 else (items[0] if items else "")


def apply(mapping: Mapping, table: Table, file_name: str, *, labels: Labels | None = None,
          with_unlicensed: bool = False) -> Applied:
    renames = check_columns(mapping, table.headers, file_name)
    used = mapping.used()
    applied = Applied(unused=[h for h in table.headers if renames.get(h, h) not in used])
    labels = {renames.get(k, k): v for k, v in (labels or {}).items()}
    original = {v: k for k, v in renames.items()}  # messages name the file's own header
    licence = mapping.licence if mapping.licence in renames.values() else ""
    if mapping.licence and not licence:
        applied.warnings.append(f"{file_name}: colonne « {mapping.licence} » absente : l'accord des contributeurs "
                                "pour la licence des données n'a pas pu être vérifié")
    columns: dict[str, str] = {}  # field → the file's column(s) it comes from, for messages
    for name, spec in mapping.fields.items():
        sources = spec.columns or list(spec.days.values()) or list(spec.when_filled)
        columns[name] = ", ".join(original.get(c, c) for c in sources) or name
    for where, raw in table.rows:
        row = {renames.get(k, k): v for k, v in raw.items()} if renames else raw
        if licence and fold(row.get(mapping.licence, "")) in NO_CONSENT and not with_unlicensed:
            applied.filtered.append(f"{where}: sans accord pour la licence des données (colonne "
                                    f"« {mapping.licence} »), non importée — --inclure-sans-licence pour l'importer")
            continue
        notes: n.Notes = []
        values: dict[str, str] = {}
        kept_text: list[str] = []
        for name, spec in mapping.fields.items():
            value = field_value(spec, row, notes, labels, kept_text)
            if value:
                values[name] = value
        people = tuple(row[c].strip() for c in mapping.personal if row.get(c, "").strip())
        for column in mapping.personal:
            if row.get(column, "").strip():
                notes.append((original.get(column, column), "donnée personnelle (personne nommée) non importée"))
        if kept_text:
            detail = values.get("presentation_detail", "")
            values["presentation_detail"] = "\n\n".join([*([detail] if detail else []),
                                                         "Horaires (texte d'origine) : " + " ; ".join(kept_text)])
        if values.get("id"):
            values["id"] = mapping.id_prefix + values["id"]
        if mapping.source and not values.get("source"):
            values["source"] = mapping.source
        notes = [(original.get(c, c), m) for c, m in notes]
        applied.rows.append(RawRow(where, values, dict(columns), notes, people))
    return applied
