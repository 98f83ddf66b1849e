"""Plain-text extracts of contributor Markdown (for feed summaries and calendar descriptions).

The extract is plain text: it may contain ``<`` or ``&`` written by a contributor (in a code span,
for instance). A consumer that renders it as HTML must escape it (``rss.py`` does).
"""

from __future__ import annotations

import html
import re

import nh3

from generator.site.render import markdown_html

_BLOCK = re.compile(r"\n\s*\n")
_SKIP = re.compile(r"^\s*(?:#|>|\||-{3,}|\*{3,}|```|<!--)")


def first_paragraph(body: str, source: str = "?", limit: int = 600) -> str:
    """The first prose paragraph of a Markdown body, as plain text (headings and tables skipped);
    ``source`` names the file in a rendering failure."""
    for block in _BLOCK.split(body.strip()):
        if not block.strip() or _SKIP.match(block):
            continue
        text = html.unescape(nh3.clean(markdown_html(block, source), tags=set()))
        text = " ".join(text.split())
        if text:
            return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return ""
