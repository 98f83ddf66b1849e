"""``/personnes/<slug>/``: one page per person who consented to publication, and no one else.

Every lookup goes through :meth:`Corpus.published_people`; the pages carry
``robots: noindex`` (rendered as ``<meta name="robots">`` by ``theme/partials/integrations/analytics.html``).
"""

from __future__ import annotations

from typing import Any

from generator.load.corpus import Corpus, Record
from generator.models import Person
from generator.site.producers import Output
from generator.site.pages.display import up
from generator.site.render import page_md, render
from generator.config import Settings
from generator.geo.communes import CommuneTable

DEPTH = 2  # personnes/<slug>/


def _competences(corpus: Corpus, ids: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"id": cid, "libelle": corpus.competences[cid].libelle} for cid in ids if cid in corpus.competences]


def person_context(corpus: Corpus, record: Record[Person]) -> dict[str, Any]:
    person = record.model
    structures = [{"slug": s, "nom": corpus.structures[s].model.nom, "commune": corpus.structures[s].model.commune}
                  for s in person.structures if s in corpus.structures]
    meetings = sorted((corpus.meetings[m] for m in corpus.meetings_of.get(record.slug, []) if m in corpus.meetings),
                      key=lambda r: (r.model.date, r.slug), reverse=True)
    return {
        "slug": record.slug,
        "p": person,
        "structures": structures,
        "competences": _competences(corpus, person.competences),
        "appetences": _competences(corpus, person.appetences),
        "meetings": [{"slug": r.slug, "titre": r.model.titre, "date": r.model.date} for r in meetings],
        "root": up(DEPTH),
    }


def person_page(corpus: Corpus, record: Record[Person]) -> str:
    html = render("site/personne.html", **person_context(corpus, record))
    person = record.model
    description = f"{person.nom}{', ' + person.role if person.role else ''} — réseau de médiation numérique"
    return page_md(person.nom, html, description=description, extra={"robots": "noindex"})


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    return {
        f"personnes/{slug}.md": Output(person_page(corpus, record), record.path)
        for slug, record in sorted(corpus.published_people().items())
    }
