"""The validated corpus: records indexed by slug, references resolved, backlinks computed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from generator.errors import Location, Problem, suggest
from generator.models import (
    Action,
    Competence,
    CompetenceFile,
    Meeting,
    Person,
    Reseau,
    ReseauFile,
    Structure,
    Thematique,
    ThematiqueFile,
    Theme,
    ThemeFile,
)
from generator.sources import MEETING_NAME, Source
from generator.validate import validate_document
from generator.yamlstrict import Document

T = TypeVar("T")

MODELS: dict[str, Any] = {
    "structure": Structure,
    "person": Person,
    "meeting": Meeting,
    "action": Action,
    "competences": CompetenceFile,
    "thematiques": ThematiqueFile,
    "reseaux": ReseauFile,
    "themes": ThemeFile,
}


# Slugs that would collide with generated pages (annuaire/imprimer/, …/index).
RESERVED: dict[str, frozenset[str]] = {"structure": frozenset({"imprimer"})}


@dataclass(frozen=True)
class Record(Generic[T]):
    """A validated content file: its model, its source positions and Markdown body."""

    slug: str
    path: str
    model: T
    doc: Document = field(repr=False, compare=False)
    body: str = ""
    body_line: int = 0

    def locate(self, *loc: str | int) -> Location:
        return self.doc.locate(tuple(loc))


@dataclass(frozen=True)
class Position:
    lat: float
    lon: float
    approximate: bool


class CommuneLookup(Protocol):
    def by_code(self, code: str) -> Any: ...


@dataclass
class Corpus:
    structures: dict[str, Record[Structure]] = field(default_factory=dict)
    people: dict[str, Record[Person]] = field(default_factory=dict)
    meetings: dict[str, Record[Meeting]] = field(default_factory=dict)
    actions: dict[str, Record[Action]] = field(default_factory=dict)
    competences: dict[str, Competence] = field(default_factory=dict)
    thematiques: dict[str, Thematique] = field(default_factory=dict)
    reseaux: dict[str, Reseau] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    themes_declared: bool = False  # meetings/themes.yml present: meeting themes must come from it
    positions: dict[str, Position] = field(default_factory=dict)
    people_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    meetings_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    actions_of: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    actions_from: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    holders: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    seekers: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def published_people(self) -> dict[str, Record[Person]]:
        """Only people with recorded consent: the one gate every page and export goes through.

        Computed once per corpus (pages call it for every structure: 30,000 structures would
        otherwise make it quadratic); the corpus is not modified after :func:`build_corpus`.
        """
        if "published" not in self._memo:
            self._memo["published"] = {slug: rec for slug, rec in sorted(self.people.items()) if rec.model.published}
        return dict(self._memo["published"])

    def meetings_by_date(self) -> list[Record[Meeting]]:
        if "by_date" not in self._memo:
            self._memo["by_date"] = sorted(self.meetings.values(), key=lambda r: (r.model.date, r.slug))
        return list(self._memo["by_date"])

    def series_neighbours(self, slug: str) -> tuple[str | None, str | None]:
        meeting = self.meetings[slug].model
        if meeting.serie is None:
            return None, None
        if "series" not in self._memo:
            series: dict[str, list[str]] = defaultdict(list)
            for record in self.meetings_by_date():
                if record.model.serie is not None:
                    series[record.model.serie].append(record.slug)
            self._memo["series"] = series
        members = self._memo["series"][meeting.serie]
        index = members.index(slug)
        before = members[index - 1] if index > 0 else None
        after = members[index + 1] if index + 1 < len(members) else None
        return before, after


def _validate(sources: list[Source], corpus: Corpus, problems: list[Problem]) -> set[str]:
    """Fill ``corpus``; return the slugs of record files that exist but are invalid."""
    seen: dict[tuple[str, str], str] = {}
    invalid: set[str] = set()
    for source in sources:
        model, found = validate_document(MODELS[source.kind], source.doc)
        problems.extend(found)
        if model is None:
            invalid.add(source.slug)
            continue
        if source.kind in ("competences", "thematiques", "reseaux", "themes"):
            corpus.themes_declared = corpus.themes_declared or source.kind == "themes"
            _vocabulary(source, model, corpus, problems)
            continue
        key = (source.kind, source.slug)
        if source.slug in RESERVED.get(source.kind, ()) or source.slug == "index":
            problems.append(Problem(Location(source.path), "R-RESERVE",
                                    f"l'identifiant « {source.slug} » est réservé à une page du site",
                                    "renommez le fichier, par exemple en ajoutant la commune"))
            continue
        if key in seen:
            problems.append(Problem(Location(source.path), "R-DOUBLON",
                                    f"identifiant « {source.slug} » déjà utilisé par {seen[key]}",
                                    "renommez l'un des deux fichiers"))
            continue
        seen[key] = source.path
        record = Record(source.slug, source.path, model, source.doc, source.body, source.body_line)
        target = {"structure": corpus.structures, "person": corpus.people,
                  "meeting": corpus.meetings, "action": corpus.actions}[source.kind]
        target[source.slug] = record  # type: ignore[index]
    return invalid


def _vocabulary(source: Source, model: Any, corpus: Corpus, problems: list[Problem]) -> None:
    items = getattr(model, source.kind)
    target: dict[str, Any] = getattr(corpus, source.kind)
    for index, item in enumerate(items):
        if item.id == "index":
            problems.append(Problem(source.doc.locate((source.kind, index, "id")), "R-RESERVE",
                                    "l'identifiant « index » est réservé à une page du site", "choisissez un autre identifiant"))
            continue
        if item.id in target:
            problems.append(Problem(source.doc.locate((source.kind, index, "id")), "R-DOUBLON",
                                    f"identifiant « {item.id} » déjà défini plus haut dans le fichier",
                                    "supprimez le doublon ou changez son identifiant"))
            continue
        target[item.id] = item


class _Checker:
    """Reports dangling references at the referring file:line, with a suggestion."""

    def __init__(self, corpus: Corpus, problems: list[Problem], invalid: set[str]) -> None:
        self.corpus = corpus
        self.problems = problems
        self.invalid = invalid  # already reported in their own file: no second, misleading message

    def check(self, record: Record[Any], fieldname: str, pools: dict[str, dict[str, Any]] | None,
              values: tuple[str, ...] | str | None) -> list[str]:
        if values is None or pools is None:  # None: the vocabulary file itself is broken (already reported)
            return []
        items = (values,) if isinstance(values, str) else values
        ok: list[str] = []
        for index, value in enumerate(items):
            if any(value in pool for pool in pools.values()):
                ok.append(value)
                continue
            if value in self.invalid:
                continue
            where = " ni à ".join(pools)
            everything = [key for pool in pools.values() for key in pool]
            files = [label[label.index("(") + 1:-1] for label in pools if label.endswith(".yml)")]
            fallback = (f"vérifiez l'identifiant, ou ajoutez-le à {' ou '.join(files)}" if files
                        else "vérifiez l'identifiant (nom du fichier sans extension)")
            hint = suggest(value, everything) or fallback
            if not everything:
                hint = f"aucune entrée n'est encore définie : créez-la d'abord ({', '.join(pools)})"
            loc = (fieldname,) if isinstance(values, str) else (fieldname, index)
            self.problems.append(Problem(record.doc.locate(loc), "R-INCONNU",
                                         f"« {value} » ne correspond à {where}", hint))
        return ok


def _resolve(corpus: Corpus, problems: list[Problem], invalid: set[str]) -> None:
    c = _Checker(corpus, problems, invalid)
    structures = {"aucune structure (actors/structures/)": corpus.structures}
    actors = {**structures, "aucune personne (actors/people/)": corpus.people}
    vocab = {kind: None if kind in invalid else {label: getattr(corpus, kind)}
             for kind, label in (("competences", "aucune compétence (actors/competences.yml)"),
                                 ("reseaux", "aucun réseau (actors/reseaux.yml)"),
                                 ("thematiques", "aucune thématique (actions/thematiques.yml)"),
                                 ("themes", "aucun thème (meetings/themes.yml)"))}
    competences, reseaux = vocab["competences"], vocab["reseaux"]
    for slug in sorted(set(corpus.structures) & set(corpus.people)):
        problems.append(Problem(Location(corpus.people[slug].path), "R-AMBIGU",
                                f"« {slug} » désigne à la fois une structure et une personne",
                                "renommez le fichier de la personne"))
    for _slug, rec in sorted(corpus.structures.items()):
        c.check(rec, "reseaux", reseaux, rec.model.reseaux)
    for slug, rec in sorted(corpus.people.items()):
        for target in c.check(rec, "structures", structures, rec.model.structures):
            corpus.people_of[target].append(slug)
        for comp in c.check(rec, "competences", competences, rec.model.competences):
            corpus.holders[comp].append(slug)
        for comp in c.check(rec, "appetences", competences, rec.model.appetences):
            corpus.seekers[comp].append(slug)
    for slug, rec in sorted(corpus.meetings.items()):
        m = rec.model
        name = MEETING_NAME.match(slug)
        if name and name.group(1) != m.date.isoformat():
            problems.append(Problem(rec.locate("date"), "R-DATE",
                                    f"la date {m.date.isoformat()} ne correspond pas au nom du fichier ({name.group(1)})",
                                    "corrigez la date ou renommez le fichier"))
        c.check(rec, "reseau", reseaux, m.reseau)
        if corpus.themes_declared or "themes" in invalid:
            themes = vocab["themes"] or {}
            c.check(rec, "themes", {**themes, **(vocab["thematiques"] or {})}, m.themes)
        attendees = c.check(rec, "animation", actors, m.animation) + c.check(rec, "participants", actors, m.participants)
        for target in sorted(set(attendees)):
            corpus.meetings_of[target].append(slug)
        for action in c.check(rec, "actions", {"aucune fiche action (actions/)": corpus.actions}, m.actions):
            corpus.actions_from[slug].append(action)
    for slug, rec in sorted(corpus.actions.items()):
        a = rec.model
        c.check(rec, "thematiques", vocab["thematiques"], a.thematiques)
        for target in c.check(rec, "porteurs", structures, a.porteurs):
            corpus.actions_of[target].append((slug, "porteur"))
        for target in c.check(rec, "partenaires", structures, a.partenaires):
            corpus.actions_of[target].append((slug, "partenaire"))
        for meeting in c.check(rec, "issue_de", {"aucun compte-rendu (meetings/)": corpus.meetings}, a.issue_de):
            if slug not in corpus.actions_from[meeting]:
                corpus.actions_from[meeting].append(slug)


def _locate_structures(corpus: Corpus, communes: CommuneLookup | None, problems: list[Problem]) -> None:
    for slug, rec in sorted(corpus.structures.items()):
        s = rec.model
        if s.latitude is not None and s.longitude is not None:
            corpus.positions[slug] = Position(s.latitude, s.longitude, False)
            continue
        if communes is None:
            continue
        commune = communes.by_code(s.code_insee) if s.code_insee else None
        if commune is None and hasattr(communes, "find"):
            commune = communes.find(s.commune, s.code_postal)
        if commune is None:
            field_name = "code_insee" if s.code_insee else "commune"
            problems.append(Problem(rec.locate(field_name), "G-COMMUNE",
                                    f"commune introuvable dans les départements configurés ({s.code_insee or s.commune})",
                                    "vérifiez le code INSEE, ou indiquez latitude et longitude"))
            continue
        corpus.positions[slug] = Position(commune.lat, commune.lon, True)
    for _slug, rec in sorted(corpus.structures.items()):
        for index, code in enumerate(rec.model.zone_intervention):
            if communes is not None and communes.by_code(code) is None:
                problems.append(Problem(rec.locate("zone_intervention", index), "G-COMMUNE",
                                        f"code INSEE « {code} » inconnu dans les départements configurés",
                                        "vérifiez le code (5 caractères, par exemple 05179)"))


def build_corpus(sources: list[Source], communes: CommuneLookup | None = None, *,
                 unreadable: Iterable[str] = ()) -> tuple[Corpus, list[Problem]]:
    """Validate every source, resolve references and positions. Problems are all collected.

    ``unreadable``: slugs of files that exist but could not be read (already reported);
    references to them are not reported a second time.
    """
    corpus = Corpus()
    problems: list[Problem] = []
    invalid = _validate(sources, corpus, problems) | set(unreadable)
    _resolve(corpus, problems, invalid)
    _locate_structures(corpus, communes, problems)
    for mapping in (corpus.people_of, corpus.meetings_of, corpus.actions_of, corpus.actions_from,
                    corpus.holders, corpus.seekers):
        for key in mapping:
            mapping[key].sort()
    return corpus, sorted(problems)
