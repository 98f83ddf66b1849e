"""Staleness of records: pure functions, the build date (:mod:`generator.rules.build_date`) is a parameter."""

from __future__ import annotations

from datetime import date

STALE_AFTER_DAYS = 365


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
