"""Shared helpers of the benchmarks: machine description, result files, RESULTS.md sections."""

from __future__ import annotations

import gc
import json
import os
import platform
import re
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
RESULTS_MD = RESULTS / "RESULTS.md"
TITLE = "# Résultats des mesures de performance\n"
NOTE = ("Machine partagée : d'autres processus (tests, constructions) peuvent tourner en même temps ; "
        "les durées absolues varient de ±10 à 25 % d'une exécution à l'autre, seuls les rapports mesurés "
        "dans une même exécution sont comparables.")


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        match = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
        cpu = match.group(1).strip() if match else ""
    except OSError:
        pass
    ram = 0
    try:
        match = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
        ram = int(match.group(1)) * 1024 if match else 0
    except OSError:
        pass
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = 0.0
    return {
        "nproc": os.cpu_count(), "ram_gib": round(ram / 2**30, 1), "cpu": cpu,
        "python": platform.python_version(), "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "loadavg_1min_at_start": round(load, 2), "commit": _commit(),
    }


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
        return out.stdout.strip()
    except OSError:
        return ""


def machine_md(info: dict[str, Any]) -> str:
    return (f"Machine : {info['nproc']} cœurs, {info['ram_gib']} Gio de RAM, {info['cpu'] or 'processeur inconnu'}, "
            f"Python {info['python']} ; mesuré le {info['date']} (commit {info['commit'] or '?'}, charge "
            f"{info['loadavg_1min_at_start']} au départ).\n\n{NOTE}\n")


def best_of(repeat: int, func: Callable[[], Any]) -> tuple[float, float]:
    """Smallest wall and CPU times over ``repeat`` runs; results dropped and garbage collected in between.

    CPU time (of this process) is less disturbed than wall time when other processes share the cores.
    """
    wall = cpu = float("inf")
    for _ in range(repeat):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        cpu = min(cpu, time.process_time() - start_cpu)
        wall = min(wall, time.perf_counter() - start)
    gc.collect()
    return wall, cpu


def write_json(name: str, payload: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / name
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_json(name: str) -> dict[str, Any]:
    try:
        return json.loads((RESULTS / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_section(name: str, markdown: str) -> None:
    """Replace the section ``name`` of RESULTS.md (between HTML comment markers), keeping the others."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = RESULTS_MD.read_text(encoding="utf-8") if RESULTS_MD.is_file() else TITLE
    start, end = f"<!-- section:{name} -->", f"<!-- /section:{name} -->"
    block = f"{start}\n{markdown.rstrip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    RESULTS_MD.write_text(text, encoding="utf-8")


def table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def human_bytes(size: float) -> str:
    for unit in ("o", "Kio", "Mio", "Gio"):
        if size < 1024 or unit == "Gio":
            return f"{size:.0f} {unit}" if unit == "o" else f"{size:.1f} {unit}".replace(".", ",")
        size /= 1024
    return str(size)


def seconds(value: float) -> str:
    return f"{value:.2f} s".replace(".", ",")
