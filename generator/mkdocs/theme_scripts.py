"""The inline scripts Material writes in every page, rendered from Material's own templates.

Material's bootstrap scripts live in ``partials/javascripts/*.html`` of the installed theme; only
``base.html`` (the storage scope, from the page's ``base_url``) and ``outdated.html`` depend on the
page. :func:`material_scripts` renders each of these partials for one ``base_url`` and returns the
exact script bodies: the CSP step allows these bodies and nothing that merely starts like them.
A new Material version changes the templates and therefore the bodies, without any code change.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import material as material_theme
from mkdocs.utils import get_relative_url

from generator.site.inline_scripts import executable_inline_scripts

TEMPLATES = Path(material_theme.__file__).parent / "templates"
SCRIPT_PARTIALS = "partials/javascripts"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), undefined=jinja2.Undefined)


@lru_cache(maxsize=64)
def material_scripts(base_url: str, scope: str = "", features: tuple[str, ...] = ()) -> frozenset[str]:
    """Bodies of Material's inline scripts on a page whose ``base_url`` is ``base_url``."""
    extra: dict[str, Any] = {"scope": scope} if scope else {}
    context = {"config": {"extra": extra, "theme": {"features": list(features)}},
               "base_url": base_url, "features": list(features)}
    bodies: set[str] = set()
    for partial in sorted((TEMPLATES / SCRIPT_PARTIALS).glob("*.html")):
        html = _environment().get_template(f"{SCRIPT_PARTIALS}/{partial.name}").render(context)
        bodies.update(executable_inline_scripts(html))
    return frozenset(bodies)


def page_base_url(dest_uri: str, config: Any) -> str:
    """The ``base_url`` MkDocs gives the page written at ``dest_uri`` (site root path for the
    theme's static templates such as ``404.html``, as MkDocs does)."""
    if dest_uri in config["theme"].static_templates:
        return urlsplit(config["site_url"] or "/").path
    return get_relative_url(".", dest_uri)


def theme_scripts(dest_uri: str, config: Any) -> frozenset[str]:
    """Material's script bodies for the page written at ``dest_uri`` under this configuration."""
    scope = str((config["extra"] or {}).get("scope") or "")
    features = tuple(str(f) for f in config["theme"].get("features") or ())
    return material_scripts(page_base_url(dest_uri, config), scope, features)
