"""``python -m generator export …`` and ``python -m generator import …`` (open data both ways)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli.args import add_root
from generator.config import load_settings
from generator.errors import format_all
from generator.pipeline import load
from generator.rules.departements import departement_refusal

EXPORTS = {
    "lieux-csv": "lieux-mediation-numerique.csv",
    "lieux-json": "lieux-mediation-numerique.json",
    "geojson": "lieux.geojson",
    "ical": "reunions.ics",
    "rss": "comptes-rendus.xml",
    "actions-csv": "actions.csv",
}
IMPORT_FORMATS = ("tableur", "mednum", "bazar", "france-services")


def cmd_export(args: argparse.Namespace) -> int:
    from generator.site.exports import mednum
    from generator.site.exports.producer import data_files

    settings = load_settings(args.root)
    loaded = load(args.root, settings, with_geo=True)
    if loaded.problems:
        print(format_all(loaded.problems))
        print(f"\n{len(loaded.problems)} problème(s) : corrigez-les avant d'exporter.", file=sys.stderr)
        return 1
    if args.format in ("lieux-csv", "lieux-json"):
        for path in mednum.missing_services(loaded.corpus):
            print(f"{path}: avertissement : aucun service indiqué ; exporté comme partenaire du réseau "
                  "(« Ce lieu n'accueille pas de public »), comme le lit la cartographie nationale — "
                  "si ce lieu accueille du public, ajoutez « services »", file=sys.stderr)
        for path in mednum.missing_address(loaded.corpus):
            print(f"{path}: avertissement : pas d'adresse ; ce lieu n'est pas dans l'export national, qui "
                  "l'exige — ajoutez « adresse » (le numéro et la rue)", file=sys.stderr)
    files = data_files(loaded.corpus, settings)
    if args.format == "schemas":
        out = Path(args.output or "schemas")
        for name, content in sorted(files.items()):
            if name.startswith("schemas/") or name == "schema-lieux.json":
                target = out / Path(name).name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(str(content), encoding="utf-8")
                print(f"écrit : {target}", file=sys.stderr)
        return 0
    content = files[EXPORTS[args.format]]
    data = content.encode("utf-8") if isinstance(content, str) else content
    if args.output and args.output != "-":
        Path(args.output).write_bytes(data)
        print(f"écrit : {args.output} ({len(data)} octets)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if getattr(args, "proposer", False):
        from generator.importers.run import run_propose

        return run_propose(args)
    from generator.importers.run import run_import

    return run_import(args)


def _departements(value: str) -> tuple[str, ...]:
    codes = tuple(code.strip().upper().zfill(2) for code in value.split(",") if code.strip())
    if not codes:
        raise argparse.ArgumentTypeError("liste de départements vide (exemple : 04,05,07)")
    for code in codes:
        if (refusal := departement_refusal(code)) is not None:
            raise argparse.ArgumentTypeError(f"{refusal[0]} — {refusal[1].replace(' entre guillemets ; ', ' ; ')}")
    return codes


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser("export", help="exporter les données ouvertes (standard national, GeoJSON, iCal…)")
    export.add_argument("format", choices=(*EXPORTS, "schemas"),
                        help="lieux-csv, lieux-json, geojson, ical, rss, actions-csv ou schemas")
    add_root(export)
    export.add_argument("-o", "--output", help="fichier de sortie (par défaut : sortie standard ; "
                                               "pour « schemas » : un dossier, par défaut schemas/)")
    export.set_defaults(func=cmd_export)

    imp = subparsers.add_parser("import", help="importer des structures (tableur avec correspondance, standard "
                                               "national, YesWiki Bazar, France Services)")
    imp.add_argument("format", choices=IMPORT_FORMATS,
                     help="tableur (avec --correspondance), ou une correspondance fournie : mednum, bazar "
                          "(correspondance hinaura) ou france-services")
    imp.add_argument("fichier", type=Path, help="fichier à importer (CSV, JSON, XLSX ou ODS)")
    add_root(imp)
    imp.add_argument("--departements", type=_departements,
                     help="ne garder que ces départements, par exemple 04,05,07 "
                          "(par défaut : ceux du mkdocs.yml du dossier)")
    imp.add_argument("--correspondance", "--mapping", dest="correspondance",
                     help="correspondance des colonnes : un fichier YAML, ou le nom d'une correspondance fournie "
                          "(hinaura, france-services, mednum)")
    imp.add_argument("--proposer", action="store_true",
                     help="écrire une correspondance de départ devinée d'après les en-têtes et les valeurs (avec -o)")
    imp.add_argument("-o", "--sortie", type=Path, help="avec --proposer : fichier de correspondance à écrire")
    imp.add_argument("--inclure-sans-licence", action="store_true",
                     help="importer aussi les lignes sans accord pour la licence des données (Hinaura)")
    imp.add_argument("--rapport", type=Path,
                     help="fichier de la liste complète des problèmes (par défaut : import/<source>-rapport.txt)")
    imp.add_argument("--formulaire", type=Path,
                     help="définition du formulaire Bazar (JSON de ?api/forms/{id}) pour traduire les cases à cocher")
    imp.add_argument("--mise-a-jour", action="store_true",
                     help="mettre à jour les fiches déjà importées (sinon elles sont ignorées) : "
                          "une correction faite à la main reste, un conflit est signalé")
    imp.add_argument("--essai", action="store_true",
                     help="montrer ce que l'import ferait, sans rien écrire")
    imp.add_argument("--forcer", action="store_true",
                     help="en cas de conflit, prendre la valeur de la source ; créer aussi les doublons probables")
    imp.add_argument("--garder-courriels", action="store_true",
                     help="garder les courriels qui ressemblent à ceux d'une personne (prenom.nom@…), signalés dans le rapport")
    imp.set_defaults(func=cmd_import)
