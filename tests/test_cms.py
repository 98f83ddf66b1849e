"""The editor at /admin/ (Sveltia CMS): generated configuration (golden and Sveltia's own JSON
Schema), forge detection, option errors, the vendored script, the CSP exception, and what the
CMS writes read back by our strict loader."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from golden_files import Goldens

from generator.config import Settings, load_settings
from generator.config.options import CmsOptions, validate_options
from generator.errors import ContentError, Location
from generator.mkdocs.csp import CspRefusal, policy, with_csp
from generator.pipeline import load
from generator.site.cms.backend import backend
from generator.site.cms.collections import collections
from generator.site.cms.fields import FieldHints, MissingLabel, model_fields
from generator.site.cms.page import cms_config, produce, render_config
from generator.site.cms.vendor import FONTS, UPDATE_BASE, patched_script

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "node_modules" / "@sveltia" / "cms" / "schema" / "sveltia-cms.json"
ACCENTED = "Médiathèque Éloïse-Ægir d’Œuilly — 2ᵉ étage"


@pytest.fixture(scope="module")
def demo() -> tuple[Settings, object]:
    settings = load_settings(ROOT)
    loaded = load(ROOT, settings)
    assert not loaded.problems
    return settings, loaded.corpus


def _settings(repo_url: str, edit_uri: str = "edit/main/", **cms: str) -> Settings:
    return Settings(root=ROOT, repo_url=repo_url, edit_uri=edit_uri, cms=CmsOptions(**cms))  # type: ignore[arg-type]


def test_generated_configuration_matches_its_golden(demo: tuple[Settings, object], goldens: Goldens) -> None:
    settings, corpus = demo
    outputs = produce(corpus, settings, None)  # type: ignore[arg-type]
    goldens.check("cms/config.yml", str(outputs["admin/config.yml"].content))


def test_configuration_is_valid_for_sveltia(demo: tuple[Settings, object]) -> None:
    settings, corpus = demo
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for url, extra in (("https://github.com/reseau/site", {}), ("https://gitlab.com/reseau/site", {"app_id": "abc123"}),
                       ("https://codeberg.org/reseau/site", {"app_id": "abc"}), ("https://forge.example.org/r/s", {"forge": "gitlab"})):
        config = yaml.safe_load(render_config(cms_config(corpus, settings, backend(_settings(url), CmsOptions(**extra)))))  # type: ignore[arg-type]
        errors = [f"{list(e.path)} {e.message[:200]}" for e in jsonschema.Draft7Validator(schema).iter_errors(config)]
        assert not errors, errors


def test_collections_follow_the_models(demo: tuple[Settings, object]) -> None:
    corpus = demo[1]
    found = {c["name"]: c for c in collections(corpus)}  # type: ignore[arg-type]
    assert list(found) == ["structures", "personnes", "comptes-rendus", "actions", "vocabulaires"]
    assert found["structures"]["folder"] == "actors/structures" and found["structures"]["extension"] == "yml"
    assert found["comptes-rendus"]["folder"] == "meetings" and found["comptes-rendus"]["format"] == "yaml-frontmatter"
    fields = {f["name"]: f for f in found["structures"]["fields"]}
    assert fields["nom"]["required"] and not fields["code_insee"]["required"]
    assert fields["services"]["widget"] == "select" and fields["services"]["multiple"] is True
    assert {"label": "Bibliothèque, médiathèque", "value": "BIB"} in fields["typologie"]["options"]
    assert fields["date_maj"] == {"name": "date_maj", "label": "Date de mise à jour", "widget": "datetime", "type": "date",
                                  "format": "YYYY-MM-DD", "time_format": False, "required": True,
                                  "hint": "date à laquelle les informations ont été vérifiées", "default": "{{now}}"}
    assert fields["reseaux"]["widget"] == "relation" and fields["reseaux"]["value_field"] == "reseaux.*.id"
    person = {f["name"]: f for f in found["personnes"]["fields"]}
    assert person["structures"]["widget"] == "relation" and person["structures"]["min"] == 1
    assert person["fictif"]["widget"] == "boolean" and person["publication"]["widget"] == "object"
    action = {f["name"]: f for f in found["actions"]["fields"]}
    assert action["porteurs"]["collection"] == "structures" and action["body"]["widget"] == "markdown"
    assert action["statut"]["options"][0] == {"label": "Proposée", "value": "proposee"}
    meeting = {f["name"]: f for f in found["comptes-rendus"]["fields"]}
    values = {option["value"] for option in meeting["participants"]["options"]}
    assert values <= set(corpus.structures) | set(corpus.published_people())  # type: ignore[attr-defined]
    unpublished = set(corpus.people) - set(corpus.published_people())  # type: ignore[attr-defined]
    assert not values & unpublished


def test_a_field_without_french_label_stops_the_build() -> None:
    schema = {"properties": {"nom": {"type": "string"}, "nouveau": {"type": "string"}}, "required": ["nom"]}
    with pytest.raises(MissingLabel, match="nouveau"):
        model_fields(schema, FieldHints({"nom": "Nom"}))


@pytest.mark.parametrize(("url", "extra", "name", "methods"), [
    ("https://github.com/reseau/site", {}, "github", ["token"]),
    ("https://github.com/reseau/site", {"auth_url": "https://auth.exemple.org"}, "github", ["oauth", "token"]),
    ("https://gitlab.com/reseau/site", {"app_id": "abc"}, "gitlab", ["oauth", "token"]),
    ("https://codeberg.org/reseau/site", {}, "gitea", ["token"]),
    ("https://forge.example.org/reseau/site", {"forge": "forgejo", "app_id": "x1"}, "gitea", ["oauth", "token"]),
])
def test_backend_per_forge(url: str, extra: dict[str, str], name: str, methods: list[str]) -> None:
    forge = backend(_settings(url), CmsOptions(**extra))  # type: ignore[arg-type]
    assert forge.config["name"] == name and forge.config["repo"] == "reseau/site"
    assert forge.config["auth_methods"] == methods
    assert forge.workflow == (name != "gitea")
    if name == "gitlab":
        assert forge.config["auth_type"] == "pkce" and forge.connect == ("https://gitlab.com",)
    if name == "gitea":
        assert forge.config["branch"] == "contributions" and forge.config["api_root"].endswith("/api/v1")
    if extra.get("auth_url"):
        assert forge.config["base_url"] == "https://auth.exemple.org" and forge.connect == ("https://api.github.com",)


def test_backend_refusals_are_french_and_positioned() -> None:
    with pytest.raises(ContentError) as unknown:
        backend(_settings("https://forge.example.org/reseau/site"), CmsOptions())
    assert unknown.value.problems[0].code == "C-CMS" and "cms: {forge: gitlab}" in unknown.value.problems[0].format()
    with pytest.raises(ContentError) as same:
        backend(_settings("https://codeberg.org/r/s", branche="main"), CmsOptions(branche="main"))
    assert "relecture serait contournée" in same.value.problems[0].format()
    with pytest.raises(ContentError) as nothing:
        backend(Settings(root=ROOT), CmsOptions())
    assert "repo_url" in nothing.value.problems[0].format()
    forgejo_edit = backend(_settings("https://codeberg.org/r/s", "_edit/principale/"), CmsOptions(branche="main"))
    assert forgejo_edit.config["branch"] == "main"  # not the published branch « principale »


def test_cms_option_errors_are_french() -> None:
    found = []
    for raw in ({"cms": {"forge": "gitea2"}}, {"cms": {"forj": "gitlab"}}, {"cms": True}, {"cms": {"api": "ftp://x"}}):
        _options, problems = validate_options(raw, lambda loc, key: Location("mkdocs.yml"))
        assert len(problems) == 1
        found.append(problems[0].format())
    assert "valeurs possibles : github, gitlab, forgejo, gitea" in found[0]
    assert "« cms.forj » inconnue" in found[1] and "« forge »" in found[1]
    assert "attend des sous-options" in found[2] and "cms.api" in found[3]
    options, problems = validate_options({"cms": None}, lambda loc, key: Location("mkdocs.yml"))
    assert not problems and options.cms is None  # « cms: » alone: no editor


def test_the_vendored_script_calls_no_cdn() -> None:
    script = (ROOT / "node_modules" / "@sveltia" / "cms" / "dist" / "sveltia-cms.js").read_text(encoding="utf-8")
    patched = patched_script(script)
    assert "cdn.jsdelivr.net" not in patched and UPDATE_BASE[0] not in patched
    assert all(local in patched for local, _src in FONTS.values())
    with pytest.raises(ContentError, match="ne contient plus exactement une fois"):
        patched_script(script.replace(next(iter(FONTS)), "https://ailleurs.example/police.woff2"))


def test_only_the_editor_page_widens_its_csp(demo: tuple[Settings, object]) -> None:
    settings, corpus = demo
    outputs = produce(corpus, settings, None)  # type: ignore[arg-type]
    editor = outputs["admin/index.html"]
    page = with_csp(str(editor.content), editor.csp)
    directives = dict(d.strip().split(" ", 1) for d in page.split('content="')[1].split('"')[0].split(";"))
    assert directives["connect-src"] == "'self' data: https://forge.example.org"
    assert directives["img-src"].endswith("blob: https://forge.example.org")
    assert directives["script-src"] == "'self'"  # no eval, no inline script
    assert "<script>" not in str(editor.content)
    others = [output for path, output in outputs.items() if path != "admin/index.html"]
    assert all(not output.csp for output in others)
    assert "connect-src" not in policy([]) and "blob:" not in policy([])
    with pytest.raises(CspRefusal):
        policy([], extra=(("script-src", ("https://cdn.example",)),))
    with pytest.raises(CspRefusal):
        policy([], extra=(("connect-src", ("*",)),))


def test_without_cms_option_no_admin(demo: tuple[Settings, object]) -> None:
    settings, corpus = demo
    assert produce(corpus, settings.model_copy(update={"cms": None}), None) == {}  # type: ignore[arg-type]


STRUCTURE_AS_WRITTEN = f'''nom: "{ACCENTED}"
commune: "Gap"
code_postal: "05000"
code_insee: "05061"
adresse: "2 rue Carnot"
latitude: 44.5594
longitude: 6.0786
typologie:
  - "BIB"
services:
  - "Aide aux démarches administratives"
  - "Accès internet et matériel informatique"
horaires: "Mo-Fr 09:00-12:00"
reseaux:
  - "mednum-alpes-durance"
date_maj: "2026-12-04"
'''
PERSON_AS_WRITTEN = '''nom: "Camille Exemple"
fictif: true
structures:
  - "adrets"
competences:
  - "diagnostic-numerique"
publication:
  consentie: true
  date: 2026-12-04
  par: "coordination du réseau"
'''
MEETING_AS_WRITTEN = '''---
titre: "Rencontre d’automne — 2ᵉ édition"
date: 2026-11-20
statut: "tenue"
format: "visio"
nombre_participants: 12
participants:
  - "adrets"
heure_debut: "14:00"
heure_fin: "16:00"
---

## Ordre du jour

- Tour de table
'''


def test_what_the_cms_writes_passes_the_strict_loader(demo_copy: Path) -> None:
    """Double-quoted strings, bare booleans, numbers and dates, block lists: all read as text, then validated."""
    (demo_copy / "actors" / "structures" / "mediatheque-eloise-aegir-d-oeuilly-2e-etage.yml").write_text(
        STRUCTURE_AS_WRITTEN, encoding="utf-8")
    (demo_copy / "actors" / "people" / "camille-exemple.yml").write_text(PERSON_AS_WRITTEN, encoding="utf-8")
    (demo_copy / "meetings" / "2026-11-20-rencontre-d-automne-2e-edition.md").write_text(MEETING_AS_WRITTEN,
                                                                                         encoding="utf-8")
    loaded = load(demo_copy, load_settings(demo_copy))
    assert not loaded.problems, [p.format() for p in loaded.problems]
    structure = loaded.corpus.structures["mediatheque-eloise-aegir-d-oeuilly-2e-etage"].model
    assert structure.nom == ACCENTED and structure.latitude == 44.5594 and structure.code_postal == "05000"
    person = loaded.corpus.people["camille-exemple"].model
    assert person.fictif is True and person.published and str(person.publication.date) == "2026-12-04"
    meeting = loaded.corpus.meetings["2026-11-20-rencontre-d-automne-2e-edition"].model
    assert meeting.nombre_participants == 12 and meeting.titre.startswith("Rencontre d’automne")
