"""Writing side of the imports: no duplicate across sources, three-way ``--mise-a-jour``, ``--essai``,
``--forcer``, unknown dates kept unknown, all-or-nothing writes."""

from __future__ import annotations

import argparse
import hashlib
import tempfile
from pathlib import Path
from typing import Any

import pytest
from site_skeleton import scratch

from generator.config import load_settings
from generator.errors import WARNING
from generator.importers import merge
from generator.importers.run import import_file, run_import
from generator.load.yaml_strict import parse_text
from generator.models import Structure
from generator.pipeline import load

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "import" / "fusion"
MEDNUM = FIX / "mednum-hautes-alpes.csv"
FS = FIX / "france-services-hautes-alpes.csv"
LARAGNE = "france-services-laragne-monteglin"


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01


def args(fmt: str, path: Path, root: Path, **extra: object) -> argparse.Namespace:
    values = {"format": fmt, "fichier": path, "root": root, "departements": None, "mapping": None,
              "formulaire": None, "mise_a_jour": False, "essai": False, "forcer": False}
    values.update(extra)
    return argparse.Namespace(**values)


def structure(root: Path, slug: str) -> dict[str, Any]:
    path = root / "actors" / "structures" / f"{slug}.yml"
    data = parse_text(path.read_text(encoding="utf-8"), path.name).data
    assert isinstance(data, dict)
    return data


def tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def edited_source(tmp_path: Path, old: str, new: str) -> Path:
    """The France Services list as the next year's download: one cell changed."""
    text = FS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "source" / FS.name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def hand_edit(root: Path, slug: str, old: str, new: str) -> None:
    path = root / "actors" / "structures" / f"{slug}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_national_base_then_france_services_creates_no_duplicate(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    first = import_file(args("mednum", MEDNUM, root))
    assert len(first.created) == 4
    report = import_file(args("france-services", FS, root))
    assert report.created == [LARAGNE]  # the only France Services the national base did not have
    merged = {slug: why for slug, _filled, why, _kept in report.merged}
    assert merged == {"espace-france-services-de-veynes": "à 25 m l'un de l'autre, noms semblables à 100 %",
                      "france-services-la-grave": "même nom dans la même commune (La Grave)"}
    assert [(d[0], d[2]) for d in report.duplicates] == [
        ("france-services-hautes-alpes.csv:ligne 4", "maison-de-services-au-public-de-serres")]
    files = sorted(p.stem for p in (root / "actors/structures").glob("*.yml"))
    assert len(files) == 5 and not any(f.endswith("-2") for f in files)
    grave = structure(root, "france-services-la-grave")
    # empty fields filled from France Services; the national base's id and source stay
    assert grave["telephone"] == "+33476799005" and grave["id"] == "cnum-0502"
    assert grave["source"] == "Conseiller Numérique"
    assert grave["date_maj"] == "2022-01-15"  # unknown date replaced by the known one of the second source
    veynes = structure(root, "espace-france-services-de-veynes")
    assert veynes["nom"] == "Espace France Services de Veynes"  # a different value is reported, never overwritten
    text = report.text()
    assert "valeurs différentes, celles de la fiche gardées : courriels" in text
    assert "« France Services Serres » ressemble à actors/structures/maison-de-services-au-public-de-serres.yml" in text
    assert "Bilan : créées 1, fusionnées 2, mises à jour 0, conflits 0, doublons probables 1" in text
    again = import_file(args("france-services", FS, root))  # the same list twice: still nothing new
    assert again.created == [] and again.merged == [] and len(again.duplicates) == 1


def test_probable_duplicate_exits_1_and_forcer_creates_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = scratch(tmp_path)
    import_file(args("mednum", MEDNUM, root))
    assert run_import(args("france-services", FS, root)) == 1
    assert "doublons probables, non créés : 1" in capsys.readouterr().out
    assert run_import(args("france-services", FS, root, forcer=True)) == 0
    assert (root / "actors/structures/france-services-serres.yml").exists()


def test_hand_edit_survives_update_and_source_change_is_applied(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    import_file(args("france-services", FS, root))
    hand_edit(root, LARAGNE, "adresse: Place des Aires", "adresse: 2 place des Aires")
    source = edited_source(tmp_path, "04 92 65 09 30", "04 92 65 09 31")
    report = import_file(args("france-services", source, root, mise_a_jour=True))
    assert report.updated == [(LARAGNE, ["telephone"])] and report.conflicts == []
    data = structure(root, LARAGNE)
    assert data["adresse"] == "2 place des Aires" and data["telephone"] == "+33492650931"
    assert data["date_maj"] == "2021-03-01"  # the source's date, not the import date


def test_both_changed_is_a_conflict_file_untouched_unless_forcer(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    import_file(args("france-services", FS, root))
    hand_edit(root, LARAGNE, "adresse: Place des Aires", "adresse: 2 place des Aires")
    before = (root / f"actors/structures/{LARAGNE}.yml").read_bytes()
    source = edited_source(tmp_path, "Place des Aires;", "Rue de la Gare;")
    report = import_file(args("france-services", source, root, mise_a_jour=True))
    assert [(c[0], c[1]) for c in report.conflicts] == [(LARAGNE, ["adresse"])]
    assert (root / f"actors/structures/{LARAGNE}.yml").read_bytes() == before
    assert "conflits : 1" in report.text() and "modifiée à la main et par la source (adresse)" in report.text()
    again = import_file(args("france-services", source, root, mise_a_jour=True))
    assert len(again.conflicts) == 1  # still listed next time: the state was not moved past it
    forced = import_file(args("france-services", source, root, mise_a_jour=True, forcer=True))
    assert forced.updated == [(LARAGNE, ["adresse"])]
    assert structure(root, LARAGNE)["adresse"] == "Rue de la Gare"


def test_value_removed_from_source_is_removed(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    import_file(args("france-services", FS, root))
    assert structure(root, LARAGNE)["courriels"] == ["franceservices.laragne@example.org"]
    source = edited_source(tmp_path, "franceservices.laragne@example.org", "")
    report = import_file(args("france-services", source, root, mise_a_jour=True))
    assert report.updated == [(LARAGNE, ["courriels"])]
    assert "courriels" not in structure(root, LARAGNE)


def test_reimport_of_unchanged_source_rewrites_nothing(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    import_file(args("mednum", MEDNUM, root))
    before = tree(root)
    report = import_file(args("mednum", MEDNUM, root, mise_a_jour=True))
    assert len(report.unchanged) == 4 and report.updated == []
    assert tree(root) == before
    assert structure(root, "france-services-la-grave")["date_maj"] == "1970-01-01"  # unknown stays unknown


def test_essai_writes_nothing(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    import_file(args("mednum", MEDNUM, root))
    hand_edit(root, "mediatheque-de-veynes", "Avenue Commandant Dumont", "Avenue du Commandant Dumont")
    before = tree(root)
    report = import_file(args("france-services", FS, root, essai=True))
    assert report.created == [LARAGNE] and len(report.merged) == 2
    assert tree(root) == before
    assert "essai (--essai) : rien n'a été écrit" in report.text()
    (tmp_path / "vide").mkdir()
    empty = scratch(tmp_path / "vide")
    import_file(args("france-services", FS, empty, essai=True))
    assert tree(empty) == {"mkdocs.yml": tree(root)["mkdocs.yml"]}  # not even a folder


def test_state_folder_keeps_actor_files_clean(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    import_file(args("france-services", FS, root))
    state = (root / "import" / "france-services.json").read_text(encoding="utf-8")
    assert '"france-services-2004"' in state and f'"fichier": "{LARAGNE}"' in state
    actor = (root / "actors/structures" / f"{LARAGNE}.yml").read_text(encoding="utf-8")
    assert set(structure(root, LARAGNE)) <= set(Structure.model_fields) and "valeurs" not in actor


def test_broken_state_is_a_french_error_and_nothing_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = scratch(tmp_path)
    (root / "import").mkdir()
    (root / "import" / "france-services.json").write_text("{pas du json", encoding="utf-8")
    before = tree(root)
    assert run_import(args("france-services", FS, root)) == 1
    err = capsys.readouterr().err
    assert "import/france-services.json:1:1: [I-ETAT] état d'import illisible" in err
    assert tree(root) == before


def test_failed_write_leaves_tree_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = scratch(tmp_path)
    import_file(args("mednum", MEDNUM, root))
    before = tree(root)
    real = tempfile.mkstemp
    calls: list[str] = []

    def disk_full(*a: object, **k: object) -> tuple[int, str]:
        calls.append("x")
        if len(calls) == 3:  # the third file of the run: two temporary files are already written
            raise OSError(28, "Plus d'espace disponible sur le périphérique")
        return real(*a, **k)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", disk_full)
    assert run_import(args("france-services", FS, root)) == 1
    assert "[I-ECRITURE] écriture impossible (Plus d'espace disponible" in capsys.readouterr().err
    assert tree(root) == before
    assert not list(root.rglob(".import-*"))


def test_three_way_rules() -> None:
    base = {"nom": "A", "adresse": "1 rue", "telephone": "+33400000000", "date_maj": "2024-01-01"}
    theirs = {"nom": "A", "adresse": "2 rue", "date_maj": "2024-06-01"}
    ours = {"nom": "A (corrigé)", "adresse": "1 rue", "telephone": "+33400000000", "date_maj": "2024-01-01",
            "reseaux": ["r"]}
    out = merge.three_way(ours, base, theirs)
    assert out.data == {"nom": "A (corrigé)", "adresse": "2 rue", "date_maj": "2024-06-01", "reseaux": ["r"]}
    assert out.changed == ["adresse", "telephone", "date_maj"] and out.removed == ["telephone"]
    assert out.conflicts == []
    clash = merge.three_way({**ours, "adresse": "3 rue"}, base, theirs)
    assert clash.conflicts == ["adresse"]
    # a hand-set later date is never moved back by a merge that changes something
    later = merge.three_way({"adresse": "", "date_maj": "2025-01-01"}, None, {"adresse": "x", "date_maj": "2024-01-01"})
    assert later.data["date_maj"] == "2025-01-01"


def test_check_warns_about_the_duplicate_forcer_created(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    import_file(args("mednum", MEDNUM, root))
    import_file(args("france-services", FS, root, forcer=True))
    loaded = load(root, load_settings(root), with_geo=False)
    assert loaded.problems == []
    found = [(p.location.path, p.code, p.severity) for p in loaded.warnings if p.code == "D-DOUBLON"]
    assert found == [("actors/structures/maison-de-services-au-public-de-serres.yml", "D-DOUBLON", WARNING)]
    message = next(p.message for p in loaded.warnings if p.code == "D-DOUBLON")
    assert "actors/structures/france-services-serres.yml" in message


def test_unknown_date_is_kept_in_export_and_shown_as_unknown(tmp_path: Path) -> None:
    from generator.site.exports.producer import data_files
    from generator.site.pages import structures

    root = scratch(tmp_path)
    import_file(args("mednum", MEDNUM, root))
    settings = load_settings(root)
    corpus = load(root, settings, with_geo=False).corpus
    export = str(data_files(corpus, settings)["lieux-mediation-numerique.csv"])
    grave = next(line for line in export.splitlines() if line.startswith("cnum-0502,"))
    assert ",1970-01-01," in grave  # the standard's placeholder, never today's date
    page = str(structures.produce(corpus, settings, None)["annuaire/france-services-la-grave.md"].content)
    assert "Date de mise à jour inconnue" in page and "1 janvier 1970" not in page and "il y a" not in page
    known = str(structures.produce(corpus, settings, None)["annuaire/mediatheque-de-veynes.md"].content)
    assert "Dernière mise à jour : 1 février 2024" in known or "Dernière mise à jour : 1er février 2024" in known
