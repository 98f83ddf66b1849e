"""The YAML writer of structure and person files, read back exactly by :mod:`generator.load.yaml_strict`.

PyYAML's own emitter, configured for our style rather than a hand-written serialiser:

* keys in the national standard's column order, then the other model fields, then any other
  key alphabetically; empty values (``None``, ``""``, empty lists) are left out;
* every scalar is a string, written plain only when it reads back as that same string for
  every YAML reader (no ``yes``, ``null``, ``0123``, ``1e3``, ``12:30``, dates…) and does not
  start with an indicator; otherwise between double quotes (``'`` for a French apostrophe
  stays as is), or single quotes when that avoids escaping an emoji;
* lists in block style (``  - item``), multi-line text as a literal block (``|``);
* no anchors or aliases, Unicode written as is, lines never folded.

What the loader would refuse is refused here, before anything is written: the characters of
:mod:`generator.rules.characters`, files over the loader's size cap, too deep nesting.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from typing import Any

import yaml

from generator.errors import ContentError, Location, Problem
from generator.load.yaml_strict import MAX_DEPTH
from generator.models.person import Person, Publication
from generator.models.standard import COLUMN_NAMES
from generator.models.structure import Structure
from generator.rules.characters import char_description, first_forbidden
from generator.rules.files import MAX_BYTES

KEY_ORDER = {key: rank for rank, key in enumerate(dict.fromkeys(
    (*COLUMN_NAMES, *Structure.model_fields, *Person.model_fields, *Publication.model_fields)))}
INDICATORS = frozenset("[]{}:?#&*!|>'\"%@`,")
# Scalars other YAML readers (YAML 1.1 or 1.2) would type although PyYAML's resolver does not.
_LOOKS_TYPED = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_:]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?
          |0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+
          |[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)
          |[yYnN])$""", re.VERBOSE)
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")

Value = str | list[Any] | dict[str, Any] | None


class StyleDumper(yaml.SafeDumper):
    """``yaml.SafeDumper`` writing our style (see the module docstring)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # « key:\n  - item », never an indentless list

    def analyze_scalar(self, scalar: str) -> Any:
        analysis = super().analyze_scalar(scalar)
        if scalar[:1] in INDICATORS:  # PyYAML would allow « :a » or « ?a » plain
            analysis.allow_flow_plain = analysis.allow_block_plain = False
        return analysis

    def choose_scalar_style(self) -> str:
        style = super().choose_scalar_style()
        if style != "'":
            return style
        event, analysis = self.event, self.analysis
        if not isinstance(event, yaml.ScalarEvent) or analysis is None:  # only a scalar has a style
            return style
        astral = any(ord(char) > 0xFFFF for char in event.value)
        return "'" if astral and not analysis.multiline else '"'


def _represent_str(dumper: StyleDumper, value: str) -> yaml.ScalarNode:
    # Kept trailing line breaks (« |+ ») would end the file with « ... »: those stay quoted.
    block = "\n" in value.rstrip("\n") and not value.endswith("\n\n") \
        and not any(brk in value for brk in _OTHER_BREAKS)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if block else None)


StyleDumper.add_representer(str, _represent_str)
StyleDumper.add_implicit_resolver("tag:yaml.org,2002:float", _LOOKS_TYPED, list("-+.0123456789yYnN"))


def _refuse(path: str, code: str, message: str, hint: str) -> ContentError:
    return ContentError([Problem(Location(path), code, message, hint)])


def _check_text(text: str, field: str, path: str) -> str:
    bad = first_forbidden(text)
    if bad is not None:
        raise _refuse(path, "Y-CARACTERE",
                      f"« {field} » contient un caractère invisible ou de contrôle interdit {char_description(text[bad])}",
                      "supprimez ce caractère de la source (il vient souvent d'un copier-coller), puis recommencez")
    return text


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | tuple | dict) and len(value) == 0)


def _key_rank(key: str) -> tuple[int, str]:
    return (KEY_ORDER.get(key, len(KEY_ORDER)), key)


def prepare(value: Any, field: str, path: str, depth: int = 0) -> Value:
    """``value`` checked and ordered for writing: keys sorted, empty values dropped, texts checked."""
    if depth >= MAX_DEPTH:
        raise _refuse(path, "Y-PROFONDEUR", f"« {field} » est imbriqué sur plus de {MAX_DEPTH} niveaux",
                      "aplatissez ces données avant de les écrire")
    if value is None:
        return None
    if isinstance(value, str):
        return _check_text(value, field, path)
    if isinstance(value, list | tuple):
        return [prepare(item, field, path, depth + 1) for item in value]
    if isinstance(value, Mapping):
        for key in value:
            if not isinstance(key, str):
                raise TypeError(f"clé non textuelle {key!r} dans « {field} »")
            _check_text(key, key, path)  # even the key of an empty value, which is left out
        return {key: prepare(value[key], key, path, depth + 1)
                for key in sorted(value, key=_key_rank) if not _empty(value[key])}
    raise TypeError(f"« {field} » : valeur de type {type(value).__name__}, seul du texte est écrit")


def dump(data: Mapping[str, Any], *, path: str = "fiche.yml") -> str:
    """YAML text of ``data`` (text, lists and mappings of text), which the strict loader reads back equal.

    Raises :class:`ContentError` (positioned on ``path``) for what the loader would refuse.
    """
    text: str = yaml.dump(prepare(data, "fiche", path), Dumper=StyleDumper, allow_unicode=True,
                          default_flow_style=False, sort_keys=False, width=sys.maxsize)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise _refuse(path, "Y-TAILLE", f"fiche trop volumineuse pour être relue (plus de {MAX_BYTES // 1024} Kio)",
                      "raccourcissez les textes les plus longs de la source")
    return text
