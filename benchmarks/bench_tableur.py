"""Import of a spreadsheet through a mapping: ``python -m benchmarks.bench_tableur --n 30000``.

Generates N seeded rows in the layout of the README's example spreadsheet (French headers, postcodes
as integers, free-text hours, HTML descriptions, « Oui »/« Non », a referent column) and runs
``python -m generator import tableur … --correspondance tests/fixtures/import/tableur/correspondance.yml
--essai`` as a user does: every row read, mapped, transformed, cleaned, matched, nothing written.
Wall time, processor time (user + system of the child, less sensitive to a busy machine), peak
memory and the load average at the start.
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

from benchmarks.bench_import import COMMUNES, _word
from benchmarks.common import REPO, human_bytes, machine, machine_md, seconds, table, write_json, write_section

MAPPING = REPO / "tests" / "fixtures" / "import" / "tableur" / "correspondance.yml"
HEADER = ["N°", "Nom du lieu", "Numéro", "Voie", "Code postal", "Commune", "Téléphone", "Courriels", "Horaires",
          "Itinérant", "Services", "Type", "Description", "Mis à jour le", "Référent", "Remarques internes", "Couleur"]


def write_sheet(path: Path, n: int) -> None:
    rng = random.Random(13)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        for i in range(n):
            _dep, commune, _insee, postcode, _lat, _lon = COMMUNES[i % len(COMMUNES)]
            writer.writerow([
                str(i), f"{_word(rng)} {_word(rng)} {_word(rng)}", str(i % 90 + 1), f"rue {_word(rng)}",
                str(int(postcode)), commune, f"04 92 {i % 100:02d} {i // 100 % 100:02d} 00",
                f"contact@{_word(rng).lower()}.example.org",
                "du lundi au vendredi 9h-12h / 14h-17h" if i % 3 else "le mardi matin sur rendez-vous",
                "Oui" if i % 11 == 0 else "Non", "démarches, initiation",
                rng.choice(("Médiathèque", "Association", "Mairie")), f"<p>Ateliers <b>{_word(rng)}</b></p>",
                "1970-01-01" if i % 7 == 0 else "03/04/2024", "", "", "bleu"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="mesure de l'import d'un tableur par une correspondance")
    parser.add_argument("--n", type=int, default=30000)
    n = parser.parse_args(argv).n
    info = machine()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-tableur-") as tmp:
        sheet = Path(tmp) / "lieux.csv"
        write_sheet(sheet, n)
        root = Path(tmp) / "site"
        root.mkdir()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-m", "generator", "import", "tableur", str(sheet),
                                      "--correspondance", str(MAPPING), "--root", str(root), "--essai",
                                      "--departements", ",".join(c[0] for c in COMMUNES)],
                                     cwd=REPO, stdout=out, stderr=err)
            _pid, _status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - start
            out.seek(0)
            stdout = out.read().decode()
    bilan = next((line for line in stdout.splitlines() if line.startswith("Bilan")), "")
    if not bilan:
        raise SystemExit(f"l'import a échoué :\n{stdout[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    peak = usage.ru_maxrss * 1024
    payload = {"machine": info, "n": n, "charge_au_depart": round(load, 2), "secondes": round(wall, 2),
               "secondes_processeur": round(cpu, 2), "memoire_max_octets": peak, "bilan": bilan}
    print(f"tableur {n} lignes (--essai) : {seconds(wall)} ({seconds(cpu)} de processeur), {human_bytes(peak)}, "
          f"charge {load:.1f} — {bilan}")
    write_json("tableur.json", payload)
    write_section("tableur", f"## Import d'un tableur de {n} lignes par une correspondance (--essai)\n\n"
                  f"{machine_md(info)}\n"
                  + table(["durée", "processeur", "mémoire max", "charge au départ", "bilan"],
                          [[seconds(wall), seconds(cpu), human_bytes(peak), f"{load:.1f}",
                            bilan.removeprefix("Bilan : ")]]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
