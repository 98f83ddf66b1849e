"""Helpers shared by the exports: build date, site host, page URLs."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from generator.settings import Settings

DATA_DIR = "donnees"


def _content_date(corpus: Any) -> date | None:
    """Latest update recorded in the content itself (structures, actions, held meetings)."""
    dates = [r.model.date_maj for r in corpus.structures.values()]
    dates += [r.model.date_maj for r in corpus.actions.values()]
    dates += [r.model.date for r in corpus.meetings.values() if r.model.statut == "tenue"]
    return max(dates) if dates else None


def build_datetime(corpus: Any = None) -> datetime:
    """The reproducible build instant: ``SOURCE_DATE_EPOCH`` (UTC); without it, midnight of the
    latest date found in the content (never the clock), else 1970-01-01."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw.isdigit():
        return datetime.fromtimestamp(int(raw), tz=UTC)
    latest = _content_date(corpus) if corpus is not None else None
    if latest is not None:
        return datetime(latest.year, latest.month, latest.day, tzinfo=UTC)
    return datetime.fromtimestamp(0, tz=UTC)


def build_date(corpus: Any = None) -> date:
    return build_datetime(corpus).date()


def site_base(settings: Settings) -> str:
    """Site URL with a trailing slash ('' when the site has no ``site_url``)."""
    url = settings.site_url.strip()
    return url.rstrip("/") + "/" if url else ""


def site_host(settings: Settings) -> str:
    host = urlsplit(settings.site_url).hostname if settings.site_url else None
    return host or "reseau-mednum.invalid"


def page_url(settings: Settings, path: str) -> str:
    """Absolute URL of a site path such as ``comptes-rendus/<slug>/`` (relative when no site_url)."""
    return site_base(settings) + path.lstrip("/") if site_base(settings) else "/" + path.lstrip("/")
