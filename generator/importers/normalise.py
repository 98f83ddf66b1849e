"""Field-by-field cleaning of imported values into the strings our Structure model accepts.

Every function returns the cleaned value (``None`` when nothing usable is left) and appends
French messages to ``notes`` (``(column, message)``); the caller positions them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from generator.errors import suggest
from generator.importers import hours, html_text
from generator.models import vocab
from generator.models.common import EMAIL_RE, INSEE_RE, POSTCODE_RE
from generator.models.standard import PIVOT_RE, RESUME_MAX, truncate
from generator.rules.characters import strip_forbidden
from generator.rules.emails import is_personal_email, names_person
from generator.rules.folding import fold
from generator.rules.phones import normalise_phone

Notes = list[tuple[str, str]]
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "services": vocab.SERVICES,
    "publics_specifiquement_adresses": vocab.PUBLICS,
    "prise_en_charge_specifique": vocab.PRISE_EN_CHARGE,
    "frais_a_charge": vocab.FRAIS,
    "itinerance": vocab.ITINERANCE,
    "dispositif_programmes_nationaux": vocab.DISPOSITIFS,
    "formations_labels": vocab.FORMATIONS_LABELS,
    "modalites_acces": vocab.MODALITES_ACCES,
    "modalites_accompagnement": vocab.MODALITES_ACCOMPAGNEMENT,
}
PLACEHOLDER_DATES = frozenset({"1970-01-01", "1900-01-01", "0000-00-00"})
DETAIL_MAX = 5000  # ``presentation_detail`` in the Structure model
UNKNOWN_DATE = "1970-01-01"  # the national standard's placeholder for an unknown update date


def clean_text(value: Any, *, multiline: bool = False) -> str:
    text = strip_forbidden(unicodedata.normalize("NFC", str(value if value is not None else "")))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = " ".join(text.split())
    return text.strip()


def split_values(value: Any, separators: str = "|") -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split("[" + re.escape(separators) + "]", str(value))
    return [clean_text(item) for item in items if clean_text(item)]


FOLDED = {name: {fold(v): v for v in values} for name, values in VOCABULARIES.items()}
TYPO_ALIASES = {"mediatheque": "BIB", "bibliotheque": "BIB", "bibliotheque / mediatheque": "BIB",
                "tiers-lieu": "TIERS_LIEUX", "tiers lieu": "TIERS_LIEUX", "mairie": "MUNI",
                "france services": "RFS", "espace france services": "RFS", "centre social": "CS"}
TYPO_BY_LABEL = {**{fold(label): code for code, label in vocab.TYPOLOGIES.items()}, **TYPO_ALIASES}
TYPO_BY_CODE = {code.casefold(): code for code in vocab.TYPOLOGIES}


def vocabulary(field: str, items: list[str], notes: Notes, column: str) -> list[str]:
    """Items of a closed list, matched without case or accents; unknown ones are dropped."""
    result: list[str] = []
    for item in items:
        found = FOLDED[field].get(fold(item))
        if found is None:
            hint = suggest(item, VOCABULARIES[field])
            notes.append((column, f"« {item} » n'est pas une valeur du standard pour {field}, non importée"
                          + (f" ({hint})" if hint else "")))
        elif found not in result:
            result.append(found)
    return result


def typologie(items: list[str], notes: Notes, column: str) -> list[str]:
    result: list[str] = []
    for item in items:
        code = TYPO_BY_CODE.get(item.casefold()) or TYPO_BY_LABEL.get(fold(item))
        if code is None:
            notes.append((column, f"typologie « {item} » inconnue, non importée"))
        elif code not in result:
            result.append(code)
    return result


def digits_code(value: Any, field: str, notes: Notes, column: str) -> str | None:
    text = clean_text(value).replace(" ", "").upper()
    if text.endswith(".0"):
        text = text[:-2]  # spreadsheet float artefact
    if not text:
        return None
    if len(text) == 4 and (text.isdigit() or text[:1] in "2"):
        notes.append((column, f"{field} « {text} » : zéro initial rétabli"))
        text = "0" + text
    regex = POSTCODE_RE if field == "code_postal" else INSEE_RE
    if not regex.match(text):
        notes.append((column, f"{field} « {text} » invalide"))
        return None
    return text


def pivot(value: Any, notes: Notes, column: str) -> str | None:
    text = re.sub(r"[\s.\-]", "", clean_text(value))
    if not text or set(text) == {"0"}:
        return None  # unknown: the export writes the placeholder again
    if not PIVOT_RE.match(text):
        notes.append((column, f"pivot « {text} » n'est ni un SIRET ni un RNA, non importé"))
        return None
    return text


def _phone_cell(value: Any) -> str:
    """A spreadsheet number column loses the leading zero and may add ``.0``: ``492510000.0`` → ``0492510000``."""
    text = clean_text(value)
    compact = text.replace(" ", "")
    if re.fullmatch(r"\d{9}(?:\.0+)?", compact):
        return "0" + compact.split(".", 1)[0]
    if re.fullmatch(r"(?:33)?\d{9,11}\.0+", compact):
        return compact.split(".", 1)[0]
    return text


def telephone(value: Any, notes: Notes, column: str) -> str | None:
    """The number as the model would store it; of several numbers (``|``, ``;``, ``/``, « ou »), the first valid one."""
    text = _phone_cell(value)
    whole = normalise_phone(text)
    if whole:
        return whole  # ``04/92/00/00/00`` is one number, as the model reads it
    candidates = [c.strip() for c in re.split(r"[|;/]|\bou\b|\bet\b", text) if c.strip()]
    for index, candidate in enumerate(candidates):
        phone = normalise_phone(_phone_cell(candidate))
        if phone:
            others = candidates[index + 1:]
            if others:
                notes.append((column, "plusieurs numéros : seul le premier valide est gardé (non importés : "
                                      + ", ".join(f"« {o} »" for o in others) + ")"))
            return phone
    if candidates:
        notes.append((column, f"numéro « {text} » illisible, non importé"))
    return None


def nominative(email: str, context: Iterable[str] = ()) -> bool:
    """Personal addresses (``prenom.nom@…``) are not imported: the shared e-mail rule decides."""
    return is_personal_email(email, context)


def courriels(items: list[str], notes: Notes, column: str, *, context: Iterable[str] = (),
              keep_personal: bool = False, people: Iterable[str] = ()) -> list[str]:
    """Valid addresses, without personal ones unless ``keep_personal`` (``--garder-courriels``).

    ``context``: the record's commune and name (:func:`generator.rules.emails.is_personal_email`);
    ``people``: the persons the row names (its personal columns), whose names make an address theirs.
    """
    people = tuple(people)
    result: list[str] = []
    for item in items:
        email = item.removeprefix("mailto:").strip()
        if not EMAIL_RE.match(email):
            notes.append((column, f"courriel « {email} » invalide, non importé"))
            continue
        if nominative(email, context) or names_person(email, people):
            if not keep_personal:
                notes.append((column, f"courriel nominatif non importé (donnée personnelle) : « {email} » ; "
                                      "demandez une adresse générique à la structure, ou --garder-courriels"))
                continue
            notes.append((column, f"courriel nominatif « {email} » gardé (--garder-courriels) : "
                                  "vérifiez que la personne y consent"))
        if email not in result:
            result.append(email)
    return result


def url(item: str, notes: Notes, column: str) -> str | None:
    text = item.strip()
    if text.startswith("www.") or re.match(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S*)?$", text):
        text = "https://" + text
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", text):
        notes.append((column, f"adresse web « {item} » invalide, non importée"))
        return None
    return text


def urls(items: list[str], notes: Notes, column: str) -> list[str]:
    return [u for item in items if (u := url(item, notes, column))]


def horaires(value: Any, notes: Notes, column: str) -> str | None:
    """OSM ``opening_hours`` as is, or French free text converted (:func:`hours.from_text`); else None and a note.

    The caller keeps the unconverted text in ``presentation_detail`` (:func:`hours_kept`).
    """
    text = clean_text(value)
    if not text:
        return None
    if hours.valid(text):
        return text
    spec = hours.from_text(text)
    if spec:
        return spec
    if hours.day_ranges(text):
        notes.append((column, f"horaires « {text} » sans jours : non convertis au format OpenStreetMap, "
                              "texte d'origine gardé dans presentation_detail (à saisir dans « horaires »)"))
    else:
        notes.append((column, f"horaires « {text} » hors format OpenStreetMap et non convertibles : "
                              "texte d'origine gardé dans presentation_detail (à saisir dans « horaires »)"))
    return None


HOURS_KEPT = "Horaires (texte d'origine, non converti) : "


def hours_kept(detail: str | None, value: Any) -> str | None:
    """``presentation_detail`` with the hours text that could not be converted added as its last paragraph."""
    text = clean_text(value)
    if not text:
        return detail or None
    paragraph = HOURS_KEPT + text.replace("<", "&lt;")
    if detail and paragraph in detail:
        return detail
    return f"{detail}\n\n{paragraph}" if detail else paragraph


def date_maj(value: Any, notes: Notes, column: str) -> str:
    text = clean_text(value)
    found: date | None = None
    for fmt in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y", "%d/%m/%Y %H:%M:%S"):
        try:
            found = datetime.strptime(text[:19] if "T" in text else text, fmt).date()
            break
        except ValueError:
            continue
    if found is None and re.match(r"^\d{4}-\d{2}-\d{2}T", text):
        found = date.fromisoformat(text[:10])
    if found is None or found.isoformat() in PLACEHOLDER_DATES:
        # an unknown date stays unknown: the standard's placeholder, never the import date
        if text != UNKNOWN_DATE:
            notes.append((column, f"date de mise à jour « {text or 'absente'} » inconnue : "
                                  f"{UNKNOWN_DATE} retenue (« date de mise à jour inconnue » sur le site)"))
        return UNKNOWN_DATE
    return found.isoformat()


def coordinate(value: Any, low: float, high: float, notes: Notes, column: str) -> str | None:
    text = clean_text(value).replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        notes.append((column, f"coordonnée « {text} » illisible, non importée"))
        return None
    if not low <= number <= high or number == 0:
        notes.append((column, f"coordonnée « {text} » hors limites, non importée"))
        return None
    return repr(number)


def resume(value: Any, notes: Notes, column: str, *, context: tuple[str, ...] = ()) -> str | None:
    """A plain one-line summary: HTML typed into it is reduced to its words (:func:`html_text.to_plain`).

    ``context``: the record's commune and name, for the e-mail rule (personal addresses taken out).
    """
    text = clean_text(html_text.to_plain(clean_text(value), notes, column, context))
    if len(text) > RESUME_MAX:
        notes.append((column, f"résumé de {len(text)} caractères tronqué à {RESUME_MAX}"))
        text = truncate(text)
    return text or None


def detail(value: Any, notes: Notes, column: str, *, context: tuple[str, ...] = ()) -> str | None:
    """``presentation_detail`` (Markdown): HTML converted and sanitised (:func:`html_text.to_markdown`)."""
    text = clean_text(html_text.to_markdown(clean_text(value, multiline=True), notes, column, context), multiline=True)
    if len(text) > DETAIL_MAX:
        cut = text.rfind("\n\n", 0, DETAIL_MAX - 1)
        notes.append((column, f"présentation détaillée de {len(text)} caractères coupée à {DETAIL_MAX} "
                              "(fin d'un paragraphe) : le reste n'est pas importé"))
        text = text[:cut if cut > 0 else DETAIL_MAX - 1].rstrip() + "…"
    return text or None
