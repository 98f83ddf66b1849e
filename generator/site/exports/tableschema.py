"""Frictionless Table Schema of our export, generated from the column rules of :mod:`generator.models.standard`.

It follows the official v1.0.2 schema field by field (names, order, types, required,
enumerations) with two deliberate differences, checked by the tests:

* ``formations_labels`` spells « Étapes numériques (La Poste) » with its space (the official
  pattern lacks it — a known defect of v1.0.2, see README « Données ouvertes »);
* ``pivot`` and ``code_postal`` use our stricter patterns (SIRET/RNA, real postal codes): every
  value they accept is accepted by the official ones.
"""

from __future__ import annotations

import json
from typing import Any

from generator.models.standard import COLUMNS, Column, enum_pattern
from generator.config import Settings

TYPES = {"text": "string", "list": "string", "number": "number", "date": "date"}


def field(column: Column) -> dict[str, Any]:
    descriptor: dict[str, Any] = {"name": column.name, "type": TYPES[column.kind]}
    if column.kind == "date":
        descriptor["format"] = "default"
    constraints: dict[str, Any] = {"required": column.required}
    if column.unique:
        constraints["unique"] = True
    if column.values:
        constraints["pattern"] = enum_pattern(column.values)
        descriptor["description"] = "Valeurs séparées par « | » parmi : " + " ; ".join(column.values)
    elif column.pattern:
        constraints["pattern"] = column.pattern
    if column.max_length:
        constraints["maxLength"] = column.max_length
    descriptor["constraints"] = constraints
    return descriptor


def table_schema(settings: Settings) -> dict[str, Any]:
    return {
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "name": "lieux-mediation-numerique",
        "title": f"Lieux de médiation numérique — {settings.nom_reseau}",
        "description": "Schéma de l'export, conforme au standard national « lieux de médiation numérique » v1.0.2.",
        "version": "v1.0.2",
        "homepage": "https://github.com/LaMednum/standard-mediation-num",
        "licenses": [{"title": settings.licence, "path": settings.licence_url}],
        "primaryKey": "id",
        "fields": [field(c) for c in COLUMNS],
    }


def to_json(settings: Settings) -> str:
    return json.dumps(table_schema(settings), ensure_ascii=False, indent=2) + "\n"
