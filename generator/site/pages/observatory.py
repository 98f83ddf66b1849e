"""``/observatoire/``: tables and SVG bar charts of the network's figures, and ``observatoire.json``."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from generator.load.corpus import Corpus
from generator.rules.build_date import build_date
from generator.site.producers import Output
from generator.site.pages.observatory_figures import Row, figures
from generator.site.render import date_fr, page_md, render
from generator.config import Settings
from generator.rules.wording import format_number, format_percent
from generator.site.svg_charts import bar_chart
from generator.geo.communes import CommuneTable

INDEX = "observatoire/index.md"
JSON = "observatoire/observatoire.json"


CHART_ROWS = 12


def top(title: str, rows: list[Row]) -> tuple[str, list[tuple[str, float]]]:
    """The chart keeps the first rows (the table below it has them all)."""
    items = [(row["libelle"], row["nombre"]) for row in rows]
    if len(items) > CHART_ROWS:
        return f"{title} ({CHART_ROWS} premiers sur {len(items)})", items[:CHART_ROWS]
    return title, items


def charts(data: Row) -> dict[str, str]:
    s, a, r = data["structures"], data["actions"], data["reunions"]
    found = {
        "departement": bar_chart("graphique-departements", "Lieux par département (partenaires non comptés)",
                                 [(f"{row['nom']} ({row['code']})", row["nombre"]) for row in s["par_departement"]]),
        "typologie": bar_chart("graphique-typologies", *top("Structures par type", s["par_typologie"])),
        "service": bar_chart("graphique-services", *top("Structures par service proposé", s["par_service"])),
        "dispositif": bar_chart("graphique-dispositifs", *top("Structures par dispositif national", s["par_dispositif"])),
        "statut": bar_chart("graphique-actions-statut", "Fiches actions par statut",
                            [(row["libelle"], row["nombre"]) for row in a["par_statut"]]),
        "thematique": bar_chart("graphique-actions-thematique", "Fiches actions par thématique",
                                [(row["libelle"], row["nombre"]) for row in a["par_thematique"]]),
        "impliquees": bar_chart("graphique-structures-actions", "Structures les plus impliquées dans les actions",
                                [(row["libelle"], row["nombre"]) for row in a["structures_impliquees"]]),
        "annees": bar_chart("graphique-reunions-annee", "Réunions par année",
                            [(str(row["annee"]), row["total"]) for row in r["par_annee"]]),
        "participation": bar_chart("graphique-participation", "Participants aux réunions tenues, par année",
                                   [(str(row["annee"]), row["participants"]) for row in r["par_annee"]]),
    }
    if s["population_disponible"]:
        found["densite"] = bar_chart(
            "graphique-densite", "Lieux pour 10 000 habitants, par département",
            [(f"{row['nom']} ({row['code']})", row["pour_10000_habitants"] or 0) for row in s["par_departement"]],
            decimals=2)
    return found


def percent(value: float | None) -> str:
    return "—" if value is None else format_percent(value)


def observatoire_page(data: Row, settings: Settings) -> str:
    on = date.fromisoformat(data["date_reference"])
    html = render("suivi/observatoire.html", d=data, charts=charts(data), on=date_fr(on),
                  fr_number=format_number, percent=percent, reseau=settings.nom_reseau)
    return page_md("Observatoire", html,
                   description="Chiffres du réseau : structures, services, densité, fiches actions, réunions")


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None, *, on: date | None = None) -> dict[str, Output]:
    data = figures(corpus, communes, on or build_date(corpus=corpus))
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return {INDEX: Output(observatoire_page(data, settings)), JSON: Output(text)}
