"""Personal-data policy for e-mail addresses (RGPD minimisation): ONE rule for the importers and ``check``.

Generic and role addresses are kept everywhere: ``contact@``, ``accueil@``, ``mediation@``,
``franceservices.veynes@``, ``la-grave@france-services.gouv.fr``, ``mairie-gap@``, ``epn2@``,
``cnfs.queyras@``, ``msap.serres@``… An address whose local part is built like a person's name is
personal: ``prenom.nom@``, ``marie-claire.dupont@``, ``dupont.marie@``, ``prenom-nom@``, ``p.nom@``.

How it is judged (accents and case folded, a ``+tag`` ignored):

1. the words of the local part (split on ``.``, ``-``, ``_``; digits dropped) lose every word of the
   role vocabulary (:data:`GENERIC_WORDS`), every place particle (:data:`PLACE_WORDS`), an elided
   article (``l-isle``, ``d-oisans``) and « saint » with the word after it;
2. when every word left belongs to the record's own commune or name (``context``), the address is the
   place's: ``pierre-chatel@`` of the France Services of Pierre-Châtel is a place, not « Pierre »
   (but ``vincent.durand@`` in Saint-Vincent stays a person: « durand » is not the place's);
3. else what is left is personal when it is two words or more and contains a first name, or is an
   initial and a word (``p.nom``, ``nom.p``).

First names are the French-speaking ones (France, Belgique, Luxembourg, Suisse, plus the frequent
names of the Maghreb) of the dictionary shipped by the PyPI package ``gender-guesser`` (Jörg Michael's
``nam_dict.txt``, GFDL), about 4,000 names, read from the installed package at run time, with the
French first names of Faker. The Markdown lint (``M-COURRIEL``), the record check of ``courriels``
and the importers all call :func:`is_personal_email`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import import_module
from importlib.resources import files

from generator.rules.folding import fold

GENERIC_WORDS = frozenset({
    "accueil", "admin", "administration", "agence", "animation", "antenne", "asso", "association", "bibliotheque",
    "bonjour", "bureau", "ccas", "cc", "cdc", "centre", "cias", "cnfs", "com", "communaute", "communication",
    "commune", "communes", "conseiller", "conseillere", "conseillers", "contact", "contacts", "coordination",
    "cyberbase", "dir", "direction", "dpo", "ecole", "ecrire", "epn", "espace", "fablab", "fabrique", "france",
    "franceservice", "franceservices", "fs", "info", "infos", "inclusion", "inscription", "inscriptions",
    "itinerant", "itinerante", "mairie", "maison", "mds", "mediatheque", "mediation", "mednum", "mfs", "mjc",
    "msap", "msp", "noreply", "numerique", "office", "permanence", "point", "pole", "presse", "reception",
    "relais", "reseau", "rfs", "rgpd", "secretariat", "service", "services", "social", "sociale", "solidarite",
    "support", "tiers", "tierslieu", "lieu", "ville", "web", "webmaster", "no", "reply", "bus", "camion",
    "agglo", "agglomeration", "departement", "region", "prefecture", "sous", "interco", "pays", "territoire",
})
"""Words of role mailboxes (accents folded), taken out before the name test."""

PLACE_WORDS = frozenset({
    "le", "la", "les", "de", "du", "des", "en", "sur", "sous", "lez", "aux", "au", "et",
    "val", "vallee", "mont", "pont", "port", "bourg", "ville", "haute", "hautes", "basse", "nord", "sud", "ouest",
})
"""Particles of French place names (« Saint-Martin-de-Queyrières », « Val-des-Prés »), taken out too."""

SAINTS = frozenset({"saint", "sainte", "st", "ste", "sts", "saints", "saintes"})
"""« saint » and its next word are a place or a patron: ``saint-laurent@``, ``st-jean.accueil@``."""

PLACEHOLDER_FIRST_NAMES = frozenset({"prenom"})
"""The word used in examples (``prenom.nom@``) counts as a first name."""

_FRENCH_SPEAKING = (7, 8, 9, 14)  # columns of nam_dict.txt: France, Belgium, Luxembourg, Switzerland
_ARABIA = 47  # frequent names there (frequency 4 or more) are frequent in France too
_FAKER_LOCALES = ("fr_FR", "fr_CH", "fr_CA")
_WORD = re.compile(r"^[a-z]+$")


def _dictionary_names() -> set[str]:
    """Names of ``gender_guesser/data/nam_dict.txt`` with a frequency in a French-speaking country."""
    text = files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    names: set[str] = set()
    for line in text.splitlines():
        if not line or line[0] in "#=" or "+" in line[3:29]:
            continue
        name, counts = line[3:29].strip(), line[30:]
        french = any(i < len(counts) and counts[i] != " " for i in _FRENCH_SPEAKING)
        if french or (len(counts) > _ARABIA and counts[_ARABIA] not in " 123"):
            names.update(part for part in re.split(r"[\s-]+", fold(name)) if len(part) > 2)
    return names


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Folded first names: gender-guesser's French-speaking ones and Faker's French ones (module text)."""
    names: set[str] = set(PLACEHOLDER_FIRST_NAMES) | _dictionary_names()
    for locale in _FAKER_LOCALES:
        provider = import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names_male", "first_names_female", "first_names"):
            for name in getattr(provider, attribute, ()):
                names.update(fold(part) for part in re.split(r"[\s-]+", name) if part)
    return frozenset(names - GENERIC_WORDS - PLACE_WORDS - SAINTS)


def context_words(context: Iterable[str]) -> frozenset[str]:
    """Folded words (two letters or more) of the record's commune and name: « Pierre-Châtel » → pierre, chatel."""
    return frozenset(w for text in context for w in re.split(r"[^a-z0-9]+", fold(text)) if len(w) > 1)


def _remaining(words: list[str]) -> list[str]:
    """The words once role words, place particles and « saint X » are taken out."""
    left: list[str] = []
    skip = False
    for index, word in enumerate(words):
        if skip:
            skip = False
        elif word in SAINTS:
            skip = True
        elif word in ("l", "d") and index + 1 < len(words) and words[index + 1][0] in "aeiouyh":
            continue  # elided article: ``l-isle``, ``d-oisans``, not an initial
        elif word not in GENERIC_WORDS and word not in PLACE_WORDS:
            left.append(word)
    return left


def is_personal_local_part(local: str, context: Iterable[str] = ()) -> bool:
    """True when ``local`` (before the ``@``) looks like a person's name; see the module text."""
    text = fold(local).split("+", 1)[0]  # a ``+tag`` says nothing of the owner
    known = context_words(context)
    if re.sub(r"[^a-z]", "", text) in {re.sub(r"[^a-z]", "", fold(c)) for c in context}:
        return False  # ``pierrechatel@`` of Pierre-Châtel, ``mediathequedeveynes@``
    words = [re.sub(r"\d+", "", w) for w in re.split(r"[._\-]", text)]
    words = [w for w in words if w]
    if len(words) < 2 or not all(_WORD.match(w) for w in words):
        return False  # one word (``jdupont``, ``contact``), or symbols no name list could recognise
    left = _remaining(words)
    if len(left) < 2 or all(w in known for w in left):
        return False  # the record's own commune or name: ``pierre-chatel@`` of Pierre-Châtel
    if (len(left[0]) == 1) != (len(left[-1]) == 1) and len(left) == 2:
        return True  # initial and name: ``p.nom``, ``nom.p``
    names = first_names()
    return any(_is_first_name(w, names) for w in left) and any(len(w) > 1 for w in left)


def _is_first_name(word: str, names: frozenset[str]) -> bool:
    return len(word) > 1 and word in names


def is_personal_email(address: str, context: Iterable[str] = ()) -> bool:
    """``marie-claire.dupont@example.org`` → True; ``franceservices.veynes@example.org`` → False.

    ``context``: the record's commune and name, whose words are not taken for a person's.
    """
    local = address.strip().removeprefix("mailto:").split("@", 1)[0]
    return is_personal_local_part(local, tuple(context))


def names_person(address: str, people: Iterable[str]) -> bool:
    """True when the address contains a word (three letters or more) of a person the source names.

    ``people``: the filled personal columns of the row (« Nom du/de la référent·e »…): with the
    referent « Camille Fictive », ``cfictive@…`` and ``camille.mediatheque@…`` are hers, whatever
    the first-name list says. Role and place words (``mediatheque``, ``saint``) never count.
    """
    local = re.sub(r"[^a-z]", "", fold(address.strip().removeprefix("mailto:").split("@", 1)[0]))
    words = {w for text in people for w in re.split(r"[^a-z]+", fold(text))
             if len(w) > 2 and w not in GENERIC_WORDS and w not in PLACE_WORDS and w not in SAINTS}
    return any(w in local for w in words)
