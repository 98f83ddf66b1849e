"""Markdown lint at check time: the M-corpus (tests/corpus/markdown) with golden messages.

Each ``tests/corpus/markdown/CASE.md`` is linted as the body of a minutes file whose body
starts at line 5; the expected ``path:line:col: [M-…]`` lines are in
``tests/golden/lint/CASE.txt`` (``pytest --update-goldens tests/test_lint.py`` rewrites them).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_files import Goldens

from generator.config import load_settings
from generator.load.markdown_lint import link_scheme, lint_content_pages, lint_markdown
from generator.pipeline import load
from generator.rules.emails import is_personal_local_part

HERE = Path(__file__).parent
CORPUS = HERE / "corpus" / "markdown"
GOLDEN = HERE / "golden" / "lint"
CASES = sorted(p.stem for p in CORPUS.glob("*.md"))
ACCEPTED = {"m08-jinja", "m10-code"}  # K: accepted as they are


@pytest.mark.parametrize("case", CASES)
def test_markdown_corpus_golden(case: str, goldens: Goldens) -> None:
    text = (CORPUS / f"{case}.md").read_text(encoding="utf-8")
    found = "\n".join(p.format() for p in lint_markdown(text, "meetings/2024-06-21-reunion.md", 5)) + "\n"
    goldens.check(f"lint/{case}.txt", found)
    assert (found.strip() == "") == (case in ACCEPTED)


def test_no_stale_golden(goldens: Goldens) -> None:
    goldens.check_only("lint", (f"{case}.txt" for case in CASES))


def test_corpus_codes_cover_m1_to_m7_and_m12() -> None:
    codes = {case: {line.split("[")[1].split("]")[0] for line in (GOLDEN / f"{case}.txt").read_text().splitlines()}
             for case in CASES if case not in ACCEPTED}
    assert codes["m01-balises"] == {"M-HTML"}
    assert codes["m03-javascript"] == {"M-LIEN"}
    assert "M-LIEN" in codes["m04-data"] and "M-HTML" in codes["m04-data"]
    assert codes["m05-attr-list"] == {"M-ATTR"}
    assert codes["m12-titre"] == {"M-HTML"}
    assert codes["m13-donnees-perso"] == {"M-TEL", "M-COURRIEL"}
    assert codes["m14-imbrication"] == {"M-IMBRICATION"}
    assert codes["m15-imbrication-mixte"] == {"M-IMBRICATION"}


@pytest.mark.parametrize(("url", "scheme"), [
    ("javascript:alert(1)", "javascript"), ("JaVaScRiPt:alert(1)", "javascript"),
    ("jav\tascript:alert(1)", "javascript"), (" \x01javascript:x", "javascript"),
    ("data:text/html,x", "data"), ("vbscript:x", "vbscript"),
    ("https://example.org", "https"), ("mailto:a@b.fr", "mailto"), ("tel:+33400000000", "tel"),
    ("../annuaire/index.md#lieux", None), ("#ancre", None), ("page.md", None), ("//evil.example", None),
])
def test_link_scheme_as_a_browser_sees_it(url: str, scheme: str | None) -> None:
    assert link_scheme(url) == scheme


def test_protocol_relative_link_is_reported_by_the_sanitiser_not_the_scheme_rule() -> None:
    # //host has no scheme: it is an external link (rel=nofollow), not a script vector
    assert lint_markdown("[x](//evil.example/page)", "p.md") == []


@pytest.mark.parametrize(("local", "personal"), [
    ("jeanne.martin", True), ("prenom.nom", True), ("j-dupont", True),
    ("contact", False), ("accueil", False), ("mediation.numerique", False), ("france-services", False),
    ("contact.epn", False), ("jdupont", False),
])
def test_personal_mailbox_heuristic(local: str, personal: bool) -> None:
    assert is_personal_local_part(local) is personal


def test_phones_are_allowed_on_hand_written_pages_but_not_personal_emails() -> None:
    text = "Standard du réseau : 04 75 00 00 00. Écrire à camille.roux@example.org.\n"
    codes = [p.code for p in lint_markdown(text, "content/contact.md", phones=False)]
    assert codes == ["M-COURRIEL"]


def test_positions_follow_the_body_offset() -> None:
    problems = lint_markdown("Texte.\n\nVoir <b>ceci</b>.\n", "actions/x.md", first_line=12)
    assert [p.format().split(" — ")[0] for p in problems] == ["actions/x.md:14:6: [M-HTML] HTML brut interdit (<b>)"]


def test_html_comments_and_code_are_accepted() -> None:
    text = "<!-- note pour les rédacteurs -->\n\nDu code : `<script>`, `{: onclick=x }`.\n\n~~~\n<iframe>\n~~~\n"
    assert lint_markdown(text, "p.md") == []


def test_content_pages_front_matter_and_symlinks(tmp_path: Path) -> None:
    (tmp_path / "content" / "sous").mkdir(parents=True)
    (tmp_path / "content" / "ok.md").write_text("---\ntitle: Bien\n---\n\n# Bien\n", encoding="utf-8")
    (tmp_path / "content" / "m9.md").write_text('---\ntitle: "non fermé\n---\n\nTexte.\n', encoding="utf-8")
    (tmp_path / "content" / "sous" / "x.md").write_text("---\ntitle: X\n---\n\n[a](javascript:x)\n", encoding="utf-8")
    (tmp_path / "content" / "cle.png").symlink_to(tmp_path / "secret")
    found = [p.format().split(" — ")[0] for p in lint_content_pages(tmp_path)]
    assert "content/cle.png:1:1: [S-LIEN] lien symbolique refusé (MkDocs publierait sa cible)" in found
    assert "content/sous/x.md:5:5: [M-LIEN] lien avec le schéma « javascript: » interdit" in found
    assert any(line.startswith("content/m9.md:2:") and "[Y-" in line for line in found), found
    assert not any(line.startswith("content/ok.md") for line in found)


def test_lint_runs_in_check_and_positions_a_minutes_body(demo_copy: Path) -> None:
    minutes = sorted((demo_copy / "meetings").glob("*.md"))
    assert minutes, "la démo doit contenir des comptes-rendus"
    text = minutes[0].read_text(encoding="utf-8")
    minutes[0].write_text(text + "\n<script>alert(1)</script>\n", encoding="utf-8")
    line = text.count("\n") + 2
    problems = load(demo_copy, load_settings(demo_copy), with_geo=False).problems
    rel = minutes[0].relative_to(demo_copy).as_posix()
    assert [p.format().split(" — ")[0] for p in problems if p.code.startswith("M-")] == [
        f"{rel}:{line}:1: [M-HTML] HTML brut interdit (<script>)"]


def test_demo_content_is_clean(repo_root: Path) -> None:
    problems = load(repo_root, load_settings(repo_root), with_geo=False).problems
    assert [p.format() for p in problems if p.code.startswith(("M-", "S-LIEN"))] == []


PREFILTER_SAMPLES = [
    "Voir [le site](https://exemple.fr/a) et [écrire](mailto:contact@mairie.fr), [appeler](tel:+33102030405).",
    "Un [lien](javascript:alert(1)) puis [un autre](https://exemple.fr).",
    "[a](https://exemple.fr) [b]( javascript:x)",
    "![image](data:image/png;base64,AAAA)",
    "[relatif](../annuaire/) et [ancre](#haut)",
    "Contact : contact@mediatheque.fr",
    "Écrire à jean.dupont@gmail.com pour s'inscrire.",
    "> _jean.dupont@exemple.fr_",
    "Appeler le 06 12 34 56 78.",
    "[réf]: javascript:alert(1)\n\n[texte][réf]",
    "Texte {: onclick=\"x\" }",
    "<b>gras</b>",
    "`[code](javascript:x)` dans du code",
]


@pytest.mark.parametrize("text", PREFILTER_SAMPLES)
def test_prefilter_never_hides_a_problem(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Skipping the parse must give exactly what the parse gives."""
    from generator.load import markdown_lint as lint

    fast = lint.lint_markdown(text, "meetings/x.md")
    monkeypatch.setattr(lint, "_may_have_problems", lambda *_args: True)
    assert fast == lint.lint_markdown(text, "meetings/x.md")
