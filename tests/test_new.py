"""`python -m generator new`: commented skeletons that the strict loader reads back."""

from __future__ import annotations

from pathlib import Path

from generator.cli.main import main
from generator.config import load_settings
from generator.pipeline import load


def test_new_creates_each_kind_and_never_overwrites(tmp_path: Path, capsys) -> None:
    root = str(tmp_path)
    assert main(["new", "structure", "Médiathèque de Veynes", "--commune", "Veynes", "--code-postal", "05400",
                 "--root", root]) == 0
    assert main(["new", "personne", "Alex Martin", "--structure", "mediatheque-de-veynes", "--root", root]) == 0
    assert main(["new", "reunion", "Webinaire « IA » : premiers pas", "--date", "2027-01-12", "--root", root]) == 0
    assert main(["new", "action", "Former les secrétaires de mairie", "--root", root]) == 0
    created = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert created == [
        "actions/former-les-secretaires-de-mairie.md",
        "actors/people/alex-martin.yml",
        "actors/structures/mediatheque-de-veynes.yml",
        "meetings/2027-01-12-webinaire-ia-premiers-pas.md",
    ]
    before = (tmp_path / "actors/people/alex-martin.yml").read_text(encoding="utf-8")
    assert main(["new", "personne", "Alex Martin", "--root", root]) == 1
    assert (tmp_path / "actors/people/alex-martin.yml").read_text(encoding="utf-8") == before
    assert "existe déjà" in capsys.readouterr().out

    loaded = load(tmp_path, load_settings(tmp_path), with_geo=False)
    # Only the action lacks what a human must decide (thématiques, porteurs); the rest is valid as created.
    assert {p.location.path for p in loaded.problems} == {"actions/former-les-secretaires-de-mairie.md"}
    assert {p.code for p in loaded.problems} == {"V-LISTE-VIDE"}
    person = loaded.corpus.people["alex-martin"].model
    assert person.published is False  # consent is never assumed
    assert loaded.corpus.meetings["2027-01-12-webinaire-ia-premiers-pas"].model.titre == "Webinaire « IA » : premiers pas"
