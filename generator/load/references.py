"""Cross-references between records: each dangling one reported where it is written, backlinks filled.

``invalid`` holds the (kind, identifier) of files that exist but failed validation, e.g.
``("structure", "epn-gap")`` or ``("competences", "competences")`` for the vocabulary file:
references to them are not reported a second time, and only for that kind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.errors import Location, Problem, suggest
from generator.load.partial import Partial
from generator.load.sources import MEETING_NAME

if TYPE_CHECKING:
    from generator.load.corpus import Corpus, Record

# (record kind, French label of the pool, records or entries by identifier)
Pool = tuple[str, str, dict[str, Any]]
# record kind → (field, name of its pools in :func:`_pools`) for every reference field
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "structure": (("reseaux", "reseaux"),),
    "person": (("structures", "structures"), ("competences", "competences"), ("appetences", "competences")),
    "meeting": (("reseau", "reseaux"), ("themes", "meeting-themes"), ("animation", "actors"),
                ("participants", "actors"), ("actions", "actions")),
    "action": (("thematiques", "thematiques"), ("porteurs", "structures"), ("partenaires", "structures"),
               ("issue_de", "meetings")),
}


class _Checker:
    """Reports dangling references at the referring file:line, with a suggestion."""

    def __init__(self, corpus: Corpus, problems: list[Problem], invalid: set[tuple[str, str]]) -> None:
        self.corpus = corpus
        self.problems = problems
        self.invalid = invalid  # already reported in their own file: no second, misleading message

    def check(self, record: Record[Any] | Partial, fieldname: str, pools: tuple[Pool, ...] | None,
              values: tuple[str | None, ...] | str | None) -> list[str]:
        if values is None or pools is None:  # None: the vocabulary file itself is broken (already reported)
            return []
        items = (values,) if isinstance(values, str) else values
        ok: list[str] = []
        for index, value in enumerate(items):
            if value is None:  # an item of an invalid record that could not be read (already reported)
                continue
            if any(value in pool for _kind, _label, pool in pools):
                ok.append(value)
                continue
            if any((kind, value) in self.invalid for kind, _label, _pool in pools):
                continue
            labels = [label for _kind, label, _pool in pools]
            where = " ni à ".join(labels)
            everything = [key for _kind, _label, pool in pools for key in pool]
            files = [label[label.index("(") + 1:-1] for label in labels if label.endswith(".yml)")]
            fallback = (f"vérifiez l'identifiant, ou ajoutez-le à {' ou '.join(files)}" if files
                        else "vérifiez l'identifiant (nom du fichier sans extension)")
            hint = suggest(value, everything) or fallback
            if not everything:
                hint = f"aucune entrée n'est encore définie : créez-la d'abord ({', '.join(labels)})"
            loc = (fieldname,) if isinstance(values, str) else (fieldname, index)
            self.problems.append(Problem(record.doc.locate(loc), "R-INCONNU",
                                         f"« {value} » ne correspond à {where}", hint))
        return ok


def _pools(corpus: Corpus, invalid: set[tuple[str, str]]) -> dict[str, tuple[Pool, ...] | None]:
    """Where each kind of reference may point; None when it must not be checked (broken vocabulary
    file, already reported; meeting themes without meetings/themes.yml)."""
    structures: tuple[Pool, ...] = (("structure", "aucune structure (actors/structures/)", corpus.structures),)
    pools: dict[str, tuple[Pool, ...] | None] = {
        "structures": structures,
        "actors": (*structures, ("person", "aucune personne (actors/people/)", corpus.people)),
        "actions": (("action", "aucune fiche action (actions/)", corpus.actions),),
        "meetings": (("meeting", "aucun compte-rendu (meetings/)", corpus.meetings),),
    }
    for kind, label in (("competences", "aucune compétence (actors/competences.yml)"),
                        ("reseaux", "aucun réseau (actors/reseaux.yml)"),
                        ("thematiques", "aucune thématique (actions/thematiques.yml)"),
                        ("themes", "aucun thème (meetings/themes.yml)")):
        pools[kind] = None if (kind, kind) in invalid else ((kind, label, getattr(corpus, kind)),)
    themed = corpus.themes_declared or ("themes", "themes") in invalid
    pools["meeting-themes"] = (*(pools["themes"] or ()), *(pools["thematiques"] or ())) if themed else None
    return pools


def _value(record: Record[Any] | Partial, name: str) -> Any:
    return record.get(name) if isinstance(record, Partial) else getattr(record.model, name)


def _check_record(c: _Checker, kind: str, record: Record[Any] | Partial,
                  pools: dict[str, tuple[Pool, ...] | None]) -> dict[str, list[str]]:
    """Report the dangling references of one record; the resolved ones by field."""
    found = {name: c.check(record, name, pools[pool], _value(record, name)) for name, pool in REFERENCES[kind]}
    day = _value(record, "date") if kind == "meeting" else None
    name = MEETING_NAME.match(record.slug)
    if day is not None and name and name.group(1) != day.isoformat():
        c.problems.append(Problem(record.doc.locate(("date",)), "R-DATE",
                                  f"la date {day.isoformat()} ne correspond pas au nom du fichier ({name.group(1)})",
                                  "corrigez la date ou renommez le fichier"))
    return found


def resolve(corpus: Corpus, problems: list[Problem], invalid: set[tuple[str, str]],
            partials: tuple[Partial, ...] = ()) -> None:
    """Check every reference between records and fill the backlinks of ``corpus`` (unsorted).

    ``partials``: the readable fields of invalid records; their references are checked too (so
    that one run lists every mistake of a file), but they fill no backlink.
    """
    c = _Checker(corpus, problems, invalid)
    pools = _pools(corpus, invalid)
    for slug in sorted(set(corpus.structures) & set(corpus.people)):
        problems.append(Problem(Location(corpus.people[slug].path), "R-AMBIGU",
                                f"« {slug} » désigne à la fois une structure et une personne",
                                "renommez le fichier de la personne"))
    for partial in partials:
        _check_record(c, partial.kind, partial, pools)
    for _slug, structure in sorted(corpus.structures.items()):
        _check_record(c, "structure", structure, pools)
    for slug, person in sorted(corpus.people.items()):
        found = _check_record(c, "person", person, pools)
        for target in found["structures"]:
            corpus.people_of[target].append(slug)
        for comp in found["competences"]:
            corpus.holders[comp].append(slug)
        for comp in found["appetences"]:
            corpus.seekers[comp].append(slug)
    for slug, meeting_rec in sorted(corpus.meetings.items()):
        found = _check_record(c, "meeting", meeting_rec, pools)
        for target in sorted(set(found["animation"] + found["participants"])):
            corpus.meetings_of[target].append(slug)
        for action in found["actions"]:
            corpus.actions_from[slug].append(action)
    for slug, action_rec in sorted(corpus.actions.items()):
        found = _check_record(c, "action", action_rec, pools)
        for target in found["porteurs"]:
            corpus.actions_of[target].append((slug, "porteur"))
        for target in found["partenaires"]:
            corpus.actions_of[target].append((slug, "partenaire"))
        for meeting in found["issue_de"]:
            if slug not in corpus.actions_from[meeting]:
                corpus.actions_from[meeting].append(slug)
