"""Refusals of the contribution gate ``python -m generator review`` (README « Sécurité »).

Works on a :class:`~generator.review.source.Contribution` (read as data from the head commit
with ``--tete``, or from the working tree) and reports *refusals* (exit 1) — symbolic links
and submodules, files outside the content folders (code: ``mkdocs.yml`` and its ``hooks:``,
``Makefile``, ``pyproject.toml``, ``package*.json``, lock files, ``generator/``, ``theme/``,
``.ci/``, ``forge/``… need a maintainer), file types that are not plain content (``.svg``,
``.html``, ``.js``…), files over 256 Kio, text that is not UTF-8. The findings for the human reviewer are in
:mod:`generator.review.findings`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from generator.errors import Location, Problem
from generator.review.source import GITLINK, SYMLINK, Contribution
from generator.rules.files import MAX_BYTES, size_label
from generator.rules.urls import link_host

CONTENT_FOLDERS = ("actors/", "meetings/", "actions/", "content/")
CONTENT_SUFFIXES = frozenset({".md", ".yml", ".yaml", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf"})
TEXT_SUFFIXES = frozenset({".md", ".yml", ".yaml", ".txt", ".csv", ".json", ".toml", ".cfg", ".py", ".html", ".js",
                           ".css", ".svg"})
LINKED_SUFFIXES = frozenset({".md", ".yml", ".yaml"})
DENSITY = 3
LEXICON = ("mutuelle", "mutuelles", "comparatif", "comparateur", "casino", "casinos", "crédit", "crédits",
           "rachat de crédit", "réplique", "répliques", "airsoft", "cbd", "vpn", "promo", "code promo",
           "pas cher", "paris sportifs", "bitcoin", "crypto", "viagra", "escort", "voyance", "forex")
_URL_TAIL = r"[^\s<>()\[\]{}\"'`|,;]+"
# ``https:`` then any mix of slashes and backslashes (browsers read both), or a protocol-relative pair of them
_URL = re.compile(rf"https?:[/\\\\]*{_URL_TAIL}|(?<![\w:/\\\\])[/\\\\]{{2}}{_URL_TAIL}", re.IGNORECASE)
_HOOKS = re.compile(r"^hooks\s*:", re.MULTILINE)
_LINK_HINT = "remplacez-le par une copie du fichier (un lien peut publier un fichier privé)"
MAINTAINER = "nécessite un·e mainteneur·euse"


def domain(url: str) -> str | None:
    """Host a browser contacts for ``url`` (WHATWG rules, see :mod:`generator.rules.urls`), ``www.`` removed."""
    host = link_host(url if re.match(r"(?:https?:|[/\\\\]{2})", url, re.IGNORECASE) else "//" + url) or ""
    if "." not in host:
        return None
    return host.removeprefix("www.")


def url_domains(text: str) -> Iterable[tuple[int, int, str]]:
    """(line, col, domain) of every absolute URL in ``text``."""
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _URL.finditer(line):
            found = domain(match.group(0))
            if found:
                yield number, match.start() + 1, found


def _refuse(path: str, code: str, message: str, hint: str) -> Problem:
    return Problem(Location(path), code, message, hint, severity="refus")


def _code_reason(contribution: Contribution, path: str) -> str:
    """Why a file outside the content folders is code (the ``hooks:`` entry of ``mkdocs.yml`` is named)."""
    text = contribution.text(path) if path == "mkdocs.yml" else None
    if text is not None and _HOOKS.search(text):
        return " (mkdocs.yml déclare des « hooks: » : du code Python exécuté à la construction)"
    return ""


def gate(contribution: Contribution, *, maintainer: bool = False) -> list[Problem]:
    """Refusals: symlinks and submodules, code or unexpected file types, size, encoding."""
    problems: list[Problem] = []
    for path, mode in contribution.modes.items():
        if mode == SYMLINK:
            problems.append(_refuse(path, "C-LIEN", "lien symbolique dans le dépôt", _LINK_HINT))
    for path, status in contribution.changes.items():
        changed_mode = contribution.changed_modes.get(path)
        if changed_mode in (SYMLINK, GITLINK):
            what = "lien symbolique refusé" if changed_mode == SYMLINK else "sous-module git refusé"
            problems.append(_refuse(path, "C-LIEN", what, _LINK_HINT))
            continue
        suffix = Path(path).suffix.lower()
        if not path.startswith(CONTENT_FOLDERS):
            if not maintainer:
                problems.append(_refuse(path, "C-CODE", f"fichier hors des dossiers de contenu : {MAINTAINER}"
                                        + _code_reason(contribution, path),
                                        "une contribution de contenu ne modifie que actors/, meetings/, actions/ "
                                        "ou content/"))
        elif suffix not in CONTENT_SUFFIXES and status != "D" and not maintainer:
            problems.append(_refuse(path, "C-TYPE", f"type de fichier « {suffix or 'sans extension'} » : {MAINTAINER}",
                                    "contenu permis : .md, .yml, images .png/.jpg/.webp/.gif, .pdf"))
        if status == "D" or mode is None:
            continue
        size = contribution.sizes.get(path, 0)
        if size > MAX_BYTES:
            problems.append(_refuse(path, "C-TAILLE", f"fichier trop gros ({size_label(size)}, maximum {size_label(MAX_BYTES)})",
                                    "réduisez l'image ou découpez le texte"))
        elif suffix in TEXT_SUFFIXES:
            try:
                contribution.contents.get(path, b"").decode("utf-8")
            except UnicodeDecodeError as exc:
                problems.append(_refuse(path, "C-ENCODAGE", f"texte non UTF-8 (octet 0x{exc.object[exc.start]:02x})",
                                        "enregistrez le fichier en UTF-8"))
    return problems
