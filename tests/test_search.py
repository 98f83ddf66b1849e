"""Search with Pagefind (generator/search.py): what is indexed, what is not, and the failures."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from generator import search
from generator.search import SearchIndexError, build_index, command, read_fragments


def test_command_uses_the_installed_module_quietly() -> None:
    assert command(Path("/x/site")) == [sys.executable, "-m", "pagefind", "--site", "/x/site",
                                        "--output-subdir", "pagefind", "--silent"]


def test_the_demo_index_holds_page_content_only(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fr"]  # French stemming, from <html lang="fr">
    pages = {page["url"]: page for page in read_fragments(built_site / "pagefind")}
    assert entry["languages"]["fr"]["page_count"] == len(pages)
    assert pages["/annuaire/mediatheque-veynes/"]["meta"]["title"] == "Médiathèque de Veynes"
    assert "/" in pages and "/contribuer/" in pages and "/competences/" in pages
    assert any(url.startswith("/comptes-rendus/20") for url in pages)
    assert any(url.startswith("/actions/") and url != "/actions/" for url in pages)
    # published people are searchable (published with their consent), robots noindex or not
    assert "/personnes/awa-diallo-reymond/" in pages
    # left out: the search page, the printable copy of the directory, the 404 page, the map documents
    assert not {"/recherche/", "/annuaire/imprimer/", "/404.html"} & set(pages)
    assert not any(url.startswith("/carte/carte") for url in pages)
    # only the content: neither the header, the tabs nor the footer
    for page in pages.values():
        assert "Passer en mode sombre" not in page["content"]  # header palette toggle
        assert "Licence Ouverte 2.0 — personnes fictives" not in page["content"]  # footer
    # the directory's static list (a copy of every structure) is not indexed on /annuaire/
    assert "Médiathèque de Veynes" not in pages["/annuaire/"]["content"]


def test_stale_bundle_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<html lang="fr"><body><main data-pagefind-body><h1>Accueil</h1>'
                                         "<p>Un lieu de médiation à Veynes.</p></main></body></html>",
                                         encoding="utf-8")
    (tmp_path / "pagefind" / "fragment").mkdir(parents=True)
    (tmp_path / "pagefind" / "fragment" / "vieux.pf_fragment").write_bytes(b"perime")
    bundle = build_index(tmp_path)
    assert not (bundle / "fragment" / "vieux.pf_fragment").exists()
    assert [page["url"] for page in read_fragments(bundle)] == ["/"]


def test_failures_are_reported_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SearchIndexError, match=r"a échoué \(code 1\)\. Aucune page HTML à indexer"):
        build_index(tmp_path)  # nothing to index
    monkeypatch.setattr(search, "command", lambda site: [sys.executable, "-m", "module_absent_pagefind"])
    with pytest.raises(SearchIndexError, match="Installez les dépendances"):
        build_index(tmp_path)
    monkeypatch.setattr(search, "command", lambda site: [sys.executable, "-c", "import time; time.sleep(5)"])
    with pytest.raises(SearchIndexError, match="a dépassé 1 s"):
        build_index(tmp_path, timeout=1)
    monkeypatch.setattr(search, "command", lambda site: [str(tmp_path / "absent")])
    with pytest.raises(SearchIndexError, match="impossible de lancer Pagefind"):
        build_index(tmp_path)
