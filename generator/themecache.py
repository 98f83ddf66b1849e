"""Compiled theme templates kept in memory across rebuilds of one process.

MkDocs creates a fresh Jinja environment for every build, so ``mkdocs serve`` recompiles
Material's templates (≈ 70 of them) after every saved edit. Jinja's bytecode cache stores
the compiled code keyed by template name *and* checksum of its source: an edited template
is recompiled, an unchanged one is reused. Rendering is unchanged (same code objects).
"""

from __future__ import annotations

import threading

from jinja2 import BytecodeCache
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
