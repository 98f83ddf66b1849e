"""Memo of Material's navigation (generator/mkdocs/nav_memo.py): shared only where the HTML is the same."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.mkdocs.nav_memo import NavMemo, nav_urls, shared_key

NAV = ("", "annuaire/", "competences/", "carte/", "comptes-rendus/")


def test_pages_outside_the_navigation_share_their_folder() -> None:
    assert shared_key("annuaire/mediatheque-veynes/", False, NAV) == "annuaire/"
    assert shared_key("annuaire/france-services-annonay/", False, NAV) == "annuaire/"
    assert shared_key("personnes/awa/", False, NAV) == "personnes/"
    assert shared_key("contribuer/", False, NAV) == "/"


def test_pages_rendered_as_usual() -> None:
    assert shared_key("annuaire/", True, NAV) is None  # in the navigation: its item is active
    assert shared_key(None, False, NAV) is None  # 404 and other templates without a page
    assert shared_key("carte/carte.html", False, NAV) is None  # not a folder URL
    assert shared_key("comptes/", False, ("comptes/rendus/",)) is None  # a navigation target lies under it


def test_memo_renders_once_per_folder() -> None:
    class Page:
        def __init__(self, url: str, parent: object = None) -> None:
            self.url, self.parent = url, parent

    memo, calls = NavMemo(NAV), []

    def caller() -> str:
        calls.append(1)
        return f"nav {len(calls)}"

    assert memo.memo("nav", Page("annuaire/a/"), caller) == "nav 1"
    assert memo.memo("nav", Page("annuaire/b/"), caller) == "nav 1"  # reused
    assert memo.memo("tabs", Page("annuaire/b/"), caller) == "nav 2"  # another partial
    assert memo.memo("nav", Page("annuaire/", parent=object()), caller) == "nav 3"  # in the navigation
    assert memo.memo("nav", None, caller) == "nav 4"
    assert memo.rendered == 2


def test_memoised_navigation_is_identical_to_materials(built_site: Path, tmp_path: Path) -> None:
    """The whole demo built without the memo is byte for byte the one built with it."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1", "GENERATOR_NO_NAV_MEMO": "1"}
    out = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                   cwd=Path(__file__).resolve().parents[1], env=env, check=True, capture_output=True)
    pages = sorted(p.relative_to(built_site) for p in built_site.rglob("*.html"))
    assert len(pages) > 100
    for rel in pages:
        assert (out / rel).read_bytes() == (built_site / rel).read_bytes(), rel
    structure = (built_site / "annuaire" / "mediatheque-veynes" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../carte/"' in structure.split('<nav class="md-nav md-nav--primary', 1)[1]


def test_plain_links_of_the_navigation_count_too() -> None:
    class Item:
        def __init__(self, url: str | None, children: list[object] | None = None) -> None:
            self.url, self.children = url, children

    items = [Item(""), Item(None, [Item("annuaire/"), Item("annuaire/x/plan.html")]), Item("https://exemple.fr/")]
    urls = nav_urls(items)
    assert urls == ["", "annuaire/", "annuaire/x/plan.html", "https://exemple.fr/"]
    assert shared_key("annuaire/x/", False, urls) is None  # the link is written relative to this very page
    assert shared_key("annuaire/y/", False, urls) == "annuaire/"
