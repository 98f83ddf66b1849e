"""Helpers shared by the exports: site host, page URLs, data folder, spreadsheet-safe cells."""

from __future__ import annotations

from urllib.parse import urlsplit

from generator.config import Settings

DATA_DIR = "donnees"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as a formula


def formula_safe(value: str) -> str:
    """A CSV text cell a spreadsheet will not run (CSV injection): a leading apostrophe before a
    cell starting with ``= + - @``, a tab or a carriage return; other cells unchanged."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


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
