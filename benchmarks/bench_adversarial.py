"""``check`` on adversarial Markdown bodies: ``python -m benchmarks.bench_adversarial``.

For each hostile pattern (a run of ``{a=``, of ``*``, of ``[``…) and each size from 16 to 256 KiB,
a content tree holding one minutes file whose body is the pattern repeated; ``generator.pipeline.load``
(what ``check --sans-geo`` runs) is timed on it, best of ``--repeat`` in CPU time. Linear growth gives
time(256 KiB) / time(16 KiB) ≈ 16; a backtracking pattern gives ≈ 256. Every body starts with a harmless
attribute list, so the full Markdown parse always runs (the lint's fast path never hides a scan).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from benchmarks.common import best_of, machine, machine_md, read_json, table, write_json, write_section
from benchmarks.synth import WORK
from generator.config import load_settings
from generator.pipeline import load
from generator.rules.files import MAX_BYTES

SIZES_KIB = (16, 32, 64, 128, 256)
PATTERNS: tuple[str, ...] = ("{a=", '{a="', "{#a .b ", "*", "*a", "_", "[", "[[[[a]", "](", "<", "<a ", "`",
                            "`` ` ", "> ", "  - ", "a.b@", "04 ")
FRONT = "---\ntitre: Réunion\ndate: 2024-06-21\nstatut: tenue\nformat: visio\n---\nOrdre du jour {.note}\n\n"
PROBLEMS_SHOWN = 3


def body(pattern: str, kib: int) -> str:
    """The whole minutes file: front matter then the pattern repeated, ``kib`` KiB in all (UTF-8),
    the last size just under the 256 KiB file limit."""
    size = min(kib * 1024, MAX_BYTES) - len(FRONT.encode("utf-8")) - 1
    return FRONT + (pattern * (size // len(pattern) + 1))[:size] + "\n"


def tree(pattern: str, kib: int, work: Path) -> Path:
    root = work / "adversarial" / f"motif{PATTERNS.index(pattern):02d}-{kib}"
    if root.exists():
        shutil.rmtree(root)
    (root / "meetings").mkdir(parents=True)
    (root / "meetings" / "2024-06-21-reunion.md").write_text(body(pattern, kib), encoding="utf-8")
    return root


def measure(pattern: str, repeat: int, work: Path) -> dict[str, Any]:
    times: dict[str, float] = {}
    codes: set[str] = set()
    for kib in SIZES_KIB:
        root = tree(pattern, kib, work)
        settings = load_settings(root)
        codes |= {p.code for p in load(root, settings, with_geo=False).problems}
        times[str(kib)] = best_of(repeat, lambda root=root, settings=settings: load(root, settings, with_geo=False))[1]
        shutil.rmtree(root)
    first, last = times[str(SIZES_KIB[0])], times[str(SIZES_KIB[-1])]
    return {"cpu_s": times, "ratio": last / first if first > 0 else 0.0, "codes": sorted(codes)}


def _cell(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s".replace(".", ",")


def _code(pattern: str) -> str:
    """The pattern as a Markdown code span, fenced by more backticks than it holds in a row."""
    longest = max((len(run) for run in re.findall(r"`+", pattern)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {pattern} {fence}"


def report(results: dict[str, dict[str, Any]], info: dict[str, Any]) -> str:
    rows = [[_code(pattern),
             *(_cell(r["cpu_s"][str(kib)]) for kib in SIZES_KIB),
             f"**{r['ratio']:.1f}**".replace(".", ","), ", ".join(r["codes"]) or "aucun"]
            for pattern, r in results.items()]
    headers = ["motif répété", *(f"{kib} Kio" for kib in SIZES_KIB), f"rapport {SIZES_KIB[-1]}/{SIZES_KIB[0]}",
               "problèmes signalés"]
    return (f"## adversarial\n\n{machine_md(info)}\n"
            "Un compte-rendu dont le corps est un motif hostile répété, de 16 à 256 Kio (la limite d'un fichier) ; "
            "durée de `generator.pipeline.load` sans géographie (ce que lance `check --sans-geo` : lecture stricte, "
            "lint du Markdown, validation), meilleur de plusieurs passages, en temps processeur. Chaque corps commence "
            "par une liste d'attributs inoffensive, pour que l'analyse complète du Markdown tourne toujours. Une "
            "croissance linéaire donne un **rapport** 256/16 proche de 16 (les plus petites durées, quelques "
            "millisecondes, rendent le rapport bruité) ; un motif à retour arrière donnerait environ 256. "
            "Avant la réécriture des analyses du lint (commit dca7d36), le lint seul prenait 2,1 s à 16 Kio et "
            "33 s à 64 Kio pour `{a=` répété, et 1,6 s puis 25 s pour `{a=\"` (croissance quadratique).\n\n"
            + table(headers, rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_adversarial",
                                     description="Mesure « check » sur des corps Markdown hostiles de 16 à 256 Kio.")
    parser.add_argument("--repeat", type=int, default=3, help="passages par mesure (le meilleur est gardé)")
    parser.add_argument("--motif", nargs="+", choices=sorted(PATTERNS), help="seulement ces motifs")
    parser.add_argument("--rapport", action="store_true",
                        help="réécrire seulement la section de RESULTS.md à partir de results/adversarial.json")
    args = parser.parse_args(argv)
    if args.rapport:
        saved = read_json("adversarial.json")
        write_section("adversarial", report(saved["results"], saved["machine"]))
        return 0
    info = machine()
    results: dict[str, dict[str, Any]] = dict(read_json("adversarial.json").get("results") or {})
    for name in args.motif or PATTERNS:
        r = measure(name, args.repeat, WORK)
        results[name] = r
        print(f"{name!r}: {r['cpu_s']} → rapport {r['ratio']:.1f}", flush=True)
        ordered = {key: results[key] for key in PATTERNS if key in results}
        write_json("adversarial.json", {"machine": info, "sizes_kib": list(SIZES_KIB), "results": ordered})
        write_section("adversarial", report(ordered, info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
