"""Markdown lint run at ``check`` time (README « Sécurité », corpus tests/corpus/markdown M1–M12).

Contributor Markdown (bodies of minutes and action sheets, hand-written ``content/`` pages)
is parsed with markdown-it-py (CommonMark) with link validation switched off, so that unsafe
links stay visible instead of being silently dropped. Reported, with ``path:line:col``:

- ``M-HTML``: raw HTML, block or inline (comments are tolerated);
- ``M-LIEN``: link or image scheme other than http, https, mailto, tel or a relative address
  (after entity decoding and removal of the blanks that browsers ignore), reference
  definitions included;
- ``M-ATTR``: ``attr_list`` syntax with an attribute other than ``#id``/``.classe``
  (event handlers, ``style``), or an id starting with ``__`` (DOM clobbering);
- ``M-TEL`` / ``M-COURRIEL``: a phone number in minutes or action sheets, a personal e-mail
  address (``prenom.nom@…``) anywhere (RGPD minimisation);
- ``M-IMBRICATION``: lists and quotes nested deeper than the renderer can parse
  (:mod:`generator.rules.markdown_nesting`), which would silently drop the rest of the text;
- ``S-LIEN``: a symbolic link under ``content/`` (MkDocs would publish its target);
- ``S-TYPE`` / ``S-RESERVE``: a file that is neither Markdown nor a raster image, or a page in a
  generated section (:mod:`generator.load.content_tree`, which walks ``content/``).

Every scan runs in linear time on any text (:mod:`generator.load.markdown_scan`, benchmark
``benchmarks/bench_adversarial.py``); at most :data:`MAX_PER_CODE` problems of one code are listed
per text. Jinja-looking text (``{{ … }}``, ``{% … %}``) is accepted: it is never evaluated, only shown.
CommonMark and Python-Markdown differ slightly, so this lint is the early, positioned warning;
the post-render sanitiser (``render.sanitise``) is the guarantee.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.errors import ContentError, Location, Problem
from generator.load.content_tree import content_pages
from generator.load.front_matter import front_matter_problems, multimarkdown_problem
from generator.load.markdown_scan import (
    attribute_ids,
    attribute_keys,
    attribute_lists,
    blank_code_spans,
    nesting_problems,
)
from generator.load.personal_data import EMAIL, PHONE, normalise, record_text_problems, structure_context
from generator.load.sources import Source, split_front_matter
from generator.load.yaml_strict import decode, parse_text
from generator.rules.emails import is_personal_email
from generator.rules.files import MAX_BYTES
from generator.rules.markdown_nesting import MAX_NESTING, may_be_too_deep
from generator.rules.urls import SAFE_PREFIXES, SCHEMES_HINT, USERINFO_HINT, has_userinfo, is_allowed_link, link_scheme

BODY_KINDS = frozenset({"meeting", "action"})

MAX_PER_CODE = 20  # a text with thousands of faults lists the first ones (and stays fast to report)
_COMMENT = re.compile(r"^\s*+<!--.*?-->\s*+$", re.DOTALL)
_TAG_NAME = re.compile(r"<\s*+(?:/\s*+)?([a-zA-Z][a-zA-Z0-9-]*+)")
_PHONE = PHONE
_EMAIL = EMAIL

class _RawLinks(MarkdownIt):
    """CommonMark tokens whose link destinations stay as written."""

    def validateLink(self, url: str) -> bool:
        return True  # keep unsafe links visible: we report them

    def normalizeLink(self, url: str) -> str:
        return url  # the raw destination (entities already decoded)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return _RawLinks("commonmark", {"maxNesting": MAX_NESTING})  # the renderer's limit: same tokens


class _Body:
    """A Markdown text with the file line of its first line, for positioning."""

    def __init__(self, path: str, text: str, first_line: int, context: tuple[str, ...] = ()) -> None:
        self.path = path
        self.context = context  # commune and name of the structure whose text this is (e-mail rule)
        self.lines = text.split("\n")
        self.first_line = first_line
        self.problems: list[Problem] = []

    def find(self, span: list[int] | None, needle: str, *, ci: bool = False) -> Location:
        start, end = (span or [0, len(self.lines)])[:2]
        for index in range(start, min(end, len(self.lines))):
            haystack = self.lines[index].lower() if ci else self.lines[index]
            col = haystack.find(needle.lower() if ci else needle)
            if col >= 0:
                return Location(self.path, self.first_line + index, col + 1)
        return Location(self.path, self.first_line + start, 1)

    def found(self, span: list[int] | None, needle: str) -> bool:
        start, end = (span or [0, len(self.lines)])[:2]
        return any(needle in line for line in self.lines[start:end])

    def room(self, code: str) -> bool:
        """Whether one more problem of ``code`` is listed (checked before looking for its position)."""
        return sum(1 for p in self.problems if p.code == code) < MAX_PER_CODE

    def add(self, location: Location, code: str, message: str, hint: str) -> None:
        self.problems.append(Problem(location, code, message, hint))


def _html(body: _Body, span: list[int] | None, raw: str) -> None:
    if not body.room("M-HTML") or _COMMENT.match(raw) or raw.lstrip().startswith("</"):
        return  # comments are harmless; a closing tag is reported with its opening one
    tag = _TAG_NAME.search(raw)
    name = f"<{tag.group(1).lower()}>" if tag else raw.strip()[:20]
    snippet = raw.strip().split("\n")[0][:30]
    body.add(body.find(span, snippet), "M-HTML", f"HTML brut interdit ({name})",
             "écrivez en Markdown ; pour montrer du code, entourez-le d'accents graves (`…`)")


def _bare_scheme(url: str) -> str:
    """What stands before the first colon, for the message about a link no scheme rule names."""
    return url.split(":", 1)[0].strip().lower()[:20]


def _link(body: _Body, span: list[int] | None, url: str, what: str, *, raw: str | None = None) -> None:
    if is_allowed_link(url) or not body.room("M-LIEN"):
        return
    scheme = link_scheme(url) or _bare_scheme(url)
    location = body.find(span, raw or url.split("\n")[0][:40])
    for needle in (f"]({url[:3]}", f"<{url[:3]}", f"]: {url[:3]}"):
        if raw is None and not body.found(span, url) and body.found(span, needle):
            location = body.find(span, needle)
            location = Location(location.path, location.line, location.col + len(needle) - 3)
            break
    if has_userinfo(url):
        body.add(location, "M-LIEN", f"{what} avec un identifiant avant « @ » interdit", USERINFO_HINT)
        return
    body.add(location, "M-LIEN", f"{what} avec le schéma « {scheme}: » interdit",
             SCHEMES_HINT)


def _attr_lists(body: _Body, span: list[int] | None, content: str) -> None:
    for text in attribute_lists(blank_code_spans(content)):
        if not body.room("M-ATTR"):
            return
        location = body.find(span, text)
        keys = attribute_keys(text)
        ids = attribute_ids(text)
        if any(k.startswith("on") for k in keys):
            body.add(location, "M-ATTR", f"gestionnaire d'événement dans des attributs {text}",
                     "supprimez ce bloc { … } : le script ne doit pas venir du contenu")
        elif any(i.startswith("__") for i in ids):
            body.add(location, "M-ATTR", f"identifiant réservé commençant par « __ » dans {text}",
                     "choisissez un identifiant sans « __ » initial")
        elif any(k not in ("id", "class") for k in keys):
            body.add(location, "M-ATTR", f"attribut non permis dans {text}",
                     "seuls #identifiant et .classe sont permis dans { … }")


def _personal_data(body: _Body, span: list[int] | None, content: str, *, phones: bool) -> None:
    visible = normalise(blank_code_spans(content))
    if phones:
        for match in _PHONE.finditer(visible):
            if not body.room("M-TEL"):
                break
            body.add(body.find(span, match.group(0).split("\n")[0]), "M-TEL",
                     f"numéro de téléphone « {match.group(0)} » dans le texte",
                     "pas de numéro personnel (RGPD) : renvoyez vers la fiche de la structure")
    for match in _EMAIL.finditer(visible):
        if is_personal_email(match.group(0), body.context) and body.room("M-COURRIEL"):
            body.add(body.find(span, match.group(0)), "M-COURRIEL",
                     f"adresse électronique personnelle « {match.group(0)} »",
                     "utilisez l'adresse générique de la structure (contact@…) ou retirez-la (RGPD)")


def _inline(body: _Body, token: Token, bad_refs: set[str], *, phones: bool) -> None:
    span = token.map
    for child in token.children or []:
        if child.type == "html_inline":
            _html(body, span, child.content)
        elif child.type in ("link_open", "image"):
            attr = "href" if child.type == "link_open" else "src"
            url = str(child.attrs.get(attr, ""))
            if url in bad_refs and (not body.room("M-LIEN") or not body.found(span, url)):
                continue  # resolved from a reference definition, reported there
            _link(body, span, url, "lien" if child.type == "link_open" else "image")
    _attr_lists(body, span, token.content)
    _personal_data(body, span, token.content, phones=phones)


def _may_have_problems(text: str, phones: bool, context: tuple[str, ...] = ()) -> bool:
    """Cheap superset test: ``False`` only when no rule can fire, so the CommonMark parse is skipped.

    Every rule needs one of: ``<`` (raw HTML, autolinks), ``{`` (attribute lists), ``]:``
    (reference definitions), ``](`` not followed right away by ``http(s)://``, ``mailto:`` or
    ``tel:`` or holding an ``@`` (a link whose scheme or user information must be checked), a personal
    e-mail address anywhere in the text, phone-like digits, or a line whose prefix (indentation, ``>``,
    list markers) is long enough for lists and quotes nested too deep. The result is identical, only
    faster (``check`` at 30,000 records).
    """
    if "<" in text or "]:" in text or "{" in text or may_be_too_deep(text):
        return True
    start = text.find("](")
    while start >= 0:
        end = text.find(")", start)
        if not text.startswith(SAFE_PREFIXES, start + 2) or "@" in text[start:end if end >= 0 else None]:
            return True  # a scheme to check, or user information (``https://nom@hote``) in the link
        start = text.find("](", start + 2)
    text = normalise(text)  # entities, fullwidth and non-ASCII digits, non-breaking spaces
    if "@" in text and any(is_personal_email(m.group(0), context) for m in _EMAIL.finditer(text)):
        return True
    return phones and _PHONE.search(text) is not None


def lint_markdown(text: str, path: str, first_line: int = 1, *, phones: bool = True,
                  context: tuple[str, ...] = ()) -> list[Problem]:
    """Problems of one Markdown text whose first line is line ``first_line`` of ``path``.

    ``context``: commune and name of the structure the text describes, for the e-mail rule.
    """
    if not _may_have_problems(text, phones, context):
        return []
    body = _Body(path, text, first_line, context)
    env: dict[str, object] = {}
    tokens = _parser().parse(text, env)
    refs = env.get("references") or {}
    bad_refs: set[str] = set()
    for ref in refs.values() if isinstance(refs, dict) else ():
        href = str(ref.get("href", ""))
        if not is_allowed_link(href):
            bad_refs.add(href)
            _link(body, ref.get("map"), href, "définition de lien")
    body.problems.extend(nesting_problems(tokens, body.lines, path, first_line))
    for token in tokens:
        if token.type == "html_block":
            _html(body, token.map, token.content)
        elif token.type == "inline":
            _inline(body, token, bad_refs, phones=phones)
    return sorted(set(body.problems))


def lint_sources(sources: Iterable[Source]) -> list[Problem]:
    """Lint the Markdown of every meeting and action body and of structures' ``presentation_detail``,
    and the published free-text fields of every record for personal data."""
    sources = list(sources)
    problems: list[Problem] = record_text_problems(sources)  # titles, ``lieu:``… of the front matter
    for source in sources:
        if source.kind in BODY_KINDS and source.body.strip():
            problems.extend(lint_markdown(source.body, source.path, source.body_line))
        elif source.kind == "structure" and isinstance(source.doc.data, dict):
            detail = source.doc.data.get("presentation_detail")
            if isinstance(detail, str) and detail.strip():  # rendered as Markdown on the structure page
                line = source.doc.values.get(("presentation_detail",), (1, 1))[0]
                line += ("presentation_detail",) in source.doc.blocks
                problems.extend(lint_markdown(detail, source.path, line, phones=False,
                                              context=structure_context(source)))
    return problems


def lint_content_pages(root: Path) -> list[Problem]:
    """Lint hand-written pages under ``content/`` (front matter read strictly, then the body)."""
    problems: list[Problem] = []
    for path in content_pages(root, problems):
        rel = path.relative_to(root).as_posix()
        try:
            with open(path, "rb") as handle:
                text = decode(handle.read(MAX_BYTES + 1), rel)
            body, first = text, 1
            if text.startswith("---"):
                front, body, first = split_front_matter(text, rel)
                problems.extend(front_matter_problems(parse_text(front, rel, line_offset=1)))
            elif (multimarkdown := multimarkdown_problem(text, rel)) is not None:
                problems.append(multimarkdown)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(lint_markdown(body, rel, first, phones=False))
    return sorted(problems)


def lint_all(root: Path, sources: Iterable[Source]) -> list[Problem]:
    return sorted(lint_sources(sources) + lint_content_pages(root))
