"""Linear-time scanners of contributor Markdown for the lint: code spans, ``{: …}`` attribute lists
and lists or quotes nested too deep.

A contributor controls every byte of the text, so nothing here may backtrack over it: a
backtracking pattern such as ``\\{…(?:[^\\s}]+)*…\\}`` tried at every ``{`` of a 60 KB run of ``{a=``
took a minute. Each function reads the text a bounded number of times; the only regular expressions
are single character-class runs or are applied to one attribute list, with possessive quantifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from markdown_it.token import Token

from generator.errors import Location, Problem
from generator.rules.markdown_nesting import MAX_NESTING, depth_message, too_deep

_TICKS = re.compile(r"`++")
# one attribute: #id, .classe or key=value (value quoted or up to the next blank)
_ITEM = r"(?:[#.][\w-]++|[\w:-]++[ \t]*+=[ \t]*+(?:\"[^\"\n]*+\"|'[^'\n]*+'|[^\s}]++))"
_ATTR_BODY = re.compile(r":?+[ \t]*+" + _ITEM + r"(?:[ \t]++" + _ITEM + r")*+[ \t]*+")
_ATTR_KEY = re.compile(r"(?<![\w:-])([\w:-]++)[ \t]*+=[ \t]*+(\"[^\"\n]*+\"|'[^'\n]*+'|[^\s}]++)")
_ATTR_ID = re.compile(r"#([\w-]++)")
_STOPPED = frozenset({"list_item_open", "blockquote_open"})
_MARKER_CHARS = " \t>*+-0123456789.)"


def blank_code_spans(text: str) -> str:
    """``text`` with every code span (CommonMark: a run of n backticks up to the next run of exactly n)
    replaced by spaces of the same length, so that positions are kept and code is never linted."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    if len(runs) < 2:
        return text
    following: list[int | None] = [None] * len(runs)  # index of the next run of the same length
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length)
        last[length] = index
    pieces: list[str] = []
    kept = 0
    index = 0
    while index < len(runs):
        closer = following[index]
        if closer is None:  # no closing run: these backticks are plain text
            index += 1
            continue
        start, end = runs[index][0], runs[closer][1]
        pieces += [text[kept:start], " " * (end - start)]
        kept = end
        index = closer + 1
    return "".join(pieces) + text[kept:] if pieces else text


def attribute_lists(text: str) -> Iterator[str]:
    """Each ``{…}`` (braces included) that reads as an attribute list, as Python-Markdown's
    ``attr_list`` finds them: from the first ``{`` after the previous ``}`` of the line up to the
    next ``}``, made only of ``#id``, ``.classe`` and ``clé=valeur`` items."""
    for line in text.split("\n"):
        if "{" not in line or "}" not in line:
            continue
        pieces = line.split("}")
        for piece in pieces[:-1]:  # the last piece has no closing brace
            opening = piece.find("{")
            if opening >= 0 and _ATTR_BODY.fullmatch(piece, opening + 1):
                yield piece[opening:] + "}"


def attribute_keys(attr_list: str) -> list[str]:
    """Lower-cased keys of the ``clé=valeur`` items of one attribute list."""
    return [key.lower() for key, _ in _ATTR_KEY.findall(attr_list)]


def attribute_ids(attr_list: str) -> list[str]:
    """Identifiers of one attribute list: ``#id`` items and ``id=`` values."""
    ids = _ATTR_ID.findall(attr_list)
    return ids + [value.strip("\"'") for key, value in _ATTR_KEY.findall(attr_list) if key.lower() == "id"]


def nesting_problems(tokens: Sequence[Token], lines: Sequence[str], path: str, first_line: int) -> list[Problem]:
    """``M-IMBRICATION`` for each place where lists and quotes nest deeper than the limit, at the
    line where the first container over it opens (``lines`` are the text's, ``first_line`` the file
    line of the first one)."""
    # the parser stopped inside a container whose content would sit at its level limit: deeper than shown
    limit_reached = any(t.type in _STOPPED and t.level + 1 >= MAX_NESTING for t in tokens)
    problems = []
    for deep in too_deep(tokens):
        index = (deep.token.map or [0])[0]
        line = lines[index] if index < len(lines) else ""
        location = Location(path, first_line + index, marker_column(line, deep.token.markup))
        problems.append(Problem(location, "M-IMBRICATION", *depth_message(deep.depth, limit_reached)))
    return problems


def marker_column(line: str, markup: str) -> int:
    """1-based column of the last container marker of ``line``'s prefix (several containers may
    open on one line: ``> > > x``, ``- - - x``), 1 when there is none."""
    prefix = len(line) - len(line.lstrip(_MARKER_CHARS))
    return max(line.rfind(markup[-1:] or ">", 0, prefix), 0) + 1
