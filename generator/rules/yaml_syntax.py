"""French wording of libyaml's syntax errors, shared by content files and mkdocs.yml."""

from __future__ import annotations

# (part of libyaml's message, French message, how to fix it)
SYNTAX_FR: tuple[tuple[str, str, str], ...] = (
    ("mapping values are not allowed", "« : » inattendu",
     "si la valeur contient « : », mettez-la entre guillemets"),
    ("could not find expected ':'", "« : » manquant après une clé", "écrivez « clé: valeur »"),
    ("found unexpected end of stream", "fin de fichier inattendue (guillemet non fermé ?)",
     "fermez le guillemet ouvert"),
    ("found character that cannot start any token", "caractère interdit en début de valeur",
     "mettez la valeur entre guillemets"),
    ("did not find expected key", "indentation incohérente", "alignez les clés avec des espaces"),
    ("did not find expected ',' or ']'", "liste entre crochets mal fermée", "fermez la liste avec « ] »"),
    ("did not find expected ',' or '}'", "accolades mal fermées", "fermez avec « } »"),
    ("did not find expected '-' indicator", "élément de liste mal indenté",
     "alignez les tirets « - » de la liste"),
    ("found undefined tag handle", "étiquette YAML inconnue", "retirez le « ! »"),
)


def syntax_wording(problem: str) -> tuple[str, str]:
    """(message, hint) in French for a libyaml ``problem`` text."""
    for needle, message, hint in SYNTAX_FR:
        if needle in problem:
            return f"syntaxe YAML : {message}", hint
    return f"syntaxe YAML invalide ({problem})", "vérifiez l'indentation et les guillemets"
