"""Registry of output producers: pure functions ``Corpus → {docs-relative path: Output}``.

The MkDocs plugin turns ``.md`` outputs into pages and everything else into static
files. A producer is named ``"module:function"`` in :data:`PRODUCERS`; it receives
the corpus, the settings and the commune lookup (or ``None``), and must be pure
and deterministic (sorted iteration, no clock but ``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.corpus import Corpus
from generator.settings import Settings


@dataclass(frozen=True)
class Output:
    """One generated file; ``source`` is the content file that « Modifier cette page » opens."""

    content: str | bytes
    source: str | None = None


Producer = Callable[[Corpus, Settings, Any], dict[str, Output]]

PRODUCERS: tuple[str, ...] = (
    "generator.exports.producer:produce",
    "generator.pages.meetings:produce",
    "generator.pages.actions:produce",
    "generator.pages.observatoire:produce",
    "generator.pages.suivi_common:produce_assets",
    "generator.pages.accueil:produce",
    "generator.pages.annuaire:produce",
    "generator.pages.structures:produce",
    "generator.pages.imprimer:produce",
    "generator.pages.personnes:produce",
    "generator.pages.competences:produce",
    "generator.pages.site_assets:produce",
    "generator.geomap:produce_assets",
    "generator.pages.carte:produce",
    "generator.pages.couverture:produce",
    "generator.pages.orientation:produce",
    "generator.pages.recherche:produce",
)


def producers() -> list[Producer]:
    found: list[Producer] = []
    for name in PRODUCERS:
        module, function = name.split(":")
        found.append(getattr(importlib.import_module(module), function))
    return found


def produce_all(corpus: Corpus, settings: Settings, communes: Any) -> dict[str, Output]:
    """Run every producer; two producers writing the same path is a bug."""
    result: dict[str, Output] = {}
    for producer in producers():
        for path, output in sorted(producer(corpus, settings, communes).items()):
            if path in result:
                raise RuntimeError(f"deux producteurs écrivent {path}")
            result[path] = output
    return result
