"""Orientation in Chromium on synthetic sites: ``python -m benchmarks.bench_orientation``.

The demo site is built once; for N places (default 300, 3,000 and 30,000, drawn at random with a
fixed seed in the 04/05/07 box, with hours, phone and access modes) its ``orientation/`` files are
replaced by those of the synthetic network (the pages themselves do not depend on N). Measured in
Debian chromium (Playwright):

- the query time: ``orientationReseau.chercher()`` (find the commune, read the cells already
  loaded, filter, sort, draw 10 results) for 20 communes, « toute aide » and one service;
- the path home → first result on a throttled mobile profile (CDP: 1.6 Mbit/s down, 750 kbit/s up,
  150 ms RTT, CPU × 4, empty cache at the start): open the home page, type « Gap », submit, wait for the first
  result; the time and the bytes received until then, and once « ouvert maintenant » is drawn
  (opening_hours is loaded after the first result). Served like a static host (HTTP/1.1 keep-alive,
  ``Cache-Control: max-age=600`` as GitHub Pages sends), without compression, then with gzip as static
  hosts (GitLab Pages, GitHub Pages, Netlify) serve JSON and JavaScript.

Writes ``results/orientation.json`` and the « orientation » section of RESULTS.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from benchmarks.common import REPO, human_bytes, machine, machine_md, table, write_json, write_section
from generator.config.orientation import OrientationOptions
from generator.geo.communes import load_communes
from generator.load.corpus import Corpus, Position, Record
from generator.models import Structure
from generator.models.vocab import SERVICES
from generator.site.maps import json_text
from generator.site.pages.orientation_data import orientation_files

BOX = (43.70, 45.36, 3.86, 7.08)
WORDS = ("Espace numérique", "Médiathèque", "France Services", "Atelier informatique", "Tiers-lieu", "Centre social")
HOURS = ("Mo-Fr 09:00-12:00,14:00-17:00; PH off", "Tu,Th 14:00-18:00; Sa 09:00-12:00", "Mo-Sa 10:00-18:00; PH off")
QUERY_GOAL_MS, PATH_GOAL_S = 50.0, 3.0
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
COMPRESSED = (".js", ".json", ".css", ".html", ".svg")


def synthetic_corpus(n: int, communes: list[Any], seed: int = 20261206) -> Corpus:
    rng = random.Random(seed)
    corpus = Corpus()
    for i in range(n):
        town = rng.choice(communes)
        slug = f"lieu-{i:05d}"
        services = tuple(s for s in SERVICES if rng.random() < 0.35) or (SERVICES[0],)
        model = Structure.model_construct(
            nom=f"{rng.choice(WORDS)} de {town.nom} n°{i}", commune=town.nom, code_postal=town.codes_postaux[0],
            code_insee=town.code, adresse=f"{rng.randint(1, 40)} rue de la Mairie", complement_adresse=None,
            typologie=("EPN",), services=services, date_maj=date(2025, 1, 1),
            dispositif_programmes_nationaux=("France Services",) if rng.random() < 0.03 else (),
            zone_intervention=tuple(c.code for c in rng.sample(communes, 4)) if rng.random() < 0.01 else (),
            modalites_acces=("Se présenter", "Téléphoner") if rng.random() < 0.6 else ("Téléphoner",),
            modalites_accompagnement=("Accompagnement individuel",), frais_a_charge=("Gratuit",),
            courriels=(), telephone=f"+334{rng.randint(10_000_000, 99_999_999)}", horaires=rng.choice(HOURS),
            prise_rdv=None, fiche_acces_libre=None, prise_en_charge_specifique=(), itinerance=(),
        )
        corpus.structures[slug] = Record(slug, f"actors/structures/{slug}.yml", model, None)  # type: ignore[arg-type]
        corpus.positions[slug] = Position(rng.uniform(BOX[0], BOX[1]), rng.uniform(BOX[2], BOX[3]), False)
    return corpus


def build_demo(dest: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)], cwd=REPO, env=env,
                   check=True, capture_output=True)


def synthetic_site(demo: Path, dest: Path, n: int, communes: Any) -> dict[str, int]:
    shutil.copytree(demo, dest)
    shutil.rmtree(dest / "orientation" / "lieux")
    files = orientation_files(synthetic_corpus(n, list(communes)), OrientationOptions(), communes)
    sizes = {"index": 0, "communes": 0, "cellules": 0, "plus_grosse_cellule": 0}
    for path, value in files.items():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = (json_text(value) + "\n").encode()
        target.write_bytes(data)
        kind = "cellules" if "/lieux/" in path else "communes" if path.endswith("communes.json") else "index"
        sizes[kind] += len(data)
        if kind == "cellules":
            sizes["plus_grosse_cellule"] = max(sizes["plus_grosse_cellule"], len(data))
    return sizes


class _Handler(SimpleHTTPRequestHandler):
    """Served like a static host: HTTP/1.1 keep-alive, ``Cache-Control: max-age=600`` (GitHub Pages), gzip on demand."""

    protocol_version = "HTTP/1.1"
    gzip_on = False
    _cache: ClassVar[dict[str, bytes]] = {}

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # the base class's signature
        return

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (self.gzip_on and path.suffix in COMPRESSED and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            super().do_GET()
            return
        key = str(path)
        if key not in self._cache:
            self._cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self._cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(directory: Path, compressed: bool) -> tuple[str, Any]:
    handler = type("Handler", (_Handler,), {"gzip_on": compressed, "_cache": {}})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}", httpd


def query_times(browser: Any, base: str, codes: list[str]) -> dict[str, float]:
    page = browser.new_page()
    page.goto(f"{base}/orientation/")
    page.wait_for_function("() => window.orientationReseau && window.orientationReseau.chercher")
    out: dict[str, float] = {}
    for label, need in (("toute_aide", ""), ("un_service", "service-aide-aux-demarches-administratives")):
        page.evaluate("async ([codes, need]) => { for (const c of codes) await orientationReseau.chercher(c, need); }",
                      [codes, need])  # warm-up: every cell loaded once
        times = page.evaluate("""async ([codes, need]) => { const t = [];
            for (const c of codes) { const t0 = performance.now(); await orientationReseau.chercher(c, need);
              t.push(performance.now() - t0); } return t; }""", [codes, need])
        out[f"{label}_median_ms"] = round(statistics.median(times), 2)
        out[f"{label}_max_ms"] = round(max(times), 2)
    page.close()
    return out


def throttled_path(browser: Any, base: str) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    received = {"bytes": 0}
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__("bytes", received["bytes"] + int(e["encodedDataLength"])))
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")  # a first visit: nothing cached, then the cache works as usual
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    start = time.perf_counter()
    page.goto(f"{base}/")
    page.wait_for_function("() => document.querySelector('#orientation-localiser') && !document.querySelector('#orientation-localiser').hidden")
    home_s = time.perf_counter() - start
    page.locator("#orientation-commune").fill("Gap")
    sent = time.perf_counter()
    page.locator("#orientation-form button[type=submit]").click()
    page.locator(".orientation-lieu").first.wait_for(timeout=120_000)
    first_s = time.perf_counter() - start
    after_submit_s = time.perf_counter() - sent
    first_bytes = received["bytes"]
    page.wait_for_function("() => document.querySelector('.orientation-etat:not([hidden])')", timeout=120_000)
    hours_s = time.perf_counter() - start
    context.close()
    return {"accueil_s": round(home_s, 2), "apres_envoi_s": round(after_submit_s, 2), "premier_resultat_s": round(first_s, 2), "octets_premier_resultat": first_bytes,
            "ouvert_maintenant_s": round(hours_s, 2), "octets_avec_horaires": received["bytes"]}


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description="Mesure l'orientation dans Chromium (requête, parcours mobile bridé).")
    parser.add_argument("--places", type=int, nargs="+", default=[300, 3000, 30000], help="nombres de lieux")
    args = parser.parse_args(argv)
    info = machine()
    communes = load_communes(("04", "05", "07"), project_root=REPO)
    codes = [c.code for c in random.Random(7).sample(list(communes), 20)]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-orientation-") as tmp, sync_playwright() as pw:
        demo = Path(tmp) / "demo"
        build_demo(demo)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in args.places:
            site = Path(tmp) / f"site-{n}"
            sizes = synthetic_site(demo, site, n, communes)
            row: dict[str, Any] = {"places": n, **{f"octets_{k}": v for k, v in sizes.items()}}
            for compressed in (False, True):
                base, httpd = serve(site, compressed)
                try:
                    if not compressed:
                        row.update(query_times(browser, base, codes))
                    row["gzip" if compressed else "brut"] = throttled_path(browser, base)
                finally:
                    httpd.shutdown()
                    httpd.server_close()
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False))
        browser.close()
    write_json("orientation.json", {"machine": info, "reseau_bride": NETWORK, "cpu_ralenti": 4, "results": rows})
    md = ["## orientation", "", machine_md(info),
          "Site de démonstration dont les fichiers `orientation/` sont remplacés par ceux de N lieux synthétiques "
          "(graine fixe, rectangle 04/05/07, horaires, téléphone, modalités). « requête » : `orientationReseau.chercher()` "
          f"sur 20 communes, cases déjà chargées (médiane / max ; objectif ≤ {QUERY_GOAL_MS:.0f} ms). « parcours » : "
          "accueil → « Gap » → premier résultat, profil mobile bridé par CDP (1,6 Mbit/s, RTT 150 ms, CPU × 4, "
          f"cache vidé au départ, serveur HTTP/1.1 avec `Cache-Control: max-age=600` comme GitHub Pages ; objectif ≤ {PATH_GOAL_S:.0f} s à 3 000 lieux), servi sans compression puis en gzip ; "
          "« + horaires » : jusqu'à l'affichage de « ouvert maintenant » (opening_hours, chargé après le premier résultat).", "",
          table(["lieux", "index + communes", "cases (plus grosse)", "requête toute aide", "requête 1 service",
                 "parcours brut (après envoi)", "octets brut", "+ horaires brut", "parcours gzip (après envoi)",
                 "octets gzip", "+ horaires gzip"],
                [[f"{r['places']:,}".replace(",", "\u202f"),
                  human_bytes(r["octets_index"] + r["octets_communes"]),
                  f"{human_bytes(r['octets_cellules'])} ({human_bytes(r['octets_plus_grosse_cellule'])})",
                  f"{r['toute_aide_median_ms']:.1f} / {r['toute_aide_max_ms']:.1f} ms".replace(".", ","),
                  f"{r['un_service_median_ms']:.1f} / {r['un_service_max_ms']:.1f} ms".replace(".", ","),
                  f"{r['brut']['premier_resultat_s']:.2f} s ({r['brut']['apres_envoi_s']:.2f} s)".replace(".", ","),
                  human_bytes(r["brut"]["octets_premier_resultat"]),
                  f"{r['brut']['ouvert_maintenant_s']:.2f} s".replace(".", ","),
                  f"{r['gzip']['premier_resultat_s']:.2f} s ({r['gzip']['apres_envoi_s']:.2f} s)".replace(".", ","),
                  human_bytes(r["gzip"]["octets_premier_resultat"]),
                  f"{r['gzip']['ouvert_maintenant_s']:.2f} s".replace(".", ",")] for r in rows])]
    write_section("orientation", "\n".join(md))
    ok = all(r["toute_aide_max_ms"] <= QUERY_GOAL_MS for r in rows if r["places"] == 30000) and all(
        r["gzip"]["premier_resultat_s"] <= PATH_GOAL_S for r in rows if r["places"] == 3000)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
