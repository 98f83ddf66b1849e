"""MkDocs adapter: the thin plugin and what only the build needs (CSP, sanitiser guard, TOC, nav memo)."""
