"""Time of ``check`` against its floor, the strict loading alone: ``python -m benchmarks.bench_check``.

For each N (structures; people, meetings and actions in proportion) in one process:
floor = ``read_sources`` (strict YAML of every file), check = ``pipeline.load`` without
and with communes (read from the disk cache), best of ``--repeat``; plus the command
line ``python -m generator check`` as a user runs it (interpreter start-up and imports).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import pstats
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from benchmarks.common import best_of, machine, machine_md, read_json, seconds, table, write_json, write_section
from benchmarks.synth import REPO, ensure
from generator.config import load_settings
from generator.load.corpus import build_corpus
from generator.load.sources import read_sources
from generator.pipeline import load

TARGET = 1.5


def libyaml_floor(root: Path) -> None:
    """libyaml's own event parse of every content file (no checks, nothing built)."""
    for folder in ("actors", "meetings", "actions"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".yml", ".md"):
                continue
            text = path.read_bytes().decode("utf-8")
            if path.suffix == ".md":
                text = text.split("\n---", 1)[0].removeprefix("---\n")
            for _event in yaml.parse(text, Loader=yaml.CSafeLoader):
                pass


def _clear_communes() -> None:
    try:
        from generator.geo.communes import clear_memo
    except ImportError:
        return
    clear_memo()


def _with_geo(root: Path, settings: Any) -> None:
    _clear_communes()  # read the commune table from the disk cache, as a fresh `check` does
    load(root, settings)


def cli_time(root: Path, args: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root), *args],
                            cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"check a échoué sur {root} :\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed


def _stage(name: str) -> Any:
    """A pipeline stage by dotted name, or None when this version of the generator lacks it."""
    module, _, attr = name.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError):
        return None


def stages(root: Path, settings: Any, sources: list[Any], repeat: int) -> dict[str, float]:
    """CPU time of each stage of ``pipeline.load`` measured alone (best of ``repeat``)."""
    out: dict[str, float] = {}
    lint_all = _stage("generator.load.markdown_lint.lint_all")
    if lint_all is not None:
        out["lint_markdown"] = best_of(repeat, lambda: lint_all(root, sources))[1]
    out["validation_references"] = best_of(repeat, lambda: build_corpus(sources, None))[1]
    load_communes_for = _stage("generator.pipeline.load_communes_for")
    if load_communes_for is not None:
        out["communes_cache"] = best_of(repeat, lambda: (_clear_communes(), load_communes_for(settings)))[1]
        communes = load_communes_for(settings)
        with_geo = best_of(repeat, lambda: build_corpus(sources, communes))[1]
        out["positions_communes"] = max(0.0, with_geo - out["validation_references"])
    return out


def measure(n: int, repeat: int) -> dict[str, Any]:
    root = ensure(n)
    settings = load_settings(root)
    loaded = load(root, settings)  # warms the OS page cache and writes the commune cache
    if loaded.problems:
        raise SystemExit(f"le corpus synthétique n={n} comporte {len(loaded.problems)} problème(s) :\n"
                         + "\n".join(p.format() for p in loaded.problems[:20]))
    counts = {"structures": len(loaded.corpus.structures), "people": len(loaded.corpus.people),
              "meetings": len(loaded.corpus.meetings), "actions": len(loaded.corpus.actions)}
    del loaded
    floor = best_of(repeat, lambda: read_sources(root))
    raw = best_of(repeat, lambda: libyaml_floor(root))
    sans_geo = best_of(repeat, lambda: load(root, settings, with_geo=False))
    avec_geo = best_of(repeat, lambda: _with_geo(root, settings))
    sources = read_sources(root)[0]
    parts = stages(root, settings, sources, repeat)
    del sources
    cli = min(cli_time(root, []) for _ in range(max(1, repeat - 1)))
    return {"n": n, "counts": counts, "files": sum(counts.values()) + 3,
            "wall_s": {"floor_read_sources": floor[0], "libyaml_events": raw[0], "check_sans_geo": sans_geo[0],
                       "check_avec_geo": avec_geo[0], "cli_check": cli},
            "cpu_s": {"floor_read_sources": floor[1], "libyaml_events": raw[1], "check_sans_geo": sans_geo[1],
                      "check_avec_geo": avec_geo[1]},
            "cpu_stages_s": parts,
            "ratio_wall_sans_geo": sans_geo[0] / floor[0], "ratio_wall_avec_geo": avec_geo[0] / floor[0],
            "ratio_cpu_sans_geo": sans_geo[1] / floor[1], "ratio_cpu_avec_geo": avec_geo[1] / floor[1],
            "read_sources_vs_libyaml_cpu": floor[1] / raw[1]}


def profile(n: int, out: Path) -> None:
    root = ensure(n)
    settings = load_settings(root)
    _clear_communes()
    profiler = cProfile.Profile()
    profiler.enable()
    load(root, settings)
    profiler.disable()
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    buffer.write(f"Profil de pipeline.load à N={n} (cProfile ; les durées sont gonflées par le profilage)\n\n")
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(30)
    out.write_text(buffer.getvalue().replace(str(REPO) + "/", ""), encoding="utf-8")


def _ratio(value: float) -> str:
    return f"{value:.2f}×".replace(".", ",")


def report(results: list[dict[str, Any]], info: dict[str, Any]) -> str:
    rows = []
    for r in results:
        wall, cpu = r["wall_s"], r["cpu_s"]
        rows.append([f"{r['n']:,}".replace(",", " "), f"{r['files']:,}".replace(",", " "),
                     f"{seconds(cpu['floor_read_sources'])} ({seconds(wall['floor_read_sources'])})",
                     f"{seconds(cpu['check_sans_geo'])} ({seconds(wall['check_sans_geo'])})",
                     f"**{_ratio(r['ratio_cpu_sans_geo'])}** ({_ratio(r['ratio_wall_sans_geo'])})",
                     f"{seconds(cpu['check_avec_geo'])} ({seconds(wall['check_avec_geo'])})",
                     f"**{_ratio(r['ratio_cpu_avec_geo'])}** ({_ratio(r['ratio_wall_avec_geo'])})",
                     seconds(wall["cli_check"]), _ratio(r["read_sources_vs_libyaml_cpu"])])
    headers = ["N structures", "fichiers", "plancher : read_sources", "check sans géo", "rapport",
               "check avec géo", "rapport", "commande complète (réel)", "read_sources / libyaml seul (CPU)"]
    names = {"lint_markdown": "lint Markdown", "validation_references": "validation + références",
             "communes_cache": "communes (cache disque)", "positions_communes": "positions par commune"}
    stage_rows = [[f"{r['n']:,}".replace(",", " "), seconds(r["cpu_s"]["floor_read_sources"])]
                  + [seconds(r["cpu_stages_s"].get(key, 0.0)) for key in names] for r in results]
    return (f"## check\n\n{machine_md(info)}\n"
            f"Plancher = lecture stricte des mêmes fichiers (`generator.load.sources.read_sources`) ; « check » = "
            f"`generator.pipeline.load` (lecture, lint du Markdown, validation pydantic, références croisées, "
            f"puis communes lues depuis le cache disque pour « avec géo »). Meilleur de plusieurs passages dans "
            f"un même processus ; temps processeur du processus (peu sensible aux autres processus de la machine), "
            f"et entre parenthèses durée réelle (faussée quand la machine est chargée). « commande complète » = `python -m generator check --root …` (démarrage de Python et "
            f"imports compris). Objectif : rapport ≤ {TARGET:.1f}×.\n\n" + table(headers, rows)
            + "\nTemps processeur de chaque étape mesurée seule :\n\n"
            + table(["N structures", "lecture stricte", *names.values()], stage_rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_check",
                                     description="Mesure la durée de « check » par rapport à la lecture seule.")
    parser.add_argument("--n", type=int, nargs="+", default=[300, 3000, 30000], help="tailles (structures)")
    parser.add_argument("--repeat", type=int, default=3, help="passages par mesure (le meilleur est gardé)")
    parser.add_argument("--profile", action="store_true", help="profiler aussi la plus grande taille")
    parser.add_argument("--rapport", action="store_true",
                        help="réécrire seulement la section de RESULTS.md à partir de results/check.json")
    args = parser.parse_args(argv)
    if args.rapport:
        saved = read_json("check.json")
        write_section("check", report(saved["results"], saved["machine"]))
        return 0
    info = machine()
    for n in args.n:
        r = measure(n, args.repeat if n < 30000 else min(args.repeat, 2))
        previous = {r["n"]: r for r in read_json("check.json").get("results") or []}
        previous[n] = r
        print(f"N={n}: plancher {r['wall_s']['floor_read_sources']:.2f} s, check {r['wall_s']['check_avec_geo']:.2f} s "
              f"({r['ratio_wall_avec_geo']:.2f}× ; processeur {r['ratio_cpu_avec_geo']:.2f}×)", flush=True)
        results = [previous[k] for k in sorted(previous)]
        write_json("check.json", {"machine": info, "results": results})
        write_section("check", report(results, info))
    if args.profile:
        profile(max(args.n), REPO / "benchmarks" / "results" / f"profil-check-{max(args.n)}.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
