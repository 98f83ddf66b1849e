"""Comptes-rendus, fiches actions, observatoire: golden pages on a small fixture, consent, series,
figures, escaping, and presence in the demo site (``pytest --update-goldens`` rewrites the goldens)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from golden_files import Goldens

from generator.config import Settings, load_settings
from generator.pipeline import Loaded, load
from generator.site.pages import actions, meetings
from generator.site.pages import followup as suivi_common
from generator.site.pages import observatory as observatoire
from generator.site.pages.observatory_figures import figures
from generator.site.producers import Output
from generator.site.svg_charts import bar_chart

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "suivi"
ON = date(2025, 10, 1)
HIDDEN = ("Bruno", "Invisiblenom", "bruno-cache")
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def fixture_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture, so that the commune cache is not written into tests/."""
    root = tmp_path_factory.mktemp("suivi") / "contenu"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture(scope="module")
def loaded(fixture_root: Path) -> tuple[Loaded, Settings]:
    settings = load_settings(fixture_root)
    result = load(fixture_root, settings)
    assert [p.format() for p in result.problems] == []
    assert result.communes is not None
    return result, settings


def run_all(result: Loaded, settings: Settings, communes: Any = "same") -> dict[str, Output]:
    lookup = result.communes if communes == "same" else communes
    outputs: dict[str, Output] = {}
    outputs.update(meetings.produce(result.corpus, settings, lookup))
    outputs.update(actions.produce(result.corpus, settings, lookup))
    outputs.update(observatoire.produce(result.corpus, settings, lookup, on=ON))
    outputs.update(suivi_common.produce_assets(result.corpus, settings, lookup))
    return outputs


@pytest.fixture(scope="module")
def outputs(loaded: tuple[Loaded, Settings]) -> dict[str, Output]:
    return run_all(*loaded)


def text(output: Output) -> str:
    assert isinstance(output.content, str)
    return output.content


def test_golden_pages(outputs: dict[str, Output], goldens: Goldens) -> None:
    goldens.check_tree("suivi", {path: text(out) for path, out in outputs.items() if not path.endswith(".css")})


def test_expected_paths_and_edit_sources(outputs: dict[str, Output]) -> None:
    assert outputs["comptes-rendus/2024-03-14-atelier-reseau.md"].source == "meetings/2024-03-14-atelier-reseau.md"
    assert outputs["actions/carte-des-acteurs.md"].source == "actions/carte-des-acteurs.md"
    assert outputs["comptes-rendus/index.md"].source is None
    assert {"observatoire/index.md", "observatoire/observatoire.json", "assets/reseau-suivi.css",
            "actions/index.md"} <= set(outputs)


def test_unconsented_person_appears_nowhere(outputs: dict[str, Output]) -> None:
    for path, out in outputs.items():
        content = out.content if isinstance(out.content, str) else out.content.decode()
        for word in HIDDEN:
            assert word not in content, f"{word} in {path}"
    page = text(outputs["comptes-rendus/2024-03-14-atelier-reseau.md"])
    # shown as their structure instead, and the consenting person by name with a link
    assert 'href="../../annuaire/labo-script/"' in page
    assert '<a href="../../personnes/alice-publiee/">Alice Publiée</a>' in page


def test_series_previous_and_next(outputs: dict[str, Output]) -> None:
    first = text(outputs["comptes-rendus/2024-03-14-atelier-reseau.md"])
    second = text(outputs["comptes-rendus/2024-11-05-atelier-reseau.md"])
    alone = text(outputs["comptes-rendus/2025-09-20-rencontre-departementale.md"])
    assert 'href="../../comptes-rendus/2024-11-05-atelier-reseau/" rel="next"' in first
    assert 'rel="prev"' not in first
    assert 'href="../../comptes-rendus/2024-03-14-atelier-reseau/" rel="prev"' in second
    assert 'rel="next"' not in second
    assert "suivi-series" not in alone


def test_meeting_index_newest_year_first_with_text_status(outputs: dict[str, Output]) -> None:
    page = text(outputs["comptes-rendus/index.md"])
    assert page.index('id="annee-2025"') < page.index('id="annee-2024"')
    assert page.index("deuxième rendez-vous") < page.index("premier rendez-vous")
    for label in ("Tenue", "Annulée", "Prévue"):
        assert f"{label}</span>" in page
    assert "25\u00a0participants attendus" in page


def test_markdown_body_is_sanitised(outputs: dict[str, Output]) -> None:
    page = text(outputs["comptes-rendus/2024-03-14-atelier-reseau.md"])
    assert "<script>" not in page
    assert "<code>&lt;script&gt;alert(" in page
    assert "<h3>Ordre du jour</h3>" in page  # one level below the page heading


def test_action_page_links_origin_territory_and_partners(outputs: dict[str, Output]) -> None:
    page = text(outputs["actions/navette-numerique.md"])
    assert 'href="../../comptes-rendus/2024-03-14-atelier-reseau/"' in page
    assert "Ardèche (07)" in page
    card = text(outputs["actions/carte-des-acteurs.md"])
    assert "Hautes-Alpes (05), Veynes (05179)" in card
    assert "30 juin 2025" in card
    board = text(outputs["actions/index.md"])
    for statut in ("proposee", "en-cours", "realisee", "abandonnee"):
        assert f'id="statut-{statut}"' in board


def test_observatoire_figures(loaded: tuple[Loaded, Settings], outputs: dict[str, Output]) -> None:
    result, _ = loaded
    data = figures(result.corpus, result.communes, ON)
    s = data["structures"]
    population = {d: sum(c.population for c in result.communes if c.departement == d) for d in ("05", "07")}
    assert [(r["code"], r["nombre"], r["population"]) for r in s["par_departement"]] == [
        ("05", 1, population["05"]), ("07", 1, population["07"])]
    assert s["par_departement"][0]["pour_10000_habitants"] == round(10000 / population["05"], 2)
    assert [(r["code"], r["nombre"]) for r in s["par_typologie"]] == [("ASSO", 1), ("BIB", 1), ("EPN", 1)]
    assert s["par_service"][0] == {"libelle": "Aide aux démarches administratives", "nombre": 2}
    assert s["fraicheur"] == {"date_reference": "2025-10-01", "seuil_jours": 365, "anciennes": 1,
                              "part_anciennes": 0.5}
    assert {r["code"]: r["nombre"] for r in data["actions"]["par_statut"]} == {
        "proposee": 1, "en-cours": 1, "realisee": 1, "abandonnee": 0}
    assert {r["code"]: r["nombre"] for r in data["actions"]["par_thematique"]} == {
        "mobilite": 1, "collaboration-mise-en-reseau": 1, "communication": 2}
    years = {r["annee"]: r for r in data["reunions"]["par_annee"]}
    assert (years[2024]["total"], years[2024]["tenue"], years[2024]["annulee"], years[2024]["participants"]) == (
        2, 1, 1, 3)
    assert (years[2025]["prevue"], years[2025]["participants"]) == (1, 0)
    published = json.loads(text(outputs["observatoire/observatoire.json"]))
    assert published == json.loads(json.dumps(data))


def test_observatoire_without_communes(loaded: tuple[Loaded, Settings]) -> None:
    result, settings = loaded
    out = observatoire.produce(result.corpus, settings, None, on=ON)
    data = json.loads(text(out["observatoire/observatoire.json"]))
    assert data["structures"]["population_disponible"] is False
    assert "population" not in data["structures"]["par_departement"][0]
    assert "n'est pas calculée" in text(out["observatoire/index.md"])
    assert "graphique-densite" not in text(out["observatoire/index.md"])


def test_svg_labels_are_escaped(outputs: dict[str, Output]) -> None:
    page = text(outputs["observatoire/index.md"])
    assert SCRIPT not in page
    svg = page[page.index('aria-labelledby="graphique-structures-actions-titre'):]
    svg = svg[: svg.index("</svg>")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    chart = bar_chart("essai", 'Titre <b>"gras"</b> & co', [('A <i>"b"</i> & c', 3), ("D", 0)])
    assert chart.startswith('<svg class="suivi-chart"') and 'role="img"' in chart
    assert "<b>" not in chart and "<i>" not in chart
    assert "<title id=\"essai-titre\">Titre &lt;b&gt;&quot;gras&quot;&lt;/b&gt; &amp; co</title>" in chart
    assert bar_chart("vide", "Rien", []) == ""


def test_demo_site_pages_exist(built_site: Path, repo_root: Path) -> None:
    settings = load_settings(repo_root)
    corpus = load(repo_root, settings).corpus
    expected = ["comptes-rendus/index.html", "actions/index.html", "observatoire/index.html",
                "observatoire/observatoire.json", "accessibilite/index.html", "assets/reseau-suivi.css"]
    expected += [f"comptes-rendus/{slug}/index.html" for slug in corpus.meetings]
    expected += [f"actions/{slug}/index.html" for slug in corpus.actions]
    missing = [path for path in expected if not (built_site / path).is_file()]
    assert missing == []
    hidden = [rec.model.nom for rec in corpus.people.values() if not rec.model.published]
    for path in expected:
        if path.endswith(".html"):
            html = (built_site / path).read_text(encoding="utf-8")
            assert [name for name in hidden if name in html] == [], path
    figures_json = json.loads((built_site / "observatoire/observatoire.json").read_text(encoding="utf-8"))
    assert figures_json["structures"]["total"] == len(corpus.structures)
    assert figures_json["date_reference"] == "1970-01-01"  # SOURCE_DATE_EPOCH=0
