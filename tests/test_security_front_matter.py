"""Front matter of hand-written pages and the « Modifier cette page » link (issue 15, items 1 and 3).

- the allow-list (``F-CLE``, ``F-VALEUR``, MultiMarkdown first line) is in the bad corpus with
  golden messages; here: the rule itself, and the build's own refusal;
- every theme-visible field rendered with a payload: nothing live in the built HTML (HTML parser);
- the edit link opens ``content/<page>.md``, from a validated, percent-escaped path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from theme_payloads import PAGE, PAYLOADS, THEME_FIELDS, build_payload_site, live_markup, payload_for

from generator.config import Settings
from generator.load.front_matter import ALLOWED_KEYS, front_matter_problems, key_problems, multimarkdown_problem
from generator.load.yaml_strict import parse_text
from generator.mkdocs import build_steps
from generator.mkdocs.sanitiser_guard import escape_theme_texts
from generator.mkdocs.theme_scripts import theme_scripts
from generator.rules.file_names import forge_path, is_safe_relative_path
from tests.conftest import ROOT


def _codes(front: str) -> list[tuple[int, str]]:
    return [(p.location.line, p.code) for p in front_matter_problems(parse_text(front, "content/p.md", line_offset=1))]


def test_allow_list_accepts_the_keys_our_pages_use(repo_root: Path) -> None:
    assert _codes("title: Contribuer\ndescription: Comment faire\nhide: [toc, navigation]\nsearch: {exclude: true}\n") == []
    for page in sorted((repo_root / "content").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        if text.startswith("---"):
            front = text.split("---\n", 2)[1]
            assert _codes(front) == [], page.name


@pytest.mark.parametrize("key", ["subtitle", "status", "author", "robots", "icon", "template", "Title"])
def test_any_other_key_is_refused_where_it_is(key: str) -> None:
    assert _codes(f"title: x\n{key}: y\n") == [(3, "F-CLE")]
    assert key_problems({"title": "x", key: "y"}) == [key]


@pytest.mark.parametrize("front", ["title: [a, b]\n", "title: ''\n", "hide: toc\n", "hide: [toc, tabs]\n",
                                   "search: true\n", "search: {exclude: true, boost: 2}\n", "search: {exclude: 'oui'}\n"])
def test_allowed_keys_with_the_wrong_shape_are_refused(front: str) -> None:
    assert [code for _, code in _codes(front)] == ["F-VALEUR"]


def test_multimarkdown_metadata_is_refused_and_prose_is_not() -> None:
    assert multimarkdown_problem("author: moi\n\n# Titre\n", "content/p.md") is not None
    assert multimarkdown_problem("https://exemple.org en première ligne\n", "content/p.md") is not None
    for text in ("# Titre\n", "Une phrase : avec deux-points.\n", "\n"):
        assert multimarkdown_problem(text, "content/p.md") is None, text


@pytest.mark.construction
def test_build_refuses_a_key_check_did_not_see(demo_copy: Path) -> None:
    """A page of a docs folder other than ``content/`` (which ``check`` reads): the build's own allow-list stops it.
    (A ``.markdown`` page, MkDocs' other page extension, is refused by ``check`` as ``S-TYPE``.)"""
    shutil.copytree(demo_copy / "content", demo_copy / "pages")
    config = demo_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: content", "docs_dir: pages"), encoding="utf-8")
    (demo_copy / "pages" / "autre.md").write_text("---\ntitle: x\nsubtitle: y\n---\n# x\n", encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(demo_copy / "out")],
                            cwd=demo_copy, env=env, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "subtitle" in output and "Traceback" not in output
    assert not (demo_copy / "out" / "autre" / "index.html").exists()


def test_check_written_meta_names_the_file_and_the_key() -> None:
    page = SimpleNamespace(meta={"title": "x", "robots": "y"}, file=SimpleNamespace(src_uri="a.md"))
    with pytest.raises(Exception, match=r"content/a\.md : champ d'en-tête « robots » non permis"):
        build_steps.check_written_meta(page, "/x/content")
    build_steps.check_written_meta(SimpleNamespace(meta={k: "x" for k in ALLOWED_KEYS[:2]}, file=page.file), "/x/content")


def test_every_front_matter_text_is_escaped_nested_ones_included() -> None:
    page = SimpleNamespace(title="<b>", meta={"author": PAYLOADS[1], "search": {"exclude": True},
                                              "hide": ["<i>"], "date": 3})
    escape_theme_texts(page)
    assert page.title == page.meta["title"] == "&lt;b&gt;"
    assert page.meta["author"] == '&quot;&gt;&lt;meta http-equiv=refresh content=&quot;0;url=https://spam.example&quot;&gt;'
    assert page.meta["search"] == {"exclude": True} and page.meta["hide"] == ["&lt;i&gt;"] and page.meta["date"] == 3


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_payload_site(tmp_path_factory.mktemp("entete"))


@pytest.mark.construction
@pytest.mark.parametrize("page", [f"{PAGE}/index.html", "index.html", "annuaire/index.html"])
def test_payloads_in_every_theme_field_stay_text(payload_site: Path, page: str) -> None:
    html = (payload_site / page).read_text(encoding="utf-8")
    found = live_markup(html)
    material = theme_scripts(page, load_config(str(ROOT / "mkdocs.yml")))
    assert all(body in material for body in found.scripts), "script en ligne inattendu"
    assert found.refresh == [] and found.handlers == []
    assert not any("display:none" in style for style in found.styles)
    shown = "\n".join(found.texts)
    fields = THEME_FIELDS if page.startswith(PAGE) else ("subtitle", "status")  # the navigation, on every page
    for field in fields:
        assert payload_for(field) in shown, field  # shown (or in an attribute) as the text it is


def test_file_names_are_validated_then_escaped() -> None:
    assert forge_path("content/contribuer.md") == "content/contribuer.md"
    assert forge_path("meetings/2024-06-21-reunion.md") == "meetings/2024-06-21-reunion.md"
    for bad in ('content/a"><meta http-equiv=refresh content=0;url=/x>.md', "content/../mkdocs.yml", "/etc/passwd",
                "content/Page.md", "content/a b.md", "content/a.md/", "content/", "", "content/a%22.md"):
        assert not is_safe_relative_path(bad) and forge_path(bad) == "", bad


def test_source_url_refuses_an_unsafe_path() -> None:
    settings = Settings(root=Path("/x"), repo_url="https://forge.example.org/r/", edit_uri="edit/main/")
    assert settings.source_url("content/contribuer.md") == "https://forge.example.org/r/edit/main/content/contribuer.md"
    assert settings.source_url('content/b"><img src=x onerror=alert(1)>.md') == ""
    assert Settings(root=Path("/x")).source_url("content/contribuer.md") == ""


def test_edit_link_of_hand_written_pages_opens_content(tmp_path: Path) -> None:
    settings = Settings(root=tmp_path, repo_url="https://forge.example.org/r", edit_uri="edit/main/")
    docs = str(tmp_path / "content")
    assert build_steps.edit_url(settings, "contribuer.md", {}, docs) == "https://forge.example.org/r/edit/main/content/contribuer.md"
    assert build_steps.edit_url(settings, "guides/A B.md", {}, docs) is None
    assert build_steps.edit_url(settings, "x.md", {}, str(tmp_path.parent / "ailleurs")) is None


def test_built_edit_links(built_site: Path) -> None:
    base = "https://forge.example.org/reseau-mednum/site/edit/main/"
    for page, source in (("contribuer/index.html", "content/contribuer.md"),
                         ("accessibilite/index.html", "content/accessibilite.md"),
                         ("annuaire/mediatheque-veynes/index.html", "actors/structures/mediatheque-veynes.yml")):
        html = (built_site / page).read_text(encoding="utf-8")
        assert f'href="{base}{source}"' in html, page
        assert f'href="{base}{source.removeprefix("content/")}"' not in html or not source.startswith("content/")


def test_the_parser_check_sees_unescaped_payloads() -> None:
    """What the test above looks for is found when the payloads land raw (the check can fail)."""
    raw = live_markup(f'<head><meta name="author" content="{PAYLOADS[1]}"><title>{PAYLOADS[0]}</title></head>'
                      f"<nav><small>{PAYLOADS[2]}</small></nav>")
    assert raw.refresh == ["0;url=https://spam.example"]
    assert raw.scripts == ["alert(1)"] and raw.styles == ["body{display:none}"]
