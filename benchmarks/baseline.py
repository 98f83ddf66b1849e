"""Baseline site for build benchmarks: the same number of plain Markdown pages under bare Material."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import yaml

from benchmarks import synth_text as text
from generator.config import _TolerantLoader

SECTION_SIZE = 1000


def baseline_config(repo_config: Path, sections: int) -> dict[str, Any]:
    """The repository's site name, theme and Markdown options; only Material and search; a nav of index pages."""
    config = yaml.load(repo_config.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    theme = {k: v for k, v in dict(config.get("theme") or {}).items() if k != "custom_dir"}
    return {
        "site_name": config.get("site_name", "Référence"),
        "site_url": config.get("site_url") or "https://exemple.org/",
        "docs_dir": "docs",
        "theme": theme or {"name": "material", "language": "fr"},
        "markdown_extensions": [e for e in config.get("markdown_extensions") or [] if e is not None],
        "plugins": [{"search": {"lang": "fr"}}],
        "not_in_nav": "/s*/p*.md\n",
        "nav": [{"Accueil": "index.md"}] + [{f"Section {i + 1}": f"s{i:03d}/index.md"} for i in range(sections)],
    }


def page(rng: random.Random, index: int) -> str:
    """A record-like page: title, summary, a field list and a few paragraphs (≈ a structure page)."""
    fields = "\n".join(f"- **{rng.choice(text.WORDS).capitalize()}** : {text.sentence(rng, 2, 6)}" for _ in range(8))
    body = "\n\n".join(text.paragraph(rng, rng.randint(2, 4)) for _ in range(3))
    return f"# Fiche {index}\n\n{text.sentence(rng, 10, 25)}\n\n## Informations\n\n{fields}\n\n## Présentation\n\n{body}\n"


def generate(pages: int, out: Path, repo_config: Path, *, seed: int = 1) -> Path:
    """Write ``pages`` pages (records in sections of 1,000, each with an index page) into ``out``."""
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    docs.mkdir(parents=True)
    rng = random.Random(f"baseline-{seed}-{pages}")
    records = max(0, pages - 1)
    sections = max(1, -(-records // SECTION_SIZE))
    for section in range(sections):
        folder = docs / f"s{section:03d}"
        folder.mkdir()
        first, last = section * SECTION_SIZE, min(records, (section + 1) * SECTION_SIZE)
        links = "\n".join(f"- [Fiche {i}](p{i:06d}.md)" for i in range(first, last))
        (folder / "index.md").write_text(f"# Section {section + 1}\n\n{links}\n", encoding="utf-8")
        for i in range(first, last):
            (folder / f"p{i:06d}.md").write_text(page(rng, i), encoding="utf-8")
    (docs / "index.md").write_text("# Site de référence\n\nPages Markdown simples sous Material.\n", encoding="utf-8")
    config = baseline_config(repo_config, sections)
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out
