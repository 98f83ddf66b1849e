"""HTML typed into YesWiki text fields → safe Markdown (``presentation_detail``) or plain text (``presentation_resume``).

The HTML is first sanitised with nh3 (ammonia): only text formatting, lists, headings and ``<a href>``
with http, https, mailto or tel survive; ``<script>``, ``<style>``, ``<iframe>``, ``<object>`` and
``<embed>`` are removed WITH their content; images are dropped (no third-party request at view time);
event handlers (``onerror``…) and ``javascript:`` links disappear. The clean HTML is then turned into
Markdown by markdownify. Text that merely *shows* a tag (``&lt;script&gt;``) stays an entity, so the
Markdown holds no raw HTML. Personal e-mail addresses are taken out of the text. Every removal is noted; the result passes the Markdown lint of ``check``
(:func:`generator.load.markdown_lint.lint_markdown`), which is run on it as a last guard.
"""

from __future__ import annotations

import html
import re

import nh3
from markdownify import markdownify

from generator.load.markdown_lint import lint_markdown
from generator.load.personal_data import EMAIL
from generator.rules.emails import is_personal_email

Notes = list[tuple[str, str]]
KEPT_TAGS = frozenset({"p", "br", "div", "span", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li", "blockquote",
                       "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "hr"})
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template", "svg",
                                  "math", "form", "select", "textarea", "button"})
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});")
_TAG = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9-]*)")
_HANDLER = re.compile(r"<[^>]*?\s(on[a-z]+)\s*=", re.IGNORECASE)
_JS_LINK = re.compile(r"""\shref\s*=\s*["']?\s*(?:javascript|data|vbscript)\s*:""", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_HTML.search(text))


def _removals(raw: str) -> list[str]:
    """What sanitising takes away, in French: « balise <script> », « image », « attribut onerror »…"""
    found: list[str] = []
    tags = {m.group(1).lower() for m in _TAG.finditer(raw)}
    found.extend(f"balise <{tag}> (et son contenu)" for tag in sorted(tags & DROPPED_WITH_CONTENT))
    if "img" in tags:
        found.append("image(s) : ajoutez-les au dépôt si besoin")
    found.extend(f"attribut {name.lower()}" for name in sorted({m.group(1).lower() for m in _HANDLER.finditer(raw)}))
    if _JS_LINK.search(raw):
        found.append("lien javascript:/data:")
    return found


def _sanitised(raw: str, tags: frozenset[str]) -> str:
    return nh3.clean(raw, tags=set(tags), attributes={"a": {"href"}}, url_schemes=set(SCHEMES),
                     clean_content_tags=set(DROPPED_WITH_CONTENT), link_rel=None, strip_comments=True)


REDACTED = "(adresse personnelle retirée à l'import)"


def without_personal_emails(text: str, notes: Notes, column: str, context: tuple[str, ...] = ()) -> str:
    """Addresses built like a person's (:mod:`generator.rules.emails`) taken out of a free text, with a note:
    ``check`` refuses them there (``M-COURRIEL``), whatever ``--garder-courriels`` says of ``courriels``."""
    def replace(match: re.Match[str]) -> str:
        if not is_personal_email(match.group(0), context):
            return match.group(0)
        notes.append((column, f"courriel nominatif « {match.group(0)} » retiré du texte (donnée personnelle)"))
        return REDACTED
    return EMAIL.sub(replace, text) if "@" in text else text


def to_markdown(raw: str, notes: Notes, column: str, context: tuple[str, ...] = ()) -> str:
    """``<p>Ateliers <strong>gratuits</strong></p><script>…</script>`` → ``Ateliers **gratuits**`` (and a note)."""
    if not looks_like_html(raw):
        return without_personal_emails(raw, notes, column, context)
    removed = _removals(raw)
    clean = _sanitised(raw, KEPT_TAGS)
    clean = clean.replace("&lt;", "&amp;lt;").replace("&gt;", "&amp;gt;")  # shown tags stay entities in Markdown
    text = markdownify(clean, heading_style="ATX", bullets="-", newline_style="backslash")
    text = re.sub(r"[ \t]+\n", "\n", text.replace("\u00a0", " "))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if removed:
        notes.append((column, "HTML converti en Markdown ; retiré : " + ", ".join(removed)))
    text = without_personal_emails(text, notes, column, context)
    for problem in lint_markdown(text, column, 1, phones=False, context=context):
        notes.append((column, f"texte converti encore refusé par check ({problem.code} : {problem.message}), "
                              "non importé"))
        return ""
    return text


def to_plain(raw: str, notes: Notes, column: str, context: tuple[str, ...] = ()) -> str:
    """HTML in a plain-text field (``presentation_resume``): the words only, on one line."""
    if not looks_like_html(raw):
        return without_personal_emails(raw, notes, column, context)
    removed = _removals(raw)
    spaced = re.sub(r"(?i)<\s*(?:br|/p|/li|/div|/h[1-6])\b[^>]*>", " ", raw)
    text = html.unescape(_sanitised(spaced, frozenset()))
    if removed:
        notes.append((column, "HTML retiré du résumé ; retiré aussi : " + ", ".join(removed)))
    return without_personal_emails(" ".join(text.split()), notes, column, context)
