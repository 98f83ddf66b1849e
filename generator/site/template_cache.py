"""Compiled templates reused instead of recompiled (README « Performances »).

MkDocs creates a fresh Jinja environment for every build, and each build compiled Material's
templates and ours again (≈ 170 of them, half a second of a small network's build). Jinja's
bytecode cache stores the compiled code keyed by template name *and* checksum of its source:
an edited template is recompiled, an unchanged one is reused. Rendering is unchanged (same
code objects; the reproducibility test builds twice, cold then warm).

- ``mkdocs serve``: in memory, for the rebuilds of one process (:data:`THEME_BYTECODE`);
- ``mkdocs build``: on disk (:func:`disk_bytecode_cache`), in Jinja's per-user folder of the
  system's temporary directory, which Jinja creates with mode 0700 and refuses if another user
  owns it. Never inside the project: compiled code is executed, so a file planted in the
  repository (a pull request) must not be able to reach it.
"""

from __future__ import annotations

import contextlib
import os
import threading

import jinja2
from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Process-wide, thread-safe store of template bytecode (a few MB for Material)."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def load_bytecode(self, bucket: Bucket) -> None:
        with self._lock:
            data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # ignored by Jinja when the checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        with self._lock:
            self._store[bucket.key] = data

    def clear(self) -> None:
        with self._lock:
            self._store.clear()

    def __len__(self) -> int:
        return len(self._store)


THEME_BYTECODE = MemoryBytecodeCache()


class DiskBytecodeCache(FileSystemBytecodeCache):
    """Jinja's disk cache that never stops a build: a full or read-only folder means compiling
    again, not an error. Files are named after Jinja's version (its own key ignores it)."""

    def __init__(self) -> None:
        super().__init__(pattern=f"__reseau-jinja{jinja2.__version__}-%s.cache")

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def disk_bytecode_cache() -> BytecodeCache | None:
    """Jinja's on-disk cache in its safe per-user folder; ``None`` when unusable or disabled.

    ``GENERATOR_NO_BYTECODE_CACHE=1`` disables it (measurements of a cold build, tests)."""
    if os.environ.get("GENERATOR_NO_BYTECODE_CACHE"):
        return None
    try:
        return DiskBytecodeCache()
    except (OSError, RuntimeError):  # unsafe or unwritable temporary folder: compile every time
        return None
