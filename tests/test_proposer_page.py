"""The « Proposer » page without a browser: the form covers every model field, nothing unpublished
is shipped, no inline script and no ``eval``, the forge links of each forge, the ``contribution``
options, and the ajv validators agree with ``check`` on the demo records (run through Node)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.config import Settings, load_settings
from generator.config.options import validate_options
from generator.errors import Location
from generator.load.yaml_strict import parse_text
from generator.models import Person, Structure, vocab
from generator.pipeline import load
from generator.site.inline_scripts import executable_inline_scripts
from generator.site.pages import propose as proposer
from generator.site.pages.propose_forge import branch, forge_kind, forge_links
from generator.site.pages.propose_form import AUTO, GROUPS, MODELS
from generator.site.producers import PRODUCERS, Output

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MINI = HERE / "fixtures" / "mini"
SECRET = ("Zéphyrin", "Secretnom", "zephyrin-secret", "Bénévole discret")
NODE = shutil.which("node")


@pytest.fixture(scope="module")
def outputs() -> dict[str, Output]:
    if NODE is None:
        pytest.skip("node absent : validateurs ajv non compilés")
    settings = load_settings(MINI)
    loaded = load(MINI, settings)
    return proposer.produce(loaded.corpus, settings.model_copy(update={"root": ROOT}), loaded.communes)


def text(outputs: dict[str, Output], path: str) -> str:
    content = outputs[path].content
    assert isinstance(content, str)
    return content


def test_registered_and_every_model_field_has_a_place() -> None:
    assert "generator.site.pages.propose:produce" in PRODUCERS
    for kind, model in MODELS.items():
        placed = [name for _title, names in GROUPS[kind] for name in names] + list(AUTO[kind])
        assert sorted(placed) == sorted(model.model_fields), kind


def test_page_has_no_inline_script_and_marks_required_fields(outputs: dict[str, Output]) -> None:
    page = text(outputs, "proposer/index.md")
    assert executable_inline_scripts(page) == []
    assert not re.search(r'src="(?:https?:)?//', page)
    for name in ("nom", "commune", "code_postal"):
        field = re.search(rf'<label for="s-{name}">[^<]*<span class="proposer-obligatoire">\(obligatoire\)</span>', page)
        assert field, name
    # an unknown street is left out rather than replaced by « Adresse à compléter »
    assert not re.search(r'<label for="s-adresse">[^<]*<span class="proposer-obligatoire">', page)
    for service in vocab.SERVICES:
        assert f'name="services" value="{service}"' in page.replace("&#39;", "'")
    assert 'value="BIB"> Bibliothèque, médiathèque (BIB)' in page


def test_nothing_unpublished_is_shipped(outputs: dict[str, Output]) -> None:
    data = json.loads(text(outputs, proposer.DATA_PATH))
    assert "lea-martin" in data["fiches"]["personne"]
    assert "zephyrin-secret" not in data["fiches"]["personne"]
    for path, output in outputs.items():
        content = output.content if isinstance(output.content, str) else output.content.decode()
        assert not any(secret in content for secret in SECRET), path


def test_validators_need_no_eval(outputs: dict[str, Output]) -> None:
    module = text(outputs, "assets/proposer-validateurs.js")
    assert "new Function" not in module and "eval(" not in module
    assert "window.ProposerValidateurs = exports" in module


RUN = """
global.window = {};
require(process.argv[1]);
const records = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(records.map(([kind, data]) => {
  const validate = window.ProposerValidateurs[kind];
  return validate(data) ? [] : validate.errors.map((e) => e.keyword + " " + e.instancePath);
})));
"""


def run_validators(module: str, records: list[tuple[str, Any]], tmp_path: Path) -> list[list[str]]:
    assert NODE is not None
    script = tmp_path / "validateurs.js"
    script.write_text(module, encoding="utf-8")
    done = subprocess.run([NODE, "-e", RUN, str(script)], input=json.dumps(records), capture_output=True,
                          text=True, check=True, timeout=60)
    result: list[list[str]] = json.loads(done.stdout)
    return result


def test_validators_accept_what_check_accepts_and_refuse_its_mistakes(outputs: dict[str, Output], tmp_path: Path) -> None:
    records: list[tuple[str, Any]] = []
    for kind, folder in (("structure", "actors/structures"), ("personne", "actors/people")):
        for path in sorted((ROOT / folder).glob("*.yml")):
            data = parse_text(path.read_text(encoding="utf-8"), path.name).data
            # the form writes lists as lists: a lone text is written « [x] » by the form
            records.append((kind, {k: [v] if isinstance(v, str) and k in _lists(kind) else v for k, v in data.items()}))
    assert all(errors == [] for errors in run_validators(text(outputs, "assets/proposer-validateurs.js"), records, tmp_path))
    bad = [("structure", {"nom": "x", "commune": "Gap", "code_postal": "5000", "adresse": "1 rue", "date_maj": "2025-02-30x",
                          "services": ["Aide aux démarches administrative"], "inconnu": "x"}),
           ("personne", {"nom": "x", "structures": [], "publication": {"consentie": "oui"}})]
    assert run_validators(text(outputs, "assets/proposer-validateurs.js"), bad, tmp_path) == [
        ["additionalProperties ", "pattern /code_postal", "pattern /date_maj", "enum /services/0"],
        ["enum /publication/consentie", "minItems /structures"],
    ]


def _lists(kind: str) -> set[str]:
    model = Structure if kind == "structure" else Person
    schema = model.model_json_schema()
    return {name for name, prop in schema["properties"].items() if prop.get("type") == "array"}


def settings(repo_url: str, edit_uri: str = "", **contribution: str) -> Settings:
    options, problems = validate_options({"contribution": contribution} if contribution else {}, lambda loc, key: Location("mkdocs.yml"))
    assert problems == []
    return Settings(root=ROOT, repo_url=repo_url, edit_uri=edit_uri, **{**options.model_dump()})


@pytest.mark.parametrize(("repo", "edit", "option", "kind"), [
    ("https://github.com/reseau/site", "", "", "github"),
    ("https://gitlab.com/reseau/site", "", "", "gitlab"),
    ("https://forge.exemple.fr/reseau/site", "-/edit/main/", "", "gitlab"),
    ("https://codeberg.org/reseau/site", "", "", "forgejo"),
    ("https://git.exemple.fr/reseau/site", "_edit/main/", "", "forgejo"),
    ("https://forge.example.org/reseau-mednum/site", "edit/main/", "", "github"),
    ("https://forge.example.org/reseau-mednum/site", "edit/main/", "gitlab", "gitlab"),
])
def test_forge_kind(repo: str, edit: str, option: str, kind: str) -> None:
    assert forge_kind(settings(repo, edit, **({"forge": option} if option else {}))) == kind


def test_forge_link_shapes() -> None:
    folders = {"structure": "actors/structures"}
    github = forge_links(settings("https://github.com/r/s/", "edit/dev/"), folders)
    assert github is not None and branch(settings("https://github.com/r/s/", "edit/dev/")) == "dev"
    assert github["nouveau"] == {"structure": "https://github.com/r/s/new/dev/actors/structures"}
    assert github["modifier"] == "https://github.com/r/s/edit/dev/"
    assert github["ticket"] == "https://github.com/r/s/issues/new"
    assert github["parametres"] == {"nom": "filename", "contenu": "value", "titre": "title", "texte": "body"}
    gitlab = forge_links(settings("https://gitlab.com/r/s", "-/edit/main/"), folders)
    assert gitlab is not None and gitlab["nouveau"]["structure"] == "https://gitlab.com/r/s/-/new/main/actors/structures"
    assert gitlab["parametres"]["nom"] == "file_name" and gitlab["parametres"]["contenu"] == "content"
    assert gitlab["ticket"] == "https://gitlab.com/r/s/-/issues/new"
    forgejo = forge_links(settings("https://codeberg.org/r/s"), folders)
    assert forgejo is not None and forgejo["nouveau"]["structure"] == "https://codeberg.org/r/s/_new/main/actors/structures/"
    assert forgejo["modifier"] == "https://codeberg.org/r/s/_edit/main/"
    assert forge_links(settings(""), folders) is None


def test_contribution_options_are_checked_in_french() -> None:
    def problems(raw: dict[str, Any]) -> list[str]:
        return [str(p) for p in validate_options(raw, lambda loc, key: Location("mkdocs.yml"))[1]]

    assert problems({"contribution": {"forge": "gitea"}}) == [
        "mkdocs.yml:1:1: [C-VALEUR] valeur « gitea » non autorisée pour l'option « contribution.forge » — "
        "valeurs possibles : github, gitlab, forgejo"]
    assert problems({"contribution": {"courriel": "coordination"}})[0].startswith(
        "mkdocs.yml:1:1: [C-VALEUR] adresse électronique « coordination » invalide pour l'option « contribution.courriel »")
    assert "vouliez-vous dire « forge »" in problems({"contribution": {"forje": "gitlab"}})[0]
    assert problems({"contribution": "gitlab"})[0].startswith("mkdocs.yml:1:1: [C-VALEUR] l'option « contribution » attend des sous-options")


def test_coordination_address_defaults_to_contact(outputs: dict[str, Output]) -> None:
    mini = load_settings(MINI)
    data = json.loads(text(outputs, proposer.DATA_PATH))
    assert data["courriel"] == (mini.contribution.courriel or mini.contact)
