"""The needs offered by the orientation form, in two groups and in plain words.

« Ce que je veux faire »: the nine services of the national standard, each said the way a
visitor would say it, with examples. « Trouver une personne qui sait… »: the competences held
by at least one PUBLISHED person working in a located place. A competence whose label says the
same thing as a service (« Aide aux démarches administratives ») is left out: one label, once.
"""

from __future__ import annotations

from slugify import slugify

from generator.models.vocab import SERVICES
from generator.rules.folding import fold

# Standard service → the words of the form (same order as SERVICES).
PLAIN_WORDS: dict[str, str] = {
    "Aide aux démarches administratives": "Faire une démarche en ligne : CAF, impôts, titre de séjour, retraite…",
    "Maîtrise des outils numériques du quotidien": "Apprendre à me servir d'un ordinateur, d'un téléphone, de mes courriels…",
    "Insertion professionnelle via le numérique": "Chercher un emploi, une formation : CV, France Travail…",
    "Utilisation sécurisée du numérique": "Me protéger en ligne : arnaques, mots de passe, données personnelles…",
    "Parentalité et éducation avec le numérique": "Accompagner mes enfants : écrans, ENT, Pronote…",
    "Loisirs et créations numériques": "Créer, me divertir : photo, vidéo, jeux, fabrication…",
    "Compréhension du monde numérique": "Comprendre le numérique : intelligence artificielle, réseaux sociaux, informations…",
    "Accès internet et matériel informatique": "Utiliser un ordinateur, une imprimante ou internet sur place",
    "Acquisition de matériel informatique à prix solidaire": "Acheter un ordinateur ou un téléphone à petit prix",
}


def service_id(label: str) -> str:
    return f"service-{slugify(label)}"


def service_needs() -> list[tuple[str, str]]:
    """(form value, plain label) for each standard service, in the standard's order."""
    return [(service_id(label), PLAIN_WORDS[label]) for label in SERVICES]


def _key(text: str) -> str:
    return " ".join(fold(text).lower().split())


def competence_needs(competences: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(form value, label) of the competences, without those that repeat a service or another one."""
    seen = {_key(label) for label in SERVICES} | {_key(words) for words in PLAIN_WORDS.values()}
    kept = []
    for code, label in competences:
        if _key(label) in seen:
            continue
        seen.add(_key(label))
        kept.append((f"competence-{code}", label))
    return kept
