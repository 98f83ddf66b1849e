"""How deep contributor Markdown may nest lists and block quotes — one rule for the lint and the renderer.

markdown-it stops parsing when a container sits ``maxNesting`` token levels deep and silently drops
everything after it (a list adds two levels, a quote one): ten nested lists lose the tenth level and
the rest of the text. :data:`MAX_DEPTH` containers (lists and quotes counted alike) stay well under
that limit, so ``check`` refuses deeper text with its position and the renderer, which counts the
same way, never publishes a truncated page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markdown_it.token import Token

MAX_DEPTH = 8
MAX_NESTING = 20  # markdown-it's token-level limit, for the lint and the renderer (its CommonMark preset's value)
_OPENERS = frozenset({"bullet_list_open", "ordered_list_open", "blockquote_open"})
_CLOSERS = frozenset({"bullet_list_close", "ordered_list_close", "blockquote_close"})
# a container at depth d has at least d prefix characters (indentation, ">", list markers) on its line;
# a tab may stand for up to four columns of indentation
_DEEP_PREFIX = re.compile(rf"^[ >*+\-\d.)]{{{MAX_DEPTH + 1},}}", re.MULTILINE)


@dataclass(frozen=True)
class TooDeep:
    """A run of containers deeper than :data:`MAX_DEPTH`: the first one over the limit and the depth reached."""

    token: Token
    depth: int


def may_be_too_deep(text: str) -> bool:
    """Cheap superset test: ``False`` only when no line can open a container deeper than the limit."""
    return _DEEP_PREFIX.search(text.replace("\t", "    ") if "\t" in text else text) is not None


def too_deep(tokens: Sequence[Token]) -> Iterator[TooDeep]:
    """Each place where lists and quotes nest deeper than :data:`MAX_DEPTH`, with the deepest level under it."""
    depth = 0
    first: Token | None = None
    deepest = 0
    for token in tokens:
        if token.type in _OPENERS:
            depth += 1
            if depth == MAX_DEPTH + 1 and first is None:
                first, deepest = token, depth
            deepest = max(deepest, depth)
        elif token.type in _CLOSERS:
            depth -= 1
            if depth == 0 and first is not None:
                yield TooDeep(first, deepest)
                first = None
    if first is not None:  # containers left open: the parser gave up inside them
        yield TooDeep(first, deepest)


def depth_message(depth: int, limit_reached: bool = False) -> tuple[str, str]:
    """The French message and fix for a text nested ``depth`` levels deep."""
    levels = f"au moins {depth}" if limit_reached else str(depth)
    return (f"liste ou citation imbriquée trop profondément ({levels} niveaux, {MAX_DEPTH} au plus) : "
            "plus profond, le reste du texte disparaîtrait de la page",
            f"aplatissez la liste ou la citation (au plus {MAX_DEPTH} niveaux d'imbrication), "
            "par exemple en la découpant en plusieurs listes sous des intertitres")


def render_failure_message(exc: BaseException) -> tuple[str, str]:
    """The French message and fix when a Markdown text cannot be rendered at all."""
    reason = "trop de délimiteurs ou d'imbrications à la suite" if isinstance(exc, RecursionError) else type(exc).__name__
    return (f"ce texte Markdown ne peut pas être mis en forme ({reason}) : la page ne serait pas publiée",
            "simplifiez le passage en cause (longues suites de *, de _ ou de crochets, imbrications profondes) "
            "ou mettez-le entre accents graves (`…`)")
