"""argparse in French: its own messages (usage, option errors, help headings) for a French CLI.

argparse looks each message up through the module-level ``_`` and ``ngettext`` it imported from
gettext, at the moment it prints; :func:`install` points them at the table below. A message not
in the table is left in English rather than lost.
"""

from __future__ import annotations

import argparse

HELP_HINT = "— lancez la commande avec --help pour voir ses options"

FRENCH: dict[str, str] = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "subcommands": "commandes",
    "unrecognized arguments: %s": "option ou argument inconnu : %s",
    "the following arguments are required: %s": "argument obligatoire manquant : %s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s : %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "valeur « %(value)s » non reconnue (au choix : %(choices)s)",
    "invalid %(type)s value: %(value)r": "valeur « %(value)s » invalide",
    "expected one argument": "une valeur est attendue après cette option",
    "expected at most one argument": "au plus une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "ambiguous option: %(option)s could match %(matches)s": "option %(option)s ambiguë : %(matches)s ?",
    "not allowed with argument %s": "impossible avec %s",
    "ignored explicit argument %r": "valeur %r inattendue",
    "one of the arguments %s is required": "l'une de ces options est obligatoire : %s",
    "unexpected option string: %s": "option inattendue : %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s " + HELP_HINT + "\n",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "commande « %(parser_name)s » inconnue (au choix : %(choices)s)",
}
PLURALS: dict[str, str] = {"expected %s argument": "%s valeurs attendues"}


def french(message: str) -> str:
    return FRENCH.get(message, message)


def french_plural(singular: str, plural: str, n: int) -> str:
    if singular in PLURALS:
        return PLURALS[singular]
    return singular if n == 1 else plural


def install() -> None:
    """Make argparse speak French (idempotent)."""
    # argparse's module-level gettext names, looked up at each message (private, stable since 3.2)
    setattr(argparse, "_", french)  # noqa: B010
    setattr(argparse, "ngettext", french_plural)  # noqa: B010
