"""Staleness of records: pure functions, the build date (:mod:`generator.rules.build_date`) is a parameter."""

from __future__ import annotations

from datetime import date

STALE_AFTER_DAYS = 365
UNKNOWN = date(1970, 1, 1)  # the national standard's placeholder: « date de mise à jour inconnue », never fresh


def is_unknown(updated: date) -> bool:
    """True for the standard's placeholder ``1970-01-01`` (kept as such in the files and the exports)."""
    return updated == UNKNOWN


def is_stale(updated: date, on: date, *, days: int = STALE_AFTER_DAYS) -> bool:
    """True when ``updated`` is more than ``days`` days before the build date ``on``, or unknown."""
    if is_unknown(updated):
        return True
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
