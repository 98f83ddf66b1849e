"""Self-hosted Folium maps: escaping of hostile names, no CDN, determinism, no global leak."""

from __future__ import annotations

import json
import re
from pathlib import Path

import branca.element
import folium
import folium.plugins
import pytest
from map_fixture import PAYLOADS, load_tree, make_tree

from generator.site import maps as geomap
from generator.site.pages import coverage as couverture
from generator.site.pages import map as carte
from generator.site.pages import orientation

JSON_BLOCK = re.compile(r'<script type="application/json" id="([a-z-]+)">(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    return load_tree(make_tree(tmp_path_factory.mktemp("hostile")))


@pytest.fixture(scope="module")
def carte_html(hostile) -> str:
    loaded, settings = hostile
    return str(carte.produce(loaded.corpus, settings, loaded.communes)["carte/carte.html"].content)


@pytest.fixture(scope="module")
def couverture_outputs(hostile):
    loaded, settings = hostile
    return couverture.produce(loaded.corpus, settings, loaded.communes)


def _outside_json(html: str) -> str:
    return JSON_BLOCK.sub("", html)


def test_payloads_only_travel_as_escaped_json(carte_html: str) -> None:
    blocks = JSON_BLOCK.findall(carte_html)
    assert [name for name, _ in blocks] == ["carte-donnees"]
    raw = blocks[0][1]
    assert "<" not in raw and ">" not in raw  # so no </script> can close the block
    data = json.loads(raw)
    names = {row[1] for row in data["lieux"] + data["partenaires"]}  # both layers
    assert set(PAYLOADS) <= names  # round-trips intact: the JS shows them with textContent
    rest = _outside_json(carte_html)
    for marker in ("alert(", "onmouseover", "backtick", "${"):
        assert marker not in rest


def test_no_script_tag_comes_from_data(carte_html: str, hostile) -> None:
    loaded, _ = hostile
    benign = carte.map_html({"familles": [], "types": [], "services": [], "communes": [], "annuaire": "../annuaire/",
                             "lieux": []}, carte.center_of(loaded.corpus))
    assert carte_html.count("<script") == benign.count("<script")
    assert carte_html.lower().count("</script") == benign.lower().count("</script")


def test_coverage_map_and_page_escape_names(couverture_outputs) -> None:
    html = str(couverture_outputs["couverture/couverture.html"].content)
    rest = _outside_json(html)
    assert "alert(" not in rest and "${" not in rest
    for _, raw in JSON_BLOCK.findall(html):
        assert "<" not in raw
    page = str(couverture_outputs["couverture/index.md"].content)
    assert "<script>alert" not in page and "</script><script>" not in page
    assert 'onmouseover="alert' not in page


def test_orientation_json_is_inert_and_private(hostile) -> None:
    loaded, settings = hostile
    out = orientation.produce(loaded.corpus, settings, loaded.communes)
    text = str(out["orientation/orientation.json"].content)
    assert "<" not in text and "Bob Secret" not in text and "bob-prive" not in text
    data = json.loads(text)
    assert [p[1] for p in data["personnes"]] == ["Alice Publiée"]
    assert [c[1] for c in data["competences"]] == ["Sécurité <numérique>"]  # « cachee » has no published holder
    page = str(out["orientation/index.md"].content)
    assert "Sécurité &lt;numérique&gt;" in page and "Compétence cachée" not in page


def test_popup_data_flags_approximate_positions(hostile) -> None:
    loaded, _ = hostile
    rows = {row[0]: row for row in carte.map_data(loaded.corpus)["lieux"]}
    assert rows["epn-privas"][8] == 0 and rows["hostile-0"][8] == 1
    js = geomap.static_asset("carte.js")
    assert "Position approximative" in js and "innerHTML" not in js


@pytest.mark.parametrize("name", ["dom.js", "carte.js", "carte-couverture.js", "orientation.js", "orientation-saisie.js",
                                  "orientation-horaires.js", "mini-carte.js"])
def test_own_scripts_never_parse_html(name: str) -> None:
    js = geomap.static_asset(name)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js


def test_rendered_maps_load_nothing_from_another_host(carte_html: str, couverture_outputs) -> None:
    for html in (carte_html, str(couverture_outputs["couverture/couverture.html"].content)):
        geomap.check_no_cdn(html, "test")
        assert not re.search(r"""(src|href)=["']?(https?:)?//(?!www\.ign\.fr|www\.openstreetmap\.org)""", html)
        assert "cdn" not in html.lower() and "jquery" not in html.lower()
        assert '<script src="../assets/vendor/leaflet/leaflet.js"></script>' in html


@pytest.mark.parametrize("snippet", [
    '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>',
    '<link rel="stylesheet" href="//cdnjs.cloudflare.com/x.css"/>',
    "<style>@import 'https://fonts.example/x.css';</style>",
    '<div style="background:url(https://evil.example/a.png)"></div>',
    "<img src=http://evil.example/p.gif>",
])
def test_cdn_guard_fails_the_build(snippet: str) -> None:
    with pytest.raises(geomap.MapError) as caught:
        geomap.check_no_cdn(f"<html><head>{snippet}</head></html>", "carte/carte.html")
    assert "ressources externes" in str(caught.value.problems[0].message)


def test_cdn_guard_allows_attribution_links() -> None:
    geomap.check_no_cdn('<a href="https://www.ign.fr/">IGN</a> <script src="../assets/vendor/x.js"></script>', "x")


def test_render_is_deterministic_and_restores_globals(hostile) -> None:
    loaded, settings = hostile
    before = (folium.Map.default_js, folium.Map.default_css, folium.plugins.MarkerCluster.default_js,
              branca.element.Element.__dict__["_generate_id"])
    first = carte.produce(loaded.corpus, settings, loaded.communes)["carte/carte.html"].content
    folium.Map(location=[0, 0])  # an unrelated render in between must not disturb ours
    second = carte.produce(loaded.corpus, settings, loaded.communes)["carte/carte.html"].content
    assert first == second
    after = (folium.Map.default_js, folium.Map.default_css, folium.plugins.MarkerCluster.default_js,
             branca.element.Element.__dict__["_generate_id"])
    assert after == before
    assert any("cdn.jsdelivr.net" in url for _, url in folium.Map.default_js)  # untouched outside our renders


def test_coverage_map_is_deterministic(hostile) -> None:
    loaded, settings = hostile
    a = couverture.produce(loaded.corpus, settings, loaded.communes)
    b = couverture.produce(loaded.corpus, settings, loaded.communes)
    assert {k: v.content for k, v in a.items()} == {k: v.content for k, v in b.items()}


def test_vendor_assets_come_from_node_modules(repo_root: Path) -> None:
    if not (repo_root / "node_modules" / "leaflet").is_dir():
        pytest.skip("node_modules absent : lancez « npm ci »")
    out = geomap.vendor_outputs(repo_root)
    assert out["assets/vendor/leaflet/leaflet.js"].content == (repo_root / "node_modules/leaflet/dist/leaflet.js").read_bytes()
    assert set(out) == {f"assets/vendor/{name}" for name in geomap.VENDOR_FILES}


def test_missing_node_modules_gives_a_french_hint(tmp_path: Path) -> None:
    with pytest.raises(geomap.MapError) as caught:
        geomap.vendor_outputs(tmp_path)
    problem = caught.value.problems[0]
    assert "node_modules" in problem.message and "npm ci" in problem.hint


def test_json_text_escapes_script_breakers() -> None:
    text = geomap.json_text({"x": "</script><!-- & \u2028 `${a}`"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><!-- & \u2028 `${a}`"}


@pytest.mark.lent
def test_thirty_thousand_places_stay_under_three_mib(hostile) -> None:
    from benchmarks.bench_map import LIMIT, synthetic_corpus

    loaded, _ = hostile
    corpus = synthetic_corpus(30_000, list(loaded.communes))
    html = carte.map_html(carte.map_data(corpus), carte.center_of(corpus))
    assert len(html.encode()) < LIMIT
    assert html.count("<script") < 20  # one JSON array, not one script per marker
