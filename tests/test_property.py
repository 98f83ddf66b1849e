"""Hypothesis: any text in any string field, any bytes as a whole file → positioned problems or a valid record.

Never an exception, never a problem without path:line:col and a code. Fast: ~200 examples each.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.load.corpus import Corpus, build_corpus
from generator.load.sources import read_sources

CODE = re.compile(r"^[A-Z]-[A-Z0-9-]+$")
SETTINGS = settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
pytestmark = pytest.mark.lent  # ~3 s per property on the shared machine

STRUCTURE = {"nom": "Médiathèque", "commune": "Veynes", "code_postal": "05400", "adresse": "1 rue de la Gare",
             "date_maj": "2024-04-02"}
PERSON = {"nom": "Camille D.", "structures": "mediatheque"}
MEETING = {"titre": "Réunion", "date": "2024-06-21", "statut": "tenue", "format": "visio"}
# kind → (path, base fields, string fields worth fuzzing: free text and constrained text alike)
KINDS: dict[str, tuple[str, dict[str, str], tuple[str, ...]]] = {
    "structure": ("actors/structures/mediatheque.yml", STRUCTURE,
                  ("nom", "commune", "adresse", "complement_adresse", "presentation_resume", "presentation_detail",
                   "source", "structure_parente", "id", "pivot", "code_postal", "code_insee", "telephone", "horaires",
                   "site_web", "courriels", "typologie", "services", "latitude", "date_maj", "prise_rdv")),
    "person": ("actors/people/camille.yml", PERSON, ("nom", "role", "presentation", "fictif", "structures")),
    "meeting": ("meetings/2024-06-21-reunion.md", MEETING,
                ("titre", "lieu", "heure_debut", "statut", "format", "serie", "nombre_participants", "date")),
}
FREE_TEXT = {"nom", "commune", "adresse", "complement_adresse", "presentation_resume", "presentation_detail", "source",
             "structure_parente", "id", "role", "presentation", "titre", "lieu"}
REQUIRED = {"nom", "commune", "titre"}  # adresse is optional: an unknown street is left out


def _render(kind: str, fields: dict[str, str], *, ascii_only: bool) -> str:
    lines = [f"{key}: {json.dumps(value, ensure_ascii=ascii_only)}" for key, value in fields.items()]
    text = "\n".join(lines) + "\n"
    if kind == "meeting":
        return f"---\n{text}---\nCorps du compte-rendu.\n"
    return text


def _write(root: Path, rel: str, content: bytes) -> None:
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    if rel.startswith("actors/people/"):
        other = root / "actors/structures/mediatheque.yml"
        other.parent.mkdir(parents=True, exist_ok=True)
        other.write_text("\n".join(f"{k}: {v}" for k, v in STRUCTURE.items()) + "\n", encoding="utf-8")


def _check(root: Path) -> tuple[Corpus, list[Problem]]:
    sources, problems = read_sources(root)
    corpus, found = build_corpus(sources)
    return corpus, problems + found


def _assert_positioned(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.location.path, problem
        assert problem.location.line >= 1, problem
        assert problem.location.col >= 1, problem
        assert CODE.match(problem.code), problem
        assert problem.message, problem
        assert "Traceback" not in problem.format()


def _assert_consistent(record: Any, problems: list[Problem]) -> None:
    """No record ⇒ at least one problem; a valid record may only have dangling references."""
    if record is None:
        assert problems
    else:
        assert all(p.code.startswith("R-") for p in problems), [p.format() for p in problems]


def _record(corpus: Corpus, kind: str) -> Any:
    pool = {"structure": corpus.structures, "person": corpus.people, "meeting": corpus.meetings}[kind]
    return next(iter(pool.values())).model if pool else None


@SETTINGS
@given(kind=st.sampled_from(sorted(KINDS)), data=st.data(), text=st.text(max_size=400), ascii_only=st.booleans())
def test_any_text_in_any_string_field(kind: str, data: st.DataObject, text: str, ascii_only: bool) -> None:
    rel, base, names = KINDS[kind]
    field = data.draw(st.sampled_from(names), label="field")
    fields = {**base, field: text}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write(root, rel, _render(kind, fields, ascii_only=ascii_only).encode("utf-8"))
        corpus, problems = _check(root)
    _assert_positioned(problems)
    record = _record(corpus, kind)
    _assert_consistent(record, problems)
    if record is not None and field in FREE_TEXT and ascii_only:
        # escaped by json.dumps, so YAML gives back exactly this text; the model only strips outer spaces
        stored = getattr(record, field)
        assert stored == (text.strip() or None) if field not in REQUIRED else stored == text.strip()


@SETTINGS
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), min_size=1,
                    max_size=200).filter(lambda s: s.strip() == s and s != ""))
def test_printable_text_round_trips_unescaped(text: str) -> None:
    """Visible text written raw (not \\u-escaped) inside double quotes comes back untouched."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write(root, KINDS["structure"][0], _render("structure", {**STRUCTURE, "nom": text}, ascii_only=False).encode())
        corpus, problems = _check(root)
    _assert_positioned(problems)
    if not problems:
        assert corpus.structures["mediatheque"].model.nom == text


YAML_BITS = [b"nom", b"titre", b"structures", b":", b": ", b" ", b"  ", b"\n", b"\r\n", b"- ", b"[", b"]", b"{", b"}",
             b",", b"&a ", b"*a", b"!!str ", b"!x ", b'"', b"'", b"\t", b"# ", b"---", b"...", b"?", b"|", b">",
             b"%YAML 1.1\n", b"\\", b"\\u202e", b"\\0", b"\xc3\xa9", b"\xe9", b"\xef\xbb\xbf", b"\x00", b"\xe2\x80\xae",
             b"01000", b"true", b"oui", b"2024-02-30", b"null", b"~", b"@", b"`", b"\xf0\x9f\x99\x82", b"\xc2\xa0"]


def _assert_bytes_ok(rel: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write(root, rel, content)
        corpus, problems = _check(root)
    _assert_positioned(problems)
    kind = {"actors/structures/": "structure", "actors/people/c": "person", "meetings/": "meeting"}
    expected = next(v for k, v in kind.items() if rel.startswith(k))
    _assert_consistent(_record(corpus, expected), problems)


@SETTINGS
@given(rel=st.sampled_from([KINDS[k][0] for k in sorted(KINDS)]), content=st.binary(max_size=2000))
def test_arbitrary_bytes_as_a_whole_file(rel: str, content: bytes) -> None:
    _assert_bytes_ok(rel, content)


@SETTINGS
@given(rel=st.sampled_from([KINDS[k][0] for k in sorted(KINDS)]),
       bits=st.lists(st.sampled_from(YAML_BITS), max_size=80), front=st.booleans())
def test_yaml_like_bytes_as_a_whole_file(rel: str, bits: list[bytes], front: bool) -> None:
    """Bytes assembled from YAML tokens reach much deeper into the parser than random noise."""
    content = b"".join(bits)
    if front:
        content = b"---\n" + content + b"\n---\n"
    _assert_bytes_ok(rel, content)
