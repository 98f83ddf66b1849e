"""Project settings: the ``reseau`` plugin block of ``mkdocs.yml`` and a few MkDocs keys.

The options have one schema (:class:`generator.config.options.PluginOptions`), shared by
``python -m generator check`` and the MkDocs plugin; ``mkdocs.yml`` is read here without being
run (:mod:`generator.config.mkdocs_yml`), every problem positioned in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.config.mkdocs_yml import read_block
from generator.config.options import PluginOptions, validate_options
from generator.errors import ContentError, Location, Problem
from generator.rules.file_names import forge_path

CONFIG_FILE = "mkdocs.yml"


class Settings(PluginOptions):
    """The plugin options plus where the content lives and the forge and site addresses."""

    root: Path
    repo_url: str = ""
    edit_uri: str = ""
    site_url: str = ""

    def source_url(self, rel_path: str) -> str:
        """Forge URL that edits a content file, or '' when no forge is configured or the path
        breaks the naming rule (the path is percent-escaped: it lands in an ``href``)."""
        path = forge_path(rel_path)
        if not self.repo_url or not path:
            return ""
        base = self.repo_url.rstrip("/") + "/"
        edit = (self.edit_uri or "edit/main/").strip("/")
        return f"{base}{edit}/{path}"


def settings_for(root: Path, options: PluginOptions, top: Mapping[str, Any]) -> Settings:
    """Settings from validated options and the top-level ``repo_url``, ``edit_uri``, ``site_url``."""
    addresses = {key: str(top.get(key) or "") for key in ("repo_url", "edit_uri", "site_url")}
    return Settings(root=root, **{**options.model_dump(), **addresses})


def read_settings(root: Path) -> tuple[Settings, list[Problem]]:
    """Settings of the content tree at ``root`` and the problems of its ``mkdocs.yml``.

    Defaults when there is no ``mkdocs.yml``; a refused option keeps its default value."""
    path = root / CONFIG_FILE
    if not path.is_file() or path.is_symlink():
        return Settings(root=root), []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return Settings(root=root), [Problem(Location(CONFIG_FILE), "C-SYNTAXE", f"{CONFIG_FILE} n'est pas encodé en UTF-8",
                                             "enregistrez le fichier en UTF-8")]
    block = read_block(text, CONFIG_FILE)
    options, problems = validate_options(block.options, block.locate)
    return settings_for(root, options, block.top), sorted(block.problems + problems)


def load_settings(root: Path) -> Settings:
    """Settings of the content tree at ``root``; a :class:`ContentError` when ``mkdocs.yml`` is refused."""
    settings, problems = read_settings(root)
    if problems:
        raise ContentError(problems)
    return settings


def option_location(root: Path, option: str) -> Location:
    """Where ``option`` of the ``reseau`` block is written in ``mkdocs.yml`` (else the file's start)."""
    try:
        text = (root / CONFIG_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Location(CONFIG_FILE)
    return read_block(text, CONFIG_FILE).locate((option,))


def _shown(config_file: Path) -> str:
    try:
        return config_file.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(config_file)


def plugin_options(raw: Mapping[str, Any], config_file: str | None) -> PluginOptions:
    """The options MkDocs hands to the plugin, validated by the same schema as ``check``.

    A :class:`ContentError` positioned in the configuration file when one is refused."""
    shown = _shown(Path(config_file)) if config_file else CONFIG_FILE
    options, problems = validate_options(raw, lambda loc, key: Location(shown))
    if not problems:
        return options
    try:
        text = Path(config_file).read_text(encoding="utf-8") if config_file else ""
    except (OSError, UnicodeDecodeError):
        text = ""
    _options, problems = validate_options(raw, read_block(text, shown).locate)
    raise ContentError(problems)


__all__ = ["CONFIG_FILE", "PluginOptions", "Settings", "load_settings", "option_location", "plugin_options",
           "read_settings", "settings_for"]
