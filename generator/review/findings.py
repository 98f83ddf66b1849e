"""Findings of ``python -m generator review`` for the human reviewer (exit 0, or 1 with ``--strict``).

New external link domains compared with the base, paragraphs with three external links or more,
commercial vocabulary matched on folded text (:mod:`generator.review.fold`: accents, invisible
characters and look-alike letters do not hide a word; a weak signal), and minutes dated more
than ``--max-age-days`` days ago, whether they are modified or newly added.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from generator.errors import Location, Problem
from generator.review.fold import find_words, visible, vocabulary
from generator.review.gate import (
    CONTENT_FOLDERS,
    DENSITY,
    LEXICON,
    LINKED_SUFFIXES,
    MAINTAINER,
    url_domains,
)
from generator.review.source import Contribution, git, nul_split, read_blobs

_LEXICON = vocabulary(LEXICON)
_MEETING = re.compile(r"^meetings/(?:[^/]+/)*(\d{4})-(\d{2})-(\d{2})[^/]*\.md$")
_FRONT_DATE = re.compile(r"\A---\r?\n(?:(?!---).*\r?\n)*?date\s*:\s*[\"']?(\d{4})-(\d{2})-(\d{2})", re.MULTILINE)


def _note(path: str, line: int, col: int, code: str, message: str, hint: str) -> Problem:
    return Problem(Location(path, line, col), code, message, hint, severity="à vérifier")


def _paragraphs(lines: list[str]) -> Iterable[tuple[int, list[str]]]:
    start = 0
    block: list[str] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def known_domains(root: Path, merge_base: str) -> set[str]:
    """Every external domain already cited in the content of ``merge_base``."""
    listed = nul_split(git(root, "ls-tree", "-r", "-z", "--name-only", merge_base, "--", *CONTENT_FOLDERS))
    known: set[str] = set()
    for blob in read_blobs(root, merge_base, [p for p in listed if Path(p).suffix in LINKED_SUFFIXES]).values():
        known.update(d for _, _, d in url_domains(blob.decode("utf-8", "replace")))
    return known


def _date(groups: tuple[str, ...]) -> date | None:
    try:
        return date(int(groups[0]), int(groups[1]), int(groups[2]))
    except ValueError:
        return None


def meeting_date(path: str, text: str | None) -> date | None:
    """The oldest of the date in the file name and the ``date:`` of the front matter of a minute."""
    found = []
    if (match := _MEETING.match(path)) is not None:
        found.append(_date(match.groups()))
    if path.startswith("meetings/") and text and (match := _FRONT_DATE.match(text)) is not None:
        found.append(_date(match.groups()))
    dates = [d for d in found if d is not None]
    return min(dates) if dates else None


def _old_minutes(contribution: Contribution, max_age_days: int, today: date) -> Iterable[Problem]:
    limit = today - timedelta(days=max_age_days)
    for path, status in contribution.changes.items():
        if status not in ("A", "M") or not path.startswith("meetings/") or not path.endswith(".md"):
            continue
        held = meeting_date(path, contribution.text(path))
        if held is None or held >= limit:
            continue
        if status == "M":
            yield _note(path, 1, 1, "A-ANCIEN", f"modification d'un compte-rendu de plus de {max_age_days} jours "
                        f"(réunion du {held.isoformat()})",
                        "inhabituel : vérifiez que l'ajout vient bien des participants")
        else:
            yield _note(path, 1, 1, "A-ANCIEN", f"nouveau compte-rendu daté de plus de {max_age_days} jours "
                        f"(réunion du {held.isoformat()})",
                        "inhabituel : un compte-rendu est publié peu après la réunion ; vérifiez qu'il vient "
                        "bien des participants")


def findings(contribution: Contribution, known: set[str], *, max_age_days: int, today: date) -> list[Problem]:
    """What a human reviewer should look at: new domains, link density, vocabulary, old minutes."""
    problems: list[Problem] = []
    for path, status in contribution.changes.items():
        if status == "D" or not path.startswith(CONTENT_FOLDERS) or Path(path).suffix.lower() not in LINKED_SUFFIXES:
            continue
        text = contribution.text(path)
        if text is None:
            continue
        added = contribution.added.get(path, set())
        seen: set[str] = set()
        for line, col, found in url_domains(text):
            if line in added and found not in known and found not in seen:
                seen.add(found)
                problems.append(_note(path, line, col, "A-DOMAINE", f"nouveau domaine externe « {found} »",
                                      f"lien vers un site jamais cité jusqu'ici : {MAINTAINER} pour l'accepter"))
        lines = text.split("\n")
        for start, block in _paragraphs(lines):
            span = set(range(start, start + len(block)))
            count = sum(1 for b in block for _ in url_domains(b))
            if span & added and count >= DENSITY:
                problems.append(_note(path, start, 1, "A-DENSITE", f"{count} liens externes dans un même paragraphe",
                                      "signe fréquent de spam (référencement) : vérifiez chaque lien"))
        for number in sorted(added):
            if number <= len(lines):
                for col, word in find_words(_LEXICON, lines[number - 1]):
                    shown = visible(word)
                    disguise = " (écrit avec des caractères trompeurs)" if shown != word else ""
                    problems.append(_note(path, number, col, "A-LEXIQUE",
                                          f"vocabulaire commercial « {shown} »{disguise}",
                                          "signal faible : vérifiez que le texte n'est pas publicitaire"))
    problems.extend(_old_minutes(contribution, max_age_days, today))
    return problems
