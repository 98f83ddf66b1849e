"""Great-circle distances and nearest-neighbour search on the sphere (numpy, scipy).

Distances are straight lines on a sphere of mean Earth radius, not road distances.
:func:`nearest` searches a KD-tree of unit vectors: chord length grows with arc
length, so the nearest by chord is the nearest by arc; the returned distance is
then recomputed with :func:`haversine_km` for the chosen pair, so both functions
agree exactly.

A small network (a few hundred places × the communes of its départements) is searched by brute
force, one matrix product: importing scipy costs more than the search itself (0,3 s). Past
:data:`BRUTE_FORCE_PAIRS` commune–place pairs, the KD-tree takes over (tested: same answers).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
BRUTE_FORCE_PAIRS = 2_000_000  # commune × place pairs searched without a KD-tree (16 Mo of floats)

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


def haversine_km(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> FloatArray | np.float64:
    """Great-circle distance in km between points in degrees; numpy broadcasting rules apply.

    Scalars in give a numpy float out; arrays give an array.
    """
    phi1, lam1, phi2, lam2 = (np.radians(np.asarray(v, dtype=np.float64)) for v in (lat1, lon1, lat2, lon2))
    h = np.sin((phi2 - phi1) / 2.0) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin((lam2 - lam1) / 2.0) ** 2
    km: FloatArray | np.float64 = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return km


def unit_vectors(lat: ArrayLike, lon: ArrayLike) -> FloatArray:
    """(n, 3) array of unit vectors for points in degrees."""
    phi = np.radians(np.asarray(lat, dtype=np.float64)).reshape(-1)
    lam = np.radians(np.asarray(lon, dtype=np.float64)).reshape(-1)
    cos_phi = np.cos(phi)
    return np.column_stack((cos_phi * np.cos(lam), cos_phi * np.sin(lam), np.sin(phi)))


def nearest(
    commune_lat: ArrayLike, commune_lon: ArrayLike, place_lat: ArrayLike, place_lon: ArrayLike
) -> tuple[FloatArray, IntArray]:
    """For each commune point, the distance in km to the nearest place and that place's index.

    Places sharing the exact same coordinates resolve to the lowest index, so the
    answer does not depend on the KD-tree's internals. With no place at all, every
    distance is ``inf`` and every index ``-1``.
    """
    lat = np.asarray(commune_lat, dtype=np.float64).reshape(-1)
    lon = np.asarray(commune_lon, dtype=np.float64).reshape(-1)
    plat = np.asarray(place_lat, dtype=np.float64).reshape(-1)
    plon = np.asarray(place_lon, dtype=np.float64).reshape(-1)
    if lat.shape != lon.shape or plat.shape != plon.shape:
        raise ValueError("latitudes et longitudes doivent avoir la même longueur")
    if plat.size == 0 or lat.size == 0:
        return np.full(lat.size, np.inf), np.full(lat.size, -1, dtype=np.intp)
    # Unique coordinates, each mapped to the first (lowest) index that has them.
    _, first = np.unique(np.column_stack((plat, plon)), axis=0, return_index=True)
    first = np.sort(first)
    points, targets = unit_vectors(lat, lon), unit_vectors(plat[first], plon[first])
    if points.shape[0] * targets.shape[0] <= BRUTE_FORCE_PAIRS:
        hit = np.argmax(points @ targets.T, axis=1)  # nearest = largest cosine; ties: lowest index
    else:
        from scipy.spatial import cKDTree  # only for large networks (see above)

        _, hit = cKDTree(targets).query(points, k=1)
    index = first[np.asarray(hit, dtype=np.intp)]
    km = np.asarray(haversine_km(lat, lon, plat[index], plon[index]), dtype=np.float64)
    return km, index.astype(np.intp)


def within_km(
    commune_lat: ArrayLike, commune_lon: ArrayLike, place_lat: ArrayLike, place_lon: ArrayLike, radius_km: float
) -> list[list[int]]:
    """For each commune point, the sorted indices of the places within ``radius_km`` (inclusive)."""
    lat = np.asarray(commune_lat, dtype=np.float64).reshape(-1)
    plat = np.asarray(place_lat, dtype=np.float64).reshape(-1)
    if plat.size == 0:
        return [[] for _ in range(lat.size)]
    angle = min(radius_km / EARTH_RADIUS_KM, np.pi)
    chord = 2.0 * np.sin(angle / 2.0) * (1.0 + 1e-12)  # slack; exact check below
    from scipy.spatial import cKDTree  # imported when needed (see above)

    tree = cKDTree(unit_vectors(place_lat, place_lon))
    found = tree.query_ball_point(unit_vectors(lat, commune_lon), r=chord)
    plon = np.asarray(place_lon, dtype=np.float64).reshape(-1)
    lon = np.asarray(commune_lon, dtype=np.float64).reshape(-1)
    result: list[list[int]] = []
    for i, candidates in enumerate(found):
        idx = np.asarray(sorted(candidates), dtype=np.intp)
        if idx.size:
            km = haversine_km(lat[i], lon[i], plat[idx], plon[idx])
            idx = idx[km <= radius_km]
        result.append([int(j) for j in idx])
    return result
