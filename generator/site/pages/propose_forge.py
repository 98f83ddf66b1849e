"""Where the « Proposer » form sends a file: the forge's web editor, new issue and edit pages.

The forge kind comes from ``contribution.forge`` in ``mkdocs.yml``, else it is guessed from
``repo_url`` (host) and ``edit_uri``. The URL shapes, checked against each forge's documentation:

- GitHub: ``<repo>/new/<branch>/<folder>?filename=…&value=…``, ``<repo>/edit/<branch>/<path>``,
  ``<repo>/issues/new?title=…&body=…``;
- GitLab: ``<repo>/-/new/<branch>/<folder>?file_name=…&content=…``, ``<repo>/-/edit/<branch>/<path>``,
  ``<repo>/-/issues/new?issue[title]=…&issue[description]=…``;
- Forgejo and Gitea: ``<repo>/_new/<branch>/<folder>/?filename=…&value=…``,
  ``<repo>/_edit/<branch>/<path>``, ``<repo>/issues/new?title=…&body=…``.

The page only builds these links: the reader's browser opens them, nothing is sent by the page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from generator.config import Settings

KINDS = ("github", "gitlab", "forgejo")
_SHAPES: dict[str, dict[str, str]] = {
    "github": {"nouveau": "new/{branch}/{folder}", "modifier": "edit/{branch}/{path}", "ticket": "issues/new",
               "nom": "filename", "contenu": "value", "titre": "title", "texte": "body"},
    "gitlab": {"nouveau": "-/new/{branch}/{folder}", "modifier": "-/edit/{branch}/{path}", "ticket": "-/issues/new",
               "nom": "file_name", "contenu": "content", "titre": "issue[title]", "texte": "issue[description]"},
    "forgejo": {"nouveau": "_new/{branch}/{folder}/", "modifier": "_edit/{branch}/{path}", "ticket": "issues/new",
                "nom": "filename", "contenu": "value", "titre": "title", "texte": "body"},
}


def forge_kind(settings: Settings) -> str | None:
    """``github``, ``gitlab`` or ``forgejo``; None without ``repo_url``."""
    if not settings.repo_url:
        return None
    if settings.contribution.forge:
        return settings.contribution.forge
    host = (urlsplit(settings.repo_url).hostname or "").lower()
    edit = settings.edit_uri.strip("/")
    if host == "github.com" or host.endswith(".github.com"):
        return "github"
    if "gitlab" in host or edit.startswith("-/"):
        return "gitlab"
    if host == "codeberg.org" or "gitea" in host or "forgejo" in host or edit.startswith("_edit"):
        return "forgejo"
    return "github"  # « edit/<branch>/ », GitHub's shape (and MkDocs' default)


def branch(settings: Settings) -> str:
    """The branch of ``edit_uri`` (``edit/main/`` → ``main``), else ``main``."""
    parts = [part for part in settings.edit_uri.strip("/").split("/") if part and part != "-"]
    return parts[1] if len(parts) >= 2 and parts[0] in ("edit", "_edit", "blob", "src") else "main"


def forge_links(settings: Settings, folders: dict[str, str]) -> dict[str, Any] | None:
    """What the browser needs to build the forge links of each record type (``folders``: type → folder)."""
    kind = forge_kind(settings)
    if kind is None:
        return None
    shape = _SHAPES[kind]
    repo = settings.repo_url.rstrip("/")
    name = branch(settings)
    return {
        "type": kind,
        "nouveau": {record: f"{repo}/{shape['nouveau'].format(branch=name, folder=folder)}"
                    for record, folder in sorted(folders.items())},
        "modifier": f"{repo}/{shape['modifier'].format(branch=name, path='')}",
        "ticket": f"{repo}/{shape['ticket']}",
        "parametres": {key: shape[key] for key in ("nom", "contenu", "titre", "texte")},
    }
