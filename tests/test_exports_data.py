"""Open-data exports: national standard (schema + frictionless), goldens, iCal, RSS, JSON Schemas."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from golden_files import Goldens

from generator.config import load_settings
from generator.models import standard
from generator.pipeline import load
from generator.site.exports import mednum, tableschema
from generator.site.exports.producer import data_files, produce

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "export"
OFFICIAL_DIR = ROOT.parent / "shared" / "standards" / "lieux-mediation-numerique"
DEFECT_FIELD = "formations_labels"
DEFECT_BAD, DEFECT_GOOD = r"Étapes numériques\(La Poste\)", r"Étapes numériques \(La Poste\)"


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1719014400")  # 2024-06-22


def fixture_files() -> dict[str, str | bytes]:
    settings = load_settings(FIXTURE)
    loaded = load(FIXTURE, settings, with_geo=False)
    assert loaded.problems == []
    return data_files(loaded.corpus, settings)


@pytest.fixture(scope="module")
def official() -> dict:
    path = OFFICIAL_DIR / "schema.json"
    if not path.is_file():
        pytest.skip(f"schéma officiel absent ({path}) : test de conformité sauté")
    return json.loads(path.read_text(encoding="utf-8"))


def enum_values(pattern: str) -> list[str]:
    inner = re.fullmatch(r"\(\?:\(\?:\^\|\\\|\)\((.*)\)\)\+\$", pattern)
    assert inner, pattern
    return [v.replace(r"\(", "(").replace(r"\)", ")") for v in inner.group(1).split("|")]


def test_table_schema_matches_official_field_by_field(official: dict) -> None:
    ours = tableschema.table_schema(load_settings(FIXTURE))
    assert [f["name"] for f in ours["fields"]] == [f["name"] for f in official["fields"]]
    assert ours["primaryKey"] == official["primaryKey"] == "id"
    for mine, theirs in zip(ours["fields"], official["fields"], strict=True):
        name = mine["name"]
        assert mine["type"] == theirs["type"], name
        assert mine["constraints"]["required"] == theirs.get("constraints", {}).get("required", False), name
        assert mine["constraints"].get("unique") == theirs["constraints"].get("unique"), name
        assert mine["constraints"].get("maxLength") == theirs["constraints"].get("maxLength"), name
        their_pattern = theirs.get("constraints", {}).get("pattern")
        my_pattern = mine["constraints"].get("pattern")
        assert (my_pattern is None) == (their_pattern is None), name
        if their_pattern and their_pattern.startswith("(?:"):
            expected = enum_values(their_pattern)
            if name == DEFECT_FIELD:
                expected = [v.replace("Étapes numériques(La Poste)", "Étapes numériques (La Poste)") for v in expected]
            assert enum_values(my_pattern) == expected, name
        elif their_pattern:  # our patterns may be stricter, never looser
            samples = ["00000000000000", "12345678900012", "W071234567", "05400", "07000", "2A004", "05179",
                       "+33492000000", "+262692000000", "123456789", "ABCDEFGHI", "99999", "00000", "+3301"]
            for sample in samples:
                if re.search(my_pattern, sample):
                    assert re.search(their_pattern, sample), (name, sample)


def patched_official(official: dict) -> dict:
    patched = copy.deepcopy(official)
    for field in patched["fields"]:
        if field["name"] == DEFECT_FIELD:
            assert DEFECT_BAD in field["constraints"]["pattern"]
            field["constraints"]["pattern"] = field["constraints"]["pattern"].replace(DEFECT_BAD, DEFECT_GOOD)
    return patched


def _frictionless_errors(csv_text: str, schema: dict, tmp_path: Path) -> list[str]:
    from frictionless import Resource, Schema
    from frictionless.formats import CsvControl

    path = tmp_path / "lieux.csv"
    path.write_text(csv_text, encoding="utf-8")
    descriptor = {k: v for k, v in schema.items() if k in ("fields", "primaryKey", "missingValues")}
    resource = Resource(path=path.name, basepath=str(tmp_path), schema=Schema.from_descriptor(descriptor),
                        control=CsvControl(delimiter=","))  # our format, not sniffed (a tab in a cell)
    report = resource.validate()
    return [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors] + \
           [e.message for e in report.errors]


def test_csv_is_valid_against_patched_official_schema(official: dict, tmp_path: Path) -> None:
    text = str(fixture_files()["lieux-mediation-numerique.csv"])
    assert _frictionless_errors(text, patched_official(official), tmp_path) == []
    # the patch is needed (our fixture uses « Étapes numériques (La Poste) ») and it is the only one:
    errors = _frictionless_errors(text, official, tmp_path)
    assert errors and all("formations_labels" in e for e in errors), errors
    diff = [f["name"] for f, g in zip(official["fields"], patched_official(official)["fields"], strict=True) if f != g]
    assert diff == [DEFECT_FIELD]


def test_official_example_reads_back_through_our_columns(official: dict) -> None:
    with open(OFFICIAL_DIR / "exemple-valide.csv", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert tuple(header) == standard.COLUMN_NAMES


def test_csv_and_json_rules() -> None:
    files = fixture_files()
    rows = list(csv.DictReader(io.StringIO(str(files["lieux-mediation-numerique.csv"]))))
    by_id = {r["id"]: r for r in rows}
    veynes, privas = by_id["essai-veynes"], by_id["point-numerique-privas"]
    assert veynes["telephone"] == "+33492000000"
    assert veynes["courriels"] == "contact@example.org|mediatheque@example.org"
    assert veynes["source"] == "Réseau d'essai" and veynes["date_maj"] == "2024-06-21"
    assert privas["pivot"] == standard.PIVOT_PLACEHOLDER and privas["latitude"] == ""
    items = json.loads(files["lieux-mediation-numerique.json"])
    first = next(i for i in items if i["id"] == "essai-veynes")
    assert first["latitude"] == 44.5335 and isinstance(first["longitude"], float)
    assert "latitude" not in next(i for i in items if i["id"] == "point-numerique-privas")
    assert standard.truncate("x" * 300) == "x" * 277 + "..." and len(standard.truncate("x" * 300)) == 280
    assert mednum.recommended_name(load_settings(FIXTURE), "2024-06-22") == \
        "2024-06-22_12345678900012_lieux-de-mediation-numerique_Essai.csv"


def test_exports_are_deterministic_and_match_goldens(goldens: Goldens) -> None:
    settings = load_settings(FIXTURE)
    loaded = load(FIXTURE, settings, with_geo=False)
    first = produce(loaded.corpus, settings, None)
    second = produce(load(FIXTURE, settings, with_geo=False).corpus, settings, None)
    assert {k: v.content for k, v in first.items()} == {k: v.content for k, v in second.items()}
    names = ["lieux-mediation-numerique.csv", "lieux-mediation-numerique.json", "lieux.geojson", "reunions.ics",
             "comptes-rendus.xml", "actions.csv", "schema-lieux.json", "index.md"]
    goldens.check_tree("exports", {name: first[f"donnees/{name}"].content for name in names})


def test_icalendar_feed() -> None:
    from icalendar import Calendar

    cal = Calendar.from_ical(fixture_files()["reunions.ics"])
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"{s}@essai.example.org" for s in
                           ("2024-06-21-rencontre", "2024-09-10-visio", "2025-01-15-annulee", "2027-03-01-prevue")}
    timed = events["2024-06-21-rencontre@essai.example.org"]
    assert timed["dtstart"].dt.hour == 9 and str(timed["dtstart"].dt.tzinfo) == "Europe/Paris"
    assert timed["status"] == "CONFIRMED" and "Médiathèque de Veynes" in str(timed["location"])
    assert str(timed["url"]) == "https://essai.example.org/comptes-rendus/2024-06-21-rencontre/"
    allday = events["2024-09-10-visio@essai.example.org"]
    assert not hasattr(allday["dtstart"].dt, "hour")
    assert events["2025-01-15-annulee@essai.example.org"]["status"] == "CANCELLED"
    assert events["2027-03-01-prevue@essai.example.org"]["status"] == "TENTATIVE"
    assert all(e["dtstamp"].dt.isoformat() == "2024-06-22T00:00:00+00:00" for e in events.values())
    assert len(cal.walk("VTIMEZONE")) == 1


def test_rss_feed_lists_held_meetings_newest_first() -> None:
    tree = ET.fromstring(fixture_files()["comptes-rendus.xml"])
    channel = tree.find("channel")
    assert channel is not None
    assert channel.findtext("lastBuildDate") == "Sat, 22 Jun 2024 00:00:00 +0000"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Visio de rentrée", "Rencontre des médiateurs"]
    assert items[1].findtext("description") == "Premier paragraphe du compte-rendu, avec un lien."


def test_actions_csv_has_french_headers() -> None:
    rows = list(csv.reader(io.StringIO(str(fixture_files()["actions.csv"]))))
    assert rows[0][:3] == ["identifiant", "titre", "statut"]
    assert rows[1][2] == "En cours" and rows[1][4] == "Médiathèque de Veynes, « intercommunale »"


def test_json_schemas_accept_demo_files(repo_root: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from generator.load.sources import read_sources
    from generator.site.exports.jsonschemas import json_schema

    settings = load_settings(repo_root)
    kinds = {"structure": "structure", "person": "personne", "meeting": "reunion", "action": "action",
             "competences": "competences", "thematiques": "thematiques", "reseaux": "reseaux", "themes": "themes"}
    validators = {k: jsonschema.Draft202012Validator(json_schema(v, settings)) for k, v in kinds.items()}
    sources, _problems = read_sources(repo_root)
    assert len(sources) > 10
    for source in sources:
        errors = [e.message for e in validators[source.kind].iter_errors(source.doc.data)]
        assert errors == [], (source.path, errors)
    bad = {"nom": "X", "commune": "Y", "code_postal": "07000", "adresse": "Z", "date_maj": "2024-01-01",
           "services": ["Service inventé"]}
    assert list(validators["structure"].iter_errors(bad))


def test_site_has_data_page(built_site: Path) -> None:
    page = (built_site / "donnees" / "index.html").read_text(encoding="utf-8")
    assert "lieux-mediation-numerique.csv" in page and "data.gouv.fr" in page
    for name in ("lieux-mediation-numerique.csv", "lieux.geojson", "reunions.ics", "comptes-rendus.xml",
                 "schemas/structure.schema.json"):
        assert (built_site / "donnees" / name).is_file(), name


def test_demo_export_is_valid_against_patched_official_schema(built_site: Path, official: dict,
                                                               tmp_path: Path) -> None:
    text = (built_site / "donnees" / "lieux-mediation-numerique.csv").read_text(encoding="utf-8")
    # every demo structure with an address (the standard requires one: the others stay out)
    with_address = [p for p in (ROOT / "actors" / "structures").glob("*.yml")
                    if re.search(r"^adresse: ", p.read_text(encoding="utf-8"), re.MULTILINE)]
    assert len(with_address) >= 5 and len(list(csv.reader(io.StringIO(text)))) == len(with_address) + 1
    assert _frictionless_errors(text, patched_official(official), tmp_path) == []


def test_without_source_date_epoch_the_date_comes_from_content(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.rules.build_date import build_date

    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    corpus = load(FIXTURE, load_settings(FIXTURE), with_geo=False).corpus
    assert build_date(corpus).isoformat() == "2024-09-10"  # latest held meeting
    assert build_date().isoformat() == "1970-01-01"


def test_actions_csv_neutralises_spreadsheet_formulas() -> None:
    from generator.site.exports.common import formula_safe as _cell

    assert _cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert _cell("@SUM(A1)") == "'@SUM(A1)" and _cell("+33") == "'+33"
    assert _cell("Former les secrétaires de mairie") == "Former les secrétaires de mairie"


def test_rss_description_never_carries_markup(tmp_path: Path) -> None:
    from html.parser import HTMLParser

    from generator.site.exports.rss import to_rss

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)

    import shutil
    root = tmp_path / "depot"
    shutil.copytree(FIXTURE, root)
    minute = root / "meetings" / "2024-06-21-rencontre.md"
    text = minute.read_text(encoding="utf-8")
    minute.write_text(text.replace("Premier paragraphe du **compte-rendu**, avec un [lien](https://example.org).",
                                   "Essai `<img src=x onerror=alert(1)>` et `<script>alert(2)</script>` & fin."),
                      encoding="utf-8")
    settings = load_settings(root)
    loaded = load(root, settings, with_geo=False)
    assert loaded.problems == []
    items = ET.fromstring(to_rss(loaded.corpus, settings)).find("channel").findall("item")  # type: ignore[union-attr]
    description = items[1].findtext("description")
    assert description == ("Essai &lt;img src=x onerror=alert(1)&gt; et &lt;script&gt;alert(2)&lt;/script&gt; "
                           "&amp; fin.")
    reader = Tags()
    reader.feed(description)  # what a feed reader rendering the description as HTML sees
    assert reader.tags == []


FORMULAS = ("=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx")
FREE_TEXT = tuple(c for c in standard.COLUMNS if c.kind in ("text", "list") and not c.pattern and not c.values)


def _with_formula(payload: str) -> list[dict]:
    settings = load_settings(FIXTURE)
    rows = mednum.lieux(load(FIXTURE, settings, with_geo=False).corpus, settings)
    rows[0].update({c.name: payload for c in FREE_TEXT})
    rows[0]["presentation_resume"] = payload + "x" * (standard.RESUME_MAX - len(payload))
    return rows


def test_free_text_columns_are_the_unpatterned_ones() -> None:
    names = {c.name for c in FREE_TEXT}
    assert {"nom", "commune", "adresse", "complement_adresse", "horaires", "presentation_resume",
            "presentation_detail", "source", "structure_parente", "autres_formations_labels"} <= names
    assert not names & {"telephone", "pivot", "code_postal", "code_insee", "services", "date_maj"}


@pytest.mark.parametrize("payload", FORMULAS)
def test_national_csv_neutralises_formulas_and_stays_valid(payload: str, official: dict, tmp_path: Path) -> None:
    rows = _with_formula(payload)
    text = mednum.to_csv(rows)
    first = next(csv.DictReader(io.StringIO(text, newline="")))
    for column in FREE_TEXT:
        cell = first[column.name]
        assert cell.startswith("'" + payload), (column.name, cell)
    assert len(first["presentation_resume"]) == standard.RESUME_MAX
    assert first["telephone"] == rows[0]["telephone"] and first["telephone"].startswith("+33")
    assert _frictionless_errors(text, patched_official(official), tmp_path) == []
    item = json.loads(mednum.to_json(rows))[0]
    assert item["nom"] == payload and item["presentation_resume"].startswith(payload)


def test_national_csv_leaves_ordinary_text_and_phones_alone() -> None:
    rows = _with_formula("Médiathèque")
    first = next(csv.DictReader(io.StringIO(mednum.to_csv(rows), newline="")))
    assert first["nom"] == "Médiathèque" and first["telephone"].startswith("+33")
