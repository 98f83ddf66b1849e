"""Shared field types for the content models.

Input values are always ``str`` (the strict loader types nothing); these types
parse and normalise them and raise :class:`PydanticCustomError` with our own
error types, which :mod:`generator.load.validate` turns into French messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

import opening_hours
from annotated_types import GroupedMetadata
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.rules.departements import DEPARTEMENT_RE as DEPT_RE
from generator.rules.phones import normalise_phone
from generator.rules.urls import has_userinfo

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
POSTCODE_RE = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$")
INSEE_RE = re.compile(r"^(?:[013-9]\d|2[AB1-9])\d{3}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME_RE = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")


class Strict(BaseModel):
    """Base of every content model: frozen, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _empty_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _as_list(value: Any) -> Any:
    """``None`` means an empty list; a lone text is a one-item list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        raise PydanticCustomError("liste_attendue", "une liste est attendue", {"value": ""})
    if isinstance(value, list):
        seen: set[str] = set()
        for item in value:
            if isinstance(item, str) and item in seen:
                raise PydanticCustomError("valeur_en_double", "valeur en double", {"value": item})
            if isinstance(item, str):
                seen.add(item)
    return value


def _pattern(regex: re.Pattern[str], error: str, message: str | None = None) -> Callable[[str], str]:
    """A validator refusing values that ``regex`` does not match, with the error type ``error``."""

    def check(value: str) -> str:
        if not regex.match(value):
            raise PydanticCustomError(error, message or error, {"value": value})
        return value

    return check


_slug = _pattern(SLUG_RE, "identifiant_invalide", "identifiant invalide")
_email = _pattern(EMAIL_RE, "courriel_invalide", "adresse électronique invalide")
_time = _pattern(TIME_RE, "heure_invalide", "heure invalide")


def _date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not DATE_RE.match(value):
        raise PydanticCustomError("date_invalide", "date invalide", {"value": str(value)})
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("date_inexistante", "date inexistante", {"value": value}) from None


def _bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise PydanticCustomError("booleen_invalide", "booléen invalide", {"value": str(value)})


def _url(value: str) -> str:
    parts = urlsplit(value)
    if "\\" in value:  # browsers read it as a slash: the host they contact is not the one written
        raise PydanticCustomError("url_barre_inverse", "adresse web avec barre oblique inverse", {"value": value})
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise PydanticCustomError("url_invalide", "adresse web invalide", {"value": value})
    if has_userinfo(value):
        raise PydanticCustomError("url_identifiant", "adresse web avec identifiant", {"value": value})
    return value


def _phone(value: str) -> str:
    normalised = normalise_phone(value)
    if normalised is None:
        raise PydanticCustomError("telephone_invalide", "numéro de téléphone invalide", {"value": value})
    return normalised


def _hours(value: str) -> str:
    if not opening_hours.validate(value):
        raise PydanticCustomError("horaires_invalides", "horaires invalides", {"value": value})
    return value


class Vocabulary(GroupedMetadata):
    """Metadata constraining a ``str`` to a closed list, with a JSON Schema ``enum``.

    ``Annotated[str, Vocabulary("services", SERVICES)]``: pydantic unpacks it into its
    validator and its schema, and the alias stays a type that mypy can check.
    """

    def __init__(self, name: str, values: Iterable[str]) -> None:
        allowed = tuple(values)
        allowed_set = frozenset(allowed)

        def check(value: str) -> str:
            if value not in allowed_set:
                raise PydanticCustomError(
                    "vocabulaire", "valeur hors vocabulaire", {"value": value, "vocabulary": name, "choices": allowed}
                )
            return value

        self._metadata = (AfterValidator(check), WithJsonSchema({"type": "string", "enum": list(allowed)}))

    def __iter__(self) -> Iterator[object]:
        return iter(self._metadata)


# Required one-line texts of bounded length.
Text100 = Annotated[str, Field(min_length=1, max_length=100)]
Text120 = Annotated[str, Field(min_length=1, max_length=120)]
Text200 = Annotated[str, Field(min_length=1, max_length=200)]
Text300 = Annotated[str, Field(min_length=1, max_length=300)]

Slug = Annotated[str, AfterValidator(_slug), WithJsonSchema({"type": "string", "pattern": SLUG_RE.pattern})]
Date = Annotated[date, BeforeValidator(_date), WithJsonSchema({"type": "string", "format": "date"})]
Bool = Annotated[bool, BeforeValidator(_bool), WithJsonSchema({"type": "string", "enum": ["true", "false"]})]
Url = Annotated[str, Field(max_length=500), AfterValidator(_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]
UrlOrEmpty = Annotated[str, Field(max_length=500), AfterValidator(lambda value: _url(value) if value else value),
                      WithJsonSchema({"type": "string"})]
Phone = Annotated[str, AfterValidator(_phone), WithJsonSchema({"type": "string"})]
Email = Annotated[str, Field(max_length=254), AfterValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]
PostCode = Annotated[str, AfterValidator(_pattern(POSTCODE_RE, "code_postal_invalide")),
                     WithJsonSchema({"type": "string", "pattern": POSTCODE_RE.pattern})]
InseeCode = Annotated[str, AfterValidator(_pattern(INSEE_RE, "code_insee_invalide")),
                      WithJsonSchema({"type": "string", "pattern": INSEE_RE.pattern})]
Territory = Annotated[str, AfterValidator(_pattern(re.compile(f"{DEPT_RE.pattern}|{INSEE_RE.pattern}"),
                                                   "territoire_invalide")),
                      WithJsonSchema({"type": "string"})]
OpeningHours = Annotated[str, Field(max_length=500), AfterValidator(_hours), WithJsonSchema({"type": "string"})]
Time = Annotated[str, AfterValidator(_time), WithJsonSchema({"type": "string", "pattern": TIME_RE.pattern})]
Optional = BeforeValidator(_empty_to_none)
ListOf = BeforeValidator(_as_list)
