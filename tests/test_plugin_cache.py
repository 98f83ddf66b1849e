"""Rebuild caches: producer memo of ``mkdocs serve``, compiled templates (memory for serve, disk for build).

A memoised run must give exactly the outputs of a fresh :func:`produce_all`; an edit must
invalidate the producers that read it and only those whose key really does not cover it.
"""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from generator.config import load_settings
from generator.pipeline import Loaded, load
from generator.site import template_cache as themecache
from generator.site.producers import PRODUCERS, Output, produce_all
from generator.site.serve_memo import KEYS, ProducerMemo
from generator.site.template_cache import MemoryBytecodeCache, disk_bytecode_cache

STRUCTURE = "actors/structures/adrets.yml"
CONTENT_KEYED = sorted(name for name, key in KEYS.items() if key.__name__ == "content_parts")
MAPS = sorted(["generator.site.pages.map:produce", "generator.site.pages.coverage:produce"])


def loaded(root: Path) -> Loaded:
    result = load(root, load_settings(root))
    assert not result.problems, [p.format() for p in result.problems]
    return result


def run(memo: ProducerMemo, root: Path) -> tuple[dict[str, Output], dict[str, Output]]:
    """(memoised outputs, fresh outputs) of the content tree at ``root``."""
    data = loaded(root)
    settings = load_settings(root)
    return (memo.produce_all(data.corpus, settings, data.communes),
            produce_all(data.corpus, settings, data.communes))


def edit(root: Path, pattern: str, replacement: str) -> None:
    path = root / STRUCTURE
    text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    assert count == 1
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import copy_content

    return copy_content(tmp_path_factory.mktemp("cache"))


def test_keys_name_registered_producers() -> None:
    assert set(KEYS) <= set(PRODUCERS)
    assert set(MAPS) <= set(KEYS)


@pytest.mark.lent  # every producer over the demo content, twice
def test_unchanged_content_reuses_every_memoised_producer(tree: Path) -> None:
    memo = ProducerMemo()
    first, fresh = run(memo, tree)
    assert first == fresh and sorted(memo.misses) == sorted(KEYS) and memo.hits == []
    again, fresh = run(memo, tree)
    assert again == fresh == first
    assert sorted(memo.hits) == sorted(KEYS) and memo.misses == []


@pytest.mark.lent  # every producer over the demo content, twice
def test_text_edit_reruns_pages_but_keeps_the_maps(tree: Path) -> None:
    memo = ProducerMemo()
    before, _ = run(memo, tree)
    edit(tree, r"^presentation_resume:.*$", 'presentation_resume: "Texte modifié pour le test du cache."')
    after, fresh = run(memo, tree)
    assert after == fresh and after != before
    assert "Texte modifié pour le test du cache." in str(after["annuaire/adrets.md"].content)
    assert sorted(memo.misses) == CONTENT_KEYED
    assert sorted(memo.hits) == MAPS


@pytest.mark.lent  # every producer over the demo content, twice
def test_position_edit_reruns_the_maps(tree: Path) -> None:
    memo = ProducerMemo()
    before, _ = run(memo, tree)
    edit(tree, r'^code_postal: "05000"\ncommune: Gap\ncode_insee: "05061"',
         'code_postal: "05200"\ncommune: Embrun\ncode_insee: "05046"')
    after, fresh = run(memo, tree)
    assert after == fresh
    assert after["couverture/couverture.html"] != before["couverture/couverture.html"]
    assert set(MAPS) <= set(memo.misses) and memo.hits == []


@pytest.mark.lent  # every producer over the demo content, twice
def test_settings_are_part_of_every_key(tree: Path) -> None:
    memo = ProducerMemo()
    data = loaded(tree)
    settings = load_settings(tree)
    memo.produce_all(data.corpus, settings, data.communes)
    other = type(settings)(**{**vars(settings), "contact": "autre@example.org"})
    memo.produce_all(data.corpus, other, data.communes)
    assert memo.hits == [] and sorted(memo.misses) == sorted(KEYS)


@pytest.mark.lent  # every producer over the demo content, twice
def test_source_date_epoch_is_part_of_every_key(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memo = ProducerMemo()
    data = loaded(tree)
    settings = load_settings(tree)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    memo.produce_all(data.corpus, settings, data.communes)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    memo.produce_all(data.corpus, settings, data.communes)
    assert memo.hits == []


def test_bytecode_cache_reuses_unchanged_and_recompiles_edited_templates() -> None:
    cache = MemoryBytecodeCache()
    sources = {"page.html": "Bonjour {{ nom }}"}

    def render() -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=cache)
        return env.get_template("page.html").render(nom="Alix")

    assert render() == "Bonjour Alix" and len(cache) == 1
    assert render() == "Bonjour Alix"
    sources["page.html"] = "Au revoir {{ nom }}"
    assert render() == "Au revoir Alix"


def test_disk_bytecode_cache_lives_outside_the_project(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Compiled code is executed: its folder is Jinja's per-user one (0700), never the repository."""
    root = Path(__file__).resolve().parent.parent
    cache = disk_bytecode_cache()
    assert isinstance(cache, jinja2.FileSystemBytecodeCache)
    folder = Path(cache.directory).resolve()
    assert root not in folder.parents and folder != root
    assert folder.stat().st_mode & 0o077 == 0 and folder.stat().st_uid == os.getuid()
    monkeypatch.setenv("GENERATOR_NO_BYTECODE_CACHE", "1")
    assert disk_bytecode_cache() is None
    monkeypatch.delenv("GENERATOR_NO_BYTECODE_CACHE")

    def unsafe(self: object) -> str:  # Jinja's check: a folder owned by another user, or shared
        raise RuntimeError("Cache directory is not owned by the current user")

    monkeypatch.setattr(themecache.FileSystemBytecodeCache, "_get_default_cache_dir", unsafe)
    assert disk_bytecode_cache() is None  # templates are then compiled every time, nothing breaks


@pytest.mark.construction
def test_warm_bytecode_cache_builds_the_same_site(tmp_path: Path) -> None:
    """A build whose templates come from the disk cache (filled by a first build, in a fresh
    temporary folder) = a build that compiles every template."""
    root = Path(__file__).resolve().parent.parent
    base = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp_path)}

    def build(name: str, **extra: str) -> Path:
        site = tmp_path / name
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                                cwd=root, env={**base, **extra}, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        return site

    compiled = build("sans-cache", GENERATOR_NO_BYTECODE_CACHE="1")
    assert not list(tmp_path.glob("_jinja2-cache-*/*"))
    build("a-froid")
    cached = list(tmp_path.glob("_jinja2-cache-*/__reseau-jinja*.cache"))
    assert len(cached) > 50  # Material's templates and ours
    warm = build("a-chaud")
    mismatched = [str(p.relative_to(compiled)) for p in sorted(compiled.rglob("*")) if p.is_file()
                  and not filecmp.cmp(p, warm / p.relative_to(compiled), shallow=False)]
    assert mismatched == []


def test_a_cache_that_cannot_be_written_never_stops_a_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: object, bucket: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "dump_bytecode", full)
    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "load_bytecode", full)
    env = jinja2.Environment(loader=jinja2.DictLoader({"p.html": "Bonjour {{ nom }}"}),
                             bytecode_cache=disk_bytecode_cache())
    assert env.get_template("p.html").render(nom="Alix") == "Bonjour Alix"


def test_serve_mode_builds_are_identical_to_a_plain_build(built_site: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds with the serve caches on (the second one served from them) = ``mkdocs build``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = Path(__file__).resolve().parent.parent
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.delenv("GENERATOR_NO_SERVE_CACHE", raising=False)
    monkeypatch.chdir(root)
    site = tmp_path / "site"
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        plugin = config.plugins["reseau"]
        assert plugin.memo is not None  # the instance (and its memo) survives the reload
        build(config)
        assert sorted(plugin.memo.hits) == sorted(KEYS)
    finally:
        config.plugins.on_shutdown()
    assert plugin.memo is None
    mismatched = [str(p.relative_to(built_site)) for p in sorted(built_site.rglob("*")) if p.is_file()
                  and not filecmp.cmp(p, site / p.relative_to(built_site), shallow=False)]
    assert mismatched == []
    assert sorted(os.listdir(site)) == sorted(os.listdir(built_site))
