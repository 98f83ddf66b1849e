"""Positioned problems: the single currency of every error a contributor sees.

Every problem is ``path:line:col: [code] message`` in French, optionally followed
by a hint (« vouliez-vous dire … ? », how to fix it). Codes are stable: tests and
documentation rely on them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Location:
    """A position in a source file; ``line`` and ``col`` are 1-based."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


ERROR = "erreur"
WARNING = "avertissement"  # probably wrong, the content still builds; ``check --strict`` refuses it
NOTICE = "information"  # a gap in the reference data, nothing to fix in the content: never fails


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the content, with where and how to fix it."""

    location: Location
    code: str
    message: str
    hint: str = ""
    severity: str = field(default=ERROR, compare=False)

    @property
    def blocking(self) -> bool:
        """True for an error; False for a warning or a notice."""
        return self.severity not in (WARNING, NOTICE)

    def format(self) -> str:
        text = f"{self.location}: [{self.code}] {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text

    def __str__(self) -> str:
        return self.format()


class ContentError(Exception):
    """Raised by a stage that cannot go on; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class MessageValues(dict[str, Any]):
    """Values for a message template of an error table: a placeholder with no value shows « ? »."""

    def __missing__(self, key: str) -> str:
        return "?"


def suggest(value: str, choices: Iterable[str]) -> str:
    """French « vouliez-vous dire » hint for an unknown value, or ''."""
    pool = [c for c in choices if isinstance(c, str)]
    lowered = {c.lower(): c for c in pool}
    match = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
    if match:
        return f"vouliez-vous dire « {lowered[match[0]]} » ?"
    return ""


def split_severities(problems: Iterable[Problem]) -> tuple[list[Problem], list[Problem], list[Problem]]:
    """(errors, warnings, notices), each sorted by file then position."""
    ordered = sorted(problems)
    return ([p for p in ordered if p.blocking], [p for p in ordered if p.severity == WARNING],
            [p for p in ordered if p.severity == NOTICE])


def format_all(problems: Iterable[Problem]) -> str:
    """All problems, sorted by file then position, one per line."""
    return "\n".join(p.format() for p in sorted(problems))
