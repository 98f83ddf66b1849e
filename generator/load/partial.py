"""What can still be read from a record whose model is invalid, so that one ``check`` lists everything.

Pydantic reports every field-level error at once, but a record that fails validation has no model:
its references (networks, thématiques, people…) would not be checked, nor the model-level rules
(coordinates together, times in order), until a second run. :func:`read_partially` validates each
field that had no error on its own and runs the model-level rules whose fields could all be read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import SimpleNamespace
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError, PydanticUndefined

from generator.errors import Location, Problem
from generator.load.validate import error_to_problem
from generator.load.yaml_strict import Document


@dataclass(frozen=True)
class Partial:
    """The fields of an invalid record that are valid on their own; ``values`` maps a field name
    to its validated value (for a list with broken items, ``None`` in their place)."""

    kind: str
    slug: str
    path: str
    doc: Document = field(repr=False, compare=False)
    values: Mapping[str, Any] = field(default_factory=dict)
    broken: frozenset[str] = frozenset()  # fields with an error, or required and missing

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def locate(self, *loc: str | int) -> Location:
        return self.doc.locate(tuple(loc))


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    annotation = model.model_fields[name].rebuild_annotation()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return TypeAdapter(annotation)  # a sub-model carries its own configuration
    config = ConfigDict(str_strip_whitespace=bool(model.model_config.get("str_strip_whitespace")))
    return TypeAdapter(annotation, config=config)


def _readable_items(raw: Any, name: str, errors: list[ErrorDetails]) -> tuple[str | None, ...] | None:
    """A list field whose errors are all on some of its items: the other items (text, as the
    model strips it), ``None`` in place of the broken ones so that positions are kept."""
    locs = [tuple(error["loc"]) for error in errors if error["loc"] and error["loc"][0] == name]
    if not isinstance(raw, list) or not all(len(loc) >= 2 and isinstance(loc[1], int) for loc in locs):
        return None
    broken = {loc[1] for loc in locs}
    return tuple(None if index in broken or not isinstance(item, str) else item.strip()
                 for index, item in enumerate(raw))


def readable_fields(model: type[BaseModel], payload: Mapping[str, Any], errors: list[ErrorDetails]) -> dict[str, Any]:
    """Validated values of the fields of ``payload`` that none of ``errors`` (pydantic error dicts)
    names; for a list of identifiers with some broken items, the readable items (see
    :func:`_readable_items`)."""
    broken = {error["loc"][0] for error in errors if error["loc"]}
    values: dict[str, Any] = {}
    for name, raw in payload.items():
        if name in broken and name in model.model_fields and (items := _readable_items(raw, name, errors)):
            values[name] = items
            continue
        if name in broken or name not in model.model_fields:
            continue
        try:
            values[name] = _adapter(model, name).validate_python(raw)
        except ValidationError:
            continue  # cannot be read on its own: already reported in the whole-model errors
    return values


def _view(model: type[BaseModel], values: Mapping[str, Any], broken: set[str]) -> SimpleNamespace:
    """Attribute access to ``values``, defaults for absent optional fields; broken or missing
    required fields are left out, so that a rule reading them is skipped (no follow-on noise)."""
    filled = {name: value for name, value in values.items() if name not in broken}
    for name, info in model.model_fields.items():
        if name not in filled and name not in broken and info.default is not PydanticUndefined:
            filled[name] = info.default
    return SimpleNamespace(**filled)


def model_rule_problems(model: type[BaseModel], doc: Document, values: Mapping[str, Any],
                        broken: set[str]) -> list[Problem]:
    """Run the model-level rules (``@model_validator(mode="after")``) of ``model`` on the readable
    ``values``, the same messages as when the whole record is valid."""
    view = _view(model, values, broken)
    problems: list[Problem] = []
    for decorator in model.__pydantic_decorators__.model_validators.values():
        if decorator.info.mode != "after":
            continue
        try:
            decorator.func(view)
        except AttributeError:
            continue  # the rule reads a field that could not be read
        except PydanticCustomError as exc:
            error: ErrorDetails = {"type": exc.type, "loc": (), "msg": exc.message(), "input": None}
            if exc.context:
                error["ctx"] = exc.context
            problems.append(error_to_problem(error, doc, model))
    return problems


def read_partially(model: type[BaseModel], kind: str, slug: str, path: str, doc: Document,
                   errors: list[ErrorDetails]) -> tuple[Partial | None, list[Problem]]:
    """The readable part of an invalid record, and the model-level problems found in it."""
    if not isinstance(doc.data, dict):
        return None, []
    values = readable_fields(model, doc.data, errors)
    broken = {str(error["loc"][0]) for error in errors if error["loc"]}
    # no field error: the model-level rules did run, and their problems are already in ``errors``
    problems = model_rule_problems(model, doc, values, broken) if broken else []
    return Partial(kind, slug, path, doc, values, frozenset(broken)), problems
