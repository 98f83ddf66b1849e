"""The directory's JavaScript in a real browser (Debian chromium, headless) on the demo site:
URL state, combined facets, counts « if this value were added », accent-insensitive search."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import playwright_or_skip

playwright_or_skip()
pytestmark = pytest.mark.navigateur


@pytest.fixture(scope="module")
def page(browser: Any, server: str) -> Iterator[Any]:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
    yield tab
    tab.close()


def _data(built_site: Path) -> dict[str, Any]:
    return json.loads((built_site / "annuaire" / "annuaire.json").read_text(encoding="utf-8"))


def _expected(data: dict[str, Any], selection: dict[str, set[str]]) -> int:
    ids = [f["id"] for f in data["facets"]]
    keys = [[k for k, _ in f["values"]] for f in data["facets"]]
    count = 0
    for row in data["rows"]:
        ok = all(not wanted or {keys[i][v] for v in row[2 + i]} & wanted
                 for i, wanted in ((ids.index(fid), sel) for fid, sel in selection.items()))
        count += ok
    return count


def _count(tab: Any) -> str:
    return str(tab.inner_text(".annuaire-compte")).replace("\u00a0", " ")


def test_url_state_and_combined_facets(page: Any, server: str, built_site: Path) -> None:
    data = _data(built_site)
    total = len(data["rows"])
    page.goto(f"{server}/annuaire/?departement=07")
    page.wait_for_selector(".annuaire-compte")
    in_07 = _expected(data, {"departement": {"07"}})
    assert 0 < in_07 < total
    assert _count(page) == f"{in_07} lieu{'x' if in_07 > 1 else ''} sur {total} lieux"
    assert page.is_hidden("#annuaire-statique")
    # count shown next to « Hautes-Alpes (05) » = results if 05 were added (OR within the facet)
    label = page.inner_text("label[for='annuaire-departement-1']").replace("\u00a0", " ")
    both = _expected(data, {"departement": {"07", "05"}})
    assert label.endswith(f"({both})")
    page.check("#annuaire-departement-1")
    assert _count(page).startswith(f"{both} lieu")
    assert parse_qs(urlsplit(page.url).query)["departement"] == ["05", "07"]
    # a second facet narrows (AND between facets)
    service = data["facets"][3]["values"][0][0]
    page.check("#annuaire-service-0")
    narrowed = _expected(data, {"departement": {"07", "05"}, "service": {service}})
    assert _count(page).startswith(f"{narrowed} lieu")
    assert parse_qs(urlsplit(page.url).query)["service"] == [service]
    page.click("text=Effacer les filtres")
    assert _count(page) == f"{total} lieux au total"
    assert urlsplit(page.url).query == ""


def test_text_filter_ignores_accents(page: Any, server: str, built_site: Path) -> None:
    data = _data(built_site)
    target = next(row for row in data["rows"] if any(unicodedata.combining(c)
                                                      for c in unicodedata.normalize("NFD", row[1])))
    plain = "".join(c for c in unicodedata.normalize("NFD", target[1]) if not unicodedata.combining(c)).upper()
    page.goto(f"{server}/annuaire/")
    page.wait_for_selector(".annuaire-compte")
    page.fill("#annuaire-q", plain)
    # the text filter is debounced: wait until it has applied (it writes q= in the URL), at most 5 s
    page.wait_for_function("() => new URLSearchParams(location.search).has('q')", timeout=5000)
    names = page.eval_on_selector_all("#annuaire-app .annuaire-liste li strong", "els => els.map(e => e.textContent)")
    assert target[1] in names
    assert len(names) < len(data["rows"])


def test_keyboard_toggles_a_facet(page: Any, server: str) -> None:
    page.goto(f"{server}/annuaire/")
    page.wait_for_selector(".annuaire-compte")
    page.focus("#annuaire-departement-0")
    page.keyboard.press("Space")
    assert page.is_checked("#annuaire-departement-0")
    assert "departement=04" in page.url
    assert page.get_attribute(".annuaire-compte", "aria-live") == "polite"
