"""Build date and staleness of records: pure functions, the clock is always a parameter.

The build date is ``SOURCE_DATE_EPOCH`` (UTC) when set, else today: reproducible builds
give the same pages for the same sources.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime

STALE_AFTER_DAYS = 365


def build_date(environ: Mapping[str, str] | None = None, today: date | None = None) -> date:
    """``SOURCE_DATE_EPOCH`` as a UTC date, else ``today`` (default: the system date)."""
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if raw.lstrip("-").isdigit():
        return datetime.fromtimestamp(int(raw), tz=UTC).date()
    return today or datetime.now(tz=UTC).date()


def is_stale(updated: date, on: date, *, days: int = STALE_AFTER_DAYS) -> bool:
    """True when ``updated`` is more than ``days`` days before the build date ``on``."""
    return (on - updated).days > days


def age_fr(updated: date, on: date) -> str:
    """« il y a 2 ans », « il y a 14 mois », « il y a 3 semaines »… for a staleness note."""
    days = (on - updated).days
    if days < 0:
        return "à une date postérieure à la construction du site"
    months = days // 30
    years = days // 365
    if years >= 2:
        return f"il y a {years} ans"
    if months >= 2:
        return f"il y a {months} mois"
    if days >= 14:
        return f"il y a {days // 7} semaines"
    if days >= 2:
        return f"il y a {days} jours"
    return "récemment"
