"""Search index of a large site, in parts indexed one after the other (README « Recherche »).

Pagefind's memory grows with the words it indexes (≈ 4,4 Gio for 46 000 pages, next to the
1,6 Gio of the build itself). Past :func:`part_pages` pages, the plugin does not feed Pagefind
during the build: it writes each page's indexed region (:func:`generator.search.index.search_copy`)
to a file, and :func:`index_parts` then indexes them in parts of at most that many pages, one
Pagefind process after the other. ``python -m generator build`` (``make build``) does it once
MkDocs has finished and freed its memory, so the two never add up.

Part 1 is the usual bundle (``site/pagefind/``); part *k* goes to ``site/pagefind/partie-k/``,
reduced to what a merged index reads (entry, meta-index, index pieces, fragments: a merged
index uses the first part's engine).
``site/pagefind/parties.json`` lists the extra parts; the search page merges them
(``mergeIndex`` of Pagefind's interface, generator/assets/recherche.js). Each part adds its
entry, meta-index and index pieces to a reader's first query.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from generator.search.index import SearchIndexError, write_parts_list
from generator.search.service import ENTRY, INDEX_SUFFIXES, PagefindStream, remove_stale_bundle

PART_PAGES = 10_000  # measured: 1,7 Gio of Pagefind memory for a part of 9 200 synthetic pages (1,9 for 11 500)
PART_PREFIX = "partie-"
COPIES_ENV = "GENERATOR_SEARCH_COPIES"  # set by the CLI: write the copies there, it indexes them
PART_FOLDERS = ("fragment", "index", "filter")  # what a merged index fetches, with ENTRY and meta


def part_pages() -> int:
    """Pages per part: :data:`PART_PAGES`, or ``GENERATOR_SEARCH_PART_PAGES`` (tests, small machines)."""
    value = os.environ.get("GENERATOR_SEARCH_PART_PAGES", "")
    return int(value) if value.isdigit() and int(value) > 0 else PART_PAGES


def split(count: int, size: int) -> list[int]:
    """Sizes of the parts for ``count`` pages, at most ``size`` each, as even as possible."""
    parts = max(1, math.ceil(count / size))
    return [count // parts + (1 if index < count % parts else 0) for index in range(parts)]


class CopyWriter:
    """Search copies written to a file during the build (one JSON ``[url, html]`` per line).

    ``path``: the file the CLI reads once MkDocs has ended; ``None``: an anonymous temporary
    file, read back by the plugin itself and gone with the process whatever happens."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.keep = path is not None
        self.count = 0
        try:
            self.file: IO[str] = (path.open("w", encoding="utf-8") if path is not None else
                                  tempfile.TemporaryFile("w+", encoding="utf-8", prefix="recherche-"))  # noqa: SIM115 — kept until the parts are written
        except OSError as exc:
            raise SearchIndexError(f"impossible d'écrire le fichier des pages à indexer ({exc.strerror or exc})") from None

    def add(self, url: str, html: str) -> None:
        try:
            self.file.write(json.dumps([url, html], ensure_ascii=False) + "\n")
        except (OSError, ValueError) as exc:
            raise SearchIndexError(f"impossible d'écrire le fichier des pages à indexer ({exc})") from None
        self.count += 1

    def copies(self) -> Iterator[tuple[str, str]]:
        """The copies written so far, from the start (anonymous file only)."""
        self.file.flush()
        self.file.seek(0)
        return parse_copies(self.file)

    def abort(self) -> None:
        self.file.close()


def copy_writer() -> CopyWriter:
    """Where the plugin writes the copies: the file the CLI named, else an anonymous one."""
    deferred = os.environ.get(COPIES_ENV)
    return CopyWriter(Path(deferred) if deferred else None)


def parse_copies(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    for number, line in enumerate(lines, start=1):
        try:
            url, html = json.loads(line)
        except (ValueError, TypeError):
            url = html = None
        if not isinstance(url, str) or not isinstance(html, str):
            raise SearchIndexError(f"fichier des pages à indexer illisible (ligne {number})")
        yield url, html


def read_copies(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as lines:
        yield from parse_copies(lines)


def index_parts(copies: Callable[[], Iterator[tuple[str, str]]], count: int, site_dir: Path,
                size: int | None = None) -> list[str]:
    """Index ``count`` pages (``copies()`` gives them in build order) into ``site_dir/pagefind``,
    in parts of at most ``size`` pages; returns the names of the extra parts."""
    bundle = remove_stale_bundle(site_dir)
    sizes = split(count, size or part_pages())
    pages = copies()
    names: list[str] = []
    for number, pages_in_part in enumerate(sizes, start=1):
        folder = bundle if number == 1 else bundle / f"{PART_PREFIX}{number}"
        stream = PagefindStream()  # a process per part: its memory is given back when it ends
        try:
            for _ in range(pages_in_part):
                stream.add(*next(pages))
            stream.finish(folder)
        except StopIteration:
            raise SearchIndexError("le fichier des pages à indexer est incomplet") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SearchIndexError(f"impossible de lire le fichier des pages à indexer ({exc})") from None
        finally:
            stream.abort()
        if number > 1:
            keep_merged_only(folder)
            names.append(folder.name)
    write_parts_list(bundle, names)
    return names


def keep_merged_only(folder: Path) -> None:
    """Remove from an extra part what the merged index never fetches (scripts, styles, UI)."""
    for path in sorted(folder.iterdir()):
        if path.is_dir() and path.name in PART_FOLDERS:
            continue
        if path.name == ENTRY or path.name.endswith(INDEX_SUFFIXES):  # merged: no engine of its own
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
