"""The open-data producer: every file of ``donnees/`` plus its index page."""

from __future__ import annotations

from typing import Any

from generator.rules.wording import count
from generator.load.corpus import Corpus
from generator.site.exports import actions_csv, geojson, ical, jsonschemas, mednum, rss, tableschema
from generator.rules.build_date import build_date
from generator.site.exports.common import DATA_DIR
from generator.site.exports.page import Entry, render_page
from generator.site.producers import Output
from generator.config import Settings
from generator.geo.communes import CommuneTable


def data_files(corpus: Corpus, settings: Settings) -> dict[str, str | bytes]:
    """Every open-data file keyed by its name inside ``donnees/``."""
    rows = mednum.lieux(corpus, settings)
    files: dict[str, str | bytes] = {
        "lieux-mediation-numerique.csv": mednum.to_csv(rows),
        "lieux-mediation-numerique.json": mednum.to_json(rows),
        "schema-lieux.json": tableschema.to_json(settings),
        "lieux.geojson": geojson.to_geojson(corpus, settings),
        "reunions.ics": ical.to_ical(corpus, settings),
        "comptes-rendus.xml": rss.to_rss(corpus, settings),
        "actions.csv": actions_csv.to_csv(corpus, settings),
    }
    for path, text in jsonschemas.outputs(settings).items():
        files[path.removeprefix(DATA_DIR + "/")] = text
    return files


def _size(content: str | bytes) -> int:
    return len(content.encode("utf-8") if isinstance(content, str) else content)


def entries(corpus: Corpus, files: dict[str, str | bytes], csv_name: str) -> list[Entry]:
    n_lieux = count(len(corpus.structures) - len(mednum.missing_address(corpus)), "lieu", "lieux")
    located = count(sum(1 for s in corpus.structures if s in corpus.positions), "lieu", "lieux")
    meetings = count(len(corpus.meetings), "réunion", "réunions")
    held = count(sum(1 for r in corpus.meetings.values() if r.model.statut == "tenue"),
                   "compte-rendu", "comptes-rendus")
    actions = count(len(corpus.actions), "fiche action", "fiches actions")
    table = [
        ("lieux-mediation-numerique.csv", "Lieux (standard national, CSV)",
         "Le fichier à déclarer à la base nationale.", n_lieux, csv_name),
        ("lieux-mediation-numerique.json", "Lieux (standard national, JSON)",
         "Tableau d'objets aux mêmes clés, champs vides omis.", n_lieux, ""),
        ("schema-lieux.json", "Schéma du fichier des lieux (Table Schema)",
         "Colonnes, obligations et vocabulaires de l'export.", "32 colonnes", ""),
        ("lieux.geojson", "Carte des lieux (GeoJSON)",
         "Lieux positionnés ; position_approximative = point de la mairie.", located, ""),
        ("reunions.ics", "Calendrier des réunions (iCalendar)", "À ajouter comme abonnement.", meetings, ""),
        ("comptes-rendus.xml", "Fil des comptes-rendus (RSS 2.0)", "Réunions tenues, les plus récentes d'abord.",
         held, ""),
        ("actions.csv", "Fiches actions (CSV)", "En-têtes en français, valeurs multiples séparées par « | ».",
         actions, ""),
    ]
    result = [Entry(path, title, desc, _size(files[path]), count, download)
              for path, title, desc, count, download in table]
    for name in sorted(jsonschemas.SCHEMAS):
        path = f"schemas/{name}.schema.json"
        result.append(Entry(path, f"Schéma JSON : {jsonschemas.SCHEMAS[name][1]}",
                            "Aide à la saisie dans l'éditeur.", _size(files[path]), "1 schéma"))
    return result


def produce(corpus: Corpus, settings: Settings, communes: CommuneTable | None) -> dict[str, Output]:
    files = data_files(corpus, settings)
    day = build_date(corpus)
    csv_name = mednum.recommended_name(settings, day.isoformat())
    result = {f"{DATA_DIR}/{name}": Output(content) for name, content in sorted(files.items())}
    page = render_page(entries(corpus, files, csv_name), settings, day, csv_name)
    result[f"{DATA_DIR}/index.md"] = Output(page)
    return result
