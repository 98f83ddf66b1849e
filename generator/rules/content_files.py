"""What ``content/`` may hold: Markdown pages and raster images, never a generated section.

MkDocs copies every other file of ``content/`` as it is, so an ``.html``, ``.js`` or ``.svg``
file would be published and run on the site's own origin. A file is accepted when its extension
is ``.md``, or a raster image extension whose first bytes are that format's signature (a renamed
HTML file is refused). The sections written by the producers (``annuaire/``, ``personnes/``…)
are closed to hand-written pages: a page there would take the URL of a generated one.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

PAGE_SUFFIX = ".md"
# extension → format name; the signatures are checked by :func:`image_format`
IMAGE_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".avif": "AVIF"}
HEAD_BYTES = 16  # enough for every signature below
ALLOWED_HINT = "seules les pages Markdown (.md) et les images PNG, JPEG, WebP ou AVIF sont publiées"

# Top-level folders the producers write (a test compares it with their outputs).
GENERATED_SECTIONS = frozenset({
    "actions", "admin", "annuaire", "assets", "carte", "competences", "comptes-rendus", "couverture",
    "donnees", "observatoire", "orientation", "personnes", "proposer", "recherche",
})


def image_format(head: bytes) -> str | None:
    """Format name read from a file's first bytes (PNG, JPEG, WebP, AVIF), or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "AVIF"
    return None


def read_head(path: str | Path) -> bytes:
    """The first :data:`HEAD_BYTES` bytes of a file, what :func:`type_problem` needs of it."""
    with open(path, "rb") as handle:
        return handle.read(HEAD_BYTES)


def type_problem(name: str, head: bytes) -> str | None:
    """French reason why a file of ``content/`` may not be published, or None (``head``: its first bytes)."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == PAGE_SUFFIX:
        return None
    expected = IMAGE_SUFFIXES.get(suffix)
    if expected is None:
        return f"type de fichier « {suffix or name} » refusé dans content/"
    found = image_format(head)
    if found != expected:
        return f"le fichier n'est pas une image {expected} ({'image ' + found if found else 'contenu inconnu'})"
    return None


def section_of(path: str) -> str:
    """First URL segment a ``content/``-relative path publishes under (``annuaire.md`` → ``annuaire``)."""
    first = path.split("/", 1)[0]
    return first[: -len(PAGE_SUFFIX)] if "/" not in path and first.endswith(PAGE_SUFFIX) else first


def reserved_section(path: str, sections: frozenset[str] = GENERATED_SECTIONS) -> str | None:
    """The generated section a ``content/``-relative path would write into, or None."""
    section = section_of(path)
    return section if section in sections else None
