"""``/comptes-rendus/`` (meetings by year, newest first) and ``/comptes-rendus/<slug>/``."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from generator.rules import wording
from generator.load.corpus import Corpus, Record
from generator.models import Meeting
from generator.models.meeting import ACTION_STATUS_LABELS, MEETING_FORMAT_LABELS, MEETING_STATUS_LABELS
from generator.site.producers import Output
from generator.site.pages.followup import Link, actor_links, heading, attendance, body_html, place_link, rel, theme_label
from generator.site.render import date_fr, page_md, render
from generator.config import Settings
from generator.geo.communes import CommuneTable

INDEX = "comptes-rendus/index.md"


@dataclass(frozen=True)
class MeetingView:
    """What both pages show of one meeting, links relative to ``depth``."""

    slug: str
    href: str
    titre: str
    date: str
    iso_date: str
    statut: str
    statut_label: str
    format_label: str
    place: Link | None
    hours: str
    count: int | None
    count_label: str
    themes: list[str]


def clock(value: str) -> str:
    """« 09:30 » → « 9 h 30 », « 12:00 » → « 12 h »."""
    hh, mm = value.split(":")
    return f"{int(hh)} h {mm}" if mm != "00" else f"{int(hh)} h"


def hours(meeting: Meeting) -> str:
    if meeting.heure_debut and meeting.heure_fin:
        return f"de {clock(meeting.heure_debut)} à {clock(meeting.heure_fin)}"
    if meeting.heure_debut:
        return f"à partir de {clock(meeting.heure_debut)}"
    return ""


def count_label(statut: str, count: int | None) -> str:
    """« 12 participants » for a held meeting, « 25 participants attendus » for a planned one."""
    if count is None or statut == "annulee":
        return ""
    label = wording.count(count, "participant", "participants")
    return label + (" " + wording.agree(count, "attendu", "attendus") if statut == "prevue" else "")


def view(corpus: Corpus, record: Record[Meeting], depth: int) -> MeetingView:
    m = record.model
    return MeetingView(
        **heading(record, "comptes-rendus", MEETING_STATUS_LABELS, depth),
        date=date_fr(m.date),
        iso_date=m.date.isoformat(),
        format_label=MEETING_FORMAT_LABELS[m.format],
        place=place_link(corpus, m.lieu, depth),
        hours=hours(m),
        count=attendance(corpus, record.slug),
        count_label=count_label(m.statut, attendance(corpus, record.slug)),
        themes=[theme_label(corpus, t) for t in m.themes],
    )


def _neighbour(corpus: Corpus, slug: str | None) -> MeetingView | None:
    return view(corpus, corpus.meetings[slug], 2) if slug else None


def meeting_page(corpus: Corpus, record: Record[Meeting]) -> str:
    m = record.model
    before, after = corpus.series_neighbours(record.slug)
    reseau = corpus.reseaux.get(m.reseau) if m.reseau else None
    actions = [
        Link(corpus.actions[a].model.titre, rel(2, f"actions/{a}/"),
             ACTION_STATUS_LABELS[corpus.actions[a].model.statut])
        for a in corpus.actions_from.get(record.slug, []) if a in corpus.actions
    ]
    html = render(
        "suivi/meeting.html",
        m=view(corpus, record, 2),
        reseau=reseau.nom if reseau else (m.reseau or ""),
        animation=actor_links(corpus, m.animation, 2),
        participants=actor_links(corpus, m.participants, 2),
        nombre_participants=m.nombre_participants,
        actions=actions,
        serie=m.serie,
        before=_neighbour(corpus, before),
        after=_neighbour(corpus, after),
        body=body_html(record.body, record.path, record.body_line),
        index=rel(2, "comptes-rendus/"),
    )
    description = f"Compte-rendu du {date_fr(m.date)} ({MEETING_STATUS_LABELS[m.statut].lower()})"
    return page_md(m.titre, html, description=description)


def index_page(corpus: Corpus) -> str:
    newest_first = sorted(corpus.meetings.values(), key=lambda r: (r.model.date, r.slug), reverse=True)
    years = [
        (year, [view(corpus, r, 1) for r in group])
        for year, group in groupby(newest_first, key=lambda r: r.model.date.year)
    ]
    counts = {key: sum(1 for r in corpus.meetings.values() if r.model.statut == key) for key in MEETING_STATUS_LABELS}
    html = render("suivi/meetings_index.html", years=years, counts=counts, labels=MEETING_STATUS_LABELS,
                  total=len(corpus.meetings))
    return page_md("Comptes-rendus", html, description="Les réunions du réseau, par année : tenues, annulées, prévues")


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    outputs = {INDEX: Output(index_page(corpus))}
    for slug, record in sorted(corpus.meetings.items()):
        outputs[f"comptes-rendus/{slug}.md"] = Output(meeting_page(corpus, record), record.path)
    return outputs
