"""HTML typed into YesWiki text fields → Markdown, sanitised, that passes the rules ``check`` applies."""

from __future__ import annotations

import pytest

from generator.importers import html_text, normalise
from generator.importers.record import RawRow, clean
from generator.load.markdown_lint import lint_markdown
from generator.load.personal_data import text_problems

YESWIKI = (
    "<p>Bienvenue&nbsp;à l'<strong>Espace Public Numérique</strong> de Veynes&nbsp;!<br>"
    "Ateliers <em>gratuits</em> &amp; ouverts à tous.</p>"
    "<ul><li>Premiers pas sur ordinateur</li><li>Démarches en ligne (CAF, ANTS…)</li></ul>"
    "<p>Programme sur <a href=\"https://www.ville-veynes.fr/epn?mois=3&amp;annee=2024\" "
    "onclick=\"track()\">le site de la mairie</a> ou <a href=\"javascript:alert(1)\">ici</a>.</p>"
    "<script>var _paq = window._paq = []; _paq.push(['trackPageView']);</script>"
    "<img src=\"https://tracker.example/pixel.gif\" onerror=\"alert(1)\">"
    "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>"
    "<p>Écrire &lt;script&gt; n'est pas grave : 3 &lt; 4.</p>"
    "<h3>Accès</h3><p>Bus ligne&nbsp;2, arrêt &laquo;&nbsp;Gare&nbsp;&raquo;.</p>"
)
EXPECTED = (
    "Bienvenue à l'**Espace Public Numérique** de Veynes !\\\n"
    "Ateliers *gratuits* & ouverts à tous.\n\n"
    "- Premiers pas sur ordinateur\n"
    "- Démarches en ligne (CAF, ANTS…)\n\n"
    "Programme sur [le site de la mairie](https://www.ville-veynes.fr/epn?mois=3&annee=2024) ou ici.\n\n"
    "Écrire &lt;script&gt; n'est pas grave : 3 &lt; 4.\n\n"
    "### Accès\n\n"
    "Bus ligne 2, arrêt « Gare ».")


def test_yeswiki_html_becomes_markdown_without_script_iframe_or_image() -> None:
    notes: normalise.Notes = []
    text = html_text.to_markdown(YESWIKI, notes, "bf_description")
    assert text == EXPECTED
    assert notes == [("bf_description", "HTML converti en Markdown ; retiré : balise <iframe> (et son contenu), "
                                         "balise <script> (et son contenu), image(s) : ajoutez-les au dépôt si "
                                         "besoin, attribut onclick, attribut onerror, lien javascript:/data:")]
    assert lint_markdown(text, "actors/structures/x.yml", 1, phones=False) == []


@pytest.mark.parametrize("html", [
    "<p onmouseover=alert(1)>x</p>", "<a href='data:text/html,<script>alert(1)</script>'>x</a>",
    "<svg><script>alert(1)</script></svg>", "<style>body{display:none}</style>texte",
    "<object data=x></object>texte", "&lt;img src=x onerror=alert(1)&gt;", "<a href=' javascript:x'>lien</a>",
    "<p>[clic](javascript:alert(1))</p>",
])
def test_hostile_html_never_reaches_check_refused(html: str) -> None:
    notes: normalise.Notes = []
    text = html_text.to_markdown(html, notes, "c")
    assert lint_markdown(text, "x.md", 1, phones=False) == []
    assert "<script" not in text.lower() and "javascript:" not in text.lower()


def test_plain_text_is_left_alone() -> None:
    notes: normalise.Notes = []
    assert html_text.to_markdown("Ateliers le mardi, 3 > 2", notes, "c") == "Ateliers le mardi, 3 > 2"
    assert notes == []


def test_imported_record_passes_check_rules() -> None:
    values = {"nom": "EPN de Veynes", "commune": "Veynes", "code_postal": "05400", "adresse": "Place de la Mairie",
              "date_maj": "2024-03-01", "presentation_detail": YESWIKI,
              "presentation_resume": "<p>Ateliers <b>numériques</b>&nbsp;gratuits</p><script>track()</script>"}
    item = clean(RawRow("bazar.csv:ligne 2", values))
    assert item.error is None
    assert item.data["presentation_detail"] == EXPECTED
    assert item.data["presentation_resume"] == "Ateliers numériques gratuits"
    detail, resume = str(item.data["presentation_detail"]), str(item.data["presentation_resume"])
    assert lint_markdown(detail, "actors/structures/epn-de-veynes.yml", 1, phones=False) == []
    assert text_problems(resume, None, phones=False) == []  # type: ignore[arg-type]
    assert sum("retiré" in note for note in item.notes) == 2


def test_personal_addresses_are_taken_out_of_free_text_with_the_place_name_kept() -> None:
    values = {"nom": "France Services de Pierre-Châtel", "commune": "Pierre-Châtel", "code_postal": "38119",
              "adresse": "1 place de la Mairie", "date_maj": "2024-03-01",
              "presentation_detail": "<p>Écrire à <a href='mailto:pierre-chatel@france-services.gouv.fr'>"
                                     "pierre-chatel@france-services.gouv.fr</a> ou à jean.dupont@mairie.fr</p>",
              "presentation_resume": "Contact : jean.dupont@mairie.fr"}
    item = clean(RawRow("bazar.csv:ligne 3", values))
    detail, resume = str(item.data["presentation_detail"]), str(item.data["presentation_resume"])
    assert "pierre-chatel@france-services.gouv.fr" in detail and "jean.dupont" not in detail + resume
    assert resume == f"Contact : {html_text.REDACTED}"
    assert sum("courriel nominatif « jean.dupont@mairie.fr » retiré du texte" in n for n in item.notes) == 2
    context = ("Pierre-Châtel", "France Services de Pierre-Châtel")
    assert lint_markdown(detail, "actors/structures/fs.yml", 1, phones=False, context=context) == []
    codes = [p.code for p in lint_markdown(detail, "actors/structures/fs.yml", 1, phones=False)]
    assert codes == ["M-COURRIEL"]  # without the record, « Pierre » reads as a first name


def test_a_long_description_is_cut_at_a_paragraph_and_still_valid() -> None:
    notes: normalise.Notes = []
    html = "".join(f"<p>Paragraphe {i} : " + "atelier numérique " * 20 + "</p>" for i in range(30))
    text = normalise.detail(html, notes, "bf_description")
    assert text is not None and len(text) <= 5000 and text.endswith("…")
    assert notes[-1][1].startswith("présentation détaillée de ")
