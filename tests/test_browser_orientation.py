"""The orientation in one step, in Debian chromium (headless, Playwright) on the built demo site:
the home form in the first screen of a 390×844 phone and without JavaScript, the commune combobox
(postcode, typo, keyboard only), mocked geolocation, a far commune and its fallbacks, « ouvert
maintenant » under a fixed clock (weekday, Sunday, public holidays), itinerant services first;
no console error and no request to another host in any of them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import playwright_or_skip

playwright_or_skip()

pytestmark = pytest.mark.navigateur
PHONE = {"width": 390, "height": 844}
HOURS = "Mo-Fr 09:00-12:00,14:00-17:00; PH off"


class Tab:
    """A page whose console errors and requests to other hosts are recorded (and refused)."""

    def __init__(self, context: Any, server: str) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.urls: list[str] = []

        def route(r: Any) -> None:
            self.urls.append(r.request.url)
            if r.request.url.startswith(server):
                r.continue_()
            else:
                self.foreign.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        self.page = context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture()
def tab(browser: Any, server: str) -> Iterator[Tab]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block",
                                  timezone_id="America/New_York", locale="fr-FR")
    t = Tab(context, server)
    yield t
    context.close()
    assert t.errors == [] and t.foreign == []


def _results(page: Any) -> Any:
    page.locator("#orientation-resultats h2").wait_for()
    return page.locator("#orientation-resultats")


def test_home_form_fits_the_first_phone_screen(tab: Tab, server: str) -> None:
    page = tab.page
    page.goto(f"{server}/")
    page.locator("#orientation-localiser").wait_for(state="visible")
    boxes = {sel: page.locator(sel).bounding_box() for sel in (
        "#orientation-besoin", "#orientation-commune", "#orientation-localiser", "#orientation-form button[type=submit]")}
    for sel, box in boxes.items():
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (sel, box)
        assert box["height"] >= 44, sel  # touch target
    figures = page.locator("#chiffres-cles").bounding_box()
    assert figures["y"] > boxes["#orientation-form button[type=submit]"]["y"]  # the figures come after
    assert page.locator("#orientation-form").get_attribute("method") == "get"


def test_home_form_works_without_javascript(browser: Any, server: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/")
    assert page.locator("#orientation-localiser").is_hidden()  # needs JavaScript: not offered
    page.locator("#orientation-besoin").select_option("service-aide-aux-demarches-administratives")
    page.locator("#orientation-commune").fill("Gap")
    page.locator("#orientation-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/orientation/\?"))
    assert "besoin=service-aide-aux-demarches-administratives" in page.url and "commune=Gap" in page.url
    assert "l’annuaire des lieux" in page.locator("noscript").first.inner_html()
    context.close()


def test_home_shows_the_results_in_place_with_a_shareable_address(tab: Tab, server: str) -> None:
    page = tab.page
    page.goto(f"{server}/")
    page.locator("#orientation-localiser").wait_for(state="visible")  # the search is ready
    page.locator("#orientation-besoin").select_option("service-aide-aux-demarches-administratives")
    page.locator("#orientation-commune").fill("Gap")
    page.locator("#orientation-form button[type=submit]").click()
    results = _results(page)
    assert "Gap" in (results.locator("h2").text_content() or "")
    assert re.search(r"/\?besoin=service-aide-aux-demarches-administratives&commune=05061$", page.url), page.url
    card = results.locator(".orientation-lieu").first
    assert (card.locator("h3 a").get_attribute("href") or "").startswith("annuaire/")  # from the home page
    assert page.locator("#orientation-annonce").get_attribute("aria-live") == "polite"
    assert page.locator("#orientation-filtres").is_visible()
    page.goto(page.url)  # the address, shared, gives the same answer on the home page
    assert "Gap" in (_results(page).locator("h2").text_content() or "")
    assert page.locator("noscript").count() == 0  # the home form works without JavaScript: no warning
    assert tab.errors == [] and tab.foreign == []


def test_postcode_offers_the_communes_sharing_it(tab: Tab, server: str) -> None:
    page = tab.page
    page.goto(f"{server}/orientation/")
    box = page.locator("#orientation-commune")
    box.fill("05000")
    options = page.locator("#orientation-suggestions [role=option]")
    options.first.wait_for()
    names = options.all_text_contents()
    assert any(n.startswith("Gap (05)") for n in names) and any(n.startswith("Pelleautier (05)") for n in names)
    assert box.get_attribute("aria-expanded") == "true"
    assert "communes proposées" in (page.locator("#orientation-annonce").text_content() or "")
    # submitting the bare postcode asks which commune instead of failing
    page.locator("#orientation-form button[type=submit]").click()
    assert box.get_attribute("aria-expanded") == "true"
    page.locator("#orientation-suggestions [role=option]", has_text="Gap (05)").click()
    assert "de Gap pour" in (_results(page).locator("h2").text_content() or "")
    assert "commune=05061" in page.url


def test_combobox_with_the_keyboard_only(tab: Tab, server: str) -> None:
    page = tab.page
    page.goto(f"{server}/orientation/")
    page.locator("#orientation-besoin").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "orientation-commune"
    page.keyboard.type("Laragne")
    box = page.locator("#orientation-commune")
    page.locator("#orientation-suggestions [role=option]").first.wait_for()
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-controls") == "orientation-suggestions"
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    assert page.locator(f"#{active}").text_content().startswith("Laragne-Montéglin (05)")
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and box.get_attribute("aria-activedescendant") is None
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert box.input_value() == "Laragne-Montéglin (05)"
    title = _results(page).locator("h2").text_content() or ""
    assert "Laragne-Montéglin" in title
    assert title.rstrip("»").strip() in (page.locator("#orientation-annonce").text_content() or "")  # announced


def test_typo_and_accents_are_forgiven(tab: Tab, server: str) -> None:
    page = tab.page
    page.goto(f"{server}/orientation/")
    page.locator("#orientation-commune").fill("brianson")
    assert page.locator("#orientation-suggestions [role=option]").first.text_content().startswith("Briançon (05)")
    page.goto(f"{server}/orientation/?commune=SAINT%20AGREVE")
    _results(page)
    assert page.locator("#orientation-commune").input_value() == "Saint-Agrève (07)"


def test_geolocation_stays_in_the_browser(browser: Any, server: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, geolocation={"latitude": 44.5594, "longitude": 6.0786},
                                  permissions=["geolocation"], service_workers="block")
    t = Tab(context, server)
    page = t.page
    page.goto(f"{server}/")
    page.locator("#orientation-localiser").click()
    title = _results(page).locator("h2").text_content() or ""  # shown in place, on the home page
    assert "votre position (près de Gap)" in title
    assert "#position=44.559,6.079" in page.url
    assert not any("44.5" in u or "6.07" in u for u in t.urls), t.urls  # never sent, not even to our host
    assert t.errors == [] and t.foreign == []
    context.close()


def test_far_commune_says_so_and_offers_fallbacks(tab: Tab, server: str) -> None:
    page = tab.page
    page.goto(f"{server}/orientation/?commune=05023")  # Briançon: the nearest place is beyond 30 km
    out = _results(page)
    assert out.locator("h2").text_content().startswith("Aucun lieu à moins de 30\u00a0km de Briançon")
    assert out.locator(".orientation-lieu").count() == 0
    fallback = out.locator(".orientation-secours")
    assert fallback.locator('a[href="tel:+33170772372"]').count() == 1
    assert "La France Services la plus proche" in fallback.inner_text()
    assert fallback.locator('a[href="https://cartographie.societenumerique.gouv.fr/"]').count() == 1
    assert fallback.locator('a[href="../proposer/"]').text_content() == "Signaler un lieu qui manque"


def test_no_place_beyond_the_radius_is_listed(tab: Tab, server: str) -> None:
    page = tab.page
    page.goto(f"{server}/orientation/?commune=05061")  # Gap
    _results(page)
    distances = page.locator(".orientation-distance").all_text_contents()
    assert distances
    for text in distances:
        match = re.search(r"(\d+(?:,\d)?)\u00a0km", text)
        assert "Intervient à" in text or "dans la commune" in text or (match and float(match.group(1).replace(",", ".")) <= 30)


def test_itinerant_services_serving_the_commune_come_first(tab: Tab, server: str, built_site: Path) -> None:
    data = json.loads((built_site / "orientation" / "orientation.json").read_text(encoding="utf-8"))
    row = data["itinerants"][0]
    page = tab.page
    page.goto(f"{server}/orientation/?commune={row[14][0]}")
    first = _results(page).locator(".orientation-lieu").first
    assert first.locator("h3").text_content() == row[1]
    assert "Intervient à" in first.inner_text() and "Communes desservies" in first.inner_text()


def _with_hours(tab: Tab, server: str, built_site: Path) -> None:
    """Every place gets HOURS, a phone and « Téléphoner » (the demo has no hours): the cells of the
    grid and the itinerant services of the index are rewritten on their way to the page."""
    def patch(rows: list[Any]) -> None:
        for r in rows:
            r[10] = HOURS
            r[11] = ["04 92 00 00 00", "+33492000000"]
            r[8][0] = ["Téléphoner", "Se présenter"]
            r[7] |= 2  # « sans rendez-vous »: the flag computed at build time from « Se présenter »

    def fulfil(route: Any) -> None:
        path = built_site / route.request.url[len(server) + 1:].split("?")[0]
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            patch(data["itinerants"])
        else:
            patch(data)
        route.fulfill(status=200, content_type="application/json", body=json.dumps(data))

    tab.page.route(re.compile(r".*/orientation/(lieux/.*|orientation)\.json$"), fulfil)


@pytest.mark.parametrize(("instant", "expected"), [
    ("2026-07-07T10:00:00+02:00", "Ouvert maintenant · ferme à 12\u00a0h"),  # a Tuesday morning
    ("2026-07-07T12:30:00+02:00", "Fermé · ouvre à 14\u00a0h"),
    ("2026-07-12T10:00:00+02:00", "Fermé · ouvre lundi à 9\u00a0h"),  # a Sunday
    ("2026-07-14T10:00:00+02:00", "Fermé · ouvre mercredi à 9\u00a0h"),  # 14 juillet, a Tuesday
    ("2026-05-01T10:00:00+02:00", "Fermé · ouvre lundi à 9\u00a0h"),  # 1er mai, a Friday
    ("2026-12-24T16:30:00+01:00", "Ouvert maintenant · ferme à 17\u00a0h"),  # winter time
])
def test_open_now_under_a_fixed_clock(tab: Tab, server: str, built_site: Path, instant: str, expected: str) -> None:
    page = tab.page
    page.clock.install(time=instant)
    _with_hours(tab, server, built_site)
    page.goto(f"{server}/orientation/?commune=05061")
    state = _results(page).locator(".orientation-etat").first
    page.wait_for_function("() => window.opening_hours !== undefined")
    state.wait_for(state="visible")
    assert state.text_content() == expected
    card = page.locator(".orientation-lieu").first
    assert card.locator('a[href="tel:+33492000000"]').count() == 2  # the phone line and « Téléphoner au … »
    assert "Téléphoner au 04 92 00 00 00" in card.inner_text()


def test_open_now_filter(tab: Tab, server: str, built_site: Path) -> None:
    page = tab.page
    page.clock.install(time="2026-07-12T10:00:00+02:00")  # Sunday: everything is closed
    _with_hours(tab, server, built_site)
    page.goto(f"{server}/orientation/?commune=05061")
    assert _results(page).locator(".orientation-lieu").count() > 0
    page.locator("#orientation-filtres input[name=ouvert]").check()
    page.wait_for_function("() => document.querySelectorAll('.orientation-lieu').length === 0")
    assert "ne correspond à ces filtres" in (page.locator("#orientation-resultats h2").text_content() or "")
    page.locator("#orientation-filtres input[name=ouvert]").uncheck()
    page.locator("#orientation-filtres input[name=sans_rdv]").check()  # every place « Se présenter » here
    page.locator(".orientation-lieu").first.wait_for()


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)])
@pytest.mark.parametrize("state", ["suggestions", "resultats", "replis"])
def test_axe_clean_with_suggestions_results_and_fallbacks(browser: Any, server: str, state: str,
                                                          viewport: tuple[int, int]) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core absent : lancez « npm ci » à la racine du dépôt")
    # axe is injected as a script: this context bypasses the page CSP for it (never in production)
    context = browser.new_context(bypass_csp=True, service_workers="block",
                                  viewport={"width": viewport[0], "height": viewport[1]})
    t = Tab(context, server)
    page = t.page
    if state == "suggestions":
        page.goto(f"{server}/")
        page.locator("#orientation-commune").fill("05000")
        page.locator("#orientation-suggestions [role=option]").first.wait_for()
        page.keyboard.press("ArrowDown")
    else:
        page.goto(f"{server}/orientation/?commune={'05061' if state == 'resultats' else '05023'}")
        _results(page)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{v['id']} : {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]
               if v.get("impact") in ("serious", "critical")]
    context.close()
    assert serious == []
    assert t.errors == [] and t.foreign == []
