"""Post-render guard for hand-written pages (« nothing lost »: what the sanitiser strips is reported).

:func:`guard_page` sanitises the HTML that Python-Markdown produced from a ``content/`` page
with :func:`generator.site.render.sanitise` and compares a *structural signature* (tags,
attributes, link targets) before and after: whatever the sanitiser removed is returned so
that the plugin can log a warning (``mkdocs build --strict`` then fails instead of silently
stripping). External links get ``rel="nofollow ugc noopener"`` from the sanitiser.
"""

from __future__ import annotations

import html
from collections import Counter
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from generator.site.render import sanitise

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data"})
# attributes the sanitiser adds or rewrites on purpose: their change is not a loss
IGNORED_ATTRIBUTES = frozenset({"rel"})


class _Signature(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: Counter[str] = Counter()

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items[f"<{tag}>"] += 1
        for name, value in attrs:
            if name in IGNORED_ATTRIBUTES:
                continue
            if name in URL_ATTRIBUTES or name.startswith("on") or name in ("id", "style"):
                self.items[f"<{tag} {name}={(value or '').strip()!r}>"] += 1
            else:
                self.items[f"<{tag} {name}>"] += 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)


def signature(html: str) -> Counter[str]:
    """Multiset of tags, attributes and link targets of an HTML fragment."""
    parser = _Signature()
    parser.feed(html)
    parser.close()
    return parser.items


def structural_loss(before: str, after: str) -> list[str]:
    """What is in ``before`` and no longer in ``after`` (sorted, one item per element)."""
    lost = signature(before) - signature(after)
    return sorted(lost.elements())


def guard_page(html: str) -> tuple[str, list[str]]:
    """Sanitised page content and the structural items the sanitiser removed."""
    clean = sanitise(html, external_rel_only=True)
    return clean, structural_loss(html, clean)


def escape_theme_texts(page: Page) -> None:
    """Escape every page text that reaches the theme (Material's Jinja has no autoescape).

    MkDocs' theme environment has no autoescape: ``page.title`` and *every* front-matter value
    Material knows (``title``, ``description``, ``author``, ``subtitle``, ``status``, our
    ``robots``…) land raw in ``<title>``, ``<meta content="…">``, the navigation and the ``<h1>``.
    A structure named ``<script>…`` or ``a" onmouseover="…`` would run. So every text value of the
    front matter, nested ones included, is escaped (hand-written pages may only set a few keys, but
    this does not rely on it). Setting ``meta.title`` too keeps Material on its ``<title>`` branch
    without ``striptags`` (which would unescape again).
    """
    meta = page.meta if isinstance(page.meta, dict) else {}
    title = meta.get("title") or page.title
    for key, value in list(meta.items()):
        meta[key] = _escape_value(value)
    if title:
        page.title = _escape(str(title))
        meta["title"] = page.title


def _escape_value(value: Any) -> Any:
    """Texts escaped inside lists and mappings; numbers, booleans and dates cannot carry markup."""
    if isinstance(value, str):
        return _escape(value)
    if isinstance(value, list):
        return [_escape_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _escape_value(item) for key, item in value.items()}
    return value


def _escape(text: str) -> str:
    """HTML-escape for text and double-quoted attributes (apostrophes kept as they are)."""
    return html.escape(text, quote=False).replace('"', "&quot;")
