"""``/recherche/``: full-text search with Pagefind's interface (index written by ``generator/search/index.py``).

The page only holds the interface; the index (``pagefind/``) is written after the build by the
plugin, and fetched by the reader piece by piece at the first query. Left out of the index itself
(``search: {exclude: true}``). Without JavaScript, the page points to the directory and the
printable list.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from generator.load.corpus import Corpus
from generator.site.producers import Output
from generator.site.pages.display import up
from generator.site.render import page_md, render
from generator.config import Settings
from generator.geo.communes import CommuneTable

ASSETS = ("recherche.js", "recherche.css")


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    folder = resources.files("generator") / "assets"
    page = page_md("Rechercher", render("site/recherche.html", root=up(1)), hide=("navigation", "toc"),
                   description="Recherche dans tout le site : lieux, personnes, compétences, comptes-rendus, "
                               "fiches actions.",
                   extra={"search": {"exclude": True}})
    outputs = {"recherche/index.md": Output(page, None)}
    outputs.update({f"assets/{name}": Output((folder / name).read_text(encoding="utf-8"), None) for name in ASSETS})
    return outputs
