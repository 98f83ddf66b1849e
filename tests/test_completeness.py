"""Completeness score of a structure and staleness of its last update."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from generator.errors import ContentError
from generator.models import Structure
from generator.rules.build_date import build_date
from generator.site.completeness import CRITERIA, TOTAL_WEIGHT, completeness
from generator.site.freshness import age_fr, is_stale

MINIMAL: dict[str, Any] = {"nom": "Lieu", "commune": "Gap", "code_postal": "05000",
                           "adresse": "Adresse à compléter", "date_maj": "2024-01-01"}
FULL: dict[str, Any] = {
    **MINIMAL, "adresse": "1 rue de la Paix", "services": ["Aide aux démarches administratives"],
    "horaires": "Mo 09:00-12:00", "telephone": "0492000000", "typologie": ["BIB"],
    "presentation_resume": "Résumé", "frais_a_charge": ["Gratuit"], "modalites_acces": ["Se présenter"],
    "modalites_accompagnement": ["En autonomie"], "publics_specifiquement_adresses": ["Seniors"],
    "courriels": ["a@b.fr"], "site_web": ["https://example.org"], "code_insee": "05061",
    "latitude": "44.5", "longitude": "6.0", "fiche_acces_libre": "https://acceslibre.beta.gouv.fr/x",
}


def test_minimal_record_scores_zero_and_lists_everything() -> None:
    result = completeness(Structure.model_validate(MINIMAL))
    assert result.score == 0
    assert [m.field for m in result.missing] == [c.field for c in CRITERIA]
    assert result.missing[0].label == "adresse"
    assert not result.complete


def test_full_record_scores_hundred() -> None:
    result = completeness(Structure.model_validate(FULL))
    assert result.score == 100
    assert result.missing == ()
    assert result.complete


def test_score_is_the_weighted_share() -> None:
    partial = {**MINIMAL, "services": ["Aide aux démarches administratives"], "telephone": "0492000000"}
    result = completeness(Structure.model_validate(partial))
    assert result.score == (3 + 2) * 100 // TOTAL_WEIGHT
    assert "services" not in {m.field for m in result.missing}
    assert "horaires" in {m.field for m in result.missing}


def test_every_criterion_has_a_french_hint() -> None:
    assert all(c.hint and c.label and c.weight > 0 for c in CRITERIA)


def test_build_date_from_source_date_epoch() -> None:
    assert build_date(environ={"SOURCE_DATE_EPOCH": "0"}) == date(1970, 1, 1)
    assert build_date(environ={"SOURCE_DATE_EPOCH": "1767225600"}) == date(2026, 1, 1)
    assert build_date(environ={}, today=date(2025, 5, 4)) == date(2025, 5, 4)
    with pytest.raises(ContentError):
        build_date(environ={"SOURCE_DATE_EPOCH": "99999999999999999"})


def test_staleness_threshold_is_one_year() -> None:
    on = date(2026, 1, 1)
    assert not is_stale(date(2025, 1, 1), on)      # 365 days
    assert is_stale(date(2024, 12, 31), on)        # 366 days
    assert not is_stale(date(2026, 6, 1), on)      # in the future of the build


def test_age_in_words() -> None:
    on = date(2026, 1, 1)
    assert age_fr(date(2023, 1, 1), on) == "il y a 3 ans"
    assert age_fr(date(2024, 10, 1), on) == "il y a 15 mois"
    assert age_fr(date(2025, 12, 1), on) == "il y a 4 semaines"
    assert age_fr(date(2025, 12, 29), on) == "il y a 3 jours"
    assert age_fr(date(2026, 1, 1), on) == "récemment"
