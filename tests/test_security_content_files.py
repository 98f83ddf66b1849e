"""``content/`` holds Markdown pages and raster images only, never a generated section (issue 15, item 4).

``check``'s refusals (``S-TYPE``, ``S-RESERVE``) are in the bad corpus with golden messages
(``s-type-contenu``, ``s-reserve-contenu``); here: the rule itself, the list of generated
sections against the producers' outputs, and the build's own refusal.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.config import load_settings
from generator.mkdocs import build_steps
from generator.pipeline import load
from generator.rules.content_files import GENERATED_SECTIONS, image_format, reserved_section, section_of, type_problem
from generator.site.producers import Output, produce_all
from tests.conftest import ROOT

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 "
AVIF = b"\x00\x00\x00\x1cftypavif\x00\x00"
HTML = b"<script>alert(1)</script>"


@pytest.mark.parametrize(("head", "name"), [(PNG, "PNG"), (JPEG, "JPEG"), (WEBP, "WebP"), (AVIF, "AVIF"), (HTML, None),
                                            (b"RIFF\x10\x00\x00\x00WAVEfmt ", None), (b"", None)])
def test_image_format_reads_the_signature(head: bytes, name: str | None) -> None:
    assert image_format(head) == name


@pytest.mark.parametrize(("file", "head"), [("a.md", HTML), ("a.png", PNG), ("a.jpg", JPEG), ("a.jpeg", JPEG),
                                            ("a.webp", WEBP), ("a.avif", AVIF), ("A.PNG", PNG)])
def test_pages_and_real_images_are_accepted(file: str, head: bytes) -> None:
    assert type_problem(file, head) is None


@pytest.mark.parametrize(("file", "head"), [("a.html", HTML), ("a.js", b"alert(1)"), ("a.svg", b"<svg/>"),
                                            ("a.xhtml", HTML), ("a.css", b"body{}"), ("a.markdown", b"# x"),
                                            ("LISEZMOI", b"x"), ("a.png", HTML), ("a.png", JPEG), ("a.jpg", b"<svg/>")])
def test_other_types_and_disguised_files_are_refused(file: str, head: bytes) -> None:
    assert type_problem(file, head)


def test_sections_of_paths() -> None:
    assert section_of("personnes/camille.md") == "personnes" and section_of("annuaire.md") == "annuaire"
    assert reserved_section("annuaire/faux/index.md") == "annuaire"
    assert reserved_section("guides/personnes.md") is None and reserved_section("index.md") is None
    assert reserved_section("contribuer.md") is None


def test_generated_sections_are_the_producers_outputs() -> None:
    """The demo uses every section: the constant is exactly what the producers write."""
    settings = load_settings(ROOT)
    loaded = load(ROOT, settings)
    outputs = produce_all(loaded.corpus, settings, loaded.communes)
    assert {path.split("/", 1)[0] for path in outputs if "/" in path} == GENERATED_SECTIONS
    assert all(reserved_section(path) for path in outputs if "/" in path)


def _files(docs: Path, names: dict[str, bytes]) -> tuple[Files, object]:
    config = {"docs_dir": str(docs)}  # the only setting the step reads
    for name, data in names.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(data)
    files = Files([File(name, str(docs), str(docs.parent / "site"), True) for name in names])
    return files, config


def test_build_step_refuses_types_and_sections(tmp_path: Path) -> None:
    docs = tmp_path / "pages"
    files, config = _files(docs, {"guide.md": b"# x", "images/logo.png": PNG, "page.html": HTML,
                                  "images/faux.png": HTML, "personnes/berenice-lautaret.md": b"# x",
                                  "nouvelle/index.md": b"# x"})
    outputs = {"nouvelle/index.md": Output("# généré")}
    with pytest.raises(PluginError) as caught:
        build_steps.refuse_written_files(files, outputs, config)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "pages/page.html" in message and "pages/images/faux.png" in message
    assert "pages/personnes/berenice-lautaret.md" in message and "« personnes/ »" in message
    assert "pages/nouvelle/index.md" in message  # a section of this build's outputs, not in the constant
    assert "guide.md" not in message and "logo.png" not in message


def test_build_step_accepts_pages_and_images(tmp_path: Path) -> None:
    files, config = _files(tmp_path / "pages", {"guide.md": b"# x", "images/photo.webp": WEBP, "index.md": b"# x"})
    build_steps.refuse_written_files(files, {"index.md": Output("# accueil")}, config)  # type: ignore[arg-type]


@pytest.mark.construction
def test_build_refuses_scripts_and_fake_generated_pages(demo_copy: Path) -> None:
    """``check`` and the build both stop: no person page published for someone who refused consent."""
    (demo_copy / "content" / "page.html").write_bytes(HTML)
    (demo_copy / "content" / "personnes").mkdir()
    (demo_copy / "content" / "personnes" / "berenice-lautaret.md").write_text("# Bérénice\n", encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(demo_copy / "out")],
                            cwd=demo_copy, env=env, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "content/page.html" in output and "[S-TYPE]" in output
    assert "content/personnes" in output and "[S-RESERVE]" in output
    assert not (demo_copy / "out" / "page.html").exists()
    assert not (demo_copy / "out" / "personnes" / "berenice-lautaret").exists()
