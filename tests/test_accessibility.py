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


@pytest.mark.parametrize("path", ["", "annuaire/", "carte/", "orientation/", "annuaire/imprimer/", "contribuer/",
                                  "404.html"])
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
