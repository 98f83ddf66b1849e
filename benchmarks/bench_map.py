"""Map sizes and coverage time for synthetic networks: ``python -m benchmarks.bench_map``.

N places (default 1,000 and 30,000) drawn at random, seeded, in the 04/05/07 box
(lat 43.70–45.36, lon 3.86–7.08); each has a 30–50 character name, one or two
typologies and random services. Measured in one process, best of ``--repeat``:
the /carte/ map document (HTML with its inline JSON), the coverage computation
(all structures, then every option of /couverture/), the /couverture/ map and
``orientation.json``. Writes ``results/map.json`` and the « carte » section of RESULTS.md.
"""

from __future__ import annotations

import argparse
import random
from datetime import date
from typing import Any

from benchmarks.common import REPO, best_of, human_bytes, machine, machine_md, seconds, table, write_json, write_section
from generator.geo.communes import load_communes, load_geometries
from generator.geo.coverage import compute_coverage
from generator.load.corpus import Corpus, Position, Record
from generator.models import Structure
from generator.models.vocab import DISPOSITIFS, SERVICES
from generator.site.pages import coverage as couverture
from generator.site.pages import map as carte
from generator.site.pages import orientation

BOX = (43.70, 45.36, 3.86, 7.08)
TYPES = ("EPN", "BIB", "MUNI", "CCAS", "ASSO", "RFS", "CS", "TIERS_LIEUX", "MJC", "Autre")
WORDS = ("Espace numérique", "Médiathèque", "France Services", "Atelier informatique", "Tiers-lieu", "Centre social")
LIMIT = 3 * 2**20  # 30,000 places must stay under 3 MiB of map HTML + JSON


def synthetic_corpus(n: int, communes: list[Any], seed: int = 20261126) -> Corpus:
    rng = random.Random(seed)
    corpus = Corpus()
    for i in range(n):
        town = rng.choice(communes)
        slug = f"lieu-{i:05d}"
        model = Structure.model_construct(
            nom=f"{rng.choice(WORDS)} de {town.nom} n°{i}", commune=town.nom, code_postal="07000",
            code_insee=town.code, adresse="1 place de la Mairie", typologie=tuple(rng.sample(TYPES, rng.randint(1, 2))),
            services=tuple(s for s in SERVICES if rng.random() < 0.35), date_maj=date(2025, 1, 1),
            dispositif_programmes_nationaux=tuple(d for d in DISPOSITIFS[:6] if rng.random() < 0.15),
            zone_intervention=(), modalites_acces=(), modalites_accompagnement=(), frais_a_charge=(),
            courriels=(), telephone=None, horaires=None, prise_rdv=None,
        )
        corpus.structures[slug] = Record(slug, f"actors/structures/{slug}.yml", model, None)  # type: ignore[arg-type]
        corpus.positions[slug] = Position(rng.uniform(BOX[0], BOX[1]), rng.uniform(BOX[2], BOX[3]), rng.random() < 0.3)
    return corpus


def measure(n: int, repeat: int, communes: Any, geometries: dict[str, Any]) -> dict[str, Any]:
    corpus = synthetic_corpus(n, list(communes))
    center = carte.center_of(corpus)
    html = carte.map_html(carte.map_data(corpus), center)
    map_wall, map_cpu = best_of(repeat, lambda: carte.map_html(carte.map_data(corpus), center))
    places = couverture.places_of(corpus)
    cov_wall, cov_cpu = best_of(repeat, lambda: compute_coverage(communes, places))
    opts = couverture.options(communes, places)
    opt_wall, _ = best_of(repeat, lambda: couverture.options(communes, places))
    cover_html = couverture.map_html(couverture.map_data(communes, geometries, places, opts), center)
    orient = "".join(str(out.content) for path, out in orientation.produce(corpus, None, communes).items()
                     if path.endswith(".json"))  # index, communes and every cell file
    return {
        "places": n, "carte_html_bytes": len(html.encode()), "carte_seconds": round(map_wall, 3),
        "carte_cpu_seconds": round(map_cpu, 3), "coverage_seconds": round(cov_wall, 4),
        "coverage_cpu_seconds": round(cov_cpu, 4), "options": len(opts), "options_seconds": round(opt_wall, 3),
        "couverture_html_bytes": len(cover_html.encode()), "orientation_json_bytes": len(str(orient).encode()),
        "under_3_mib": len(html.encode()) < LIMIT,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure la taille des cartes et le temps du calcul de couverture.")
    parser.add_argument("--places", type=int, nargs="+", default=[1000, 30000], help="nombres de lieux (défaut : 1000 30000)")
    parser.add_argument("--repeat", type=int, default=3, help="passages par mesure (le meilleur est gardé)")
    args = parser.parse_args(argv)
    info = machine()
    deps = ("04", "05", "07")
    communes = load_communes(deps, project_root=REPO)
    geometries = load_geometries(deps, project_root=REPO)
    rows = [measure(n, args.repeat, communes, geometries) for n in args.places]
    write_json("map.json", {"machine": info, "results": rows})
    md = ["## carte", "", machine_md(info),
          f"Lieux synthétiques tirés au hasard (graine fixe) dans le rectangle 04/05/07 ; {len(communes)} communes. "
          "« carte » = données + rendu Folium du document `carte/carte.html` (JSON en ligne compris) ; "
          "« couverture » = distance de chaque commune au lieu le plus proche (arbre KD) ; « options » = "
          "toutes les options de /couverture/ (toutes structures, chaque service, chaque dispositif). Objectif : "
          "moins de 3 Mio de carte pour 30 000 lieux.", "",
          table(["lieux", "carte.html", "rendu carte", "couverture (1 option)", "options", "toutes options",
                 "couverture.html", "orientation.json", "< 3 Mio"],
                [[f"{r['places']:,}".replace(",", "\u202f"), human_bytes(r["carte_html_bytes"]), seconds(r["carte_seconds"]),
                  f"{r['coverage_seconds'] * 1000:.1f} ms".replace(".", ","), r["options"], seconds(r["options_seconds"]),
                  human_bytes(r["couverture_html_bytes"]), human_bytes(r["orientation_json_bytes"]),
                  "oui" if r["under_3_mib"] else "**non**"] for r in rows])]
    write_section("carte", "\n".join(md))
    for r in rows:
        print(r)
    return 0 if all(r["under_3_mib"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
