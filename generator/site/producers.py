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

from generator.load.corpus import Corpus
from generator.config import Settings
from generator.geo.communes import CommuneTable


@dataclass(frozen=True)
class Output:
    """One generated file; ``source`` is the content file that « Modifier cette page » opens;
    ``scripts`` are the inline script bodies its producer wrote (the only ones its CSP allows);
    ``csp`` the sources its own CSP adds, per directive (the editor at ``/admin/`` only)."""

    content: str | bytes
    source: str | None = None
    scripts: frozenset[str] = frozenset()
    csp: tuple[tuple[str, tuple[str, ...]], ...] = ()


Producer = Callable[[Corpus, Settings, CommuneTable | None], dict[str, Output]]

PRODUCERS: tuple[str, ...] = (
    "generator.site.exports.producer:produce",
    "generator.site.pages.meetings:produce",
    "generator.site.pages.actions:produce",
    "generator.site.pages.observatory:produce",
    "generator.site.pages.followup:produce_assets",
    "generator.site.pages.home:produce",
    "generator.site.pages.directory:produce",
    "generator.site.pages.partners:produce",
    "generator.site.pages.structures:produce",
    "generator.site.pages.printable:produce",
    "generator.site.pages.orientation_sheet:produce",
    "generator.site.pages.people:produce",
    "generator.site.pages.competences:produce",
    "generator.site.pages.assets:produce",
    "generator.site.maps:produce_assets",
    "generator.site.pages.map:produce",
    "generator.site.pages.coverage:produce",
    "generator.site.pages.orientation:produce",
    "generator.site.pages.propose:produce",
    "generator.site.pages.search:produce",
    "generator.site.cms.page:produce",
)


def producers() -> list[Producer]:
    found: list[Producer] = []
    for name in PRODUCERS:
        module, function = name.split(":")
        found.append(getattr(importlib.import_module(module), function))
    return found


def produce_all(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    """Run every producer; two producers writing the same path is a bug."""
    result: dict[str, Output] = {}
    for producer in producers():
        for path, output in sorted(producer(corpus, settings, communes).items()):
            if path in result:
                raise RuntimeError(f"deux producteurs écrivent {path}")
            result[path] = output
    return result
