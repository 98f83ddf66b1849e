"""Merge what a source gives into an existing file, field by field (pure functions).

``base`` is what the same source gave last time (:mod:`generator.importers.state`), ``theirs`` what it
gives now, ``ours`` the file as it is:

- the source did not change a field (``base == theirs``) → the file keeps its value, edited or not;
- the source changed it and the file still holds the old value (or nothing) → the new value, or the
  field removed when the source removed it;
- the source changed it and the file was edited by hand to something else → a conflict.

Without ``base`` (a place first matched from another source) every empty field is filled and every
different value is a conflict that keeps the file's value. ``date_maj`` never conflicts: it moves to
the later of the two dates when something else changes, or with the source when the file kept the
source's date; ``id`` and ``source`` of an existing file never change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

Value = str | list[str]
KEPT = ("id", "source")
DATE = "date_maj"


@dataclass
class Outcome:
    data: dict[str, object]
    changed: list[str] = field(default_factory=list)  # fields whose value the merge changed
    removed: list[str] = field(default_factory=list)  # fields removed because the source removed them
    conflicts: list[str] = field(default_factory=list)  # edited by hand and changed by the source


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def three_way(ours: Mapping[str, object], base: Mapping[str, Value] | None, theirs: Mapping[str, Value], *,
              force: bool = False) -> Outcome:
    out = Outcome(dict(ours))
    keys = sorted((set(base or {}) | set(theirs)) - set(KEPT) - {DATE})
    for key in keys:
        old, new, mine = (base or {}).get(key), theirs.get(key), ours.get(key)
        if base is not None and old == new:
            continue
        if mine == new or (_empty(mine) and new is None):
            continue
        if _empty(mine) or (base is not None and mine == old) or force:
            if not _empty(mine) and (base is None or mine != old):
                out.conflicts.append(key)  # forced: listed, and the source wins
            if new is None:
                out.data.pop(key, None)
                out.removed.append(key)
            else:
                out.data[key] = new
            out.changed.append(key)
        else:
            out.conflicts.append(key)
    _date(out, ours, base, theirs)
    return out


def _date(out: Outcome, ours: Mapping[str, object], base: Mapping[str, Value] | None,
          theirs: Mapping[str, Value]) -> None:
    mine, new = str(ours.get(DATE) or ""), str(theirs.get(DATE) or "")
    if not new or mine == new:
        return
    old = str((base or {}).get(DATE) or "")
    if base is not None and old != new and mine in (old, ""):
        date = new  # the file kept the source's date: it follows the source, even backwards
    elif out.changed or not mine:
        date = max(mine, new)  # ISO dates sort as text; the placeholder 1970-01-01 comes first
    else:
        return
    if date != mine:
        out.data[DATE] = date
        out.changed.append(DATE)
