"""``python -m generator import``: read → clean → filter → write → French report."""

from __future__ import annotations

import argparse
import sys

from generator.config import load_settings
from generator.errors import ContentError, format_all
from generator.importers import bazar, france_services, mednum
from generator.importers.record import Cleaned, RawRow, clean, departement
from generator.importers.writer import Report, write_all


def read_rows(args: argparse.Namespace, warnings: list[str]) -> tuple[list[RawRow], str]:
    if args.format == "mednum":
        return mednum.read(args.fichier, warnings), "|"
    if args.format == "bazar":
        mapping = bazar.load_mapping(args.mapping)
        return bazar.read(args.fichier, warnings, mapping, args.formulaire), "|"
    return france_services.read(args.fichier, warnings), "|"


def import_file(args: argparse.Namespace) -> Report:
    report = Report(args.format, str(args.fichier))
    rows, separators = read_rows(args, report.warnings)
    kept: list[Cleaned] = []
    wanted = args.departements or load_settings(args.root).departements
    for raw in rows:
        item = clean(raw, separators, keep_personal=getattr(args, "garder_courriels", False))
        report.warnings.extend(item.notes)
        if item.error:
            report.ignored.append(f"{item.where}: {item.error}")
            continue
        dept = departement(item.data)
        if wanted and dept not in wanted:
            report.ignored.append(f"{item.where}: hors des départements demandés ({dept})")
            continue
        kept.append(item)
    write_all(args.root, kept, report, update=args.mise_a_jour,
              dry_run=getattr(args, "essai", False), force=getattr(args, "forcer", False))
    return report


def run_import(args: argparse.Namespace) -> int:
    try:
        report = import_file(args)
    except ContentError as exc:
        print(format_all(exc.problems), file=sys.stderr)
        return 1
    sys.stdout.write(report.text())
    if (report.created or report.updated or report.merged) and not report.dry_run:
        print("Vérifiez ensuite le contenu : python -m generator check", file=sys.stderr)
    return 1 if report.conflicts or report.duplicates else 0
