"""Executable inline ``<script>`` elements of an HTML document, as the CSP sees them.

The producers that write inline scripts (the Folium maps) register the bodies they emitted on
their :class:`~generator.site.producers.Output`; the CSP step (``generator/mkdocs/csp.py``)
allows exactly those bodies and the theme's, never a script that merely looks like one.
External scripts (``src``) and data blocks (``application/json``, ``application/ld+json``)
are not executable inline code: they are left out.
"""

from __future__ import annotations

import re

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_DATA_TYPE = re.compile(r'\stype\s*=\s*"application/(?:ld\+)?json"', re.IGNORECASE)


def executable_inline_scripts(html: str) -> list[str]:
    """Bodies of the inline scripts a browser would run, in document order."""
    return [body for attrs, body in _SCRIPT.findall(html) if not _SRC.search(attrs) and not _DATA_TYPE.search(attrs)]


def emitted_scripts(html: str) -> frozenset[str]:
    """The inline script bodies of a document *we just produced*, to register on its Output."""
    return frozenset(executable_inline_scripts(html))
