"""``python -m generator review``: the contribution gate on the command line (logic in :mod:`generator.review`)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from generator.cli.args import add_root
from generator.review.findings import findings, known_domains
from generator.review.gate import gate
from generator.review.source import GitError, from_head, from_worktree, git


def cmd_review(args: argparse.Namespace) -> int:
    compared = f"{args.base}..{args.tete}" if args.tete else args.base
    try:
        root = Path(git(args.root, "rev-parse", "--show-toplevel").decode().strip())
        contribution = from_head(root, args.base, args.tete) if args.tete else from_worktree(root, args.base)
        refusals = gate(contribution, maintainer=args.mainteneur)
        notes = findings(contribution, known_domains(root, contribution.merge_base),
                         max_age_days=args.max_age_days, today=date.today())
    except GitError as exc:
        print(f"review : impossible de comparer « {compared} » : {exc}", file=sys.stderr)
        return 2
    if refusals:
        print("Refusé — la contribution ne peut pas être acceptée en l'état :")
        print("\n".join("  " + p.format() for p in sorted(refusals)))
    if notes:
        print("À vérifier par la relecture humaine :")
        print("\n".join("  " + p.format() for p in sorted(notes)))
    print(f"Bilan : {len(contribution.changes)} fichier(s) modifié(s) ({compared}), {len(refusals)} refus, "
          f"{len(notes)} point(s) à vérifier.")
    return 1 if refusals or (args.strict and notes) else 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("review", help="contrôler une contribution avant fusion (liens, code, spam…)")
    add_root(parser)
    parser.add_argument("--base", default="origin/main",
                        help="branche ou commit de référence (par défaut : origin/main)")
    parser.add_argument("--tete", metavar="REF",
                        help="commit de tête de la contribution, lu comme données (objets git) sans être extrait "
                             "ni exécuté ; sans cette option, l'arbre de travail est comparé à la base")
    parser.add_argument("--max-age-days", type=int, default=90,
                        help="âge au-delà duquel un compte-rendu ajouté ou modifié est signalé (par défaut : 90 jours)")
    parser.add_argument("--strict", action="store_true", help="échouer aussi sur les points à vérifier")
    parser.add_argument("--mainteneur", action="store_true",
                        help="contribution d'un·e mainteneur·euse : le code peut être modifié")
    parser.set_defaults(func=cmd_review)
