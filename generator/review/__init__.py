"""Contribution gate: ``python -m generator review`` reads a contribution as data and gives a verdict."""
