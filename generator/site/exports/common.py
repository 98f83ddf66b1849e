"""Helpers shared by the exports: build date, site host, page URLs."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from generator.site.freshness import build_datetime
from generator.config import Settings

DATA_DIR = "donnees"


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
