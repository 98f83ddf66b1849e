"""``/actions/`` (by thématique, and a board by statut) and ``/actions/<slug>/`` (fiche action FNE)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.load.corpus import Corpus, Record
from generator.models import Action
from generator.models.meeting import ACTION_STATUS_LABELS, MEETING_STATUS_LABELS
from generator.site.producers import Output
from generator.site.pages.followup import Link, actor_links, heading, body_html, rel, territory_label, thematique_label
from generator.site.render import date_fr, page_md, render
from generator.config import Settings
from generator.geo.communes import CommuneTable

INDEX = "actions/index.md"


@dataclass(frozen=True)
class Card:
    slug: str
    href: str
    titre: str
    statut: str
    statut_label: str
    porteurs: list[Link]
    echeance: str
    echeance_iso: str


def card(corpus: Corpus, record: Record[Action], depth: int) -> Card:
    a = record.model
    return Card(
        **heading(record, "actions", ACTION_STATUS_LABELS, depth),
        porteurs=actor_links(corpus, a.porteurs, depth),
        echeance=date_fr(a.echeance),
        echeance_iso=a.echeance.isoformat() if a.echeance else "",
    )


def origin_meetings(corpus: Corpus, slug: str) -> list[str]:
    """Meetings the action comes from: its ``issue_de`` plus every meeting listing it, by date."""
    found = set(corpus.actions[slug].model.issue_de)
    found |= {meeting for meeting, actions in corpus.actions_from.items() if slug in actions}
    return sorted((m for m in found if m in corpus.meetings), key=lambda m: (corpus.meetings[m].model.date, m))


def action_page(corpus: Corpus, record: Record[Action], communes: CommuneTable | None) -> str:
    a = record.model
    meetings = [
        Link(corpus.meetings[m].model.titre, rel(2, f"comptes-rendus/{m}/"),
             f"{date_fr(corpus.meetings[m].model.date)}, {MEETING_STATUS_LABELS[corpus.meetings[m].model.statut].lower()}")
        for m in origin_meetings(corpus, record.slug)
    ]
    html = render(
        "suivi/action.html",
        a=card(corpus, record, 2),
        partenaires=actor_links(corpus, a.partenaires, 2),
        meetings=meetings,
        territoire=[territory_label(communes, code) for code in a.territoire],
        public_cible=a.public_cible or "",
        indicateurs=list(a.indicateurs),
        date_maj=date_fr(a.date_maj),
        date_maj_iso=a.date_maj.isoformat(),
        thematiques=[Link(thematique_label(corpus, t), rel(2, f"actions/#thematique-{t}")) for t in a.thematiques],
        body=body_html(record.body, record.path, record.body_line),
        index=rel(2, "actions/"),
    )
    return page_md(a.titre, html, description=f"Fiche action ({ACTION_STATUS_LABELS[a.statut].lower()})")


def index_page(corpus: Corpus) -> str:
    records = sorted(corpus.actions.values(), key=lambda r: (r.model.titre.casefold(), r.slug))
    columns = [
        (statut, label, [card(corpus, r, 1) for r in records if r.model.statut == statut])
        for statut, label in ACTION_STATUS_LABELS.items()
    ]
    sections = [
        (ident, theme.libelle, theme.description or "",
         [card(corpus, r, 1) for r in records if ident in r.model.thematiques])
        for ident, theme in corpus.thematiques.items()
    ]
    html = render("suivi/actions_index.html", columns=columns, sections=sections, total=len(records))
    return page_md("Fiches actions", html, hide=("toc",),
                   description="Les fiches actions France Numérique Ensemble du réseau, par statut et par thématique")


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    outputs = {INDEX: Output(index_page(corpus))}
    for slug, record in sorted(corpus.actions.items()):
        outputs[f"actions/{slug}.md"] = Output(action_page(corpus, record, communes), record.path)
    return outputs
