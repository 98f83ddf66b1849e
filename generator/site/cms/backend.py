"""The forge the CMS writes to: backend block of ``admin/config.yml`` and the hosts its CSP allows.

The kind (GitHub, GitLab, Forgejo/Gitea), the repository and the API come from ``repo_url`` of
``mkdocs.yml`` unless the ``cms:`` options name them. Sign-in: a personal access token always;
OAuth too when the forge can do it without a server of ours (GitLab and Forgejo: PKCE with the
``app_id`` of an OAuth application) or with the authentication proxy GitHub needs (``auth_url``).

Sveltia CMS runs its editorial workflow (one branch and one pull request per entry) on GitHub
and GitLab only; on Forgejo/Gitea it would commit straight to its branch, so that branch must
not be the published one: the review gate is then a pull request from it, opened on the forge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.config import Settings, option_location
from generator.config.options import CmsOptions
from generator.errors import ContentError, Problem

Forge = str  # "github" | "gitlab" | "gitea"
WORKFLOW_FORGES = ("github", "gitlab")
FORGEJO_DEFAULT_BRANCH = "contributions"
_HOST_KINDS = (("github.com", "github"), ("gitlab", "gitlab"), ("codeberg.org", "gitea"), ("forgejo", "gitea"),
               ("gitea", "gitea"))


@dataclass(frozen=True)
class Backend:
    """What the CMS needs to reach the forge, and what its page's CSP must therefore allow."""

    config: dict[str, Any]
    workflow: bool  # branch + pull request per entry (editorial workflow)
    connect: tuple[str, ...]  # origins the CMS calls (API, OAuth token endpoint)
    images: tuple[str, ...]  # origins of avatars and repository images


def _problem(settings: Settings, message: str, hint: str) -> ContentError:
    return ContentError([Problem(option_location(settings.root, "cms"), "C-CMS", message, hint)])


def forge_kind(host: str, given: str | None) -> Forge | None:
    """``github``, ``gitlab`` or ``gitea`` (Forgejo speaks Gitea's API); None when nothing says."""
    if given is not None:
        return "gitea" if given == "forgejo" else given
    for marker, kind in _HOST_KINDS:
        if marker in host:
            return kind
    return None


def _branch(settings: Settings) -> str:
    """The published branch, read from ``edit_uri`` (``edit/main/``, ``-/edit/main/``, ``_edit/main/``)."""
    parts = [part for part in settings.edit_uri.strip("/").split("/") if part]
    for index, part in enumerate(parts[:-1]):
        if part in ("edit", "_edit"):
            return parts[index + 1]
    return "main"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def backend(settings: Settings, options: CmsOptions) -> Backend:
    """The ``backend`` block and the hosts; a positioned ``C-CMS`` error when the forge cannot be told."""
    if not settings.repo_url:
        raise _problem(settings, "l'éditeur en ligne (option « cms ») a besoin de l'adresse du dépôt",
                       "ajoutez repo_url: https://forge.exemple.org/groupe/depot en tête de mkdocs.yml")
    repo = urlsplit(settings.repo_url)
    host = repo.netloc.lower()
    kind = forge_kind(host, options.forge)
    if kind is None:
        raise _problem(settings, f"type de forge inconnu pour {settings.repo_url} (option « cms »)",
                       "précisez-le : cms: {forge: gitlab} (ou github, forgejo, gitea)")
    path = options.depot or repo.path.strip("/").removesuffix(".git")
    if path.count("/") < 1:
        raise _problem(settings, f"dépôt illisible dans repo_url « {settings.repo_url} » (option « cms »)",
                       "précisez-le : cms: {depot: groupe/depot}")
    published = _branch(settings)
    base = f"{repo.scheme}://{host}"
    config: dict[str, Any] = {"name": kind, "repo": path}
    images: tuple[str, ...]
    if kind == "github":
        api = options.api or ("https://api.github.com" if host == "github.com" else f"{base}/api/v3")
        images = ("https://avatars.githubusercontent.com",) if host == "github.com" else (base,)
    elif kind == "gitlab":
        api = options.api or f"{base}/api/v4"
        images = (base, "https://secure.gravatar.com") if host == "gitlab.com" else (base,)
    else:
        api = options.api or f"{base}/api/v1"
        images = (base,)
    if api != "https://api.github.com" and api != "https://gitlab.com/api/v4":
        config["api_root"] = api
    branch = options.branche or (published if kind in WORKFLOW_FORGES else FORGEJO_DEFAULT_BRANCH)
    if kind not in WORKFLOW_FORGES and branch == published:
        raise _problem(settings, f"sur Forgejo/Gitea, l'éditeur en ligne écrit directement dans sa branche : "
                       f"« {branch} » est la branche publiée, la relecture serait contournée",
                       f"choisissez une autre branche (cms: {{branche: {FORGEJO_DEFAULT_BRANCH}}}) et protégez "
                       f"« {published} » sur la forge")
    config["branch"] = branch
    oauth = _oauth(kind, options, base, config)
    config["auth_methods"] = ["oauth", "token"] if oauth else ["token"]
    connect = tuple(sorted({_origin(api), *([base] if oauth and kind != "github" else [])}))
    return Backend(config, kind in WORKFLOW_FORGES, connect, tuple(sorted(set(images))))


def _oauth(kind: Forge, options: CmsOptions, base: str, config: dict[str, Any]) -> bool:
    """Write the OAuth keys into ``config``; whether OAuth sign-in is offered."""
    if kind == "github":
        if not options.auth_url:
            return False
        config["base_url"] = _origin(options.auth_url)
        return True
    if not options.app_id:
        return False
    config["app_id"] = options.app_id
    if base != "https://gitlab.com":
        config["base_url"] = base
    if kind == "gitlab":
        config["auth_type"] = "pkce"
    return True
