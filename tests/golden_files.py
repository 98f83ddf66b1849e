"""The one way to compare an output with its reference file under ``tests/golden/`` (a « golden »).

Tests ask for the ``goldens`` fixture (``tests/conftest.py``) and call :meth:`Goldens.check` for one
file or :meth:`Goldens.check_tree` for a folder that must hold exactly the files produced. The one
switch is ``pytest --update-goldens``: without it a missing or different golden fails with a French
message (a diff for text) saying how to rewrite it; with it the golden is written, and the end of
the run lists every file written or removed.
"""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

GOLDEN_ROOT = Path(__file__).resolve().parent / "golden"
UPDATE_OPTION = "--update-goldens"
MAX_DIFF_LINES = 120
Content = str | bytes


def as_bytes(content: Content) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def describe_difference(label: str, expected: bytes, actual: bytes) -> str:
    """A readable account of how ``actual`` differs from ``expected``: a unified diff for UTF-8 text,
    sizes and the first differing byte otherwise."""
    try:
        old, new = expected.decode("utf-8"), actual.decode("utf-8")
    except UnicodeDecodeError:
        first = next((i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
                     min(len(expected), len(actual)))
        return (f"contenu binaire : {len(expected)} octets dans la référence, {len(actual)} produits ; "
                f"premier octet différent à la position {first}")
    if old.replace("\r\n", "\n") == new.replace("\r\n", "\n"):
        return "seules les fins de ligne diffèrent (\\r\\n d'un côté, \\n de l'autre)"
    lines = list(difflib.unified_diff(old.split("\n"), new.split("\n"), fromfile=f"{label} (référence)",
                                      tofile=f"{label} (sortie actuelle)", lineterm=""))
    if len(lines) > MAX_DIFF_LINES:
        hidden = len(lines) - MAX_DIFF_LINES
        lines = [*lines[:MAX_DIFF_LINES], f"… ({hidden} lignes de diff de plus)"]
    return "\n".join(lines)


def update_command(test: str) -> str:
    target = f" {shlex.quote(test)}" if test else ""
    return f".venv/bin/python -m pytest {UPDATE_OPTION}{target}"


@dataclass
class Goldens:
    """Goldens under ``root``; ``update`` is the state of the switch, ``test`` the node id named in
    the messages, ``written`` collects every file written or removed (shown at the end of the run)."""

    root: Path
    update: bool = False
    test: str = ""
    written: list[Path] = field(default_factory=list)

    def check(self, name: str, actual: Content) -> None:
        """``actual`` (text is stored as UTF-8) equals the golden ``name`` (relative to ``root``)."""
        __tracebackhide__ = True  # pytest shows the test's line, not the helper's
        problem = self._compare(name, as_bytes(actual))
        if problem:
            raise AssertionError(problem)

    def check_tree(self, folder: str, files: Mapping[str, Content]) -> None:
        """The folder ``folder`` holds exactly ``files`` (relative paths → content); every problem
        (missing, different, no longer produced) is reported at once."""
        __tracebackhide__ = True
        problems = [p for name in sorted(files) if (p := self._compare(f"{folder}/{name}", as_bytes(files[name])))]
        if stale := self._stale(folder, set(files)):
            problems.append(stale)
        if problems:
            raise AssertionError("\n\n".join(problems))

    def check_only(self, folder: str, names: Iterable[str]) -> None:
        """The folder ``folder`` holds no golden other than ``names`` (relative paths)."""
        __tracebackhide__ = True
        if stale := self._stale(folder, set(names)):
            raise AssertionError(stale)

    def _stale(self, folder: str, keep: set[str]) -> str | None:
        """Goldens of ``folder`` outside ``keep``: removed under the switch, else the problem."""
        base = self.root / folder
        stored = {p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()} if base.is_dir() else set()
        stale = sorted(stored - keep)
        if not stale:
            return None
        if self.update:
            for name in stale:
                (base / name).unlink()
                self.written.append(base / name)
            _remove_empty_folders(base)
            return None
        return (f"{len(stale)} référence(s) de {self._label(base)}/ ne sont plus produites : {', '.join(stale)} — "
                f"supprimez-les avec « {update_command(self.test)} » si c'est voulu, sinon rétablissez leur production")

    def _compare(self, name: str, data: bytes) -> str | None:
        path = self.root / name
        if path.is_file() and path.read_bytes() == data:
            return None
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            self.written.append(path)
            return None
        label = self._label(path)
        if not path.is_file():
            return (f"référence absente : {label} — créez-la avec « {update_command(self.test)} », "
                    "puis relisez le fichier écrit avant de le committer")
        return (f"{label} diffère de la sortie actuelle :\n"
                f"{describe_difference(label, path.read_bytes(), data)}\n"
                f"Si le changement est voulu : « {update_command(self.test)} », puis relisez « git diff {label} ».")

    def _label(self, path: Path) -> str:
        """``path`` as a contributor types it: relative to the repository when it lies inside."""
        try:
            return path.relative_to(self.root.parent.parent).as_posix()
        except ValueError:
            return path.as_posix()


def _remove_empty_folders(base: Path) -> None:
    for folder in sorted((p for p in base.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
