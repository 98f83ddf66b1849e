"""The national standard « lieux de médiation numérique » v1.0.2: its columns and their rules.

What the standard itself says — column names and order, kinds, required columns, patterns,
closed vocabularies, the summary's length, the pivot placeholder — written once here and
read by the model, the YAML writer, the importers and the exports alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.models import vocab
from generator.models.common import INSEE_RE, POSTCODE_RE
from generator.rules.phones import PHONE_PATTERN

PIVOT_RE = re.compile(r"^(?:\d{14}|W[0-9A-Za-z]{9})$")  # SIRET (14 digits) or RNA (W + 9)
PIVOT_PLACEHOLDER = "00000000000000"  # the national pipeline's value for an unknown pivot
RESUME_MAX = 280


@dataclass(frozen=True)
class Column:
    """One column of the standard and how our model fills it."""

    name: str
    kind: str = "text"  # text | list | number | date
    required: bool = False
    pattern: str | None = None
    values: tuple[str, ...] = ()  # closed vocabulary of a list column
    max_length: int | None = None
    unique: bool = False


def enum_pattern(values: tuple[str, ...]) -> str:
    """The standard's pattern shape for a ``|``-separated closed list."""
    escaped = [v.replace("(", r"\(").replace(")", r"\)") for v in values]
    return "(?:(?:^|\\|)(" + "|".join(escaped) + "))+$"


def truncate(text: str, limit: int = RESUME_MAX) -> str:
    """``text`` cut to ``limit`` characters, the last three being ``...`` when it was longer."""
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


COLUMNS: tuple[Column, ...] = (
    Column("id", required=True, unique=True),
    Column("pivot", required=True, pattern=PIVOT_RE.pattern),
    Column("nom", required=True),
    Column("commune", required=True),
    Column("code_postal", required=True, pattern=POSTCODE_RE.pattern),
    Column("code_insee", pattern=INSEE_RE.pattern),
    Column("adresse", required=True),
    Column("complement_adresse"),
    Column("latitude", "number"),
    Column("longitude", "number"),
    Column("typologie", "list"),
    Column("telephone", pattern=PHONE_PATTERN),
    Column("courriels", "list"),
    Column("site_web", "list"),
    Column("horaires"),
    Column("presentation_resume", max_length=RESUME_MAX),
    Column("presentation_detail"),
    Column("source"),
    Column("itinerance", "list", values=vocab.ITINERANCE),
    Column("structure_parente"),
    Column("date_maj", "date", required=True),
    Column("services", "list", values=vocab.SERVICES),
    Column("publics_specifiquement_adresses", "list", values=vocab.PUBLICS),
    Column("prise_en_charge_specifique", "list", values=vocab.PRISE_EN_CHARGE),
    Column("frais_a_charge", "list", values=vocab.FRAIS),
    Column("dispositif_programmes_nationaux", "list", values=vocab.DISPOSITIFS),
    Column("formations_labels", "list", values=vocab.FORMATIONS_LABELS),
    Column("autres_formations_labels", "list"),
    Column("modalites_acces", "list", values=vocab.MODALITES_ACCES),
    Column("modalites_accompagnement", "list", values=vocab.MODALITES_ACCOMPAGNEMENT),
    Column("fiche_acces_libre"),
    Column("prise_rdv"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
