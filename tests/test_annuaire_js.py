"""The directory's JavaScript in a real browser (Debian chromium, headless) on the demo site:
URL state, combined facets, exact counts (a property test against a brute-force count), search in
services, publics, dispositifs and presentation (accents and case ignored), the printed selection."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from browser_support import playwright_or_skip, serving
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import copy_content

playwright_or_skip()
pytestmark = [pytest.mark.navigateur, pytest.mark.construction]  # print_site builds a scratch site


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
    # count next to « Hautes-Alpes (05) » = places in 05: the other facets' selections apply, not its own
    label = page.inner_text("label[for='annuaire-departement-1']").replace("\u00a0", " ")
    assert label.endswith(f"({_expected(data, {'departement': {'05'}})})")
    both = _expected(data, {"departement": {"07", "05"}})
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


# --- exact facet counts: the script against a brute-force count --------------------------------

def _norm(text: str) -> str:
    text = text.replace("œ", "oe").replace("Œ", "OE")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def _searched(data: dict[str, Any], row: list[Any]) -> str:
    """Name, commune, type, services, publics, dispositifs and short presentation of one row."""
    ids = [f["id"] for f in data["facets"]]
    parts = [row[1]]
    for fid in ("commune", "type", "service", "public", "dispositif"):
        i = ids.index(fid)
        parts += [data["facets"][i]["values"][v][1] for v in row[2 + i]]
    parts.append(row[2 + len(ids)][0])
    return _norm(" ".join(parts))


def _brute_counts(data: dict[str, Any], selection: dict[int, set[int]], q: str) -> dict[str, int]:
    """``{checkbox id: count}``: rows holding the value among those kept by the text and the OTHER facets."""
    facets = data["facets"]
    kept = [row for row in data["rows"] if _norm(q.strip()) in _searched(data, row)]
    counts = {}
    for i, facet in enumerate(facets):
        others = [row for row in kept
                  if all(set(row[2 + f]) & wanted for f, wanted in selection.items() if f != i and wanted)]
        for j in range(len(facet["values"])):
            counts[f"annuaire-{facet['id']}-{j}"] = sum(j in row[2 + i] for row in others)
    return counts


WORDS = ("", "démarches", "GAP", "mediatheque", "numérique", "jeunes", "zzz")


@pytest.fixture(scope="module")
def demo_data(built_site: Path) -> dict[str, Any]:
    return _data(built_site)


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.tuples(st.integers(0, 8), st.integers(0, 400)), max_size=6),
       q=st.sampled_from(WORDS))
def test_counts_equal_a_brute_force_count(page: Any, server: str, demo_data: dict[str, Any],
                                          picks: list[tuple[int, int]], q: str) -> None:
    facets = demo_data["facets"]
    selection: dict[int, set[int]] = {}
    for f, v in picks:
        selection.setdefault(f, set()).add(v % len(facets[f]["values"]))
    query = [(facets[f]["id"], facets[f]["values"][v][0]) for f, vs in selection.items() for v in sorted(vs)]
    if q:
        query.append(("q", q))
    page.goto(f"{server}/annuaire/?{urlencode(query)}")
    page.wait_for_selector(".annuaire-compte")
    shown = page.eval_on_selector_all(
        ".annuaire-facette input[type=checkbox]",
        "boxes => boxes.map(b => [b.id, b.checked, document.querySelector(`label[for='${b.id}'] .annuaire-compteur`).textContent])")
    expected = _brute_counts(demo_data, selection, q)
    assert {box: int(text.strip("()")) for box, _, text in shown} == expected
    checked = {box for box, on, _ in shown if on}
    assert checked == {f"annuaire-{facets[f]['id']}-{v}" for f, vs in selection.items() for v in vs}


def test_ticking_a_departement_leaves_the_others_counts(page: Any, server: str, demo_data: dict[str, Any]) -> None:
    """The issue's case: after ticking Hautes-Alpes, Ardèche still shows its own number of places."""
    page.goto(f"{server}/annuaire/")
    page.wait_for_selector(".annuaire-compte")
    ardeche = page.inner_text("label[for='annuaire-departement-2'] .annuaire-compteur")
    page.check("#annuaire-departement-1")
    assert page.inner_text("label[for='annuaire-departement-2'] .annuaire-compteur") == ardeche
    assert ardeche == f"({_expected(demo_data, {'departement': {'07'}})})"


def _names_for(tab: Any, q: str) -> list[str]:
    tab.fill("#annuaire-q", q)
    # the text filter is debounced: wait until it has applied (the address then holds the text)
    tab.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=q, timeout=5000)
    return list(tab.eval_on_selector_all("#annuaire-app .annuaire-liste li strong", "els => els.map(e => e.textContent)"))


def test_text_search_reads_services_and_presentation(page: Any, server: str, demo_data: dict[str, Any]) -> None:
    ids = [f["id"] for f in demo_data["facets"]]
    service = ids.index("service")
    demarches = demo_data["facets"][service]["values"].index(
        ["Aide aux démarches administratives", "Aide aux démarches administratives"])
    offering = {row[1] for row in demo_data["rows"] if demarches in row[2 + service]}
    assert offering
    page.goto(f"{server}/annuaire/")
    page.wait_for_selector(".annuaire-compte")
    names = _names_for(page, "DEMARCHES")
    assert offering <= set(names)
    # a word found only in a short presentation
    row = next(r for r in demo_data["rows"] if r[2 + len(ids)][0])
    word = max(row[2 + len(ids)][0].split(), key=len).strip(".,;:!?«»()")
    assert row[1] in _names_for(page, word)


@pytest.fixture(scope="module")
def print_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo with an address, a phone and hours on every Ardèche place (the demo has none), served."""
    root = copy_content(tmp_path_factory.mktemp("impression"))
    for n, path in enumerate(sorted((root / "actors" / "structures").glob("*.yml"))):
        text = path.read_text(encoding="utf-8")
        if 'code_postal: "07' not in text:
            continue
        lines = [line for line in text.splitlines() if not line.startswith(("adresse:", "telephone:", "horaires:"))]
        lines += [f'adresse: "{n} rue du Test"', f'telephone: "+334750000{n:02d}"',
                  'horaires: "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"']
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = root / "out"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    with serving(out) as base:
        yield base


def test_printed_selection_has_address_phone_hours_services(browser: Any, print_site: str) -> None:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        tab.goto(f"{print_site}/annuaire/?departement=07")
        tab.wait_for_selector(".annuaire-compte")
        data = tab.evaluate("async () => (await fetch('annuaire.json')).json()")
        tab.evaluate("window.print = () => { window.dispatchEvent(new Event('beforeprint')); }")
        tab.click("text=Imprimer cette sélection")
        tab.emulate_media(media="print")
        assert tab.is_hidden(".annuaire-facettes") and tab.is_hidden(".annuaire-actions")
        printed = tab.inner_text("#annuaire-app .annuaire-liste").replace("\u00a0", " ")
        ids = [f["id"] for f in data["facets"]]
        dep, service = ids.index("departement"), ids.index("service")
        in_07 = [r for r in data["rows"] if data["facets"][dep]["values"][r[2 + dep][0]][0] == "07"]
        assert len(in_07) >= 5  # the 9 Ardèche lieux of the demo (its 19 partners are not in the directory)
        assert tab.locator("#annuaire-app .annuaire-liste > li").count() == len(in_07)
        for row in in_07:
            _resume, adresse, telephone, horaires = row[2 + len(ids)]
            assert "rue du Test" in adresse and telephone.startswith("04 75 00 00")
            assert horaires.startswith("du lundi au vendredi") or "lundi" in horaires
            item = printed[printed.index(row[1]):]
            for value in (f"Adresse : {adresse}", f"Téléphone : {telephone}", f"Horaires : {horaires}",
                          *(data["facets"][service]["values"][v][1] for v in row[2 + service])):
                assert value.replace("\u00a0", " ") in item, (row[0], value)
    finally:
        tab.close()
