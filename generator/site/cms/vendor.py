"""Sveltia CMS and its fonts copied from ``node_modules`` into ``/admin/``, with no request elsewhere.

The published script loads three fonts from a CDN and asks a package CDN for its latest version;
under the site's CSP both would be blocked (and they are third-party requests). The copy points
them at files of ours: the fonts from the Fontsource npm packages of the exact versions the script
names, a ``sveltia/package.json`` that states the pinned version and the interface translations
(``sveltia@<version>/locales/*.json``, French first) that it would otherwise fetch from the CDN. Each address must appear
exactly once in the script: a new Sveltia release that moves them stops the build with a French
message instead of silently calling a CDN again.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.errors import ContentError, Location, Problem
from generator.site.producers import Output

SCRIPT = "@sveltia/cms/dist/sveltia-cms.js"
FONTSOURCE = "https://cdn.jsdelivr.net/fontsource/fonts/"
# address in the script → (file under admin/, file under node_modules/)
FONTS: dict[str, tuple[str, str]] = {
    f"{FONTSOURCE}source-sans-3:vf@5.3.0/latin-wght-normal.woff2": (
        "fonts/source-sans-3-latin-wght-normal.woff2",
        "@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2"),
    f"{FONTSOURCE}noto-mono@5.3.0/latin-400-normal.woff2": (
        "fonts/noto-mono-latin-400-normal.woff2", "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2"),
    f"{FONTSOURCE}material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2": (
        "fonts/material-symbols-outlined-latin-wght-normal.woff2",
        "@fontsource-variable/material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2"),
}
# The base of the update check (``<base>/package.json``), a template literal of the minified script.
UPDATE_BASE = ("`https://unpkg.com/@sveltia/cms`", "`./sveltia`")
LICENSES: dict[str, str] = {
    "LICENSE-sveltia-cms.txt": "@sveltia/cms/LICENSE.txt",
    "fonts/LICENSE-source-sans-3.txt": "@fontsource-variable/source-sans-3/LICENSE",
    "fonts/LICENSE-noto-mono.txt": "@fontsource/noto-mono/LICENSE",
    "fonts/LICENSE-material-symbols.txt": "@fontsource-variable/material-symbols-outlined/LICENSE",
}


def _problem(message: str) -> ContentError:
    return ContentError([Problem(Location("package.json"), "G-CMS", message,
                                 "lancez « npm ci » à la racine du projet ; après une mise à jour de @sveltia/cms, "
                                 "adaptez generator/site/cms/vendor.py à la nouvelle version")])


def patched_script(text: str) -> str:
    """The script with its font and update-check addresses made local; an error when one is missing."""
    for old, new in [*((url, local) for url, (local, _src) in FONTS.items()), UPDATE_BASE]:
        if text.count(old) != 1:
            raise _problem(f"l'éditeur en ligne ne contient plus exactement une fois « {old} » : "
                           "sa version ne correspond plus à celle que le générateur sait auto-héberger")
        text = text.replace(old, new)
    if FONTSOURCE in text or "https://cdn.jsdelivr.net" in text:
        raise _problem("l'éditeur en ligne charge encore une police depuis un CDN")
    return text


def vendor_outputs(root: Path, admin: str) -> dict[str, Output]:
    """The patched script, the fonts, their licences and the version file, under ``admin/``."""
    modules = root / "node_modules"
    sources = [SCRIPT, "@sveltia/cms/package.json", *(src for _local, src in FONTS.values()), *LICENSES.values()]
    missing = sorted(src for src in sources if not (modules / src).is_file())
    if missing:
        raise _problem(f"éditeur en ligne introuvable dans node_modules ({', '.join(missing[:3])})")
    version = json.loads((modules / "@sveltia/cms/package.json").read_text(encoding="utf-8"))["version"]
    outputs = {
        f"{admin}/sveltia-cms.js": Output(patched_script((modules / SCRIPT).read_text(encoding="utf-8"))),
        f"{admin}/sveltia/package.json": Output(json.dumps({"name": "@sveltia/cms", "version": version}) + "\n"),
    }
    for local, src in FONTS.values():
        outputs[f"{admin}/{local}"] = Output((modules / src).read_bytes())
    for locale in sorted((modules / "@sveltia/cms/locales").glob("*.json")):  # the UI in the reader's language
        outputs[f"{admin}/sveltia@{version}/locales/{locale.name}"] = Output(locale.read_bytes())
    for local, src in LICENSES.items():
        outputs[f"{admin}/{local}"] = Output((modules / src).read_bytes())
    return dict(sorted(outputs.items()))
