"""Size limit of one content file, shared by the strict loader and the contribution gate."""

from __future__ import annotations

MAX_BYTES = 256 * 1024
"""A YAML or Markdown file larger than this (256 Kio) is refused: no real sheet needs it."""


def size_label(size: int) -> str:
    """``262144`` → ``"256 Kio"`` (whole kibibytes, rounded down)."""
    return f"{size // 1024} Kio"
