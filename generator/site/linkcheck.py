"""Internal link and anchor check of a built site (corpus case M11: no dead internal link).

Every ``*.html`` under the site folder is parsed with :mod:`html.parser`; each relative
``href``/``src`` is resolved against the page (``dir/`` → ``dir/index.html``) and must exist
inside the site; a ``#fragment`` must match an ``id`` (or ``<a name>``) of the target page.
External links (``http:``, ``https:``, ``//host``), ``mailto:``, ``tel:`` and ``data:`` images
are not followed: checking other sites belongs to a nightly job, never to the build.

Usage: ``python -m generator.site.linkcheck site/`` (exit 1 and ``page:line:col: …`` lines on problems).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.rules.urls import SAFE_SCHEMES

LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src", "source": "src"}
SKIPPED_SCHEMES = SAFE_SCHEMES | {"data", "javascript"}


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    line: int
    col: int
    target: str
    reason: str

    def format(self) -> str:
        return f"{self.page}:{self.line}:{self.col}: {self.reason} : {self.target}"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, int, str]] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(key):
                self.ids.add(str(values[key]))
        if tag == "base" and values.get("href"):
            self.base = values["href"]
        wanted = LINK_ATTRIBUTES.get(tag)
        value = values.get(wanted) if wanted else None
        if value is not None and not (tag == "link" and "canonical" in str(values.get("rel", ""))):
            line, col = self.getpos()
            self.links.append((line, col + 1, value))

    handle_startendtag = handle_starttag


@lru_cache(maxsize=4096)
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


def _resolve(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    parts = urlsplit(url)
    base = site if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def check_site(site: Path) -> list[BrokenLink]:
    """Every broken internal link or anchor of the site, sorted by page and position."""
    site = site.resolve()
    _parse.cache_clear()
    broken: list[BrokenLink] = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        page = _parse(path)
        for line, col, url in page.links:
            url = url.strip()
            scheme = urlsplit(url).scheme.lower()
            if not url or scheme in SKIPPED_SCHEMES or url.startswith("//"):
                continue
            if scheme:
                broken.append(BrokenLink(rel, line, col, url, "schéma de lien inattendu"))
                continue
            target, fragment = _resolve(site, path, url)
            if target is None or not target.is_relative_to(site):
                broken.append(BrokenLink(rel, line, col, url, "lien hors du site"))
            elif not target.is_file():
                broken.append(BrokenLink(rel, line, col, url, "lien cassé (fichier absent)"))
            elif fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
                broken.append(BrokenLink(rel, line, col, url, f"ancre « #{fragment} » absente de la page"))
    return broken


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    if not site.is_dir():
        print(f"dossier introuvable : {site}", file=sys.stderr)
        return 2
    broken = check_site(site)
    for item in broken:
        print(item.format())
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"{pages} page(s) vérifiée(s), {len(broken)} lien(s) interne(s) cassé(s).")
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
