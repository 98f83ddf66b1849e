"""Fiche d'orientation and structure page in Debian chromium (Playwright).

- the fiche d'orientation fits one A4 page in Chromium's PDF output, for the longest demo fiche and a
  synthetic worst case (long name, every service, long hours, every access mode, 20 communes served);
- it works without JavaScript (``java_script_enabled=False``): address, hours, phone, QR code, notes;
- « ouvert maintenant » on the structure page under a fixed clock: a weekday morning, a Sunday, a
  French public holiday (opening_hours self-hosted, Europe/Paris);
- axe-core: no serious or critical violation on both pages at 1280×900 and 390×844;
- phone screenshots of both pages (written to ``RESEAU_CAPTURES`` when set, for the README).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import chromium, playwright_or_skip, serving

from tests.conftest import ROOT, copy_content

sync_api = playwright_or_skip()
pytestmark = [pytest.mark.navigateur, pytest.mark.construction]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
SERVICES = ("Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien",
            "Insertion professionnelle via le numérique", "Utilisation sécurisée du numérique",
            "Parentalité et éducation avec le numérique", "Loisirs et créations numériques",
            "Compréhension du monde numérique", "Accès internet et matériel informatique",
            "Acquisition de matériel informatique à prix solidaire")
COMMUNES_05 = ("05001", "05003", "05004", "05006", "05007", "05008", "05009", "05010", "05011", "05012", "05013",
               "05014", "05016", "05017", "05018", "05019", "05021", "05022", "05023", "05024")
WORST = f"""nom: "{'Espace France Services et médiathèque intercommunale du Buëch, des Baronnies et du Dévoluy — accueil numérique, '
               'permanence des conseillers numériques et point d’accès aux droits'}"
typologie: [RFS, BIB, EPN, MUNI]
adresse: "Rez-de-chaussée de l'ancienne gare, 12 avenue du Commandant Dumont-d'Urville-et-des-Quatre-Chemins"
complement_adresse: "Entrée par la cour arrière, à gauche après le parking des vélos, bureau 4 au premier étage (ascenseur)"
code_postal: "05400"
commune: Veynes
code_insee: "05179"
telephone: "04 92 58 16 16"
horaires: "Mo 08:30-12:00,13:30-17:30; Tu 08:30-12:00,13:30-19:00; We 09:00-12:30,14:00-18:00; Th 08:30-12:00; Fr 08:30-12:00,13:30-16:30; Sa 09:00-12:00; PH off"
presentation_resume: "Cas limite synthétique pour le test d'impression : nom long, tous les services, horaires longs."
services: [{", ".join(SERVICES)}]
modalites_acces: [Se présenter, Téléphoner, Contacter par mail, Prendre un RDV en ligne, Envoyer un mail avec une fiche de prescription]
frais_a_charge: [Gratuit, Gratuit sous condition]
prise_rdv: "https://rendez-vous.exemple-de-prise-de-rendez-vous-en-ligne.fr/espace-france-services-buech-devoluy/agenda/conseillers-numeriques"
itinerance: [Itinérant, Fixe]
zone_intervention: [{", ".join(f'"{c}"' for c in COMMUNES_05)}]
date_maj: "2025-12-01"
"""
HOURS = "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off"
OPEN_NOW = f"""nom: Point numérique de test horaires
typologie: [EPN]
adresse: "1 place de test"
code_postal: "05000"
commune: Gap
code_insee: "05061"
telephone: "04 92 53 00 01"
horaires: "{HOURS}"
services: [Aide aux démarches administratives]
modalites_acces: [Se présenter]
date_maj: "2025-12-01"
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content plus two synthetic records (worst case, hours), built with ``mkdocs build --strict``."""
    root = copy_content(tmp_path_factory.mktemp("fiche"))
    (root / "actors" / "structures" / "zz-cas-limite-impression.yml").write_text(WORST, encoding="utf-8")
    (root / "actors" / "structures" / "zz-test-horaires.yml").write_text(OPEN_NOW, encoding="utf-8")
    out = root / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            cwd=root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serving(site) as url:
        yield url + "/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium(sync_api) as launched:
        yield launched


def pdf_pages(pdf: bytes) -> int:
    """Page objects of a PDF (Chromium writes them uncompressed): ``/Type /Page``, not ``/Pages``."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def _longest_demo_sheet(site: Path) -> str:
    sheets = [p for p in (site / "annuaire").glob("*/imprimer/index.html") if not p.parent.parent.name.startswith("zz-")]
    longest = max(sheets, key=lambda p: (len(re.sub(r"<svg.*?</svg>|<[^>]+>", "", p.read_text(encoding="utf-8"))), p.name))
    return f"annuaire/{longest.parent.parent.name}/imprimer/"


def test_pdf_counter_counts_pages(browser: Any) -> None:
    page = browser.new_page()
    page.set_content("<p>un</p><p style='break-before: page'>deux</p><p style='break-before: page'>trois</p>")
    assert pdf_pages(page.pdf(format="A4")) == 3
    page.close()


@pytest.mark.parametrize("which", ["demo", "worst"])
def test_the_fiche_d_orientation_fits_one_a4_page(browser: Any, base: str, site: Path, which: str) -> None:
    path = _longest_demo_sheet(site) if which == "demo" else "annuaire/zz-cas-limite-impression/imprimer/"
    page = browser.new_page()
    page.goto(base + path)
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".md-footer").is_hidden()
    assert page.locator(".fo-notes").is_visible() and page.locator(".fo-qr svg").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf_pages(pdf) == 1, path
    page.close()


def test_the_fiche_d_orientation_needs_no_javascript(browser: Any, base: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(base + "annuaire/zz-test-horaires/imprimer/")
    text = page.locator(".fiche-orientation").inner_text()
    assert "1 place de test" in text and "05000 Gap" in text
    assert "du lundi au vendredi : 9 h – 12 h et 14 h – 17 h" in text.replace("\u00a0", " ")
    assert page.locator('a[href="tel:+33492530001"]').is_visible()
    qr = page.locator(".fo-qr svg[role=img]")
    assert qr.is_visible() and qr.bounding_box()["width"] >= 120
    assert "https://reseau-mednum.example.org/annuaire/zz-test-horaires/" in text
    assert page.locator(".fo-ligne").count() >= 5
    assert page.locator('a[href^="mailto:?subject="]').count() == 1
    # the structure page without JavaScript: hours in words, no empty « ouvert maintenant »
    page.goto(base + "annuaire/zz-test-horaires/")
    assert page.locator(".fiche-ouvert").is_hidden()
    assert page.locator('.fiche-imprimer a[href="imprimer/"]').is_visible()
    context.close()


@pytest.mark.parametrize(("moment", "expected"), [
    ("2026-03-10T10:15:00+01:00", "Ouvert maintenant, jusqu'à 12 h. Aujourd'hui : 9 h – 12 h et 14 h – 17 h."),
    ("2026-03-10T12:30:00+01:00", "Fermé maintenant — ouvre aujourd'hui à 14 h. Aujourd'hui : 9 h – 12 h et 14 h – 17 h."),
    ("2026-03-08T11:00:00+01:00", "Fermé maintenant — ouvre lundi à 9 h. Aujourd'hui : fermé."),
    ("2026-05-01T10:00:00+02:00", "Fermé maintenant — ouvre samedi à 9 h. Aujourd'hui : fermé."),  # fête du Travail
])
def test_open_now_under_a_fixed_clock(browser: Any, base: str, moment: str, expected: str) -> None:
    context = browser.new_context(timezone_id="America/New_York")  # the device's zone does not matter: Paris time
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    page.goto(base + "annuaire/zz-test-horaires/")
    state = page.locator(".fiche-ouvert")
    state.wait_for(state="visible")
    assert state.inner_text().replace("\u00a0", " ") == expected
    context.close()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["ordinateur", "telephone"])
@pytest.mark.parametrize("path", ["annuaire/zz-test-horaires/", "annuaire/zz-test-horaires/imprimer/",
                                  "annuaire/zz-cas-limite-impression/imprimer/"])
def test_axe_finds_nothing_serious(browser: Any, base: str, path: str, viewport: dict[str, int]) -> None:
    if not AXE.exists():
        pytest.skip("axe-core absent de node_modules : lancez « npm ci »")
    context = browser.new_context(viewport=viewport, bypass_csp=True)  # axe is injected inline
    page = context.new_page()
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]
               if v.get("impact") in ("serious", "critical")]
    assert serious == []
    context.close()


def test_phone_screenshots(browser: Any, base: str, tmp_path: Path) -> None:
    """Both pages on a 390×844 phone; the key facts come first on the structure page."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    page.clock.set_fixed_time("2026-03-10T10:15:00+01:00")
    page.goto(base + "annuaire/zz-test-horaires/")
    page.locator(".fiche-ouvert").wait_for(state="visible")
    assert page.locator(".fiche-essentiel a[href^='tel:']").bounding_box()["y"] < PHONE["height"]
    shots = {"fiche-structure-telephone.png": page}
    sheet = context.new_page()
    sheet.goto(base + "annuaire/zz-test-horaires/imprimer/")
    shots["fiche-orientation-telephone.png"] = sheet
    target = Path(os.environ.get("RESEAU_CAPTURES", tmp_path))
    for name, shot in shots.items():
        shot.screenshot(path=str(target / name), full_page=True)
        assert (target / name).stat().st_size > 10_000
    context.close()
    if "RESEAU_CAPTURES" not in os.environ:
        shutil.rmtree(tmp_path, ignore_errors=True)
