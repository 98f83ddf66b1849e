"""French opening-hours words → tokens (hours, days, « à », separators, « fermé »), or None for unknown words.

The text is folded (:func:`generator.rules.folding.fold`: case, accents, typographic apostrophes) and
read left to right; every character must belong to a known word, else the whole text is refused, so
that « sur rendez-vous », « le 1er mardi du mois » or « selon l'agenda » are kept as written, never
half-read. « midi » is 12:00 like « 12h », « minuit » 00:00 (read as the end of the day by the parser).
Fillers (« de », « le », « : », « matin », « après-midi »…) carry no meaning and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.rules.folding import fold


@dataclass(frozen=True)
class Token:
    kind: str  # time | to | sep | day | days | closed
    value: int = 0  # minutes since midnight (time) or day index 0 = lundi (day)
    days: tuple[int, ...] = ()  # days of a group word: « tous les jours », « en semaine »


WHOLLY_CLOSED = re.compile(r"^\s*(?:ferm[ée]e?s?|closed|-|/|non|aucun|aucune|x|néant|neant)?\s*\.?\s*$", re.IGNORECASE)
_DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_DAY = re.compile(r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b|(lun|mar|mer|jeu|ven|sam|dim)\b\.?")
_TIME = re.compile(r"(\d{1,2})\s*(?:h|:|\.)\s*(\d{2})(?:\s*(?:mn|min))?\b|(\d{1,2})\s*h(?:eures?)?\b|(\d{1,2})(?!\d)"
                   r"|(midi|minuit)\b")
_GROUPS: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...] = (
    (re.compile(r"tous les jours\b|7\s*j(?:ours)?\s*(?:/|sur)\s*7\b"), tuple(range(7))),
    (re.compile(r"en semaine\b|jours ouvres\b|(?:les )?jours de (?:la )?semaine\b"), tuple(range(5))),
    (re.compile(r"(?:le )?week-?end\b"), (5, 6)),
)
_SIMPLE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("closed", re.compile(r"ferm(?:e|ee|es|ees|eture)\b|closed\b")),
    ("to", re.compile(r"jusqu'?\s*(?:a|au)\b|-|>|a\b|au\b")),
    ("sep", re.compile(r"[,;/+&|\n]|et\b|puis\b|ainsi que\b")),
    ("filler", re.compile(r"de\b|d'|du\b|des\b|le\b|les\b|l'|la\b|:|\.|\(|\)|ouvert(?:ure)?s?\b|horaires?\b"
                          r"|matin(?:s|ee)?\b|apres[- ]?midis?\b|aprem\b|soir\b|journee(?: continue)?\b"
                          r"|non[- ]stop\b|sans interruption\b|uniquement\b|seulement\b|h\b")),
)


def _normalised(text: str) -> str:
    return fold(re.sub(r"[\u2010-\u2015\u2212]", "-", text.replace("\u00a0", " ").replace("\u202f", " ")))


def _time(match: re.Match[str]) -> Token | None:
    hour, minute, hour_only, bare, word = match.groups()
    if word:
        return Token("time", 720 if word == "midi" else 0)
    hours = int(hour or hour_only or bare)
    minutes = int(minute or 0)
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        return None
    return Token("time", hours * 60 + minutes)


def tokens(text: str) -> list[Token] | None:
    """« Lundi au vendredi : 9h-12h » → day, to, day, time, to, time; None when a word is unknown."""
    if WHOLLY_CLOSED.match(text):
        return [Token("closed")]
    folded = _normalised(text)
    found: list[Token] = []
    index = 0
    while index < len(folded):
        if folded[index].isspace():
            index += 1
            continue
        token, end = _next(folded, index)
        if end == index:
            return None
        if token is not None:
            found.append(token)
        index = end
    return found


def _next(text: str, index: int) -> tuple[Token | None, int]:
    """The token starting at ``index`` and where it ends; ``end == index`` when nothing matches."""
    for pattern, days in _GROUPS:
        if match := pattern.match(text, index):
            return Token("days", days=days), match.end()
    if match := _DAY.match(text, index):
        name = match.group(1) or match.group(2)
        day = next(i for i, full in enumerate(_DAY_NAMES) if full.startswith(name))
        return Token("day", day), match.end()
    if match := _TIME.match(text, index):
        token = _time(match)
        return (token, match.end()) if token else (None, index)
    for kind, pattern in _SIMPLE:
        if match := pattern.match(text, index):
            return (None if kind == "filler" else Token(kind)), match.end()
    return None, index
