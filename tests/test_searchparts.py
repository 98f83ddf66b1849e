"""Search index in parts (generator/search/parts.py): a large site's index is written part by part,
by the CLI once MkDocs has ended, or by the plugin itself under a bare ``mkdocs build``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.search.index import SearchIndexError, read_fragments, search_copy
from generator.search.parts import CopyWriter, index_parts, keep_merged_only, parse_copies, read_copies, split
from tests.conftest import ROOT

PAGES = [(f"/annuaire/lieu-{n}/", '<!doctype html><html lang="fr"><body><div data-pagefind-body>'
          f"<h1>Lieu {n}</h1><p>Atelier numérique numéro {n} à Veynes.</p></div><!--/data-pagefind-body--></body></html>")
         for n in range(7)]


def test_split_is_even_and_bounded() -> None:
    assert split(7, 3) == [3, 2, 2]
    assert split(46057, 12000) == [11515, 11514, 11514, 11514]
    assert split(12000, 12000) == [12000] and split(1, 5) == [1]
    assert all(sum(split(n, s)) == n and max(split(n, s)) <= s for n in range(1, 60) for s in range(1, 9))


def test_copies_round_trip(tmp_path: Path) -> None:
    writer = CopyWriter(tmp_path / "copies.jsonl")
    for url, html in [("/é/", "« guillemets » et\nretour"), ("/b/", '<p a="1">')]:
        writer.add(url, html)
    writer.abort()
    assert writer.path is not None
    assert list(read_copies(writer.path)) == [("/é/", "« guillemets » et\nretour"), ("/b/", '<p a="1">')]
    assert writer.count == 2
    anonymous = CopyWriter()  # the plugin's own: no name on disk, gone with the process
    anonymous.add("/a/", "<p>a</p>")
    assert list(anonymous.copies()) == [("/a/", "<p>a</p>")] and anonymous.path is None
    anonymous.abort()
    with pytest.raises(SearchIndexError, match="ligne 2"):
        list(parse_copies(['["/a/", "b"]', "1"]))
    with pytest.raises(SearchIndexError, match="ligne 1"):
        list(parse_copies(["{pas du json"]))


def test_parts_hold_every_page_once(tmp_path: Path) -> None:
    copies = [(url, search_copy(html) or "") for url, html in PAGES]
    (tmp_path / "pagefind" / "fragment").mkdir(parents=True)
    (tmp_path / "pagefind" / "fragment" / "perime.pf_fragment").write_bytes(b"x")  # stale: removed
    names = index_parts(lambda: iter(copies), len(copies), tmp_path, size=3)
    bundle = tmp_path / "pagefind"
    assert names == ["partie-2", "partie-3"]
    assert json.loads((bundle / "parties.json").read_text(encoding="utf-8")) == names
    urls = [[page["url"] for page in read_fragments(folder)] for folder in (bundle, bundle / "partie-2", bundle / "partie-3")]
    assert urls == [[u for u, _ in PAGES[:3]], [u for u, _ in PAGES[3:5]], [u for u, _ in PAGES[5:]]]
    assert not (bundle / "fragment" / "perime.pf_fragment").exists()
    # an extra part keeps only what a merged index fetches
    kept = sorted(p.name for p in (bundle / "partie-2").iterdir())
    assert "pagefind-ui.js" not in kept and "pagefind.js" not in kept
    assert {"pagefind-entry.json", "fragment", "index"} <= set(kept)
    assert not any(name.startswith("wasm.") for name in kept)  # a merged index uses the first part's engine
    assert any(name.endswith(".pf_meta") for name in kept)
    assert (bundle / "pagefind-ui.js").is_file()  # the first part is a whole bundle


def test_missing_copies_are_an_error(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="incomplet"):
        index_parts(lambda: iter(PAGES[:2]), 5, tmp_path, size=2)
    with pytest.raises(SearchIndexError, match="aucune page"):
        index_parts(lambda: iter([]), 0, tmp_path)


def test_keep_merged_only(tmp_path: Path) -> None:
    for name in ("pagefind.js", "pagefind-ui.css", "pagefind-entry.json", "pagefind.fr_1.pf_meta", "wasm.fr.pagefind",
                 "fragment/a.pf_fragment", "index/b.pf_index", "filter/c.pf_filter", "autre/d.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    keep_merged_only(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "filter/c.pf_filter", "fragment/a.pf_fragment", "index/b.pf_index", "pagefind-entry.json",
        "pagefind.fr_1.pf_meta"]


def _fragments(site: Path) -> dict[str, str]:
    bundle = site / "pagefind"
    parts = json.loads((bundle / "parties.json").read_text(encoding="utf-8"))
    return {page["url"]: page["content"] for folder in [bundle, *(bundle / name for name in parts)]
            for page in read_fragments(folder)}


def test_cli_and_bare_mkdocs_give_the_same_parts(built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same pages in the same parts whoever indexes them, the same content as the one-part index,
    and no copy file left behind."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("GENERATOR_SEARCH_PART_PAGES", "50")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    tempfile.tempdir = None
    try:
        assert main(["build", "--root", str(ROOT), "--site-dir", str(tmp_path / "cli" / "site")]) == 0
        bare = tmp_path / "bare"
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(bare)],
                                cwd=ROOT, env=dict(os.environ), capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    finally:
        tempfile.tempdir = None
    cli, single = tmp_path / "cli" / "site", built_site
    assert json.loads((cli / "pagefind" / "parties.json").read_text(encoding="utf-8")) == ["partie-2", "partie-3"]
    assert json.loads((single / "pagefind" / "parties.json").read_text(encoding="utf-8")) == []
    for part in ("", "partie-2", "partie-3"):
        one = sorted(p.relative_to(cli).as_posix() for p in (cli / "pagefind" / part).rglob("*") if p.is_file())
        two = sorted(p.relative_to(bare).as_posix() for p in (bare / "pagefind" / part).rglob("*") if p.is_file())
        assert one == two
        assert all((cli / name).read_bytes() == (bare / name).read_bytes() for name in one)
    assert _fragments(cli) == _fragments(single)
    assert not list(tmp_path.glob("*.jsonl")) and not list((tmp_path / "cli").glob("*.jsonl"))


def test_cli_reports_an_unreadable_copy_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli.main import index_copies

    copies = tmp_path / "copies.jsonl"
    for text in ('["/a/", "<p>a</p>"]\n{pas du json\n', "1\n", '["/a/", 2]\n', "\udcff"):
        copies.write_text(text, encoding="utf-8", errors="surrogateescape")
        assert index_copies(copies, tmp_path / "site") == 1
        assert "Construction refusée" in capsys.readouterr().err
