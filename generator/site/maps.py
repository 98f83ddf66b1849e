"""Self-hosted Folium maps: vendored assets, deterministic rendering, CDN guard.

- :func:`vendor_outputs` copies Leaflet and its plugins from ``<root>/node_modules`` into
  the site under ``assets/vendor/`` (bytes read at build time, never committed).
- :func:`base_map` builds a Folium map with Plan IGN (default) and OpenStreetMap layers,
  fullscreen and locate controls.
- :func:`render_map` renders it with every CDN asset replaced by its vendored copy and
  branca's random element ids replaced by a counter (byte-identical builds); the class
  attributes it patches are restored afterwards. It fails when the HTML still loads
  anything from another host (:func:`check_no_cdn`).
- :func:`json_script` embeds data as ``<script type="application/json">``; the map's own
  static JS builds markers, popups and tooltips with ``textContent`` only, so no content
  string is ever parsed as HTML or JS (a name such as ``<img src=x onerror=…>`` stays text).
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

import branca.element
import folium
import folium.plugins
from folium.elements import JSCSSMixin

from generator.config import Settings
from generator.errors import ContentError, Location, Problem
from generator.geo.communes import CommuneTable
from generator.load.corpus import Corpus
from generator.site.inline_scripts import emitted_scripts
from generator.site.producers import Output

VENDOR_DIR = "assets/vendor"

# Site path under assets/vendor/ → path under node_modules/.
VENDOR_FILES: dict[str, str] = {
    "leaflet/leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet/leaflet.css": "leaflet/dist/leaflet.css",
    "leaflet/images/layers.png": "leaflet/dist/images/layers.png",
    "leaflet/images/layers-2x.png": "leaflet/dist/images/layers-2x.png",
    "leaflet/images/marker-icon.png": "leaflet/dist/images/marker-icon.png",
    "leaflet/images/marker-icon-2x.png": "leaflet/dist/images/marker-icon-2x.png",
    "leaflet/images/marker-shadow.png": "leaflet/dist/images/marker-shadow.png",
    "leaflet/LICENSE": "leaflet/LICENSE",
    "markercluster/leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "markercluster/MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "markercluster/MarkerCluster.Default.css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
    "markercluster/LICENSE": "leaflet.markercluster/MIT-LICENCE.txt",
    "fullscreen/Control.FullScreen.js": "leaflet.fullscreen/Control.FullScreen.js",
    "fullscreen/Control.FullScreen.css": "leaflet.fullscreen/Control.FullScreen.css",
    "fullscreen/icon-fullscreen.svg": "leaflet.fullscreen/icon-fullscreen.svg",
    "fullscreen/LICENSE": "leaflet.fullscreen/LICENSE",
    "locatecontrol/L.Control.Locate.min.js": "leaflet.locatecontrol/dist/L.Control.Locate.min.js",
    "locatecontrol/L.Control.Locate.min.css": "leaflet.locatecontrol/dist/L.Control.Locate.min.css",
    "locatecontrol/LICENSE": "leaflet.locatecontrol/LICENSE",
    "opening_hours/opening_hours.js": "opening_hours/build/opening_hours.js",
    "opening_hours/LICENSE": "opening_hours/LICENSES/LGPL-3.0-only.txt",
}

# Folium asset names → vendored file; assets named in DROPPED are not needed (no folium
# Popup/Icon is used, so neither jQuery nor Bootstrap nor awesome-markers).
ASSET_NAMES: dict[str, str] = {
    "leaflet": "leaflet/leaflet.js",
    "leaflet_css": "leaflet/leaflet.css",
    "markerclusterjs": "markercluster/leaflet.markercluster.js",
    "markerclustercss": "markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "markercluster/MarkerCluster.Default.css",
    "Control.Fullscreen.js": "fullscreen/Control.FullScreen.js",
    "Control.FullScreen.css": "fullscreen/Control.FullScreen.css",
    "Control_locate_min_js": "locatecontrol/L.Control.Locate.min.js",
    "Control_locate_min_css": "locatecontrol/L.Control.Locate.min.css",
}
DROPPED = frozenset({
    "jquery", "bootstrap", "bootstrap_css", "glyphicons_css", "awesome_markers", "awesome_markers_css",
    "awesome_markers_font_css", "awesome_rotate_css",
})

IGN_URL = (
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png"
    "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}"
)
IGN_ATTRIBUTION = '&copy; <a href="https://www.ign.fr/">IGN</a> – Géoplateforme'
OSMFR_URL = "https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png"
OSMFR_ATTRIBUTION = ('&copy; OpenStreetMap France | &copy; <a href="https://www.openstreetmap.org/copyright">'
                     "les contributeurs d’OpenStreetMap</a>")
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">les contributeurs d’OpenStreetMap</a>'
TILE_HOSTS = ("data.geopf.fr", "tile.openstreetmap.fr", "tile.openstreetmap.org")

_LOCK = threading.Lock()
_NO_ZOOM = re.compile(r"initial-scale=1\.0,\s*maximum-scale=1\.0,\s*user-scalable=no")
OWN_ASSETS = ("dom.js", "carte.js", "carte.css", "carte-couverture.js", "orientation.js", "orientation.css",
              "mini-carte.js", "mini-carte.css")
# A resource *loaded* from another host: src= on any tag, href= on <link>, url() or @import in CSS.
_REMOTE = re.compile(
    r"""(?:\bsrc\s*=\s*["']?\s*|<link\b[^>]*?\bhref\s*=\s*["']?\s*|url\(\s*["']?\s*|@import\s+["']?\s*)"""
    r"""((?:https?:)?//[^"'\s)>]+)""",
    re.IGNORECASE,
)


class MapError(ContentError):
    """The map cannot be built (missing npm packages, CDN left in the HTML)."""


def _problem(message: str, hint: str = "", where: str = "package.json") -> MapError:
    return MapError([Problem(Location(where), "G-CARTE", message, hint)])


def vendor_outputs(root: Path) -> dict[str, Output]:
    """The vendored Leaflet files as static outputs; a French error when node_modules lacks them."""
    modules = root / "node_modules"
    missing = sorted(src for src in VENDOR_FILES.values() if not (modules / src).is_file())
    if missing:
        raise _problem(
            f"ressources JavaScript introuvables dans node_modules ({', '.join(missing[:3])}"
            f"{'…' if len(missing) > 3 else ''}) : les cartes ne peuvent pas être construites",
            "lancez « npm ci » à la racine du projet (ou « make build »)",
        )
    return {f"{VENDOR_DIR}/{dest}": Output((modules / src).read_bytes()) for dest, src in sorted(VENDOR_FILES.items())}


def produce_assets(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    """Producer: vendored Leaflet files and our own map scripts and styles under ``assets/``."""
    outputs = vendor_outputs(settings.root)
    for name in OWN_ASSETS:
        outputs[f"assets/{name}"] = Output(static_asset(name))
    return outputs


def static_asset(name: str) -> str:
    """Text of one of our own files in ``generator/assets/``."""
    return files("generator").joinpath("assets", name).read_text(encoding="utf-8")


def _subclasses(cls: type[object]) -> Iterator[type[object]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _vendored(links: list[tuple[str, str]], prefix: str) -> list[tuple[str, str]]:
    kept: list[tuple[str, str]] = []
    for name, url in links:
        if name in DROPPED:
            continue
        kept.append((name, f"{prefix}/{ASSET_NAMES[name]}" if name in ASSET_NAMES else url))
    return kept


@contextmanager
def _selfhosted(prefix: str) -> Iterator[None]:
    """Vendored assets and counter ids for the duration of one render; everything restored after."""
    saved: list[tuple[type, str, Any]] = []
    counter = itertools.count(1)
    classes: set[type[object]] = {folium.Map, *_subclasses(JSCSSMixin)}
    with _LOCK:
        try:
            for cls in sorted(classes, key=lambda c: c.__qualname__):
                for attr in ("default_js", "default_css"):
                    if attr in cls.__dict__:
                        saved.append((cls, attr, cls.__dict__[attr]))
                        setattr(cls, attr, _vendored(list(cls.__dict__[attr]), prefix))
            saved.append((branca.element.Element, "_generate_id", branca.element.Element.__dict__["_generate_id"]))
            # deterministic ids: a class attribute replaced for this render only, restored below
            branca.element.Element._generate_id = classmethod(  # type: ignore[method-assign,assignment]
                lambda cls: f"{next(counter):032x}"
            )
            yield
        finally:
            for cls, attr, value in reversed(saved):
                setattr(cls, attr, value)


def check_no_cdn(html: str, where: str) -> None:
    """Fail when the page loads a resource from another host (tile URLs live in JS, not in src/href)."""
    remote = sorted({m.group(1) for m in _REMOTE.finditer(html)})
    if remote:
        raise _problem(
            f"la carte {where} charge encore des ressources externes (CDN) : {', '.join(remote[:3])}",
            "ajoutez le fichier à VENDOR_FILES/ASSET_NAMES dans generator/site/maps.py",
            where="generator/site/maps.py",
        )


@contextmanager
def building(prefix: str) -> Iterator[None]:
    """Build *and* render a map inside this block: ids are generated when elements are created."""
    with _selfhosted(prefix):
        yield


def figure(m: folium.Map) -> branca.element.Figure:
    """The HTML document of a map (folium creates it with the map; typed as a plain element)."""
    root = m.get_root()
    assert isinstance(root, branca.element.Figure)
    return root


def base_map(center: tuple[float, float], zoom: int, *, title: str) -> folium.Map:
    """A map with Plan IGN by default, OSM France and OSM as alternatives, fullscreen and locate."""
    m = folium.Map(location=list(center), zoom_start=zoom, tiles=None, control_scale=True,
                   max_zoom=19, prefer_canvas=False, attribution_control=True)
    figure(m).title = title
    folium.TileLayer(IGN_URL, attr=IGN_ATTRIBUTION, name="Plan IGN", max_zoom=19).add_to(m)
    folium.TileLayer(OSMFR_URL, attr=OSMFR_ATTRIBUTION, name="OpenStreetMap France", max_zoom=19,
                     subdomains="abc", show=False, overlay=False).add_to(m)
    folium.TileLayer(OSM_URL, attr=OSM_ATTRIBUTION, name="OpenStreetMap", max_zoom=19,
                     show=False, overlay=False).add_to(m)
    folium.plugins.Fullscreen(position="topleft", title="Afficher en plein écran",
                              title_cancel="Quitter le plein écran").add_to(m)
    folium.plugins.LocateControl(position="topleft", strings={"title": "Me localiser",
                                                              "popup": "Vous êtes ici (à {distance} m près)"},
                                 icon="carte-localiser", iconLoading="carte-localiser carte-localiser-attente",
                                 flyTo=True, showPopup=False).add_to(m)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    return m


def json_text(data: Any) -> str:
    """Compact, deterministic JSON safe inside ``<script>``: ``<``, ``>``, ``&`` and U+2028/9 escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False, allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def json_script(element_id: str, data: Any) -> str:
    return f'<script type="application/json" id="{element_id}">{json_text(data)}</script>'


def add_assets(m: folium.Map, *, scripts: tuple[str, ...] = (), styles: tuple[str, ...] = (),
               body: tuple[str, ...] = ()) -> None:
    """Our own CSS/JS (paths relative to the map file) and body HTML we produced (never data)."""
    root = figure(m)
    for i, href in enumerate(styles):
        root.header.add_child(branca.element.CssLink(href), name=f"reseau_css_{i}")
    for i, html in enumerate(body):
        root.html.add_child(branca.element.Element(html), name=f"reseau_body_{i}")
    for i, src in enumerate(scripts):
        # In the body: after the vendored Leaflet, which folium adds to the header at render time.
        root.html.add_child(branca.element.JavascriptLink(src), name=f"reseau_js_{i}")


def map_output(html: str) -> Output:
    """A rendered map document, its inline scripts (Folium's Leaflet set-up) registered for its CSP."""
    return Output(html, scripts=emitted_scripts(html))


def render_html(m: folium.Map, where: str) -> str:
    """Render (inside :func:`building`), with the CDN guard and a lang attribute."""
    html = m.get_root().render()
    html = html.replace("<html>", '<html lang="fr">', 1)
    html = _NO_ZOOM.sub("initial-scale=1.0", html)  # let readers zoom (WCAG 1.4.4)
    check_no_cdn(html, where)
    return html
