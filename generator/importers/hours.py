"""Opening hours: validate OSM ``opening_hours`` and convert French free text into it.

Two entry points, both pure: :func:`day_ranges` reads the cell of ONE day (« 9h à 12h - 14h à 18h »,
``09:00 - 12:00 / 13:30 - 17:00``, « de 9 h à 12 h et de 14 h à 17 h », « fermé », ``00:00 - 00:00``
= closed that day); :func:`from_text` reads a whole week (« Lundi au vendredi 9h-17h », « lun, mar,
jeu : 14h-18h », « du lundi au vendredi de 9h à 12h, le samedi de 9h à midi »). Anything the reader does
not understand — « sur rendez-vous », « le matin », a month, a date — makes the text *not convertible*
(``None``): the caller keeps it as written, never a guess. The French words are tokenised by
:mod:`generator.importers.hours_tokens`; every result is checked with the OSM parser (:func:`valid`).
"""

from __future__ import annotations

import opening_hours

from generator.importers.hours_tokens import Token, tokens

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
Minutes = tuple[int, int]  # a range, in minutes since midnight (end may be 24:00 = 1440)
AFTERNOON_WRITTEN_AS = 8 * 60  # « 1h30-5h » after a morning is 13:30-17:00; « 12h-9h » is refused, not 21:00


def valid(value: str) -> bool:
    try:
        return bool(opening_hours.validate(value))
    except Exception:  # the parser rejects some inputs by raising
        return False


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _fix_ranges(ranges: list[Minutes]) -> list[Minutes] | None:
    """Ranges of one day in order, afternoon hours written « 2h-5h » read as 14:00-17:00; None if they overlap."""
    fixed: list[Minutes] = []
    for start, end in ranges:
        if start == end == 0:
            continue  # « 00:00 - 00:00 »: closed
        if end == 0:
            end = 1440  # « 18h-00h »: until midnight
        previous = fixed[-1][1] if fixed else 0
        if start < previous and start + 720 >= previous and start < AFTERNOON_WRITTEN_AS:
            start, end = start + 720, end + 720 if end < start + 720 else end  # « 8h30-12h / 1h30-5h »
        if end <= start and end < AFTERNOON_WRITTEN_AS and end + 720 > start:
            end += 720  # « 10h-2h » crosses noon
        if not (0 <= start < end <= 1440) or start < previous:
            return None
        fixed.append((start, end))
    return fixed


def _ranges_text(ranges: list[Minutes]) -> str:
    return ",".join(f"{_clock(s)}-{_clock(e)}" for s, e in ranges)


def _read_ranges(items: list[Token], index: int) -> tuple[list[Minutes], int] | None:
    """Time ranges from ``items[index]`` on (``9h à 12h - 14h à 18h``); stops at the first day word."""
    ranges: list[Minutes] = []
    while index < len(items) and items[index].kind in ("time", "sep", "to"):
        token = items[index]
        if token.kind != "time":
            index += 1
            continue
        if index + 2 >= len(items) or items[index + 1].kind != "to" or items[index + 2].kind != "time":
            return None  # a lone hour: « à partir de 9h », « 9h 12h »
        ranges.append((token.value, items[index + 2].value))
        index += 3
    return ranges, index


def _read_days(items: list[Token], index: int) -> tuple[list[int], int]:
    """Day words from ``items[index]`` on: « lundi », « du lundi au vendredi », « lun, mar, jeu »."""
    days: list[int] = []
    while index < len(items) and items[index].kind in ("day", "days", "sep", "to"):
        token = items[index]
        if token.kind == "days":
            days.extend(d for d in token.days if d not in days)
        elif token.kind == "day":
            if index + 2 < len(items) and items[index + 1].kind == "to" and items[index + 2].kind == "day":
                first, last = token.value, items[index + 2].value
                span = range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)]
                days.extend(d for d in span if d not in days)
                index += 3
                continue
            if token.value not in days:
                days.append(token.value)
        elif token.kind == "to" and not days:
            break
        index += 1
    return days, index


def _groups(items: list[Token]) -> list[tuple[list[int], list[Minutes], bool]] | None:
    """(days, ranges, closed) in the order written; None when a part cannot be read."""
    groups: list[tuple[list[int], list[Minutes], bool]] = []
    index = 0
    while index < len(items):
        token = items[index]
        if token.kind in ("day", "days"):
            days, index = _read_days(items, index)
            groups.append((days, [], False))
        elif token.kind == "time":
            read = _read_ranges(items, index)
            if read is None:
                return None
            ranges, index = read
            if groups and not groups[-1][1] and not groups[-1][2]:
                groups[-1][1].extend(ranges)
            else:
                groups.append(([], ranges, False))
        elif token.kind == "closed":
            if groups and not groups[-1][1]:
                groups[-1] = (groups[-1][0], [], True)
            else:
                groups.append(([], [], True))
            index += 1
        else:  # separators between groups
            index += 1
    merged: list[tuple[list[int], list[Minutes], bool]] = []
    for days, ranges, closed in groups:  # « 9h-12h du lundi au vendredi »: hours written before the days
        if merged and not merged[-1][0] and (merged[-1][1] or merged[-1][2]) and days and not ranges and not closed:
            merged[-1] = (days, merged[-1][1], merged[-1][2])
        else:
            merged.append((days, ranges, closed))
    return merged


def day_ranges(text: str) -> str | None:
    """« 9h à 12h - 14h à 18h » → ``09:00-12:00,14:00-18:00``; '' when closed; None when not convertible."""
    items = tokens(text)
    if items is None or (not items and text.strip()):
        return None  # unknown words, or only words without hours: « matin », « journée », « ouvert »
    groups = _groups(items)
    if groups is None or any(days for days, _r, _c in groups):
        return None
    if not groups or all(closed and not ranges for _d, ranges, closed in groups):
        return ""
    if any(closed for _d, _r, closed in groups):
        return None  # « fermé 9h-12h »: contradictory
    fixed = _fix_ranges([r for _d, ranges, _c in groups for r in ranges])
    return None if fixed is None else _ranges_text(fixed)


def _day_list(days: list[int]) -> str:
    """[0, 1, 2, 4] → ``Mo-We,Fr``; two consecutive days stay ``Mo,Tu``."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] + 1 == day:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(f"{DAYS[r[0]]}-{DAYS[r[-1]]}" if len(r) > 2 else ",".join(DAYS[d] for d in r) for r in runs)


def week_spec(per_day: dict[int, str], *, apart: bool = False) -> str | None:
    """Day index → ranges (``09:00-12:00``) → one OSM string.

    Consecutive days with the same hours are written together (``Mo-Fr``); with ``apart``, any days with
    the same hours are (``Mo,Tu,Th``), as a text that names them so (« lun, mar, jeu : 14h-18h »).
    """
    rules: list[tuple[list[int], str]] = []
    for day in sorted(per_day):
        ranges = per_day[day]
        if not ranges:
            continue
        same = [r for r in rules if r[1] == ranges and (apart or r[0][-1] + 1 == day)]
        if same:
            same[-1][0].append(day)
        else:
            rules.append(([day], ranges))
    if not rules:
        return None
    spec = "; ".join(f"{_day_list(days)} {ranges}" for days, ranges in rules)
    return spec if valid(spec) else None


def from_text(text: str) -> str | None:
    """A week in French words → OSM ``opening_hours``; None when any part of it is not convertible."""
    items = tokens(text)
    groups = None if items is None else _groups(items)
    if not groups:
        return None
    per_day: dict[int, list[Minutes]] = {}
    closed_days: set[int] = set()
    for days, ranges, closed in groups:
        if not days or (not ranges and not closed):
            return None  # hours without days, or days without hours
        for day in days:
            per_day.setdefault(day, [])
            if closed:
                closed_days.add(day)
            else:
                per_day[day].extend(ranges)
    if any(per_day[day] for day in closed_days):
        return None  # « 9h-17h, fermé le mercredi après-midi »: part of a day closed, not ours to guess
    texts: dict[int, str] = {}
    for day, ranges in per_day.items():
        fixed = _fix_ranges(sorted(ranges))
        if fixed is None:
            return None
        texts[day] = _ranges_text(fixed)
    return week_spec(texts, apart=True)


def from_days(days: dict[str, str]) -> tuple[str | None, list[str]]:
    """Per-day texts keyed by OSM day (``Mo``…) → an OSM string; unreadable days are listed.

    An empty cell, « fermé » or ``00:00 - 00:00`` closes THAT day only.
    """
    per_day: dict[int, str] = {}
    unreadable: list[str] = []
    for index, day in enumerate(DAYS):
        text = (days.get(day) or "").strip()
        if not text:
            continue
        ranges = day_ranges(text)
        if ranges is None:
            unreadable.append(day)
        else:
            per_day[index] = ranges
    return week_spec(per_day), unreadable


def days_text(days: dict[str, str]) -> str:
    """Per-day cells as one French text kept when they cannot all be converted: « lundi : 9h-12h ; mardi : … »."""
    names = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
    return " ; ".join(f"{names[i]} : {' '.join(days[d].split())}" for i, d in enumerate(DAYS)
                      if (days.get(d) or "").strip())
