"""« Ajouter un lieu » reachable, hours and communes checked in the browser as ``check`` does.

In Debian chromium via Playwright, on the built demo site: the directory and /contribuer/ link to
the empty form; the hours typed in the form get the verdict of ``check`` (Python
``opening_hours``) from the vendored npm ``opening_hours``, with the same French message, among
the other mistakes; a misspelt commune gets the suggestion ``check`` gives. The « Modifier cette
page » screenshot of /contribuer/ (content/images/modifier-cette-page.png) is taken here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import opening_hours
import pytest
from browser_support import playwright_or_skip
from test_browser import Visit, _server
from test_browser_proposer import open_form

from generator.load.corpus import COMMUNE_NOT_FOUND
from generator.load.validate import MESSAGES
from tests.conftest import ROOT, copy_content

playwright_or_skip()
pytestmark = [pytest.mark.navigateur, pytest.mark.construction]

# Typed by hand: OSM syntax, French habits the npm library only warns about, plain mistakes.
HOURS = ("Mo-Fr 09:00-12:00", "Mo-Fr 9h-12h", "Lu-Ve 09:00-12:00", "Mo 25:00-26:00", "lundi 9h",
         "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00", "Mo-Fr 09:00-12:00; PH off", "24/7",
         "n'importe quoi", "Mo-Fr 09:00-12:00;", "Tu,Th 14:00-18:00", "Mo-Fr 9:00-12:00",
         'Mo-Fr 10:00-12:00 "sur rendez-vous"', "sunrise-sunset")


@pytest.fixture()
def visit(browser: Any, built_site: Path) -> Any:
    v = Visit(browser, _server(str(built_site)))
    yield v
    v.close()


def minimal_place(page: Any, commune: str = "Veynes") -> None:
    page.locator("#s-nom").fill("Médiathèque Éloïse-Ægir d’Œuilly — 2ᵉ étage")
    page.locator("#s-commune").fill(commune)
    page.keyboard.press("Tab")
    page.locator("#s-adresse").fill("1 avenue de la Gare")
    page.locator("[data-champ=services] input").first.check()


def problems_after_submit(page: Any) -> list[str]:
    page.locator("#proposer-structure button[type=submit]").press("Enter")
    page.wait_for_selector("#proposer-erreurs:not([hidden]), #proposer-resultat:not([hidden])")
    if page.locator("#proposer-erreurs").is_hidden():
        return []
    texts = [str(t) for t in page.locator("#proposer-erreurs-liste li").all_inner_texts()]
    return [t[t.index("["):] for t in texts]  # « Champ : [CODE] message — aide »


@pytest.mark.parametrize("path", ["annuaire/", "contribuer/"])
def test_add_a_place_is_one_click_from_the_directory_and_contribuer(visit: Visit, path: str) -> None:
    page = visit.go(path)
    link = page.get_by_role("link", name="Ajouter un lieu", exact=True).first
    assert link.is_visible()
    link.click()
    page.wait_for_selector("html[data-proposer=pret]")
    assert page.url.rstrip("/").endswith("/proposer")
    assert page.locator("#proposer-contexte").text_content() == "Nouveau lieu : remplissez le formulaire."
    assert page.locator("#s-nom").input_value() == "" and page.locator("#proposer-personne").is_hidden()
    assert visit.errors == [] and visit.foreign() == []


def test_hours_get_the_verdict_and_the_message_of_check(visit: Visit) -> None:
    page = open_form(visit)
    assert page.evaluate("typeof window.opening_hours") == "function"  # the vendored npm package
    minimal_place(page)
    code, template, _hint = MESSAGES["horaires_invalides"]
    for text in HOURS:
        page.locator("#s-horaires").fill(text)
        found = [p for p in problems_after_submit(page) if p.startswith(f"[{code}]")]
        if opening_hours.validate(text):
            assert found == [], text
        else:
            assert len(found) == 1, text
            assert found[0].startswith(f"[{code}] " + template.format(value=text) + " — "), found[0]
    assert visit.errors == []


def test_bad_hours_come_with_every_other_mistake_at_once(visit: Visit) -> None:
    page = open_form(visit)
    minimal_place(page)
    page.locator("#s-horaires").fill("Lu-Ve 9h-12h")
    page.locator("#s-code_postal").fill("5400")
    page.locator("#s-site_web").fill("www.exemple.fr")
    codes = sorted(p.split("]", 1)[0].lstrip("[") for p in problems_after_submit(page))
    assert codes == ["V-CODE-POSTAL", "V-HORAIRES", "V-URL"]
    link = page.locator("#proposer-erreurs-liste a", has_text="Horaires")
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "s-horaires"
    assert page.locator("#s-horaires").get_attribute("aria-invalid") == "true"


def check_output(tmp_path: Path, commune: str) -> str:
    root = copy_content(tmp_path / "depot")
    (root / "actors" / "structures" / "essai-commune.yml").write_text(
        f"nom: Essai de commune\ncommune: {commune}\ncode_postal: '05400'\nadresse: 1 avenue de la Gare\n"
        "services:\n  - Aide aux démarches administratives\n"
        "date_maj: 2026-01-05\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    return done.stdout + done.stderr


def test_misspelt_commune_gets_the_suggestion_of_check(visit: Visit, tmp_path: Path) -> None:
    page = open_form(visit)
    minimal_place(page, "Veyness")
    assert page.locator("#s-code_insee").input_value() == ""
    help_text = page.locator("#s-commune-aide").text_content() or ""
    assert "vouliez-vous dire « Veynes » ?" in help_text
    code, template, _hint = COMMUNE_NOT_FOUND
    found = [p for p in problems_after_submit(page) if p.startswith(f"[{code}]")]
    expected = template.format(value="Veyness") + " — vouliez-vous dire « Veynes » ?"
    assert found == [f"[{code}] {expected}"]
    assert expected.split(" — ")[1] in check_output(tmp_path, "Veyness")
    # corrected by the suggestion: the codes fill in and the file is ready
    page.locator("#s-commune").fill("Veynes")
    page.keyboard.press("Tab")
    assert page.locator("#s-code_insee").input_value() == "05179"
    assert not [p for p in problems_after_submit(page) if p.startswith(f"[{code}]")]


def test_far_from_any_commune_no_suggestion(visit: Visit) -> None:
    page = open_form(visit)
    minimal_place(page, "Zzyzx-sur-Mer")
    code, template, hint = COMMUNE_NOT_FOUND
    found = [p for p in problems_after_submit(page) if p.startswith(f"[{code}]")]
    assert found == [f"[{code}] {template.format(value='Zzyzx-sur-Mer')} — {hint}"]


def test_edit_button_screenshot_of_contribuer(browser: Any, built_site: Path, tmp_path: Path) -> None:
    """The pencil the git way starts from, named as /contribuer/ names it; the shot (the page top,
    pencil ringed) is content/images/modifier-cette-page.png, copied by hand when the theme changes."""
    context = browser.new_context(viewport={"width": 1100, "height": 700}, device_scale_factor=1)
    page = context.new_page()
    page.goto(_server(str(built_site)) + "contribuer/", wait_until="networkidle")
    button = page.locator("a.md-content__button[rel=edit]")
    assert button.get_attribute("href") == "https://forge.example.org/reseau-mednum/site/edit/main/content/contribuer.md"
    assert button.get_attribute("title") == "Modifier cette page" and button.is_visible()
    assert "« Modifier cette page »" in page.locator("article").inner_text()
    button.evaluate("b => { b.style.outline = '3px solid #d81b60'; b.style.outlineOffset = '4px'; }")
    box, article = button.bounding_box(), page.locator("article").bounding_box()
    assert box is not None and article is not None
    left = max(0, article["x"] - 16)
    page.screenshot(path=str(tmp_path / "modifier-cette-page.png"),
                    clip={"x": left, "y": 0, "width": box["x"] + box["width"] + 24 - left, "height": box["y"] + 200})
    assert (tmp_path / "modifier-cette-page.png").stat().st_size > 5_000
    context.close()
