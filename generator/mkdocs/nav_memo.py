"""Memo of the navigation HTML that Material renders on every page (README « Performances »).

Material renders the whole navigation (sidebar and tabs) for each page: at 3 000 structures that
is a third of the build. Its HTML depends on the page in two ways only: the *active* items (the
page and its sections, when the page is in the navigation) and the links, written relative to
the page's folder. So every page that is not in the navigation, and under which no navigation
target lies, gets the same HTML as the other pages of its parent folder: the key is that folder.
Other pages (the few in the navigation, and pages without URL such as 404) are rendered normally.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Collection, Iterable
from typing import Any


def shared_key(page_url: str | None, in_nav: bool, nav_urls: Collection[str]) -> str | None:
    """The folder whose pages share this page's navigation HTML, or ``None`` (render it)."""
    if page_url is None or in_nav or not page_url.endswith("/"):
        return None
    if any(url.startswith(page_url) for url in nav_urls):
        return None  # a navigation link would be written relative to this very page
    return posixpath.dirname(page_url.rstrip("/")) + "/"


def nav_urls(items: Iterable[Any]) -> list[str]:
    """URLs of every navigation entry, pages and plain links alike (both are written relative to the page)."""
    found: list[str] = []
    for item in items:
        url = getattr(item, "url", None)
        if isinstance(url, str):
            found.append(url)
        found.extend(nav_urls(getattr(item, "children", None) or ()))
    return found


class NavMemo:
    """One build's memo: ``memo(name, page, caller)`` is the Jinja global behind ``{% call %}``."""

    def __init__(self, nav_urls: Collection[str]) -> None:
        self.nav_urls = frozenset(nav_urls)
        self.fragments: dict[tuple[str, str], Any] = {}
        self.rendered = 0

    def memo(self, name: str, page: Any, caller: Callable[[], Any]) -> Any:
        in_nav = getattr(page, "parent", None) is not None  # a URL among nav_urls is excluded by shared_key
        key = shared_key(getattr(page, "url", None), in_nav, self.nav_urls)
        if key is None:
            return caller()
        found = self.fragments.get((name, key))
        if found is None:
            found = self.fragments[(name, key)] = caller()
            self.rendered += 1
        return found
