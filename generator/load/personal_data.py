"""Personal data in published free text: phone numbers (``M-TEL``) and personal e-mail addresses (``M-COURRIEL``).

Text is normalised before matching so that a disguise does not hide a number or an address:
HTML entities decoded (``&#64;``, ``&commat;``, ``&#x40;`` → ``@``), compatibility forms folded
(NFKC: fullwidth ``０６`` → ``06``), every decimal digit made ASCII (Arabic-Indic ``٠٦`` → ``06``),
non-breaking and other spaces made plain spaces, dashes made ``-``. The Markdown lint uses the
same patterns on bodies; :func:`record_text_problems` reads the free-text fields of the front
matter and data files (:data:`FREE_TEXT`), reported at the value's position.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

from generator.errors import WARNING, Location, Problem
from generator.load.sources import Source
from generator.rules.emails import is_personal_email

PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)33[ .\-]?\(?0?\)?[ .\-]?[1-9]|0[1-9])(?:[ .\-]?\d{2}){4}(?!\d)")
EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)")
PHONE_HINT = "pas de numéro personnel (RGPD) : renvoyez vers la fiche de la structure"
EMAIL_HINT = "utilisez l'adresse générique de la structure (contact@…) ou retirez-la (RGPD)"

FREE_TEXT: dict[str, tuple[frozenset[str], bool]] = {
    "meeting": (frozenset({"titre", "lieu"}), True),
    "action": (frozenset({"titre", "public_cible", "indicateurs"}), True),
    "person": (frozenset({"role", "presentation"}), True),
    "structure": (frozenset({"nom", "adresse", "complement_adresse", "presentation_resume"}), False),
}
"""Published free-text fields per kind, and whether phone numbers are refused there (a
structure's own number is public; its Markdown ``presentation_detail`` is linted as a body)."""


_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")  # ``\d`` is every Unicode decimal digit (Nd)
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")


def normalise(text: str) -> str:
    """``"06\\u00a012 ٣٤ ５６ 78 marie.dupont&#64;gmail.com"`` → ``"06 12 34 56 78 marie.dupont@gmail.com"``."""
    folded = unicodedata.normalize("NFKC", html.unescape(text))
    if not folded.isascii():
        folded = _NON_ASCII_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(0))), folded)
        folded = _DASHES.sub("-", _SPACES.sub(" ", folded))
    return folded


def text_problems(text: str, location: Location, *, phones: bool, context: tuple[str, ...] = ()) -> list[Problem]:
    """Phone numbers and personal e-mail addresses in one free-text value, all at ``location``.

    ``context``: commune and name of the structure the text describes, for the e-mail rule.
    """
    plain = normalise(text)
    problems: list[Problem] = []
    if phones:
        problems.extend(Problem(location, "M-TEL", f"numéro de téléphone « {m.group(0)} » dans le texte", PHONE_HINT)
                        for m in PHONE.finditer(plain))
    problems.extend(Problem(location, "M-COURRIEL", f"adresse électronique personnelle « {m.group(0)} »", EMAIL_HINT)
                    for m in EMAIL.finditer(plain) if is_personal_email(m.group(0), context))
    return problems


MAILBOX_HINT = ("demandez à la structure une adresse générique (contact@…, accueil@…) ; "
                "gardez celle-ci seulement si la personne y consent")


def structure_context(source: Source) -> tuple[str, ...]:
    """Commune and name of a structure record (the e-mail rule reads its own place's name as no person's)."""
    data = source.doc.data
    if source.kind != "structure" or not isinstance(data, dict):
        return ()
    return tuple(str(data.get(key) or "") for key in ("commune", "nom"))


def mailbox_problems(source: Source) -> list[Problem]:
    """A structure's ``courriels`` that look like a person's, judged with its commune and name (warnings:
    ``import --garder-courriels`` may have kept them on purpose; ``check --strict`` refuses them)."""
    data = source.doc.data
    if source.kind != "structure" or not isinstance(data, dict) or not isinstance(data.get("courriels"), list):
        return []
    return [Problem(source.doc.locate(("courriels", i)), "M-COURRIEL",
                    f"courriel « {item} » construit comme celui d'une personne", MAILBOX_HINT, severity=WARNING)
            for i, item in enumerate(data["courriels"]) if isinstance(item, str)
            and is_personal_email(item, structure_context(source))]


def record_text_problems(sources: Iterable[Source]) -> list[Problem]:
    """Personal data in the free-text fields (:data:`FREE_TEXT`) of every record and in structures' ``courriels``."""
    problems: list[Problem] = []
    for source in sources:
        problems.extend(mailbox_problems(source))
        fields, phones = FREE_TEXT.get(source.kind, (frozenset(), False))
        data = source.doc.data
        if not fields or not isinstance(data, dict):
            continue
        for key in sorted(fields & data.keys()):
            value = data[key]
            items = [((key,), value)] if isinstance(value, str) else [
                ((key, i), item) for i, item in enumerate(value if isinstance(value, list) else []) if isinstance(item, str)]
            for loc, item in items:
                problems.extend(text_problems(item, source.doc.locate(loc), phones=phones,
                                              context=structure_context(source)))
    return problems
