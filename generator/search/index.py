"""Full-text search index of the built site, written by Pagefind (README « Performances »).

Material's built-in lunr search sends its whole index to every reader on every page (141 Mio at
30 000 structures); Pagefind writes a chunked index in ``site/pagefind/`` that the search page
(``/recherche/``) fetches piece by piece, only when a query is typed. Pagefind comes from PyPI
(``pagefind[bin]``, binary included in the wheel: nothing is downloaded at build time).

Only the page content is indexed: the theme (``theme/main.html``) wraps it in
``data-pagefind-body``; pages whose front matter says ``search: {exclude: true}`` are left out.
Pagefind receives each final page (escaped, CSP written) during the build, reduced by
:func:`search_copy` to that region (generator/search/service.py); stemming is French.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

BUNDLE = "pagefind"
PARTS_FILE = "parties.json"  # extra parts of a large index (generator/search/parts.py), merged by the search page
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # each gzip-compressed file of the bundle starts with it


class SearchIndexError(RuntimeError):
    """Pagefind failed: the message is in French, ready for the user."""


BODY_START = "<div data-pagefind-body>"
BODY_END = "</div><!--/data-pagefind-body-->"  # written by theme/main.html right after the region
_HTML_TAG = re.compile(r"<html\b[^>]*>")


def search_copy(page: str) -> str | None:
    """What Pagefind reads of a built page: ``<html lang>`` and the indexed region (``None``: not indexed).

    Pagefind takes the language from ``<html lang>``, the title from the first ``<h1>`` and the
    image from the first ``<img>`` of the region, so the copy gives the same index as the page
    while being a fifth of its size (no header, navigation, icons or footer to parse)."""
    start = page.find(BODY_START)
    end = page.find(BODY_END, start)
    if start < 0 or end < 0:
        return None
    tag = _HTML_TAG.search(page)
    return (f'<!doctype html>{tag.group(0) if tag else "<html>"}<head><meta charset="utf-8"></head>'
            f"<body>{page[start:end + len(BODY_END)]}</body></html>")


def write_parts_list(bundle: Path, names: list[str]) -> None:
    """``parties.json``: the extra parts the search page merges (``[]`` for a one-part index)."""
    (bundle / PARTS_FILE).write_text(json.dumps(names), encoding="utf-8")


def read_fragments(bundle: Path) -> list[dict[str, Any]]:
    """The indexed pages as Pagefind stored them (``url``, ``content``, ``meta``…), sorted by URL.

    For tests and inspection: what a reader's query can show, decompressed."""
    pages = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        pages.append(json.loads(data.removeprefix(FRAGMENT_SIGNATURE)))
    return sorted(pages, key=lambda page: page["url"])


def snapshot_tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative POSIX path → bytes), to restore it later."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def restore_tree(folder: Path, files: dict[str, bytes]) -> None:
    """Write back a :func:`snapshot_tree` under ``folder``."""
    for rel, data in sorted(files.items()):
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
