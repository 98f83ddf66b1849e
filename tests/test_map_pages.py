"""Carte, couverture and orientation pages: figures on a fixture, exports, wiring, built site."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from golden_files import Goldens
from map_fixture import load_tree, make_tree

from generator.geo.coverage import compute_coverage, zones_blanches
from generator.rules.wording import format_number
from generator.site.pages import coverage as couverture
from generator.site.pages import map as carte
from generator.site.pages import orientation_data
from generator.site.producers import PRODUCERS


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory):
    return load_tree(make_tree(tmp_path_factory.mktemp("pages")))


@pytest.fixture(scope="module")
def cover(tree):
    loaded, settings = tree
    return couverture.produce(loaded.corpus, settings, loaded.communes)


def test_headline_figures_match_the_coverage_computation(tree, cover) -> None:
    loaded, _ = tree
    report = compute_coverage(loaded.communes, couverture.places_of(loaded.corpus))
    page = str(cover["couverture/index.md"].content)
    overall = report.overall
    assert overall.communes == 695 and overall.population == sum(c.population for c in loaded.communes)
    expected = (f"<tr><th scope=\"row\">Ensemble du territoire</th><td>695</td><td>{format_number(overall.population)}</td>"
                f"<td>{format_number(overall.population_beyond_10)}</td><td>{couverture.fr_pct(overall.share_beyond_10)}</td>")
    assert expected in page
    for dep, name in (("04", "Alpes-de-Haute-Provence"), ("05", "Hautes-Alpes"), ("07", "Ardèche")):
        assert f"<th scope=\"row\">{name} ({dep})</th>" in page
    assert 0 < overall.population_beyond_15 < overall.population_beyond_10 < overall.population


def test_zones_blanches_table_and_csv(tree, cover) -> None:
    loaded, _ = tree
    report = compute_coverage(loaded.communes, couverture.places_of(loaded.corpus))
    far = zones_blanches(report.communes, 10.0)
    rows = list(csv.reader(io.StringIO(str(cover["couverture/zones-blanches.csv"].content))))
    assert rows[0][0] == "code_insee" and len(rows) - 1 == len(far) > 50
    assert [r[0] for r in rows[1:]] == [r.code for r in far]
    page = str(cover["couverture/index.md"].content)
    table = page.split('<h2 id="zones-blanches">')[1].split("</table>")[0]
    assert table.count("<tr><th scope=\"row\">") == 50
    populations = [int(p.replace("\u202f", "")) for p in re.findall(r"</td><td>([\d\u202f]+)</td><td>[\d,]+\u00a0km", table)]
    assert populations == sorted(populations, reverse=True) and len(populations) == 50
    assert "Voici les 50 plus peuplées" in page and 'href="zones-blanches.csv"' in page


def test_one_distance_set_and_csv_per_option(cover) -> None:
    assert "couverture/zones-blanches-service-aide-aux-demarches-administratives.csv" in cover
    assert "couverture/zones-blanches-dispositif-france-services.csv" in cover
    assert "couverture/zones-blanches-service-loisirs-et-creations-numeriques.csv" not in cover  # nobody offers it
    html = str(cover["couverture/couverture.html"].content)
    data = json.loads(re.search(r'id="couverture-donnees">(.*?)</script>', html, re.DOTALL).group(1))
    ids = [o["id"] for o in data["options"]]
    assert ids[0] == "tous" and "dispositif-france-services" in ids
    assert all(len(o["km"]) == len(data["communes"]) == 695 for o in data["options"])
    assert len(data["geo"]["features"]) == 695


def test_itinerant_zone_counts_at_zero_km(cover) -> None:
    html = str(cover["couverture/couverture.html"].content)
    data = json.loads(re.search(r'id="couverture-donnees">(.*?)</script>', html, re.DOTALL).group(1))
    codes = [c[0] for c in data["communes"]]
    tous = data["options"][0]
    for code in ("07009", "07329"):
        i = codes.index(code)
        assert tous["km"][i] == 0 and i in tous["zone"]
    page = str(cover["couverture/index.md"].content)
    assert "1\u00a0structure déclare une zone d’intervention, qui couvre 2\u00a0communes" in page
    assert "vol d’oiseau" in page and "mairie" in page  # the method's limits are stated


def test_couverture_page_golden(cover, goldens: Goldens) -> None:
    goldens.check("carte/couverture.md", str(cover["couverture/index.md"].content))


def test_carte_page_and_orientation_golden(tree, goldens: Goldens) -> None:
    loaded, settings = tree
    out = carte.produce(loaded.corpus, settings, loaded.communes)
    page = str(out["carte/index.md"].content)
    assert '<iframe class="carte-cadre" src="carte.html"' in page and 'href="../annuaire/"' in page
    # the lieux only: the 2 structures without services are partners, on their own layer
    assert "4\u00a0lieux n’ont pas de coordonnées précises" in page
    assert "2\u00a0partenaires du réseau, qui n’accueillent pas de public" in page and 'href="../annuaire/partenaires/"' in page
    data = carte.map_data(loaded.corpus)
    assert len(data["lieux"]) == 5 and len(data["partenaires"]) == 2
    assert not {row[0] for row in data["lieux"]} & set(loaded.corpus.partners())
    goldens.check("carte/carte.md", page)
    files = orientation_data.orientation_files(loaded.corpus, settings.orientation, loaded.communes)
    rows = [row for path, value in files.items() if path.startswith("orientation/lieux/") for row in value]
    privas = next(s for s in rows if s[0] == "epn-privas")
    from generator.site.hours_words import hours_in_words

    assert privas[9] == hours_in_words("Mo-Fr 09:00-12:00") and "lundi" in privas[9]  # words, not the raw string
    assert privas[10] == "Mo-Fr 09:00-12:00"  # the OSM string, read by opening_hours in the browser
    assert privas[11] == ["04 75 00 00 00", "+33475000000"] and privas[12] == ["epn@example.org"]
    assert [c[0] for c in files["orientation/communes.json"]][:2] == ["04001", "04004"]
    # each place is in the file of its grid cell, and the index names every cell file
    index = files[orientation_data.DATA_PATH]
    assert sorted(f"orientation/lieux/{k}.json" for k in index["cellules"]) == sorted(
        p for p in files if p.startswith("orientation/lieux/"))
    for path, value in files.items():
        if path.startswith("orientation/lieux/"):
            assert all(orientation_data.cell_of(r[3], r[4]) == path.rsplit("/", 1)[1][:-5] for r in value)
    goldens.check("carte/orientation.json", json.dumps(sorted(rows), ensure_ascii=False, indent=1) + "\n")


def test_families_cover_every_typology() -> None:
    assert carte.family_of(("EPN",)) == 0 and carte.family_of(("MUNI",)) == 1 and carte.family_of(()) == 5
    assert carte.family_of(("Autre", "BIB")) == 2


def test_producers_and_nav_are_wired(repo_root: Path) -> None:
    for name in ("generator.site.maps:produce_assets", "generator.site.pages.map:produce",
                 "generator.site.pages.coverage:produce", "generator.site.pages.orientation:produce"):
        assert name in PRODUCERS
    config = (repo_root / "mkdocs.yml").read_text(encoding="utf-8")
    for path in ("carte/index.md", "couverture/index.md", "orientation/index.md", "assets/mini-carte.js"):
        assert path in config


def test_built_site_has_the_three_pages(built_site: Path) -> None:
    for path in ("carte/index.html", "carte/carte.html", "couverture/index.html", "couverture/couverture.html",
                 "couverture/zones-blanches.csv", "orientation/index.html", "orientation/orientation.json",
                 "assets/vendor/leaflet/leaflet.js", "assets/vendor/markercluster/leaflet.markercluster.js",
                 "assets/carte.js", "assets/mini-carte.js"):
        assert (built_site / path).is_file(), path
    html = (built_site / "carte" / "carte.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="carte-donnees">(.*?)</script>', html, re.DOTALL).group(1))
    assert data["lieux"]
    for row in data["lieux"]:  # ../annuaire/<slug>/ from carte/carte.html is annuaire/<slug>/
        target = (built_site / "carte" / data["annuaire"] / row[0] / "index.html").resolve()
        assert target.is_file(), target
    for src in re.findall(r'(?:src|href)="(\.\./assets/[^"]+)"', html):
        assert (built_site / "carte" / src).resolve().is_file(), src
