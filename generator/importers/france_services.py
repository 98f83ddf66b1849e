"""Reader for the ANCT list of France Services (CSV, one row per France Services, per-day hours).

Expected columns (matched without case, accents, spaces or underscores; first alias found wins):

| standard key | column names accepted |
|---|---|
| id | ``id_fs``, ``identifiant``, ``id`` (prefixed ``france-services-``) |
| nom | ``nom_france_services``, ``lieu_nom``, ``nom`` |
| adresse / complement_adresse | ``adresse``, ``adresse_1`` / ``complement_adresse``, ``adresse_2`` |
| code_postal / commune / code_insee | ``code_postal``, ``cp`` / ``commune``, ``ville`` / ``code_insee``, ``insee`` |
| latitude / longitude | ``latitude``, ``lat`` / ``longitude``, ``lon``, ``lng`` |
| telephone / courriels / site_web | ``telephone``, ``tel`` / ``courriel``, ``email``, ``mail`` / ``site_web``, ``url`` |
| pivot | ``siret`` |
| date_maj | ``date_maj``, ``date_mise_a_jour``, ``date_labellisation`` |
| itinerance | ``itinerance``, ``itinerant`` (``Oui`` → Itinérant, ``Non`` → Fixe) |
| horaires | ``h_lundi`` … ``h_dimanche`` (free text such as « 9h-12h / 14h-17h ») |
| (personal, never imported) | ``responsable``, ``nom_responsable``, ``referent``, ``courriel_responsable`` |

Every row gets typologie ``RFS``, dispositif ``France Services``, service « Aide aux démarches
administratives » and source « france-services ».
"""

from __future__ import annotations

from pathlib import Path

from generator.importers import hours
from generator.importers.readers import csv_rows, read_text
from generator.importers.record import RawRow
from generator.rules.folding import fold

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id_fs", "identifiant", "id"),
    "nom": ("nom_france_services", "lib_fs", "lieu_nom", "nom"),
    "adresse": ("adresse", "adresse_1"),
    "complement_adresse": ("complement_adresse", "adresse_2"),
    "code_postal": ("code_postal", "cp"),
    "commune": ("commune", "lib_com", "ville"),
    "code_insee": ("code_insee", "insee_com", "insee"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng"),
    "telephone": ("telephone", "tel"),
    "courriels": ("courriel", "email", "mail"),
    "site_web": ("site_web", "url"),
    "pivot": ("siret",),
    "date_maj": ("date_maj", "date_mise_a_jour", "date_labellisation", "labellisation"),
    "itinerance": ("itinerance", "itinerant"),
}
DAYS = {"Mo": "h_lundi", "Tu": "h_mardi", "We": "h_mercredi", "Th": "h_jeudi", "Fr": "h_vendredi",
        "Sa": "h_samedi", "Su": "h_dimanche"}
PERSONAL = ("responsable", "nom_responsable", "referent", "courriel_responsable")
ID_PREFIX = "france-services-"


def _key(name: str) -> str:
    return fold(name).replace(" ", "_").replace("-", "_").replace("'", "_")


def row(where: str, raw: dict[str, str]) -> RawRow:
    by_key = {_key(name): name for name in raw}
    values: dict[str, str] = {}
    columns: dict[str, str] = {}
    notes: list[tuple[str, str]] = []
    for key, aliases in ALIASES.items():
        for alias in aliases:
            if alias in by_key:
                columns[key] = by_key[alias]
                values[key] = raw[by_key[alias]]
                break
    if values.get("id"):
        values["id"] = ID_PREFIX + values["id"].strip()
    flag = fold(values.get("itinerance", ""))
    values["itinerance"] = "Itinérant" if flag in ("oui", "yes", "1", "vrai", "true", "itinerant") else "Fixe"
    day_texts = {day: raw.get(by_key.get(col, ""), "") for day, col in DAYS.items()}
    spec, unreadable = hours.from_days(day_texts)
    for day in unreadable:
        notes.append((by_key.get(DAYS[day], DAYS[day]), f"horaires « {day_texts[day]} » illisibles, "
                                                        "à saisir au format OpenStreetMap"))
    if spec and not unreadable:
        values["horaires"] = spec
    for name in PERSONAL:
        if name in by_key and raw[by_key[name]].strip():
            notes.append((by_key[name], "donnée personnelle (responsable nommé) non importée"))
    values["typologie"] = "RFS"
    values["dispositif_programmes_nationaux"] = "France Services"
    values["services"] = "Aide aux démarches administratives"
    values["source"] = "france-services"
    return RawRow(where, values, columns, notes)


def read(path: Path, warnings: list[str]) -> list[RawRow]:
    text = read_text(path, warnings)
    return [row(f"{path.name}:ligne {line}", raw) for line, raw in csv_rows(path, text)]
