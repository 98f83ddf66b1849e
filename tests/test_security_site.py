"""The built demo site: CSP on every page, no third party, consent (Y20), internal links (M11),
atomic builds and reproducible builds (B1)."""

from __future__ import annotations

import filecmp
import gzip
import hashlib
import re
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.config import load_settings
from generator.mkdocs.csp import TILE_HOSTS, inline_script_hashes, needs_wasm, policy, script_hash, with_csp
from generator.pipeline import load
from generator.site.linkcheck import check_site

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
EXTERNAL_RESOURCE = re.compile(r'<(?:script|img|iframe|source|embed)\b[^>]*\bsrc="((?:https?:)?//[^"]*)"'
                               r'|<link\b(?=[^>]*\brel="(?:stylesheet|preload|modulepreload|icon|manifest)")'
                               r'[^>]*\bhref="((?:https?:)?//[^"]*)"', re.IGNORECASE)


def html_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert pages
    return pages


def test_every_page_has_a_csp_covering_its_inline_scripts(built_site: Path) -> None:
    for path in html_pages(built_site):
        page = path.read_text(encoding="utf-8")
        metas = CSP_META.findall(page)
        assert len(metas) == 1, f"{path}: une et une seule politique CSP attendue"
        assert page.index("Content-Security-Policy") < page.find("<script") or "<script" not in page
        directives = dict(d.strip().split(" ", 1) for d in metas[0].split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
        assert directives["form-action"] == "'self'" and directives["frame-src"] == "'self'"
        assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
        wasm = "'wasm-unsafe-eval'" in directives["script-src"].split()
        assert wasm == (path.relative_to(built_site).as_posix() == "recherche/index.html"), f"{path}: wasm"
        for digest in inline_script_hashes(page):
            assert digest in directives["script-src"].split(), f"{path}: script en ligne sans empreinte"


def test_no_third_party_resource_except_tiles(built_site: Path) -> None:
    for path in html_pages(built_site):
        page = path.read_text(encoding="utf-8")
        for match in EXTERNAL_RESOURCE.finditer(page):
            url = match.group(1) or match.group(2)
            assert any(host.removeprefix("https://").lstrip("*.") in url for host in TILE_HOSTS), f"{path}: {url}"


def test_csp_rewrite_is_deterministic_and_inserts_when_missing() -> None:
    page = '<html><head><meta charset="utf-8"><title>t</title></head><body><script>var a=1;</script>' \
           '<script src="x.js"></script></body></html>'
    once = with_csp(page)
    assert with_csp(once) == once
    assert f"script-src 'self' {script_hash('var a=1;')};" in once
    assert once.index("Content-Security-Policy") < once.index("<title>")
    assert policy([]).startswith("default-src 'self'; img-src 'self' data: https://data.geopf.fr")


def test_wasm_is_allowed_only_where_a_marked_script_is_loaded() -> None:
    marked = '<html><head><meta charset="utf-8"></head><body><script src="p.js" data-csp-wasm></script></body></html>'
    assert needs_wasm(marked) and "script-src 'self' 'wasm-unsafe-eval';" in with_csp(marked)
    for page in ('<p>&lt;script src="p.js" data-csp-wasm&gt;</p>',  # escaped text in the content
                 "<p>data-csp-wasm</p>", "<script data-csp-wasm>var a=1;</script>",  # inline: never
                 '<script src="p.js"></script>'):
        assert not needs_wasm(page), page
        written = CSP_META.findall(with_csp(f'<html><head><meta charset="utf-8"></head><body>{page}</body></html>'))
        assert len(written) == 1 and "wasm" not in written[0]


def _unpublished_names(root: Path) -> list[str]:
    corpus = load(root, load_settings(root), with_geo=False).corpus
    published = set(corpus.published_people())
    names = [record.model.nom for slug, record in sorted(corpus.people.items()) if slug not in published]
    return [n for n in names if n]


def _site_texts(site: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz" or path.suffix.startswith(".pf_"):  # Pagefind's index files are gzip too
            data = gzip.decompress(data)
        texts[path.relative_to(site).as_posix()] = data.decode("utf-8", "replace")
    return texts


def test_y20_people_without_consent_appear_nowhere(built_site: Path, repo_root: Path) -> None:
    hidden = _unpublished_names(repo_root)
    assert hidden, "la démo doit contenir au moins une personne sans consentement"
    texts = _site_texts(built_site)
    assert "sitemap.xml" in texts and any(path.startswith("pagefind/fragment/") for path in texts)
    assert any(path.startswith("pagefind/index/") for path in texts)
    for name in hidden:
        pattern = re.compile(re.escape(name), re.IGNORECASE)
        leaks = sorted(path for path, text in texts.items() if pattern.search(text))
        assert leaks == [], f"« {name} » (sans consentement) publié dans {leaks}"


def test_m11_no_broken_internal_link_or_anchor(built_site: Path) -> None:
    assert [b.format() for b in check_site(built_site)] == []


def test_linkcheck_finds_broken_files_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="haut"><a href="a/">ok</a> <a href="#haut">ok</a> <a href="a/#bas">ancre</a>\n'
        '<a href="manque/">cassé</a> <img src="img/x.png"> <a href="https://ailleurs.example/">externe</a>'
        '<a href="mailto:a@b.fr">m</a></p>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h1 id="titre">A</h1><a href="../index.html#haut">r</a>',
                                               encoding="utf-8")
    assert [b.format() for b in check_site(tmp_path)] == [
        "index.html:1:57: ancre « #bas » absente de la page : a/#bas",
        "index.html:2:1: lien cassé (fichier absent) : manque/",
        "index.html:2:29: lien cassé (fichier absent) : img/x.png",
    ]


def _tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.construction
def test_failed_build_leaves_the_previous_site_untouched(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    assert main(["build", "--root", str(demo_copy)]) == 0
    site = demo_copy / "site"
    before = _tree(site)
    assert "index.html" in before
    broken = sorted((demo_copy / "actors" / "structures").glob("*.yml"))[0]
    broken.write_text(broken.read_text(encoding="utf-8") + "nom: doublon\n\tcle: tabulation\n", encoding="utf-8")
    assert main(["build", "--root", str(demo_copy)]) != 0
    assert _tree(site) == before
    assert sorted(p.name for p in demo_copy.iterdir() if p.name.startswith(".site")) == []


@pytest.mark.construction
def test_b1_two_builds_are_byte_identical(demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    first, second = tmp_path / "un" / "site", tmp_path / "deux" / "site"
    assert main(["build", "--root", str(demo_copy), "--site-dir", str(first)]) == 0
    assert main(["build", "--root", str(demo_copy), "--site-dir", str(second)]) == 0
    one, two = _tree(first), _tree(second)
    assert sorted(one) == sorted(two)
    differing = sorted(path for path in one if one[path] != two[path])
    assert differing == [], f"fichiers différents d'une construction à l'autre : {differing[:10]}"
    assert "sitemap.xml.gz" in one
    comparison = filecmp.dircmp(first, second)
    assert comparison.diff_files == [] and comparison.left_only == [] and comparison.right_only == []


def test_csp_refuses_an_inline_script_of_unknown_origin(tmp_path: Path) -> None:
    from generator.mkdocs.csp import UnknownInlineScript, apply_csp, unknown_inline_scripts

    allowed = {'var palette=__md_get("__palette");'}
    material = '<script>var palette=__md_get("__palette");</script>'
    data = '<script type="application/json" id="d">{"a": "</b>"}</script>'
    assert unknown_inline_scripts(material + data, allowed) == []
    (tmp_path / "index.html").write_text(f"<html><head></head><body>{material}<script>alert(1)</script></body></html>",
                                         encoding="utf-8")
    with pytest.raises(UnknownInlineScript, match="alert"):
        apply_csp(tmp_path, ["index.html"], lambda name: allowed)
