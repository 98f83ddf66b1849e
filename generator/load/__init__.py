"""Load stage: content files, strict YAML, validation, Markdown lint, corpus and references — what ``check`` runs."""
