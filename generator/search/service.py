"""Pagefind fed page by page while MkDocs writes the site (README « Performances »).

Instead of parsing the whole built site once MkDocs is done (``pagefind --site``), the plugin
starts Pagefind in *service* mode (the same binary, from PyPI ``pagefind[bin]``) when the build
starts and hands it each page as soon as it is rendered: Pagefind indexes on the second core
while Python renders the next pages, and it reads only :func:`generator.search.index.search_copy` of
each page (the indexed region) — no file written twice, no header or navigation to parse.

The service speaks base64-encoded JSON messages separated by commas on stdin/stdout
(``NewIndex``, ``AddFile``, ``WriteFiles``, ``GetFiles``). The ``pagefind`` Python wrapper polls for one reply
every 0.1 s, far too slow for thousands of pages, so a reader thread here collects the replies.
Pagefind processes messages in order; the bundle is the same as the command line's (tested).
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import io
import json
import shutil
import subprocess
import tempfile
import threading
import time
import zlib
from pathlib import Path
from typing import IO, Any, NoReturn

from generator.search.index import BUNDLE, FRAGMENT_SIGNATURE, SearchIndexError, write_parts_list

TIMEOUT = 3600.0  # seconds to wait for the bundle once every page is sent
SETTLE = 120.0  # seconds for Pagefind's last writes to reach the disk after it has answered
ENTRY = "pagefind-entry.json"
INDEX_SUFFIXES = (".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter")  # gzip, FRAGMENT_SIGNATURE inside


def executable() -> str:
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError("Pagefind n'est pas installé. Installez les dépendances : "
                               "« pip install --no-deps -r requirements.lock ».") from None
    found = get_executable()
    if found is None:
        raise SearchIndexError("le programme Pagefind est introuvable (paquet pagefind-bin manquant ?)")
    return str(found)


class PagefindStream:
    """One index: ``add`` pages while building, then ``finish`` writes the bundle (or ``abort``)."""

    def __init__(self, *, language: str = "fr", timeout: float = TIMEOUT) -> None:
        try:
            self.log = tempfile.TemporaryFile()  # noqa: SIM115 — kept for the service's lifetime: what it prints
            self.process = subprocess.Popen([executable(), "--service"], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=self.log)
        except OSError as exc:
            raise SearchIndexError(f"impossible de lancer Pagefind ({exc})") from None
        self.replies: dict[int, dict[str, Any]] = {}
        self.errors: list[str] = []
        self.done = threading.Condition()
        self.sent = 0
        self.pages = 0  # pages added to the index (the one-page « témoin » of finish is not one)
        self.eof = False
        self.reader = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self.reader.start()
        self.config = {"force_language": language}
        reply = self._wait(self._send({"type": "NewIndex", "config": self.config}), timeout)
        self.index_id = int(reply["index_id"])

    def _send(self, payload: dict[str, Any]) -> int:
        self.sent += 1
        message = {"message_id": self.sent, "payload": payload}
        stdin = self.process.stdin
        assert stdin is not None
        try:
            stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        except (BrokenPipeError, ValueError):
            raise SearchIndexError("Pagefind s'est arrêté pendant l'indexation" + self._details()) from None
        return self.sent

    def _read(self, stream: IO[bytes] | None) -> None:
        assert isinstance(stream, io.BufferedIOBase)  # Popen's buffered pipe: read1 returns what is there
        pending = bytearray()  # the reply being received: it may come in many pieces
        while chunk := stream.read1(1 << 20):
            end = chunk.rfind(b",")
            if end < 0:
                pending += chunk
                continue
            pending += chunk[:end]
            for raw in bytes(pending).split(b","):
                self._receive(raw)
            pending = bytearray(chunk[end + 1:])
        with self.done:
            self.eof = True  # set under the lock: a waiter cannot miss the end of the output
            self.done.notify_all()

    def _receive(self, raw: bytes) -> None:
        try:
            reply = json.loads(base64.b64decode(raw))
        except ValueError:
            reply = {"payload": {"type": "Error", "message": "réponse illisible de Pagefind"}}
        payload = reply.get("payload") or {}
        with self.done:
            if payload.get("type") == "Error":
                self.errors.append(str(payload.get("message", "")).strip()[:300])
            if reply.get("message_id") is not None and payload.get("type") != "IndexedFile":
                self.replies[int(reply["message_id"])] = payload
            self.done.notify_all()

    def _details(self) -> str:
        if self.log.closed:
            return ""
        self.log.seek(0)
        printed = self.log.read()[-2000:].decode("utf-8", "replace").strip()
        lines = [*dict.fromkeys(self.errors), *([printed] if printed else [])]
        return (" :\n" + "\n".join(lines)[-2000:]) if lines else ""

    def _fail(self, message: str) -> NoReturn:
        self._stop()
        details = self._details()  # once it has stopped: all it printed
        self.log.close()
        raise SearchIndexError(message + details)

    def _wait(self, message_id: int, timeout: float) -> dict[str, Any]:
        try:
            assert self.process.stdin is not None
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass  # the reader sees the end of the output: reported below
        with self.done:
            finished = self.done.wait_for(
                lambda: message_id in self.replies or self.eof, timeout=timeout)
            reply = self.replies.get(message_id)
        if reply is None:
            reason = "n'a pas répondu à temps" if not finished else "s'est arrêté"
            self._fail(f"l'indexation de la recherche (Pagefind) {reason}")
        if reply.get("type") == "Error":
            self._fail("l'indexation de la recherche (Pagefind) a échoué")
        return reply

    def add(self, url: str, html: str, *, index_id: int | None = None) -> None:
        """Index one page; ``url`` is its address from the site root (``/annuaire/x/``)."""
        self.pages += index_id is None
        self._send({"type": "AddFile", "index_id": self.index_id if index_id is None else index_id,
                    "url": url, "file_path": None, "file_contents": html})

    def finish(self, bundle: Path, *, timeout: float = TIMEOUT, settle: float = SETTLE) -> None:
        """Pagefind writes the bundle into ``bundle``; returns once every file is whole, then stops it.

        Pagefind answers ``WriteFiles`` before its last writes have reached the disk, and it exits
        as soon as its input closes: a file could be cut short (seen once in CI). So the service
        is kept running until :func:`incomplete_files` finds every file whole. Any page Pagefind
        refused is an error."""
        if self.pages == 0:
            self._fail("aucune page à indexer pour la recherche")
        self._wait(self._send({"type": "WriteFiles", "index_id": self.index_id,
                               "output_path": str(bundle.resolve())}), timeout)
        if self.errors:
            self._fail("Pagefind a refusé des pages")
        fixed = self._fixed_files(timeout)
        deadline, whole_files = time.monotonic() + settle, set[str]()
        while pending := incomplete_files(bundle, fixed, whole_files):  # listed again: none may be missed
            if self.process.poll() is not None or self.eof:
                self._fail(f"Pagefind s'est arrêté avant d'avoir fini d'écrire l'index de recherche ({pending[0]})")
            if time.monotonic() > deadline:
                self._fail(f"Pagefind n'a pas fini d'écrire l'index de recherche ({pending[0]})")
            time.sleep(0.02)
        self.abort()

    def _fixed_files(self, timeout: float) -> dict[str, bytes]:
        """The bundle's files that do not depend on the pages (scripts, styles, engines), as
        Pagefind gives them for a one-page index: what each written copy must equal."""
        reply = self._wait(self._send({"type": "NewIndex", "config": self.config}), timeout)
        index_id = int(reply["index_id"])
        self.add("/", "<!doctype html><html lang=\"fr\"><body><h1>Témoin</h1></body></html>", index_id=index_id)
        reply = self._wait(self._send({"type": "GetFiles", "index_id": index_id}), timeout)
        try:
            files = {str(item["path"]): base64.b64decode(item["content"], validate=True)
                     for item in reply.get("files", [])}
        except (KeyError, TypeError, ValueError):
            self._fail("Pagefind a renvoyé un index illisible")
        return {name: data for name, data in files.items() if "/" not in name and not name.endswith(INDEX_SUFFIXES)
                and name != ENTRY}

    def abort(self) -> None:
        """Stop the service (idempotent): end of input, then a kill if it still runs (once
        :meth:`finish` has returned, every file it wrote is whole)."""
        self._stop()
        self.log.close()

    def _stop(self) -> None:
        with contextlib.suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.reader.join(timeout=5)
        with contextlib.suppress(OSError):
            if self.process.stdout is not None:
                self.process.stdout.close()


def incomplete_files(bundle: Path, fixed: dict[str, bytes], whole_files: set[str] | None = None) -> list[str]:
    """Files of ``bundle`` not yet whole (sorted): a fixed file unlike ``fixed``, a compressed
    index file that does not decompress to its end, an entry that is not JSON or names a missing
    meta-index. The folder is listed again each time; names found whole are added to
    ``whole_files`` and not read again (Pagefind never rewrites a file)."""
    done = whole_files if whole_files is not None else set()
    names = sorted({*fixed, ENTRY, *(p.relative_to(bundle).as_posix() for p in bundle.rglob("*")
                                     if p.suffix in INDEX_SUFFIXES)} - done)
    broken = []
    for name in names:
        path = bundle / name
        try:
            data = path.read_bytes()
            if name in fixed:
                whole = data == fixed[name]
            elif name == ENTRY:
                languages = json.loads(data)["languages"].values()
                whole = all((bundle / f"pagefind.{language['hash']}.pf_meta").is_file() for language in languages)
            else:
                whole = gzip.decompress(data).startswith(FRAGMENT_SIGNATURE)
        except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError, AttributeError):
            whole = False
        if whole:
            done.add(name)
        else:
            broken.append(name)
    return broken


def remove_stale_bundle(site_dir: Path) -> Path:
    """``site_dir/pagefind``, emptied of a previous index (file, link or folder)."""
    bundle = site_dir / BUNDLE
    if bundle.is_symlink() or bundle.is_file():
        bundle.unlink()
    elif bundle.is_dir():
        shutil.rmtree(bundle)
    return bundle


def write_bundle(stream: PagefindStream, site_dir: Path) -> Path:
    """Finish ``stream`` into ``site_dir/pagefind`` (a stale bundle is removed first); returns it."""
    bundle = remove_stale_bundle(site_dir)
    stream.finish(bundle)  # every file checked whole, the interface's among them
    write_parts_list(bundle, [])  # one part: nothing to merge
    return bundle
