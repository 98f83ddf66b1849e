"""CSV of the FNE action sheets, with French headers (UTF-8, ``,``, ``|`` between values)."""

from __future__ import annotations

import csv
import io

from generator.load.corpus import Corpus
from generator.site.exports.common import formula_safe, page_url
from generator.models.meeting import ACTION_STATUS_LABELS
from generator.config import Settings

HEADERS = ("identifiant", "titre", "statut", "thématiques", "porteurs", "partenaires", "issue de",
           "territoire", "public cible", "échéance", "indicateurs", "mise à jour", "page")


def _names(corpus: Corpus, slugs: tuple[str, ...]) -> str:
    return "|".join(corpus.structures[s].model.nom if s in corpus.structures else s for s in slugs)


def to_csv(corpus: Corpus, settings: Settings) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for slug in sorted(corpus.actions):
        a = corpus.actions[slug].model
        thematiques = "|".join(corpus.thematiques[t].libelle if t in corpus.thematiques else t for t in a.thematiques)
        writer.writerow([formula_safe(str(cell)) for cell in (
            slug, a.titre, ACTION_STATUS_LABELS[a.statut], thematiques, _names(corpus, a.porteurs),
            _names(corpus, a.partenaires), "|".join(a.issue_de), "|".join(a.territoire), a.public_cible or "",
            a.echeance.isoformat() if a.echeance else "", "|".join(a.indicateurs).replace("\n", " "),
            a.date_maj.isoformat(), page_url(settings, f"actions/{slug}/"),
        )])
    return buffer.getvalue()
