"""Bytes a reader downloads, measured in a real browser: ``python -m benchmarks.bench_bytes``.

Serves a built site (``benchmarks/work/site-n<N>``, made by ``bench_build``) on localhost,
opens each page in headless Chromium with an empty cache and sums every response of the
site (HTML, CSS, JS, JSON, iframes, images…), raw and gzip-compressed (level 6, as a
server would). Third-party requests (map tiles) are blocked and counted apart. The first
search query is measured for Material's lunr search (typing in the search box) and, when
the site was indexed by Pagefind, for Pagefind (entry, wasm, index chunks, 5 results).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.common import human_bytes, machine, machine_md, read_json, table, write_json, write_section
from benchmarks.synth import WORK

CHROMIUM = "/usr/bin/chromium"
QUERY = "médiation"
# Material's search: the whole index, the worker and lunr's languages, fetched when ANY page loads.
LUNR_PARTS = ("/search/search_index.json", "/assets/javascripts/workers/", "/assets/javascripts/lunr/")
PAGEFIND_PROBE = """async (query) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.options({});
  // a large site's index in parts, merged as /recherche/ does (generator/assets/recherche.js)
  const parts = await fetch('/pagefind/parties.json').then((r) => (r.ok ? r.json() : [])).catch(() => []);
  for (const name of parts) await pagefind.mergeIndex('/pagefind/' + name + '/');
  await pagefind.init();
  const search = await pagefind.search(query);
  const first = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
  return {results: search.results.length, shown: first.length};
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class Meter:
    """Sums the responses of one browser context (raw and gzip sizes, by type)."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.raw = self.gzip = self.requests = self.blocked = self.search_raw = self.search_gzip = 0
        self.by_type: dict[str, int] = {}
        self.pending = 0

    def reset(self) -> dict[str, Any]:
        snapshot = self.snapshot()
        self.raw = self.gzip = self.requests = self.blocked = self.search_raw = self.search_gzip = 0
        self.by_type = {}
        return snapshot

    def snapshot(self) -> dict[str, Any]:
        return {"raw_bytes": self.raw, "gzip_bytes": self.gzip, "requests": self.requests,
                "blocked_third_party": self.blocked, "raw_by_type": dict(sorted(self.by_type.items())),
                "lunr_search_raw_bytes": self.search_raw, "lunr_search_gzip_bytes": self.search_gzip}

    def on_response(self, response: Any) -> None:
        if not response.url.startswith(self.origin) or response.status >= 400:
            return
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        suffix = response.url.split("?")[0].rsplit("/", 1)[-1]
        kind = suffix.rsplit(".", 1)[-1] if "." in suffix else "html"
        packed = min(len(body), len(gzip.compress(body, 6)))
        self.requests += 1
        self.raw += len(body)
        self.gzip += packed
        if any(part in response.url for part in LUNR_PARTS):
            self.search_raw += len(body)
            self.search_gzip += packed
        self.by_type[kind] = self.by_type.get(kind, 0) + len(body)


def _context(browser: Any, origin: str) -> tuple[Any, Meter]:
    context = browser.new_context()
    meter = Meter(origin)

    def route(route: Any) -> None:
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            meter.blocked += 1
            route.abort()

    context.route("**/*", route)
    context.on("response", meter.on_response)
    context.on("request", lambda _request: setattr(meter, "pending", meter.pending + 1))
    context.on("requestfinished", lambda _request: setattr(meter, "pending", meter.pending - 1))
    context.on("requestfailed", lambda _request: setattr(meter, "pending", meter.pending - 1))
    return context, meter


def settle(page: Any, meter: Meter, quiet_ms: int = 2000, limit_ms: int = 600000) -> None:
    """Wait until no request of the page has been pending for ``quiet_ms`` (Material's search
    worker fetches its whole index after the load event)."""
    quiet = waited = 0
    while quiet < quiet_ms and waited < limit_ms:
        page.wait_for_timeout(250)
        waited += 250
        quiet = quiet + 250 if meter.pending == 0 else 0


def visit(browser: Any, origin: str, path: str, then: Callable[[Any], None] | None = None) -> dict[str, Any]:
    """Bytes of a first visit to ``path``; with ``then``, also the bytes of that follow-up action."""
    context, meter = _context(browser, origin)
    page = context.new_page()
    page.goto(origin + path, wait_until="networkidle", timeout=600000)
    settle(page, meter)
    result = {"page": meter.reset()}
    if then is not None:
        then(page)
        settle(page, meter)
        result["action"] = meter.reset()
    context.close()
    return result


def lunr_query(page: Any) -> None:
    page.click("label.md-search__icon, .md-search__input", timeout=5000)
    page.fill("input.md-search__input", QUERY)
    page.wait_for_selector(".md-search-result__item, .md-search-result__meta", timeout=120000)


def pagefind_query(browser: Any, origin: str) -> dict[str, Any]:
    context, meter = _context(browser, origin)
    # a blank page of the site's origin: no Material, so no lunr index in the count
    context.route(origin + "/__sonde.html", lambda route: route.fulfill(
        body="<!doctype html><html lang=fr><title>sonde</title></html>", content_type="text/html"))
    page = context.new_page()
    page.goto(origin + "/__sonde.html", wait_until="networkidle")
    meter.reset()
    found = page.evaluate(PAGEFIND_PROBE, QUERY)
    page.wait_for_load_state("networkidle")
    result = {**meter.reset(), **found}
    context.close()
    return result


def first_structure(site: Path) -> str:
    folders = sorted(p.name for p in (site / "annuaire").iterdir() if (p / "index.html").is_file())
    return f"/annuaire/{folders[0]}/" if folders else "/annuaire/"


def measure(n: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    site = WORK / f"site-n{n}"
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site} n'existe pas : lancez d'abord python -m benchmarks.bench_build --n {n}")
    pages = {"annuaire": "/annuaire/", "structure": first_structure(site), "carte": "/carte/"}
    out: dict[str, Any] = {"n": n, "pages": {}}
    with serve(site) as origin, sync_playwright() as play:
        browser = play.chromium.launch(executable_path=CHROMIUM)
        for name, path in pages.items():
            out["pages"][name] = {"path": path, **visit(browser, origin, path)["page"]}
        if (site / "search" / "search_index.json").is_file():  # a site still built with Material's lunr
            search = visit(browser, origin, "/", lunr_query)
            out["lunr_first_query"] = search["action"]
            out["home"] = search["page"]
        if (site / "pagefind" / "pagefind.js").is_file():
            out["pagefind_first_query"] = pagefind_query(browser, origin)
        browser.close()
    return out


def report(results: list[dict[str, Any]], info: dict[str, Any]) -> str:
    rows = []
    for r in results:
        n = f"{r['n']:,}".replace(",", " ")
        items = [(f"{name} ({data['path']})", data) for name, data in r["pages"].items()]
        for label, data in items:
            rows.append([n, label, data["requests"],
                         human_bytes(data["raw_bytes"] - data["lunr_search_raw_bytes"]),
                         human_bytes(data["gzip_bytes"] - data["lunr_search_gzip_bytes"])])
        if "home" in r:
            lunr = r["home"]
            earlier = " (mesure antérieure, quand le site utilisait lunr)" if r.get("lunr_earlier") else ""
            rows.append([n, "(abandonnée) recherche lunr de Material, en plus sur chaque page : index complet, "
                         f"worker, langue{earlier}", "—",
                         human_bytes(lunr["lunr_search_raw_bytes"] + r["lunr_first_query"]["raw_bytes"]),
                         human_bytes(lunr["lunr_search_gzip_bytes"] + r["lunr_first_query"]["gzip_bytes"])])
        if "pagefind_first_query" in r:
            p = r["pagefind_first_query"]
            rows.append([n, "1re recherche avec Pagefind (sur /recherche/), rien avant", p["requests"],
                         human_bytes(p["raw_bytes"] - p["lunr_search_raw_bytes"]),
                         human_bytes(p["gzip_bytes"] - p["lunr_search_gzip_bytes"])])
    return (f"## octets\n\n{machine_md(info)}\n"
            "Octets téléchargés par un lecteur à sa première visite (cache vide), mesurés dans Chromium sans "
            "interface : toutes les réponses du site (page, CSS, JS, JSON, cadres, images), brutes et compressées "
            "gzip (niveau 6, comme un serveur web), sans la recherche. Les tuiles de carte (tiers) ne sont pas "
            "comptées. La recherche lunr de Material, abandonnée, téléchargeait son index complet dès l'ouverture de "
            "N'IMPORTE QUELLE page : elle se serait ajoutée à chaque ligne. Pagefind ne télécharge rien avant la première requête "
            f"(« {QUERY} ») : point d'entrée, wasm, méta-index, morceaux d'index du terme et 5 premiers résultats ; "
            "pour un grand site, la liste des parties et, pour chaque partie, son entrée, son méta-index et ses "
            "morceaux d'index (les parties fusionnées n'ont pas de wasm à elles).\n\n"
            + table(["N structures", "page", "requêtes", "octets", "gzip"], rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_bytes",
                                     description="Mesure les octets téléchargés par page dans un navigateur.")
    parser.add_argument("--n", type=int, nargs="+", default=[300, 3000], help="tailles (sites déjà construits)")
    parser.add_argument("--rapport", action="store_true",
                        help="réécrire seulement la section de RESULTS.md à partir de results/bytes.json")
    args = parser.parse_args(argv)
    if args.rapport:
        saved = read_json("bytes.json")
        write_section("octets", report(saved["results"], saved["machine"]))
        return 0
    info = machine()
    for n in args.n:
        result = measure(n)
        previous = {r["n"]: r for r in read_json("bytes.json").get("results") or []}
        if "home" not in result and "home" in previous.get(n, {}):  # keep the lunr figures for comparison
            result.update(home=previous[n]["home"], lunr_first_query=previous[n]["lunr_first_query"], lunr_earlier=True)
        previous[n] = result
        results = [previous[k] for k in sorted(previous)]
        write_json("bytes.json", {"machine": info, "results": results})
        write_section("octets", report(results, info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
