"""``/orientation/``: pick a need and a commune (or « me localiser »), get the nearest places.

Everything runs in the reader's browser (``assets/orientation*.js``) from the files of
:mod:`generator.site.pages.orientation_data`; the position given by geolocation stays in the
browser (in the URL fragment, never sent). The same form leads the home page.
"""

from __future__ import annotations

from typing import Any

from generator.config import Settings
from generator.geo.communes import CommuneTable
from generator.load.corpus import Corpus
from generator.site.maps import json_text
from generator.site.pages.orientation_data import DATA_PATH, options_of, orientation_files
from generator.site.producers import Output
from generator.site.render import page_md, render

__all__ = ["DATA_PATH", "form_context", "produce"]


def form_context(data: dict[str, Any], prefix: str) -> dict[str, Any]:
    """What ``carte/orientation-form.html`` needs; ``prefix`` leads from the page to the site root."""
    return {"services": data["services"], "competences": data["competences"], "prefix": prefix}


def produce(corpus: Corpus, settings: Settings | None, communes: CommuneTable | None) -> dict[str, Output]:
    files = orientation_files(corpus, options_of(settings), communes)
    html = render("carte/orientation.html", **form_context(files[DATA_PATH], "../"))
    page = page_md("Trouver de l'aide près de chez soi", html, hide=("toc",),
                   description="Choisissez un besoin et une commune : les lieux de médiation numérique les plus proches.")
    return {"orientation/index.md": Output(page),
            **{path: Output(json_text(value) + "\n") for path, value in files.items()}}
