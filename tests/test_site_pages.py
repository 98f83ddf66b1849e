"""Reader-facing pages (annuaire, fiches, personnes, compétences, impression, accueil): goldens on
the ``tests/fixtures/mini`` tree, consent, links, JSON shape, and presence in the demo site.
``pytest --update-goldens`` rewrites ``tests/golden/site/``."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from golden_files import Goldens

from generator.config import Settings, load_settings
from generator.pipeline import Loaded, load
from generator.site.pages import assets as site_assets
from generator.site.pages import competences, orientation_sheet, structures
from generator.site.pages import directory as annuaire
from generator.site.pages import home as accueil
from generator.site.pages import people as personnes
from generator.site.pages import printable as imprimer
from generator.site.producers import PRODUCERS, Output

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini"
EPOCH = "1767225600"  # 2026-01-01
SECRET = ("Zéphyrin", "Secretnom", "zephyrin-secret", "Bénévole discret", "Ne souhaite pas apparaître")
MODULES = (accueil, annuaire, structures, imprimer, personnes, competences, orientation_sheet)


@pytest.fixture(scope="module")
def loaded() -> tuple[Loaded, Settings]:
    settings = load_settings(MINI)
    result = load(MINI, settings)
    # The fixture keeps one raw <script> in a presentation_detail: `check` refuses it (M-HTML) and the
    # page renderer, tested below, still sanitises it — two independent defences.
    assert [(p.location.path, p.location.line, p.code) for p in result.problems] == [
        ("actors/structures/mediatheque-alpha.yml", 16, "M-HTML")]
    return result, settings


@pytest.fixture(scope="module")
def outputs(loaded: tuple[Loaded, Settings]) -> dict[str, Output]:
    result, settings = loaded
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        found: dict[str, Output] = {}
        for module in MODULES:
            found.update(module.produce(result.corpus, settings, result.communes))
    return found


def text(outputs: dict[str, Output], path: str) -> str:
    content = outputs[path].content
    assert isinstance(content, str)
    return content


def test_golden_pages(outputs: dict[str, Output], goldens: Goldens) -> None:
    goldens.check_tree("site", {path: text(outputs, path) for path in outputs})


def test_producers_are_registered() -> None:
    for module in (*MODULES, site_assets):
        assert f"{module.__name__}:produce" in PRODUCERS


def test_paths_and_edit_sources(outputs: dict[str, Output]) -> None:
    assert outputs["annuaire/mediatheque-alpha.md"].source == "actors/structures/mediatheque-alpha.yml"
    assert outputs["personnes/lea-martin.md"].source == "actors/people/lea-martin.yml"
    assert outputs["competences/reparation.md"].source == "actors/competences.yml"
    assert outputs["index.md"].source == "content/index.md"
    assert {"annuaire/index.md", "annuaire/annuaire.json", "annuaire/imprimer.md", "competences/index.md"} <= set(outputs)


def test_unconsented_person_appears_nowhere(outputs: dict[str, Output]) -> None:
    assert "personnes/zephyrin-secret.md" not in outputs
    assert {"personnes/lea-martin.md", "personnes/paul-durand.md"} <= set(outputs)
    for path, output in outputs.items():
        for secret in SECRET:
            assert secret not in str(output.content), f"{secret} in {path}"
    # a competence only the unpublished person has shows nobody, and no count
    page = text(outputs, "competences/reparation.md")
    assert "encore référencé pour cette compétence" in page
    home = text(outputs, "index.md")
    assert re.search(r"<strong>2</strong> personnes référencées", home)


def test_structure_page_fields(outputs: dict[str, Output]) -> None:
    page = text(outputs, "annuaire/mediatheque-alpha.md").replace("\u00a0", " ")
    assert "du lundi au vendredi : 9 h – 12 h et 14 h – 17 h ; samedi : 9 h – 12 h ; fermé les jours fériés" in page
    assert '<a href="tel:+33492000000">04 92 00 00 00</a>' in page
    assert '<a href="mailto:contact@alpha.example.org">' in page
    assert "Bibliothèque, médiathèque · Espace public numérique" in page
    assert "&amp; des ateliers « pour tous »" in page
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert '<a href="../../personnes/lea-martin/">Léa Martin</a>' in page
    assert '<a href="../../comptes-rendus/2025-03-12-rencontre/">' in page
    assert '<a href="../../actions/ateliers-communs/">Des ateliers communs</a> — structure porteuse' in page
    assert "Information ancienne" in page  # 2024-06-01 is more than a year before 2026-01-01
    assert "fiche renseignée à 95&nbsp;%" in page
    assert "<li>coordonnées précises — " in page
    # the key facts come first; completeness and freshness only in the contributor block at the end
    essentials = page.index('<section class="fiche-essentiel"')
    contributors = page.index("Cette fiche est-elle à jour ?")
    assert essentials < page.index('href="tel:+33492000000"') < page.index("Contact et accès") < contributors
    assert page.index("Information ancienne") > contributors and page.index("renseignée à 95") > contributors
    assert page.index('href="../../proposer/?fiche=mediatheque-alpha"') > contributors
    assert 'data-horaires="Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off"' in page
    assert "<dt>Comment venir</dt>\n<dd>sans rendez-vous, présentez-vous sur place ; téléphonez avant de venir</dd>" in page
    assert '<ul class="fiche-puces" aria-label="Services">\n<li>Aide aux démarches administratives</li>' in page
    assert '<a href="https://rdv.example.org/alpha" rel="nofollow ugc noopener">Prendre rendez-vous en ligne</a>' in page
    assert '<a href="imprimer/">Fiche d\'orientation à imprimer</a>' in page
    assert 'class="mini-carte" data-lat="44.' in page


def test_itinerant_and_minimal_structures(outputs: dict[str, Output]) -> None:
    bus = text(outputs, "annuaire/bus-numerique-beta.md")
    assert "Lieu itinérant." in bus
    assert "Communes desservies : Gap (05061), Serres (05166)." in bus
    assert "Information ancienne" not in bus
    gamma = text(outputs, "annuaire/mairie-gamma.md")
    assert "Position : commune de Privas (position approximative, mairie)" in gamma
    assert "<dd>non renseignés</dd>" in gamma
    assert "15 informations manquantes" in gamma and "data-horaires" not in gamma
    delta = text(outputs, "annuaire/association-delta.md")
    assert "<code>Jan-Jun Mo 10:00-12:00; Jul-Dec We 14:00-16:00</code>" in delta
    assert "trop détaillés pour être mis en phrase" in delta
    assert "Position : 44.09250, 6.23560" in delta


def test_person_page(outputs: dict[str, Output]) -> None:
    page = text(outputs, "personnes/lea-martin.md")
    assert 'robots: "noindex"' in page
    assert "Personne fictive (démonstration)" in page
    assert '<a href="../../competences/reparation/">Réparation du matériel</a>' in page
    assert "Personne fictive" not in text(outputs, "personnes/paul-durand.md")


def test_directory_json_is_compact_and_consistent(outputs: dict[str, Output]) -> None:
    data = json.loads(text(outputs, "annuaire/annuaire.json"))
    ids = [f["id"] for f in data["facets"]]
    assert ids == ["departement", "commune", "type", "service", "public", "dispositif", "accompagnement",
                   "frais", "reseau"]
    # the lieux only: mairie-gamma lists no service, it is a partner of the network
    assert [row[0] for row in data["rows"]] == ["association-delta", "bus-numerique-beta", "mediatheque-alpha"]
    for row in data["rows"]:
        assert len(row) == 3 + len(ids)
        for index, values in enumerate(row[2:-1]):
            assert all(0 <= v < len(data["facets"][index]["values"]) for v in values)
        assert len(row[-1]) == 4 and all(isinstance(value, str) for value in row[-1])
    # [présentation, adresse, téléphone, horaires]: the template's placeholder address is never shown
    assert all("à compléter" not in row[-1][1].lower() for row in data["rows"])
    alpha = next(row for row in data["rows"] if row[0] == "mediatheque-alpha")[-1]
    assert alpha[1:3] == ["12 rue des Alpes, Rez-de-chaussée, 05000 Gap", "04 92 00 00 00"]
    assert alpha[3].startswith("du lundi au vendredi")
    departements = data["facets"][0]["values"]
    assert [key for key, _ in departements] == ["04", "05"]
    service = data["facets"][3]["values"]
    assert service[0] == ["Aide aux démarches administratives", "Aide aux démarches administratives"]


def test_directory_static_list_and_limit(loaded: tuple[Loaded, Settings], outputs: dict[str, Output],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    page = text(outputs, "annuaire/index.md")
    assert page.count('class="annuaire-lieu"') == 3
    assert 'id="annuaire-app"' in page
    assert '<a href="partenaires/">Partenaires du réseau</a> : 1\u00a0partenaire' in page
    monkeypatch.setattr(annuaire, "STATIC_LIST_LIMIT", 2)
    result, settings = loaded
    small = annuaire.produce(result.corpus, settings, result.communes)["annuaire/index.md"].content
    assert 'class="annuaire-lieu"' not in str(small)
    assert "version imprimable" in str(small)


def test_printable_groups_by_departement_then_commune(outputs: dict[str, Output]) -> None:
    page = text(outputs, "annuaire/imprimer.md")
    order = [page.index(name) for name in ("Alpes-de-Haute-Provence (04)", "Hautes-Alpes (05)")]
    assert order == sorted(order)
    assert "Ardèche (07)" not in page and "Mairie de Gamma" not in page  # its only structure is a partner
    assert '<a href="../../annuaire/partenaires/">Partenaires du réseau</a>' in page
    assert page.index("<h3>Gap</h3>") < page.index("<h3>Serres</h3>")


def test_home_intro_and_latest_minutes(outputs: dict[str, Output]) -> None:
    page = text(outputs, "index.md")
    assert page.startswith('---\ntitle: "Accueil du mini réseau"')
    assert "<strong>de test</strong>" in page
    assert '<a href="comptes-rendus/2025-03-12-rencontre/">Rencontre de printemps</a>' in page
    assert re.search(r"<strong>3</strong> lieux de médiation", page)
    assert re.search(r"<strong>1</strong> partenaire du réseau", page)


def test_split_intro_without_front_matter() -> None:
    assert accueil.split_intro("# Titre\n") == (None, "# Titre\n")


# --- the demo site -------------------------------------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.hrefs.append(value)


def test_demo_site_pages_and_consent(built_site: Path, repo_root: Path) -> None:
    for page in ("index.html", "annuaire/index.html", "annuaire/annuaire.json", "annuaire/imprimer/index.html",
                 "competences/index.html", "assets/annuaire.js", "assets/reseau-site.css", "assets/reseau-print.css"):
        assert (built_site / page).is_file(), page
    settings = load_settings(repo_root)
    corpus = load(repo_root, settings, with_geo=False).corpus
    for slug in corpus.structures:
        assert (built_site / "annuaire" / slug / "index.html").is_file()
    for slug in corpus.published_people():
        html = (built_site / "personnes" / slug / "index.html").read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in html
    hidden = [rec for slug, rec in corpus.people.items() if slug not in corpus.published_people()]
    assert hidden, "the demo should contain at least one unpublished person"
    for rec in hidden:
        assert not (built_site / "personnes" / rec.slug).exists()
    needles = [rec.model.nom for rec in hidden] + [f"personnes/{rec.slug}" for rec in hidden]
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js", ".ics", ".csv", ".geojson"):
            content = path.read_text(encoding="utf-8", errors="replace")
            for needle in needles:
                assert needle not in content, f"{needle} in {path.relative_to(built_site)}"


def test_demo_site_internal_links_of_our_pages_resolve(built_site: Path) -> None:
    pages = [built_site / "index.html", built_site / "annuaire" / "index.html",
             built_site / "annuaire" / "imprimer" / "index.html", built_site / "competences" / "index.html"]
    pages += sorted((built_site / "annuaire").glob("*/index.html")) + sorted((built_site / "personnes").glob("*/index.html"))
    pages += sorted((built_site / "competences").glob("*/index.html"))
    broken = []
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        base = "/" + page.parent.relative_to(built_site).as_posix() + "/"
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("#"):
                continue
            target = urlsplit(urljoin(base.replace("//", "/"), parts.path)).path.lstrip("/")
            path = built_site / target
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{page.relative_to(built_site)} → {href}")
    assert broken == []
