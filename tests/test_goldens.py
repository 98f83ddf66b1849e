"""The golden-file helper itself: a missing golden fails and says how to create it, a difference
fails with a readable diff, the switch writes (and removes what is no longer produced)."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_files import GOLDEN_ROOT, UPDATE_OPTION, Goldens, describe_difference

TEST = "tests/test_x.py::test_y[cas]"


def goldens(tmp_path: Path, *, update: bool = False) -> Goldens:
    return Goldens(tmp_path / "tests" / "golden", update=update, test=TEST)


def test_missing_golden_fails_and_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(AssertionError) as info:
        goldens(tmp_path).check("lint/nouveau.txt", "a\n")
    message = str(info.value)
    assert message.startswith("référence absente : tests/golden/lint/nouveau.txt — créez-la avec")
    assert f".venv/bin/python -m pytest {UPDATE_OPTION} 'tests/test_x.py::test_y[cas]'" in message
    assert not (tmp_path / "tests" / "golden" / "lint" / "nouveau.txt").exists()  # never created silently


def test_equal_golden_passes_and_writes_nothing(tmp_path: Path) -> None:
    helper = goldens(tmp_path, update=True)
    path = tmp_path / "tests" / "golden" / "a.txt"
    path.parent.mkdir(parents=True)
    path.write_text("même\n", encoding="utf-8")
    helper.check("a.txt", "même\n")
    helper.check("a.txt", "même\n".encode())
    assert helper.written == []


def test_mismatch_fails_with_a_unified_diff(tmp_path: Path) -> None:
    path = tmp_path / "tests" / "golden" / "page.md"
    path.parent.mkdir(parents=True)
    path.write_text("titre\nancienne ligne\nfin\n", encoding="utf-8")
    with pytest.raises(AssertionError) as info:
        goldens(tmp_path).check("page.md", "titre\nnouvelle ligne\nfin\n")
    message = str(info.value)
    assert message.startswith("tests/golden/page.md diffère de la sortie actuelle :")
    assert "--- tests/golden/page.md (référence)" in message and "+++ tests/golden/page.md (sortie actuelle)" in message
    assert "\n-ancienne ligne\n+nouvelle ligne\n" in message
    assert f"« .venv/bin/python -m pytest {UPDATE_OPTION} " in message and "git diff tests/golden/page.md" in message
    assert path.read_text(encoding="utf-8") == "titre\nancienne ligne\nfin\n"  # left alone without the switch


def test_update_writes_the_golden_and_records_it(tmp_path: Path) -> None:
    helper = goldens(tmp_path, update=True)
    helper.check("exports/a.csv", "x,y\n")
    helper.check("exports/b.bin", b"\x00\xff")
    root = tmp_path / "tests" / "golden" / "exports"
    assert (root / "a.csv").read_bytes() == b"x,y\n" and (root / "b.bin").read_bytes() == b"\x00\xff"
    assert helper.written == [root / "a.csv", root / "b.bin"]
    helper.check("exports/a.csv", "x,z\n")  # a difference is rewritten too
    assert (root / "a.csv").read_text(encoding="utf-8") == "x,z\n"


def test_tree_reports_every_problem_at_once(tmp_path: Path) -> None:
    base = tmp_path / "tests" / "golden" / "site"
    (base / "annuaire").mkdir(parents=True)
    (base / "annuaire" / "a.md").write_text("A\n", encoding="utf-8")
    (base / "vieux.md").write_text("V\n", encoding="utf-8")
    with pytest.raises(AssertionError) as info:
        goldens(tmp_path).check_tree("site", {"annuaire/a.md": "B\n", "neuf.md": "N\n"})
    message = str(info.value)
    assert "tests/golden/site/annuaire/a.md diffère" in message and "-A\n+B" in message
    assert "référence absente : tests/golden/site/neuf.md" in message
    assert "1 référence(s) de tests/golden/site/ ne sont plus produites : vieux.md" in message


def test_tree_update_writes_and_removes_stale_files(tmp_path: Path) -> None:
    base = tmp_path / "tests" / "golden" / "site"
    (base / "ancien").mkdir(parents=True)
    (base / "ancien" / "x.md").write_text("X\n", encoding="utf-8")
    helper = goldens(tmp_path, update=True)
    helper.check_tree("site", {"a/b.md": "B\n"})
    assert sorted(p.relative_to(base).as_posix() for p in base.rglob("*")) == ["a", "a/b.md"]
    assert set(helper.written) == {base / "a" / "b.md", base / "ancien" / "x.md"}
    goldens(tmp_path).check_tree("site", {"a/b.md": "B\n"})  # now in order without the switch


def test_check_only_names_stale_goldens(tmp_path: Path) -> None:
    base = tmp_path / "tests" / "golden" / "check"
    base.mkdir(parents=True)
    for name in ("a.txt", "b.txt"):
        (base / name).write_text("", encoding="utf-8")
    goldens(tmp_path).check_only("check", ["a.txt", "b.txt"])
    with pytest.raises(AssertionError, match=r"ne sont plus produites : b\.txt"):
        goldens(tmp_path).check_only("check", ["a.txt"])


def test_binary_and_invisible_differences_are_described() -> None:
    assert describe_difference("x.bin", b"\x00\x01\xff", b"\x00\x02\xff\xfe") == (
        "contenu binaire : 3 octets dans la référence, 4 produits ; premier octet différent à la position 1")
    assert describe_difference("x.txt", b"a\r\nb\r\n", b"a\nb\n") == (
        "seules les fins de ligne diffèrent (\\r\\n d'un côté, \\n de l'autre)")
    long = describe_difference("x.txt", "\n".join(map(str, range(500))).encode(), b"")
    assert long.endswith("lignes de diff de plus)") and len(long.splitlines()) == 121


def test_fixture_compares_with_tests_golden_under_the_switch(goldens: Goldens, pytestconfig: pytest.Config) -> None:
    assert goldens.root == GOLDEN_ROOT == Path(__file__).resolve().parent / "golden"
    assert goldens.update is pytestconfig.getoption(UPDATE_OPTION)
    assert goldens.test == "tests/test_goldens.py::test_fixture_compares_with_tests_golden_under_the_switch"
