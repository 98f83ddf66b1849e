"""Helpers shared by the exports: build date, site host, page URLs."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from generator.settings import Settings

DATA_DIR = "donnees"


def build_datetime() -> datetime:
    """The reproducible build instant: ``SOURCE_DATE_EPOCH`` (UTC), else 1970-01-01 for determinism."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        seconds = int(raw) if raw else 0
    except ValueError:
        seconds = 0
    return datetime.fromtimestamp(seconds, tz=UTC)


def build_date() -> date:
    return build_datetime().date()


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
