"""Placeholder values (« Adresse à compléter », « TODO », « xxx »…): never shown or exported as facts.

A placeholder is a value someone wrote to fill a field for now: what ``python -m generator new``
writes (its values are the constants below, imported by the command so both stay in step), and
the usual markers — « à compléter », « à renseigner », « à préciser » (in a short value),
« TODO », « xxx », a link ending in « … » (the template's ``https://…``). Not « lorem ipsum »:
imported test files use it as long filler text. ``check`` warns about each
one (``V-PROVISOIRE``, :mod:`generator.load.placeholders`); the pipeline then removes them from
the corpus, so that no page, printable list, search index or export ever shows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from generator.rules.folding import fold

# What `generator new structure` writes when it does not know the value.
NEW_ADDRESS = "Adresse à compléter"
NEW_COMMUNE = "Commune à compléter"
NEW_POSTCODE = "00000"
NEW_RESUME = "En une ou deux phrases (280 caractères au plus)."

# Anywhere in a value: nobody writes these as a fact.
_STRONG = re.compile(r"\b(?:todo|tbd|fixme|x{3,}|en une ou deux phrases)\b"
                     r"|^https?://\S*(?:…|\.\.\.)$|^(?:…|\.\.\.)$")
# Only in a short value (« Adresse à compléter »): a long text may say « les formulaires à compléter ».
_WEAK = re.compile(r"\ba\s+(?:completer|renseigner|preciser)\b")
SHORT = 40
_POSTCODE = re.compile(r"^0{5}$")


def is_placeholder(value: str) -> bool:
    """True when ``value`` is a stand-in for a missing value rather than a fact."""
    text = fold(value).strip().lower()
    if not text:
        return False
    if _POSTCODE.match(text):
        return True
    return bool(_STRONG.search(text)) or (len(text) <= SHORT and bool(_WEAK.search(text)))


def placeholder_paths(model: BaseModel) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """``(path, value)`` of every placeholder in a record: ``("adresse",)`` or ``("services", 2)``."""
    for name in type(model).model_fields:
        value: Any = getattr(model, name)
        if isinstance(value, str):
            if is_placeholder(value):
                yield (name,), value
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, str) and is_placeholder(item):
                    yield (name, index), item


def without_placeholders(model: Any) -> Any:
    """A copy of ``model`` where placeholders are left out: ``None`` for an optional text, ``""``
    for a required one (the page then says « non renseigné »), list items dropped."""
    update: dict[str, Any] = {}
    fields = type(model).model_fields
    for path, _value in placeholder_paths(model):
        name = str(path[0])
        if len(path) == 1:
            update[name] = "" if fields[name].is_required() else None
        else:
            update[name] = tuple(v for v in getattr(model, name) if not (isinstance(v, str) and is_placeholder(v)))
    return model.model_copy(update=update) if update else model
