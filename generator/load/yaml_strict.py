"""Strict YAML loader on top of libyaml's event parser.

Guarantees (README « Règles de lecture des fichiers YAML »):
- strict UTF-8 (a bad byte is reported at its line:col), size cap, a leading BOM is dropped;
- C0/C1 controls, bidi overrides and zero-width characters are refused;
- every scalar stays a ``str`` (no YAML 1.1 typing: ``05400``, ``NO``, ``12:30`` stay text);
  only an empty plain scalar, ``~`` and ``null`` become ``None``;
- anchors, aliases and explicit tags are refused before anything is built;
- duplicate keys are refused with the line of the first occurrence;
- nesting is capped (no ``RecursionError``), exactly one document per file.

The result keeps the line:col of every key and value so that later stages
(pydantic validation, cross-references) point at the exact node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from generator.errors import ContentError, Location, Problem
from generator.rules.characters import char_description, char_hint, first_forbidden
from generator.rules.characters import char_label as char_label
from generator.rules.files import MAX_BYTES
from generator.rules.yaml_syntax import syntax_wording

try:  # libyaml's C parser; the pure-Python one is a slow but correct fallback
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml ships with PyYAML wheels
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # same interface, other class

MAX_DEPTH = 20
NULLS = frozenset({"", "~", "null", "Null", "NULL"})

_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)

Path_ = tuple[str | int, ...]


class _Mark(Protocol):
    """Where a parser event starts (PyYAML's pure-Python or libyaml mark)."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


@dataclass
class Document:
    """A loaded YAML mapping (or list) with the position of every node."""

    path: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    blocks: set[Path_] = field(default_factory=set)  # literal/folded scalars: text starts on the next line

    def locate(self, loc: Path_, *, key: bool = False) -> Location:
        """Position of the node at ``loc``, else of its nearest existing parent."""
        table = self.keys if key else self.values
        probe = tuple(loc)
        while probe:
            if probe in table:
                line, col = table[probe]
                return Location(self.path, line, col)
            if key and probe in self.values:
                line, col = self.values[probe]
                return Location(self.path, line, col)
            probe = probe[:-1]
        line, col = self.values.get((), (1, 1))
        return Location(self.path, line, col)


def _problem(path: str, line: int, col: int, code: str, message: str, hint: str = "") -> ContentError:
    return ContentError([Problem(Location(path, line, col), code, message, hint)])


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def decode(raw: bytes, path: str, *, line_offset: int = 0, max_bytes: int = MAX_BYTES) -> str:
    """Strict UTF-8 decoding with size cap and forbidden-character scan."""
    if len(raw) > max_bytes:
        raise _problem(
            path, 1, 1, "Y-TAILLE",
            f"fichier trop volumineux (plus de {max_bytes // 1024} Kio)",
            "découpez le contenu en plusieurs fichiers",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = line_col(good, len(good))
        raise _problem(
            path, line + line_offset, col, "Y-UTF8",
            f"le fichier n'est pas encodé en UTF-8 (octet 0x{raw[exc.start]:02x})",
            "enregistrez le fichier en UTF-8 (menu « Enregistrer sous » → encodage UTF-8)",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = first_forbidden(text)
    if bad is not None:
        line, col = line_col(text, bad)
        raise _problem(
            path, line + line_offset, col, "Y-CARACTERE",
            f"caractère invisible ou de contrôle interdit {char_description(text[bad])}",
            char_hint(text[bad]),
        )
    return text


def _syntax_error(exc: yaml.MarkedYAMLError, path: str, line_offset: int) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
        mark = exc.context_mark  # an unclosed quote: point at where it opens
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message, hint = syntax_wording(exc.problem or "erreur de syntaxe")
    return _problem(path, line + line_offset, col, "Y-SYNTAXE", message, hint)


class _Builder:
    """Builds Python data from parser events, refusing what we do not allow."""

    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.offset = line_offset
        self.doc = Document(path, None)
        self.stack: list[tuple[Any, Path_, dict[str, int]]] = []
        self.pending_key: list[str | None] = []
        self.documents = 0

    def _pos(self, mark: _Mark | None) -> tuple[int, int]:
        if mark is None:  # PyYAML always marks parser events
            return 1 + self.offset, 1
        return mark.line + 1 + self.offset, mark.column + 1

    def _fail(self, mark: _Mark | None, code: str, message: str, hint: str = "") -> ContentError:
        line, col = self._pos(mark)
        return _problem(self.path, line, col, code, message, hint)

    def _check_node(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.ScalarEvent):
            bad = first_forbidden(event.value)
            if bad is not None:  # written as an escape (« \\u202e », « \\0 ») inside double quotes
                raise self._fail(event.start_mark, "Y-CARACTERE",
                                 f"caractère invisible ou de contrôle interdit {char_description(event.value[bad])}, "
                                 "écrit sous forme d'échappement",
                                 "retirez la séquence « \\… » de ce texte entre guillemets")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise self._fail(event.start_mark, "Y-ANCRE",
                             f"les ancres et alias YAML (& et *) ne sont pas autorisés (« &{anchor} »)",
                             "recopiez la valeur en entier à chaque endroit")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            raise self._fail(event.start_mark, "Y-ETIQUETTE",
                             f"les étiquettes YAML explicites ne sont pas autorisées (« {tag} »)",
                             "retirez l'étiquette et écrivez la valeur simplement")

    def _child_path(self) -> tuple[Path_, Any]:
        """Path of the node being started and the container that receives it."""
        if not self.stack:
            return (), None
        container, cpath, _ = self.stack[-1]
        if isinstance(container, list):
            return (*cpath, len(container)), container
        key = self.pending_key[-1]
        if key is None:  # feed() reads a mapping's key before its value
            raise RuntimeError("YAML value without a key")
        return (*cpath, key), container

    def _attach(self, value: Any, npath: Path_, mark: _Mark | None) -> None:
        self.doc.values[npath] = self._pos(mark)
        if not self.stack:
            self.doc.data = value
            return
        container = self.stack[-1][0]
        if isinstance(container, list):
            container.append(value)
        else:
            container[self.pending_key[-1]] = value
            self.pending_key[-1] = None

    def _key(self, event: yaml.Event) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise self._fail(event.start_mark, "Y-CLE", "une clé doit être un simple texte",
                             "écrivez « clé: valeur »")
        _container, cpath, seen = self.stack[-1]
        key = event.value
        if key in seen:
            raise self._fail(event.start_mark, "Y-DOUBLON",
                             f"clé « {key} » en double (première occurrence ligne {seen[key]})",
                             f"gardez une seule clé « {key} »")
        line, col = self._pos(event.start_mark)
        seen[key] = line
        self.doc.keys[(*cpath, key)] = (line, col)
        self.pending_key[-1] = key

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.AliasEvent):
            raise self._fail(event.start_mark, "Y-ANCRE",
                             f"les ancres et alias YAML (& et *) ne sont pas autorisés (« *{event.anchor} »)",
                             "recopiez la valeur en entier à chaque endroit")
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self._fail(event.start_mark, "Y-DOCUMENTS",
                                 "un seul document YAML est attendu par fichier",
                                 "retirez le séparateur « --- » en trop")
            return
        if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent,
                                  yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            return
        in_mapping = bool(self.stack) and isinstance(self.stack[-1][0], dict)
        if in_mapping and self.pending_key[-1] is None and not isinstance(event, yaml.MappingEndEvent):
            self._check_node(event)
            self._key(event)
            return
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()
            self.pending_key.pop()
            return
        self._check_node(event)
        npath, _ = self._child_path()
        if isinstance(event, yaml.ScalarEvent):
            value: str | None = event.value
            if event.implicit[0] and value in NULLS:  # plain scalar only
                value = None
            if event.style in ("|", ">"):
                self.doc.blocks.add(npath)
            self._attach(value, npath, event.start_mark)
            return
        if len(self.stack) >= MAX_DEPTH:
            raise self._fail(event.start_mark, "Y-PROFONDEUR",
                             f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)",
                             "simplifiez la structure du fichier")
        new: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
        self._attach(new, npath, event.start_mark)
        self.stack.append((new, npath, {}))
        self.pending_key.append(None)


def parse_text(text: str, path: str, *, line_offset: int = 0) -> Document:
    """Parse already-decoded YAML text into a positioned :class:`Document`."""
    tab = _TAB_INDENT.search(text)
    if tab:
        line, col = line_col(text, tab.end() - 1)
        raise _problem(path, line + line_offset, col, "Y-TABULATION",
                       "tabulation utilisée pour l'indentation", "indentez avec des espaces")
    builder = _Builder(path, line_offset)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, path, line_offset) from None
    except yaml.YAMLError as exc:  # reader errors without a mark
        raise _problem(path, 1 + line_offset, 1, "Y-SYNTAXE", f"YAML illisible ({exc})") from None
    except RecursionError:
        raise _problem(path, 1 + line_offset, 1, "Y-PROFONDEUR", "imbrication trop profonde") from None
    if builder.documents == 0 or builder.doc.data is None:
        raise _problem(path, 1 + line_offset, 1, "Y-VIDE", "fichier vide",
                       "ajoutez au moins les champs obligatoires")
    return builder.doc


def load_bytes(raw: bytes, path: str, *, max_bytes: int = MAX_BYTES) -> Document:
    """Decode and parse a whole YAML file."""
    return parse_text(decode(raw, path, max_bytes=max_bytes), path)
