"""``python -m generator review``: the contribution gate on the command line (logic in :mod:`generator.review.gate`)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from generator.cli.args import add_root
from generator.review.gate import GitError, changed_files, findings, gate, git


def cmd_review(args: argparse.Namespace) -> int:
    try:
        root = Path(git(args.root, "rev-parse", "--show-toplevel").decode().strip())
        merge_base, changes = changed_files(root, args.base)
        refusals = gate(root, changes, maintainer=args.mainteneur)
        notes = findings(root, merge_base, changes, max_age_days=args.max_age_days, today=date.today())
    except GitError as exc:
        print(f"review : impossible de comparer avec « {args.base} » : {exc}", file=sys.stderr)
        return 2
    if refusals:
        print("Refusé — la contribution ne peut pas être acceptée en l'état :")
        print("\n".join("  " + p.format() for p in sorted(refusals)))
    if notes:
        print("À vérifier par la relecture humaine :")
        print("\n".join("  " + p.format() for p in sorted(notes)))
    print(f"Bilan : {len(changes)} fichier(s) modifié(s) depuis {args.base}, {len(refusals)} refus, "
          f"{len(notes)} point(s) à vérifier.")
    return 1 if refusals or (args.strict and notes) else 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("review", help="contrôler une contribution avant fusion (liens, code, spam…)")
    add_root(parser)
    parser.add_argument("--base", default="origin/main",
                        help="branche ou commit de référence (par défaut : origin/main)")
    parser.add_argument("--max-age-days", type=int, default=90,
                        help="âge au-delà duquel modifier un compte-rendu est signalé (par défaut : 90 jours)")
    parser.add_argument("--strict", action="store_true", help="échouer aussi sur les points à vérifier")
    parser.add_argument("--mainteneur", action="store_true",
                        help="contribution d'un·e mainteneur·euse : le code peut être modifié")
    parser.set_defaults(func=cmd_review)
