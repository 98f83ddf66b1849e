"""Opening hours: validate OSM ``opening_hours`` and convert per-day free text (« 9h-12h / 14h-17h »)."""

from __future__ import annotations

import re

import opening_hours

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
CLOSED = re.compile(r"^\s*(?:ferm[ée]e?s?|closed|-|/|non|aucun|x)?\s*$", re.IGNORECASE)
_TIME = r"(\d{1,2})\s*(?:[hH:.]\s*(\d{2})?)?"
RANGE = re.compile(_TIME + r"\s*(?:-|–|à|a|au)\s*" + _TIME)


def valid(value: str) -> bool:
    try:
        return bool(opening_hours.validate(value))
    except Exception:  # the parser rejects some inputs by raising
        return False


def day_ranges(text: str) -> str | None:
    """« 9h-12h et 14h-17h30 » → ``09:00-12:00,14:00-17:30``; '' when closed; None when unreadable."""
    if CLOSED.match(text):
        return ""
    ranges: list[str] = []
    rest = text
    for match in RANGE.finditer(text):
        h1, m1, h2, m2 = match.groups()
        start, end = (int(h1), int(m1 or 0)), (int(h2), int(m2 or 0))
        if not (0 <= start[0] <= 24 and 0 <= end[0] <= 24 and start < end):
            return None
        ranges.append(f"{start[0]:02d}:{start[1]:02d}-{end[0]:02d}:{end[1]:02d}")
        rest = rest.replace(match.group(0), " ", 1)
    if not ranges or re.sub(r"(?i)\b(?:et|de|le|matin|après-midi|apres-midi|sur rdv|sur rendez-vous)\b|[\s,;/+&()]",
                            "", rest):
        return None
    return ",".join(ranges)


def from_days(days: dict[str, str]) -> tuple[str | None, list[str]]:
    """Per-day texts keyed by OSM day (``Mo``…) → an OSM string; unreadable days are listed."""
    parts: list[tuple[str, str]] = []
    unreadable: list[str] = []
    for day in DAYS:
        text = (days.get(day) or "").strip()
        if not text:
            continue
        ranges = day_ranges(text)
        if ranges is None:
            unreadable.append(day)
        elif ranges:
            parts.append((day, ranges))
    if not parts:
        return None, unreadable
    grouped: list[tuple[list[str], str]] = []
    for day, ranges in parts:  # merge consecutive days with the same hours: Mo-Fr
        if grouped and grouped[-1][1] == ranges and DAYS.index(grouped[-1][0][-1]) + 1 == DAYS.index(day):
            grouped[-1][0].append(day)
        else:
            grouped.append(([day], ranges))
    spec = "; ".join((f"{g[0]}-{g[-1]}" if len(g) > 2 else ",".join(g)) + " " + r for g, r in grouped)
    return (spec if valid(spec) else None), unreadable
