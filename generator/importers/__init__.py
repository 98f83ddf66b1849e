"""Importers: national standard (v1 and v0.1), YesWiki Bazar, France Services list → structure YAML files."""
