"""The YAML writer of the « Proposer » form (``assets/yaml-ecrire.js``) writes the same bytes as
``generator/load/yaml_writer.py``: run through Node on the demo records and on Hypothesis records."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_yamlwrite import PERSON_FIELDS, STRUCTURE_FIELDS, TRICKY

from generator.load.yaml_strict import parse_text
from generator.load.yaml_writer import KEY_ORDER, dump
from generator.rules.characters import FORBIDDEN

ROOT = Path(__file__).resolve().parent.parent
WRITER = ROOT / "generator" / "assets" / "yaml-ecrire.js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node absent : écrivain YAML JavaScript non testé")
RUNNER = """
const writer = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(input.records.map((r) => {
  try { return writer.dump(r, input.order); } catch (e) { return "ERREUR " + e.message; }
})));
"""


def js_dump(records: list[dict[str, Any]]) -> list[str]:
    assert NODE is not None
    done = subprocess.run([NODE, "-e", RUNNER, str(WRITER)], input=json.dumps({"records": records, "order": KEY_ORDER}),
                          capture_output=True, text=True, encoding="utf-8", check=True, timeout=60)
    result: list[str] = json.loads(done.stdout)
    return result


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*value, *(text for item in value.values() for text in _texts(item))]
    return [text for item in value for text in _texts(item)]


def _allowed(record: dict[str, Any]) -> bool:
    return not any(FORBIDDEN.search(text) for text in _texts(record))


def test_demo_records_are_written_identically() -> None:
    records = []
    for folder in ("actors/structures", "actors/people"):
        for path in sorted((ROOT / folder).glob("*.yml")):
            records.append(parse_text(path.read_text(encoding="utf-8"), path.name).data)
    assert len(records) > 50
    assert js_dump(records) == [dump(record) for record in records]


def test_tricky_scalars_are_written_identically() -> None:
    records: list[dict[str, Any]] = [{"nom": text} for text in TRICKY]
    records += [{"services": [text]} for text in TRICKY] + [{"publication": {"par": text}} for text in TRICKY]
    records += [{"nom": "Médiathèque Éloïse-Ægir d’Œuilly — 2ᵉ étage", "presentation_detail": "## Titre\n\n- un\n  - deux\n"}]
    records = [record for record in records if _allowed(record)]
    assert js_dump(records) == [dump(record) for record in records]


RECORDS = st.one_of(st.fixed_dictionaries({}, optional=STRUCTURE_FIELDS),
                    st.fixed_dictionaries({}, optional=PERSON_FIELDS))


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(st.lists(RECORDS, min_size=5, max_size=15))
def test_random_records_are_written_identically(records: list[dict[str, Any]]) -> None:
    records = [record for record in records if _allowed(record)]  # refused by both (tested in test_yamlwrite)
    assert js_dump(records) == [dump(record) for record in records]
