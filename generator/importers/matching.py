"""Which existing file an imported row describes, before anything is created.

First the same source and source identifier (read in the files and in the import state), then the
shared place rule of :mod:`generator.rules.duplicates` (pivot, name in the commune, 300 m and a
similar name). Files created or merged during the run are indexed too: a list that names a place
twice does not create it twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.importers.state import SourceState, entry_key
from generator.rules.duplicates import PROBABLE, PlaceIndex, name_key

BY_SOURCE = "source"  # same source and identifier: this source's own record
SAME_PLACE = "lieu"  # another record of the same place: merged
PROBABLE_PLACE = "probable"  # perhaps the same place: reported, a person decides


@dataclass(frozen=True)
class Match:
    slug: str
    how: str
    why: str


def source_key(source: str) -> str:
    """``France Services`` and ``france-services`` are one source."""
    return name_key(source)


class Matcher:
    def __init__(self, files: Mapping[str, Mapping[str, object]], states: Mapping[str, SourceState]) -> None:
        self._by_source: dict[tuple[str, str], str] = {}
        self.index = PlaceIndex()
        for slug, data in sorted(files.items()):
            if data:
                self.index.add(slug, data)
            sid, source = data.get("id"), data.get("source")
            if isinstance(sid, str) and sid and isinstance(source, str) and source:
                self._by_source.setdefault((source_key(source), sid), slug)
        for name, state in sorted(states.items()):
            for key, entry in sorted(state.entries.items()):
                self._by_source[(source_key(name), key)] = entry.slug

    def find(self, data: Mapping[str, object], source: str) -> Match | None:
        sid = str(data.get("id") or "")
        if sid and (slug := self._by_source.get((source_key(source), sid))):
            return Match(slug, BY_SOURCE, f"même source et même identifiant « {sid} »")
        found = self.index.best(data)
        if found is None:
            return None
        slug, verdict, why = found
        if (source_key(source), entry_key("", slug)) in self._by_source:
            return Match(slug, BY_SOURCE, why)  # a row without identifier imported before by this source
        return Match(slug, PROBABLE_PLACE if verdict == PROBABLE else SAME_PLACE, why)

    def record(self, slug: str, data: Mapping[str, object], source: str, source_id: str) -> None:
        """``data`` is the file as written; ``source_id`` the row's identifier in ``source``."""
        self.index.add(slug, data)
        self._by_source[(source_key(source), entry_key(source_id, slug))] = slug
