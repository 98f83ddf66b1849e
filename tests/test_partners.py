"""Lieux and partners of the network on the demo content (README « Lieux et partenaires »).

A structure whose ``modalites_acces`` says « Ce lieu n'accueille pas de public », or that lists no
``services``, is a partner: listed on ``/annuaire/partenaires/``, kept out of the lieux counts (home,
directory, observatoire), the coverage, the orientation and the map's lieux layer, and exported
with « Ce lieu n'accueille pas de public » alone in ``modalites_acces``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.geo.coverage import compute_coverage
from generator.load.corpus import RESERVED
from generator.models.structure import NO_PUBLIC
from generator.pipeline import Loaded, load
from generator.rules.build_date import build_date
from generator.site.exports import mednum
from generator.site.pages import coverage, directory, home, observatory_figures, orientation_data, partners
from generator.site.pages import map as carte

ROOT = Path(__file__).resolve().parent.parent
DEMO_STRUCTURES, DEMO_PARTNERS = 42, 23  # the figures of issue 13, checked here against the demo


@pytest.fixture(scope="module")
def demo() -> Loaded:
    loaded = load(ROOT, load_settings(ROOT))
    assert not loaded.problems
    return loaded


def test_the_demo_has_23_partners_among_42_structures(demo: Loaded) -> None:
    corpus = demo.corpus
    assert len(corpus.structures) == DEMO_STRUCTURES
    assert len(corpus.partners()) == DEMO_PARTNERS
    assert len(corpus.lieux()) == DEMO_STRUCTURES - DEMO_PARTNERS
    assert set(corpus.lieux()).isdisjoint(corpus.partners())
    for slug, rec in corpus.partners().items():
        assert NO_PUBLIC in rec.model.modalites_acces or not rec.model.services, slug
    assert {"prefecture-hautes-alpes", "caf-ardeche", "ars-ardeche", "dsden-ardeche", "numerian"} <= set(corpus.partners())


def test_home_figures_count_lieux_and_partners_apart(demo: Loaded) -> None:
    figures = {one: n for n, one, _ in home.key_figures(demo.corpus)}
    assert figures["lieu de médiation"] == DEMO_STRUCTURES - DEMO_PARTNERS
    assert figures["partenaire du réseau"] == DEMO_PARTNERS
    lieux = demo.corpus.lieux().values()
    expected = {r.model.code_insee or f"{r.model.code_postal} {r.model.commune}" for r in lieux}
    expected |= {code for r in lieux for code in r.model.zone_intervention}
    assert figures["commune couverte"] == len(expected)


def test_directory_lists_lieux_and_its_counts_are_lieux(demo: Loaded) -> None:
    data = directory.directory_data(demo.corpus, demo.communes)
    slugs = {row[0] for row in data["rows"]}
    assert slugs == set(demo.corpus.lieux())
    departement = data["facets"][0]
    per_dept = {key: sum(1 for row in data["rows"] if index in row[2]) for index, (key, _) in
                enumerate(departement["values"])}
    lieux = demo.corpus.lieux().values()
    assert per_dept == {code: sum(1 for r in lieux if r.model.departement == code) for code in per_dept}
    page = str(directory.produce(demo.corpus, load_settings(ROOT), demo.communes)["annuaire/index.md"].content)
    assert f'<a href="partenaires/">Partenaires du réseau</a> : {DEMO_PARTNERS}\u00a0partenaires' in page


def test_partners_page_lists_every_partner_once(demo: Loaded) -> None:
    settings = load_settings(ROOT)
    page = str(partners.produce(demo.corpus, settings, demo.communes)[partners.PATH].content)
    assert page.startswith('---\ntitle: "Partenaires du réseau"')
    for slug in demo.corpus.partners():
        assert page.count(f'href="../../annuaire/{slug}/"') == 1, slug
    for slug in demo.corpus.lieux():
        assert f'href="../../annuaire/{slug}/"' not in page, slug
    assert f"{DEMO_PARTNERS}\u00a0structures du réseau n'accueillent pas de public" in page
    assert page.index("Hautes-Alpes (05)") < page.index("Ardèche (07)")
    assert "partenaires" in RESERVED["structure"]  # no structure file can take its address


def test_coverage_counts_lieux_only_and_the_figures_change(demo: Loaded) -> None:
    assert demo.communes is not None
    places = coverage.places_of(demo.corpus)
    assert {p.slug for p in places} == set(demo.corpus.lieux())
    towns = list(demo.communes)
    with_partners = [coverage.Place(slug, r.model.nom, demo.corpus.positions[slug].lat,
                                    demo.corpus.positions[slug].lon, frozenset(r.model.services),
                                    frozenset(r.model.dispositif_programmes_nationaux), tuple(r.model.zone_intervention))
                     for slug, r in sorted(demo.corpus.structures.items()) if slug in demo.corpus.positions]
    lieux_only = compute_coverage(towns, places).overall
    everything = compute_coverage(towns, with_partners).overall
    # partners brought people « closer »; without them more people live more than 10 km away
    assert lieux_only.share_beyond_10 > everything.share_beyond_10
    assert lieux_only.population == everything.population
    first = coverage.options(demo.communes, places)[0]
    assert first.label == "Tous les lieux" and set(first.places) == set(demo.corpus.lieux())


def test_orientation_and_the_map_lieux_layer_leave_partners_out(demo: Loaded) -> None:
    files = orientation_data.orientation_files(demo.corpus, orientation_data.options_of(None), demo.communes)
    index = files[orientation_data.DATA_PATH]
    rows = {row[0] for path, value in files.items() if path.startswith(orientation_data.CELLS_DIR + "/")
            for row in value}
    rows |= {row[0] for row in index["itinerants"]} | {row[0] for row in index["france_services"]}
    assert rows and rows <= set(demo.corpus.lieux())
    assert not rows & set(demo.corpus.partners())
    layers = carte.map_data(demo.corpus)
    assert {row[0] for row in layers["lieux"]} <= set(demo.corpus.lieux())
    assert {row[0] for row in layers["partenaires"]} == {s for s in demo.corpus.partners() if s in demo.corpus.positions}
    assert len(layers["partenaires"]) == DEMO_PARTNERS


def test_observatoire_density_counts_lieux(demo: Loaded) -> None:
    figures = observatory_figures.structure_figures(demo.corpus, demo.communes, build_date(corpus=demo.corpus))
    assert figures["total"] == DEMO_STRUCTURES
    assert figures["lieux"] == DEMO_STRUCTURES - DEMO_PARTNERS and figures["partenaires"] == DEMO_PARTNERS
    assert sum(row["nombre"] for row in figures["par_departement"]) == DEMO_STRUCTURES - DEMO_PARTNERS


def test_export_writes_no_public_for_partners_only(demo: Loaded) -> None:
    settings = load_settings(ROOT)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(mednum.to_csv(mednum.lieux(demo.corpus, settings))))}
    ids = {slug: rec.model.id or slug for slug, rec in demo.corpus.structures.items()}
    # the national export leaves out a structure without an address (the standard requires one)
    exported = lambda slugs: [s for s in slugs if demo.corpus.structures[s].model.adresse]  # noqa: E731
    partners_out, lieux_out = exported(demo.corpus.partners()), exported(demo.corpus.lieux())
    assert partners_out and lieux_out
    for slug in partners_out:
        assert rows[ids[slug]]["modalites_acces"] == NO_PUBLIC, slug
    for slug in lieux_out:
        assert NO_PUBLIC not in rows[ids[slug]]["modalites_acces"], slug
    items = json.loads(mednum.to_json(mednum.lieux(demo.corpus, settings)))
    assert sum(1 for item in items if item.get("modalites_acces") == NO_PUBLIC) == len(partners_out)


def test_a_partner_page_says_so_and_a_lieu_page_does_not(demo: Loaded) -> None:
    from generator.site.pages import structures

    settings = load_settings(ROOT)
    out = structures.produce(demo.corpus, settings, demo.communes)
    partner = str(out["annuaire/prefecture-hautes-alpes.md"].content)
    assert "<strong>Partenaire du réseau</strong> : cette structure n'accueille pas de public" in partner
    assert '<a href="../../annuaire/partenaires/">partenaires du réseau</a>' in partner
    lieu = next(iter(sorted(demo.corpus.lieux())))
    assert "Partenaire du réseau</strong>" not in str(out[f"annuaire/{lieu}.md"].content)
