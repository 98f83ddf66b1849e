"""``mkdocs.yml`` read with the position of every node, without running it.

MkDocs loads its configuration with an unsafe loader (``!!python/name:`` builds Python objects);
here the file is only *composed* (a tree of nodes with their line and column), and only the few
values we need are constructed: those of the ``reseau`` plugin block and ``repo_url``,
``edit_uri``, ``site_url``, with YAML's usual types and ``!ENV`` resolved as MkDocs does. Any
other tag in those values is refused; elsewhere in the file tags are never looked at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from generator.errors import Location, Problem
from generator.rules.yaml_syntax import syntax_wording

TOP_KEYS = ("repo_url", "edit_uri", "site_url")
Loc = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """Safe constructors plus MkDocs' ``!ENV``; used only on the nodes we read."""


_Loader.add_constructor("!ENV", construct_env_tag)


@dataclass
class PluginBlock:
    """The ``reseau`` block: its constructed values and where each key and value is written."""

    path: str
    options: dict[str, Any] = field(default_factory=dict)
    top: dict[str, Any] = field(default_factory=dict)
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def locate(self, loc: Loc, key: bool = False) -> Location:
        """Position of the node at ``loc`` in the block, else of its nearest parent, else of the block."""
        probe = tuple(loc)
        while probe:
            for table in (self.keys, self.values) if key else (self.values,):
                if probe in table:
                    return Location(self.path, *table[probe])
            probe = probe[:-1]
        return Location(self.path, *self.values.get((), (1, 1)))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _record(node: yaml.Node, loc: Loc, block: PluginBlock) -> None:
    block.values[loc] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                block.keys[(*loc, key.value)] = _mark(key)
                _record(value, (*loc, key.value), block)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, (*loc, index), block)


def _entries(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def _scalar_key(node: yaml.Node, name: str) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value == name


def _find_plugin(plugins: yaml.Node | None, name: str) -> yaml.Node | None:
    """The option node of plugin ``name`` (``- name:`` in the list, or a key of a mapping); None when
    it is absent or listed without options (``- name``)."""
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            for key, value in _entries(item):
                if _scalar_key(key, name):
                    return value
    for key, value in _entries(plugins):
        if _scalar_key(key, name):
            return value
    return None


_YAML = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset({*(_YAML + name for name in ("str", "int", "float", "bool", "null", "seq", "map")), "!ENV"})


def _foreign_tag(node: yaml.Node) -> yaml.Node | None:
    """The first node under ``node`` (itself included) with a tag other than YAML's plain types and !ENV."""
    if node.tag not in ALLOWED_TAGS:
        return node
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    for child in children:
        if (found := _foreign_tag(child)) is not None:
            return found
    return None


def _construct(node: yaml.Node, block: PluginBlock, where: Loc) -> tuple[bool, Any]:
    """The value of ``node`` as MkDocs would read it; (False, None) and a problem when refused."""
    foreign = _foreign_tag(node)
    if foreign is not None:
        tag = foreign.tag.replace(_YAML, "!!")
        block.problems.append(Problem(Location(block.path, *_mark(foreign)), "C-VALEUR",
                                      f"étiquette YAML « {tag} » refusée pour « {where[-1]} »",
                                      "écrivez une valeur simple (texte, liste) ; seule l'étiquette !ENV est acceptée"))
        return False, None
    try:
        return True, _Loader("").construct_object(node, deep=True)
    except yaml.YAMLError:
        block.problems.append(Problem(Location(block.path, *_mark(node)), "C-VALEUR",
                                      f"valeur illisible pour « {where[-1]} »",
                                      "écrivez une valeur simple (texte, liste) ; !ENV prend un nom de variable"))
        return False, None


def read_block(text: str, path: str, plugin: str = "reseau") -> PluginBlock:
    """The plugin block of ``text`` (a ``mkdocs.yml``); its problems are in ``block.problems``."""
    block = PluginBlock(path)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message, hint = syntax_wording(exc.problem or "erreur de syntaxe")
        block.problems.append(Problem(Location(path, line, col), "C-SYNTAXE", message, hint))
        return block
    except yaml.YAMLError as exc:
        block.problems.append(Problem(Location(path), "C-SYNTAXE", f"{path} illisible ({exc})",
                                      "gardez un seul document YAML dans ce fichier"))
        return block
    plugins: yaml.Node | None = None
    for key, value in _entries(root):
        if _scalar_key(key, "plugins"):
            plugins = value
        elif isinstance(key, yaml.ScalarNode) and key.value in TOP_KEYS:
            ok, constructed = _construct(value, block, (key.value,))
            if ok and constructed is not None:
                block.top[key.value] = str(constructed)
    node = _find_plugin(plugins, plugin)
    if node is None:
        return block
    _record(node, (), block)
    if node.tag == "tag:yaml.org,2002:null":  # « - reseau: » with nothing under it
        return block
    if not isinstance(node, yaml.MappingNode):
        block.problems.append(Problem(block.locate(()), "C-VALEUR",
                                      f"le bloc « {plugin} » doit contenir des options « clé: valeur »",
                                      f"indentez les options sous « - {plugin}: », par exemple « nom_reseau: … »"))
        return block
    for key, value in node.value:
        name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
        ok, constructed = _construct(value, block, (name,))
        if ok:
            block.options[name] = constructed
    return block
