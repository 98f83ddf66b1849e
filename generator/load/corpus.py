"""The validated corpus: records indexed by slug, references resolved, backlinks computed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial as partial_function
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel

from generator.errors import Location, Problem, suggest
from generator.load.partial import Partial, read_partially
from generator.load.references import resolve
from generator.load.sources import Source
from generator.load.validate import validate_with_errors
from generator.load.yaml_strict import Document
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

T = TypeVar("T")

MODELS: dict[str, type[BaseModel]] = {
    "structure": Structure,
    "person": Person,
    "meeting": Meeting,
    "action": Action,
    "competences": CompetenceFile,
    "thematiques": ThematiqueFile,
    "reseaux": ReseauFile,
    "themes": ThemeFile,
}


RECORD_KINDS = frozenset({"structure", "person", "meeting", "action"})
# Slugs that would collide with generated pages (annuaire/imprimer/, …/index).
RESERVED: dict[str, frozenset[str]] = {"structure": frozenset({"imprimer", "partenaires"})}


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


class CommunePoint(Protocol):
    """Where a commune is (its mairie): what positions a structure without coordinates."""

    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...


class CommuneLookup(Protocol):
    """Commune reference data as the corpus needs it (``generator.geo.communes.CommuneTable``)."""

    def by_code(self, code: str) -> CommunePoint | None: ...


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

    def release_positions(self) -> None:
        """Forget the line and column of every YAML node once the corpus is valid: only error
        messages use them, and they weigh a third of the corpus (≈ 250 Mo at 30 000 structures)."""
        for records in (self.structures, self.people, self.meetings, self.actions):
            for record in records.values():
                record.doc.values.clear()
                record.doc.keys.clear()
                record.doc.blocks.clear()

    def published_people(self) -> dict[str, Record[Person]]:
        """Only people with recorded consent: the one gate every page and export goes through.

        Computed once per corpus (pages call it for every structure: 30,000 structures would
        otherwise make it quadratic); the corpus is not modified after :func:`build_corpus`.
        """
        if "published" not in self._memo:
            self._memo["published"] = {slug: rec for slug, rec in sorted(self.people.items()) if rec.model.published}
        return dict(self._memo["published"])

    def lieux(self) -> dict[str, Record[Structure]]:
        """The structures that receive the public (not :attr:`Structure.is_partner`), by slug.

        The one gate of the lieux counts, the coverage, the orientation and the map's lieux layer;
        the partners (:meth:`partners`) have their own section « Partenaires du réseau ».
        """
        if "lieux" not in self._memo:
            self._memo["lieux"] = {slug: rec for slug, rec in self.structures.items() if not rec.model.is_partner}
        return dict(self._memo["lieux"])

    def partners(self) -> dict[str, Record[Structure]]:
        """The partners of the network: structures that receive no public for digital help."""
        if "partners" not in self._memo:
            self._memo["partners"] = {slug: rec for slug, rec in self.structures.items() if rec.model.is_partner}
        return dict(self._memo["partners"])

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


def _name_clash(source: Source, seen: dict[tuple[str, str], str]) -> Problem | None:
    """A reserved or already used identifier (valid or not, so that one run says it); registers it."""
    key = (source.kind, source.slug)
    if source.slug in RESERVED.get(source.kind, ()) or source.slug == "index":
        return Problem(Location(source.path), "R-RESERVE", f"l'identifiant « {source.slug} » est réservé à une page du site",
                       "renommez le fichier, par exemple en ajoutant la commune")
    if key in seen:
        return Problem(Location(source.path), "R-DOUBLON", f"identifiant « {source.slug} » déjà utilisé par {seen[key]}",
                       "renommez l'un des deux fichiers")
    seen[key] = source.path
    return None


def _validate(sources: list[Source], corpus: Corpus,
              problems: list[Problem]) -> tuple[set[tuple[str, str]], list[Partial]]:
    """Fill ``corpus``; return the (kind, slug) of record files that exist but are invalid, and
    the readable part of the invalid records (their references are checked all the same)."""
    seen: dict[tuple[str, str], str] = {}
    invalid: set[tuple[str, str]] = set()
    partials: list[Partial] = []
    for source in sources:
        model, found, errors = validate_with_errors(MODELS[source.kind], source.doc)
        problems.extend(found)
        clash = _name_clash(source, seen) if source.kind in RECORD_KINDS else None
        problems.extend([clash] if clash else [])
        if model is None:
            invalid.add((source.kind, source.slug))
            if source.kind in RECORD_KINDS:
                partial, more = read_partially(MODELS[source.kind], source.kind, source.slug, source.path,
                                               source.doc, errors)
                problems.extend(more)
                partials.extend([partial] if partial else [])
            continue
        if source.kind not in RECORD_KINDS:
            corpus.themes_declared = corpus.themes_declared or source.kind == "themes"
            _vocabulary(source, model, corpus, problems)
            continue
        if clash:
            continue
        record = Record(source.slug, source.path, model, source.doc, source.body, source.body_line)
        targets: dict[str, dict[str, Record[Any]]] = {"structure": corpus.structures, "person": corpus.people,
                                                      "meeting": corpus.meetings, "action": corpus.actions}
        targets[source.kind][source.slug] = record
    return invalid, partials


def _vocabulary(source: Source, model: BaseModel, corpus: Corpus, problems: list[Problem]) -> None:
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


# Code, message and hint of an unknown commune; /proposer/ shows the same (generator/site/pages/propose.py).
COMMUNE_NOT_FOUND = ("G-COMMUNE", "commune introuvable dans les départements configurés ({value})",
                     "vérifiez le code INSEE, ou indiquez latitude et longitude")


def _near_commune(communes: object, name: object) -> str:
    """« vouliez-vous dire » for a misspelt commune, when the lookup lists its communes (a table does)."""
    if not isinstance(name, str) or not isinstance(communes, Iterable):
        return ""
    return suggest(name, (str(getattr(c, "nom", "")) for c in communes))


def _place(get: Callable[[str], Any], locate: Callable[..., Location], communes: CommuneLookup | None,
           broken: frozenset[str] = frozenset()) -> tuple[Position | None, list[Problem]]:
    """Where a structure lies (its coordinates, else its commune) and its G-COMMUNE problems. ``get``
    reads a field (None when absent); for an invalid record, ``broken`` names its unreadable fields:
    no commune is looked up in place of broken coordinates, nor from a broken commune."""
    problems = [Problem(locate("zone_intervention", index), "G-COMMUNE",
                        f"code INSEE « {code} » inconnu dans les départements configurés",
                        "vérifiez le code (5 caractères, par exemple 05179)")
                for index, code in enumerate(get("zone_intervention") or ())
                if communes is not None and code is not None and communes.by_code(code) is None]
    latitude, longitude, code = get("latitude"), get("longitude"), get("code_insee")
    if latitude is not None and longitude is not None:
        return Position(latitude, longitude, False), problems
    if (latitude is None) != (longitude is None):
        return None, problems  # an invalid record with half the coordinates: its own message says it
    used = {"latitude", "longitude", "code_insee"} | ({"commune", "code_postal"} if code is None else set())
    if communes is None or used & broken or (code is None and get("commune") is None):
        return None, problems
    commune = communes.by_code(code) if code else None
    if commune is None and hasattr(communes, "find"):
        commune = communes.find(get("commune"), get("code_postal"))
    if commune is None:
        kind, message, hint = COMMUNE_NOT_FOUND
        problems.append(Problem(locate("code_insee" if code else "commune"), kind,
                                message.format(value=code or get("commune")),
                                ("" if code else _near_commune(communes, get("commune"))) or hint))
        return None, problems
    return Position(commune.lat, commune.lon, True), problems


def _locate_structures(corpus: Corpus, communes: CommuneLookup | None, problems: list[Problem],
                       partials: Iterable[Partial] = ()) -> None:
    for slug, rec in sorted(corpus.structures.items()):
        position, found = _place(partial_function(getattr, rec.model), rec.locate, communes)
        problems.extend(found)
        if position is not None:
            corpus.positions[slug] = position
    for partial in partials:
        if partial.kind == "structure":
            problems.extend(_place(partial.get, partial.locate, communes, partial.broken)[1])


def build_corpus(sources: list[Source], communes: CommuneLookup | None = None, *,
                 unreadable: Iterable[tuple[str, str]] = ()) -> tuple[Corpus, list[Problem]]:
    """Validate every source, resolve references and positions. Problems are all collected.

    ``unreadable``: (kind, identifier) of files that exist but could not be read (already
    reported), e.g. ``("structure", "epn-gap")``; references to them are not reported a second time.
    """
    corpus = Corpus()
    problems: list[Problem] = []
    invalid, partials = _validate(sources, corpus, problems)
    invalid |= set(unreadable)
    resolve(corpus, problems, invalid, tuple(partials))
    _locate_structures(corpus, communes, problems, partials)
    for mapping in (corpus.people_of, corpus.meetings_of, corpus.actions_of, corpus.actions_from,
                    corpus.holders, corpus.seekers):
        for key in mapping:
            mapping[key].sort()
    return corpus, sorted(problems)
