"""Hypothesis: a structure exported to the national CSV and imported again is the same structure, on every
field of the standard, and its second export is byte-identical (import → export → import is the identity)."""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import load_settings
from generator.importers.run import import_file
from generator.load.yaml_strict import parse_text
from generator.load.yaml_writer import dump
from generator.models import standard, vocab
from generator.models.structure import NO_PUBLIC
from generator.pipeline import load
from generator.site.exports.producer import data_files

ROOT = Path(__file__).resolve().parent.parent
LETTERS = "abcdefghijklmnopqrstuvwxyzéèàçôABCDEFGHIJKLMNOPQRSTUVWXYZ"
# a word starts with a letter: the CSV export puts an apostrophe before a leading ``= + - @`` (formula
# neutralisation) and the import does not take it off yet (known limit, see the report of issue 12)
WORDS = st.builds(lambda a, b: a + b, st.sampled_from(LETTERS), st.text(alphabet=LETTERS + "'-", max_size=11))
TEXT = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)
COMMUNES = [("Veynes", "05400", "05179"), ("Gap", "05000", "05061"), ("Privas", "07000", "07186")]


def _subset(values: tuple[str, ...] | list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(list(values)), min_size=1, max_size=3, unique=True)


@st.composite
def structures(draw: st.DrawFn) -> dict[str, Any]:
    commune, postcode, insee = draw(st.sampled_from(COMMUNES))
    data: dict[str, Any] = {"nom": draw(TEXT), "commune": commune, "code_postal": postcode, "adresse": draw(TEXT),
                            "date_maj": draw(st.sampled_from(["1970-01-01", "2021-02-28", "2024-12-31"])),
                            # always present: the export writes the file name and the network otherwise
                            "id": draw(st.from_regex(r"[a-z0-9]{1,8}-[0-9]{1,4}", fullmatch=True)),
                            "source": draw(TEXT)}
    optional: dict[str, st.SearchStrategy[Any]] = {
        "pivot": st.from_regex(r"[1-9][0-9]{13}", fullmatch=True),
        "code_insee": st.just(insee),
        "complement_adresse": TEXT,
        "typologie": _subset(sorted(vocab.TYPOLOGIES)),
        "telephone": st.sampled_from(["+33492000000", "+33475123456"]),
        "courriels": st.lists(st.sampled_from(["contact@epn.example.org", "accueil@mairie.example.org"]),
                              min_size=1, max_size=2, unique=True),
        "site_web": st.just(["https://epn.example.org"]),
        "horaires": st.sampled_from(["Mo-Fr 09:00-12:00", "Mo,We 14:00-18:00; Sa 09:00-12:00"]),
        "presentation_resume": TEXT,
        "itinerance": _subset(vocab.ITINERANCE),
        "services": _subset(vocab.SERVICES),
        "publics_specifiquement_adresses": _subset(vocab.PUBLICS),
        "frais_a_charge": _subset(vocab.FRAIS),
        "modalites_acces": _subset(vocab.MODALITES_ACCES),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            data[key] = draw(strategy)
    if draw(st.booleans()):
        data["latitude"], data["longitude"] = "44.5335", "5.8231"
    return data


def _as_exported(data: dict[str, Any]) -> dict[str, Any]:
    """The standard's rule for a partner (no services, or no public): « Ce lieu n'accueille pas de public » alone."""
    if not data.get("services") or NO_PUBLIC in data.get("modalites_acces", ()):
        return {**data, "modalites_acces": [NO_PUBLIC]}
    return data


def _site(parent: Path, name: str) -> Path:
    root = parent / name
    (root / "actors" / "structures").mkdir(parents=True)
    (root / "mkdocs.yml").write_text((ROOT / "tests/fixtures/export/mkdocs.yml").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    return root


def _export(root: Path) -> str:
    config = load_settings(root)
    loaded = load(root, config, with_geo=False)
    assert loaded.problems == [], [p.format() for p in loaded.problems]
    return str(data_files(loaded.corpus, config)["lieux-mediation-numerique.csv"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structures())
def test_export_then_import_is_the_identity(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first = _site(Path(tmp), "premier")
        (first / "actors/structures/lieu.yml").write_text(dump(data, path="lieu.yml"), encoding="utf-8")
        exported = _export(first)
        source = Path(tmp) / "lieux-mediation-numerique.csv"
        source.write_text(exported, encoding="utf-8")
        second = _site(Path(tmp), "second")
        report = import_file(argparse.Namespace(format="mednum", fichier=source, root=second, departements=None,
                                                mapping=None, formulaire=None, mise_a_jour=False))
        assert len(report.created) == 1 and report.ignored == [], report.text()
        imported = parse_text((second / f"actors/structures/{report.created[0]}.yml").read_text(encoding="utf-8"),
                              "x.yml").data
        assert {k: v for k, v in imported.items() if k in standard.COLUMN_NAMES} == \
               {k: v for k, v in _as_exported(data).items() if k in standard.COLUMN_NAMES}
        again = _export(second)
        rows = lambda text: list(csv.DictReader(io.StringIO(text)))  # noqa: E731
        assert rows(again) == rows(exported)
