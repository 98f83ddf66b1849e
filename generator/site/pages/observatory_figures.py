"""The observatoire's figures, computed once and shared by the page and ``observatoire.json``.

Pure function of the corpus, the commune lookup (or ``None``) and the build date, which is a
parameter (``SOURCE_DATE_EPOCH`` in the producer): same sources, same figures.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from generator.site.completeness import TOTAL_WEIGHT, completeness
from generator.load.corpus import Corpus
from generator.site.freshness import STALE_AFTER_DAYS, is_stale
from generator.models.meeting import ACTION_STATUS_LABELS, MEETING_STATUS_LABELS
from generator.models.vocab import TYPOLOGIES
from generator.rules.departements import departement_name
from generator.site.pages.followup import attendance, thematique_label
from generator.geo.communes import CommuneTable

Row = dict[str, Any]


def _ranked(counter: Counter[str], labels: dict[str, str] | None = None, key: str = "libelle") -> list[Row]:
    """Most frequent first, then alphabetical: ``[{key: label, "structures": n}]``."""
    rows = sorted(counter.items(), key=lambda item: (-item[1], (labels or {}).get(item[0], item[0]).casefold()))
    out: list[Row] = []
    for code, count in rows:
        row: Row = {"code": code} if labels is not None else {}
        row[key] = (labels or {}).get(code, code)
        row["nombre"] = count
        out.append(row)
    return out


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def population_by_departement(communes: CommuneTable) -> dict[str, int]:
    totals: Counter[str] = Counter()
    for commune in communes:
        totals[commune.departement] += commune.population
    return dict(totals)


def structure_figures(corpus: Corpus, communes: CommuneTable | None, on: date) -> Row:
    records = [rec.model for _, rec in sorted(corpus.structures.items())]
    # lieux per département and per 10,000 inhabitants: the partners receive no public
    by_dept = Counter(rec.model.departement for rec in corpus.lieux().values())
    population = population_by_departement(communes) if communes is not None else None
    departements: list[Row] = []
    for code in sorted(set(by_dept) | set(population or {})):
        row: Row = {"code": code, "nom": departement_name(code, communes), "nombre": by_dept.get(code, 0)}
        if population is not None:
            inhabitants = population.get(code)
            row["population"] = inhabitants
            row["pour_10000_habitants"] = (round(by_dept.get(code, 0) * 10000 / inhabitants, 2)
                                           if inhabitants else None)
        departements.append(row)
    stale = sorted(slug for slug, rec in corpus.structures.items() if is_stale(rec.model.date_maj, on))
    scores = [completeness(s).score for s in records]
    return {
        "total": len(records),
        "lieux": len(corpus.lieux()),
        "partenaires": len(corpus.partners()),
        "par_departement": departements,
        "population_disponible": population is not None,
        "par_typologie": _ranked(Counter(t for s in records for t in s.typologie), TYPOLOGIES),
        "par_service": _ranked(Counter(x for s in records for x in s.services)),
        "par_dispositif": _ranked(Counter(x for s in records for x in s.dispositif_programmes_nationaux)),
        "fraicheur": {
            "date_reference": on.isoformat(),
            "seuil_jours": STALE_AFTER_DAYS,
            "anciennes": len(stale),
            "part_anciennes": _share(len(stale), len(records)),
        },
        "completude": {
            "methode": f"part pondérée des champs facultatifs utiles renseignés (poids total {TOTAL_WEIGHT})",
            "moyenne": round(sum(scores) / len(scores), 1) if scores else None,
            "completes": sum(1 for s in scores if s == 100),
            "tranches": [
                {"tranche": label, "nombre": sum(1 for s in scores if low <= s <= high)}
                for label, low, high in (("0 à 49 %", 0, 49), ("50 à 79 %", 50, 79), ("80 à 99 %", 80, 99),
                                         ("100 %", 100, 100))
            ],
        },
    }


def action_figures(corpus: Corpus) -> Row:
    actions = [rec.model for _, rec in sorted(corpus.actions.items())]
    statuts = Counter(a.statut for a in actions)
    themes = Counter(t for a in actions for t in a.thematiques)
    involved: Counter[str] = Counter()
    for structure, roles in corpus.actions_of.items():
        if structure in corpus.structures:
            involved[corpus.structures[structure].model.nom] += len({action for action, _ in roles})
    return {
        "total": len(actions),
        "par_statut": [{"code": k, "libelle": v, "nombre": statuts.get(k, 0)} for k, v in ACTION_STATUS_LABELS.items()],
        "par_thematique": [{"code": k, "libelle": thematique_label(corpus, k), "nombre": themes.get(k, 0)}
                           for k in corpus.thematiques],
        "structures_impliquees": _ranked(involved)[:15],
    }


def meeting_figures(corpus: Corpus) -> Row:
    years: dict[int, Row] = {}
    for record in corpus.meetings_by_date():
        m = record.model
        row = years.setdefault(m.date.year, {"annee": m.date.year, "total": 0,
                                             **{k: 0 for k in MEETING_STATUS_LABELS}, "participants": 0})
        row["total"] += 1
        row[m.statut] += 1
        if m.statut == "tenue":
            row["participants"] += attendance(corpus, record.slug) or 0
    rows = [years[y] for y in sorted(years)]
    for row in rows:
        row["participants_par_reunion_tenue"] = round(row["participants"] / row["tenue"], 1) if row["tenue"] else None
    return {"total": len(corpus.meetings), "par_annee": rows}


def figures(corpus: Corpus, communes: CommuneTable | None, on: date) -> Row:
    """Every figure of the observatoire (also published as ``observatoire.json``)."""
    return {
        "date_reference": on.isoformat(),
        "structures": structure_figures(corpus, communes, on),
        "actions": action_figures(corpus),
        "reunions": meeting_figures(corpus),
    }
