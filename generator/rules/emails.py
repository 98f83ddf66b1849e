"""Personal-data policy for e-mail addresses (RGPD minimisation).

Generic and role addresses are kept everywhere: ``contact@``, ``accueil@``, ``mediation@``,
``france-services@``, ``franceservices.veynes@``, ``mairie.gap@``, ``epn2@``, ``conseiller-numerique@``…
An address whose local part is built like a person's name is personal: ``prenom.nom@``,
``marie-claire.dupont@``, ``dupont.marie@``, ``prenom-nom@``, ``p.nom@``, ``p-nom@``. A name is
recognised against the French first names shipped by Faker (read from the installed package at
run time); any word of the generic vocabulary below, or any digit, makes the address a role one.

The Markdown lint (``M-COURRIEL``) and the importers both call :func:`is_personal_email`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import import_module

from generator.rules.folding import fold

GENERIC_WORDS = frozenset({
    "accueil", "admin", "administration", "agence", "animation", "asso", "association", "bibliotheque",
    "bonjour", "bureau", "ccas", "centre", "cnfs", "communication", "commune", "conseiller", "conseillere",
    "conseillers", "contact", "contacts", "coordination", "cyberbase", "dir", "direction", "dpo", "ecole",
    "ecrire", "epn", "espace", "fablab", "fabrique", "france", "franceservices", "info", "infos", "inclusion",
    "inscription", "inscriptions", "mairie", "maison", "mediatheque", "mediation", "mednum", "mjc",
    "noreply", "numerique", "office", "permanence", "point", "pole", "presse", "reception", "relais",
    "reseau", "rgpd", "secretariat", "service", "services", "social", "solidarite", "support",
    "tiers", "tierslieu", "lieu", "ville", "web", "webmaster", "no", "reply",
})
"""Words of role mailboxes (accents folded): one of them anywhere in the local part keeps it."""

PLACEHOLDER_FIRST_NAMES = frozenset({"prenom"})
"""The word used in examples (``prenom.nom@``) counts as a first name."""

_FAKER_LOCALES = ("fr_FR", "fr_CH", "fr_CA")
_WORD = re.compile(r"^[a-z]{2,}$")



@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Folded French first names (about 300) from Faker's French-speaking person providers."""
    names: set[str] = set(PLACEHOLDER_FIRST_NAMES)
    for locale in _FAKER_LOCALES:
        provider = import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names_male", "first_names_female", "first_names"):
            for name in getattr(provider, attribute, ()):
                names.update(fold(part) for part in re.split(r"[\s-]+", name) if part)
    return frozenset(names)


def _is_first_name(word: str) -> bool:
    """``marie`` or a compound ``marie-claire`` whose every part is a first name."""
    parts = word.split("-")
    return all(part in first_names() for part in parts)


def is_personal_local_part(local: str) -> bool:
    """True when ``local`` (before the ``@``) looks like a person's name; see the module text."""
    text = fold(local).split("+", 1)[0]  # a ``+tag`` says nothing of the owner
    words = [w for w in re.split(r"[._\-]", text) if w]
    if len(words) < 2 or any(c.isdigit() for c in text) or text.replace("-", "") in GENERIC_WORDS:
        return False
    if any(w in GENERIC_WORDS for w in words):
        return False
    separator = "." if "." in text else "_" if "_" in text else "-"
    head, _, tail = text.partition(separator)
    if not all(_WORD.match(part) or len(part) == 1 for part in re.split(r"[._\-]", f"{head}-{tail}") if part):
        return False  # symbols or non-Latin letters: not a name the list could recognise
    if len(head) == 1 and tail.isalpha() and len(tail) > 1:
        return True  # initial then name: ``p.nom``, ``p-nom``
    return _is_first_name(head) or _is_first_name(tail)


def is_personal_email(address: str) -> bool:
    """``marie-claire.dupont@example.org`` → True; ``franceservices.veynes@example.org`` → False."""
    local = address.strip().removeprefix("mailto:").split("@", 1)[0]
    return is_personal_local_part(local)
