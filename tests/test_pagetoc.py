"""Anchors and « Sur cette page » of generated pages (they skip Python-Markdown)."""

from __future__ import annotations

from pathlib import Path

from generator.mkdocs.toc import anchor_ids, with_toc


def test_headings_get_unique_ids_and_nest() -> None:
    page = ('<h2 id="horaires">Horaires</h2><p id="x">t</p><h3>Lundi &amp; mardi</h3>'
            "<h2>Compte rendu</h2><h3>Ordre du jour</h3><h3>Ordre du jour</h3><h2>Horaires</h2>")
    html, tokens = with_toc(page)
    assert '<h3 id="lundi-mardi">Lundi &amp; mardi</h3>' in html
    assert '<h3 id="ordre-du-jour-2">' in html
    assert '<h2 id="horaires-2">Horaires</h2>' in html  # the written id "horaires" is taken
    assert [(t["id"], [c["id"] for c in t["children"]]) for t in tokens] == [
        ("horaires", ["lundi-mardi"]), ("compte-rendu", ["ordre-du-jour", "ordre-du-jour-2"]), ("horaires-2", [])]
    assert tokens[0]["children"][0]["name"] == "Lundi &amp; mardi"  # MkDocs prints names as HTML
    assert anchor_ids(html) >= {"x", "horaires", "lundi-mardi", "ordre-du-jour-2"}


def test_heading_text_is_escaped_in_the_toc() -> None:
    _, tokens = with_toc('<h2><span>&lt;script&gt;alert(1)&lt;/script&gt;</span></h2>')
    assert tokens[0]["name"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert tokens[0]["id"] == "script-alert-1-script"


def test_anchor_ids_are_unescaped() -> None:
    assert anchor_ids('<div id="a&amp;b"></div><a href="#z">z</a>') == {"a&b"}


def test_demo_meeting_page_has_a_table_of_contents(built_site: Path) -> None:
    page = (built_site / "comptes-rendus" / "2022-10-27-visio-programme-du-17-novembre" / "index.html").read_text(encoding="utf-8")
    toc = page.split('md-nav--secondary', 1)[1].split("</nav>", 1)[0]
    assert 'href="#compte-rendu"' in toc and 'href="#ordre-du-jour"' in toc
    assert 'id="ordre-du-jour"' in page


def test_empty_headings_get_no_entry_and_break_nesting() -> None:
    html, tokens = with_toc('<h2>A</h2><h3><img src="x" alt=""></h3><h2></h2><h3>B</h3>')
    assert [(t["name"], [c["name"] for c in t["children"]]) for t in tokens] == [("A", []), ("B", [])]
    assert '<h3 id="section"><img src="x" alt=""></h3>' in html  # still an anchor


def test_heading_markup_inside_an_attribute_is_not_a_heading() -> None:
    """nh3 writes < and > as entities inside attributes: the heading pattern cannot match there."""
    from generator.site.render import markdown_html

    body = markdown_html('[lien](https://exemple.fr "<h2 onmouseover=alert(1)>x</h2>")')
    html, tokens = with_toc(body)
    assert tokens == [] and html == body and "<h2" not in body
