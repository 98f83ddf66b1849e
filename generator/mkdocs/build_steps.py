"""What the plugin's hooks do, as plain functions: the plugin itself only wires them to MkDocs.

Each function stops the build with one French :class:`PluginError` (never a traceback, never a
half-written site) when the content or the generator fails.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import markdown
import material as material_theme
from jinja2 import BytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from generator.config import Settings
from generator.errors import NOTICE, ContentError, Problem, format_all
from generator.load.front_matter import ALLOWED_KEYS, key_problems
from generator.mkdocs.csp import UnknownInlineScript, apply_csp
from generator.mkdocs.sanitiser_guard import guard_page
from generator.mkdocs.theme_scripts import theme_scripts
from generator.mkdocs.toc import anchor_ids, with_toc
from generator.pipeline import Loaded, load
from generator.rules.content_files import GENERATED_SECTIONS, read_head, reserved_section, type_problem
from generator.rules.markdown_nesting import render_failure_message
from generator.site.producers import Output, produce_all
from generator.site.serve_memo import ProducerMemo

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.reseau")
WATCHED = ("actors", "meetings", "actions")  # content folders outside docs/: serve rebuilds on their change
# The Jinja global ``reseau_memo(name, page, caller)`` (generator/mkdocs/nav_memo.py)
Memo = Callable[[str, Any, Callable[[], Any]], Any]


def refused(exc: Exception) -> PluginError:
    """One build-stopping message for a refused page script or policy, or a failed search index."""
    if isinstance(exc, UnknownInlineScript):
        return PluginError(f"Construction refusée : {exc}. Un script ne doit jamais venir du contenu.")
    return PluginError(f"Construction refusée : {exc}")


def load_and_produce(settings: Settings, memo: ProducerMemo | None) -> tuple[Loaded, dict[str, Output]]:
    """The validated corpus and every generated file, or one message listing what to fix."""
    loaded = load(settings.root, settings)
    if loaded.problems:
        raise PluginError("Le contenu comporte des erreurs :\n" + format_all(loaded.problems)
                          + "\nCorrigez-les puis relancez la construction.")
    log_warnings(loaded.warnings)
    loaded.corpus.release_positions()  # valid: no message will need a line number now
    try:
        if memo is None:
            return loaded, produce_all(loaded.corpus, settings, loaded.communes)
        outputs = memo.produce_all(loaded.corpus, settings, loaded.communes)
        log.debug("Producteurs réutilisés : %s", ", ".join(memo.hits) or "aucun")
        return loaded, outputs
    except ContentError as exc:
        raise PluginError("La construction ne peut pas continuer :\n" + format_all(exc.problems)) from None
    except Exception as exc:  # a bug in a producer: one clear message, never a half-written site
        log.debug("Erreur interne", exc_info=True)
        raise PluginError(f"Erreur interne du générateur ({type(exc).__name__} : {exc}). Ce n'est pas la faute "
                          "du contenu : signalez-la à l'équipe technique (détails avec mkdocs build --verbose).") from None


def log_warnings(warnings: list[Problem]) -> None:
    """Content warnings are MkDocs warnings (``mkdocs build --strict`` and ``python -m generator build``
    fail on them); notices on the reference data are informations, since nothing in the content fixes them."""
    for problem in warnings:
        if problem.severity == NOTICE:
            log.info("Données de référence : %s", problem.format())
        else:
            log.warning("Avertissement : %s", problem.format())


def refuse_written_files(files: Files, outputs: dict[str, Output], config: MkDocsConfig) -> None:
    """Stop the build when a file of the docs folder is neither Markdown nor a raster image, or
    lies in a section the producers write (the constant and this build's own outputs)."""
    docs = Path(config["docs_dir"]).resolve()
    sections = GENERATED_SECTIONS | {path.split("/", 1)[0] for path in outputs if "/" in path}
    found: list[str] = []
    for file in files:
        if file.src_dir is None or file.abs_src_path is None or file.inclusion.is_excluded() \
                or Path(file.src_dir).resolve() != docs:
            continue
        section = reserved_section(file.src_uri, frozenset(sections))
        reason = type_problem(file.src_uri, read_head(file.abs_src_path)) if section is None else \
            f"écrirait dans la section générée « {section}/ »"
        if reason:
            found.append(f"{docs.name}/{file.src_uri} : {reason}")
    if found:
        raise PluginError("Construction refusée :\n" + "\n".join(found[:20]) + "\nSeules les pages Markdown (.md) "
                          "et les images PNG, JPEG, WebP ou AVIF sont publiées, hors des sections générées : "
                          "lancez « python -m generator check » pour les positions et corrigez.")


def add_outputs(files: Files, outputs: dict[str, Output], config: MkDocsConfig) -> Files:
    """Generated pages and assets take the place of any file at the same path."""
    for path, output in outputs.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=output.content))
    return files


def other_html_files(files: Files, config: MkDocsConfig) -> list[str]:
    """HTML files that are not pages — the theme's static templates (404.html) and the ``.html``
    files copied as they are (map documents): their CSP is written after the build. The theme's
    own files never include ``*.html`` (MkDocs copies them as templates, not files)."""
    names = [file.dest_uri for file in files if file.dest_uri.endswith(".html") and not file.is_documentation_page()]
    return names + [name for name in [*config["theme"].static_templates, *config["extra_templates"]]
                    if name.endswith(".html")]


def prepare_theme_env(env: jinja2.Environment, bytecode: BytecodeCache | None, memo: Memo) -> None:
    """Compiled templates reused, Material's partials reachable as ``material/…`` (``theme/partials/
    {nav,tabs}.html`` include and memoise them) and the navigation memo exposed as ``reseau_memo``."""
    env.bytecode_cache = bytecode
    material = jinja2.FileSystemLoader(str(Path(material_theme.__file__).parent / "templates"))
    if env.loader is not None:
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"material": material})])
    env.globals["reseau_memo"] = memo


def generated_page_content(page: Page, body: str, outputs: dict[str, Output]) -> str:
    """A generated page: our templates and already-sanitised contributor HTML, with its TOC."""
    # MkDocs holds every page until all are rendered: drop the source copies we no longer
    # need (the page keeps its HTML), a third of the build's memory at 30,000 structures
    page.file.content_string = ""
    outputs[page.file.src_uri] = dataclasses.replace(outputs[page.file.src_uri], content="")
    body, tokens = with_toc(body)
    page.toc = get_toc(tokens)
    page.present_anchor_ids = anchor_ids(body)  # what MkDocs' link validation checks against
    return body


def written_page_content(page: Page, html: str, docs_dir: str) -> str:
    """A hand-written page, sanitised; anything stripped is a warning (so ``--strict`` fails)."""
    clean, lost = guard_page(html)
    if lost:
        log.warning("%s : le contenu contient du HTML non autorisé, retiré à la publication : %s",
                    Path(docs_dir).name + "/" + page.file.src_uri, ", ".join(lost[:8]))
    return clean


def watch_content(server: LiveReloadServer, root: Path) -> None:
    """``mkdocs serve`` rebuilds when a record changes, not only a page of ``docs/``."""
    for folder in WATCHED:
        if (root / folder).is_dir():
            server.watch(str(root / folder))


def _docs_path(docs_dir: str, root: Path, src_uri: str) -> str | None:
    """Repository-relative path of a hand-written page (``content/contribuer.md``), None outside the repository."""
    try:
        return (Path(docs_dir).resolve().relative_to(root.resolve()) / src_uri).as_posix()
    except ValueError:
        return None


def check_written_meta(page: Any, docs_dir: str) -> None:
    """A hand-written page whose front matter sets a key outside the allow-list stops the build
    (``check`` reports it with its position; this also covers files ``check`` does not read)."""
    unknown = key_problems(page.meta or {})
    if unknown:
        raise PluginError(f"Construction refusée : {Path(docs_dir).name}/{page.file.src_uri} : champ d'en-tête "
                          f"« {unknown[0]} » non permis — champs permis : {', '.join(ALLOWED_KEYS)}")


def edit_url(settings: Settings, src_uri: str, outputs: dict[str, Output], docs_dir: str) -> str | None:
    """« Modifier cette page »: the forge URL of the page's source file (a record for a generated
    page, ``content/…`` for a hand-written one), built from a validated, percent-escaped path."""
    output = outputs.get(src_uri)
    source = (output.source if output is not None else _docs_path(docs_dir, settings.root, src_uri))
    return (settings.source_url(source) or None) if source else None


def page_scripts(page: Any, outputs: dict[str, Output], config: Any) -> frozenset[str]:
    """Inline scripts a page may carry: Material's for its place in the site, and its producer's."""
    output = outputs.get(page.file.src_uri)
    return theme_scripts(page.file.dest_uri, config) | (output.scripts if output is not None else frozenset())


def file_scripts(name: str, outputs: dict[str, Output], config: Any) -> frozenset[str]:
    """Inline scripts another HTML file may carry: Material's in the theme's templates (404.html),
    the producer's in a generated document (a map), none in anything else."""
    themed = name in config["theme"].static_templates or name in config["extra_templates"]
    output = outputs.get(name)
    return (theme_scripts(name, config) if themed else frozenset()) | (output.scripts if output else frozenset())


def check_page_renders(text: str, page: Page, config: MkDocsConfig) -> None:
    """A hand-written page rendered once beforehand with the ``markdown_extensions`` of mkdocs.yml:
    a failure of Python-Markdown (a ``RecursionError`` on a long run of delimiters…) stops the build
    with the page's path and what to change, instead of a traceback in the middle of the build."""
    try:
        markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]).convert(text)
    except Exception as exc:
        message, hint = render_failure_message(exc)
        where = Path(config["docs_dir"]).name + "/" + page.file.src_uri
        raise PluginError(f"Construction refusée :\n{where}:1:1: [M-RENDU] {message} — {hint}") from None


def other_files_csp(site_dir: Path, names: list[str], outputs: dict[str, Output], config: Any) -> int:
    """CSP of the HTML files that are not pages, each with its inline scripts and its producer's
    extra sources (only the editor at ``/admin/`` has some)."""
    return apply_csp(site_dir, names, lambda name: file_scripts(name, outputs, config),
                     lambda name: outputs[name].csp if name in outputs else ())
