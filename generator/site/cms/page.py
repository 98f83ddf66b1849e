"""Producer of ``/admin/``: the Sveltia CMS page, its generated ``config.yml`` and the vendored script.

Built only when ``mkdocs.yml`` has a ``cms:`` block in the ``reseau`` options. The script is
copied from ``node_modules/@sveltia/cms`` at build time (never committed, never a CDN); the page
has no inline script; its CSP adds, for this document only, the forge's API (``connect-src``) and
its avatars and ``blob:`` previews (``img-src``). Written files pass our strict loader: the
configuration asks for ASCII slugs (our file-name rule), dates as ``YYYY-MM-DD``, empty optional
fields left out, and the editorial workflow (one branch and one pull request per entry) where the
forge has it, so that the automatic checks and the human review still come before publication.
"""

from __future__ import annotations

import html
from typing import Any

import yaml

from generator.config import Settings
from generator.geo.communes import CommuneTable
from generator.load.corpus import Corpus
from generator.site.cms.backend import Backend, backend
from generator.site.cms.collections import collections
from generator.site.cms.vendor import vendor_outputs
from generator.site.producers import Output

ADMIN = "admin"
MEDIA_FOLDER = "content/images"  # rasters only: the review refuses anything else under content/

PAGE = """<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Éditeur en ligne — {title}</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
<link rel="icon" href="../assets/images/favicon.png">
</head>
<body>
<noscript><p>L'éditeur en ligne a besoin de JavaScript. Sans lui, chaque page du site a un lien
« Modifier cette page » ; la page <a href="../contribuer/">Contribuer</a> explique les autres façons de proposer
une modification.</p></noscript>
<script src="sveltia-cms.js"></script>
</body>
</html>
"""


def cms_config(corpus: Corpus, settings: Settings, forge: Backend) -> dict[str, Any]:
    """The whole Sveltia CMS configuration (``admin/config.yml``), keys in a stable order."""
    config: dict[str, Any] = {
        "app_title": f"Éditeur en ligne — {settings.nom_reseau}",
        "backend": forge.config,
        "publish_mode": "editorial_workflow" if forge.workflow else "simple",
        "media_folder": MEDIA_FOLDER,
        "public_folder": "/images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-", "trim": True,
                 "lowercase": True, "maxlength": 80},
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "double", "indent_sequences": True}},
        "show_preview_links": False,
        "collections": collections(corpus),
    }
    if settings.site_url:
        config["site_url"] = settings.site_url.rstrip("/")
    return config


def render_config(config: dict[str, Any]) -> str:
    header = ("# Généré par « python -m generator build » à partir des modèles (generator/site/cms/) :\n"
              "# ne le modifiez pas à la main, il est réécrit à chaque construction.\n")
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)


def csp_sources(forge: Backend) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What the editor's page adds to the site's policy: the forge, nothing else."""
    return (("connect-src", ("data:", *forge.connect)), ("img-src", ("blob:", *forge.images)))


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    """Producer: ``admin/index.html``, ``admin/config.yml`` and the vendored script, when ``cms:`` is set."""
    if settings.cms is None:
        return {}
    forge = backend(settings, settings.cms)
    page = PAGE.format(title=html.escape(settings.nom_reseau))
    return {
        f"{ADMIN}/index.html": Output(page, csp=csp_sources(forge)),
        f"{ADMIN}/config.yml": Output(render_config(cms_config(corpus, settings, forge))),
        **vendor_outputs(settings.root, ADMIN),
    }
