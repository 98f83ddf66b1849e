"""Cell transforms of the importers: ``python -m benchmarks.bench_cells --n 30000``.

N cells of each kind, drawn (seeded) from forms seen in real files: per-day hours (« 9h à 12h -
14h à 18h », ``09:00 - 12:00 / 13:30 - 17:00``, « fermé »…), week texts (« Lundi au vendredi
9h-17h »), e-mail addresses judged with their commune (first-name dictionary loaded once, counted
apart), and YesWiki HTML descriptions turned into sanitised Markdown. Best of three, per kind.
"""

from __future__ import annotations

import argparse
import random
import time

from benchmarks.common import best_of, machine, machine_md, seconds, table, write_json, write_section
from generator.importers import hours, html_text
from generator.rules import emails

DAY_CELLS = ("9h à 12h - 14h à 18h", "09:00 - 12:00 / 13:30 - 17:00", "9h-12h / 14h-17h30", "fermé", "",
             "00:00 - 00:00", "de 9 h à 12 h et de 14 h à 17 h", "sur rendez-vous", "8h30-12h / 1h30-5h")
WEEKS = ("Lundi au vendredi 9h-17h", "lun, mar, jeu : 14h-18h", "du lundi au vendredi de 9h à 12h et de 14h à 17h, "
         "le samedi de 9h à midi", "sur rendez-vous le mardi", "Tous les jours 10h-19h")
COMMUNES = ("Veynes", "La Grave", "Pierre-Châtel", "Saint-Laurent-du-Pont", "Laragne-Montéglin", "Die")
LOCALS = ("franceservices.{c}", "{c}", "accueil.fs", "msap.{c}", "jean.dupont", "m.martin", "cnfs.{c}")
HTML = ("<p>Ateliers <strong>gratuits</strong>&nbsp;!<br>Sur <a href='https://www.example.fr/?a=1&amp;b=2'>"
        "le site</a>.</p><ul><li>Word</li><li>Internet</li></ul><script>track()</script><img src=x onerror=y>")


def _cells(n: int, rng: random.Random) -> tuple[list[str], list[str], list[tuple[str, str]], list[str]]:
    days = [rng.choice(DAY_CELLS) for _ in range(n)]
    weeks = [rng.choice(WEEKS) for _ in range(n)]
    mails = []
    for _ in range(n):
        commune = rng.choice(COMMUNES)
        slug = commune.lower().replace(" ", "-").replace("â", "a").replace("é", "e")
        mails.append((rng.choice(LOCALS).format(c=slug) + "@example.fr", commune))
    html = [HTML.replace("gratuits", f"gratuits {i}") for i in range(max(1, n // 10))]
    return days, weeks, mails, html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=30000)
    n = parser.parse_args().n
    days, weeks, mails, html = _cells(n, random.Random(12))
    start = time.perf_counter()
    emails.first_names()
    load = time.perf_counter() - start
    notes: list[tuple[str, str]] = []
    runs = {
        "horaires d'un jour": (len(days), best_of(3, lambda: [hours.day_ranges(c) for c in days])[0]),
        "horaires de la semaine": (len(weeks), best_of(3, lambda: [hours.from_text(c) for c in weeks])[0]),
        "courriels": (len(mails), best_of(3, lambda: [emails.is_personal_email(a, (c,)) for a, c in mails])[0]),
        "HTML → Markdown": (len(html), best_of(3, lambda: [html_text.to_markdown(h, notes, "c") for h in html])[0]),
    }
    info = machine()
    payload = {"machine": info, "n": n, "first_names_load_s": round(load, 3),
               "runs": {k: {"cells": c, "seconds": round(t, 3)} for k, (c, t) in runs.items()}}
    write_json("cells.json", payload)
    rows = [[kind, cells, seconds(t), f"{t / cells * 1e6:.0f} µs"] for kind, (cells, t) in runs.items()]
    rows.append(["chargement des prénoms (une fois)", len(emails.first_names()), seconds(load), "—"])
    write_section("cells", f"## Conversion des cellules à l'import ({n} cellules)\n\n{machine_md(info)}\n"
                  + table(["cellules", "nombre", "durée (meilleure de 3)", "par cellule"], rows))
    print(table(["cellules", "nombre", "durée", "par cellule"], rows))


if __name__ == "__main__":
    main()
