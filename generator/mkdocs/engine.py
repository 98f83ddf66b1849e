"""The site engine: ProperDocs (the maintained fork of MkDocs 1.x) when installed, else MkDocs 1.6.

ProperDocs is a package of its own, ``properdocs``; it reads the plugins of the ``mkdocs.plugins``
entry point group and, once ``properdocs.replacement`` is imported (its command line does it),
answers every ``mkdocs.*`` import, so Material and our plugin run on it unchanged. Both engines
can sit in one environment; ProperDocs then wins, being installed on purpose (it is not in
``requirements.lock``).
"""

from __future__ import annotations

from importlib.util import find_spec

ENGINES = ("properdocs", "mkdocs")


class EngineMissing(RuntimeError):
    """Neither ProperDocs nor MkDocs is installed (French message)."""


def engine_module(installed: tuple[str, ...] | None = None) -> str:
    """The module to run as ``python -m <module> build`` (``installed``: for tests, else found)."""
    found = installed if installed is not None else tuple(name for name in ENGINES if find_spec(name))
    for name in ENGINES:
        if name in found:
            return name
    raise EngineMissing("ni MkDocs ni ProperDocs n'est installé : lancez « make build » (il installe "
                        "requirements.lock) ou « pip install --no-deps -r requirements.lock ».")


def alias_mkdocs() -> bool:
    """Make ``mkdocs.*`` imports resolve to ProperDocs when only ProperDocs is installed."""
    if find_spec("mkdocs") is not None or find_spec("properdocs") is None:
        return False
    import properdocs.replacement  # noqa: F401  (installs the mkdocs -> properdocs import alias)

    return True
