"""RSS 2.0 feed of the minutes of meetings that took place (``statut: tenue``), newest first.

Feed readers render ``<description>`` as HTML: the plain-text summary is HTML-escaped before
feedgen writes it (and XML-escapes it once more), so a code span such as `` `<img …>` `` in a
minute is shown as text by the reader, never interpreted as markup.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

from generator.load.corpus import Corpus
from generator.rules.build_date import build_datetime
from generator.site.exports.common import page_url
from generator.site.exports.text import first_paragraph
from generator.config import Settings

MAX_ITEMS = 200


def to_rss(corpus: Corpus, settings: Settings) -> bytes:
    fg = FeedGenerator()
    fg.title(f"Comptes-rendus — {settings.nom_reseau}")
    fg.link(href=page_url(settings, "comptes-rendus/"), rel="alternate")
    fg.description(f"Les comptes-rendus des réunions — {settings.nom_reseau}.")
    fg.language("fr")
    fg.generator("générateur du réseau")
    fg.docs("https://www.rssboard.org/rss-specification")
    fg.lastBuildDate(build_datetime(corpus))
    held = [r for r in corpus.meetings_by_date() if r.model.statut == "tenue"]
    held.sort(key=lambda r: (r.model.date, r.slug), reverse=True)
    for record in held[:MAX_ITEMS]:
        m = record.model
        url = page_url(settings, f"comptes-rendus/{record.slug}/")
        entry = fg.add_entry(order="append")
        entry.title(m.titre)
        entry.link(href=url)
        entry.guid(url, permalink=True)
        entry.pubDate(datetime(m.date.year, m.date.month, m.date.day, tzinfo=UTC))
        entry.description(html.escape(first_paragraph(record.body, record.path) or m.titre, quote=False))
    rss: bytes = fg.rss_str(pretty=True)  # feedgen has no types
    return rss
