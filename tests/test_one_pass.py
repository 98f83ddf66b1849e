"""One ``check`` run lists every independent mistake of a file (tests/corpus/good/mini, mutated).

Each mutation below is one mistake a contributor could make, written so that line numbers do not
move. The problems of a file holding several mistakes must be exactly the union of the problems of
each mistake alone: a missing required field hides neither a reference nor a model-level rule.
"""

from __future__ import annotations

import shutil
from itertools import combinations
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.config import Settings
from generator.load.corpus import build_corpus
from generator.load.sources import read_sources
from generator.pipeline import Loaded, load

MINI = Path(__file__).resolve().parent / "corpus" / "good" / "mini"

# file → independent mistakes, each as (line as written in mini, line with the mistake)
MISTAKES: dict[str, tuple[tuple[str, str], ...]] = {
    "actors/structures/mediatheque-veynes.yml": (
        ("commune: Veynes", "# commune à compléter"),
        ("reseaux: [mednum-alpes-durance]", "reseaux: [mednum-alpes-durrance]"),
        ("services: [Loisirs et créations numériques, Compréhension du monde numérique]",
         "services: [Loisirs et création numériques, Compréhension du monde numérique]"),
        ("longitude: 5.8231", "# longitude à compléter"),
    ),
    "actions/former-les-benevoles.md": (
        ("porteurs: [mediatheque-veynes]", "# porteurs à compléter"),
        ("thematiques: [inclusion-numerique]", "thematiques: [inclusion-numeriqe]"),
        ("statut: en-cours", "statut: en-cour"),
        ("partenaires: [epn-gap]", "partenaires: [epn-gapp]"),
    ),
    "meetings/2024-06-21-comite.md": (
        ("date: 2024-06-21", "# date à compléter"),
        ("statut: prevue", "statut: prévue"),
        ("serie: comite", "participants: [camile]"),
    ),
    "actors/people/camille.yml": (
        ("structures: [mediatheque-veynes]", "# structures à compléter"),
        ("competences: [diagnostic-numerique]", "competences: [diagnostic-numeriqu]"),
        ("appetences: [navigation-internet]", "appetences: [soudure]"),
        ("  date: 2024-01-15", "  # date à compléter"),
    ),
}


def _check(tmp_path: Path, rel: str, chosen: tuple[tuple[str, str], ...]) -> Loaded:
    root = tmp_path / "mini"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(MINI, root)
    target = root / rel
    text = target.read_text(encoding="utf-8")
    for before, after in chosen:
        assert f"\n{before}\n" in f"\n{text}", f"{before!r} absent de {rel}"
        text = text.replace(f"{before}\n", f"{after}\n", 1)
    target.write_text(text, encoding="utf-8")
    return load(root, Settings(root=root), with_geo=False)


def _formatted(loaded: Loaded) -> set[str]:
    return {p.format() for p in loaded.problems}


@pytest.mark.parametrize("rel", sorted(MISTAKES))
def test_every_mistake_of_a_file_in_one_run(tmp_path: Path, rel: str) -> None:
    alone = [_formatted(_check(tmp_path, rel, (mistake,))) for mistake in MISTAKES[rel]]
    assert all(alone), "chaque erreur seule doit être signalée"
    every = set().union(*alone)
    assert _formatted(_check(tmp_path, rel, MISTAKES[rel])) == every
    for pair in combinations(MISTAKES[rel], 2):
        expected = set().union(*(alone[MISTAKES[rel].index(m)] for m in pair))
        assert _formatted(_check(tmp_path, rel, pair)) == expected, pair


def test_a_rule_on_an_unreadable_field_stays_silent(tmp_path: Path) -> None:
    """« latitude » unreadable and « longitude » missing: the number error only, not « coordonnées
    incomplètes » on top of it (a follow-on message)."""
    loaded = _check(tmp_path, "actors/structures/mediatheque-veynes.yml",
                    (("latitude: 44.5339", "latitude: nord"), ("longitude: 5.8231", "# longitude"),
                     ("commune: Veynes", "# commune")))
    assert sorted(p.code for p in loaded.problems) == ["V-MANQUANT", "V-NOMBRE"]


def test_a_model_rule_alone_is_reported_once(tmp_path: Path) -> None:
    loaded = _check(tmp_path, "actors/structures/mediatheque-veynes.yml", (("longitude: 5.8231", "# longitude"),))
    assert [p.format() for p in loaded.problems] == [
        "actors/structures/mediatheque-veynes.yml:7:1: [V-COORDONNEES] coordonnées incomplètes : « longitude » "
        "manque — indiquez latitude et longitude ensemble, ou aucune des deux"]


def test_an_invalid_record_fills_no_backlink(tmp_path: Path) -> None:
    """Camille's file is invalid: her references are checked, but she appears on no structure page."""
    loaded = _check(tmp_path, "actors/people/camille.yml",
                    (("nom: Camille D.", "# nom à compléter"), ("appetences: [navigation-internet]", "appetences: [soudure]")))
    assert sorted(p.code for p in loaded.problems) == ["R-INCONNU", "V-MANQUANT"]
    assert "camille" not in loaded.corpus.people
    assert "camille" not in loaded.corpus.people_of["mediatheque-veynes"]
    assert "camille" not in loaded.corpus.seekers["navigation-internet"]


def test_references_to_an_invalid_record_stay_silent(tmp_path: Path) -> None:
    """The structure is invalid: the records naming it get no « aucune structure » message."""
    loaded = _check(tmp_path, "actors/structures/mediatheque-veynes.yml",
                    (("commune: Veynes", "# commune"),))
    assert {p.location.path for p in loaded.problems} == {"actors/structures/mediatheque-veynes.yml"}


def test_the_readable_items_of_a_broken_list_are_checked(tmp_path: Path) -> None:
    """One malformed identifier in « participants » hides neither the misspelt one next to it nor
    its position; the malformed one gets its own message only."""
    loaded = _check(tmp_path, "meetings/2024-06-21-comite.md",
                    (("serie: comite", "participants: [Camille D, camile, mediatheque-veynes]"),))
    assert [p.format() for p in loaded.problems] == [
        "meetings/2024-06-21-comite.md:6:16: [V-IDENTIFIANT] identifiant « Camille D » invalide — minuscules "
        "sans accents, chiffres et tirets, par exemple mediatheque-de-veynes",
        "meetings/2024-06-21-comite.md:6:27: [R-INCONNU] « camile » ne correspond à aucune structure "
        "(actors/structures/) ni à aucune personne (actors/people/) — vouliez-vous dire « camille » ?"]


def test_an_invalid_file_still_gets_its_name_checked(tmp_path: Path) -> None:
    """A reserved or doubled identifier is said in the same run as the file's own mistakes."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    source = (root / "actors/structures/epn-gap.yml").read_text(encoding="utf-8")
    broken = source.replace("\ncommune:", "\n# commune:")
    assert broken != source
    (root / "actors/structures/imprimer.yml").write_text(broken, encoding="utf-8")
    (root / "actors/structures/mediatheque-veynes.yaml").write_text(broken, encoding="utf-8")
    found = {(p.location.path, p.code) for p in load(root, Settings(root=root), with_geo=False).problems}
    assert found == {("actors/structures/imprimer.yml", "R-RESERVE"), ("actors/structures/imprimer.yml", "V-MANQUANT"),
                     ("actors/structures/mediatheque-veynes.yml", "R-DOUBLON"),
                     ("actors/structures/mediatheque-veynes.yaml", "V-MANQUANT")}


class _OnlyGap:
    """Commune lookup knowing Gap (05061) only."""

    def by_code(self, code: str) -> object | None:
        return SimpleNamespace(lat=44.56, lon=6.08) if code == "05061" else None


def _structure_problems(tmp_path: Path, text: str) -> list[str]:
    folder = tmp_path / "actors" / "structures"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "epn-gap.yml").write_text(text, encoding="utf-8")
    sources, problems = read_sources(tmp_path)
    assert problems == []
    corpus, found = build_corpus(sources, _OnlyGap())
    assert corpus.positions == {}
    return [f"{p.location.line} {p.code}" for p in found]


def test_communes_of_an_invalid_structure_are_checked(tmp_path: Path) -> None:
    text = ("# nom\ncommune: Gap\ncode_postal: 05000\ncode_insee: 05999\ndate_maj: 2024-01-02\n"
            "zone_intervention: [05061, 05998]\n")
    assert _structure_problems(tmp_path, text) == ["2 V-MANQUANT", "4 G-COMMUNE", "6 G-COMMUNE"]


def test_no_commune_looked_up_for_broken_coordinates(tmp_path: Path) -> None:
    text = "# nom\ncommune: Gap\ncode_postal: 05000\ncode_insee: 05999\ndate_maj: 2024-01-02\nlatitude: nord\n"
    assert _structure_problems(tmp_path, text) == ["2 V-MANQUANT", "6 V-NOMBRE"]
