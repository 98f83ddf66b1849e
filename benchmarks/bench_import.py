"""Import of a national-standard extract: ``python -m benchmarks.bench_import --n 30000``.

Generates N synthetic rows (seeded: the same file every run) in the v1 columns of the national
standard, spread over ten départements, then runs ``python -m generator import mednum`` as a user
does, three times on the same folder: into an empty tree (every row created), the same file again
with ``--mise-a-jour`` (every row matched by source and identifier, nothing written), and the same
file with ``--essai`` on top of 30 000 files (matching only). Wall time and peak memory (maximum
resident size of the child process) of each.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, human_bytes, machine, machine_md, seconds, table, write_json, write_section
from generator.models.standard import COLUMN_NAMES

# (département, commune, INSEE code, postcode, latitude, longitude) of one real commune each
COMMUNES = [("04", "Digne-les-Bains", "04070", "04000", 44.0925, 6.2356),
            ("05", "Gap", "05061", "05000", 44.5594, 6.0786),
            ("07", "Privas", "07186", "07000", 44.7353, 4.5992),
            ("13", "Aix-en-Provence", "13001", "13100", 43.5297, 5.4474),
            ("26", "Valence", "26362", "26000", 44.9334, 4.8924),
            ("38", "Grenoble", "38185", "38000", 45.1885, 5.7245),
            ("69", "Villeurbanne", "69266", "69100", 45.7719, 4.8902),
            ("73", "Chambéry", "73065", "73000", 45.5646, 5.9178),
            ("83", "Toulon", "83137", "83000", 43.1242, 5.928),
            ("84", "Avignon", "84007", "84000", 43.9493, 4.8055)]
SYLLABLES = ("ba", "ko", "ri", "mu", "te", "la", "vo", "ni", "sa", "du", "fe", "gi", "po", "zu", "che", "mon")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def write_extract(path: Path, n: int) -> None:
    rng = random.Random(12)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMN_NAMES))
        writer.writeheader()
        for i in range(n):
            _dep, commune, insee, postcode, lat, lon = COMMUNES[i % len(COMMUNES)]
            writer.writerow({
                "id": f"synth-{i}", "pivot": f"{rng.randrange(10**13, 10**14):014d}", "source": "Synthèse",
                "nom": f"{_word(rng)} {_word(rng)} {_word(rng)}", "commune": commune, "code_insee": insee,
                "code_postal": postcode, "adresse": f"{i % 200 + 1} rue {_word(rng)}",
                "latitude": f"{lat + rng.uniform(-0.4, 0.4):.5f}", "longitude": f"{lon + rng.uniform(-0.5, 0.5):.5f}",
                "typologie": "EPN", "courriels": f"contact@{_word(rng).lower()}.example.org",
                "horaires": "Mo-Fr 09:00-12:00", "date_maj": "1970-01-01" if i % 7 == 0 else "2024-03-01",
                "services": "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien",
                "frais_a_charge": "Gratuit", "itinerance": "Fixe"})


def run(root: Path, extract: Path, *flags: str) -> tuple[float, int, str]:
    """(wall seconds, peak resident bytes of this child alone, the report's « Bilan » line)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "generator", "import", "mednum", str(extract),
                                  "--root", str(root), "--departements", ",".join(c[0] for c in COMMUNES), *flags],
                                 cwd=REPO, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    bilan = next((line for line in stdout.splitlines() if line.startswith("Bilan")), "")
    if child.returncode != 0 and not bilan:  # 1 with a report: a conflict or a probable duplicate, counted
        raise SystemExit(f"l'import a échoué :\n{stdout[-2000:]}{stderr[-2000:]}")
    return wall, usage.ru_maxrss * 1024, bilan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="mesure de l'import du standard national")
    parser.add_argument("--n", type=int, default=30000)
    n = parser.parse_args(argv).n
    info = machine()
    rows: list[list[str]] = []
    payload: dict[str, object] = {"machine": info, "n": n, "runs": {}}
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        extract = Path(tmp) / "extrait.csv"
        write_extract(extract, n)
        root = Path(tmp) / "site"
        root.mkdir()
        for label, flags in (("import dans un arbre vide", ()), ("réimport --mise-a-jour (rien ne change)",
                                                                 ("--mise-a-jour",)),
                             ("--essai sur les fiches existantes", ("--essai",))):
            wall, peak, bilan = run(root, extract, *flags)
            payload["runs"][label] = {"secondes": round(wall, 2), "memoire_max_octets": peak,  # type: ignore[index]
                                      "bilan": bilan}
            rows.append([label, seconds(wall), human_bytes(peak), bilan.removeprefix("Bilan : ")])
            print(f"{label} : {seconds(wall)}, {human_bytes(peak)} — {bilan}")
    write_json("import.json", payload)
    write_section("import", f"## Import de {n} lignes du standard national\n\n{machine_md(info)}\n"
                  + table(["passage", "durée", "mémoire max", "bilan"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
