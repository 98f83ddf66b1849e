"""``python -m generator import``: read a table → mapping (engine) → clean → filter → write → report.

``mednum``, ``bazar`` and ``france-services`` are presets of ``tableur``: the same engine with a
mapping shipped in ``generator/mappings/`` (``--correspondance`` replaces it). Only how the file
becomes a table differs (v0.1 translation, Bazar API flattening).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from slugify import slugify

from generator.config import load_settings
from generator.errors import ContentError, format_all
from generator.importers import bazar, engine, mednum
from generator.importers import mapping as mp
from generator.importers.readers import fail, load_json, read_text
from generator.importers.record import Cleaned, clean, departement
from generator.importers.tables import Table, json_table, read_table
from generator.importers.writer import Report, write_all

PRESET_OF = {"mednum": "mednum", "bazar": "hinaura", "france-services": "france-services"}


def mapping_name(args: argparse.Namespace) -> str | Path | None:
    return getattr(args, "correspondance", None) or getattr(args, "mapping", None) or PRESET_OF.get(args.format)


def source_table(args: argparse.Namespace, warnings: list[str]) -> tuple[Table, engine.Labels]:
    path: Path = args.fichier
    if args.format == "mednum":
        return mednum.table(path, warnings), {}
    if args.format == "bazar" and path.suffix.lower() not in (".csv", ".tsv", ".txt", *(".xlsx", ".ods")):
        text = read_text(path, warnings)
        if text.lstrip()[:1] in ("[", "{"):
            data = load_json(path, text)
            entries = bazar.api_entries(data)
            labels = bazar.form_options(getattr(args, "formulaire", None), warnings)
            if entries is not None:
                return bazar.api_table(path.name, entries, warnings), labels
            return json_table(path, data, warnings), labels
    return read_table(path, warnings), {}


def import_file(args: argparse.Namespace) -> Report:
    name = mapping_name(args)
    if name is None:
        raise ContentError(fail(args.fichier, "indiquez la correspondance des colonnes (--correspondance)",
                                "--correspondance MA-CORRESPONDANCE.yml (ou --proposer -o MA-CORRESPONDANCE.yml "
                                "pour en écrire une) ; fournies : " + ", ".join(mp.presets())).problems)
    mapping = mp.load(name)
    report = Report(args.format, str(args.fichier))
    table, labels = source_table(args, report.warnings)
    if (not table.headers and args.fichier.suffix.lower() == ".json") or (table.headers and not table.rows):
        raise fail(args.fichier, "aucun lieu dans ce fichier : " + (
            "le JSON doit être un tableau d'objets non vide (un objet par lieu)" if not table.headers
            else "l'en-tête est là, mais aucune ligne ne suit"),
            "vérifiez que c'est le bon fichier (un export complet), puis relancez")
    if not table.headers:
        raise fail(args.fichier, "fichier vide : aucune ligne d'en-tête", "la première ligne doit nommer les colonnes")
    applied = engine.apply(mapping, table, args.fichier.name, labels=labels,
                           with_unlicensed=getattr(args, "inclure_sans_licence", False))
    report.unused, report.ignored = applied.unused, list(applied.filtered)
    report.warnings.extend(applied.warnings)
    kept: list[Cleaned] = []
    wanted = args.departements or load_settings(args.root).departements
    for raw in applied.rows:
        item = clean(raw, "|", keep_personal=getattr(args, "garder_courriels", False))
        report.names[item.where] = str(item.data.get("nom") or "")
        report.warnings.extend(item.notes)
        if item.error:
            report.ignored.append(f"{item.where}: {item.error}")
            report.failed.append(report.ignored[-1])
            continue
        dept = departement(item.data)
        if wanted and dept not in wanted:
            report.ignored.append(f"{item.where}: hors des départements demandés ({dept})")
            continue
        kept.append(item)
    report.full_list = report_path(args, mapping)
    write_all(args.root, kept, report, update=args.mise_a_jour,
              dry_run=getattr(args, "essai", False), force=getattr(args, "forcer", False))
    return report


def report_path(args: argparse.Namespace, mapping: mp.Mapping) -> str:
    chosen = getattr(args, "rapport", None)
    if chosen:
        return str(chosen)
    stem = slugify(mapping.source or args.fichier.stem) or "import"
    return f"import/{stem}-rapport.txt"


def write_full_report(args: argparse.Namespace, report: Report) -> None:
    if report.dry_run:
        report.full_list = ""  # --essai writes nothing, not even the report file
        return
    target = Path(report.full_list)
    target = target if target.is_absolute() or getattr(args, "rapport", None) else args.root / target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(report.full_text(), encoding="utf-8")
    except OSError as exc:
        print(f"{target}: rapport complet non écrit ({exc.strerror})", file=sys.stderr)
        report.full_list = ""


def run_import(args: argparse.Namespace) -> int:
    try:
        report = import_file(args)
    except ContentError as exc:
        print(format_all(exc.problems), file=sys.stderr)
        return 1
    write_full_report(args, report)
    sys.stdout.write(report.text())
    if (report.created or report.updated or report.merged) and not report.dry_run:
        print("Vérifiez ensuite le contenu : python -m generator check", file=sys.stderr)
    if not report.complete:
        print(f"Import incomplet : {len(report.failed)} ligne(s) non importée(s), {len(report.open_conflicts)} conflit(s), "
              f"{len(report.duplicates)} doublon(s) probable(s) — {report.counts()}", file=sys.stderr)
        return 1
    return 0


def run_propose(args: argparse.Namespace) -> int:
    from generator.importers.propose import propose

    warnings: list[str] = []
    try:
        table, _labels = source_table(args, warnings)
        if not table.headers:
            raise fail(args.fichier, "fichier vide : aucune ligne d'en-tête", "la première ligne doit nommer les colonnes")
        text = propose(table, args.fichier.name)
    except ContentError as exc:
        print(format_all(exc.problems), file=sys.stderr)
        return 1
    for warning in warnings:
        print(warning, file=sys.stderr)
    target = getattr(args, "sortie", None)
    if not target or str(target) == "-":
        sys.stdout.write(text)
        return 0
    if target.exists():
        print(f"{target}: existe déjà, non remplacé — choisissez un autre nom avec -o", file=sys.stderr)
        return 1
    target.write_text(text, encoding="utf-8")
    print(f"écrit : {target} — relisez-le, puis : python -m generator import tableur {args.fichier} "
          f"--correspondance {target}", file=sys.stderr)
    return 0
