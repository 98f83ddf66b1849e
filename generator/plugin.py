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

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.buildcache import ProducerMemo
from generator.csp import UnknownInlineScript, apply_csp
from generator.errors import ContentError, format_all
from generator.htmldiff import escape_theme_texts, guard_page
from generator.outputs import Output, produce_all
from generator.pipeline import load
from generator.search import SearchIndexError, build_index, restore_tree, snapshot_tree
from generator.settings import Settings, from_mapping
from generator.themecache import THEME_BYTECODE

log = logging.getLogger("mkdocs.plugins.reseau")
WATCHED = ("actors", "meetings", "actions")


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

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        if self.memo is not None:  # serve: compiled theme templates reused across rebuilds
            env.bytecode_cache = THEME_BYTECODE
        return env

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        """Hand-written pages are sanitised too; anything stripped is a warning (fails --strict)."""
        escape_theme_texts(page)  # the theme's Jinja does not autoescape (F2); before search indexes it
        if page.file.src_uri in self.outputs:
            return html  # generated pages: our templates + already-sanitised contributor HTML
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

    def on_post_build(self, *, config: Any) -> None:
        try:  # per-page CSP with the hashes of its known inline scripts
            apply_csp(Path(config["site_dir"]))
        except UnknownInlineScript as exc:
            raise PluginError(f"Construction refusée : {exc}. Un script ne doit jamais venir du contenu.") from None
        site_dir = Path(config["site_dir"])
        if self.memo is not None and self.search_snapshot:
            # mkdocs serve: the preview keeps the index of its first build (restored, not rebuilt),
            # so a saved edit shows in under 2 s; `make build` always indexes afresh.
            restore_tree(site_dir / "pagefind", self.search_snapshot)
            return
        try:  # Pagefind reads the final pages (escaped, CSP written) and writes site/pagefind/
            build_index(site_dir)
        except SearchIndexError as exc:
            raise PluginError(f"Construction refusée : {exc}") from None
        if self.memo is not None:
            self.search_snapshot = snapshot_tree(site_dir / "pagefind")

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        root = self._root(config)
        for folder in WATCHED:
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server
