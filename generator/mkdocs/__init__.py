"""MkDocs adapter: the thin plugin and what only the build needs (CSP, sanitiser guard, TOC, nav memo).

Runs on MkDocs 1.6 or ProperDocs (``engine.py``): with ProperDocs alone, ``mkdocs.*`` is aliased
to it before the plugin imports anything.
"""

from __future__ import annotations

from generator.mkdocs.engine import alias_mkdocs

alias_mkdocs()
