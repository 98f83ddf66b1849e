"""Command line: ``python -m generator …`` and its sub-commands."""
