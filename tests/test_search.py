"""Search with Pagefind (generator/search/index.py, generator/search/service.py): what is indexed, what is not, and the failures."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.search import service as searchstream
from generator.search.index import SearchIndexError, read_fragments, search_copy, snapshot_tree
from generator.search.service import PagefindStream, executable, write_bundle


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
        assert "Site produit avec" not in page["content"]  # footer
    # the directory's static list (a copy of every structure) is not indexed on /annuaire/
    assert "Médiathèque de Veynes" not in pages["/annuaire/"]["content"]
    # lists of other pages are not indexed either: a name searched finds its own page, not every
    # list that mentions it (at 30 000 structures /competences/ alone held 550 000 words)
    name = "Awa Diallo-Reymond"
    assert name in pages["/personnes/awa-diallo-reymond/"]["content"]
    for listing in ("/competences/", "/competences/certification-pix/"):
        assert name not in pages[listing]["content"]
        assert "Certification Pix" in pages[listing]["content"]  # the competence itself still is
    action = "Une réponse pour les situations d'urgence, sans rendez-vous"
    assert action in pages["/actions/accueil-sans-rendez-vous-en-urgence/"]["content"]
    assert action not in pages["/actions/"]["content"]
    meeting = "Lancement du cycle 2022 et tour des besoins"
    assert any(meeting in p["content"] for url, p in pages.items() if url.startswith("/comptes-rendus/20"))
    assert meeting not in pages["/comptes-rendus/"]["content"]


PAGES = {
    "/": '<div data-pagefind-body><h1>Accueil</h1><p>Un lieu de médiation à Veynes.</p></div><!--/data-pagefind-body-->',
    "/annuaire/x/": ('<div data-pagefind-body><h1>Médiathèque</h1><h2 id="services">Services</h2><p>Ateliers tablettes.</p>'
                     '<section data-pagefind-ignore><p>À compléter : horaires</p></section></div><!--/data-pagefind-body-->'),
}


def page(body: str) -> str:
    return f'<!doctype html><html lang="fr"><head><title>t</title></head><body><header>Menu</header>{body}<footer>Pied</footer></body></html>'


def test_search_copy_keeps_only_the_indexed_region() -> None:
    copy = search_copy(page(PAGES["/"]))
    assert copy is not None and copy.startswith('<!doctype html><html lang="fr">')
    assert "Menu" not in copy and "Pied" not in copy and "Un lieu de médiation" in copy
    assert search_copy(page("<main><h1>Rechercher</h1></main>")) is None  # search: {exclude: true}


def test_streamed_index_equals_the_command_line_one(tmp_path: Path) -> None:
    """Pagefind fed page by page gives the fragments `pagefind --site` gives for the same pages."""
    stream = PagefindStream()
    for url, body in PAGES.items():
        stream.add(url, search_copy(page(body)) or "")
    write_bundle(stream, tmp_path / "flux")
    site = tmp_path / "site"
    for url, body in PAGES.items():
        (site / url.strip("/")).mkdir(parents=True, exist_ok=True)
        (site / url.strip("/") / "index.html").write_text(page(body), encoding="utf-8")
    subprocess.run([executable(), "--site", str(site), "--silent"], check=True)
    streamed, reference = read_fragments(tmp_path / "flux" / "pagefind"), read_fragments(site / "pagefind")
    assert [p["url"] for p in streamed] == ["/", "/annuaire/x/"]
    assert streamed == reference
    ours = snapshot_tree(tmp_path / "flux" / "pagefind")
    assert ours.pop("parties.json") == b"[]"  # one part: nothing for the search page to merge
    assert ours == snapshot_tree(site / "pagefind")  # every file, whole
    assert "À compléter" not in streamed[1]["content"]  # data-pagefind-ignore
    assert streamed[1]["anchors"][0]["id"] == "services"


def test_stale_bundle_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "pagefind" / "fragment").mkdir(parents=True)
    (tmp_path / "pagefind" / "fragment" / "vieux.pf_fragment").write_bytes(b"perime")
    stream = PagefindStream()
    stream.add("/", search_copy(page(PAGES["/"])) or "")
    bundle = write_bundle(stream, tmp_path)
    assert not (bundle / "fragment" / "vieux.pf_fragment").exists()
    assert [p["url"] for p in read_fragments(bundle)] == ["/"]
    assert stream.process.poll() is not None  # the service has stopped


def fake_pagefind(tmp_path: Path, script: str) -> str:
    program = tmp_path / "pagefind-factice"
    program.write_text(f"#!{sys.executable}\n{script}\n", encoding="utf-8")
    program.chmod(0o755)
    return str(program)


def test_failures_are_reported_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searchstream, "executable", lambda: str(tmp_path / "absent"))
    with pytest.raises(SearchIndexError, match="impossible de lancer Pagefind"):
        PagefindStream()
    monkeypatch.setattr(searchstream, "executable",
                        lambda: fake_pagefind(tmp_path, "import sys; print('panique', file=sys.stderr)"))
    with pytest.raises(SearchIndexError, match=r"s'est arrêté :\npanique"):
        PagefindStream()
    monkeypatch.setattr(searchstream, "executable", lambda: fake_pagefind(tmp_path, "import sys; sys.stdin.buffer.read()"))  # mute until stopped
    with pytest.raises(SearchIndexError, match="n'a pas répondu à temps"):
        PagefindStream(timeout=1)


def test_missing_package_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    import pagefind.service

    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    with pytest.raises(SearchIndexError, match="introuvable"):
        searchstream.executable()


def test_pagefind_dying_mid_build_is_a_french_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The service answers NewIndex then dies: the next pages cannot be sent, the build says so."""
    script = ("import sys, base64, json\n"
              "sys.stdin.buffer.read1(1 << 16)\n"
              "reply = {'message_id': 1, 'payload': {'type': 'NewIndex', 'index_id': 0}}\n"
              "sys.stdout.buffer.write(base64.b64encode(json.dumps(reply).encode()) + b',')\n"
              "sys.stdout.flush(); print('plus de mémoire', file=sys.stderr)")
    monkeypatch.setattr(searchstream, "executable", lambda: fake_pagefind(tmp_path, script))
    stream = PagefindStream(timeout=10)
    with pytest.raises(SearchIndexError, match="Pagefind s'est arrêté pendant l'indexation"):
        for _ in range(2000):  # enough to fill the pipe once the service is gone
            stream.add("/x/", search_copy(page(PAGES["/annuaire/x/"])) or "")
        stream.process.stdin.flush()  # type: ignore[union-attr]
    stream.abort()



FAKE_SERVICE = """
import base64, gzip, json, os, sys, threading, time
out = sys.stdout.buffer
def send(reply):  # replies cut in pieces of 7 bytes: the reader puts them back together
    data = base64.b64encode(json.dumps(reply).encode()) + b","
    for i in range(0, len(data), 7):
        out.write(data[i:i + 7]); out.flush()
FIXED = {"pagefind.js": b"moteur", "pagefind-ui.js": b"interface"}
FRAGMENT = gzip.compress(b"pagefind_dcd{}")
def write(folder, name, data):
    path = os.path.join(folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
pending = b""
while True:
    chunk = sys.stdin.buffer.read1(1 << 16)
    if not chunk:
        os._exit(0)  # like Pagefind: gone as soon as its input closes, whatever it was writing
    *messages, pending = (pending + chunk).split(b",")
    for raw in messages:
        message = json.loads(base64.b64decode(raw))
        kind, number = message["payload"]["type"], message["message_id"]
        if kind == "NewIndex":
            send({"message_id": number, "payload": {"type": "NewIndex", "index_id": 0}})
        elif kind == "GetFiles":
            files = [{"path": k, "content": base64.b64encode(v).decode()} for k, v in FIXED.items()]
            send({"message_id": number, "payload": {"type": "GetFiles", "files": files}})
        elif kind == "WriteFiles":
            folder = message["payload"]["output_path"]
            for name, data in FIXED.items():
                write(folder, name, data)
            write(folder, "pagefind.fr_1.pf_meta", FRAGMENT)
            write(folder, "pagefind-entry.json", b'{"languages": {"fr": {"hash": "fr_1"}}}')
            write(folder, "fragment/x.pf_fragment", FRAGMENT[:9])  # answered before it is whole
            send({"message_id": number, "payload": {"type": "WriteFiles"}})
            if os.environ["FIN"] == "lente":
                threading.Timer(0.3, write, (folder, "fragment/x.pf_fragment", FRAGMENT)).start()
            if os.environ["FIN"] == "arret":
                os._exit(0)
"""


@pytest.mark.parametrize("ending", ["lente", "jamais", "arret"])
def test_the_service_runs_until_every_file_is_whole(ending: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind answers WriteFiles before its last write lands and exits when its input closes:
    the stream waits for whole files (a truncated file reached a CI site once), or says which is not."""
    monkeypatch.setattr(searchstream, "executable", lambda: fake_pagefind(tmp_path, FAKE_SERVICE))
    monkeypatch.setenv("FIN", ending)
    stream = PagefindStream(timeout=10)
    stream.add("/", "<html></html>")
    bundle = tmp_path / "site" / "pagefind"
    if ending == "lente":
        stream.finish(bundle, settle=10)
        assert gzip.decompress((bundle / "fragment" / "x.pf_fragment").read_bytes()) == b"pagefind_dcd{}"
        assert searchstream.incomplete_files(bundle, {"pagefind.js": b"moteur"}) == []
    elif ending == "jamais":
        with pytest.raises(SearchIndexError, match=r"n'a pas fini d'écrire l'index de recherche \(fragment/x.pf_fragment\)"):
            stream.finish(bundle, settle=0.5)
    else:  # gone with a file cut short: said at once (waiting out ``settle`` says « n'a pas fini »)
        with pytest.raises(SearchIndexError, match="s'est arrêté"):
            stream.finish(bundle, settle=60)
        return
    assert stream.process.poll() is not None
    checked = searchstream.incomplete_files(bundle, {"pagefind.js": b"autre chose"})
    assert "pagefind.js" in checked  # a fixed file unlike Pagefind's own copy
    assert ("fragment/x.pf_fragment" in checked) == (ending == "jamais")  # cut short: gzip incomplete
    (bundle / "pagefind.fr_1.pf_meta").unlink()
    assert "pagefind-entry.json" in searchstream.incomplete_files(bundle, {})  # names a missing meta-index


def test_an_empty_index_is_refused_at_once() -> None:
    stream = PagefindStream()
    with pytest.raises(SearchIndexError, match="aucune page à indexer"):
        stream.finish(Path("/nulle-part"))
    assert stream.process.poll() is not None
