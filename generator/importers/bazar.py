"""Reader for YesWiki Bazar: the JSON API (``?api/forms/{id}/entries``) and the CSV export.

A YAML mapping file (strict loader) names the Bazar field of each standard key:

```yaml
source: hinaura                # value of « source » when the entry has none
prefixe_id: hinaura-           # id = prefixe_id + id_fiche (stable, used to match re-imports)
champs: {nom: bf_titre, adresse: bf_adresse1, …}          # JSON API property names
colonnes_csv: {nom: Nom du lieu ou de la structure, …}     # CSV export header labels (without « * »)
horaires: {Mo: ouv_lundi, …}                              # per-day free text → OpenStreetMap
listes:                                                   # checkbox/list fields: key or label → value
  services: {champ: checkboxListeTypeservice, colonne_csv: Types de services, valeurs: {"1": …}}
personnelles: [bf_referent]                               # fields never imported (personal data)
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import ContentError
from generator.importers import hours
from generator.importers.readers import csv_rows, embedded_list, fail, is_json, load_json, read_text
from generator.importers.record import RawRow
from generator.load.yaml_strict import load_bytes
from generator.rules.folding import fold

DEFAULT_MAPPING = Path(__file__).resolve().parent.parent / "mappings" / "hinaura.yml"


def load_mapping(path: Path | None) -> dict[str, Any]:
    target = path or DEFAULT_MAPPING
    try:
        doc = load_bytes(target.read_bytes(), target.name)
    except OSError as exc:
        raise fail(target, f"fichier de correspondance illisible : {exc.strerror}") from None
    except ContentError:
        raise
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("champs"), dict):
        raise fail(target, "fichier de correspondance invalide : la clé « champs » manque")
    return doc.data


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


def _translate(items: list[str], spec: dict[str, Any], labels: dict[str, str]) -> list[str]:
    values = {str(k): str(v) for k, v in (spec.get("valeurs") or {}).items()}
    folded = {fold(k): v for k, v in values.items()}
    result: list[str] = []
    for item in items:
        label = labels.get(item, item)
        value = values.get(item) or values.get(label) or folded.get(fold(label)) or label
        if value not in result:
            result.append(value)
    return result


def _personal(raw: dict[str, Any], mapping: dict[str, Any], where: str, notes: list[tuple[str, str]]) -> None:
    for name in mapping.get("personnelles") or []:
        if str(raw.get(name) or "").strip():
            notes.append((name, "donnée personnelle (référent nommé) non importée"))


def entry_row(where: str, raw: dict[str, Any], mapping: dict[str, Any], labels: dict[str, dict[str, str]],
              *, csv_mode: bool) -> RawRow:
    fields: dict[str, str] = mapping.get("colonnes_csv" if csv_mode else "champs") or {}
    values: dict[str, Any] = {}
    columns: dict[str, str] = {}
    notes: list[tuple[str, str]] = []
    for key, name in fields.items():
        columns[key] = str(name)
        if raw.get(name) not in (None, ""):
            values[key] = raw.get(name)
    if not csv_mode:
        located = raw.get("geolocation")
        geo: dict[str, Any] = located if isinstance(located, dict) else {}
        for key in ("latitude", "longitude"):
            if not values.get(key) and geo.get(f"bf_{key}"):
                values[key] = geo[f"bf_{key}"]
        if raw.get("id_fiche"):
            values["id"] = f"{mapping.get('prefixe_id', '')}{raw['id_fiche']}"
    elif values.get("id"):
        values["id"] = f"{mapping.get('prefixe_id', '')}{values['id']}"
    for key, spec in (mapping.get("listes") or {}).items():
        name = str(spec.get("colonne_csv" if csv_mode else "champ") or "")
        cell = raw.get(name)
        if not name or cell in (None, ""):
            continue
        items = embedded_list(str(cell)) if csv_mode else [i.strip() for i in str(cell).split(",") if i.strip()]
        translated = _translate(items, spec, labels.get(name, {}))
        merged = dict.fromkeys([*str(values.get(key) or "").split("|"), *translated])
        values[key] = "|".join(v for v in merged if v)
        columns[key] = name
    day_columns = {day: str(name) for day, name in (mapping.get("horaires_csv" if csv_mode else "horaires")
                                                   or {}).items()}
    if day_columns and not values.get("horaires"):
        spec, unreadable = hours.from_days({d: str(raw.get(c) or "") for d, c in day_columns.items()})
        for day in unreadable:
            notes.append((day_columns[day], f"horaires « {raw.get(day_columns[day])} » illisibles, "
                                            "à saisir au format OpenStreetMap"))
        if spec and not unreadable:
            values["horaires"] = spec
    if not values.get("source") and mapping.get("source"):
        values["source"] = mapping["source"]
    _personal(raw, mapping, where, notes)
    return RawRow(where, values, columns, notes)


def read(path: Path, warnings: list[str], mapping: dict[str, Any], form: Path | None) -> list[RawRow]:
    text = read_text(path, warnings)
    labels = form_options(form, warnings)
    rows: list[RawRow] = []
    if is_json(path, text):
        data = load_json(path, text) or {}
        entries = list(data.items()) if isinstance(data, dict) else [(str(i), e) for i, e in enumerate(data, 1)]
        for key, entry in entries:
            where = f"{path.name}:fiche {key}"
            if not isinstance(entry, dict):
                warnings.append(f"{where}: ce n'est pas une fiche, ignorée")
                continue
            entry.setdefault("id_fiche", key)
            if str(entry.get("statut_fiche", "1")) != "1":
                warnings.append(f"{where}: fiche non validée (statut_fiche ≠ 1), ignorée")
                continue
            rows.append(entry_row(where, entry, mapping, labels, csv_mode=False))
        return rows
    for line, raw in csv_rows(path, text):
        cleaned = {name.removesuffix("*").strip(): value for name, value in raw.items()}
        rows.append(entry_row(f"{path.name}:ligne {line}", cleaned, mapping, labels, csv_mode=True))
    return rows
