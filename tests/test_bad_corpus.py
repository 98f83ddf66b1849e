"""Bad-input corpus (tests/corpus/bad): every case fails ``check`` with golden, positioned French messages.

Each folder of ``tests/corpus/bad/`` is a minimal content tree; its expected output
(stdout then stderr of ``python -m generator check --root CASE --sans-geo``) is
``tests/golden/check/CASE.txt``. Cases named ``g-…`` are geographic warnings: they run with the
commune data and ``--strict`` (without it they exit 0, see tests/test_geo_warnings.py). ``pytest --update-goldens tests/test_bad_corpus.py``
rewrites the golden files: review every diff before committing it.

Cases that cannot be committed (symlinks, a file over 256 KiB) are built at run time
by :data:`GENERATED` on top of their (possibly empty) folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from golden_files import Goldens

from generator.cli.main import main
from generator.load.yaml_strict import MAX_BYTES

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus" / "bad"
PWNED = Path("/tmp/pwned-reseau-corpus")  # the file y07-python-object would create if tags ran
LINE = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): \[(?P<code>[A-Z]-[A-Z0-9-]+)\] .+ — .+$")


def _symlinked_file(root: Path) -> None:
    secret = root / "secret.yml"
    secret.write_text("nom: clé privée\n", encoding="utf-8")
    (root / "actors" / "structures" / "lien.yml").symlink_to(Path("..") / ".." / "secret.yml")


def _symlinked_folder(root: Path) -> None:
    private = root / "prive"
    private.mkdir()
    (private / "camille.yml").write_text("nom: Camille D.\nstructures: [mediatheque-veynes]\n", encoding="utf-8")
    (root / "actors" / "people").symlink_to(Path("..") / "prive", target_is_directory=True)


def _huge_file(root: Path) -> None:
    folder = root / "actors" / "structures"
    folder.mkdir(parents=True)
    filler = "# " + "x" * 97 + "\n"
    body = "nom: Médiathèque\n" + filler * (MAX_BYTES // len(filler) + 1)
    (folder / "enorme.yml").write_text(body, encoding="utf-8")


def _page_names(root: Path) -> None:
    """Names a browser would read as markup (not committed: invalid on some file systems)."""
    content = root / "content"
    (content / 'a"><meta http-equiv=refresh content=0;url=').mkdir(parents=True)
    (content / 'a"><meta http-equiv=refresh content=0;url=' / "x>.md").write_text("# x\n", encoding="utf-8")
    (content / 'b"><img src=x onerror=alert(1)>.md').write_text("# b\n", encoding="utf-8")
    (content / "Guide Pratique.md").write_text("# Guide\n", encoding="utf-8")
    (content / "guide.md").write_text("# Guide\n", encoding="utf-8")  # well named: accepted


GENERATED: dict[str, Callable[[Path], None]] = {
    "s-nom-page": _page_names,
    "s-lien-symbolique": _symlinked_file,
    "s-dossier-lien": _symlinked_folder,
    "y13-fichier-trop-gros": _huge_file,
}
# A few cases run as a real subprocess (the command contributors type); the rest in-process.
SUBPROCESS = {"y07-python-object", "c-options-mal-typees", "y10-latin1", "y13-imbrication", "y06-bombe-alias", "s-lien-symbolique",
              "m09-entete-guillemet"}
# Warning-only cases without geography: run with --strict so that the warnings fail.
STRICT = {"v-valeur-provisoire"}
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())

# Families of hostile data files → the cases that cover them.
SECURITY_ROWS: dict[str, tuple[str, ...]] = {
    "Y1": ("y01-code-postal-sans-zero", "y01-code-postal-entier-octal"),
    "Y2": ("y02-yaml11-statut-heure", "y02-yaml11-booleen-yes"),
    "Y3": ("y03-telephone-invalide",),
    "Y4": ("y04-date-mal-formee", "y04-date-inexistante"),
    "Y5": ("y05-cle-double-yaml", "y05-cle-double-entete"),
    "Y6": ("y06-ancre-alias", "y06-bombe-alias"),
    "Y7": ("y07-python-object", "y07-binary", "y07-etiquette-locale"),
    "Y8": ("y08-tabulation",),
    "Y10": ("y10-latin1", "y10-latin1-premiere-ligne"),
    "Y12": ("y12-bidi", "y12-espace-zero", "y12-nul", "y12-sonnerie", "y12-echappement"),
    "Y13": ("y13-fichier-trop-gros", "y13-imbrication"),
    "Y14": ("y14-fichier-vide", "y14-tirets-seuls", "y14-commentaire-seul", "y14-deux-documents"),
    "Y15": ("y15-champ-inconnu", "y15-champ-inconnu-personne"),
    "Y16": ("y16-url-dangereuse", "y16-url-reseau"),
    # Y17: there is no path field at all; extra="forbid" turns any `logo:`/`image:` into an unknown key.
    "Y17": ("y17-chemin-logo",),
    "M9": ("m09-entete-guillemet",),
    "M14": ("m-imbrication-liste", "m-imbrication-page"),  # nesting past the parser's limit
    "R1": ("s-lien-symbolique", "s-dossier-lien"),
}
# Y9 (BOM) and Y11 (CRLF) are accepted by policy: see tests/test_yamlstrict.py.


def _prepare(case: str, tmp_path: Path) -> Path:
    root = tmp_path / case
    shutil.copytree(CORPUS / case, root, symlinks=True, ignore=shutil.ignore_patterns(".gitkeep"))
    if case in GENERATED:
        GENERATED[case](root)
    return root


def _run(case: str, root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    args = ["check", "--root", str(root), *(["--strict"] if case.startswith("g-") else ["--sans-geo"]),
            *(["--strict"] if case in STRICT else [])]
    if case in SUBPROCESS:
        result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=HERE.parent,
                                capture_output=True, text=True, check=False)
        return result.returncode, result.stdout + result.stderr
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("row", sorted(SECURITY_ROWS))
def test_every_security_row_has_cases(row: str) -> None:
    missing = [case for case in SECURITY_ROWS[row] if case not in CASES]
    assert not missing, f"{row}: cases absentes {missing}"


def test_no_stale_golden(goldens: Goldens) -> None:
    goldens.check_only("check", (f"{case}.txt" for case in CASES))


@pytest.mark.parametrize("case", CASES)
def test_bad_case(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], goldens: Goldens) -> None:
    existed = PWNED.exists()
    root = _prepare(case, tmp_path)
    code, output = _run(case, root, capsys)
    assert "Traceback" not in output
    assert "Erreur interne" not in output
    assert code == 1, output
    problems = [line for line in output.splitlines()
                if line and "problème(s) dans" not in line and "refusé(s) par --strict" not in line
                and line != "Avertissements :"]
    assert problems, output
    for line in problems:
        assert LINE.match(line), f"ligne mal formée : {line!r}"
    goldens.check(f"check/{case}.txt", output)
    if not existed:
        assert not PWNED.exists(), "une étiquette YAML a exécuté du code"


def test_python_tag_never_constructs(tmp_path: Path) -> None:
    """Even a direct call of the loader on the payload builds nothing."""
    from generator.errors import ContentError
    from generator.load.yaml_strict import load_bytes

    target = tmp_path / "pwned"
    payload = f'nom: !!python/object/apply:os.system ["touch {target}"]\n'.encode()
    with pytest.raises(ContentError) as info:
        load_bytes(payload, "x.yml")
    assert info.value.problems[0].code == "Y-ETIQUETTE"
    assert not target.exists()
