"""``python -m generator export …`` and ``python -m generator import …`` (open data both ways)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli.args import add_root
from generator.config import load_settings
from generator.errors import format_all
from generator.pipeline import load

EXPORTS = {
    "lieux-csv": "lieux-mediation-numerique.csv",
    "lieux-json": "lieux-mediation-numerique.json",
    "geojson": "lieux.geojson",
    "ical": "reunions.ics",
    "rss": "comptes-rendus.xml",
    "actions-csv": "actions.csv",
}
IMPORT_FORMATS = ("mednum", "bazar", "france-services")


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
    from generator.importers.run import run_import

    return run_import(args)


def _departements(value: str) -> tuple[str, ...]:
    codes = tuple(code.strip().zfill(2) for code in value.split(",") if code.strip())
    if not codes:
        raise argparse.ArgumentTypeError("liste de départements vide (exemple : 04,05,07)")
    return codes


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser("export", help="exporter les données ouvertes (standard national, GeoJSON, iCal…)")
    export.add_argument("format", choices=(*EXPORTS, "schemas"),
                        help="lieux-csv, lieux-json, geojson, ical, rss, actions-csv ou schemas")
    add_root(export)
    export.add_argument("-o", "--output", help="fichier de sortie (par défaut : sortie standard ; "
                                               "pour « schemas » : un dossier, par défaut schemas/)")
    export.set_defaults(func=cmd_export)

    imp = subparsers.add_parser("import", help="importer des structures (standard national, YesWiki Bazar, France Services)")
    imp.add_argument("format", choices=IMPORT_FORMATS, help="mednum, bazar ou france-services")
    imp.add_argument("fichier", type=Path, help="fichier à importer (CSV ou JSON)")
    add_root(imp)
    imp.add_argument("--departements", type=_departements,
                     help="ne garder que ces départements, par exemple 04,05,07 "
                          "(par défaut : ceux du mkdocs.yml du dossier)")
    imp.add_argument("--mapping", type=Path, help="fichier YAML de correspondance des champs (Bazar)")
    imp.add_argument("--formulaire", type=Path,
                     help="définition du formulaire Bazar (JSON de ?api/forms/{id}) pour traduire les cases à cocher")
    imp.add_argument("--mise-a-jour", action="store_true",
                     help="mettre à jour les fiches déjà importées (sinon elles sont ignorées) : "
                          "une correction faite à la main reste, un conflit est signalé")
    imp.add_argument("--essai", action="store_true",
                     help="montrer ce que l'import ferait, sans rien écrire")
    imp.add_argument("--forcer", action="store_true",
                     help="en cas de conflit, prendre la valeur de la source ; créer aussi les doublons probables")
    imp.set_defaults(func=cmd_import)
