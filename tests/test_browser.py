"""Browser checks of the built site (Debian chromium driven by Playwright, no browser download).

- privacy: every request stays on the local server, except map tiles (answered locally here);
- no dialog, no console error (a CSP violation is a console error), on the key pages and in search
  (Pagefind on /recherche/, offline: the index comes from the site itself);
- stored XSS (Y18, Y19): payloads in YAML fields of a scratch content tree are shown as text,
  nothing runs even when every element receives ``mouseover``;
- accessibility: axe-core (npm, served from node_modules) reports no serious or critical violation,
  at 1280×900 and 390×844, on pages covering every page type, then on every built page
  (``test_axe_on_every_built_page``, marked ``lent``).

Skipped with a clear message when chromium, Playwright or axe-core are missing.
"""

from __future__ import annotations

import base64
import functools
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_support import playwright_or_skip, start_server

from generator.site.maps import TILE_HOSTS
from tests.conftest import ROOT, copy_content

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def _first(folder: str, pattern: str) -> str:
    found = sorted((ROOT / folder).glob(pattern))
    return found[0].stem if found else "absent"


KEY_PAGES = ("", "recherche/", "annuaire/", "annuaire/mediatheque-veynes/", "competences/", "personnes/awa-diallo-reymond/",
             "comptes-rendus/", f"comptes-rendus/{_first('meetings', '*.md')}/", "actions/",
             f"actions/{_first('actions', '*.md')}/", "observatoire/", "carte/", "couverture/", "orientation/",
             "donnees/", "contribuer/", "donnees-personnelles/", "accessibilite/")
# KEY_PAGES plus the page types they miss: one page of each kind covers every template.
AXE_PAGES = (*KEY_PAGES, "annuaire/imprimer/", "annuaire/partenaires/", "competences/aide-aux-demarches-administratives/",
             "404.html")
VIEWPORTS = {"ordinateur": (1280, 900), "telephone": (390, 844)}
# Serious axe findings in parts owned by other modules, reported to their owners; a finding is
# tolerated only on this page, for this rule, when every failing node matches the selector part.
KNOWN_AXE: dict[tuple[str, str], str] = {}  # (page, axe rule) → selector tolerated; empty: every page passes
PAYLOADS = {
    "xss-script": "<script>alert(1)</script>",
    "xss-gabarit": "${alert(1)} `alert(2)` </script><script>alert(3)</script>",
    "xss-attribut": 'a" onmouseover="alert(1)" x="',
}

playwright_or_skip()
pytestmark = [pytest.mark.navigateur, pytest.mark.construction]  # every page comes from a built site


@functools.cache
def _server(site: str) -> str:
    """One server per site for the whole session (base URL with a final slash)."""
    return start_server(site)[0] + "/"


class Visit:
    """One page visit with every request, dialog and console error recorded."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.context = browser.new_context(service_workers="block")
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.context.route("**/*", self._route)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if host == "127.0.0.1":
            route.continue_()
        elif host.endswith(TILE_HOSTS):
            route.fulfill(status=200, content_type="image/png", body=PNG)
        else:
            route.abort()

    def go(self, path: str) -> Any:
        response = self.page.goto(self.base + path, wait_until="networkidle")
        assert response is not None and response.status == 200, f"{path} : statut {response and response.status}"
        return self.page

    def foreign(self) -> list[str]:
        return sorted({u for u in self.requests
                       if (urlsplit(u).hostname or "") != "127.0.0.1"
                       and not (urlsplit(u).hostname or "").endswith(TILE_HOSTS)})

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def visit(browser: Any, built_site: Path) -> Iterator[Visit]:
    v = Visit(browser, _server(str(built_site)))
    yield v
    v.close()


@pytest.mark.parametrize("path", KEY_PAGES)
def test_key_page_is_private_and_quiet(visit: Visit, built_site: Path, path: str) -> None:
    if not (built_site / path / "index.html").is_file():
        pytest.skip(f"page absente de la démo : {path or 'accueil'}")
    page = visit.go(path)
    page.mouse.wheel(0, 2000)
    assert visit.foreign() == [], f"{path} : requêtes vers un tiers"
    assert visit.dialogs == []
    assert visit.errors == [], f"{path} : erreurs dans la console"


def search(page: Any, query: str) -> list[str]:
    """Type ``query`` in the Pagefind box of /recherche/; the titles of the results shown."""
    field = page.locator("input.pagefind-ui__search-input")
    field.fill("")
    field.press_sequentially(query)
    page.locator(".pagefind-ui__message").filter(has_text=query).wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('.pagefind-ui__result')"
                           " && !document.querySelector('.pagefind-ui__loading')")  # fragments fetched
    return page.locator(".pagefind-ui__result-title").all_inner_texts()


def test_search_works_under_the_csp(visit: Visit) -> None:
    page = visit.go("recherche/")
    assert page.locator("html").get_attribute("lang") == "fr"
    titles = search(page, "Veynes")
    assert "Médiathèque de Veynes" in titles
    assert "résultat" in page.locator(".pagefind-ui__message").inner_text()  # Pagefind's French texts
    titles = search(page, "médiatheques")  # French stemming, accents ignored
    assert "Médiathèque de Veynes" in titles
    requests = [urlsplit(u).path for u in visit.requests]
    assert any(p.startswith("/pagefind/index/") for p in requests)
    assert not any(p.startswith("/search/") for p in requests)  # Material's lunr index is gone
    assert visit.errors == [] and visit.dialogs == [] and visit.foreign() == []


def test_search_box_is_not_on_every_page_and_nothing_is_fetched_before_a_query(visit: Visit) -> None:
    page = visit.go("annuaire/")
    assert page.locator(".md-search").count() == 0
    assert not any("/pagefind/" in u or "/search/" in u for u in visit.requests)
    assert page.locator('.md-tabs a[href$="recherche/"]').count() == 1


def _axe(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]


def _known(path: str, violation: dict[str, Any]) -> bool:
    part = KNOWN_AXE.get((path, violation["id"]))
    return part is not None and all(part in str(node["target"]) for node in violation["nodes"])


def _axe_problems(browser: Any, base: str, paths: list[str], viewport: tuple[int, int]) -> dict[str, list[str]]:
    """``{page: [violation …]}`` for the pages with a serious or critical axe finding."""
    # axe is injected as a script: this context bypasses the page CSP for it (never in production)
    context = browser.new_context(bypass_csp=True, service_workers="block",
                                  viewport={"width": viewport[0], "height": viewport[1]})
    found: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
                      else route.fulfill(status=200, content_type="image/png", body=PNG))
        for path in paths:
            page.goto(base + path, wait_until="networkidle")
            problems = [f"{v['id']} ({v['impact']}) : {', '.join(str(n['target']) for n in v['nodes'][:5])}"
                        for v in _axe(page) if not _known(path, v)]
            if problems:
                found[path] = problems
    finally:
        context.close()
    return found


def _built(site: Path, path: str) -> bool:
    return (site / path).is_file() if path.endswith(".html") else (site / path / "index.html").is_file()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_no_serious_or_critical_violation(browser: Any, built_site: Path, path: str, viewport: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core absent : lancez « npm ci » à la racine du dépôt")
    if not _built(built_site, path):
        pytest.skip(f"page absente de la démo : {path or 'accueil'}")
    assert _axe_problems(browser, _server(str(built_site)), [path], VIEWPORTS[viewport]) == {}, f"/{path}"


def every_page(site: Path) -> list[str]:
    """Every HTML document of the built site: the pages (``…/index.html``, from the sitemap's point of
    view), the 404 page and the standalone map documents shown in the frames of /carte/ and /couverture/."""
    paths = sorted("" if p.parent == site else f"{p.parent.relative_to(site).as_posix()}/"
                   for p in site.rglob("index.html") if "assets" not in p.relative_to(site).parts)
    others = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                    if p.name != "index.html" and "assets" not in p.relative_to(site).parts)
    return [*paths, *others]


@pytest.mark.lent
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_on_every_built_page(browser: Any, built_site: Path, viewport: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core absent : lancez « npm ci » à la racine du dépôt")
    paths = every_page(built_site)
    assert len(paths) > 100 and {"404.html", "carte/carte.html", "annuaire/partenaires/"} <= set(paths)
    # every address of the sitemap is among them (the sitemap lists pages, not the map documents)
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = {urlsplit(loc).path.lstrip("/") for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    assert listed and listed <= set(paths), sorted(listed - set(paths))[:5]
    assert _axe_problems(browser, _server(str(built_site)), paths, VIEWPORTS[viewport]) == {}


# --- stored XSS through YAML fields (Y18, Y19) ---------------------------------------------------

@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_content(tmp_path_factory.mktemp("xss"))
    template = (root / "actors" / "structures" / "mediatheque-veynes.yml").read_text(encoding="utf-8")
    for slug, payload in PAYLOADS.items():
        quoted = '"' + payload.replace("\\", "\\\\").replace('"', '\\"') + '"'
        lines = [f"nom: {quoted}" if line.startswith("nom:") else
                 f"presentation_resume: {quoted}" if line.startswith("presentation_resume:") else line
                 for line in template.splitlines()]
        (root / "actors" / "structures" / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = root / "out"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


LIVE_PROBE = """() => {
  const live = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) if (attr.name.startsWith('on')) live.push(el.tagName + '[' + attr.name + ']');
    el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
  }
  for (const s of document.scripts)
    if (!s.src && s.type !== 'application/json' && /alert\\(/.test(s.textContent)) live.push('script:' + s.textContent.slice(0, 60));
  return live;
}"""


@pytest.mark.parametrize("path", ["annuaire/", "annuaire/xss-script/", "annuaire/xss-gabarit/",
                                  "annuaire/xss-attribut/", "carte/", "orientation/"])
def test_y18_y19_payloads_are_shown_never_run(browser: Any, xss_site: Path, path: str) -> None:
    if not (xss_site / path / "index.html").is_file():
        pytest.skip(f"page absente : {path}")
    v = Visit(browser, _server(str(xss_site)))
    try:
        page = v.go(path)
        if path.startswith("annuaire/xss"):
            slug = path.split("/")[1]
            assert PAYLOADS[slug] in page.locator("h1").inner_text()  # shown literally
        for marker in page.locator(".leaflet-marker-icon, .marker-cluster").all()[:30]:
            marker.click(force=True)  # opens popups / clusters
        assert page.evaluate(LIVE_PROBE) == []
        assert v.dialogs == []
        assert v.errors == [], f"{path} : erreurs dans la console"
        assert v.foreign() == []
    finally:
        v.close()


def test_y18_search_results_show_payloads_as_text(browser: Any, xss_site: Path) -> None:
    v = Visit(browser, _server(str(xss_site)))
    try:
        page = v.go("recherche/")
        for query in ("onmouseover", "alert", "Veynes"):
            titles = search(page, query)
            assert titles
            assert page.evaluate(LIVE_PROBE) == []
            if query == "onmouseover":
                assert PAYLOADS["xss-attribut"] in titles  # shown as text
            if query == "alert":
                assert PAYLOADS["xss-script"] in titles
                excerpts = page.locator(".pagefind-ui__result-excerpt").all_inner_texts()
                assert any("<script>alert(1)</script>" in text for text in excerpts)  # shown as text
        assert v.dialogs == [] and v.errors == [] and v.foreign() == []
    finally:
        v.close()


@pytest.fixture(scope="session")
def parts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built by ``python -m generator build`` with parts of 40 pages (a large site's path)."""
    out = tmp_path_factory.mktemp("parties") / "site"
    killed = out.parent / ".site-construction-6rkqbvpp"  # left by a build killed with kill -9
    (killed / "annuaire").mkdir(parents=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1", "GENERATOR_SEARCH_PART_PAGES": "40"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not killed.exists() and sorted(p.name for p in out.parent.iterdir()) == ["site"]
    return out


def test_search_merges_the_parts_of_a_large_index(browser: Any, parts_site: Path) -> None:
    """Each part answers: a page indexed in the first part and one in the last are both found."""
    from generator.search.index import read_fragments

    parts = json.loads((parts_site / "pagefind" / "parties.json").read_text(encoding="utf-8"))
    assert parts == ["partie-2", "partie-3", "partie-4"]
    last = read_fragments(parts_site / "pagefind" / "partie-4")
    first = read_fragments(parts_site / "pagefind")
    target = next(p for p in last if p["url"].startswith("/competences/") and p["url"].count("/") == 3)
    v = Visit(browser, _server(str(parts_site)))
    try:
        page = v.go("recherche/")
        assert target["meta"]["title"] in search(page, target["meta"]["title"])
        link = page.locator(".pagefind-ui__result-link", has_text=target["meta"]["title"]).first
        assert urlsplit(link.get_attribute("href") or "").path == target["url"]  # a result of part 4 leads to its page
        first_title = next(p["meta"]["title"] for p in first if p["url"].startswith("/actions/") and p["url"].count("/") == 3)
        assert first_title in search(page, first_title)
        paths = {urlsplit(u).path for u in v.requests}
        assert {f"/pagefind/{name}/pagefind-entry.json" for name in parts} <= paths
        assert v.errors == [] and v.dialogs == [] and v.foreign() == []
    finally:
        v.close()
