"""Problems of an import grouped by cause: counts, up to five examples, the full list for a file.

A problem is a report line ``fichier:ligne 4:colonne Tarifs: message``; its cause is the message
with the quoted values (« … »), numbers and file names blanked, so « courriel « a@b » invalide »
and « courriel « c@d » invalide » are one cause counted twice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

EXAMPLES = 5
POSITION = re.compile(r"^(?P<where>[^:]+:(?:ligne|élément|fiche) [^:]+)(?::colonne (?P<column>.+?))?: (?P<message>.*)$")


@dataclass
class Group:
    cause: str
    lines: list[str] = field(default_factory=list)


def cause(line: str) -> str:
    found = POSITION.match(line)
    message = found.group("message") if found else line.split(": ", 1)[-1]
    message = re.sub(r"«[^»]*»", "« … »", message)
    message = re.sub(r"actors/structures/\S+?\.yml", "actors/structures/….yml", message)
    message = re.sub(r"\([^()]*\.(?:csv|json|xlsx|ods|txt)[^()]*\)", "(…)", message)
    return re.sub(r"(?<![\w-])\d+(?![\w-])", "N", message)


def groups(lines: list[str]) -> list[Group]:
    """Causes by decreasing count, then alphabetically (deterministic)."""
    found: dict[str, Group] = {}
    for line in lines:
        key = cause(line)
        found.setdefault(key, Group(key)).lines.append(line)
    return sorted(found.values(), key=lambda g: (-len(g.lines), g.cause))


def example(line: str, names: Mapping[str, str]) -> str:
    found = POSITION.match(line)
    name = names.get(found.group("where"), "") if found else ""
    return f"{line} — « {name} »" if name else line


def summary(title: str, lines: list[str], names: Mapping[str, str], full_list: str) -> list[str]:
    if not lines:
        return []
    out = [f"{title} ({len(lines)}), par cause :"]
    for group in groups(lines):
        out.append(f"  {len(group.lines)} × {group.cause}")
        out += [f"      {example(line, names)}" for line in group.lines[:EXAMPLES]]
        if len(group.lines) > EXAMPLES:
            out.append(f"      … et {len(group.lines) - EXAMPLES} autre(s) : voir {full_list}")
    return out


def full_text(title: str, lines: list[str], names: Mapping[str, str]) -> list[str]:
    if not lines:
        return []
    out = [f"{title} ({len(lines)}) :"]
    for group in groups(lines):
        out.append(f"  {len(group.lines)} × {group.cause}")
        out += [f"      {example(line, names)}" for line in group.lines]
    return out
