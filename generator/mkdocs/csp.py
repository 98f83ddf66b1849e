"""Content-Security-Policy written into every built page (README « Sécurité »).

The theme (``theme/main.html``) puts a ``<meta http-equiv="Content-Security-Policy">`` at the
top of ``<head>``; :func:`csp_page` rewrites it in each page before MkDocs writes it (the
plugin's ``on_post_page``) and :func:`apply_csp` in the other HTML files after the build, with
the SHA-256 hashes of *that page's* inline scripts (Material's bootstrap scripts,
the map's JSON and Leaflet set-up), or inserts it when a page (a standalone map) has none.
Sorted, byte-stable output: two builds give the same files.

Only map tiles come from another host (IGN Géoplateforme, OpenStreetMap France, OpenStreetMap).
A meta CSP ignores ``frame-ancestors``, ``report-uri`` and ``sandbox``: set them as HTTP
headers where the host allows it.

A page that loads a script marked ``data-csp-wasm`` (the search page, whose Pagefind engine is
WebAssembly) also gets ``'wasm-unsafe-eval'``: WebAssembly compilation only, never ``eval``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from pathlib import Path

TILE_HOSTS = ("https://data.geopf.fr", "https://*.tile.openstreetmap.fr", "https://tile.openstreetmap.org")
PLACEHOLDER = "default-src 'self'"
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r'<meta charset="[^"]*">', re.IGNORECASE)


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# Inline scripts we know the origin of: Material's bootstrap (palette, anchor scroll, scope) and the
# Leaflet set-up that folium writes for our own maps. Anything else executable is refused: the CSP
# must not bless a script that slipped through escaping (defence in depth).
KNOWN_PREFIXES = (
    "var palette=__md_get(",
    "var target=document.getElementById(location.hash",
    "__md_scope=new URL(",
    "L_NO_TOUCH = false;",
    "var map_",
)
_DATA_TYPE = re.compile(r'\stype\s*=\s*"application/(?:ld\+)?json"', re.IGNORECASE)
# An external script element carrying the marker attribute (escaped text never matches: no ``<``).
_WASM_SCRIPT = re.compile(r"<script\b(?=[^>]*\ssrc\s*=)[^>]*\sdata-csp-wasm\b[^>]*>", re.IGNORECASE)


class UnknownInlineScript(ValueError):
    """An inline script whose origin we do not know: the build must stop."""


def _executable_inline(page: str) -> list[str]:
    return [body for attrs, body in _SCRIPT.findall(page) if not _SRC.search(attrs) and not _DATA_TYPE.search(attrs)]


def inline_script_hashes(page: str) -> list[str]:
    """Sorted, unique hashes of the executable inline ``<script>`` elements (external and JSON ones excluded)."""
    return sorted({script_hash(body) for body in _executable_inline(page)})


def unknown_inline_scripts(page: str) -> list[str]:
    """Executable inline scripts that match none of :data:`KNOWN_PREFIXES` (first 80 characters each)."""
    return [body.strip()[:80] for body in _executable_inline(page) if not body.strip().startswith(KNOWN_PREFIXES)]


def needs_wasm(page: str) -> bool:
    """Whether the page loads a script marked ``data-csp-wasm`` (WebAssembly allowed there only)."""
    return _WASM_SCRIPT.search(page) is not None


def policy(hashes: list[str], *, wasm: bool = False) -> str:
    scripts = " ".join(["'self'", *(["'wasm-unsafe-eval'"] if wasm else []), *hashes])
    return "; ".join([
        "default-src 'self'",
        "img-src 'self' data: " + " ".join(TILE_HOSTS),
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
        "frame-src 'self'",
    ])


def with_csp(page: str) -> str:
    """The page with its CSP meta rewritten (or inserted right after the charset/``<head>``)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(inline_script_hashes(page), wasm=needs_wasm(page)), quote=False)}">'
    if _META.search(page):
        return _META.sub(lambda _: meta, page, count=1)
    anchor = _CHARSET.search(page) or _HEAD.search(page)
    if anchor is None:
        return page  # not a document (fragment): nothing to protect
    return page[:anchor.end()] + meta + page[anchor.end():]


def csp_page(page: str, name: str) -> str:
    """``with_csp`` after refusing any inline script of unknown origin (``name`` goes in the message)."""
    unknown = unknown_inline_scripts(page)
    if unknown:
        raise UnknownInlineScript(f"{name} : script en ligne d'origine inconnue « {unknown[0]} »")
    return with_csp(page)


def apply_csp(site_dir: Path, names: Iterable[str] | None = None) -> int:
    """Rewrite the CSP of the HTML files ``names`` (site-relative POSIX paths; every ``*.html``
    under ``site_dir`` when ``None``); returns how many were written. Symlinks are left alone."""
    if names is None:
        names = (path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html"))
    count = 0
    for name in sorted(set(names)):
        path = site_dir / name
        if path.is_symlink() or not path.is_file():
            continue
        page = path.read_text(encoding="utf-8")
        updated = csp_page(page, name)
        if updated != page:
            path.write_text(updated, encoding="utf-8")
            count += 1
    return count
