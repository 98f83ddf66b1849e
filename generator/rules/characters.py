"""Characters refused in content, by Unicode category: the one table every character check reads.

Invisible or format characters can hide text, reverse what is displayed (U+202E), spoof a word
(``casi\\u00adno``) or break XML/HTML output. The strict YAML loader (data files and the front
matter of Markdown files, whose whole text it decodes), the YAML writer of the importers and
the importers' text cleaning all ask :func:`first_forbidden`.

Refused (:data:`REFUSED_CATEGORIES`, :data:`REFUSED_EXTRA`): controls (Cc) except tab and line
ends, format characters (Cf: bidi controls, U+061C, zero-width characters, U+00AD soft hyphen,
U+FEFF, tag characters…), surrogates (Cs), private use (Co), unassigned code points and
non-characters (Cn, per Python's Unicode database), line and paragraph separators (Zl, Zp) and
the Hangul fillers, which are letters that display as nothing.

Allowed exceptions (:data:`EXCEPTIONS`), needed by real text:

- U+200D (zero-width joiner) between two emoji (👩‍💻, 🏳️‍🌈), nowhere else;
- tag characters U+E0020–U+E007E closed by U+E007F right after U+1F3F4 (🏴): the subdivision
  flags 🏴󠁧󠁢󠁳󠁣󠁴󠁿 (Écosse) and 🏴󠁧󠁢󠁷󠁬󠁳󠁿 (Pays de Galles); any other tag character is refused;
- code points unassigned in Python's (older) Unicode database but inside the emoji blocks
  U+1F000–U+1FAFF, where new emoji are added;
- variation selectors (U+FE0E, U+FE0F) and skin tones are marks or symbols (Mn, Sk), and
  U+00A0 and U+202F (non-breaking spaces of French typography) are spaces (Zs): not refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
REFUSED_EXTRA = frozenset({"\u115f", "\u1160", "\u3164", "\uffa0"})
"""Hangul fillers: letters (Lo) that display as nothing."""
ALLOWED_CONTROLS = frozenset({"\t", "\n", "\r"})
ZWJ = "\u200d"
BLACK_FLAG = "\U0001f3f4"
TAG_CANCEL = "\U000e007f"
EMOJI_BLOCKS = (0x1F000, 0x1FAFF)
EXCEPTIONS = {
    "U+200D": "entre deux emoji (séquences 👩‍💻, 🏳️‍🌈)",
    "U+E0020–U+E007F": "séquence de drapeau après U+1F3F4 (🏴󠁧󠁢󠁳󠁣󠁴󠁿)",
    "non attribué": "dans les blocs d'emoji U+1F000–U+1FAFF (emoji plus récents que la base Unicode de Python)",
}
"""What the refused categories let through, and where (tested one by one)."""

CHAR_NAMES = {
    0x00: "caractère nul",
    0x00AD: "trait d'union conditionnel",
    0x061C: "marque de lettre arabe",
    0x200B: "espace sans chasse",
    0x200C: "antiliant sans chasse",
    0x200D: "liant sans chasse",
    0x2028: "séparateur de ligne",
    0x2029: "séparateur de paragraphe",
    0x2060: "gluon de mots",
    0xFEFF: "indicateur d'ordre des octets",
}
_FRENCH_CATEGORIES = {
    "Cc": "caractère de contrôle", "Cf": "caractère de mise en forme invisible", "Cs": "non-caractère Unicode",
    "Co": "caractère à usage privé", "Cn": "caractère non attribué", "Zl": "séparateur de ligne",
    "Zp": "séparateur de paragraphe",
}
HINTS = {
    "\u00ad": "retirez le trait d'union conditionnel (invisible, il coupe un mot en deux pour les recherches)",
}
DEFAULT_HINT = "supprimez ce caractère (il vient souvent d'un copier-coller)"


def _refused(code: int) -> bool:
    char = chr(code)
    if char in REFUSED_EXTRA:
        return True
    category = unicodedata.category(char)
    if category == "Cn" and EMOJI_BLOCKS[0] <= code <= EMOJI_BLOCKS[1] and code & 0xFFFE != 0xFFFE:
        return False
    return category in REFUSED_CATEGORIES and char not in ALLOWED_CONTROLS


@lru_cache(maxsize=1)
def _candidates() -> re.Pattern[str]:
    """One character class of every refused code point (built once from the table, ~0.2 s)."""
    ranges: list[str] = []
    start = None
    for code in range(0x110001):
        inside = code <= 0x10FFFF and _refused(code)
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(code - 1)) if code - 1 > start else ""))
            start = None
    return re.compile("[" + "".join(ranges) + "]")


def _is_emoji(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") and ord(char) >= 0x2000


def _joins_emoji(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else ""
    if before in ("\ufe0f", "\ufe0e") and index > 1:
        before = text[index - 2]
    after = text[index + 1] if index + 1 < len(text) else ""
    return bool(before) and bool(after) and _is_emoji(before) and _is_emoji(after)


def _flag_tag_span(text: str, index: int) -> int:
    """End of the emoji tag sequence holding ``text[index]``, or -1 when it is not in one."""
    start = index
    while start > 0 and "\U000e0020" <= text[start - 1] <= "\U000e007e":
        start -= 1
    if start == 0 or text[start - 1] != BLACK_FLAG:
        return -1
    end = index
    while end < len(text) and "\U000e0020" <= text[end] <= "\U000e007e":
        end += 1
    return end + 1 if end < len(text) and text[end] == TAG_CANCEL and end > start else -1


def forbidden_positions(text: str) -> Iterator[int]:
    """Indexes in ``text`` of every refused character, exceptions applied."""
    for match in _candidates().finditer(text):
        index = match.start()
        char = text[index]
        if char == ZWJ and _joins_emoji(text, index):
            continue
        if "\U000e0020" <= char <= TAG_CANCEL and _flag_tag_span(text, index) > 0:
            continue
        yield index


def first_forbidden(text: str) -> int | None:
    """Index of the first refused character of ``text``, None when it has none."""
    return next(forbidden_positions(text), None)


def strip_forbidden(text: str) -> str:
    """``text`` without its refused characters (importers clean what they read)."""
    drop = set(forbidden_positions(text))
    return "".join(c for i, c in enumerate(text) if i not in drop) if drop else text


def char_label(char: str) -> str:
    """French description of a forbidden character, e.g. ``U+202E (contrôle de direction du texte)``."""
    code = ord(char)
    if code in CHAR_NAMES:
        name = CHAR_NAMES[code]
    elif 0x200E <= code <= 0x200F or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        name = "contrôle de direction du texte"
    elif 0x2061 <= code <= 0x2064:
        name = "opérateur invisible"
    elif 0xE0000 <= code <= 0xE007F:
        name = "caractère d'étiquette"
    elif char in REFUSED_EXTRA:
        name = "remplissage hangeul invisible"
    elif 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE or 0xD800 <= code <= 0xDFFF:
        name = "non-caractère Unicode"
    else:
        name = _FRENCH_CATEGORIES.get(unicodedata.category(char), "caractère invisible")
    return f"U+{code:04X} ({name})"


def char_description(char: str) -> str:
    """:func:`char_label` plus the Unicode name: ``U+00AD (trait d'union conditionnel, SOFT HYPHEN)``."""
    label = char_label(char)
    name = unicodedata.name(char, "")
    return f"{label[:-1]}, {name})" if name else label


def char_hint(char: str) -> str:
    """How to fix a refused character, in French."""
    return HINTS.get(char, DEFAULT_HINT)


class _Table:
    """Regex-like view of the table (``search``, ``match``), exceptions applied."""

    def search(self, text: str) -> re.Match[str] | None:
        index = first_forbidden(text)
        return None if index is None else _candidates().match(text, index)

    def match(self, text: str) -> re.Match[str] | None:
        found = self.search(text)
        return found if found is not None and found.start() == 0 else None


FORBIDDEN = _Table()
"""Kept for callers that test text with ``FORBIDDEN.search(text)``."""
