"""Memo of producer outputs across rebuilds of one process (``mkdocs serve``).

``mkdocs serve`` rebuilds the whole site after every saved edit. Most producers are cheap,
but a few (the coverage map above all) cost more than the rest of the pipeline together
and depend on a small part of the corpus. :class:`ProducerMemo` runs every producer like
:func:`generator.site.producers.produce_all`, except that a producer listed in :data:`KEYS` is
skipped when the digest of the inputs it reads is the one of the previous run: its previous
outputs are reused, byte for byte.

A key must cover *everything* the producer reads; when a producer starts reading another
part of the corpus, its key here must follow (``tests/test_plugin_cache.py`` compares
memoised and fresh outputs after various edits). Producers absent from :data:`KEYS` always run.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.load.corpus import Corpus
from generator.site.producers import PRODUCERS, Output, Producer, producers
from generator.config import Settings
from generator.geo.communes import CommuneTable

KeyFunction = Callable[[Corpus, Settings], Iterable[object]]


def _digest(parts: Iterable[object]) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(repr(part).encode("utf-8", "surrogatepass"))
        sha.update(b"\x00")
    return sha.hexdigest()


def environment_parts(settings: Settings) -> Iterable[object]:
    """What every producer may read besides the corpus: settings and the reproducible date."""
    yield repr(settings)
    yield os.environ.get("SOURCE_DATE_EPOCH", "")


def content_parts(corpus: Corpus, settings: Settings) -> Iterable[object]:
    """The whole content: every record's source data and body, vocabularies, positions."""
    yield from environment_parts(settings)
    for kind in ("structures", "people", "meetings", "actions"):
        records = getattr(corpus, kind)
        for slug in sorted(records):
            rec = records[slug]
            yield (kind, slug, rec.path, rec.doc.data, rec.body, rec.body_line)
    for kind in ("competences", "thematiques", "reseaux"):
        vocabulary = getattr(corpus, kind)
        yield kind, sorted((key, repr(value)) for key, value in vocabulary.items())
    yield sorted(corpus.positions.items())
    intro = settings.root / "content" / "index.md"  # read by the home page producer
    yield intro.read_bytes() if intro.is_file() else b""


def coverage_parts(corpus: Corpus, settings: Settings) -> Iterable[object]:
    """``/couverture/`` reads names, positions, services, dispositifs and zones of intervention."""
    from generator.site.pages.coverage import places_of

    yield from environment_parts(settings)
    yield places_of(corpus)
    yield sorted(corpus.positions.items())


def map_parts(corpus: Corpus, settings: Settings) -> Iterable[object]:
    """``/carte/`` reads its JSON rows, the map centre and the number of structures."""
    from generator.site.pages.map import map_data

    yield from environment_parts(settings)
    yield map_data(corpus)
    yield sorted(corpus.positions.items())
    yield len(corpus.structures)


KEYS: dict[str, KeyFunction] = {
    "generator.site.pages.coverage:produce": coverage_parts,
    "generator.site.pages.map:produce": map_parts,
    "generator.site.exports.producer:produce": content_parts,
    "generator.site.pages.meetings:produce": content_parts,
    "generator.site.pages.actions:produce": content_parts,
    "generator.site.pages.observatory:produce": content_parts,
    "generator.site.pages.structures:produce": content_parts,
    "generator.site.pages.printable:produce": content_parts,
    "generator.site.pages.people:produce": content_parts,
    "generator.site.pages.competences:produce": content_parts,
    "generator.site.pages.home:produce": content_parts,
    "generator.site.pages.directory:produce": content_parts,
    "generator.site.pages.orientation:produce": content_parts,
}


@dataclass
class ProducerMemo:
    """Previous key and outputs of each memoised producer; ``hits``/``misses`` of the last run."""

    entries: dict[str, tuple[str, dict[str, Output]]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def run(self, name: str, producer: Producer, corpus: Corpus, settings: Settings,
            communes: CommuneTable | None) -> dict[str, Output]:
        key_function = KEYS.get(name)
        if key_function is None:
            return producer(corpus, settings, communes)
        key = _digest(key_function(corpus, settings))
        previous = self.entries.get(name)
        if previous is not None and previous[0] == key:
            self.hits.append(name)
            return previous[1]
        self.misses.append(name)
        outputs = producer(corpus, settings, communes)
        self.entries[name] = (key, outputs)
        return outputs

    def produce_all(self, corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
        """Same result as :func:`generator.site.producers.produce_all`, reusing unchanged outputs."""
        self.hits, self.misses = [], []
        result: dict[str, Output] = {}
        for name, producer in zip(PRODUCERS, producers(), strict=True):
            for path, output in sorted(self.run(name, producer, corpus, settings, communes).items()):
                if path in result:
                    raise RuntimeError(f"deux producteurs écrivent {path}")
                result[path] = output
        return result

    def clear(self) -> None:
        self.entries.clear()
