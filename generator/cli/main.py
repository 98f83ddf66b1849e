"""Command line: ``python -m generator {check,build,export,import,new,review} …`` (French help).

Exit codes: 0 success, 1 content problems, 2 usage error, 3 internal bug.
``check`` and ``build`` are here; every other sub-command lives in its own module of this
package exposing ``register(subparsers)`` (heavy imports inside the command functions).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cli import data, new, review
from generator.cli.args import add_root
from generator.cli.french import install as install_french
from generator.errors import NOTICE, WARNING, ContentError, Problem, format_all
from generator.mkdocs.engine import EngineMissing, engine_module
from generator.rules.wording import count
from generator.search.index import SearchIndexError
from generator.search.parts import COPIES_ENV, index_parts, read_copies

if TYPE_CHECKING:
    from generator.load.corpus import Corpus



def _count(n: int, singular: str, plural: str) -> str:
    return count(n, singular, plural, space=" ")  # a terminal shows no difference: plain space


def summary(corpus: Corpus) -> str:
    """« 42 structures, 18 personnes (13 publiées), … » with French agreement."""
    published = len(corpus.published_people())
    return ", ".join((
        _count(len(corpus.structures), "structure", "structures"),
        _count(len(corpus.people), "personne", "personnes")
        + f" ({_count(published, 'publiée', 'publiées')})",
        _count(len(corpus.meetings), "compte-rendu", "comptes-rendus"),
        _count(len(corpus.actions), "fiche action", "fiches actions"),
        _count(len(corpus.competences), "compétence", "compétences"),
    ))


def _print_warnings(warnings: list[Problem]) -> None:
    """The « Avertissements » section (content to look at), then the notices on the reference data."""
    content = [p for p in warnings if p.severity != NOTICE]
    notices = [p for p in warnings if p.severity == NOTICE]
    for heading, items in (("Avertissements :", content), ("Données de référence (rien à corriger) :", notices)):
        if items:
            print(f"\n{heading}")
            print(format_all(items))


def cmd_check(args: argparse.Namespace) -> int:
    # imported here: `build` (a child MkDocs does the work) need not load the models
    from generator.config import read_settings
    from generator.pipeline import load

    settings, problems = read_settings(args.root)
    # a refused option (départements…) would make the communes' problems misleading: checked once it is fixed
    loaded = load(args.root, settings, with_geo=not args.sans_geo and not problems)
    problems = sorted(problems + loaded.problems)
    warnings = loaded.warnings
    strict_fails = args.strict and any(p.severity == WARNING for p in warnings)
    if problems:
        print(format_all(problems))
        _print_warnings(warnings)
        files = len({p.location.path for p in problems})
        print(f"\n{len(problems)} problème(s) dans {files} fichier(s).", file=sys.stderr)
        return 1
    _print_warnings(warnings)
    count = sum(1 for p in warnings if p.severity == WARNING)
    if strict_fails:
        print(f"\n{count} avertissement(s) refusé(s) par --strict : corrigez-les, ou vérifiez sans --strict.",
              file=sys.stderr)
        return 1
    suffix = f" ({count} avertissement(s) à examiner)" if count else ""
    print(f"{chr(10) if warnings else ''}Contenu valide : {summary(loaded.corpus)}{suffix}.")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Atomic build: into a temporary sibling folder, swapped into place only on success.

    MkDocs (or ProperDocs, generator/mkdocs/engine.py) runs in a child process; for a large site
    its pages' search copies come back in a file and the search index is written here, in parts,
    once MkDocs has ended and given its memory back (generator/search/parts.py)."""
    import shutil
    import tempfile

    try:
        engine = engine_module()
    except EngineMissing as exc:
        print(f"Construction impossible : {exc}", file=sys.stderr)
        return 1
    target = Path(args.site_dir).resolve() if args.site_dir else args.root / "site"
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-construction-{os.getpid()}-", dir=target.parent))
    copies = staging.with_name(staging.name + "-recherche.jsonl")
    try:
        command = [sys.executable, "-m", engine, "build", "--strict", "-f", str(args.root / "mkdocs.yml"),
                   "--site-dir", str(staging)]
        code = subprocess.call(command, cwd=args.root, env={**os.environ, COPIES_ENV: str(copies)})
        if code == 0 and copies.is_file():
            code = index_copies(copies, staging)
        if code != 0:
            print(f"Construction échouée : {target} n'a pas été modifié.", file=sys.stderr)
            return code
        staging.chmod(0o755)
        previous = target.with_name(f".{target.name}-precedent-{os.getpid()}")
        if target.exists():
            target.rename(previous)
        staging.rename(target)
        shutil.rmtree(previous, ignore_errors=True)
        print(f"Site construit dans {target}.")
        return 0
    finally:
        copies.unlink(missing_ok=True)
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        pass
    return True


def remove_leftovers(target: Path) -> list[Path]:
    """Staging folders and copies files of builds that died (``kill -9``, power cut): removed.

    Their names carry the builder's process id; those of a build still running are kept."""
    import shutil

    removed = []
    for path in sorted(target.parent.glob(f".{target.name}-*")):
        kind, _, rest = path.name[len(target.name) + 2:].partition("-")
        pid = rest.split("-", 1)[0].split(".", 1)[0]
        if kind not in ("construction", "precedent") or (pid.isdigit() and _alive(int(pid))):
            continue  # (names without a process id come from versions that did not write one)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def index_copies(copies: Path, site_dir: Path) -> int:
    """The search index of a large site, from the copies MkDocs wrote; 0, or 1 with a French message."""
    try:
        with copies.open(encoding="utf-8") as lines:
            count = sum(1 for _ in lines)
        parts = index_parts(lambda: read_copies(copies), count, site_dir)
    except (SearchIndexError, OSError, ValueError) as exc:
        print(f"Construction refusée : {exc}", file=sys.stderr)
        return 1
    print(f"Index de recherche : {count} pages en {len(parts) + 1} parties.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    install_french()
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Générateur du site du réseau de médiation numérique.",
    )
    sub = parser.add_subparsers(dest="commande", metavar="COMMANDE", required=True)
    check = sub.add_parser("check", help="vérifier tout le contenu (fichier:ligne:colonne pour chaque problème)")
    add_root(check)
    check.add_argument("--sans-geo", action="store_true", help="ne pas vérifier les communes (plus rapide)")
    check.add_argument("--strict", action="store_true",
                       help="échouer aussi sur les avertissements (coordonnées loin de la commune, code postal…)")
    check.set_defaults(func=cmd_check)
    build = sub.add_parser("build", help="construire le site (équivaut à mkdocs build --strict ; ProperDocs s'il est installé)")
    add_root(build)
    build.add_argument("--site-dir", help="dossier de sortie (par défaut : site/)")
    build.set_defaults(func=cmd_build)
    for command in (data, new, review):
        command.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except ContentError as exc:  # mkdocs.yml refused before any content was read (export, import…)
        print(format_all(exc.problems))
        print(f"\n{len(exc.problems)} problème(s) : corrigez-les puis relancez la commande.", file=sys.stderr)
        return 1
    except Exception as exc:  # a traceback here is a bug in the generator, never the user's fault
        print(f"Erreur interne du générateur (ce n'est pas votre faute) : {exc!r}", file=sys.stderr)
        print("Merci de la signaler à l'équipe technique avec la commande lancée.", file=sys.stderr)
        if os.environ.get("GENERATOR_DEBUG"):
            traceback.print_exc()
        return 3
