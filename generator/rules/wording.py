"""French numbers and agreement: « 0 lieu », « 1 lieu », « 2 lieux », « 12 345 lieux », « 12,5 % ».

French agreement is singular for 0 and 1. Numbers are spelt by Babel with the French locale:
narrow no-break space (U+202F) between thousands, decimal comma.
"""

from __future__ import annotations

from babel.numbers import format_decimal

LOCALE = "fr_FR"
NBSP = "\u00a0"
NNBSP = "\u202f"


def format_number(value: float, decimals: int = 0) -> str:
    """``12345`` → « 12 345 » (U+202F), ``3.14159, 2`` → « 3,14 »; exactly ``decimals`` decimals."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def format_percent(share: float, decimals: int = 0) -> str:
    """``0.125, 1`` → « 12,5 % »: a share between 0 and 1, with a narrow no-break space before ``%``."""
    return f"{format_number(share * 100, decimals)}{NNBSP}%"


def agree(n: int, singular: str, plural: str) -> str:
    """The word only, agreed with ``n``: singular for 0 and 1 (and −1), plural from 2 on."""
    return singular if abs(n) < 2 else plural


def count(n: int, singular: str, plural: str, *, space: str = NBSP) -> str:
    """« 0 lieu », « 1 lieu », « 2 lieux », « 1 234 lieux »; a no-break space before the word by default."""
    return f"{format_number(n)}{space}{agree(n, singular, plural)}"
