"""The transforms a mapping names (``code_postal``, ``telephone``, ``horaires``, ``html``, ``liste``, ``date``).

Thin wrappers over :mod:`generator.importers.normalise` and :mod:`generator.importers.hours`
(same ``(value, notes, column)`` convention) plus what only the spreadsheet engine needs:
French free-text hours with days, per-day cells where ``00:00 - 00:00`` means closed, HTML.
"""

from __future__ import annotations

import re

import nh3
from markdownify import markdownify

from generator.importers import hours
from generator.importers import normalise as n
from generator.importers.readers import embedded_list
from generator.rules.folding import fold

DAY_NAMES = {"lundi": "Mo", "mardi": "Tu", "mercredi": "We", "jeudi": "Th", "vendredi": "Fr", "samedi": "Sa",
             "dimanche": "Su", "lun": "Mo", "mar": "Tu", "mer": "We", "jeu": "Th", "ven": "Fr", "sam": "Sa",
             "dim": "Su"}
_DAY = r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam|dim)\.?"
DAY_SPAN = re.compile(rf"^\s*(?:du\s+)?{_DAY}\s*(?:-|–|au|à|a)\s*{_DAY}\s*:?\s*")
DAY_LIST = re.compile(rf"^\s*((?:{_DAY}\s*(?:,|et|/)?\s*)+)\s*:?\s*")
ZERO_RANGE = re.compile(r"^\s*0?0[:h.]00\s*[-–]\s*0?0[:h.]00\s*$")
MARKDOWN_TAGS = {"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li", "code", "blockquote", "h1", "h2", "h3", "h4"}


def _days(text: str) -> tuple[list[str], str] | None:
    """« du lundi au vendredi : 9h-12h » → (['Mo', …, 'Fr'], '9h-12h')."""
    folded = fold(text)
    span = DAY_SPAN.match(folded)
    order = list(hours.DAYS)
    if span:
        first, last = order.index(DAY_NAMES[span.group(1)]), order.index(DAY_NAMES[span.group(2)])
        if first > last:
            return None
        return order[first:last + 1], folded[span.end():]
    listed = DAY_LIST.match(folded)
    if listed:
        names = re.findall(_DAY, listed.group(1))
        return [DAY_NAMES[d] for d in names], folded[listed.end():]
    return None


def free_hours(text: str) -> str | None:
    """French free text with days (« lundi-vendredi 9h-12h / 14h-17h ; samedi 9h-12h ») → OSM, else None."""
    if hours.valid(text):
        return text
    days: dict[str, str] = {}
    for part in re.split(r"[;\n]|\.\s", text):
        if not part.strip():
            continue
        found = _days(part)
        if found is None:
            return None
        names, rest = found
        ranges = hours.day_ranges(rest)
        if ranges is None or not names:
            return None
        for day in names:
            days[day] = rest
    spec, unreadable = hours.from_days(days)
    return None if unreadable else spec


def horaires(value: str, notes: n.Notes, column: str) -> tuple[str | None, str]:
    """(OSM string or None, original text to keep when it could not be converted)."""
    text = n.clean_text(value)
    if not text:
        return None, ""
    spec = free_hours(text)
    if spec:
        return spec, ""
    notes.append((column, f"horaires « {text} » non convertis au format OpenStreetMap : texte d'origine gardé "
                          "dans la présentation détaillée, à saisir dans « horaires »"))
    return None, text


def day_cell(text: str) -> str:
    """One France Services or Bazar day cell; ``00:00 - 00:00`` (any form) means closed that day."""
    parts = [p for p in re.split(r"\s*/\s*", text.strip()) if p]
    if parts and all(ZERO_RANGE.match(p) for p in parts):
        return ""
    return " / ".join(p for p in parts if not ZERO_RANGE.match(p))


def per_day(cells: dict[str, str], notes: n.Notes, columns: dict[str, str]) -> tuple[str | None, str]:
    """Per-day cells → (OSM string, original text when some day could not be read)."""
    days = {day: day_cell(text) for day, text in cells.items()}
    spec, unreadable = hours.from_days(days)
    if not unreadable:
        return spec, ""
    for day in unreadable:
        notes.append((columns[day], f"horaires « {cells[day]} » illisibles : texte d'origine gardé dans la "
                                    "présentation détaillée, à saisir au format OpenStreetMap"))
    original = " ; ".join(f"{columns[d]} : {cells[d].strip()}" for d in hours.DAYS if cells.get(d, "").strip())
    return None, original


def html(value: str) -> str:
    """HTML typed into a text field → Markdown, without scripts, styles or attributes we do not keep."""
    if "<" not in value and "&" not in value:
        return value
    cleaned = nh3.clean(value, tags=MARKDOWN_TAGS, attributes={"a": {"href"}}, clean_content_tags={"script", "style"},
                        url_schemes={"http", "https", "mailto"}, link_rel=None)
    text = markdownify(cleaned, heading_style="ATX", bullets="-", strip=["img"])
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def split_list(value: str, separator: str) -> list[str]:
    """A multi-valued cell: ``csv`` = embedded CSV line (Bazar export, even mis-quoted), else a separator."""
    if separator == "csv":
        return embedded_list(value)
    return [item.strip() for item in value.split(separator or ",") if item.strip()]


def code_postal(value: str, notes: n.Notes, column: str) -> str:
    return n.digits_code(value, "code_postal", notes, column) or ""


def telephone(value: str, notes: n.Notes, column: str) -> str:
    return n.telephone(value, notes, column) or "" if value.strip() else ""


def date(value: str, notes: n.Notes, column: str) -> str:
    return n.date_maj(value, notes, column)
