"""Static assets of the reader-facing pages, shipped as package data (``generator/assets/``)."""

from __future__ import annotations

from importlib import resources
from typing import Any

from generator.load.corpus import Corpus
from generator.site.producers import Output
from generator.config import Settings
from generator.geo.communes import CommuneTable

ASSETS = ("annuaire.js", "accessibilite.js", "reseau-site.css", "reseau-print.css", "fiche.css",
          "ouvert-maintenant.js")


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    folder = resources.files("generator") / "assets"
    return {f"assets/{name}": Output((folder / name).read_text(encoding="utf-8"), None) for name in ASSETS}
