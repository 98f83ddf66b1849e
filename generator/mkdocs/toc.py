"""Anchors and table of contents of a generated page, read from our own HTML.

Generated pages are already HTML and skip Python-Markdown (see the plugin), so the two things
MkDocs would have extracted from them are computed here, with the same meaning:

- :func:`anchor_ids` — every ``id`` of the page (MkDocs checks ``page.md#anchor`` links against it);
- :func:`with_toc` — the ``<h2>``/``<h3>`` headings become the « Sur cette page » table of
  contents; a heading without ``id`` (a title of our templates, or one written in a meeting's
  Markdown) gets a unique slug so that its entry has somewhere to point.

The HTML comes from our autoescaped templates and from nh3, so attribute values are always
double-quoted and headings never nest: a regular expression reads it exactly.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TypedDict

from slugify import slugify

_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')
_HEADING = re.compile(r"<h([23])((?:\s[^>]*)?)>(.*?)</h\1>", re.DOTALL)
_HEADING_ID = re.compile(r'\sid="([^"]*)"')
_TAG = re.compile(r"<[^>]*>")


class TocEntry(TypedDict):
    """One heading of the table of contents, in the shape MkDocs' ``get_toc`` reads."""

    level: int
    id: str
    name: str
    children: list[TocEntry]


def anchor_ids(page: str) -> set[str]:
    """The ``id`` values of the page, unescaped."""
    return {html.unescape(value) for value in _ID.findall(page)}


@lru_cache(maxsize=4096)
def _slug(text: str) -> str:
    """Slug of a heading (cached: the same few headings recur on thousands of pages)."""
    return slugify(text) or "section"


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def with_toc(page: str) -> tuple[str, list[TocEntry]]:
    """The page with an ``id`` on every h2/h3, and the TOC tokens (MkDocs' ``get_toc`` format).

    Names are escaped text (MkDocs prints them as HTML); h3 entries nest under the previous h2.
    """
    taken = anchor_ids(page)
    tokens: list[TocEntry] = []
    section: TocEntry | None = None  # the h2 that following h3 entries nest under

    def heading(match: re.Match[str]) -> str:
        nonlocal section
        level, attrs, inner = int(match.group(1)), match.group(2), match.group(3)
        text = " ".join(html.unescape(_TAG.sub("", inner)).split())
        found = _HEADING_ID.search(attrs)
        if found:
            ident = html.unescape(found.group(1))
        else:
            ident = _unique(_slug(text), taken)
            attrs = f' id="{html.escape(ident)}"' + attrs
        token: TocEntry = {"level": level, "id": ident, "name": html.escape(text, quote=False), "children": []}
        if level == 2:
            section = token if text else None
        if text:  # an empty heading (an image alone) gets its id but no entry
            (section["children"] if level == 3 and section is not None else tokens).append(token)
        return f"<h{level}{attrs}>{inner}</h{level}>"

    return _HEADING.sub(heading, page), tokens
