"""Markdown robustness: nesting past the parser's limit, linear-time scanners, render failures named.

Timings are in ``benchmarks/bench_adversarial.py`` (never an assertion here); these tests check
behaviour: what is refused, where, and that nothing is dropped or turns into a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import copy_content
from mkdocs.exceptions import PluginError

from generator.errors import ContentError
from generator.load.markdown_lint import MAX_PER_CODE, lint_markdown
from generator.load.markdown_scan import attribute_ids, attribute_keys, attribute_lists, blank_code_spans
from generator.mkdocs.build_steps import check_page_renders
from generator.rules.markdown_nesting import MAX_DEPTH, may_be_too_deep
from generator.site import render
from generator.site.pages.followup import body_html


def nested_list(levels: int) -> str:
    return "\n".join("  " * i + f"- niveau {i + 1}" for i in range(levels)) + "\n\nParagraphe final.\n"


def test_the_deepest_accepted_list_is_rendered_whole() -> None:
    html = render.markdown_html(nested_list(MAX_DEPTH))
    assert f"niveau {MAX_DEPTH}" in html and "Paragraphe final." in html
    assert lint_markdown(nested_list(MAX_DEPTH), "m.md") == []


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 10, 30])
def test_a_list_one_level_too_deep_is_refused_with_its_position(levels: int) -> None:
    problems = lint_markdown(nested_list(levels), "meetings/x.md", first_line=5)
    assert [p.code for p in problems] == ["M-IMBRICATION"]
    assert str(problems[0].location) == f"meetings/x.md:{5 + MAX_DEPTH}:{2 * MAX_DEPTH + 1}"
    assert "8 au plus" in problems[0].message and problems[0].hint.startswith("aplatissez")


@pytest.mark.parametrize("text", ["> " * 12 + "citation\n", "- > " * 5 + "x\n", "1. " * 10 + "x\n", "> " * 9 + "x\n"])
def test_quotes_and_mixed_containers_count_alike(text: str) -> None:
    assert may_be_too_deep(text)
    assert [p.code for p in lint_markdown(text, "m.md")] == ["M-IMBRICATION"]


def test_tabs_count_as_indentation_in_the_cheap_pre_test() -> None:
    text = "".join("\t" * (i // 2) + ("  " if i % 2 else "") + "- x\n" for i in range(12))
    assert may_be_too_deep(text)
    assert [p.code for p in lint_markdown(text, "m.md")] == ["M-IMBRICATION"]


def test_the_renderer_stops_instead_of_dropping_text() -> None:
    with pytest.raises(ContentError) as info:
        render.markdown_html(nested_list(10), "meetings/2024-06-21-reunion.md", 7)
    (problem,) = info.value.problems
    assert problem.code == "M-RENDU" and problem.location.path == "meetings/2024-06-21-reunion.md"
    assert problem.location.line == 7 + MAX_DEPTH


def test_a_meeting_body_names_its_file_when_rendering_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: Any) -> str:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(render._markdown().renderer, "render", explode)
    with pytest.raises(ContentError) as info:
        body_html("Texte *simple*.", "actions/atelier.md", 9)
    assert [p.format().split(" — ")[0] for p in info.value.problems] == [
        "actions/atelier.md:9:1: [M-RENDU] ce texte Markdown ne peut pas être mis en forme "
        "(trop de délimiteurs ou d'imbrications à la suite) : la page ne serait pas publiée"]


@pytest.mark.parametrize(("text", "expected"), [
    ("a `{: onclick=x}` b", "a " + " " * 15 + " b"),
    ("``code ` avec`` fin", " " * 15 + " fin"),
    ("` seul", "` seul"),
    ("```` ` ````", "           "),
    ("`a` `b`", "       "),
])
def test_code_spans_are_blanked_as_commonmark_reads_them(text: str, expected: str) -> None:
    assert blank_code_spans(text) == expected


@pytest.mark.parametrize(("text", "found"), [
    ("Titre {: onclick=alert(1) }", ["{: onclick=alert(1) }"]),
    ("{#__config .x}", ["{#__config .x}"]),
    ("{a={b}", ["{a={b}"]),
    ("{: title=\"a}b\" }", ["{: title=\"a}"]),  # Python-Markdown ends the list at the first }
    ("{remarque libre}", []),
    ("{a=" * 1000, []),
    ("{a=1}{b=2}", ["{a=1}", "{b=2}"]),
])
def test_attribute_lists_as_python_markdown_finds_them(text: str, found: list[str]) -> None:
    assert list(attribute_lists(text)) == found


def test_attribute_keys_and_ids() -> None:
    assert attribute_keys('{: #x .y OnClick="a" style=z }') == ["onclick", "style"]
    assert attribute_ids("{: #a id='__b' }") == ["a", "__b"]


def test_thousands_of_faults_list_the_first_ones() -> None:
    text = "".join(f"[l{i}](javascript:x{i}) " for i in range(500))
    problems = lint_markdown(text, "m.md")
    assert len(problems) == MAX_PER_CODE and {p.code for p in problems} == {"M-LIEN"}


def _page() -> Any:
    return SimpleNamespace(file=SimpleNamespace(src_uri="sous/page.md"))


CONFIG = {"markdown_extensions": ["toc", "admonition", "tables"], "mdx_configs": {"toc": {"permalink": True}},
          "docs_dir": "/tmp/x/content"}


def test_a_hand_written_page_that_python_markdown_cannot_render_stops_the_build_by_name() -> None:
    deep = "\n".join("    " * i + "- a" for i in range(400))  # Python-Markdown recurses once per level
    with pytest.raises(PluginError) as info:
        check_page_renders(deep, _page(), CONFIG)
    assert "content/sous/page.md:1:1: [M-RENDU]" in str(info.value)
    assert "Traceback" not in str(info.value)
    check_page_renders("# Titre\n\n*a* **b**\n", _page(), CONFIG)  # an ordinary page passes


@pytest.mark.construction
def test_the_build_refuses_a_too_deep_page_in_french(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    (root / "content" / "profond.md").write_text("# Profond\n\n" + nested_list(12), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
                            cwd=root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "content/profond.md:11:17: [M-IMBRICATION]" in output, output[-2000:]
