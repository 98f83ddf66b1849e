"""Keyboard and phone use of the built demo site in Debian chromium (headless, Playwright):
the skip link « Aller au contenu », a visible keyboard focus on the directory checkboxes,
44×44 px touch targets at 390×844, the French footer and « Sources du site » in the header."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import playwright_or_skip

playwright_or_skip()

pytestmark = pytest.mark.navigateur
PHONE = {"width": 390, "height": 844}


@pytest.fixture()
def phone(browser: Any, server: str) -> Iterator[Any]:
    # the CSP is bypassed only so that wait_for_function can evaluate its condition in the page
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block",
                                  bypass_csp=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
    tab = context.new_page()
    yield tab
    context.close()


def _directory(tab: Any, server: str) -> None:
    tab.goto(f"{server}/annuaire/")
    tab.wait_for_selector(".annuaire-compte")


@pytest.mark.parametrize("path", ["", "annuaire/", "carte/", "orientation/", "couverture/", "annuaire/imprimer/",
                                  "annuaire/partenaires/", "contribuer/", "404.html"])
def test_skip_link_is_the_first_tab_stop_and_reaches_the_content(phone: Any, server: str, path: str) -> None:
    phone.goto(f"{server}/{path}")
    phone.keyboard.press("Tab")
    focused = phone.evaluate("""() => { const a = document.activeElement, r = a.getBoundingClientRect();
      return {text: a.textContent.trim(), href: a.getAttribute('href'),
              inside: r.width > 0 && r.top >= 0 && r.bottom <= innerHeight}; }""")
    assert focused["text"] == "Aller au contenu" and focused["href"] == "#contenu"
    # Material fades the link in
    phone.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'", timeout=5000)
    assert focused["inside"]
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "contenu"
    # the next Tab goes past the header, the tabs and the navigation (into the content when it has a link)
    phone.keyboard.press("Tab")
    assert phone.evaluate("!document.activeElement.closest('.md-header, .md-tabs, .md-sidebar')")
    if path != "404.html":
        assert phone.evaluate("!!document.activeElement.closest('.md-content')")
    assert phone.locator(".md-skip").filter(has_text="Aller au contenu").count() >= 1


def _outline(tab: Any) -> dict[str, Any]:
    return dict(tab.evaluate("""() => { const s = getComputedStyle(document.activeElement);
      return {id: document.activeElement.id, style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""))


def test_keyboard_focus_on_a_checkbox_is_visible(phone: Any, server: str) -> None:
    _directory(phone, server)
    phone.click("summary:has-text('Filtres')")
    phone.click("details.annuaire-facette summary")  # Département
    phone.focus("#annuaire-q")
    for _ in range(30):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.type") == "checkbox":
            break
    focus = _outline(phone)
    assert focus["id"] == "annuaire-departement-0"
    assert focus["style"] != "none" and focus["width"] >= 2


# Outline of the focused element against the background behind it (the nearest opaque ancestor), WCAG
# contrast ratio; also its size, and whether it is the directory's (to stop tabbing when leaving it).
FOCUS_PROBE = """() => {
  const a = document.activeElement, s = getComputedStyle(a);
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).slice(0, 3).map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  // the ancestors' backgrounds up to the first opaque one, translucent layers composited (Material's footer)
  const layers = [];
  for (let e = a.parentElement; e; e = e.parentElement) {
    const v = rgb(getComputedStyle(e).backgroundColor);
    if (v.length === 3 || v[3] >= 1) { layers.push([...v.slice(0, 3), 1]); break; }
    if (v[3] > 0) { layers.push(v); }
  }
  let base = [255, 255, 255];
  for (const [r, g, b, al] of layers.reverse()) { base = [r, g, b].map((x, i) => x * al + base[i] * (1 - al)); }
  const bg = 'rgb(' + base.map(Math.round).join(', ') + ')';
  const [l1, l2] = [lum(s.outlineColor), lum(bg)].sort((x, y) => y - x);
  return {tag: a.tagName, id: a.id, text: (a.textContent || a.value || '').trim().slice(0, 40), bg: bg,
          colour: s.outlineColor, where: (a.closest('header, nav, footer, .md-tabs, .md-sidebar, main') || {}).tagName,
          style: s.outlineStyle, width: parseFloat(s.outlineWidth), ratio: (l1 + 0.05) / (l2 + 0.05),
          inApp: !!a.closest('#annuaire-app')};
}"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_tabbing_through_the_directory_filters_shows_a_3_to_1_focus(browser: Any, server: str,
                                                                     viewport: dict[str, int],
                                                                     tmp_path_factory: pytest.TempPathFactory) -> None:
    context = browser.new_context(viewport=viewport, service_workers="block", bypass_csp=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
    tab = context.new_page()
    try:
        _directory(tab, server)
        if viewport is PHONE:
            tab.click("summary:has-text('Filtres')")
        tab.eval_on_selector_all("details.annuaire-facette", "ds => ds.forEach(d => { d.open = true; })")
        tab.focus("#annuaire-q")
        seen: list[dict[str, Any]] = []
        for _ in range(400):
            focus = tab.evaluate(FOCUS_PROBE)
            if not focus["inApp"]:
                break
            seen.append(focus)
            tab.keyboard.press("Tab")
        kinds = {f["tag"] for f in seen}
        assert {"INPUT", "SUMMARY", "BUTTON", "A"} <= kinds, kinds
        boxes = tab.locator("#annuaire-app .annuaire-facette li:not([hidden]) input[type=checkbox]").count()
        assert sum(1 for f in seen if f["id"].startswith("annuaire-") and f["tag"] == "INPUT") >= boxes
        weak = [f for f in seen if f["style"] == "none" or f["width"] < 2 or f["ratio"] < 3]
        assert weak == [], weak[:3]
        # a picture of the focus on a checkbox, to look at (tests/… output, not compared)
        tab.focus("#annuaire-departement-1")
        tab.keyboard.press("Shift+Tab")
        tab.keyboard.press("Tab")
        shot = tmp_path_factory.mktemp("captures") / f"annuaire-focus-{viewport['width']}.png"
        tab.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "annuaire/mediatheque-veynes/", "annuaire/partenaires/", "orientation/",
                                  "couverture/", "proposer/", "competences/", "observatoire/",
                                  "carte/carte.html", "couverture/couverture.html"])
def test_focus_is_visible_everywhere_on_a_page(browser: Any, server: str, path: str) -> None:
    """The first 60 Tab stops of a page (header, tabs, navigation, content, footer; the map documents
    shown in frames): each has a 3 px outline at 3:1 against the background behind it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block", bypass_csp=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
    tab = context.new_page()
    try:
        tab.goto(f"{server}/{path}", wait_until="networkidle")
        seen = []
        for _ in range(60):
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement === document.body"):
                break
            if tab.evaluate("document.activeElement.tagName === 'IFRAME'"):
                break  # into the map document: tested as a page of its own
            seen.append(tab.evaluate(FOCUS_PROBE))
        assert len(seen) >= 3
        weak = [f for f in seen if f["style"] == "none" or f["width"] < 2 or f["ratio"] < 3]
        assert weak == [], weak[:5]
    finally:
        context.close()


def test_touch_targets_are_at_least_44_px_on_a_phone(phone: Any, server: str) -> None:
    _directory(phone, server)
    phone.click("summary:has-text('Filtres')")
    phone.click("details.annuaire-facette summary")
    rows = phone.eval_on_selector_all(
        ".annuaire-facette[open] li:not([hidden])",
        "lis => lis.map(li => { const r = li.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })")
    assert rows
    for _x, _y, width, height in rows:
        assert width >= 44 and height >= 44
    # the whole row toggles its checkbox: a tap at its right end, far from the 13 px box
    x, y, width, height = rows[0]
    box = phone.locator(".annuaire-facette[open] li:not([hidden]) input").first
    assert not box.is_checked()
    phone.mouse.click(x + width - 4, y + height / 2)
    assert box.is_checked()
    phone.mouse.click(x + 2, y + 2)
    assert not box.is_checked()
    others = phone.eval_on_selector_all(
        ".annuaire-actions .md-button, details.annuaire-facette > summary, #annuaire-q",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim(), r.width, r.height]; })")
    small = [name for name, width, height in others if width < 44 or height < 44]
    assert small == []


@pytest.mark.parametrize(("path", "selector"), [
    ("annuaire/", "#annuaire-app .annuaire-lieu > a, #annuaire-app .annuaire-telephone a, .annuaire-liens a"),
    ("annuaire/partenaires/", ".partenaires-item > a"),
    ("", ".accueil-sections > a"),
])
def test_links_in_lists_are_44_px_high_on_a_phone(phone: Any, server: str, path: str, selector: str) -> None:
    phone.goto(f"{server}/{path}")
    if path == "annuaire/":
        phone.wait_for_selector(".annuaire-compte")
    sizes = phone.eval_on_selector_all(selector, """els => els.filter(e => e.offsetParent !== null).map(e => {
        const r = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 40), r.width, r.height]; })""")
    assert sizes
    assert [s for s in sizes if s[1] < 44 or s[2] < 44] == []


def test_footer_and_header_are_in_french(phone: Any, server: str) -> None:
    phone.goto(f"{server}/")
    footer = phone.inner_text(".md-footer").replace("\n", " ")
    assert "Made with" not in footer
    assert "Licence du contenu : Licence Ouverte 2.0 (Etalab)" in footer
    assert "Site produit avec reseau-mednum" in footer and "MkDocs" in footer and "Material for MkDocs" in footer
    assert phone.locator(".md-footer a", has_text="sources du site").count() == 1
    header = phone.inner_text(".md-header").replace("\n", " ")
    assert "Forge" not in header
    phone.set_viewport_size({"width": 1280, "height": 900})
    assert phone.inner_text(".md-header .md-source__repository").strip() == "Sources du site"
