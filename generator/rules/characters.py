"""Characters refused in content: controls, bidi overrides, zero-width and non-characters.

They are invisible in an editor, can reverse displayed text (U+202E) or break XML/HTML output,
so the strict loader refuses them wherever they appear, raw or written as an escape.
"""

from __future__ import annotations

import re

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"  # surrogates and non-characters: not valid in XML/HTML output
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)

CHAR_NAMES = {
    0x00: "caractère nul",
    0x200B: "espace sans chasse",
    0x200C: "antiliant sans chasse",
    0x200D: "liant sans chasse",
    0x2060: "gluon de mots",
    0xFEFF: "indicateur d'ordre des octets",
}


def char_label(char: str) -> str:
    """French description of a forbidden character, e.g. ``U+202E (contrôle de direction du texte)``."""
    code = ord(char)
    if code in CHAR_NAMES:
        name = CHAR_NAMES[code]
    elif 0x200E <= code <= 0x200F or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        name = "contrôle de direction du texte"
    elif 0x2061 <= code <= 0x2064:
        name = "opérateur invisible"
    elif 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE or 0xD800 <= code <= 0xDFFF:
        name = "non-caractère Unicode"
    else:
        name = "caractère de contrôle"
    return f"U+{code:04X} ({name})"
