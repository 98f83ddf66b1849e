"""The three map pages in headless Debian chromium (Playwright), served from localhost.

Skipped with a message when Playwright or /usr/bin/chromium is missing. Tiles are aborted
(the test stays offline); every request is recorded and only tile hosts may leave localhost.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import playwright_or_skip, start_server

from generator.geo.distances import haversine_km
from generator.site.maps import TILE_HOSTS

playwright_or_skip()
pytestmark = pytest.mark.navigateur

# markercluster's zoomToShowLayer callback sometimes never fires (animation already under way):
# wait for it at most 3 s, then put the marker on the map directly, so a test can never hang.
INSTALL_SHOW_MARKER = """() => { window.showMarker = (m) => Promise.race([
    new Promise(done => window.carteReseau.cluster.zoomToShowLayer(m, done)),
    new Promise(done => setTimeout(done, 3000)),
]).then(() => { if (!m._map) { window.carteReseau.cluster.removeLayer(m); m.addTo(window.carteReseau.map); } }); }"""


@pytest.fixture()
def page(browser, server: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    errors: list[str] = []

    def route(r) -> None:
        if urlsplit(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, errors
    for url in outside:  # only map tiles may leave localhost
        assert urlsplit(url).hostname in {"a.tile.openstreetmap.fr", "b.tile.openstreetmap.fr",
                                          "c.tile.openstreetmap.fr", *TILE_HOSTS}, url


def test_carte_draws_markers_and_popup_links_to_the_structure(page, server: str) -> None:
    page.goto(f"{server}/carte/")
    frame = page.frame_locator("iframe.carte-cadre")
    frame.locator(".marker-cluster, .carte-pin").first.wait_for()
    inner = next(f for f in page.frames if f.url.endswith("/carte/carte.html"))
    total = inner.evaluate("window.carteReseau.markers.length")
    assert total > 10
    inner.evaluate(INSTALL_SHOW_MARKER)
    slug, name = inner.evaluate("""async () => {
        const m = window.carteReseau.markers[0];
        await window.showMarker(m);
        m.openPopup();
        return [m.carteRow[0], m.carteRow[1]];
    }""")
    link = frame.locator(".carte-popup .carte-popup-lien")
    link.wait_for()
    assert frame.locator(".carte-popup-nom").text_content() == name
    href = link.evaluate("a => a.href")
    assert href == f"{server}/annuaire/{slug}/"
    assert link.get_attribute("target") == "_top"
    assert page.request.get(href).status == 200
    approximate = inner.evaluate("window.carteReseau.markers[0].carteRow[8]")
    assert (frame.locator(".carte-popup-approx").count() == 1) == bool(approximate)
    # Filter: one service only → fewer places, announced in the status line.
    frame.locator(".carte-filtres summary").click()
    frame.locator(".carte-filtre-service select").select_option(index=1)
    status = frame.locator(".carte-compte").text_content() or ""
    shown = int(status.split()[0])
    assert 0 < shown < total and f"sur {total}" in status


def test_couverture_draws_communes_and_switches_option(page, server: str) -> None:
    page.goto(f"{server}/couverture/")
    frame = page.frame_locator("iframe.carte-cadre")
    frame.locator("path.leaflet-interactive").first.wait_for()
    assert frame.locator("path.leaflet-interactive").count() >= 600
    before = frame.locator("path.leaflet-interactive").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")
    assert len(set(before)) >= 3  # several distance bands
    frame.locator("#couverture-option").select_option(index=1)
    after = frame.locator("path.leaflet-interactive").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")
    assert after != before
    status = frame.locator(".carte-compte").text_content() or ""
    # The share computed in the browser equals the one of the page's table for that option.
    label = frame.locator("#couverture-option option:checked").text_content()
    row = page.locator("table tr", has=page.locator(f'th[scope="row"]:text-is("{label}")'))
    share_10 = row.locator("td").nth(1).text_content()
    assert f"population à plus de 10\u00a0km\u00a0: {share_10}," in status


def _expected_nearest(built_site: Path, service: str, commune_code: str) -> str:
    folder = built_site / "orientation"
    data = json.loads((folder / "orientation.json").read_text(encoding="utf-8"))
    bit = 1 << [s[0] for s in data["services"]].index(service)
    communes = json.loads((folder / "communes.json").read_text(encoding="utf-8"))
    commune = next(c for c in communes if c[0] == commune_code)
    rows = [r for p in sorted((folder / "lieux").glob("*.json")) for r in json.loads(p.read_text(encoding="utf-8"))]
    offering = [s for s in rows if s[5] & bit]
    best = min(offering, key=lambda s: (0.0 if commune_code in s[14] else float(haversine_km(commune[2], commune[3], s[3], s[4])), s[1]))
    return best[0]


def test_orientation_finds_the_nearest_structure(page, server: str, built_site: Path) -> None:
    service = "service-maitrise-des-outils-numeriques-du-quotidien"
    expected = _expected_nearest(built_site, service, "07186")
    page.goto(f"{server}/orientation/")
    page.locator("#orientation-besoin").select_option(service)
    page.locator("#orientation-commune").fill("privas")  # lower case, typed without the département
    page.locator("#orientation-commune").press("Enter")
    first = page.locator("#orientation-resultats .orientation-lieu h3 a").first
    first.wait_for()
    assert first.evaluate("a => a.href") == f"{server}/annuaire/{expected}/"
    assert "besoin=" + service in page.url and "commune=07186" in page.url
    assert page.locator("#orientation-annonce").get_attribute("aria-live") == "polite"
    assert "lieu" in (page.locator("#orientation-annonce").text_content() or "")  # the answer is announced
    # The state in the URL is enough to reproduce the answer.
    page.goto(f"{server}/orientation/?besoin={service}&commune=07186")
    page.locator("#orientation-resultats .orientation-lieu h3 a").first.wait_for()
    assert page.locator("#orientation-resultats .orientation-lieu h3 a").first.evaluate("a => a.href").endswith(
        f"/annuaire/{expected}/")


def test_orientation_accepts_unaccented_names(page, server: str) -> None:
    page.goto(f"{server}/orientation/?besoin=service-maitrise-des-outils-numeriques-du-quotidien&commune=saint%20agreve")
    page.locator("#orientation-resultats .orientation-lieu").first.wait_for()
    assert page.locator("#orientation-commune").input_value() == "Saint-Agrève (07)"


def test_mini_map_on_a_structure_page(page, server: str, built_site: Path) -> None:
    slug = next(p.parent.name for p in sorted((built_site / "annuaire").glob("*/index.html"))
                if 'class="mini-carte"' in p.read_text(encoding="utf-8"))
    page.goto(f"{server}/annuaire/{slug}/")
    page.locator(".mini-carte.leaflet-container path.leaflet-interactive").first.wait_for()


def test_hostile_names_do_not_execute(browser, tmp_path: Path) -> None:
    """Every map payload (tests/map_fixture.py) shows as text in popups and tooltips; no dialog ever opens."""
    from map_fixture import PAYLOADS, load_tree, make_tree

    from generator.site.maps import produce_assets
    from generator.site.pages import coverage as couverture
    from generator.site.pages import map as carte

    loaded, settings = load_tree(make_tree(tmp_path / "src"))
    site = tmp_path / "site"
    outputs = {**produce_assets(loaded.corpus, settings, loaded.communes),
               **carte.produce(loaded.corpus, settings, loaded.communes),
               **couverture.produce(loaded.corpus, settings, loaded.communes)}
    for rel, output in outputs.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(output.content, bytes):
            target.write_bytes(output.content)
        else:
            target.write_text(output.content, encoding="utf-8")
    base, stop = start_server(site)
    context = browser.new_context()
    context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        pg.goto(f"{base}/carte/carte.html")
        pg.locator(".marker-cluster, .carte-pin").first.wait_for()
        pg.evaluate(INSTALL_SHOW_MARKER)
        pg.locator(".carte-filtres summary").click()
        pg.get_by_label("Partenaires du réseau (sans accueil du public)").check()  # the partners' layer too
        shown = pg.evaluate("""async () => {
            const out = [];
            for (const m of window.carteReseau.markers.concat(window.carteReseau.partners)) {  // both layers
                await window.showMarker(m);
                m.openPopup(); m.openTooltip();
                out.push([m.getPopup().getElement().querySelector('.carte-popup-nom').textContent,
                          m.getTooltip().getElement().textContent]);
                m.closePopup(); m.closeTooltip();
            }
            return out;
        }""")
        names = {pair[0] for pair in shown}
        assert set(PAYLOADS) <= names and all(a == b for a, b in shown)
        lieux = set(pg.evaluate("window.carteReseau.markers.map(m => m.carteRow[1])"))
        pg.goto(f"{base}/couverture/couverture.html")
        pg.locator("path.leaflet-interactive").first.wait_for()
        tips = pg.evaluate("""() => {
            const out = [];
            const group = window.couvertureReseau.layer;
            group.eachLayer(l => {
                l.fire('mouseover', {latlng: l.getBounds().getCenter(), layer: l}, true);
                out.push(group.getTooltip().getElement().textContent);
                l.fire('mouseout', {layer: l}, true);
            });
            return out;
        }""")
        assert len(tips) == 695
        # each hostile lieu is the nearest one somewhere, shown as text (partners never are: not counted)
        assert len(set(PAYLOADS) & lieux) >= 2
        for payload in set(PAYLOADS) & lieux:
            assert any(tip.endswith(": " + payload) for tip in tips), payload
        assert not dialogs
        # The payloads exist only inside the inert JSON block, never in an executable script.
        assert pg.evaluate("""[...document.scripts].filter(s => s.type !== 'application/json'
            && /alert/.test(s.textContent)).length""") == 0
    finally:
        context.close()
        stop()


def test_partners_are_a_separate_layer_turned_on_by_a_checkbox(page, server: str) -> None:
    page.goto(f"{server}/carte/carte.html")
    page.locator(".marker-cluster, .carte-pin").first.wait_for()
    lieux, partners = page.evaluate("[window.carteReseau.markers.length, window.carteReseau.partners.length]")
    assert lieux == 19 and partners == 23  # the demo: 42 structures, 23 partners of the network
    assert page.evaluate("window.carteReseau.markers.every(m => !m.carteRow.partenaire)")
    in_layer = "() => window.carteReseau.cluster.getLayers().length"
    assert page.evaluate(in_layer) == lieux
    page.locator(".carte-filtres summary").click()
    box = page.get_by_label("Partenaires du réseau (sans accueil du public)")
    assert not box.is_checked()
    assert (page.locator(".carte-compte").text_content() or "") == f"{lieux} lieux affichés sur {lieux}"
    box.check()
    assert page.evaluate(in_layer) == lieux + partners
    assert (page.locator(".carte-compte").text_content() or "") == \
        f"{lieux} lieux affichés sur {lieux} (et {partners} partenaires)"
    page.evaluate("() => { const m = window.carteReseau.partners[0]; m.addTo(window.carteReseau.map); m.openPopup(); }")
    assert page.locator(".carte-popup-partenaire").text_content() == "Partenaire du réseau : n'accueille pas de public"
    assert page.locator(".carte-popup-lien").text_content() == "Voir la fiche du partenaire"


def test_map_filters_are_44_px_targets_on_a_phone(browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
    tab = context.new_page()
    try:
        tab.goto(f"{server}/carte/carte.html")
        tab.locator(".marker-cluster, .carte-pin").first.wait_for()
        tab.locator(".carte-filtres summary").click()
        sizes = tab.eval_on_selector_all(".carte-filtres summary, .carte-filtres label.carte-filtre-famille, "
                                         ".carte-filtres select", """els => els.map(e => {
            const r = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 30), r.width, r.height]; })""")
        assert len(sizes) >= 8
        assert [s for s in sizes if s[1] < 44 or s[2] < 44] == []
    finally:
        context.close()
