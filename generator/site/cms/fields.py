"""Sveltia CMS fields generated from a pydantic model's JSON Schema (validation mode).

Each property becomes one field: a closed list (``enum``) a ``select`` — ``multiple`` for a list —
with its French labels, ``true``/``false`` a ``boolean``, a date a ``datetime`` stored as
``YYYY-MM-DD``, a number a ``number``, a long text a ``text``, a nested model an ``object``; the
``required`` flag, lengths and patterns come from the same schema as ``check``. What the schema
cannot say — the French label, a hint, a reference to another collection — is given by the
caller (:class:`FieldHints`), and a field the caller did not label is an error (a new model field
must get its French label here before the build passes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

TEXT_AREA_MIN = 301  # above this maximum length, a multi-line text area
DATE_FORMAT = "YYYY-MM-DD"


@dataclass(frozen=True)
class FieldHints:
    """What the editor shows for a model's fields beyond its schema."""

    labels: Mapping[str, str]
    hints: Mapping[str, str] = field(default_factory=dict)
    choices: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # value → French label
    relations: Mapping[str, dict[str, Any]] = field(default_factory=dict)  # relation widget options
    defaults: Mapping[str, Any] = field(default_factory=dict)
    nested: Mapping[str, FieldHints] = field(default_factory=dict)


class MissingLabel(ValueError):
    """A model field without its French label in the CMS tables."""


def _unwrap(node: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The schema of the value itself and whether ``null`` is allowed (``anyOf [X, null]``)."""
    options = node.get("anyOf")
    if isinstance(options, list):
        kept = [option for option in options if option.get("type") != "null"]
        if len(kept) == 1:
            return {**kept[0], **{k: v for k, v in node.items() if k != "anyOf"}}, len(kept) < len(options)
    return node, False


def _pattern(node: dict[str, Any], label: str) -> list[str] | None:
    pattern = node.get("pattern")
    if not isinstance(pattern, str):
        return None
    return [pattern, f"format refusé par le contrôle du site pour « {label} »"]


def _options(values: list[str], labels: Mapping[str, str]) -> list[Any]:
    if not labels:
        return list(values)
    return [{"label": labels.get(value, value), "value": value} for value in values]


def _scalar(name: str, node: dict[str, Any], hints: FieldHints, label: str) -> dict[str, Any]:
    """Widget options for one scalar (or for the items of a list)."""
    if node.get("enum") == ["true", "false"]:
        return {"widget": "boolean"}
    if "enum" in node:
        return {"widget": "select", "options": _options(list(node["enum"]), hints.choices.get(name, {}))}
    if node.get("format") == "date":
        return {"widget": "datetime", "type": "date", "format": DATE_FORMAT, "time_format": False}
    if node.get("type") in ("number", "integer"):
        spec: dict[str, Any] = {"widget": "number", "value_type": "int" if node["type"] == "integer" else "float"}
        spec.update({short: node[key] for key, short in (("minimum", "min"), ("maximum", "max")) if key in node})
        return spec
    long_text = node.get("maxLength", 0) >= TEXT_AREA_MIN
    spec = {"widget": "text" if long_text else "string"}
    if node.get("format") == "email":
        spec["type"] = "email"
    elif node.get("format") == "uri":
        spec["type"] = "url"
    if "maxLength" in node:
        spec["maxlength"] = node["maxLength"]
    pattern = _pattern(node, label)
    if pattern:
        spec["pattern"] = pattern
    return spec


def model_fields(schema: dict[str, Any], hints: FieldHints, defs: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The CMS fields of a model, in the model's order."""
    defs = schema.get("$defs", defs or {})
    required = set(schema.get("required", ()))
    fields: list[dict[str, Any]] = []
    for name, raw in schema["properties"].items():
        if name not in hints.labels:
            raise MissingLabel(f"champ « {name} » sans libellé français dans generator/site/cms/collections.py")
        label = hints.labels[name]
        node, nullable = _unwrap(raw)
        spec: dict[str, Any] = {"name": name, "label": label}
        if "$ref" in node:
            nested = defs[node["$ref"].rsplit("/", 1)[-1]]
            spec.update(widget="object", fields=model_fields(nested, hints.nested[name], defs))
        elif name in hints.relations:
            spec.update(widget="relation", **hints.relations[name])
            if node.get("type") == "array":
                spec["multiple"] = True
                spec.update({"min": node["minLength"]} if "minLength" in node else {})
        elif node.get("type") == "array" and "$ref" in node.get("items", {}):
            nested = defs[node["items"]["$ref"].rsplit("/", 1)[-1]]
            spec.update(widget="list", fields=model_fields(nested, hints.nested[name], defs))
            spec.update({"min": node["minLength"]} if "minLength" in node else {})
        elif node.get("type") == "array":
            item = _scalar(name, node.get("items", {}), hints, label)
            if item["widget"] == "select":
                spec.update(item, multiple=True)
            else:
                spec.update(widget="list", **{k: v for k, v in item.items() if k == "pattern"})
            spec.update({"min": node["minLength"]} if "minLength" in node else {})
        else:
            spec.update(_scalar(name, node, hints, label))
        spec["required"] = name in required and not nullable
        if name in hints.hints:
            spec["hint"] = hints.hints[name]
        if name in hints.defaults:
            spec["default"] = hints.defaults[name]
        fields.append(spec)
    return fields
