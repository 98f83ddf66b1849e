"""Full-text search index of the built site, written by Pagefind (README « Performances »).

Material's built-in lunr search sends its whole index to every reader on every page (141 Mio at
30 000 structures); Pagefind writes a chunked index in ``site/pagefind/`` that the search page
(``/recherche/``) fetches piece by piece, only when a query is typed. Pagefind comes from PyPI
(``pagefind[bin]``, binary included in the wheel: nothing is downloaded at build time).

Only the page content is indexed: the theme (``theme/main.html``) wraps it in
``data-pagefind-body``; pages whose front matter says ``search: {exclude: true}`` are left out.
The language (French stemming) comes from ``<html lang="fr">``. Run after the CSP rewrite and
after escaping: Pagefind reads the final HTML files and never changes them.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

BUNDLE = "pagefind"
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # each gzip-compressed file of the bundle starts with it
TIMEOUT = 3600.0  # seconds; the national base (30 000 structures) takes about two minutes


class SearchIndexError(RuntimeError):
    """Pagefind failed: the message is in French, ready for the user."""


def command(site_dir: Path) -> list[str]:
    """The Pagefind command line for ``site_dir`` (quiet: only errors are printed)."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--silent"]


def _tail(text: str, lines: int = 12) -> str:
    kept = dict.fromkeys(line.rstrip() for line in text.strip().splitlines() if line.strip())  # once each
    return "\n".join(list(kept)[-lines:])


def _hint(details: str) -> str:
    if "No module named" in details:
        return " Installez les dépendances : « pip install --no-deps -r requirements.lock »."
    if "not able to build an index" in details:
        return " Aucune page HTML à indexer dans le dossier du site."
    return ""


def build_index(site_dir: Path, *, timeout: float = TIMEOUT) -> Path:
    """Index ``site_dir`` with Pagefind; returns the bundle folder. A stale bundle is removed first."""
    bundle = site_dir / BUNDLE
    if bundle.is_symlink() or bundle.is_file():
        bundle.unlink()
    elif bundle.is_dir():
        shutil.rmtree(bundle)
    try:
        result = subprocess.run(command(site_dir), capture_output=True, text=True, timeout=timeout,
                                stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired:
        raise SearchIndexError(f"l'indexation de la recherche (Pagefind) a dépassé {timeout:.0f} s") from None
    except OSError as exc:
        raise SearchIndexError(f"impossible de lancer Pagefind ({exc})") from None
    details = _tail(result.stderr or result.stdout)
    if result.returncode != 0:
        raise SearchIndexError(f"l'indexation de la recherche (Pagefind) a échoué (code {result.returncode}).{_hint(details)}"
                               + (f"\nDétail de Pagefind :\n{details}" if details else ""))
    if not (bundle / "pagefind-ui.js").is_file():
        raise SearchIndexError("Pagefind n'a pas écrit l'index de recherche"
                               + (f" :\n{details}" if details else " (aucune page indexée ?)"))
    return bundle


def read_fragments(bundle: Path) -> list[dict[str, Any]]:
    """The indexed pages as Pagefind stored them (``url``, ``content``, ``meta``…), sorted by URL.

    For tests and inspection: what a reader's query can show, decompressed."""
    pages = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        pages.append(json.loads(data.removeprefix(FRAGMENT_SIGNATURE)))
    return sorted(pages, key=lambda page: page["url"])


def snapshot_tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative POSIX path → bytes), to restore it later."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def restore_tree(folder: Path, files: dict[str, bytes]) -> None:
    """Write back a :func:`snapshot_tree` under ``folder``."""
    for rel, data in sorted(files.items()):
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
