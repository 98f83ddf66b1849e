"""Full ``mkdocs build`` of a synthetic root against bare Material: ``python -m benchmarks.bench_build``.

For each N: build the synthetic tree (every producer that exists at run time, Pagefind
included: the plugin feeds it page by page), then a baseline with as many plain Markdown
pages under Material + its lunr search; CPU and wall time, peak memory (the largest process
per ``/usr/bin/time -v``, and the sum over the process tree sampled every 0.5 s: the build
and Pagefind run side by side), output size, search index sizes. The built sites stay in
``benchmarks/work/site-n<N>`` for ``bench_bytes``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks import baseline
from benchmarks.common import human_bytes, machine, machine_md, read_json, seconds, table, write_json, write_section
from benchmarks.synth import REPO, WORK, ensure

TIME = Path("/usr/bin/time")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def tree_rss(pid: int) -> dict[int, tuple[str, int]]:
    """Resident memory of ``pid`` and each of its descendants: {pid: (program name, bytes)} (Linux /proc)."""
    tree, found, todo = _children(), {}, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text().splitlines()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status if ":" in line)
        rss = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
        found[current] = (fields.get("Name", "?").strip(), rss)
        todo.extend(tree.get(current, []))
    return found


def run(command: list[str], cwd: Path) -> dict[str, Any]:
    """Run ``command``; CPU and wall time, peak RSS (largest process, and whole tree sampled), warnings."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    report = cwd / ".time.txt"
    prefix = [str(TIME), "-v", "-o", str(report)] if TIME.exists() else []
    start = time.perf_counter()
    process = subprocess.Popen(prefix + command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    peak_tree = [0]
    by_program: dict[str, int] = {}  # python (MkDocs + generator), pagefind

    def sample() -> None:
        while process.poll() is None:
            found = tree_rss(process.pid).values()
            peak_tree[0] = max(peak_tree[0], sum(rss for _name, rss in found))
            for name, rss in found:
                by_program[name] = max(by_program.get(name, 0), rss)
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.communicate()[0]
    wall = time.perf_counter() - start
    sampler.join()
    rss, cpu = 0, 0.0
    if prefix and report.is_file():
        stats = report.read_text()
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stats)
        rss = int(match.group(1)) * 1024 if match else 0
        cpu = sum(float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", stats))
        report.unlink()
    return {"wall_s": wall, "cpu_s": cpu, "peak_rss_bytes": rss, "peak_tree_bytes": peak_tree[0],
            "peak_python_bytes": max((v for k, v in by_program.items() if k.startswith("python")), default=0),
            "peak_pagefind_bytes": max((v for k, v in by_program.items() if k.startswith("pagefind")), default=0),
            "returncode": process.returncode,
            "warnings": len(re.findall(r"^WARNING", output, re.MULTILINE)), "tail": output[-1500:]}


def tree_size(folder: Path) -> tuple[int, int, int]:
    """(total bytes, files, HTML pages) under ``folder``."""
    total = files = pages = 0
    for base, _dirs, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(base, name))
            files += 1
            pages += name.endswith(".html") and name != "404.html"
    return total, files, pages


def mkdocs_build(root: Path, site: Path, *, ours: bool = False) -> dict[str, Any]:
    """Ours: ``python -m generator build`` (what ``make build`` runs); the reference: ``mkdocs build``."""
    shutil.rmtree(site, ignore_errors=True)
    command = ([sys.executable, "-m", "generator", "build", "--root", str(root), "--site-dir", str(site)] if ours
               else [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(site)])
    measure = run(command, root)
    size, files, pages = tree_size(site) if site.is_dir() else (0, 0, 0)
    index = site / "search" / "search_index.json"
    bundle = tree_size(site / "pagefind")[0] if (site / "pagefind").is_dir() else 0
    measure.update(site_bytes=size, files=files, pages=pages, pagefind_bytes=bundle,
                   search_index_bytes=index.stat().st_size if index.is_file() else 0)
    return measure


WARM_UP_UNTIL = 3000  # structures; above, the cold compilation (≈ 0,5 s) is lost in the build


def measure(n: int) -> dict[str, Any]:
    root = ensure(n)
    site = WORK / f"site-n{n}"
    if n <= WARM_UP_UNTIL:  # a coordinator rebuilds: compiled templates come from Jinja's disk cache
        mkdocs_build(root, site, ours=True)
    ours = mkdocs_build(root, site, ours=True)
    print(f"N={n}: site {ours['wall_s']:.1f} s, {ours['pages']} pages (code {ours['returncode']})", flush=True)
    base_root = baseline.generate(max(ours["pages"], n), WORK / f"baseline-n{n}", REPO / "mkdocs.yml")
    base = mkdocs_build(base_root, WORK / f"baseline-site-n{n}")
    shutil.rmtree(WORK / f"baseline-site-n{n}", ignore_errors=True)
    print(f"N={n}: référence {base['wall_s']:.1f} s, {base['pages']} pages", flush=True)
    return {"n": n, "site": ours, "baseline": base,
            "ratio_wall": ours["wall_s"] / base["wall_s"] if base["wall_s"] else None,
            "ratio_cpu": ours["cpu_s"] / base["cpu_s"] if base.get("cpu_s") else None}


def report(results: list[dict[str, Any]], info: dict[str, Any]) -> str:
    rows = []
    for r in results:
        s, b = r["site"], r["baseline"]
        rows.append([f"{r['n']:,}".replace(",", " "), f"{s['pages']:,}".replace(",", " "),
                     f"{seconds(s.get('cpu_s', 0.0))} ({seconds(s['wall_s'])})"
                     + ("" if s["returncode"] == 0 else " (échec)"),
                     f"{seconds(b.get('cpu_s', 0.0))} ({seconds(b['wall_s'])})",
                     (f"**{r['ratio_cpu']:.2f}×** ({r['ratio_wall']:.2f}×)".replace(".", ",")
                      if r.get("ratio_cpu") else "—"),
                     f"**{human_bytes(s.get('peak_tree_bytes', 0))}** ({human_bytes(s.get('peak_python_bytes', 0))}, "
                     f"{human_bytes(s.get('peak_pagefind_bytes', 0))}) / {human_bytes(b['peak_rss_bytes'])}",
                     human_bytes(s["site_bytes"]), human_bytes(s.get("pagefind_bytes", 0)),
                     human_bytes(b["search_index_bytes"])])
    headers = ["N structures", "pages HTML", "notre site (Pagefind compris)", "Material seul (même nb de pages)",
               "rapport processeur (durée réelle)", "mémoire max : ensemble (plus gros Python, plus gros Pagefind) / Material",
               "taille du site", "index Pagefind", "index lunr de Material"]
    growth = ""
    by_n = {r["n"]: r for r in results if r["site"]["returncode"] == 0}
    if 3000 in by_n and 30000 in by_n:
        big, small = by_n[30000]["site"], by_n[3000]["site"]
        factor = big.get("cpu_s", 0.0) / small["cpu_s"] if small.get("cpu_s") else big["wall_s"] / small["wall_s"]
        pages = big["pages"] / small["pages"]
        growth = (f"\nCroissance 3 000 → 30 000 structures : temps processeur × {factor:.1f} pour × {pages:.1f} "
                  f"pages".replace(".", ",") + " (linéaire = même facteur).\n")
    return (f"## build\n\n{machine_md(info)}\n"
            "`python -m generator build` (ce que lance `make build` : `mkdocs build --strict` dans un processus "
            "enfant, SOURCE_DATE_EPOCH=0) du corpus synthétique avec tous les producteurs "
            "présents au moment de la mesure, contre un site de référence ayant le même nombre de pages Markdown "
            "simples sous Material + sa recherche lunr (même thème, navigation limitée aux pages d'index). Notre "
            "construction comprend l'index Pagefind : jusqu'à 10 000 pages, le greffon lance Pagefind au début et lui "
            "passe chaque page dès qu'elle est écrite, Pagefind indexe sur le second cœur ; au-delà, les pages sont "
            "indexées après MkDocs, en parties de 10 000 pages au plus, un processus Pagefind à la fois. Jusqu'à 3 000 structures, une première "
            "construction non mesurée remplit le cache des gabarits compilés (comme pour un coordinateur qui "
            "reconstruit ; à froid, environ 0,5 s de plus). Mémoire : somme des processus à chaque instant "
            "(commande, MkDocs, Pagefind ; échantillonnée toutes les 0,5 s), puis plus gros processus Python "
            "(MkDocs et générateur) et plus gros processus Pagefind. Durées : temps processeur (utilisateur + système, Pagefind compris) et entre "
            "parenthèses durée réelle (faussée quand la machine est chargée). "
            "Objectifs : rapport ≤ 1,3×, "
            "croissance linéaire, mémoire < 2 Gio à 30 000.\n\n" + table(headers, rows) + growth)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_build",
                                     description="Mesure la construction complète du site contre Material seul.")
    parser.add_argument("--n", type=int, nargs="+", default=[300, 3000], help="tailles (structures)")
    parser.add_argument("--rapport", action="store_true",
                        help="réécrire seulement la section de RESULTS.md à partir de results/build.json")
    args = parser.parse_args(argv)
    if args.rapport:
        saved = read_json("build.json")
        write_section("build", report(saved["results"], saved["machine"]))
        return 0
    info = machine()
    for n in args.n:
        result = measure(n)
        previous = {r["n"]: r for r in _previous()}  # re-read: another size may be measured in parallel
        previous[n] = result
        results = [previous[k] for k in sorted(previous)]
        write_json("build.json", {"machine": info, "results": results})
        write_section("build", report(results, info))
    return 0


def _previous() -> list[dict[str, Any]]:
    return list(read_json("build.json").get("results") or [])


if __name__ == "__main__":
    sys.exit(main())
