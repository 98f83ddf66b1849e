"""Edit-to-reload time of ``mkdocs serve`` on the demo content.

Starts ``mkdocs serve`` on a scratch copy of the content tree (loopback, free port), waits for
the first build, then saves an edit and measures the time until the served page contains the
new text (HTTP polling every 50 ms), for three kinds of edit: a structure YAML, a meeting
minute and a hand-written page. Writes ``results/serve.json`` and the « serve » section of
``results/RESULTS.md``.

    .venv/bin/python -m benchmarks.bench_serve [--repeat 5] [--label après]

``GENERATOR_NO_SERVE_CACHE=1`` in the environment disables the plugin's rebuild caches
(to measure the « avant »).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, machine, machine_md, read_json, seconds, table, write_json, write_section

POLL = 0.05
FIRST_BUILD_TIMEOUT = 180.0
EDIT_TIMEOUT = 60.0
SETTLE = 1.0  # pause between edits, so that two rebuilds never overlap
ORDER = ("structure", "compte_rendu", "page")
COPIED = ("actors", "meetings", "actions", "content", "theme")


@dataclass(frozen=True)
class Edit:
    name: str
    label: str
    path: str  # relative to the scratch root
    url: str  # served path that must show the new text
    apply: Callable[[str, str], str]  # (original text, marker) -> edited text


def _replace_resume(text: str, marker: str) -> str:
    edited, count = re.subn(r"(?m)^presentation_resume:.*$",
                            f'presentation_resume: "Présentation modifiée {marker}."', text, count=1)
    if count != 1:
        raise SystemExit("presentation_resume introuvable dans la structure choisie")
    return edited


def _append_paragraph(text: str, marker: str) -> str:
    return text.rstrip("\n") + f"\n\nParagraphe ajouté pour la mesure {marker}.\n"


def edits(root: Path) -> list[Edit]:
    structure = sorted((root / "actors" / "structures").glob("*.yml"))[0]
    meeting = sorted((root / "meetings").glob("*.md"))[0]  # a held meeting (its body is shown)
    page = root / "content" / "contribuer.md"
    return [
        Edit("structure", "fiche structure (YAML)", str(structure.relative_to(root)),
             f"/annuaire/{structure.stem}/", _replace_resume),
        Edit("compte_rendu", "compte-rendu (Markdown)", str(meeting.relative_to(root)),
             f"/comptes-rendus/{meeting.stem}/", _append_paragraph),
        Edit("page", "page rédigée (content/)", str(page.relative_to(root)), "/contribuer/", _append_paragraph),
    ]


def scratch_copy(dest: Path) -> Path:
    for name in COPIED:
        if (REPO / name).exists():
            shutil.copytree(REPO / name, dest / name, symlinks=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    if (REPO / "node_modules").exists():
        (dest / "node_modules").symlink_to(REPO / "node_modules")
    if (REPO / ".cache" / "communes").is_dir():  # the commune cache a working copy already has
        shutil.copytree(REPO / ".cache" / "communes", dest / ".cache" / "communes")
    return dest


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _keep_log(log_path: Path) -> str:
    kept = Path(tempfile.gettempdir()) / "bench-serve-last.log"
    shutil.copy(log_path, kept)
    return f"\n(journal complet : {kept})"


def builds_done(log_path: Path) -> int:
    """Number of builds the server has finished and announced to browsers.

    (Not « Documentation built in … »: MkDocs drops a log message it has already written once.)
    """
    return log_path.read_text(encoding="utf-8", errors="replace").count("Reloading browsers")


def wait_for(url: str, needle: str, timeout: float, done: Callable[[], bool] = lambda: True) -> float | None:
    """Seconds until the page at ``url`` contains ``needle`` and ``done()`` holds (None after ``timeout``)."""
    start = time.perf_counter()
    for _ in range(int(timeout / POLL) + 1):
        if done():
            body = fetch(url)
            if body is not None and needle in body:
                return time.perf_counter() - start
        if time.perf_counter() - start > timeout:
            break
        time.sleep(POLL)
    return None


def measure_edit(base: str, root: Path, edit: Edit, repeat: int, log_path: Path) -> list[float]:
    """The page must show the edit *and* the rebuild must be over (when live reload refreshes the browser)."""
    path = root / edit.path
    original = path.read_text(encoding="utf-8")
    times: list[float] = []
    try:
        for index in range(repeat):
            marker = f"mesure-{edit.name}-{index}-{os.getpid()}"
            edited = edit.apply(original, marker)
            before = builds_done(log_path)
            start = time.perf_counter()
            path.write_text(edited, encoding="utf-8")
            elapsed = wait_for(base + edit.url, marker, EDIT_TIMEOUT,
                               lambda before=before: builds_done(log_path) > before)
            if elapsed is None:
                raise SystemExit(f"{edit.url} : la modification n'apparaît pas après {EDIT_TIMEOUT:.0f} s\n"
                                 + log_path.read_text(encoding="utf-8", errors="replace")[-3000:] + _keep_log(log_path))
            times.append(time.perf_counter() - start)
            time.sleep(SETTLE)
    finally:
        path.write_text(original, encoding="utf-8")
    return times


def run(repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        root = scratch_copy(Path(tmp))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        log_path = Path(tmp) / "serve.log"
        todo = edits(root)
        with log_path.open("w", encoding="utf-8") as log:
            start = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                first = wait_for(base + todo[0].url, "<html", FIRST_BUILD_TIMEOUT,
                                 lambda: "Serving on" in log_path.read_text(encoding="utf-8", errors="replace"))
                if first is None:
                    raise SystemExit("mkdocs serve n'a pas servi la première construction :\n"
                                     + log_path.read_text(encoding="utf-8")[-3000:] + _keep_log(log_path))
                first = time.perf_counter() - start
                time.sleep(SETTLE)
                results = {e.name: {"label": e.label, "path": e.path, "url": e.url,
                                    "times": [round(t, 3) for t in measure_edit(base, root, e, repeat, log_path)]}
                           for e in todo}
            finally:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=15)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=15)
    for entry in results.values():
        times = entry["times"]
        entry.update(median=round(statistics.median(times), 3), min=min(times), max=max(times))
    return {"first_build_served_s": round(first, 3), "edits": results,
            "cache": not os.environ.get("GENERATOR_NO_SERVE_CACHE")}


def section(payload: dict[str, Any]) -> str:
    runs = dict(sorted(payload.get("runs", {}).items(), key=lambda item: (item[0] != "avant", item[0])))
    rows = []
    for label, data in runs.items():
        for name in ORDER:
            entry = data["edits"][name]
            rows.append([label, entry["label"], f"`{entry['url']}`", seconds(entry["median"]),
                         seconds(entry["min"]), seconds(entry["max"]), len(entry["times"])])
    firsts = " ; ".join(f"{label} : {seconds(data['first_build_served_s'])}" for label, data in runs.items())
    return ("## serve\n\n" + machine_md(payload["machine"]) + "\n"
            "`mkdocs serve` sur une copie du contenu de démonstration ; on enregistre une modification "
            "puis on interroge la page servie toutes les 50 ms jusqu'à ce que le nouveau texte y figure "
            "et que le serveur a fini la reconstruction (c'est alors que le rechargement automatique rafraîchit "
            "le navigateur) : détection du changement, reconstruction complète, service. Médiane, minimum et maximum de "
            f"{payload['repeat']} modifications successives. « avant » = caches de reconstruction désactivés "
            "(`GENERATOR_NO_SERVE_CACHE=1`). Objectif : moins de 2 s.\n\n"
            + table(["mesure", "modification", "page", "médiane", "min", "max", "n"], rows)
            + f"\nPremière construction servie (démarrage compris) — {firsts}.\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Délai entre une modification enregistrée et la page servie.")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--label", default="après", help="nom de la série (ex. avant, après)")
    args = parser.parse_args(argv)
    measured = run(args.repeat)
    payload = read_json("serve.json")
    runs = payload.get("runs", {})
    runs[args.label] = measured
    payload = {"machine": machine(), "repeat": args.repeat, "runs": runs}
    write_json("serve.json", payload)
    write_section("serve", section(payload))
    for entry in measured["edits"].values():
        print(f"{entry['label']:28s} médiane {entry['median']:.2f} s  min {entry['min']:.2f}  max {entry['max']:.2f}")
    print(f"première construction servie : {measured['first_build_served_s']:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
