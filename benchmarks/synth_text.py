"""French-looking text for synthetic corpora: names, titles and Markdown filler (seeded)."""

from __future__ import annotations

import random

FIRST_NAMES = (
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Zoé", "Alice", "Lucie", "Emma", "Sarah",
    "Juliette", "Margaux", "Élise", "Clémence", "Noémie", "Anaïs", "Mathilde", "Pauline", "Hélène", "Agnès",
    "Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Nathan", "Théo", "Raphaël", "Tom", "Paul",
    "Mathis", "Clément", "Antoine", "Julien", "Maxime", "Baptiste", "Étienne", "Rémi", "Bastien", "Frédéric",
    "Dominique", "Claude", "Sacha", "Charlie", "Loïc", "Gaëlle", "Maëlys", "Françoise", "Jérôme", "Cédric",
)
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
    "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
    "Chabert", "Reynaud", "Arnaud", "Brun", "Chauvet", "Pellegrin", "Roche", "Vidal", "Allemand", "Eymard",
)
ROLES = (
    "Conseillère numérique", "Conseiller numérique", "Médiatrice numérique", "Médiateur numérique",
    "Animatrice EPN", "Animateur multimédia", "Coordinatrice de réseau", "Chargé de mission inclusion numérique",
    "Agente France Services", "Bibliothécaire", "Travailleuse sociale", "Directeur de centre social",
)
STREETS = (
    "rue de la République", "place de la Mairie", "avenue Jean-Jaurès", "rue du Moulin", "chemin des Écoles",
    "boulevard Gambetta", "rue Victor-Hugo", "place du Marché", "route de la Gare", "rue des Tilleuls",
    "allée des Platanes", "rue Pasteur", "quai de la Durance", "impasse des Lavandes", "cours Carnot",
)
WORDS = (
    "accompagnement", "usagers", "démarches", "numérique", "atelier", "médiation", "territoire", "réseau",
    "partenaires", "formation", "inclusion", "public", "seniors", "jeunes", "familles", "outils", "ordinateur",
    "tablette", "smartphone", "courriel", "sécurité", "données", "identité", "administration", "emploi",
    "logement", "santé", "mobilité", "bibliothèque", "médiathèque", "commune", "département", "région",
    "permanence", "rendez-vous", "orientation", "diagnostic", "compétences", "autonomie", "confiance",
    "projet", "financement", "subvention", "appel", "candidature", "calendrier", "bilan", "évaluation",
    "indicateurs", "questionnaire", "enquête", "besoins", "ressources", "fiche", "guide", "tutoriel",
    "itinérance", "bus", "vallée", "montagne", "village", "hameau", "école", "collège", "association",
    "bénévoles", "salariés", "conseillers", "coordination", "animation", "visioconférence", "réunion",
    "échange", "retour", "expérience", "pratique", "mutualisation", "matériel", "reconditionné", "prêt",
    "connexion", "fibre", "couverture", "zone", "blanche", "accessibilité", "handicap", "illettrisme",
    "langue", "traduction", "parentalité", "écrans", "réseaux", "sociaux", "arnaques", "vigilance",
    "sauvegarde", "mot", "passe", "France", "Services", "Pix", "certification", "Aidants", "Connect",
    "le", "la", "les", "des", "du", "de", "un", "une", "et", "pour", "avec", "dans", "sur", "par", "aux",
    "est", "sont", "a", "ont", "sera", "doit", "peut", "propose", "organise", "prépare", "présente",
    "rappelle", "souligne", "constate", "décide", "valide", "complète", "partage", "relance", "anime",
    "nouveau", "nouvelle", "prochain", "prochaine", "commun", "commune", "local", "locale", "rural", "rurale",
    "mensuel", "trimestriel", "gratuit", "collectif", "individuel", "régulier", "important", "possible",
)
LINK_LABELS = ("Support de présentation", "Diaporama", "Fiche pratique", "Inscription", "Compte-rendu précédent")
HEADINGS = (
    "Tour de table", "Ordre du jour", "Points d'actualité", "Retours d'expérience", "Décisions",
    "Prochaines étapes", "Questions diverses", "Bilan de l'atelier", "Calendrier", "Ressources partagées",
    "Financements", "Communication", "Besoins des structures", "Propositions",
)


def sentence(rng: random.Random, low: int = 6, high: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice((".", ".", ".", " !", " ?"))


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def markdown_body(rng: random.Random, words: int) -> str:
    """Markdown with ``##`` headings, paragraphs and bullet lists, about ``words`` words long."""
    parts: list[str] = []
    count = 0
    headings = list(HEADINGS)
    rng.shuffle(headings)
    section = 0
    while count < words:
        parts.append(f"## {headings[section % len(headings)]}")
        section += 1
        for _ in range(rng.randint(1, 3)):
            text = paragraph(rng, rng.randint(2, 5))
            count += text.count(" ") + 1
            parts.append(text)
        if rng.random() < 0.6:
            items = [sentence(rng, 3, 9) for _ in range(rng.randint(2, 6))]
            count += sum(item.count(" ") + 1 for item in items)
            parts.append("\n".join(f"- {item}" for item in items))
    if rng.random() < 0.4:  # real minutes often carry links and a generic contact address
        parts.append("## Liens\n\n" + "\n".join(
            f"- [{rng.choice(LINK_LABELS)}](https://www.exemple.fr/{rng.choice(WORDS[:40])}-{rng.randint(1, 999)})"
            for _ in range(rng.randint(1, 3))) + f"\n\nContact : contact@{rng.choice(WORDS[:40])}.fr")
    return "\n\n".join(parts) + "\n"


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def address(rng: random.Random) -> str:
    return f"{rng.randint(1, 120)} {rng.choice(STREETS)}"
