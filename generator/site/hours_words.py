"""OSM ``opening_hours`` strings in plain French words.

``"Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off"`` becomes
« du lundi au vendredi : 9 h – 12 h et 14 h – 17 h ; samedi : 9 h – 12 h ; fermé les jours fériés ».

Only the common subset is put into words: weekday ranges and lists, ``PH``, time spans,
``off``/``closed`` and ``24/7``. Anything else (months, week numbers, school holidays,
comments, ``||`` fallbacks, open ends…) returns ``None``: the page then shows the raw string
with a note, never a wrong sentence.
"""

from __future__ import annotations

import re

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_NAMES = {"Mo": "lundi", "Tu": "mardi", "We": "mercredi", "Th": "jeudi", "Fr": "vendredi",
             "Sa": "samedi", "Su": "dimanche"}
_TIME = r"(?:[01]?\d|2[0-4]):[0-5]\d"
_SPAN_RE = re.compile(rf"^({_TIME})-({_TIME})$")
_DAY_ITEM_RE = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$")
_CLOSED = ("off", "closed")


def _time_fr(value: str) -> str:
    """``09:00`` → « 9 h », ``13:30`` → « 13 h 30 »."""
    hours, minutes = value.split(":")
    text = f"{int(hours)}\u00a0h"
    return text if minutes == "00" else f"{text}\u00a0{minutes}"


def _join_fr(items: list[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def _times_fr(spec: str) -> str | None:
    spans: list[str] = []
    for part in spec.split(","):
        match = _SPAN_RE.match(part.strip())
        if not match:
            return None
        start, end = match.groups()
        spans.append(f"{_time_fr(start)} – {_time_fr(end)}")
    return _join_fr(spans) if spans else None


def _days_fr(selector: str) -> str | None:
    """``Mo-Fr`` → « du lundi au vendredi », ``Mo,We`` → « lundi et mercredi »; ``None`` if unknown."""
    if selector in ("Mo-Su",):
        return "tous les jours"
    parts: list[str] = []
    for item in selector.split(","):
        if item == "PH":
            parts.append("les jours fériés")
            continue
        match = _DAY_ITEM_RE.match(item)
        if not match:
            return None
        first, last = match.groups()
        if last is None or last == first:
            parts.append(DAY_NAMES[first])
        elif DAYS.index(last) - DAYS.index(first) == 1:
            parts.append(f"{DAY_NAMES[first]} et {DAY_NAMES[last]}")
        else:
            parts.append(f"du {DAY_NAMES[first]} au {DAY_NAMES[last]}")
    return _join_fr(parts)


def _rule_fr(rule: str) -> str | None:
    tokens = re.sub(r"\s*,\s*", ",", rule).split()
    if not tokens:
        return None
    if tokens == ["24/7"]:
        return "ouvert 24 h sur 24, 7 jours sur 7"
    selector: str | None = None
    if _DAY_ITEM_RE.match(tokens[0].split(",")[0]) or tokens[0].split(",")[0] == "PH":
        selector = tokens.pop(0)
    if len(tokens) > 1:
        return None
    rest = tokens[0] if tokens else "open"
    days = _days_fr(selector) if selector else "tous les jours"
    if days is None:
        return None
    if rest in _CLOSED:
        return "fermé les jours fériés" if selector == "PH" else f"{days} : fermé"
    if rest == "open":
        return f"{days} : ouvert toute la journée" if selector else None
    times = _times_fr(rest)
    if times is None:
        return None
    if selector == "PH":
        return f"jours fériés : {times}"
    return f"{days} : {times}"


def hours_in_words(value: str | None) -> str | None:
    """French sentence for an ``opening_hours`` string, or ``None`` when it is too complex."""
    if not value or not value.strip():
        return None
    if any(mark in value for mark in ('"', "||", "[", "+", "week", "SH")):
        return None
    rules = [rule.strip() for rule in value.split(";") if rule.strip()]
    said: list[str] = []
    for rule in rules:
        text = _rule_fr(rule)
        if text is None:
            return None
        said.append(text)
    return " ; ".join(said) if said else None
