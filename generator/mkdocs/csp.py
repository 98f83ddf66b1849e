"""Content-Security-Policy written into every built page (README « Sécurité »).

The theme (``theme/main.html``) puts a ``<meta http-equiv="Content-Security-Policy">`` as the
*first* element of ``<head>``, before any meta that carries page data; :func:`csp_page` rewrites
it in each page before MkDocs writes it (the plugin's ``on_post_page``) and :func:`apply_csp` in
the other HTML files after the build, or inserts it right after ``<head>`` when a page (a
standalone map) has none. The policy lists the SHA-256 hashes of *that page's* inline scripts,
and each of them must be one the generator emitted itself: Material's bootstrap scripts rendered
from Material's templates (``theme_scripts.py``) or the Leaflet set-up a map producer registered
on its output. Any other inline script, even one that starts like a known one, stops the build.
Sorted, byte-stable output: two builds give the same files.

Only map tiles come from another host (IGN Géoplateforme, OpenStreetMap France, OpenStreetMap).
A meta CSP ignores ``frame-ancestors``, ``report-uri`` and ``sandbox``: set them as HTTP
headers where the host allows it.

A page that loads a script marked ``data-csp-wasm`` (the search page, whose Pagefind engine is
WebAssembly) also gets ``'wasm-unsafe-eval'``: WebAssembly compilation only, never ``eval``.

A generated document may widen its own policy, never another's: the producer lists the extra
sources on its :class:`~generator.site.producers.Output` (``csp``, directive → sources). Only the
editor at ``/admin/`` does: ``connect-src`` to the forge's API and ``img-src`` for avatars and
``blob:`` previews (``generator/site/cms/page.py``). Every other page keeps the policy above.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from generator.site.inline_scripts import executable_inline_scripts

TILE_HOSTS = ("https://data.geopf.fr", "https://*.tile.openstreetmap.fr", "https://tile.openstreetmap.org")
PLACEHOLDER = "default-src 'self'"
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"charset=", re.IGNORECASE)
# Browsers look for the encoding declaration in the first 1024 bytes only.
CHARSET_WINDOW = 1024


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# An external script element carrying the marker attribute (escaped text never matches: no ``<``).
_WASM_SCRIPT = re.compile(r"<script\b(?=[^>]*\ssrc\s*=)[^>]*\sdata-csp-wasm\b[^>]*>", re.IGNORECASE)


class CspRefusal(ValueError):
    """The page cannot get a sound policy: the build must stop."""


class UnknownInlineScript(CspRefusal):
    """An inline script the generator did not emit itself."""


def inline_script_hashes(page: str) -> list[str]:
    """Sorted, unique hashes of the executable inline ``<script>`` elements (external and JSON ones excluded)."""
    return sorted({script_hash(body) for body in executable_inline_scripts(page)})


def unknown_inline_scripts(page: str, allowed: Collection[str]) -> list[str]:
    """Executable inline scripts whose body is not exactly one of ``allowed`` (first 80 characters each)."""
    return [body.strip()[:80] for body in executable_inline_scripts(page) if body not in allowed]


def needs_wasm(page: str) -> bool:
    """Whether the page loads a script marked ``data-csp-wasm`` (WebAssembly allowed there only)."""
    return _WASM_SCRIPT.search(page) is not None


Extra = tuple[tuple[str, tuple[str, ...]], ...]  # (directive, sources) added to one document's policy
_SOURCE = re.compile(r"^(?:'self'|blob:|data:|https://[a-z0-9.*-]+(?::\d+)?)$")
_DIRECTIVES = frozenset({"connect-src", "img-src", "worker-src"})


def policy(hashes: list[str], *, wasm: bool = False, extra: Extra = ()) -> str:
    scripts = " ".join(["'self'", *(["'wasm-unsafe-eval'"] if wasm else []), *hashes])
    directives = {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *TILE_HOSTS],
        "script-src": [scripts],
        "style-src": ["'self'", "'unsafe-inline'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-src": ["'self'"],
    }
    for directive, sources in extra:
        bad = [source for source in sources if not _SOURCE.match(source)]
        if directive not in _DIRECTIVES or bad:
            raise CspRefusal(f"source CSP refusée : {directive} {' '.join(bad)}".rstrip())
        kept = directives.setdefault(directive, ["'self'"])
        kept.extend(source for source in sources if source not in kept)
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def with_csp(page: str, extra: Extra = ()) -> str:
    """The page with its CSP meta rewritten (or inserted right after ``<head>``)."""
    written = policy(inline_script_hashes(page), wasm=needs_wasm(page), extra=extra)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(written, quote=False)}">'
    if _META.search(page):
        return _META.sub(lambda _: meta, page, count=1)
    anchor = _HEAD.search(page)
    if anchor is None:
        return page  # not a document (fragment): nothing to protect
    return page[:anchor.end()] + meta + page[anchor.end():]


def csp_page(page: str, name: str, allowed: Collection[str], extra: Extra = ()) -> str:
    """``with_csp`` after refusing any inline script not in ``allowed`` (``name`` goes in the message)
    and checking that the encoding declaration is still within the bytes browsers read for it."""
    unknown = unknown_inline_scripts(page, allowed)
    if unknown:
        raise UnknownInlineScript(f"{name} : script en ligne d'origine inconnue « {unknown[0]} »")
    written = with_csp(page, extra)
    charset = _CHARSET.search(written)
    if charset is not None and len(written[:charset.end()].encode("utf-8")) > CHARSET_WINDOW:
        raise CspRefusal(f"{name} : la politique CSP repousse la déclaration d'encodage au-delà des "
                         f"{CHARSET_WINDOW} premiers octets (trop de scripts en ligne sur la page)")
    return written


def apply_csp(site_dir: Path, names: Iterable[str], allowed_for: Callable[[str], Collection[str]],
              extra_for: Callable[[str], Extra] = lambda name: ()) -> int:
    """Rewrite the CSP of the HTML files ``names`` (site-relative POSIX paths), each allowed the
    inline scripts ``allowed_for(name)`` and the extra sources ``extra_for(name)``; returns how
    many were written. Symlinks are left alone."""
    count = 0
    for name in sorted(set(names)):
        path = site_dir / name
        if path.is_symlink() or not path.is_file():
            continue
        page = path.read_text(encoding="utf-8")
        updated = csp_page(page, name, allowed_for(name), extra_for(name))
        if updated != page:
            path.write_text(updated, encoding="utf-8")
            count += 1
    return count
