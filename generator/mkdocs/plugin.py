"""The MkDocs adapter — the only module that imports mkdocs.

``on_files`` runs the pipeline and adds generated pages/assets with ``File.generated``;
content problems abort the build once with the full positioned list (no traceback);
« Modifier cette page » of a generated page opens its source file in the forge.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import jinja2
import material as material_theme
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from generator.config import Settings, from_mapping
from generator.errors import ContentError, format_all
from generator.mkdocs.csp import UnknownInlineScript, apply_csp, csp_page
from generator.mkdocs.nav_memo import NavMemo, nav_urls
from generator.mkdocs.sanitiser_guard import escape_theme_texts, guard_page
from generator.mkdocs.toc import anchor_ids, with_toc
from generator.pipeline import load
from generator.search.index import SearchIndexError, restore_tree, search_copy, snapshot_tree
from generator.search.parts import CopyWriter, copy_writer, index_parts, part_pages
from generator.search.service import PagefindStream, write_bundle
from generator.site.producers import Output, produce_all
from generator.site.serve_memo import ProducerMemo
from generator.site.template_cache import THEME_BYTECODE, disk_bytecode_cache

log = logging.getLogger("mkdocs.plugins.reseau")
WATCHED = ("actors", "meetings", "actions")


def refused(exc: Exception) -> PluginError:
    """One build-stopping message for a refused page script or a failed search index."""
    if isinstance(exc, UnknownInlineScript):
        return PluginError(f"Construction refusée : {exc}. Un script ne doit jamais venir du contenu.")
    return PluginError(f"Construction refusée : {exc}")


class ReseauConfig(Config):
    departements = opt.ListOfItems(opt.Type(str), default=["04", "05", "07"])
    nom_reseau = opt.Type(str, default="Réseau de la médiation numérique")
    source = opt.Type(str, default="Réseau de la médiation numérique")
    producteur = opt.Type(str, default="")
    territoire = opt.Type(str, default="04-05-07")
    licence = opt.Type(str, default="Licence Ouverte 2.0 (Etalab)")
    licence_url = opt.Type(str, default="https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
    contact = opt.Type(str, default="")


class ReseauPlugin(BasePlugin[ReseauConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.settings: Settings | None = None
        self.outputs: dict[str, Output] = {}
        self.loaded: Any = None
        self.memo: ProducerMemo | None = None  # only under ``mkdocs serve`` (see on_startup)
        self.search_snapshot: dict[str, bytes] = {}  # serve: the first build's search index
        self.bodies: dict[str, str] = {}  # generated pages: our HTML, kept away from Python-Markdown
        self.other_html: list[str] = []  # HTML files that are not pages (404, map documents): CSP after the build
        self.nav_memo = NavMemo(())
        # Pagefind fed page by page during the build, or for a large site the pages' search copies
        # written to a file and indexed in parts afterwards (generator/search/parts.py)
        self.search: PagefindStream | CopyWriter | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this hook keeps the plugin instance across the rebuilds of ``mkdocs serve``."""
        cache = command == "serve" and not os.environ.get("GENERATOR_NO_SERVE_CACHE")
        self.memo = ProducerMemo() if cache else None
        self.search_snapshot = {}

    def on_shutdown(self) -> None:
        self.memo = None  # MkDocs keeps this instance for later configurations of the process

    def _root(self, config: Any) -> Path:
        return Path(config["config_file_path"]).resolve().parent

    def on_config(self, config: Any) -> Any:
        block = {key: self.config[key] for key in self.config}
        self.settings = from_mapping(self._root(config), block, dict(config))
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.settings is not None
        loaded = load(self.settings.root, self.settings)
        if loaded.problems:
            raise PluginError("Le contenu comporte des erreurs :\n" + format_all(loaded.problems)
                              + "\nCorrigez-les puis relancez la construction.")
        loaded.corpus.release_positions()  # valid: no message will need a line number now
        self.loaded = loaded
        try:
            if self.memo is None:
                self.outputs = produce_all(loaded.corpus, self.settings, loaded.communes)
            else:
                self.outputs = self.memo.produce_all(loaded.corpus, self.settings, loaded.communes)
                log.debug("Producteurs réutilisés : %s", ", ".join(self.memo.hits) or "aucun")
        except ContentError as exc:
            raise PluginError("La construction ne peut pas continuer :\n" + format_all(exc.problems)) from None
        except Exception as exc:  # a bug in a producer: one clear message, never a half-written site
            log.debug("Erreur interne", exc_info=True)
            raise PluginError(f"Erreur interne du générateur ({type(exc).__name__} : {exc}). Ce n'est pas la faute "
                              "du contenu : signalez-la à l'équipe technique (détails avec mkdocs build --verbose).") from None
        for path, output in self.outputs.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=output.content))
        return files

    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        self.nav_memo = NavMemo(nav_urls(nav.items))
        return nav

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        # pages get their CSP in on_post_page; the other HTML files are the theme's static
        # templates (404.html) and the .html files copied as they are (the map documents). The
        # theme's own files never include *.html (MkDocs copies them as templates, not files).
        self.other_html = [file.dest_uri for file in files if file.dest_uri.endswith(".html")
                           and not file.is_documentation_page()]
        self.other_html += [name for name in [*config["theme"].static_templates, *config["extra_templates"]]
                            if name.endswith(".html")]
        # compiled templates reused: in memory across the rebuilds of serve, on disk across builds
        env.bytecode_cache = THEME_BYTECODE if self.memo is not None else disk_bytecode_cache()
        # theme/partials/{nav,tabs}.html include Material's own partials under « material/ » and
        # memoise them (generator/mkdocs/nav_memo.py)
        material = jinja2.FileSystemLoader(str(Path(material_theme.__file__).parent / "templates"))
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"material": material})])
        env.globals["reseau_memo"] = self.nav_memo.memo
        self._start_search(files)
        if os.environ.get("GENERATOR_NO_NAV_MEMO"):  # tests: the same site rendered without the memo
            env.globals["reseau_memo"] = lambda name, page, caller: caller()
        return env

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        """A generated page is already HTML: Python-Markdown would only re-parse it (half the build time)."""
        if page.file.src_uri in self.outputs:
            self.bodies[page.file.src_uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        """Hand-written pages are sanitised too; anything stripped is a warning (fails --strict)."""
        escape_theme_texts(page)  # the theme's Jinja does not autoescape (F2); before search indexes it
        body = self.bodies.pop(page.file.src_uri, None)
        if body is not None:  # generated pages: our templates + already-sanitised contributor HTML
            # MkDocs holds every page until all are rendered: drop the source copies we no longer
            # need (the page keeps its HTML), a third of the build's memory at 30,000 structures
            page.file.content_string = ""
            self.outputs[page.file.src_uri] = Output("", self.outputs[page.file.src_uri].source)
            body, tokens = with_toc(body)
            page.toc = get_toc(tokens)  # type: ignore[arg-type]
            page.present_anchor_ids = anchor_ids(body)  # what MkDocs' link validation checks against
            return body
        clean, lost = guard_page(html)
        if lost:
            log.warning("%s : le contenu contient du HTML non autorisé, retiré à la publication : %s",
                        Path(config["docs_dir"]).name + "/" + page.file.src_uri, ", ".join(lost[:8]))
        return clean

    def on_page_context(self, context: dict[str, Any], *, page: Any, config: Any, nav: Any) -> dict[str, Any]:
        assert self.settings is not None
        output = self.outputs.get(page.file.src_uri)
        if output is not None:
            page.edit_url = self.settings.source_url(output.source) if output.source else None
        return context

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        """Per-page CSP with the hashes of its known inline scripts, before the page is written."""
        try:
            checked = csp_page(output, page.file.dest_uri)
            if self.search is not None and (copy := search_copy(checked)) is not None:
                self.search.add("/" + page.url, copy)  # may find Pagefind stopped mid-build
        except (UnknownInlineScript, SearchIndexError) as exc:
            raise refused(exc) from None
        return checked

    def on_pre_build(self, *, config: Any) -> None:
        self._stop_search()

    def _start_search(self, files: Files) -> None:
        """Small site: Pagefind fed during the build, on the other core. Large site: the copies go
        to a file, indexed in parts after the build (by the CLI if it asked to, else here)."""
        if self.memo is not None and self.search_snapshot:  # serve reuses its first index
            return
        pages = sum(1 for _ in files.documentation_pages())
        try:
            if pages <= part_pages():
                self.search = PagefindStream()
            else:
                self.search = copy_writer()
        except SearchIndexError as exc:
            raise refused(exc) from None

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_search()

    def _stop_search(self) -> None:
        if self.search is not None:
            self.search.abort()
            self.search = None

    def on_post_build(self, *, config: Any) -> None:
        try:  # the other HTML files (404, standalone maps): read back, CSP written
            apply_csp(Path(config["site_dir"]), self.other_html)
        except UnknownInlineScript as exc:
            raise refused(exc) from None
        site_dir = Path(config["site_dir"])
        if self.memo is not None and self.search_snapshot:
            # mkdocs serve: the preview keeps the index of its first build (restored, not rebuilt),
            # so a saved edit shows in under 2 s; `make build` always indexes afresh.
            restore_tree(site_dir / "pagefind", self.search_snapshot)
            return
        try:  # Pagefind got the final pages (escaped, CSP written); it writes site/pagefind/ now
            if self.search is None:
                raise SearchIndexError("Pagefind n'a pas été lancé")
            if isinstance(self.search, PagefindStream):
                write_bundle(self.search, site_dir)
            elif not self.search.keep:  # large site built by MkDocs alone: the parts now
                index_parts(self.search.copies, self.search.count, site_dir)
            # else: a file named by the CLI, closed below, indexed once MkDocs has ended
        except SearchIndexError as exc:
            raise refused(exc) from None
        finally:
            self._stop_search()
        if self.memo is not None:
            self.search_snapshot = snapshot_tree(site_dir / "pagefind")

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        root = self._root(config)
        for folder in WATCHED:
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server
