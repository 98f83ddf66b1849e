"""Rendering helpers shared by every page producer.

- :func:`render` — our own Jinja2 environment, autoescape on, StrictUndefined; templates live
  in ``generator/templates/``. Contributor text is only ever *data* for it, never a template.
- :func:`markdown_html` — contributor Markdown → HTML with raw HTML disabled, then sanitised
  by nh3 (allow-list, http/https/mailto/tel links, ``rel="nofollow ugc noopener"``).
- :func:`page_md` — a generated MkDocs page: JSON-quoted front matter + our HTML.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from datetime import date
from functools import lru_cache
from typing import Any

import jinja2
import nh3
from markdown_it import MarkdownIt

from generator.errors import ContentError, Location, Problem
from generator.rules.markdown_nesting import MAX_NESTING, depth_message, render_failure_message, too_deep
from generator.rules.urls import SAFE_SCHEMES
from generator.rules.urls import is_allowed_link as allowed_link
from generator.rules.urls import link_host
from generator.rules.wording import agree, count, format_number
from generator.site.template_cache import disk_bytecode_cache

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")

ALLOWED_TAGS = set(nh3.ALLOWED_TAGS) | {"input", "label"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
ALLOWED_ATTRIBUTES["*"] = ALLOWED_ATTRIBUTES.get("*", set()) | {"id", "class", "title", "lang"}
ALLOWED_ATTRIBUTES["input"] = {"type", "checked", "disabled"}
# table alignment is the only inline style we keep (any other style attribute could hide or overlay content), as written by
# markdown-it (contributor text) and by Python-Markdown (hand-written pages, through MkDocs)
_ALIGN = {form.format(side) for side in ("left", "right", "center") for form in ("text-align:{}", "text-align: {};")}
TAG_ATTRIBUTE_VALUES = {"th": {"style": _ALIGN}, "td": {"style": _ALIGN}}
EXTERNAL_REL = "nofollow ugc noopener"
_ANCHOR = re.compile(r'<a ([^>]*?)href="([^"]*)"([^>]*)>')


def date_fr(value: date | None) -> str:
    """21 juin 2024."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and value.startswith("__"):
        return None  # DOM clobbering of Material's #__config
    return value


def sanitise(html: str, *, external_rel_only: bool = False) -> str:
    """Allow-list sanitising of HTML derived from contributor content.

    Every link gets ``rel="nofollow ugc noopener"``, or only external ones with
    ``external_rel_only`` (hand-written pages, whose internal links and TOC permalinks stay plain).
    """
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=TAG_ATTRIBUTE_VALUES,
        url_schemes=set(SAFE_SCHEMES),
        clean_content_tags={"script", "style"},
        link_rel=None if external_rel_only else EXTERNAL_REL,
        attribute_filter=_attribute_filter,
    )
    if external_rel_only:
        clean = _ANCHOR.sub(_mark_external, clean)
    return clean


def _mark_external(match: re.Match[str]) -> str:
    """``rel`` on a link whose host, as the browser resolves it (``/\\evil.example`` too), is another site."""
    if link_host(html_lib.unescape(match.group(2))) is None:
        return match.group(0)
    return f'<a {match.group(1)}href="{match.group(2)}"{match.group(3)} rel="{EXTERNAL_REL}">'



# French typography for quotes typed straight: "texte" → « texte », l'atelier → l’atelier
FRENCH_QUOTES = ["«\u00a0", "\u00a0»", "‘", "’"]


class _SiteMarkdown(MarkdownIt):
    """markdown-it whose links keep only the schemes of :func:`allowed_link`."""

    def validateLink(self, url: str) -> bool:
        return allowed_link(url)


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """CommonMark + tables — the parser ``check`` lints with, so what is checked is what is rendered.

    Raw HTML off (shown as text); typographer: ``...`` → …, ``--`` → –, straight quotes → French ones.
    """
    options = {"html": False, "typographer": True, "quotes": FRENCH_QUOTES, "maxNesting": MAX_NESTING}
    return _SiteMarkdown("commonmark", options).enable(["table", "replacements", "smartquotes"])


def markdown_html(text: str, source: str = "?", first_line: int = 1) -> str:
    """Contributor Markdown → sanitised HTML (raw HTML is shown as text, never executed).

    Never drops text silently: nesting past the parser's limit, or any failure of the parser, is a
    :class:`ContentError` (code ``M-RENDU``) naming ``source``, the file the text comes from, at
    ``first_line``, the file line of the text's first line (``check`` reports the nesting first).
    """
    md = _markdown()
    try:
        env: dict[str, Any] = {}
        tokens = md.parse(text, env)
        for deep in too_deep(tokens):
            line = first_line + (deep.token.map or [0])[0]
            raise ContentError([Problem(Location(source, line, 1), "M-RENDU", *depth_message(deep.depth))])
        html = md.renderer.render(tokens, md.options, env)
    except ContentError:
        raise
    except Exception as exc:  # RecursionError included: one positioned message, never a traceback
        raise ContentError([Problem(Location(source, first_line, 1), "M-RENDU", *render_failure_message(exc))]) from None
    return sanitise(html)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=disk_bytecode_cache(),  # compiled once per machine (generator/site/template_cache.py)
    )
    env.filters["date_fr"] = date_fr
    env.filters["nombre"] = format_number
    env.globals.update(count=count, agree=agree)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def page_md(title: str, html: str, *, description: str | None = None, hide: tuple[str, ...] = (),
            extra: dict[str, Any] | None = None) -> str:
    """A generated page. Front matter values are JSON (valid YAML, nothing to escape by hand)."""
    meta: dict[str, Any] = {"title": title}
    if description:
        meta["description"] = description
    if hide:
        meta["hide"] = list(hide)
    meta.update(extra or {})
    front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return f"---\n{front}\n---\n\n{html.strip()}\n"
