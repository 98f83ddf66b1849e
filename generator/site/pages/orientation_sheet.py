"""``/annuaire/<slug>/imprimer/``: the fiche d'orientation of one structure, one A4 page.

What a mediator or a social worker hands to someone they send to a place: its name, address,
hours in words, phone, how to come, services, a QR code to the online fiche (inline SVG made
at build time with ``segno``: no JavaScript, no request) and a box for handwritten notes.
The page works without JavaScript; its print style (``assets/fiche.css``) hides the
site's header, menus and footer and keeps everything on one sheet.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any
from urllib.parse import quote

import segno

from generator.config import Settings
from generator.geo.communes import CommuneTable
from generator.load.corpus import Corpus, Record
from generator.models import Structure
from generator.rules.build_date import build_date
from generator.rules.phones import display_phone
from generator.site.freshness import is_stale, is_unknown
from generator.site.hours_words import hours_in_words
from generator.site.pages.display import address_lines, typologie_labels, up
from generator.site.pages.structures import communes_served, how_to_come
from generator.site.producers import Output
from generator.site.render import page_md, render

DEPTH = 3  # annuaire/<slug>/imprimer/
NOTE_LINES = 6
MAX_COMMUNES = 12  # an itinerant service's communes on the sheet: the rest is on the online fiche


def sheet_path(slug: str) -> str:
    """Site path of a structure's fiche d'orientation (``<structure page>imprimer/``)."""
    return f"annuaire/{slug}/imprimer/"


def absolute(settings: Settings, path: str) -> str:
    """``path`` under the configured ``site_url``; ``""`` without one (no QR code then)."""
    base = settings.site_url.strip()
    return f"{base.rstrip('/')}/{path}" if base else ""


def qr_svg(url: str, label: str) -> str:
    """The QR code of ``url`` as inline SVG (deterministic for a given URL).

    Level M (15 % of the code can be damaged), the smallest version for it and a fixed mask:
    choosing the mask by penalty and raising the level when room is left cost segno ≈ 40 ms a code
    (20 minutes for 30,000 places), against ≈ 8 ms here (``benchmarks/bench_fiche.py``); every
    mask is valid and read by phone cameras.
    """
    code = segno.make_qr(url, error="m", boost_error=False, mask=0)
    svg: str = code.svg_inline(scale=4, border=2, title=label, svgclass="fiche-qr-code", lineclass=None, omitsize=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label, quote=True)}" ', 1)


def sheet_context(record: Record[Structure], settings: Settings, today: date,
                  communes: CommuneTable | None = None) -> dict[str, Any]:
    s = record.model
    served = communes_served(s, communes)
    online = absolute(settings, f"annuaire/{record.slug}/")
    share = absolute(settings, sheet_path(record.slug))
    subject = f"Fiche d'orientation : {s.nom}"
    return {
        "s": s,
        "slug": record.slug,
        "types": typologie_labels(s),
        "address": address_lines(s),
        "hours_words": hours_in_words(s.horaires),
        "phone": display_phone(s.telephone),
        "how_to_come": how_to_come(s),
        "communes_served": served[:MAX_COMMUNES],
        "communes_more": max(0, len(served) - MAX_COMMUNES),
        "online": online,
        "share": share,
        "mailto": f"mailto:?subject={quote(subject)}&body={quote(share or online)}" if share else "",
        "qr": qr_svg(online, f"Code QR : fiche en ligne de {s.nom}") if online else "",
        "stale": is_stale(s.date_maj, today),
        "date_unknown": is_unknown(s.date_maj),
        "network": settings.nom_reseau,
        "note_lines": NOTE_LINES,
        "root": up(DEPTH),
    }


def sheet_page(record: Record[Structure], settings: Settings, today: date, communes: CommuneTable | None = None) -> str:
    html = render("site/fiche-orientation.html", **sheet_context(record, settings, today, communes))
    s = record.model
    return page_md(f"{s.nom} — fiche d'orientation", html, hide=("navigation", "toc"),
                   description=f"Fiche d'orientation à imprimer : {s.nom}, {s.commune}.",
                   extra={"search": {"exclude": True}})  # a copy of the structure page: not searched


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    today = build_date(corpus=corpus)
    return {f"annuaire/{slug}/imprimer.md": Output(sheet_page(record, settings, today, communes), record.path)
            for slug, record in sorted(corpus.structures.items())}
