"""A small deterministic YAML writer for structure files, read back exactly by :mod:`yamlstrict`.

Only what our content needs: a mapping of text scalars and lists of text scalars. A scalar is
written plain when that is unambiguous, else double-quoted (JSON escaping is valid YAML);
lists are flow style (``[a, b]``) when every item is flow-safe and short, block style otherwise.
Keys follow the national standard's column order, then the network keys, then any other key
in alphabetical order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from generator.site.exports.mednum import COLUMN_NAMES

NETWORK_KEYS = ("reseaux", "zone_intervention")
KEY_ORDER = {key: index for index, key in enumerate((*COLUMN_NAMES, *NETWORK_KEYS))}
FLOW_WIDTH = 100

# Plain scalars: start with a letter/digit/accented letter, no indicator or comment sequences.
_PLAIN = re.compile(r"^[0-9A-Za-zÀ-ÖØ-öø-ÿŒœ+(][^\n\t\"'#\\]*$")
_RESERVED = re.compile(r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|"
                       r"on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN))$")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")


def _plain_ok(value: str, *, flow: bool) -> bool:
    if not value or value != value.strip() or not _PLAIN.match(value) or _RESERVED.match(value):
        return False
    if ": " in value or value.endswith(":") or " #" in value:
        return False
    if re.fullmatch(r"[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0[xob][0-9a-fA-F]+|[\d:]+", value):
        return False  # looks like a number or a sexagesimal: quote it for human readers
    return not (flow and _FLOW_UNSAFE.search(value))


def scalar(value: str, *, flow: bool = False) -> str:
    return value if _plain_ok(value, flow=flow) else json.dumps(value, ensure_ascii=False)


def _key_rank(key: str) -> tuple[int, str]:
    return (KEY_ORDER.get(key, len(KEY_ORDER)), key)


def dump(data: Mapping[str, str | Sequence[str] | None]) -> str:
    """YAML text for a flat mapping of text or lists of text (``None``/empty values omitted)."""
    lines: list[str] = []
    for key in sorted(data, key=_key_rank):
        value = data[key]
        if value is None or value == "" or (not isinstance(value, str) and not value):
            continue
        if isinstance(value, str):
            lines.append(f"{key}: {scalar(value)}")
            continue
        items = [str(item) for item in value]
        flow = "[" + ", ".join(scalar(item, flow=True) for item in items) + "]"
        if all(_plain_ok(item, flow=True) or not _FLOW_UNSAFE.search(item) for item in items) \
                and len(key) + len(flow) + 2 <= FLOW_WIDTH:
            lines.append(f"{key}: {flow}")
        else:
            lines.append(f"{key}:")
            lines.extend(f"  - {scalar(item)}" for item in items)
    return "\n".join(lines) + "\n"
