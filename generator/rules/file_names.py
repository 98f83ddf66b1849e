"""File and folder names a contributor may use, and the forge path built from them.

Hand-written pages (``content/``) follow the rule of record identifiers (``models.common.SLUG_RE``,
checked by ``load/sources.py``): every path segment is lower-case ASCII letters, digits and
hyphens, and a file ends with one lower-case extension. The edit link of any page, record or
hand-written, is built by :func:`forge_path`: nothing else can reach a URL or an ``href``.
"""

from __future__ import annotations

import re
from urllib.parse import quote

NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FILE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+$")
NAME_HINT = "renommez-le en minuscules sans accents ni espaces, avec chiffres et tirets seulement"


def is_safe_folder_name(name: str) -> bool:
    """A folder name such as ``images`` or ``guides-pratiques``."""
    return NAME.match(name) is not None


def is_safe_file_name(name: str) -> bool:
    """A file name such as ``contribuer.md`` (one extension, lower case)."""
    return FILE_NAME.match(name) is not None


def is_safe_relative_path(path: str) -> bool:
    """A repository-relative POSIX path whose folders and file all follow the rule (no ``..``, no ``/`` first)."""
    parts = path.split("/")
    folders, name = parts[:-1], parts[-1]
    return all(is_safe_folder_name(part) for part in folders) and is_safe_file_name(name)


def forge_path(path: str) -> str:
    """``path`` percent-escaped for a URL, or ``""`` when it breaks the naming rule."""
    if not is_safe_relative_path(path):
        return ""
    return quote(path, safe="/")
