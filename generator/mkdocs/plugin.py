"""The MkDocs adapter — the only module that imports mkdocs.

``on_files`` runs the pipeline and adds generated pages/assets with ``File.generated``;
content problems abort the build once with the full positioned list (no traceback);
« Modifier cette page » of a generated page opens its source file in the forge.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import jinja2
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from generator.config import PluginOptions, Settings, plugin_options, settings_for
from generator.errors import ContentError, format_all
from generator.mkdocs import build_steps as steps
from generator.mkdocs.csp import CspRefusal, csp_page
from generator.mkdocs.nav_memo import NavMemo, nav_urls
from generator.mkdocs.sanitiser_guard import escape_theme_texts
from generator.pipeline import Loaded
from generator.search.index import SearchIndexError
from generator.search.session import SearchSession
from generator.site.producers import Output
from generator.site.serve_memo import ProducerMemo
from generator.site.template_cache import THEME_BYTECODE, disk_bytecode_cache

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext


class ReseauPlugin(BasePlugin):  # type: ignore[type-arg]  # options read by load_config, no MkDocs schema
    def __init__(self) -> None:
        super().__init__()
        self.options = PluginOptions()
        self.settings: Settings | None = None
        self.outputs: dict[str, Output] = {}
        self.loaded: Loaded | None = None
        self.memo: ProducerMemo | None = None  # only under ``mkdocs serve`` (see on_startup)
        self.bodies: dict[str, str] = {}  # generated pages: our HTML, kept away from Python-Markdown
        self.other_html: list[str] = []  # HTML files that are not pages (404, map documents): CSP after the build
        self.nav_memo = NavMemo(())
        self.search = SearchSession()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Defining this hook keeps the plugin instance across the rebuilds of ``mkdocs serve``."""
        cache = command == "serve" and not os.environ.get("GENERATOR_NO_SERVE_CACHE")
        self.memo = ProducerMemo() if cache else None
        self.search = SearchSession(reuse_first_index=cache)

    def on_shutdown(self) -> None:
        # MkDocs keeps this instance for later configurations of the process: back to a plain build
        self.memo = None
        self.search = SearchSession()

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config["config_file_path"]).resolve().parent

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[ConfigErrors, ConfigWarnings]:
        """Options validated by the schema ``check`` uses; a refused one stops MkDocs with its position."""
        try:
            self.options = plugin_options(options, config_file_path)
        except ContentError as exc:
            raise Abort("Configuration refusée :\n" + format_all(exc.problems)
                        + "\nCorrigez mkdocs.yml puis relancez la construction.") from None
        return [], []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = settings_for(self._root(config), self.options, config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.search.abort()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.settings is not None
        self.loaded, self.outputs = steps.load_and_produce(self.settings, self.memo)
        steps.refuse_written_files(files, self.outputs, config)
        return steps.add_outputs(files, self.outputs, config)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav_memo = NavMemo(nav_urls(nav.items))
        return nav

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        self.other_html = steps.other_html_files(files, config)
        bytecode = THEME_BYTECODE if self.memo is not None else disk_bytecode_cache()
        memo = self.nav_memo.memo
        if os.environ.get("GENERATOR_NO_NAV_MEMO"):  # tests: the same site rendered without the memo
            memo = lambda name, page, caller: caller()  # noqa: E731
        steps.prepare_theme_env(env, bytecode, memo)
        try:
            self.search.start(sum(1 for _ in files.documentation_pages()))
        except SearchIndexError as exc:
            raise steps.refused(exc) from None
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page is already HTML: Python-Markdown would only re-parse it (half the build time)."""
        if page.file.src_uri in self.outputs:
            self.bodies[page.file.src_uri] = markdown
            return ""
        steps.check_written_meta(page, config["docs_dir"])  # the theme prints front matter: allow-list
        steps.check_page_renders(markdown, page, config)  # a French message naming the page, never a traceback
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        escape_theme_texts(page)  # the theme's Jinja does not autoescape; before search indexes it
        body = self.bodies.pop(page.file.src_uri, None)
        if body is not None:
            return steps.generated_page_content(page, body, self.outputs)
        return steps.written_page_content(page, html, config["docs_dir"])

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        assert self.settings is not None
        page.edit_url = steps.edit_url(self.settings, page.file.src_uri, self.outputs, config["docs_dir"])
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Per-page CSP with the hashes of the inline scripts we emitted there, then the page to the search index."""
        try:
            checked = csp_page(output, page.file.dest_uri, steps.page_scripts(page, self.outputs, config))
            self.search.add("/" + page.url, checked)
        except (CspRefusal, SearchIndexError) as exc:
            raise steps.refused(exc) from None
        return checked

    def on_build_error(self, *, error: Exception) -> None:
        self.search.abort()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:  # the other HTML files (404, standalone maps): read back, CSP written; then the index
            steps.other_files_csp(Path(config["site_dir"]), self.other_html, self.outputs, config)
            self.search.finish(Path(config["site_dir"]))
        except (CspRefusal, SearchIndexError) as exc:
            raise steps.refused(exc) from None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        steps.watch_content(server, self._root(config))
        return server
