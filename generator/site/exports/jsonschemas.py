"""JSON Schemas of every content file type, generated from the pydantic models (validation mode).

Editors that speak the YAML language server validate a file against them when it starts with
``# yaml-language-server: $schema=<site>/donnees/schemas/structure.schema.json``.
"""

from __future__ import annotations

import json
from typing import Any

from generator.site.exports.common import page_url
from generator.models import Action, CompetenceFile, Meeting, Person, ReseauFile, Structure, ThematiqueFile, ThemeFile
from generator.config import Settings

SCHEMAS: dict[str, tuple[Any, str]] = {
    "structure": (Structure, "Structure (actors/structures/*.yml)"),
    "personne": (Person, "Personne (actors/people/*.yml)"),
    "reunion": (Meeting, "En-tête d'un compte-rendu (meetings/*.md)"),
    "action": (Action, "En-tête d'une fiche action (actions/*.md)"),
    "competences": (CompetenceFile, "Vocabulaire des compétences (actors/competences.yml)"),
    "thematiques": (ThematiqueFile, "Thématiques des fiches actions (actions/thematiques.yml)"),
    "reseaux": (ReseauFile, "Réseaux (actors/reseaux.yml)"),
    "themes": (ThemeFile, "Thèmes des comptes-rendus (meetings/themes.yml)"),
}


def schema_path(name: str) -> str:
    return f"donnees/schemas/{name}.schema.json"


def _lenient(node: Any) -> Any:
    """Adapt pydantic's schema to what our loader accepts: every scalar may be written as text,
    a list may be a lone value or empty, booleans may be ``true``/``false`` either way."""
    if isinstance(node, list):
        return [_lenient(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _lenient(value) for key, value in node.items()}
    for old, new in (("ge", "minimum"), ("le", "maximum")):
        if old in node:
            node[new] = node.pop(old)
    if node.get("enum") == ["true", "false"]:
        node = {k: v for k, v in node.items() if k not in ("enum", "type")}
        node["anyOf"] = [{"type": "boolean"}, {"type": "string", "enum": ["true", "false"]}]
    if node.get("type") in ("number", "integer"):
        node["anyOf"] = [{"type": node.pop("type")}, {"type": "string", "pattern": r"^-?\d+(?:\.\d+)?$"}]
    if node.get("type") == "array":
        if "minLength" in node:
            node["minItems"] = node.pop("minLength")
        array = {k: v for k, v in node.items() if k not in ("title", "default", "description")}
        alternatives = [array]
        if "items" in node:
            alternatives.append(node["items"])
        if "minItems" not in node:
            alternatives.append({"type": "null"})
        node = {k: v for k, v in node.items() if k in ("title", "default", "description")}
        node["anyOf"] = alternatives
    return node


def json_schema(name: str, settings: Settings) -> dict[str, Any]:
    model, title = SCHEMAS[name]
    schema = _lenient(model.model_json_schema(mode="validation"))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": page_url(settings, schema_path(name)),
        **schema,
        "title": title,
    }


def outputs(settings: Settings) -> dict[str, str]:
    return {schema_path(name): json.dumps(json_schema(name, settings), ensure_ascii=False, indent=2,
                                          sort_keys=True) + "\n"
            for name in sorted(SCHEMAS)}
