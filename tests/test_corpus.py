"""Corpus building on the valid mini tree tests/corpus/good/mini: backlinks, series, consent, positions."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.load.corpus import Corpus, build_corpus
from generator.load.sources import read_sources

MINI = Path(__file__).resolve().parent / "corpus" / "good" / "mini"


@dataclass(frozen=True)
class FakeCommune:
    lat: float
    lon: float


class FakeCommunes:
    """Only Gap is known: enough to see approximate positions and G-COMMUNE problems."""

    def by_code(self, code: str) -> FakeCommune | None:
        return FakeCommune(44.56, 6.08) if code == "05061" else None


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    sources, problems = read_sources(MINI)
    assert problems == []
    built, found = build_corpus(sources)
    assert found == [], [p.format() for p in found]
    return built


def test_records_and_vocabularies(corpus: Corpus) -> None:
    assert sorted(corpus.structures) == ["ccas-manosque", "epn-gap", "mediatheque-veynes"]
    assert sorted(corpus.people) == ["camille", "dominique", "sacha"]
    assert sorted(corpus.meetings) == ["2024-01-15-comite", "2024-02-01-atelier", "2024-03-10-comite",
                                       "2024-06-21-comite"]
    assert sorted(corpus.actions) == ["cartographier", "former-les-benevoles"]
    assert list(corpus.competences) == ["diagnostic-numerique", "navigation-internet", "courrier-electronique"]
    assert list(corpus.thematiques) == ["inclusion-numerique", "mediation-numerique"]
    assert list(corpus.reseaux) == ["mednum-alpes-durance"]
    record = corpus.structures["mediatheque-veynes"]
    assert record.path == "actors/structures/mediatheque-veynes.yml"
    assert str(record.locate("code_postal")) == "actors/structures/mediatheque-veynes.yml:4:14"
    assert record.model.telephone == "+33492000000"


def test_empty_optional_fields_are_none(corpus: Corpus) -> None:
    ccas = corpus.structures["ccas-manosque"].model
    assert ccas.presentation_resume is None and ccas.complement_adresse is None
    assert ccas.latitude is None and ccas.longitude is None and ccas.telephone is None


def test_meeting_body_and_position(corpus: Corpus) -> None:
    record = corpus.meetings["2024-01-15-comite"]
    assert record.body.startswith("## Ordre du jour")
    assert record.body_line == 14
    assert str(record.locate("serie")) == "meetings/2024-01-15-comite.md:9:8"


def test_people_of(corpus: Corpus) -> None:
    assert dict(corpus.people_of) == {"mediatheque-veynes": ["camille", "dominique"], "epn-gap": ["dominique", "sacha"]}


def test_meetings_of_structures_and_people(corpus: Corpus) -> None:
    assert dict(corpus.meetings_of) == {
        "camille": ["2024-01-15-comite"],  # animation + participants: counted once
        "mediatheque-veynes": ["2024-01-15-comite"],
        "epn-gap": ["2024-01-15-comite", "2024-03-10-comite"],
        "dominique": ["2024-02-01-atelier"],
    }


def test_actions_of(corpus: Corpus) -> None:
    assert dict(corpus.actions_of) == {
        "mediatheque-veynes": [("cartographier", "partenaire"), ("former-les-benevoles", "porteur")],
        "epn-gap": [("cartographier", "porteur"), ("former-les-benevoles", "partenaire")],
        "ccas-manosque": [("cartographier", "partenaire")],
    }


def test_actions_from_both_directions_without_duplicates(corpus: Corpus) -> None:
    # 2024-03-10 lists the action and the action cites the meeting: one entry only
    assert dict(corpus.actions_from) == {"2024-03-10-comite": ["former-les-benevoles"],
                                         "2024-01-15-comite": ["former-les-benevoles"]}


def test_holders_and_seekers(corpus: Corpus) -> None:
    assert dict(corpus.holders) == {"diagnostic-numerique": ["camille", "dominique"], "navigation-internet": ["dominique"]}
    assert dict(corpus.seekers) == {"navigation-internet": ["camille"], "diagnostic-numerique": ["sacha"]}


def test_published_people_only_with_consent(corpus: Corpus) -> None:
    assert list(corpus.published_people()) == ["camille"]
    assert corpus.people["sacha"].model.published is False
    assert corpus.people["dominique"].model.published is False


def test_meetings_by_date(corpus: Corpus) -> None:
    assert [r.slug for r in corpus.meetings_by_date()] == ["2024-01-15-comite", "2024-02-01-atelier",
                                                           "2024-03-10-comite", "2024-06-21-comite"]


@pytest.mark.parametrize(("slug", "expected"), [
    ("2024-01-15-comite", (None, "2024-03-10-comite")),
    ("2024-03-10-comite", ("2024-01-15-comite", "2024-06-21-comite")),
    ("2024-06-21-comite", ("2024-03-10-comite", None)),
    ("2024-02-01-atelier", (None, None)),
])
def test_series_neighbours(corpus: Corpus, slug: str, expected: tuple[str | None, str | None]) -> None:
    assert corpus.series_neighbours(slug) == expected


def test_positions_without_communes(corpus: Corpus) -> None:
    assert list(corpus.positions) == ["mediatheque-veynes"]
    position = corpus.positions["mediatheque-veynes"]
    assert (position.lat, position.lon, position.approximate) == (44.5339, 5.8231, False)


def test_positions_with_communes() -> None:
    sources, _ = read_sources(MINI)
    built, problems = build_corpus(sources, FakeCommunes())
    assert built.positions["epn-gap"].approximate is True
    assert (built.positions["epn-gap"].lat, built.positions["epn-gap"].lon) == (44.56, 6.08)
    assert built.positions["mediatheque-veynes"].approximate is False
    assert "ccas-manosque" not in built.positions
    assert [p.format() for p in problems] == [
        "actors/structures/ccas-manosque.yml:5:13: [G-COMMUNE] commune introuvable dans les départements configurés "
        "(04112) — vérifiez le code INSEE, ou indiquez latitude et longitude",
        "actors/structures/epn-gap.yml:7:28: [G-COMMUNE] code INSEE « 05999 » inconnu dans les départements configurés "
        "— vérifiez le code (5 caractères, par exemple 05179)",
    ]


def test_sources_are_sorted_and_ignore_readme_and_dotfiles() -> None:
    sources, problems = read_sources(MINI)
    assert problems == []
    paths = [s.path for s in sources]
    assert paths[:3] == ["actions/thematiques.yml", "actors/competences.yml", "actors/reseaux.yml"]
    assert "actors/structures/README.md" not in paths
    structures = [p for p in paths if p.startswith("actors/structures/")]
    assert structures == sorted(structures)


def test_build_is_deterministic(tmp_path: Path) -> None:
    copy = tmp_path / "mini"
    shutil.copytree(MINI, copy)
    first, _ = build_corpus(read_sources(MINI)[0])
    second, _ = build_corpus(read_sources(copy)[0])
    for name in ("people_of", "meetings_of", "actions_of", "actions_from", "holders", "seekers"):
        assert dict(getattr(first, name)) == dict(getattr(second, name))


def test_one_bad_file_does_not_hide_the_others(tmp_path: Path) -> None:
    copy = tmp_path / "mini"
    shutil.copytree(MINI, copy)
    (copy / "actors/structures/epn-gap.yml").write_text("nom: [\n", encoding="utf-8")
    (copy / "actors/people/dominique.yml").write_text("nom: D.\nstructures: [epn-gap]\nage: 40\n", encoding="utf-8")
    sources, problems = read_sources(copy)
    built, found = build_corpus(sources)
    codes = sorted({p.code for p in problems + found})
    assert codes == ["R-INCONNU", "V-INCONNU", "Y-SYNTAXE"]
    assert "mediatheque-veynes" in built.structures and "epn-gap" not in built.structures
    # dominique.yml exists but is invalid: its own error suffices, no « aucune personne » elsewhere
    assert not [p for p in found if "« dominique »" in p.message]
    # epn-gap.yml could not even be read: build_corpus alone does not know it exists… (dominique.yml,
    # invalid, still has its references checked)
    refs = [p for p in found if p.code == "R-INCONNU"]
    assert {p.location.path for p in refs} == {"actors/people/sacha.yml", "actors/people/dominique.yml",
                                               "actions/cartographier.md",
                                               "actions/former-les-benevoles.md", "meetings/2024-01-15-comite.md",
                                               "meetings/2024-03-10-comite.md"}
    # …the pipeline passes the unreadable (kind, slug), and those references are then not repeated
    _built, again = build_corpus(sources, unreadable={("structure", "epn-gap")})
    assert [p for p in again if p.code == "R-INCONNU"] == []
    # an unreadable person of that slug: only the meetings (whose attendees may be people) are silent
    _built, other = build_corpus(sources, unreadable={("person", "epn-gap")})
    assert {p.location.path for p in other if p.code == "R-INCONNU"} == {
        "actors/people/sacha.yml", "actors/people/dominique.yml", "actions/cartographier.md",
        "actions/former-les-benevoles.md"}


def test_invalid_structure_named_like_a_vocabulary_hides_no_reference(tmp_path: Path) -> None:
    """actors/structures/competences.yml, unreadable, must not silence unknown competences elsewhere."""
    from generator.config import Settings
    from generator.pipeline import load

    copy = tmp_path / "mini"
    shutil.copytree(MINI, copy)
    (copy / "actors/structures/competences.yml").write_text("nom: [\n", encoding="utf-8")
    (copy / "actors/people/sacha.yml").write_text(
        "nom: Sacha M.\nfictif: true\nstructures: epn-gap\nappetences: [soudure]\n", encoding="utf-8")
    problems = load(copy, Settings(root=copy), with_geo=False).problems
    assert [p.format() for p in problems if p.code == "R-INCONNU"] == [
        "actors/people/sacha.yml:4:14: [R-INCONNU] « soudure » ne correspond à aucune compétence "
        "(actors/competences.yml) — vérifiez l'identifiant, ou ajoutez-le à actors/competences.yml"]
    assert [p.code for p in problems if p.location.path == "actors/structures/competences.yml"] == ["Y-SYNTAXE"]


def test_unreadable_record_still_silences_references_to_itself_only(tmp_path: Path) -> None:
    """An unreadable person: a meeting naming her is not reported again; a « structures: » naming
    her is (a person is not a structure)."""
    from generator.config import Settings
    from generator.pipeline import load

    copy = tmp_path / "mini"
    shutil.copytree(MINI, copy)
    (copy / "actors/people/alex.yml").write_text("nom: [\n", encoding="utf-8")
    (copy / "actors/people/sacha.yml").write_text(
        "nom: Sacha M.\nfictif: true\nstructures: [epn-gap, alex]\n", encoding="utf-8")
    meeting = copy / "meetings/2024-01-15-comite.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("animation: [camille]", "animation: [camille, alex]"),
                       encoding="utf-8")
    problems = load(copy, Settings(root=copy), with_geo=False).problems
    assert [p.format() for p in problems if p.code == "R-INCONNU"] == [
        "actors/people/sacha.yml:3:23: [R-INCONNU] « alex » ne correspond à aucune structure "
        "(actors/structures/) — vérifiez l'identifiant (nom du fichier sans extension)"]
    assert {p.location.path for p in problems} == {"actors/people/alex.yml", "actors/people/sacha.yml"}


@pytest.mark.parametrize(("rel", "broken"), [("actors/competences.yml", "competences:\n  - id: x\n"),
                                             ("actors/reseaux.yml", "reseaux: [\n"),
                                             ("actions/thematiques.yml", "thematiques:\n\t- x\n")])
def test_broken_vocabulary_file_is_reported_once(tmp_path: Path, rel: str, broken: str) -> None:
    from generator.config import Settings
    from generator.pipeline import load

    copy = tmp_path / "mini"
    shutil.copytree(MINI, copy)
    (copy / rel).write_text(broken, encoding="utf-8")
    problems = load(copy, Settings(root=copy), with_geo=False).problems
    assert problems
    assert {p.location.path for p in problems} == {rel}, [p.format() for p in problems]


def test_release_positions_keeps_the_data() -> None:
    sources, _ = read_sources(MINI)
    built, _ = build_corpus(sources)
    record = next(iter(built.structures.values()))
    data, model = dict(record.doc.data), record.model
    assert record.doc.values and record.locate("adresse").line == 2
    built.release_positions()
    assert record.doc.values == {} and record.doc.keys == {} and record.doc.blocks == set()
    assert record.doc.data == data and record.model == model  # what pages and the serve memo read
    assert record.locate("nom").path == record.path  # still a location: the file, without a line
