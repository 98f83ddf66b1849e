"""Accent and case folding: the one comparison key for French words (vocabularies, communes, sorting)."""

from __future__ import annotations

import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "’": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """``"  Médiathèque   d’Œuvre "`` → ``"mediatheque d'oeuvre"``.

    Compatibility decomposition (NFKD) with the combining marks dropped, ligatures spelt out,
    typographic apostrophes made straight, case folded and blanks collapsed to one space.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())
