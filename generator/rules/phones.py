"""Phone numbers: one normalisation, to the international form ``+33…`` (or an overseas prefix).

Parsing and validity come from ``phonenumbers`` (Google's libphonenumber data): a number written
the French way (``04 92 00 00 00``, ``+33 (0)4 92…``, ``0033…``) is read as French; a national
number of an overseas département or collectivity (``0590…``, ``0262…``) is read with that
territory's own prefix. Only valid numbers of France and its overseas territories are kept; the
result is made of ASCII digits after the ``+``.
"""

from __future__ import annotations

import re

import phonenumbers

# Country calling codes of France and its overseas territories (E.164), in the national standard's order.
PHONE_PREFIXES = ("+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681")
PHONE_PATTERN = "^(" + "|".join(re.escape(p) for p in PHONE_PREFIXES) + r")(\d){6,9}$"
"""The national standard's pattern for an exported ``telephone``."""

_REGIONS = ("FR", "GP", "GF", "RE", "MQ", "YT", "NC", "PF", "PM", "WF", "BL", "MF")
_SEPARATORS = re.compile(r"[\s.\-/]+")
_READABLE = re.compile(r"^\+?[\d()]+$")


def normalise_phone(value: str) -> str | None:
    """``"04 92 00 00 00"`` → ``"+33492000000"``; None when it is not a valid French number."""
    compact = _SEPARATORS.sub("", value)
    if not _READABLE.match(compact):
        return None  # letters, extensions (« poste 12 »), prefixes like « tél. »
    for region in _REGIONS:
        try:
            number = phonenumbers.parse(compact, region)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(number):
            text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            return text if text.startswith(PHONE_PREFIXES) and text[1:].isascii() else None
        if compact.startswith("+"):
            return None  # an international number is read the same whatever the region
    return None


def display_phone(number: str | None) -> str:
    """``+33492000000`` → « 04 92 00 00 00 »; numbers of other prefixes stay in international form."""
    if not number:
        return ""
    if re.fullmatch(r"\+33[0-9]{9}", number):
        national = "0" + number[3:]
        return " ".join(national[i:i + 2] for i in range(0, 10, 2))
    return number
