"""The « Proposer » form in a real browser (Debian chromium via Playwright), on the built demo site.

Filled like a mediator would, with the keyboard where it matters: a new place with the accented
test name, a correction, a person with her consent and « Retirer ma fiche ». The file produced is
saved into a scratch copy of the demo and must pass ``python -m generator check``; the three send
paths (forge editor, mailto, download) are decoded and must carry it intact.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import playwright_or_skip
from test_browser import AXE, Visit, _axe, _server

from generator.load.yaml_strict import parse_text
from generator.load.yaml_writer import dump
from generator.models import Structure
from generator.site.pages.propose_forge import forge_links
from tests.conftest import ROOT, copy_content

playwright_or_skip()
pytestmark = [pytest.mark.navigateur, pytest.mark.construction]

NAME = "Médiathèque Éloïse-Ægir d’Œuilly — 2ᵉ étage"


@pytest.fixture()
def visit(browser: Any, built_site: Path) -> Any:
    v = Visit(browser, _server(str(built_site)))
    v.context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield v
    v.close()


def open_form(visit: Visit, query: str = "") -> Any:
    page = visit.go(f"proposer/{query}")
    page.wait_for_selector("html[data-proposer=pret]")
    return page


def check_in_copy(tmp_path: Path, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    root = copy_content(tmp_path / "depot")
    for path, text in files.items():
        (root / path).write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def submit(page: Any, kind: str = "structure") -> None:
    page.locator(f"#proposer-{kind} button[type=submit]").press("Enter")


def result_yaml(page: Any) -> str:
    page.wait_for_selector("#proposer-resultat:not([hidden])")
    return str(page.locator("#proposer-yaml").text_content())


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}


def test_new_place_by_keyboard_passes_check_and_survives_the_three_send_paths(visit: Visit, tmp_path: Path) -> None:
    page = open_form(visit)
    assert page.locator("#proposer-personne").is_hidden()
    page.locator("#s-nom").focus()
    page.keyboard.type(NAME)
    page.locator("#s-commune").fill("veynes")
    page.keyboard.press("Tab")  # « change »: the codes are filled from the bundled communes
    assert page.locator("#s-code_insee").input_value() == "05179"
    assert page.locator("#s-code_postal").input_value() == "05400"
    page.locator("#s-adresse").fill("1 avenue de la Gare")
    page.locator("#s-complement_adresse").fill("Bâtiment « L’Orée », 2ᵉ étage")
    page.locator("#s-telephone").fill("04 92 58 00 00")
    page.locator("#s-courriels").fill("mediatheque@exemple.fr\n")
    page.locator("#s-presentation_detail").fill("## Ateliers\n\n- le mardi : « Premiers pas »\n- le jeudi : démarches\n")
    for service in ("Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"):
        box = page.locator(f"[data-champ=services] input[value='{service}']")
        box.focus()
        page.keyboard.press("Space")
        assert box.is_checked()
    page.locator("[data-champ=typologie] input[value=BIB]").check()
    tool = page.locator("#s-horaires-outil")
    tool.locator("summary").press("Enter")
    for day in ("Mo", "Tu", "We", "Th", "Fr"):
        row = tool.locator(f"tr[data-jour={day}]")
        for part, value in (("debut-1", "09:00"), ("fin-1", "12:00"), ("debut-2", "14:00"), ("fin-2", "17:30")):
            row.locator(f"[data-plage={part}]").fill(value)
    tool.locator("tr[data-jour=Sa] [data-plage=debut-1]").fill("09:00")
    tool.locator("tr[data-jour=Sa] [data-plage=fin-1]").fill("12:00")
    tool.locator(".proposer-horaires-ecrire").press("Enter")
    assert page.locator("#s-horaires").input_value() == "Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00"
    submit(page)
    yaml_text = result_yaml(page)
    assert page.evaluate("document.activeElement.id") == "proposer-resultat"
    data = parse_text(yaml_text, "x.yml").data
    assert data["nom"] == NAME and data["complement_adresse"] == "Bâtiment « L’Orée », 2ᵉ étage"
    assert data["date_maj"] == date.today().isoformat()
    assert dump(data) == yaml_text  # exactly the Python writer's bytes
    path = str(page.locator("#proposer-nom-fichier").text_content())
    assert path == "actors/structures/mediatheque-eloise-aegir-doeuilly-2e-etage-veynes.yml"
    done = check_in_copy(tmp_path, {path: yaml_text})
    assert done.returncode == 0, done.stdout + done.stderr
    # (a) the forge's new-file editor, pre-filled
    forge = page.locator("#proposer-lien-forge").get_attribute("href") or ""
    links = forge_links_of_demo()
    assert forge.startswith(links["nouveau"]["structure"] + "?")
    params = query_of(forge)
    assert params == {"filename": path.rsplit("/", 1)[1], "value": yaml_text}
    # (b) mailto with subject and the file in the body (CRLF line ends, RFC 6068)
    mail = page.locator("#proposer-lien-courriel").get_attribute("href") or ""
    assert mail.startswith("mailto:coordination@reseau-mednum.example.org?")
    mail_params = query_of(mail)
    assert NAME in mail_params["subject"]
    assert yaml_text in mail_params["body"].replace("\r\n", "\n")
    # (c) the download
    with page.expect_download() as info:
        page.locator("#proposer-lien-fichier").click()
    download = info.value
    assert download.suggested_filename == path.rsplit("/", 1)[1]
    assert Path(download.path()).read_text(encoding="utf-8") == yaml_text
    assert visit.errors == [] and visit.foreign() == []


def forge_links_of_demo() -> dict[str, Any]:
    from generator.config import load_settings
    from generator.site.pages.propose import FOLDERS

    links = forge_links(load_settings(ROOT), FOLDERS)
    assert links is not None
    return links


def test_correction_is_prefilled_shows_the_difference_and_passes_check(visit: Visit, tmp_path: Path) -> None:
    source = ROOT / "actors" / "structures" / "mediatheque-veynes.yml"
    before = parse_text(source.read_text(encoding="utf-8"), source.name).data
    page = open_form(visit, "?fiche=mediatheque-veynes")
    assert page.locator("#s-nom").input_value() == before["nom"]
    assert "Correction de la fiche" in (page.locator("#proposer-contexte").text_content() or "")
    page.locator("#s-telephone").fill("04 92 58 11 22")
    submit(page)
    yaml_text = result_yaml(page)
    after = parse_text(yaml_text, "x.yml").data
    changed = {key for key in set(before) | set(after) if before.get(key) != after.get(key)}
    assert changed == {"telephone", "date_maj"}
    diff = page.locator("#proposer-diff").inner_text()
    assert "Téléphone" in diff and "04 92 58 11 22" in diff
    forge = page.locator("#proposer-lien-forge").get_attribute("href") or ""
    assert forge == forge_links_of_demo()["modifier"] + "actors/structures/mediatheque-veynes.yml"
    page.locator("#proposer-lien-forge").click(modifiers=["Control"])  # new tab; the file goes to the clipboard
    assert page.evaluate("navigator.clipboard.readText()") == yaml_text
    done = check_in_copy(tmp_path, {"actors/structures/mediatheque-veynes.yml": yaml_text})
    assert done.returncode == 0, done.stdout + done.stderr
    assert Structure.model_validate(after).telephone == "+33492581122"


def test_every_mistake_at_once_with_the_messages_of_check_and_no_misspelt_vocabulary(visit: Visit) -> None:
    page = open_form(visit)
    page.locator("#s-nom").fill(NAME)
    page.locator("#s-commune").fill("Veynes")
    page.keyboard.press("Tab")
    page.locator("#s-code_postal").fill("5400")
    page.locator("#s-courriels").fill("contact@\ncontact@")
    page.locator("#s-site_web").fill("www.exemple.fr")
    page.evaluate("""() => {  // a hostile contributor edits the page to send a misspelt value
        const box = document.querySelector("[data-champ=services] input");
        box.value = "Aide aux démarches administrative"; box.checked = true; }""")
    submit(page)
    page.wait_for_selector("#proposer-erreurs:not([hidden])")
    assert page.evaluate("document.activeElement.id") == "proposer-erreurs"
    items = page.locator("#proposer-erreurs-liste li").all_inner_texts()
    codes = sorted(item.split("[", 1)[1].split("]", 1)[0] for item in items)
    # no V-MANQUANT: the street (adresse) is optional, left out rather than « Adresse à compléter »
    assert codes == ["V-CODE-POSTAL", "V-COURRIEL", "V-COURRIEL", "V-DOUBLON", "V-URL", "V-VOCABULAIRE"]
    assert any("[V-CODE-POSTAL] code postal « 5400 » invalide — 5 chiffres, en gardant le 0 initial, par exemple 05400"
               in item for item in items)
    assert any("valeur « Aide aux démarches administrative » absente du vocabulaire « services »" in item for item in items)
    assert page.locator("#proposer-resultat").is_hidden()
    # the error link takes the keyboard to the field, which says it is invalid
    link = page.locator("#proposer-erreurs-liste a", has_text="Code postal")
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "s-code_postal"
    assert page.locator("#s-code_postal").get_attribute("aria-invalid") == "true"


def test_person_consent_is_dated_and_the_new_record_passes_check(visit: Visit, tmp_path: Path) -> None:
    page = open_form(visit, "?type=personne")
    assert page.locator("#proposer-structure").is_hidden()
    page.locator("#p-nom").fill("Éloïse Œuilly (fictive)")
    page.locator("#p-role").fill("Médiatrice numérique")
    page.locator("[data-champ=structures] input[value=mediatheque-veynes]").check()
    page.locator("#p-consentie").focus()
    page.keyboard.press("Space")
    assert date.today().isoformat() in (page.locator("#p-consentie-date").text_content() or "")
    submit(page, "personne")
    yaml_text = result_yaml(page)
    data = parse_text(yaml_text, "x.yml").data
    assert data["publication"]["consentie"] == "true"
    assert data["publication"]["date"] == date.today().isoformat()
    path = str(page.locator("#proposer-nom-fichier").text_content())
    assert path == "actors/people/eloise-oeuilly-fictive.yml"
    done = check_in_copy(tmp_path, {path: yaml_text})
    assert done.returncode == 0, done.stdout + done.stderr


def test_retirer_ma_fiche_names_the_file(visit: Visit) -> None:
    page = open_form(visit, "?personne=awa-diallo-reymond")
    assert page.locator("#p-consentie").is_checked()
    page.locator("#proposer-retirer").press("Enter")
    page.wait_for_selector("#proposer-retrait:not([hidden])")
    mail = query_of(page.locator("#proposer-retrait-lien-courriel").get_attribute("href") or "")
    assert "actors/people/awa-diallo-reymond.yml" in mail["subject"]
    assert "droit à l'effacement" in mail["body"] and "Awa Diallo-Reymond" in mail["body"]
    ticket = page.locator("#proposer-retrait-lien-forge").get_attribute("href") or ""
    assert ticket.startswith(forge_links_of_demo()["ticket"] + "?")
    assert "actors/people/awa-diallo-reymond.yml" in query_of(ticket)["body"]


def test_unpublished_person_is_not_shipped(visit: Visit, built_site: Path) -> None:
    shipped = (built_site / "proposer" / "proposer.json").read_text(encoding="utf-8")
    for path in sorted((ROOT / "actors" / "people").glob("*.yml")):
        data = parse_text(path.read_text(encoding="utf-8"), path.name).data
        consent = (data.get("publication") or {}).get("consentie") == "true"
        assert (f'"{path.stem}":{{' in shipped) == consent, path.stem


def _phone_result(context: Any, base: str) -> Any:
    page = context.new_page()
    page.goto(base + "proposer/?fiche=mediatheque-veynes", wait_until="networkidle")
    page.wait_for_selector("html[data-proposer=pret]")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"la page déborde sur téléphone ({width} px)"
    page.locator("#s-code_postal").fill("5400")
    submit(page)
    page.wait_for_selector("#proposer-erreurs:not([hidden])")
    return page


def test_phone_screenshot(browser: Any, built_site: Path, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = _phone_result(context, _server(str(built_site)))
    page.locator("#s-code_postal").fill("05400")
    submit(page)
    page.wait_for_selector("#proposer-resultat:not([hidden])")
    page.screenshot(path=str(tmp_path / "proposer-telephone.png"))
    assert (tmp_path / "proposer-telephone.png").stat().st_size > 10_000
    context.close()


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core absent de node_modules")
def test_axe_on_the_form_its_errors_and_its_result(browser: Any, built_site: Path) -> None:
    # axe is injected as a script: this context bypasses the page CSP for it (never in production)
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = _phone_result(context, _server(str(built_site)))
    found = [f"{v['id']} : {[n['target'] for n in v['nodes'][:3]]}" for v in _axe(page)]
    page.locator("#s-code_postal").fill("05400")
    submit(page)
    page.wait_for_selector("#proposer-resultat:not([hidden])")
    found += [f"{v['id']} : {[n['target'] for n in v['nodes'][:3]]}" for v in _axe(page)]
    assert found == []
    context.close()
