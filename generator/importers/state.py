"""What each source gave last time: the base of the three-way merge of ``import --mise-a-jour``.

One JSON file per source in the ``import/`` folder at the root of the repository (the actor files stay
as contributors write them)::

    import/france-services.json
    {"source": "france-services",
     "fiches": {"france-services-1234": {"fichier": "france-services-de-serres",
                                         "valeurs": {"nom": "France services de Serres", …}}}}

An entry is keyed by the source identifier (``id``), or by ``@`` + the file name for a row without one.
Written by the importer only, sorted, one line per value: a re-import that changes nothing rewrites
the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from generator.errors import ContentError, Location, Problem

FOLDER = "import"
Values = dict[str, str | list[str]]


@dataclass
class Entry:
    slug: str
    values: Values


@dataclass
class SourceState:
    source: str
    entries: dict[str, Entry] = field(default_factory=dict)
    changed: bool = False


def entry_key(source_id: str, slug: str) -> str:
    return source_id or f"@{slug}"


def file_name(source: str) -> str:
    return f"{FOLDER}/{slugify(source) or 'source'}.json"


def _fail(path: str, message: str) -> ContentError:
    return ContentError([Problem(Location(path), "I-ETAT", message,
                                 "ce fichier est écrit par l'import : restaurez-le avec git "
                                 "(git checkout -- " + path + ") ou supprimez-le pour repartir de zéro")])


def _values(raw: object) -> Values:
    if not isinstance(raw, dict):
        raise ValueError
    values: Values = {}
    for key, value in raw.items():
        if isinstance(value, str):
            values[str(key)] = value
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            values[str(key)] = list(value)
        else:
            raise ValueError
    return values


def load(root: Path, source: str) -> SourceState:
    name = file_name(source)
    path = root / name
    state = SourceState(source)
    if not path.exists():
        return state
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        entries = doc["fiches"]
        for key, item in entries.items():
            state.entries[str(key)] = Entry(str(item["fichier"]), _values(item["valeurs"]))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _fail(name, f"état d'import illisible ({type(exc).__name__})") from None
    return state


def dump(state: SourceState) -> str:
    doc = {"source": state.source,
           "fiches": {key: {"fichier": e.slug, "valeurs": e.values} for key, e in sorted(state.entries.items())}}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
