"""The build date: one reference instant for every page, export and import, never the clock.

It is ``SOURCE_DATE_EPOCH`` (UTC) when set, else the latest date of the content, so that
reproducible builds give the same pages and files for the same sources.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from generator.errors import ContentError, Location, Problem


def content_date(corpus: Any) -> date | None:
    """Latest update recorded in the content itself (structures, actions, held meetings)."""
    if corpus is None:
        return None
    dates = [r.model.date_maj for r in corpus.structures.values()]
    dates += [r.model.date_maj for r in corpus.actions.values()]
    dates += [r.model.date for r in corpus.meetings.values() if r.model.statut == "tenue"]
    return max(dates) if dates else None


def build_datetime(corpus: Any = None, environ: Mapping[str, str] | None = None) -> datetime:
    """The reproducible build instant — the one reference date of every page and export.

    ``SOURCE_DATE_EPOCH`` (UTC) when set (``make build`` sets it to the last commit); else
    midnight of the latest date found in the content; else 1970-01-01. Never the clock, so
    the same sources always give the same site.
    """
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            return datetime.fromtimestamp(int(raw), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise ContentError([Problem(
                Location("SOURCE_DATE_EPOCH"), "E-DATE-CONSTRUCTION",
                f"variable d'environnement SOURCE_DATE_EPOCH invalide (« {raw} »)",
                "un nombre de secondes depuis 1970, par exemple celui de : git log -1 --format=%ct",
            )]) from None
    latest = content_date(corpus)
    if latest is not None:
        return datetime(latest.year, latest.month, latest.day, tzinfo=UTC)
    return datetime.fromtimestamp(0, tz=UTC)


def build_date(corpus: Any = None, *, environ: Mapping[str, str] | None = None, today: date | None = None) -> date:
    """Day of :func:`build_datetime`; ``today``, when given, replaces the content date (not the variable)."""
    env = os.environ if environ is None else environ
    if today is not None and not env.get("SOURCE_DATE_EPOCH", "").strip():
        return today
    return build_datetime(corpus, env).date()
