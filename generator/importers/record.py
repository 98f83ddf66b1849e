"""One imported row: raw values keyed by standard field → cleaned, validated structure data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from generator.importers import normalise as n
from generator.models import Structure

TEXT_FIELDS = ("nom", "commune", "adresse", "complement_adresse", "structure_parente", "source")
MULTILINE_FIELDS = ("presentation_detail",)
URL_FIELDS = ("fiche_acces_libre", "prise_rdv")
REQUIRED = ("nom", "commune", "code_postal", "adresse", "date_maj")


@dataclass
class RawRow:
    """A source row: ``where`` positions it (``file:ligne 4``), ``columns`` names the source column of each key."""

    where: str
    values: dict[str, Any]
    columns: dict[str, str] = field(default_factory=dict)
    notes: list[tuple[str, str]] = field(default_factory=list)  # found by the reader itself
    people: tuple[str, ...] = ()  # filled personal columns (never imported): their names mark an e-mail as personal

    def column(self, key: str) -> str:
        return self.columns.get(key, key)


@dataclass
class Cleaned:
    where: str
    data: dict[str, str | list[str]]
    notes: list[str]
    error: str | None = None  # set when the row cannot be imported

    @property
    def source_id(self) -> str:
        return str(self.data.get("id") or "")


def _position(row: RawRow, column: str) -> str:
    return f"{row.where}:colonne {column}"


def clean(row: RawRow, separators: str = "|", *, keep_personal: bool = False) -> Cleaned:
    """``keep_personal``: keep personal e-mail addresses (``--garder-courriels``), with a note each."""
    notes: n.Notes = list(row.notes)
    v = row.values
    data: dict[str, str | list[str]] = {}

    def put(key: str, value: str | list[str] | None) -> None:
        if value:
            data[key] = value

    col = row.column
    context = (n.clean_text(v.get("commune")), n.clean_text(v.get("nom")))  # the e-mail rule reads the place's name
    put("id", n.clean_text(v.get("id")))
    for key in TEXT_FIELDS:
        put(key, n.clean_text(v.get(key)))
    for key in MULTILINE_FIELDS:
        put(key, n.detail(v.get(key), notes, col(key), context=context))
    put("pivot", n.pivot(v.get("pivot"), notes, col("pivot")))
    put("code_postal", n.digits_code(v.get("code_postal"), "code_postal", notes, col("code_postal")))
    put("code_insee", n.digits_code(v.get("code_insee"), "code_insee", notes, col("code_insee")))
    put("latitude", n.coordinate(v.get("latitude"), -90, 90, notes, col("latitude")))
    put("longitude", n.coordinate(v.get("longitude"), -180, 180, notes, col("longitude")))
    if ("latitude" in data) != ("longitude" in data):
        data.pop("latitude", None)
        data.pop("longitude", None)
        notes.append((col("latitude"), "coordonnées incomplètes, non importées"))
    put("typologie", n.typologie(n.split_values(v.get("typologie"), separators), notes, col("typologie")))
    put("telephone", n.telephone(v.get("telephone"), notes, col("telephone")) if v.get("telephone") else None)
    put("courriels", n.courriels(n.split_values(v.get("courriels"), separators + ";, "), notes, col("courriels"),
                                 context=context, keep_personal=keep_personal, people=row.people))
    put("site_web", n.urls(n.split_values(v.get("site_web"), separators + "; "), notes, col("site_web")))
    put("horaires", n.horaires(v.get("horaires"), notes, col("horaires")))
    if v.get("horaires") and "horaires" not in data:  # not convertible: the text is kept, never lost
        put("presentation_detail", n.hours_kept(str(data.get("presentation_detail") or ""), v.get("horaires")))
    put("presentation_resume", n.resume(v.get("presentation_resume"), notes, col("presentation_resume"),
                                        context=context))
    put("date_maj", n.date_maj(v.get("date_maj"), notes, col("date_maj")))
    for key in n.VOCABULARIES:
        put(key, n.vocabulary(key, n.split_values(v.get(key), separators), notes, col(key)))
    put("autres_formations_labels", n.split_values(v.get("autres_formations_labels"), separators))
    for key in URL_FIELDS:
        put(key, n.url(n.clean_text(v.get(key)), notes, col(key)) if n.clean_text(v.get(key)) else None)
    messages = [f"{_position(row, c)}: {m}" for c, m in notes]
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        return Cleaned(row.where, data, messages, "champ(s) obligatoire(s) manquant(s) : " + ", ".join(missing))
    return _validated(row, data, messages)


def _validated(row: RawRow, data: dict[str, str | list[str]], messages: list[str]) -> Cleaned:
    """Run the content model; optional fields it still refuses are dropped with a message."""
    for _attempt in range(5):
        try:
            Structure.model_validate(data)
            return Cleaned(row.where, data, messages)
        except ValidationError as exc:
            keys = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
            required = sorted(keys & set(REQUIRED)) or ([] if keys else ["?"])
            if required:
                return Cleaned(row.where, data, messages, "champ(s) invalide(s) : " + ", ".join(required))
            for key in sorted(keys):
                messages.append(f"{_position(row, row.column(key))}: valeur refusée par le modèle, non importée")
                data.pop(key, None)
    return Cleaned(row.where, data, messages, "fiche invalide")


def departement(data: dict[str, str | list[str]]) -> str:
    code = str(data.get("code_insee") or data.get("code_postal") or "")
    if code.startswith("97"):
        return code[:3]
    if code.startswith("20"):  # Corsica by postal code
        return "2A" if code < "20200" else "2B"
    return code[:2]
