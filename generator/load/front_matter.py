"""Front matter of hand-written pages (``content/``): a short allow-list, read by ``check`` and the build.

MkDocs hands every front-matter key to the theme, and Material prints several of them without
escaping (``subtitle``, ``status``, ``author``…), uses others as paths (``icon``, ``template``):
a page may only set the keys below, with the shapes below.

- ``title``, ``description``: text (escaped before the theme prints it);
- ``hide``: a list among ``navigation``, ``toc``, ``footer``, ``path``;
- ``search``: ``{exclude: true}`` leaves the page out of the search index.

MkDocs also reads « MultiMarkdown » metadata: lines ``clé: valeur`` at the very top of a page
without ``---`` fences. Such a first line is refused (it would vanish from the page, and its
key would reach the theme unchecked).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.errors import Location, Problem
from generator.load.yaml_strict import Document

ALLOWED_KEYS = ("title", "description", "hide", "search")
HIDE_VALUES = ("navigation", "toc", "footer", "path")
SEARCH_KEYS = ("exclude",)
BOOLEANS = (True, False, "true", "false")
# MkDocs' own pattern for a MultiMarkdown metadata line (mkdocs.utils.meta.META_RE)
MULTIMARKDOWN_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")


def key_problems(keys: Any) -> list[str]:
    """Keys outside the allow-list, in their order (used by the build on MkDocs' parsed metadata)."""
    return [str(key) for key in keys if key not in ALLOWED_KEYS]


def _value_problem(key: str, value: Any) -> str | None:
    """French reason why ``value`` is not a valid ``key``, or None."""
    if key in ("title", "description"):
        return None if isinstance(value, str) and value.strip() else "un texte non vide est attendu"
    if key == "hide":
        if not isinstance(value, list) or not all(isinstance(item, str) and item in HIDE_VALUES for item in value):
            return "une liste parmi " + ", ".join(HIDE_VALUES) + " est attendue"
        return None
    # the strict loader keeps scalars as written: ``true``/``false`` only (never ``yes``, which
    # MkDocs' YAML 1.1 would also read as true)
    if not isinstance(value, Mapping) or set(value) - set(SEARCH_KEYS) or value.get("exclude") not in BOOLEANS:
        return "« {exclude: true} » est attendu"
    return None


def front_matter_problems(doc: Document) -> list[Problem]:
    """Unknown keys (``F-CLE``) and values of the wrong shape (``F-VALEUR``) of one page's front matter."""
    if not isinstance(doc.data, Mapping):
        return [Problem(doc.locate(()), "F-VALEUR", "l'en-tête doit être une liste de champs « clé: valeur »",
                        "écrivez par exemple « title: Contribuer » entre les deux lignes « --- »")]
    problems: list[Problem] = []
    for key, value in doc.data.items():
        if key not in ALLOWED_KEYS:
            problems.append(Problem(doc.locate((key,), key=True), "F-CLE",
                                    f"champ d'en-tête « {key} » non permis dans une page de content/",
                                    "champs permis : " + ", ".join(ALLOWED_KEYS) + " ; retirez les autres"))
            continue
        reason = _value_problem(key, value)
        if reason:
            problems.append(Problem(doc.locate((key,)), "F-VALEUR", f"valeur de « {key} » invalide : {reason}",
                                    f"corrigez « {key} » (voir la section « Pages rédigées à la main » du README)"))
    return problems


def multimarkdown_problem(text: str, path: str) -> Problem | None:
    """A first line that MkDocs would take as MultiMarkdown metadata (the page has no ``---`` front matter)."""
    first = text.split("\n", 1)[0]
    match = MULTIMARKDOWN_LINE.match(first)
    if match is None:
        return None
    return Problem(Location(path, 1, 1), "F-ENTETE",
                   f"la première ligne « {first.strip()[:40]} » serait lue comme un champ d'en-tête par MkDocs",
                   "commencez la page par un titre « # … » ou par un en-tête « --- » … « --- »")
