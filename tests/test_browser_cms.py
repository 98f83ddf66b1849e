"""The editor at /admin/ in Debian chromium: it loads its generated configuration, speaks French,
calls no third party (every request outside 127.0.0.1 is aborted and fails the test) and logs no
console error, on a desktop and on a phone. The login screen needs no forge; the collections and
the form of a new structure are opened with Sveltia's in-memory test repository, the configuration
otherwise unchanged."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from browser_support import playwright_or_skip

sync_api = playwright_or_skip()
pytestmark = [pytest.mark.navigateur, pytest.mark.construction]
PHONE = {"width": 390, "height": 844}
LOAD_MS = 90_000
# The version check Sveltia makes, pointed at our own sveltia/package.json (generator/site/cms/vendor.py)
UPDATE_CHECKED = ("performance.getEntriesByType('resource')"
                  ".some(entry => entry.name.endsWith('/admin/sveltia/package.json'))")


@contextmanager
def _editor(browser: Any, server: str, viewport: dict[str, int], config: str | None = None) -> Iterator[tuple[Any, dict[str, list[str]]]]:
    context = browser.new_context(viewport=viewport, locale="fr-FR", service_workers="block")
    page = context.new_page()
    seen: dict[str, list[str]] = {"errors": [], "foreign": [], "config": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(("blob:", "data:")):
            route.continue_()
        elif urlsplit(url).hostname != "127.0.0.1":
            seen["foreign"].append(url)
            route.abort()
        elif config is not None and urlsplit(url).path == "/admin/config.yml":
            seen["config"].append(url)
            route.fulfill(status=200, content_type="application/yaml", body=config)
        else:
            if urlsplit(url).path == "/admin/config.yml":
                seen["config"].append(url)
            route.continue_()

    context.route("**/*", route)
    try:
        page.goto(f"{server}/admin/", wait_until="domcontentloaded", timeout=LOAD_MS)
        yield page, seen
    finally:
        context.close()


def test_login_screen_loads_its_configuration_without_third_party(browser: Any, server: str, tmp_path: Path) -> None:
    """The screenshots (tmp_path) are those of content/images/cms-*.png, copied by hand when the UI changes."""
    for viewport in ({"width": 1280, "height": 860}, PHONE):
        with _editor(browser, server, viewport) as (page, seen):
            page.get_by_text("Se connecter avec un jeton d’accès").wait_for(timeout=LOAD_MS)
            assert page.get_by_text("Éditeur en ligne — Réseaux Mednum Alpes-Durance et Ardèche").count()
            assert page.evaluate("document.fonts.check('16px \"Material Symbols Outlined\"')")
            page.wait_for_function(UPDATE_CHECKED, timeout=LOAD_MS)  # it comes after the first paint
            if viewport == PHONE:
                page.screenshot(path=str(tmp_path / "cms-connexion.png"))
        assert seen["config"], "config.yml jamais demandé"
        assert not seen["foreign"], seen["foreign"]
        assert not seen["errors"], seen["errors"]


def test_collections_and_a_new_structure_form(browser: Any, server: str, built_site: Path, tmp_path: Path) -> None:
    config = yaml.safe_load((built_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    config["backend"] = {"name": "test-repo"}  # in memory: no forge; everything else as generated
    config.pop("publish_mode")  # the test repository has no pull requests (Sveltia warns otherwise)
    body = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    with _editor(browser, server, {"width": 1280, "height": 860}, body) as (page, seen):
        page.get_by_role("button", name=re.compile("dépôt de test")).click(timeout=LOAD_MS)
        for label in ("Lieux et structures", "Personnes", "Comptes-rendus", "Fiches actions", "Vocabulaires du réseau"):
            page.get_by_text(label, exact=True).first.wait_for(timeout=LOAD_MS)
        page.evaluate("location.hash = '#/collections/structures/new'")
        page.get_by_text("Nom du lieu").first.wait_for(timeout=LOAD_MS)
        for label in ("Code postal", "Commune", "Adresse"):
            assert page.get_by_text(label, exact=True).count(), label
        typologie = page.get_by_text("Type de structure", exact=True).first
        typologie.scroll_into_view_if_needed()
        typologie.wait_for(state="visible", timeout=LOAD_MS)
        page.screenshot(path=str(tmp_path / "cms-nouvelle-structure.png"))
        page.set_viewport_size(PHONE)
        page.wait_for_function(f"document.documentElement.scrollWidth <= {PHONE['width'] + 1}", timeout=LOAD_MS)
    assert seen["config"] and not seen["foreign"], seen["foreign"]
    assert not seen["errors"], seen["errors"]


# Sveltia's « local repository » asks for a folder with showDirectoryPicker(): the test hands it a
# folder of the browser's private file system (OPFS) holding an empty repository, then reads back
# the files the editor wrote there, byte for byte what it would commit to the forge.
LOCAL_REPOSITORY = """
window.showDirectoryPicker = async () => {
  const root = await navigator.storage.getDirectory();
  const repo = await root.getDirectoryHandle('site', {create: true});
  const git = await repo.getDirectoryHandle('.git', {create: true});
  const head = await (await git.getFileHandle('HEAD', {create: true})).createWritable();
  await head.write('ref: refs/heads/main\\n');
  await head.close();
  await (await repo.getDirectoryHandle('actors', {create: true})).getDirectoryHandle('structures', {create: true});
  return repo;
};
"""
WRITTEN = """async () => {
  const found = {};
  try {
    const root = await navigator.storage.getDirectory();
    const folder = await (await (await root.getDirectoryHandle('site')).getDirectoryHandle('actors'))
      .getDirectoryHandle('structures');
    for await (const [name, handle] of folder.entries()) found[name] = await (await handle.getFile()).text();
  } catch (error) {
    // l'éditeur peut être en train d'écrire (fichier ou dossier pas encore là) : on réessaie
    if (error.name !== 'NotFoundError') throw error;
    return {};
  }
  return found;
}"""
# Reads until the editor's files are finished, polling at each frame in the page (a promise-returning
# predicate given to wait_for_function was not awaited: it returned before the file existed).
FINISHED = f"""async limit => {{
  const read = {WRITTEN};
  const end = performance.now() + limit;
  for (;;) {{
    const found = await read();
    const names = Object.keys(found);
    if (names.length && names.every(name => !name.startsWith('.') && found[name].includes('nom:'))) return found;
    if (performance.now() > end) throw new Error('fichier jamais écrit : ' + JSON.stringify(names));
    await new Promise(resolve => requestAnimationFrame(resolve));
  }}
}}"""
ACCENTED = "Médiathèque Éloïse-Ægir d’Œuilly — 2ᵉ étage"


def test_a_structure_written_by_the_editor_passes_check(browser: Any, server: str, demo_copy: Path) -> None:
    from generator.config import load_settings
    from generator.pipeline import load

    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="fr-FR", service_workers="block")
    context.add_init_script(LOCAL_REPOSITORY)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{server}/admin/", wait_until="domcontentloaded", timeout=LOAD_MS)
        page.get_by_role("button", name=re.compile("dépôt local")).click(timeout=LOAD_MS)
        page.get_by_text("Lieux et structures", exact=True).first.wait_for(timeout=LOAD_MS)
        page.evaluate("location.hash = '#/collections/structures/new'")
        page.get_by_label(re.compile("^Nom du lieu")).fill(ACCENTED, timeout=LOAD_MS)
        page.get_by_label(re.compile("^Commune")).fill("Gap")
        page.get_by_label(re.compile("^Code postal")).fill("05000")
        page.get_by_label(re.compile("^Adresse")).first.fill("2 rue Carnot")
        page.get_by_role("button", name=re.compile("Enregistrer")).first.click()
        # one read that saw the finished file: the editor writes a hidden temporary file
        # (.sveltia-tmp-…, .crswap) then renames it; a read can fall in between, or on a NotFoundError
        written: dict[str, str] = page.evaluate(FINISHED, LOAD_MS)
    finally:
        context.close()
    assert list(written) == ["mediatheque-eloise-aegir-d-oeuilly-2-etage.yml"]  # our file-name rule
    text = written["mediatheque-eloise-aegir-d-oeuilly-2-etage.yml"]
    assert f'nom: "{ACCENTED}"' in text and 'code_postal: "05000"' in text
    (demo_copy / "actors" / "structures" / next(iter(written))).write_text(text, encoding="utf-8")
    loaded = load(demo_copy, load_settings(demo_copy))
    assert not loaded.problems, [problem.format() for problem in loaded.problems]
    assert loaded.corpus.structures["mediatheque-eloise-aegir-d-oeuilly-2-etage"].model.nom == ACCENTED
    assert not errors, errors
