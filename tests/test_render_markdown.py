"""Contributor Markdown (markdown-it, the parser ``check`` lints with) → sanitised HTML."""

from __future__ import annotations

import pytest

from generator.site.render import allowed_link, markdown_html


def test_french_typography() -> None:
    html = markdown_html("L'atelier \"numérique\" -- ouvert...")
    assert html == "<p>L’atelier «\u00a0numérique\u00a0» – ouvert…</p>\n".replace("\u00a0", "&nbsp;")


def test_tables_keep_their_alignment_and_lists_and_code_render() -> None:
    html = markdown_html("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- un\n- deux\n\n```\n<b>x</b>\n```\n")
    assert '<th style="text-align:left">a</th>' in html and '<td style="text-align:right">2</td>' in html
    assert "<li>deux</li>" in html and "<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>" in html


def test_raw_html_is_text() -> None:
    assert markdown_html("<b onclick=x>gras</b>") == "<p>&lt;b onclick=x&gt;gras&lt;/b&gt;</p>\n"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "jav&#x09;ascript:alert(1)",
                                 "java%73cript:alert(1)", "%20javascript:x", "data:text/html,x", "vbscript:x",
                                 "file:///etc/passwd", "x:y"])
def test_disguised_schemes_are_not_links(url: str) -> None:
    assert "<a" not in markdown_html(f"[lien]({url})")


@pytest.mark.parametrize("url", ["https://exemple.fr/a:b", "http://x.fr", "mailto:a@b.fr", "tel:+33102030405",
                                 "../annuaire/", "page#ancre", "/x/y:z"])
def test_allowed_links(url: str) -> None:
    assert allowed_link(url)
    assert "<a href=" in markdown_html(f"[lien]({url})")
