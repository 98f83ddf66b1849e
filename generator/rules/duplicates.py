"""When two places are the same place: one rule for the importers (match before creating) and ``check``.

In order, the first that applies decides:

1. same ``pivot`` (SIRET or RNA) → the same place;
2. same name, once folded (accents, case, punctuation, small words), in the same commune → the same place;
3. less than :data:`NEAR_M` apart with a similar name (``rapidfuzz``): at least :data:`SAME_SCORE` → the
   same place, at least :data:`PROBABLE_SCORE` → a probable duplicate (a person decides), else two places.

The import also matches on source + source identifier first (:mod:`generator.importers.matching`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Mapping

from rapidfuzz import fuzz

from generator.rules.folding import fold

NEAR_M = 300.0
SAME_SCORE = 90.0
PROBABLE_SCORE = 70.0
SAME = "même lieu"
PROBABLE = "doublon probable"
_SMALL_WORDS = frozenset({"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "sur"})
_PLACEHOLDER_PIVOTS = frozenset({"", "00000000000000"})
# one grid cell ≈ 1.1 km north–south: a point's neighbours within NEAR_M are in its cell or the 8 around
CELL_DEGREES = 0.01


def name_key(name: str) -> str:
    """``"Médiathèque  d'Œuvre-de-Privas"`` → ``"mediatheque oeuvre privas"``."""
    words = re.sub(r"[\W_]+", " ", fold(name)).split()
    return " ".join(w for w in words if w not in _SMALL_WORDS)


def commune_key(data: Mapping[str, object]) -> str:
    """The commune compared by rule 2: its folded name and the département part of its postcode."""
    commune = name_key(str(data.get("commune") or ""))
    postcode = str(data.get("code_postal") or "")
    return f"{commune}|{postcode[:2]}" if commune else ""


def pivot_key(data: Mapping[str, object]) -> str:
    value = re.sub(r"[\s.\-]", "", str(data.get("pivot") or ""))
    return "" if value in _PLACEHOLDER_PIVOTS or set(value) == {"0"} else value


def point(data: Mapping[str, object]) -> tuple[float, float] | None:
    try:
        lat, lon = float(str(data["latitude"])), float(str(data["longitude"]))
    except (KeyError, ValueError):
        return None
    return (lat, lon) if math.isfinite(lat) and math.isfinite(lon) else None


def cell(where: tuple[float, float]) -> tuple[int, int]:
    return math.floor(where[0] / CELL_DEGREES), math.floor(where[1] / CELL_DEGREES)


def neighbour_cells(where: tuple[float, float]) -> list[tuple[int, int]]:
    row, col = cell(where)
    return [(row + dr, col + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(min(1.0, math.sqrt(h)))


def name_score(a: str, b: str) -> float:
    """0–100 similarity of two folded names (:func:`name_key`), word order and extra words tolerated."""
    return float(fuzz.token_set_ratio(a, b)) if a and b else 0.0


def compare(a: Mapping[str, object], b: Mapping[str, object]) -> tuple[str, str] | None:
    """(:data:`SAME` or :data:`PROBABLE`, why in French) when ``a`` and ``b`` describe one place, else None."""
    pivot = pivot_key(a)
    if pivot and pivot == pivot_key(b):
        return SAME, f"même SIRET/RNA {pivot}"
    name_a, name_b = name_key(str(a.get("nom") or "")), name_key(str(b.get("nom") or ""))
    if name_a and name_a == name_b and commune_key(a) and commune_key(a) == commune_key(b):
        return SAME, f"même nom dans la même commune ({a.get('commune')})"
    pa, pb = point(a), point(b)
    if pa is None or pb is None:
        return None
    metres = distance_m(pa, pb)
    if metres >= NEAR_M:
        return None
    score = name_score(name_a, name_b)
    why = f"à {metres:.0f} m l'un de l'autre, noms semblables à {score:.0f} %"
    if score >= SAME_SCORE:
        return SAME, why
    if score >= PROBABLE_SCORE:
        return PROBABLE, why
    return None


class PlaceIndex:
    """Places by pivot, by name and commune and by grid cell: the candidates of :func:`compare` without
    comparing every pair (30 000 places stay linear)."""

    def __init__(self) -> None:
        self.data: dict[str, Mapping[str, object]] = {}
        self._tables: dict[str, dict[Hashable, list[str]]] = {"pivot": {}, "nom": {}, "case": {}}

    def add(self, key: str, data: Mapping[str, object]) -> None:
        self.discard(key)
        self.data[key] = data
        for table, value in _index_keys(data):
            self._tables[table].setdefault(value, []).append(key)

    def discard(self, key: str) -> None:
        old = self.data.pop(key, None)
        if old is not None:
            for table, value in _index_keys(old):
                self._tables[table][value].remove(key)

    def candidates(self, data: Mapping[str, object]) -> list[str]:
        found: set[str] = set()
        for table, value in _index_keys(data, around=True):
            found.update(self._tables[table].get(value, ()))
        return sorted(found)

    def best(self, data: Mapping[str, object], *, skip: str = "") -> tuple[str, str, str] | None:
        """(key, :data:`SAME` or :data:`PROBABLE`, why) of the closest indexed place, a sure match first."""
        probable: tuple[str, str, str] | None = None
        for key in self.candidates(data):
            if key == skip:
                continue
            verdict = compare(data, self.data[key])
            if verdict is None:
                continue
            if verdict[0] == SAME:
                return key, *verdict
            probable = probable or (key, *verdict)
        return probable


def _index_keys(data: Mapping[str, object], *, around: bool = False) -> list[tuple[str, Hashable]]:
    keys: list[tuple[str, Hashable]] = []
    if pivot := pivot_key(data):
        keys.append(("pivot", pivot))
    if (name := name_key(str(data.get("nom") or ""))) and (commune := commune_key(data)):
        keys.append(("nom", f"{name}|{commune}"))
    if (where := point(data)) is not None:
        keys += [("case", near) for near in neighbour_cells(where)] if around else [("case", cell(where))]
    return keys
