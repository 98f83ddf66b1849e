"""A scratch site whose hand-written page carries a payload in every front-matter field the theme prints.

``check`` and the build refuse these keys (``F-CLE``); to prove the *render-time* defence on its
own, :func:`build_payload_site` builds with both refusals switched off in the build process only:
whatever reaches Material must still come out as text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import copy_content

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><meta http-equiv=refresh content="0;url=https://spam.example">',
    "<style>body{display:none}</style>",
)
# Front-matter keys that Material (or our theme) prints: head metas, <title>, header, navigation.
THEME_FIELDS = ("title", "description", "author", "subtitle", "status", "robots")
PAGE = "contribuer"  # in the navigation: its subtitle and status are printed on every page
BYPASS = ("import sys, generator.pipeline as p, generator.mkdocs.build_steps as s; "
          "p.lint_all = lambda root, sources: []; s.check_written_meta = lambda page, docs_dir: None; "
          "from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()")


def payload_for(field: str) -> str:
    """The three payloads in one value, tagged with the field name (to find where it landed)."""
    return f"{field}:" + " ".join(PAYLOADS)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_payload_site(dest: Path, fields: dict[str, str] | None = None, *, escape: bool = True) -> Path:
    """Build the demo with theme fields of ``content/contribuer.md`` set to payloads (all of
    :data:`THEME_FIELDS` by default); ``escape=False`` also switches the escaping off."""
    root = copy_content(dest)
    page = root / "content" / f"{PAGE}.md"
    body = page.read_text(encoding="utf-8").split("---\n", 2)[2]
    values = fields if fields is not None else {field: payload_for(field) for field in THEME_FIELDS}
    front = "".join(f"{field}: {_quoted(value)}\n" for field, value in values.items())
    page.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    out = root / "out"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    code = BYPASS if escape else BYPASS.replace("s.check_written_meta", "import generator.mkdocs.plugin as g; "
                                                "g.escape_theme_texts = lambda page: None; s.check_written_meta", 1)
    result = subprocess.run([sys.executable, "-c", code, "build", "--strict", "--site-dir", str(out)],
                            cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class LiveMarkup(HTMLParser):
    """Elements and attributes a browser would act on, as an HTML parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []  # inline script bodies
        self.styles: list[str] = []
        self.refresh: list[str] = []
        self.handlers: list[str] = []
        self.texts: list[str] = []  # text and attribute values, unescaped
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.texts.extend(v for v in values.values() if v)
        self.handlers.extend(f"{tag}[{name}]" for name, _ in attrs if name.startswith("on"))
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.refresh.append(values.get("content") or "")
        self._open = tag if tag in ("script", "style") and "src" not in values else None
        if self._open == "script" and (values.get("type") or "").startswith("application/"):
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open == "script":
            self.scripts.append(data)
        elif self._open == "style":
            self.styles.append(data)
        else:
            self.texts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def live_markup(html: str) -> LiveMarkup:
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser
