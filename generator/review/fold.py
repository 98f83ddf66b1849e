"""Text folding before the review vocabulary is matched: a disguised word is read as the plain one.

``fold`` applies, character by character: compatibility decomposition (NFKD, which covers NFKC:
fullwidth letters, ligatures, non-breaking spaces), removal of combining marks (accents),
removal of invisible format characters (soft hyphen, zero-width space, joiners…), mapping of
letters that look like Latin ones (Cyrillic ``а``, Greek ``ο``…) through the Unicode
confusables table of ``confusable-homoglyphs``, then case folding. It keeps, for every folded
character, the index of the original character, so a match is reported at its real column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from confusable_homoglyphs import confusables

_DROPPED = frozenset({"Mn", "Me", "Cf", "Cc", "Co", "Cn"})
_ASCII_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=4096)
def _latin(char: str) -> str:
    """The ASCII letter or digit ``char`` is confusable with, or ``char`` itself."""
    if char.isascii():
        return char
    found = confusables.is_confusable(char, preferred_aliases=["latin"])
    if not found:
        return char
    for glyph in found[0]["homoglyphs"]:
        target: str = glyph["c"]  # the package has no types
        if _ASCII_WORD.fullmatch(target.lower()):
            return target
    return char


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """The folded form of one character (possibly empty, possibly several characters)."""
    if char.isspace():
        return " "
    out = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.category(part) in _DROPPED:
            continue
        out.append(_latin(part).casefold())
    return unicodedata.normalize("NFKD", "".join(out))


def fold(text: str) -> tuple[str, list[int]]:
    """``(folded, origin)``: ``origin[i]`` is the index in ``text`` of the character ``folded[i]`` comes from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in fold_char(char):
            if unicodedata.category(part) in _DROPPED:
                continue
            chars.append(part)
            origin.append(index)
    return "".join(chars), origin


def vocabulary(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching any of ``words`` (folded) as whole words in folded text, spaces flexible."""
    folded = sorted({fold(w)[0] for w in words}, key=len, reverse=True)
    alternatives = (r"\s+".join(re.escape(part) for part in word.split()) for word in folded)
    return re.compile(r"(?<!\w)(" + "|".join(alternatives) + r")(?!\w)")


def find_words(pattern: re.Pattern[str], line: str) -> Iterable[tuple[int, str]]:
    """``(column, original text)`` of every match of ``pattern`` in the folded ``line`` (columns from 1)."""
    folded, origin = fold(line)
    for match in pattern.finditer(folded):
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        yield start + 1, line[start:end]


def visible(text: str) -> str:
    """``text`` with invisible or non-ASCII look-alike characters written as ``<U+XXXX>`` for the report."""
    out = []
    for char in text:
        disguised = unicodedata.category(char) in _DROPPED or (not char.isascii() and _latin(char) != char)
        out.append(f"<U+{ord(char):04X}>" if disguised else char)
    return "".join(out)
