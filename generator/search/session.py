"""One build's search index, from the first page to ``site/pagefind/``: the choice of mode lives here.

* Small site (at most :func:`generator.search.parts.part_pages` pages): Pagefind is fed page by
  page while MkDocs writes the site (:class:`generator.search.service.PagefindStream`, on the
  second core) and writes its bundle at the end of the build.
* Large site: each page's indexed region goes to a file (:class:`generator.search.parts.CopyWriter`)
  and is indexed in parts once MkDocs has finished — by ``python -m generator build`` when it named
  the file (the two memories never add up), else by :meth:`SearchSession.finish` itself.
* ``mkdocs serve``: the first build's index is kept and restored on each rebuild, so a saved edit
  shows in under two seconds; ``make build`` always indexes afresh.

Every failure is a :class:`generator.search.index.SearchIndexError` with a French message.
"""

from __future__ import annotations

from pathlib import Path

from generator.search.index import SearchIndexError, restore_tree, search_copy, snapshot_tree
from generator.search.parts import CopyWriter, copy_writer, index_parts, part_pages
from generator.search.service import PagefindStream, write_bundle


class SearchSession:
    """The search index of successive builds of one process (one build for ``mkdocs build``)."""

    def __init__(self, *, reuse_first_index: bool = False) -> None:
        self.reuse_first_index = reuse_first_index  # mkdocs serve
        self.snapshot: dict[str, bytes] = {}
        self.sink: PagefindStream | CopyWriter | None = None

    def start(self, page_count: int) -> None:
        """Choose the mode for a build of ``page_count`` pages (nothing to do when serve reuses its index)."""
        self.abort()
        if self.reuse_first_index and self.snapshot:
            return
        self.sink = PagefindStream() if page_count <= part_pages() else copy_writer()

    def add(self, url: str, page: str) -> None:
        """Index a final page (escaped, CSP written); pages without an indexed region are skipped."""
        if self.sink is not None and (copy := search_copy(page)) is not None:
            self.sink.add(url, copy)  # may find Pagefind stopped mid-build

    def finish(self, site_dir: Path) -> None:
        """Write ``site_dir/pagefind/`` (or leave the copies to the CLI that asked for them)."""
        if self.reuse_first_index and self.snapshot:
            restore_tree(site_dir / "pagefind", self.snapshot)
            return
        try:
            if self.sink is None:
                raise SearchIndexError("Pagefind n'a pas été lancé")
            if isinstance(self.sink, PagefindStream):
                write_bundle(self.sink, site_dir)
            elif not self.sink.keep:  # large site built by MkDocs alone: the parts now
                index_parts(self.sink.copies, self.sink.count, site_dir)
            # else: a file named by the CLI, closed by abort(), indexed once MkDocs has ended
        finally:
            self.abort()
        if self.reuse_first_index:
            self.snapshot = snapshot_tree(site_dir / "pagefind")

    def abort(self) -> None:
        """Stop Pagefind or close the copies file; harmless when nothing runs."""
        if self.sink is not None:
            self.sink.abort()
            self.sink = None
