"""Cost of the fiches d'orientation (one page and one QR code per structure): ``python -m benchmarks.bench_fiche``.

N synthetic structures (default 300 and 3,000), seeded, with every field the sheet shows. Measured
in one process, best of ``--repeat``: the producer ``site/pages/orientation_sheet.produce`` (Jinja
rendering + QR code), and the QR code alone with the settings used (``qr_svg``: level M, smallest
version, fixed mask) against segno's defaults (mask chosen by penalty, level raised when room is
left). Writes ``results/fiche.json`` and the « fiche » section of RESULTS.md.
"""

from __future__ import annotations

import argparse
import random
from datetime import date
from pathlib import Path
from typing import Any

import segno

from benchmarks.common import best_of, machine, machine_md, table, write_json, write_section
from generator.config import Settings
from generator.load.corpus import Corpus, Record
from generator.models import Structure
from generator.models.vocab import SERVICES
from generator.site.pages import orientation_sheet

SITE = "https://reseau-mednum.example.org/"


def synthetic_corpus(n: int, seed: int = 20261206) -> Corpus:
    rng = random.Random(seed)
    corpus = Corpus()
    for i in range(n):
        slug = f"espace-numerique-{i:05d}"
        model = Structure.model_construct(
            nom=f"Espace numérique n°{i}", commune="Gap", code_postal="05000", code_insee="05061",
            adresse=f"{rng.randint(1, 99)} rue de la Gare", complement_adresse=None, typologie=("EPN",),
            services=tuple(s for s in SERVICES if rng.random() < 0.5), date_maj=date(2025, 1, 1),
            telephone="+33492000000", horaires="Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off",
            modalites_acces=("Se présenter", "Téléphoner"), frais_a_charge=("Gratuit",), prise_rdv=None,
            itinerance=(), zone_intervention=(), presentation_resume=None,
        )
        corpus.structures[slug] = Record(slug, f"actors/structures/{slug}.yml", model, None)  # type: ignore[arg-type]
    return corpus


def measure(n: int, repeat: int) -> dict[str, Any]:
    corpus = synthetic_corpus(n)
    settings = Settings(root=Path("."), site_url=SITE)
    wall, cpu = best_of(repeat, lambda: orientation_sheet.produce(corpus, settings, None))
    urls = [f"{SITE}annuaire/{slug}/" for slug in list(corpus.structures)[:200]]
    qr_wall, _ = best_of(repeat, lambda: [orientation_sheet.qr_svg(u, "Code QR") for u in urls])
    default_wall, _ = best_of(1, lambda: [segno.make(u, error="m").svg_inline(scale=4) for u in urls[:50]])
    return {"structures": n, "produce_seconds": wall, "produce_cpu_seconds": cpu, "ms_per_sheet": wall * 1000 / n,
            "qr_ms": qr_wall * 1000 / len(urls), "qr_segno_defaults_ms": default_wall * 1000 / 50}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure le coût des fiches d'orientation (page et code QR).")
    parser.add_argument("--n", type=int, nargs="+", default=[300, 3000], help="nombres de structures (défaut : 300 3000)")
    parser.add_argument("--repeat", type=int, default=3, help="passages par mesure (le meilleur est gardé)")
    args = parser.parse_args(argv)
    info = machine()
    rows = [measure(n, args.repeat) for n in args.n]
    write_json("fiche.json", {"machine": info, "results": rows})

    def ms(value: float) -> str:
        return f"{value:.1f} ms".replace(".", ",")

    md = ["## fiche", "", machine_md(info),
          "Structures synthétiques (graine fixe), tous les champs de la fiche d'orientation renseignés. "
          "« production » = `orientation_sheet.produce` (gabarit Jinja + code QR SVG) pour toutes les fiches ; "
          "« code QR » = `qr_svg` seul (niveau M, plus petite version, masque fixe) ; « segno par défaut » = "
          "masque choisi par pénalités et niveau relevé, pour comparaison.", "",
          table(["structures", "production", "par fiche", "par fiche (CPU)", "code QR", "segno par défaut"],
                [[f"{r['structures']:,}".replace(",", "\u202f"), f"{r['produce_seconds']:.2f} s".replace(".", ","),
                  ms(r["ms_per_sheet"]), ms(r["produce_cpu_seconds"] * 1000 / r["structures"]), ms(r["qr_ms"]),
                  ms(r["qr_segno_defaults_ms"])] for r in rows])]
    write_section("fiche", "\n".join(md))
    for r in rows:
        print(r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
