"""Project settings: the ``reseau`` plugin block of ``mkdocs.yml``, read without running it.

``mkdocs.yml`` is loaded by MkDocs with an unsafe loader (a ``!!python/name:`` tag would run code); here we only
read it with a safe loader that turns any tag into ``None``, never constructing objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

DEFAULTS: dict[str, Any] = {
    "departements": ["04", "05", "07"],
    "nom_reseau": "Réseau de la médiation numérique",
    "source": "Réseau de la médiation numérique",
    "producteur": "",
    "territoire": "04-05-07",
    "licence": "Licence Ouverte 2.0 (Etalab)",
    "licence_url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "contact": "",
}


@dataclass(frozen=True)
class Settings:
    root: Path
    departements: tuple[str, ...] = ("04", "05", "07")
    nom_reseau: str = DEFAULTS["nom_reseau"]
    source: str = DEFAULTS["source"]
    producteur: str = ""
    territoire: str = DEFAULTS["territoire"]
    licence: str = DEFAULTS["licence"]
    licence_url: str = DEFAULTS["licence_url"]
    contact: str = ""
    repo_url: str = ""
    edit_uri: str = ""
    site_url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def source_url(self, rel_path: str) -> str:
        """Forge URL that edits a content file, or '' when no forge is configured."""
        if not self.repo_url:
            return ""
        base = self.repo_url.rstrip("/") + "/"
        edit = (self.edit_uri or "edit/main/").strip("/")
        return f"{base}{edit}/{rel_path}"


class _TolerantLoader(yaml.SafeLoader):
    """Safe loader where any explicit tag (``!!python/name:…``, ``!ENV``) becomes ``None``."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:", _ignore_tag)


def plugin_block(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "reseau" in entry:
            return dict(entry["reseau"] or {})
    return {}


def from_mapping(root: Path, block: dict[str, Any], top: dict[str, Any] | None = None) -> Settings:
    top = top or {}
    known = {f.name for f in fields(Settings)} - {"root", "extra", "repo_url", "edit_uri", "site_url"}
    values: dict[str, Any] = {k: v for k, v in block.items() if k in known and v is not None}
    if "departements" in values:
        values["departements"] = tuple(str(d).zfill(2) for d in values["departements"])
    return Settings(
        root=root,
        repo_url=str(top.get("repo_url") or ""),
        edit_uri=str(top.get("edit_uri") or ""),
        site_url=str(top.get("site_url") or ""),
        extra={k: v for k, v in block.items() if k not in known},
        **values,
    )


def load_settings(root: Path) -> Settings:
    """Settings of the content tree at ``root`` (defaults when there is no mkdocs.yml)."""
    path = root / "mkdocs.yml"
    if not path.is_file() or path.is_symlink():
        return Settings(root=root)
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        return Settings(root=root)
    return from_mapping(root, plugin_block(config), config)
