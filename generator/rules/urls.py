"""Links in contributor text, judged as a browser reads them (WHATWG URL standard).

Allowed schemes: http, https, mailto, tel, or a relative address. The Markdown lint (positioned
problem at ``check`` time), the renderer (which turns a refused link into plain text and marks
external links ``nofollow``) and ``review`` (new external domains) all ask these functions.

Hosts come from ``ada-url`` (the ada WHATWG parser, the one Node.js uses), resolved against a
placeholder base so that relative forms a browser turns into another host are seen too: a
backslash counts as a slash for http(s) (``https:/\\evil.example`` → ``evil.example``), tabs and
newlines are removed, and ``https://spam.example\\@www.ardeche.gouv.fr/`` is the host
``spam.example``. A link with user information (``nom@hote``, ``nom:mot-de-passe@hote``) is
refused: it only serves to make a link look like it leads to a known site.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import ada_url

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SAFE_PREFIXES = ("https://", "http://", "mailto:", "tel:")
"""Destinations written with one of these prefixes are safe as they stand (a cheap first test)."""
SCHEMES_HINT = "seuls http://, https://, mailto:, tel: et les liens relatifs sont permis"
USERINFO_HINT = ("retirez la partie avant « @ » de l'adresse (écrivez https://site.example/…) : "
                 "un identifiant dans un lien sert à déguiser sa vraie destination")

SITE_BASE = "https://site.invalid/"
"""Placeholder address of the page a link sits on: what resolves to this host stays on the site."""
_SITE_HOST = "site.invalid"
_BLANKS = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def _as_browser_reads(url: str) -> str:
    return _BLANKS.sub("", unquote(url)).lower()


def _resolved(url: str) -> ada_url.URL | None:
    """``url`` as a browser resolves it on a page of the site; None when the browser would fail."""
    try:
        return ada_url.URL(url, SITE_BASE)
    except ValueError:
        return None


def link_scheme(url: str) -> str | None:
    """Scheme of ``url`` as a browser sees it (``"JaVa%73cript:"`` → ``"javascript"``), None if relative."""
    match = _SCHEME.match(_as_browser_reads(url))
    return match.group(1) if match else None


def has_userinfo(url: str) -> bool:
    """True when the browser reads a user name or password in ``url`` (``https://a\\@b.fr/`` too)."""
    parsed = _resolved(url)
    return parsed is not None and parsed.protocol in ("http:", "https:") and bool(parsed.username or parsed.password)


def link_host(url: str) -> str | None:
    """Host a browser would contact for ``url`` (lower case, no trailing dot); None when it stays
    on the site (relative address), is not http(s) or does not parse."""
    parsed = _resolved(url)
    if parsed is None or parsed.protocol not in ("http:", "https:"):
        return None
    host = parsed.hostname.rstrip(".")
    return None if host == _SITE_HOST else host


def is_allowed_link(url: str) -> bool:
    """True for a relative address or an allowed scheme, without user information; a colon before
    the first ``/`` without a valid scheme (``"1x:…"``) is refused too, since some browsers still
    read it as a scheme."""
    bare = _as_browser_reads(url)
    match = _SCHEME.match(bare)
    if match is not None and match.group(1) not in SAFE_SCHEMES:
        return False
    if match is None and ":" in bare.split("/", 1)[0]:
        return False
    return not has_userinfo(url)
