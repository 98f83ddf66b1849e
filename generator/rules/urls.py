"""Link schemes allowed in contributor text: http, https, mailto, tel, or a relative address.

The Markdown lint (positioned warning at ``check`` time) and the renderer (which turns a refused
link into plain text) judge a destination with these same functions, as a browser reads it:
percent-escapes decoded, the blanks and controls that browsers skip removed, case ignored.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SAFE_PREFIXES = ("https://", "http://", "mailto:", "tel:")
"""Destinations written with one of these prefixes are safe as they stand (a cheap first test)."""
SCHEMES_HINT = "seuls http://, https://, mailto:, tel: et les liens relatifs sont permis"

_BLANKS = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def _as_browser_reads(url: str) -> str:
    return _BLANKS.sub("", unquote(url)).lower()


def link_scheme(url: str) -> str | None:
    """Scheme of ``url`` as a browser sees it (``"JaVa%73cript:"`` → ``"javascript"``), None if relative."""
    match = _SCHEME.match(_as_browser_reads(url))
    return match.group(1) if match else None


def is_allowed_link(url: str) -> bool:
    """True for a relative address or an allowed scheme; a colon before the first ``/`` without a
    valid scheme (``"1x:…"``) is refused too, since some browsers still read it as a scheme."""
    bare = _as_browser_reads(url)
    match = _SCHEME.match(bare)
    if match is not None:
        return match.group(1) in SAFE_SCHEMES
    return ":" not in bare.split("/", 1)[0]
