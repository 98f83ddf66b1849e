"""The demo site built with ProperDocs (the maintained fork of MkDocs 1.x) instead of MkDocs 1.6.

A throw-away environment gets requirements.lock without MkDocs, plus requirements-properdocs.lock,
all with ``--no-deps``; ``python -m generator build`` must then pick ProperDocs and produce the
same site as the MkDocs build of the session, except for the generator's name in the pages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from generator.cli import main as cli
from generator.mkdocs.engine import EngineMissing, engine_module

ROOT = Path(__file__).resolve().parent.parent
REPLACED = {"mkdocs", "mkdocs-get-deps"}  # ProperDocs brings its own code for both
GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')
KEY_PAGES = ("index.html", "annuaire/index.html", "carte/index.html", "recherche/index.html",
             "donnees/lieux-mediation-numerique.csv", "donnees/reunions.ics", "pagefind/pagefind.js",
             "sitemap.xml")


def pins(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def pinned_name(pin: str) -> str:
    return str(canonicalize_name(pin.split("==", 1)[0]))


def run(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def properdocs_python(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Python of a fresh environment with ProperDocs and without MkDocs (removed afterwards)."""
    work = tmp_path_factory.mktemp("properdocs")
    properdocs_pins = pins(ROOT / "requirements-properdocs.lock")
    probe = run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--timeout", "20",
                 "--retries", "1", "--dest", str(work / "sonde"), *properdocs_pins])
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["sans message"])[-1]
        pytest.skip("registre de paquets injoignable : ProperDocs n'a pas pu être téléchargé, la "
                    f"construction avec ProperDocs n'est pas vérifiée ici (pip : {last})")
    runtime = pins(ROOT / "requirements.lock")
    assert {pinned_name(pin) for pin in runtime} >= REPLACED, "requirements.lock ne contient plus MkDocs"
    lock = work / "sans-mkdocs.lock"
    lock.write_text("\n".join(pin for pin in runtime if pinned_name(pin) not in REPLACED) + "\n", encoding="utf-8")
    venv = work / "venv"
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-compile", "--no-deps"]
    for command in ([sys.executable, "-m", "venv", "--without-pip", str(venv)],  # this pip installs there
                    [*pip, "-r", str(lock), "-r", str(ROOT / "requirements-properdocs.lock")],
                    [*pip, "--no-build-isolation", "-e", str(ROOT)]):
        done = run(command)
        assert done.returncode == 0, done.stdout + done.stderr
    yield python
    shutil.rmtree(venv, ignore_errors=True)  # a few hundred megabytes


@pytest.mark.lent
@pytest.mark.construction
def test_demo_builds_with_properdocs_like_with_mkdocs(properdocs_python: Path, built_site: Path,
                                                      tmp_path: Path) -> None:
    absent = run([str(properdocs_python), "-c", "import importlib.util as u; print(u.find_spec('mkdocs'))"])
    assert absent.stdout.strip() == "None", "MkDocs ne doit pas être installé dans l'environnement ProperDocs"
    out = tmp_path / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    build = run([str(properdocs_python), "-m", "generator", "build", "--site-dir", str(out)], cwd=ROOT, env=env)
    assert build.returncode == 0, build.stdout + build.stderr
    assert b'content="mkdocs-ProperDocs ' in (out / "index.html").read_bytes()
    for page in KEY_PAGES:
        assert (out / page).is_file(), page
    ours = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    theirs = sorted(str(p.relative_to(built_site)) for p in built_site.rglob("*") if p.is_file())
    assert ours == theirs
    differ = [name for name in ours
              if GENERATOR_META.sub(b"", (out / name).read_bytes())
              != GENERATOR_META.sub(b"", (built_site / name).read_bytes())]
    assert differ == []


def test_engine_prefers_properdocs_then_mkdocs() -> None:
    assert engine_module(("mkdocs",)) == "mkdocs"
    assert engine_module(("mkdocs", "properdocs")) == "properdocs"
    assert engine_module(("properdocs",)) == "properdocs"
    with pytest.raises(EngineMissing, match="ni MkDocs ni ProperDocs"):
        engine_module(())


def test_build_without_engine_explains_in_french(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    def missing() -> str:
        raise EngineMissing("ni MkDocs ni ProperDocs n'est installé")

    monkeypatch.setattr(cli, "engine_module", missing)
    args = cli.build_parser().parse_args(["build", "--site-dir", str(tmp_path / "site")])
    assert cli.cmd_build(args) == 1
    assert "Construction impossible : ni MkDocs ni ProperDocs" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
