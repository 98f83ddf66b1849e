"""What a contribution is made of, read as data: changed paths, git modes, sizes, contents, added lines.

Two readers give the same :class:`Contribution`:

* :func:`from_head` — a contribution's head commit (``--tete``), read only through git objects
  (``git ls-tree``, ``git cat-file``, ``git diff`` between two commits): nothing of the
  contribution is checked out, imported or executed, so the verdict comes from the code of the
  checkout that runs it (the base branch in CI);
* :func:`from_worktree` — the working tree against the base (untracked files included), for
  local use and the pre-commit hook.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.rules.files import MAX_BYTES

SYMLINK, GITLINK = "120000", "160000"
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
_SAFE_DIFF = ("--no-renames", "--no-color", "--no-ext-diff", "--no-textconv")


class GitError(Exception):
    pass


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    result = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=root, input=stdin,
                            capture_output=True, check=False)
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout


def nul_split(output: bytes) -> list[str]:
    return [item.decode("utf-8", "surrogateescape") for item in output.split(b"\0") if item]


@dataclass(frozen=True)
class Contribution:
    """A contribution compared with ``merge_base``; ``contents`` holds changed files up to ``MAX_BYTES`` bytes."""

    merge_base: str
    changes: dict[str, str]                      # path -> A, M, D, T
    modes: dict[str, str]                        # path -> git mode, every file of the contribution's tree
    changed_modes: dict[str, str]                # changed path still present -> its mode
    sizes: dict[str, int] = field(default_factory=dict)
    contents: dict[str, bytes] = field(default_factory=dict)
    added: dict[str, set[int]] = field(default_factory=dict)

    def text(self, path: str) -> str | None:
        data = self.contents.get(path)
        if data is None:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None


def read_blobs(root: Path, rev: str, paths: Iterable[str]) -> dict[str, bytes]:
    """Contents of ``paths`` at ``rev`` (missing ones omitted), through one ``git cat-file --batch``."""
    wanted = sorted(set(paths))
    if not wanted:
        return {}
    out = git(root, "cat-file", "--batch", stdin="".join(f"{rev}:{p}\n" for p in wanted).encode())
    blobs: dict[str, bytes] = {}
    position = 0
    for path in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) >= 2 and header[-1] == b"missing":
            continue
        size = int(header[2])
        blobs[path] = out[position:position + size]
        position += size + 1
    return blobs


def _added_lines(diff: bytes) -> set[int]:
    lines: set[int] = set()
    for match in _HUNK.finditer(diff.decode("utf-8", "replace")):
        start, count = int(match.group(1)), int(match.group(2) or "1")
        lines.update(range(start, start + count))
    return lines


def _line_count(data: bytes) -> set[int]:
    return set(range(1, data.count(b"\n") + 2))


def _status(items: list[str]) -> dict[str, str]:
    return {items[i + 1]: items[i][0] for i in range(0, len(items) - 1, 2)}


def from_head(root: Path, base: str, head: str) -> Contribution:
    """The contribution ``head`` (a commit, read as data) against its merge base with ``base``."""
    head = git(root, "rev-parse", "--verify", "--end-of-options", f"{head}^{{commit}}").decode().strip()
    merge_base = git(root, "merge-base", base, head).decode().strip()
    changes = dict(sorted(_status(nul_split(git(root, "diff", "--name-status", "-z", *_SAFE_DIFF, merge_base, head))).items()))
    modes: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for entry in nul_split(git(root, "ls-tree", "-r", "-l", "-z", head)):
        meta, _, path = entry.partition("\t")
        mode, _kind, _obj, size = meta.split(maxsplit=3)
        modes[path] = mode
        if size.strip().isdigit():
            sizes[path] = int(size)
    readable = [p for p, s in changes.items() if s != "D" and modes.get(p) not in (SYMLINK, GITLINK)
                and sizes.get(p, 0) <= MAX_BYTES]
    contents = read_blobs(root, head, readable)
    added = {}
    for path, status in changes.items():
        if path in contents:
            added[path] = (_line_count(contents[path]) if status == "A" else
                           _added_lines(git(root, "diff", "-U0", *_SAFE_DIFF, merge_base, head, "--", path)))
    changed_modes = {p: modes[p] for p in changes if p in modes}
    return Contribution(merge_base, changes, modes, changed_modes, sizes, contents, added)


def _worktree_mode(full: Path) -> str | None:
    if full.is_symlink():
        return SYMLINK
    if full.is_dir() and (full / ".git").exists():
        return GITLINK
    if full.is_file():
        return "100755" if os.access(full, os.X_OK) else "100644"
    return None


def from_worktree(root: Path, base: str) -> Contribution:
    """The working tree (untracked files included) against its merge base with ``base``."""
    merge_base = git(root, "merge-base", base, "HEAD").decode().strip()
    changes = _status(nul_split(git(root, "diff", "--name-status", "-z", *_SAFE_DIFF, merge_base)))
    for path in nul_split(git(root, "ls-files", "--others", "--exclude-standard", "-z")):
        changes[path] = "A"
    changes = dict(sorted(changes.items()))
    modes: dict[str, str] = {}
    for entry in nul_split(git(root, "ls-files", "-s", "-z")):
        meta, _, path = entry.partition("\t")
        modes[path] = meta.split()[0]
    changed_modes: dict[str, str] = {}
    sizes: dict[str, int] = {}
    contents: dict[str, bytes] = {}
    added: dict[str, set[int]] = {}
    for path, status in changes.items():
        full = root / path
        mode = _worktree_mode(full)
        if mode is None:
            continue
        changed_modes[path] = mode
        if mode not in ("100644", "100755"):
            continue
        sizes[path] = full.stat().st_size
        if status != "D" and sizes[path] <= MAX_BYTES:
            contents[path] = full.read_bytes()
            added[path] = (_line_count(contents[path]) if status == "A" else
                           _added_lines(git(root, "diff", "-U0", *_SAFE_DIFF, merge_base, "--", path)))
    return Contribution(merge_base, changes, modes, changed_modes, sizes, contents, added)
