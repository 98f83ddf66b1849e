"""Tiny accessible SVG bar charts, generated in Python (no JavaScript, no CDN).

Each chart is ``role="img"`` with a ``<title>`` and a ``<desc>`` listing every value, so a
screen reader gets the figures even without the table that accompanies it on the page.
Every label is escaped here: the result is our own HTML and may be inserted unescaped.
Colours come from CSS classes (``suivi-chart__…``) so that dark mode follows the theme.
"""

from __future__ import annotations
from generator.rules.wording import format_number

import re
from collections.abc import Sequence
from html import escape

WIDTH = 420
ROW = 40
LABEL_SIZE = 14
BAR_HEIGHT = 14
MAX_LABEL = 56
_ID_RE = re.compile(r"[^a-z0-9-]+")


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def bar_chart(ident: str, title: str, items: Sequence[tuple[str, float]], *, decimals: int = 0,
              unit: str = "") -> str:
    """Horizontal bars, one row per ``(label, value)``: label above, bar and value below.

    ``ident`` makes the ids unique in the page (lowercase letters, digits, dashes).
    An empty ``items`` gives an empty string (the page says there is nothing to show).
    """
    if not items:
        return ""
    ident = _ID_RE.sub("-", ident.lower()).strip("-") or "graphique"
    peak = max((value for _, value in items), default=0) or 1
    height = ROW * len(items) + 8
    suffix = f"\u202f{unit}" if unit else ""
    desc = " ; ".join(f"{label} : {format_number(value, decimals)}{suffix}" for label, value in items)
    rows: list[str] = []
    value_room = 70
    for index, (label, value) in enumerate(items):
        top = index * ROW + 4
        length = 0.0 if value <= 0 else max(2.0, (WIDTH - value_room) * value / peak)
        text = f"{format_number(value, decimals)}{suffix}"
        rows.append(
            f'<g class="suivi-chart__row">'
            f'<text class="suivi-chart__label" x="0" y="{top + LABEL_SIZE}" font-size="{LABEL_SIZE}">'
            f"{escape(_short(label))}</text>"
            f'<rect class="suivi-chart__bar" x="0" y="{top + LABEL_SIZE + 5}" width="{length:.1f}" '
            f'height="{BAR_HEIGHT}" rx="2"></rect>'
            f'<text class="suivi-chart__value" x="{length + 6:.1f}" y="{top + LABEL_SIZE + 5 + BAR_HEIGHT - 2}" '
            f'font-size="{LABEL_SIZE - 1}">{escape(text)}</text>'
            f"</g>"
        )
    return (
        f'<svg class="suivi-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{ident}-titre {ident}-desc">'
        f'<title id="{ident}-titre">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>'
        + "".join(rows)
        + "</svg>"
    )
