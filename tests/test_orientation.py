"""Orientation data and options, without a browser: needs in two groups without duplicates, the
``orientation:`` options and their French errors, partners left out, the grid cells, fallbacks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from map_fixture import load_tree, make_tree

from generator.cli.main import main
from generator.config.orientation import NATIONAL_MAP, OrientationOptions
from generator.models.vocab import SERVICES
from generator.rules.folding import fold
from generator.site.pages import orientation_data
from generator.site.pages.orientation_needs import PLAIN_WORDS, competence_needs, service_needs

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory):
    return load_tree(make_tree(tmp_path_factory.mktemp("orientation")))


def _key(text: str) -> str:
    return " ".join(fold(text).lower().split())


def test_every_service_has_plain_words_with_examples() -> None:
    assert list(PLAIN_WORDS) == list(SERVICES)
    assert PLAIN_WORDS["Aide aux démarches administratives"].startswith("Faire une démarche en ligne : CAF, impôts")
    assert next(value for value, _ in service_needs()) == "service-aide-aux-demarches-administratives"


def test_a_competence_repeating_a_service_is_offered_once() -> None:
    kept = competence_needs([("aide-demarches", "Aide aux démarches administratives"), ("pix", "Certification PIX"),
                             ("pix-bis", "certification pix"), ("cv", "Rédiger un CV")])
    assert kept == [("competence-pix", "Certification PIX"), ("competence-cv", "Rédiger un CV")]


def test_demo_needs_have_no_duplicate_label(repo_root: Path) -> None:
    from generator.config import read_settings
    from generator.pipeline import load

    loaded = load(repo_root, read_settings(repo_root)[0])
    services, competences = orientation_data.needs(loaded.corpus)
    labels = [_key(label) for _, label in services + competences]
    assert len(labels) == len(set(labels)), labels
    values = [value for value, _ in services + competences]
    assert len(values) == len(set(values))
    assert "aide aux demarches administratives" not in labels  # said in plain words, once


def test_files_are_split_by_cell_and_leave_partners_out(tree) -> None:
    loaded, settings = tree
    files = orientation_data.orientation_files(loaded.corpus, settings.orientation, loaded.communes)
    index = files[orientation_data.DATA_PATH]
    rows = [r for path, value in files.items() if path.startswith(orientation_data.CELLS_DIR) for r in value]
    slugs = {r[0] for r in rows}
    partners = {slug for slug, rec in loaded.corpus.structures.items() if rec.model.is_partner}
    assert partners and not slugs & partners  # hostile-1 and -3 have no services: partners
    assert index["rayon_km"] == 30 and index["imprimer"] == "imprimer/"
    assert [r[0] for r in index["france_services"]] == ["epn-privas"]
    assert [r[0] for r in index["itinerants"]] == ["bus-numerique"]
    privas = next(r for r in rows if r[0] == "epn-privas")
    assert privas[15] == "1 place de la Mairie, 07000 Privas"
    gap = next(c for c in files[orientation_data.COMMUNES_PATH] if c[0] == "05061")
    assert gap[1] == "Gap" and gap[4] == "gap" and "05000" in gap[5].split()
    # the national cartography by default, for every configured département
    assert index["departements"]["05"] == {"nom": "Hautes-Alpes", "telephone": [], "cartographie": NATIONAL_MAP}


def test_place_without_real_address_shows_none(tree) -> None:
    loaded, _settings = tree
    rec = loaded.corpus.structures["epn-privas"]
    placeholder = rec.model.model_copy(update={"adresse": "Adresse à compléter"})
    assert orientation_data._address(placeholder) == ""


def test_cells_follow_the_grid() -> None:
    assert orientation_data.CELL == 0.25
    assert orientation_data.cell_of(44.55, 6.07) == "178_24"
    assert orientation_data.cell_of(44.4999, 5.9999) == "177_23"
    assert orientation_data.cell_of(44.5, 6.0) == "178_24"
    assert orientation_data.cell_of(-21.1, 55.5) == "-85_222"


def test_fallback_phone_is_normalised_and_shown() -> None:
    options = OrientationOptions.model_validate({"rayon_km": 20, "departements": {"05": {
        "telephone": "04 92 00 00 00", "libelle_telephone": "Numéro unique", "cartographie": "https://exemple.fr/carte"}}})
    fb = orientation_data._fallbacks(options, None)
    assert fb["05"] == {"nom": "05", "telephone": ["04 92 00 00 00", "+33492000000", "Numéro unique"],
                        "cartographie": "https://exemple.fr/carte"}


def _mini(tmp_path: Path, block: str) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      source: Mini réseau\n", "      source: Mini réseau\n" + block), encoding="utf-8")
    return root


@pytest.mark.parametrize(("block", "expected"), [
    ("      orientation:\n        rayon_km: loin\n",
     "mkdocs.yml:16:19: [C-VALEUR] un nombre entier est attendu pour l'option « orientation.rayon_km » (valeur lue : « loin »)"),
    ("      orientation:\n        rayon_km: 0\n",
     "mkdocs.yml:16:19: [C-VALEUR] valeur « 0 » trop petite pour l'option « orientation.rayon_km » (minimum 1)"),
    ("      orientation:\n        departements:\n          \"05\": {telephone: \"12\"}\n",
     "mkdocs.yml:17:29: [C-VALEUR] numéro de téléphone « 12 » invalide pour l'option « orientation.departements.05.telephone »"),
    ("      orientation:\n        rayn_km: 3\n",
     "mkdocs.yml:16:9: [C-OPTION] option « orientation.rayn_km » inconnue du plugin reseau — vouliez-vous dire « rayon_km » ?"),
])
def test_orientation_options_are_refused_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    block: str, expected: str) -> None:
    root = _mini(tmp_path, block)
    code = main(["check", "--root", str(root), "--sans-geo"])
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("mkdocs.yml:")]
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith(expected), lines
    assert "Traceback" not in "\n".join(lines)


def test_orientation_options_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.config import read_settings

    root = _mini(tmp_path, "      orientation:\n        rayon_km: 25\n        departements:\n"
                           "          \"05\": {telephone: \"01 70 77 23 72\"}\n")
    settings, problems = read_settings(root)
    assert problems == []
    assert settings.orientation.rayon_km == 25
    assert settings.orientation.fallback("05").telephone == "+33170772372"
    assert settings.orientation.fallback("07").telephone is None


def test_demo_site_declares_its_fallbacks(repo_root: Path) -> None:
    from generator.config import read_settings

    settings, problems = read_settings(repo_root)
    assert problems == [] and settings.orientation.rayon_km == 30
    assert {code for code, fb in settings.orientation.departements.items() if fb.telephone} == {"04", "05", "07"}


def test_json_is_deterministic(tree) -> None:
    loaded, settings = tree
    a = orientation_data.orientation_files(loaded.corpus, settings.orientation, loaded.communes)
    b = orientation_data.orientation_files(loaded.corpus, settings.orientation, loaded.communes)
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
