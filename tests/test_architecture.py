"""Shape of the generator package, as ARCHITECTURE.md describes it (import order: import-linter)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
ARCHITECTURE = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
OUTSIDE_DOCUMENTS = re.compile(r"SECURITY\.md|STANDARD\.md|GEO\.md|\.\./shared|shared/design")


def python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_plugin_is_wiring_only() -> None:
    lines = (PACKAGE / "mkdocs" / "plugin.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150, f"generator/mkdocs/plugin.py : {len(lines)} lignes (150 au plus)"


def test_few_modules_flat_at_the_top() -> None:
    flat = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(flat) <= 8, flat


def test_every_folder_says_what_it_is() -> None:
    for folder in sorted(p for p in PACKAGE.rglob("*") if p.is_dir() and any(p.glob("*.py"))):
        init = folder / "__init__.py"
        assert init.is_file(), f"{folder.relative_to(ROOT)} sans __init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and doc.strip(), f"{init.relative_to(ROOT)} : une phrase doit dire ce que contient le dossier"


def test_every_stage_folder_is_described_in_architecture() -> None:
    for folder in sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()):
        assert f"`{folder}/`" in ARCHITECTURE, f"generator/{folder}/ absent d'ARCHITECTURE.md"


def test_environment_variables_are_documented() -> None:
    used: set[str] = set()
    for path in python_files():
        used |= set(re.findall(r"GENERATOR_[A-Z_]+", path.read_text(encoding="utf-8")))
    assert used, "aucune variable trouvée : le motif de ce test ne lit plus le code"
    missing = sorted(name for name in used if f"`{name}`" not in ARCHITECTURE)
    assert missing == [], f"variables non documentées dans ARCHITECTURE.md : {missing}"


def test_no_reference_to_documents_outside_the_repository() -> None:
    places = [ROOT / "generator", ROOT / "theme", ROOT / "benchmarks", ROOT / "forge", ROOT / ".ci"]
    found = []
    for place in places:
        for path in sorted(p for p in place.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            found += [f"{path.relative_to(ROOT)}:{n}" for n, line in enumerate(text.splitlines(), 1)
                      if OUTSIDE_DOCUMENTS.search(line)]
    assert found == [], "renvois à des documents hors du dépôt : " + ", ".join(found)


def test_page_modules_are_named_in_one_language() -> None:
    french = {"accueil", "annuaire", "carte", "couverture", "imprimer", "observatoire", "personnes", "recherche"}
    names = {p.stem for p in (PACKAGE / "site" / "pages").glob("*.py")}
    assert names & french == set()


def test_every_module_named_in_architecture_exists() -> None:
    named = set(re.findall(r"`((?:[a-z_]+/)+[a-z_]+\.py)`", ARCHITECTURE))
    assert len(named) > 20, "le motif de ce test ne lit plus ARCHITECTURE.md"
    missing = sorted(path for path in named
                     if not (PACKAGE / path).is_file() and not (ROOT / path).is_file())
    assert missing == [], f"ARCHITECTURE.md nomme des modules absents : {missing}"
