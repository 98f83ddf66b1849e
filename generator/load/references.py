"""Cross-references between records: each dangling one reported where it is written, backlinks filled.

``invalid`` holds the (kind, identifier) of files that exist but failed validation, e.g.
``("structure", "epn-gap")`` or ``("competences", "competences")`` for the vocabulary file:
references to them are not reported a second time, and only for that kind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.errors import Location, Problem, suggest
from generator.load.sources import MEETING_NAME

if TYPE_CHECKING:
    from generator.load.corpus import Corpus, Record

# (record kind, French label of the pool, records or entries by identifier)
Pool = tuple[str, str, dict[str, Any]]


class _Checker:
    """Reports dangling references at the referring file:line, with a suggestion."""

    def __init__(self, corpus: Corpus, problems: list[Problem], invalid: set[tuple[str, str]]) -> None:
        self.corpus = corpus
        self.problems = problems
        self.invalid = invalid  # already reported in their own file: no second, misleading message

    def check(self, record: Record[Any], fieldname: str, pools: tuple[Pool, ...] | None,
              values: tuple[str, ...] | str | None) -> list[str]:
        if values is None or pools is None:  # None: the vocabulary file itself is broken (already reported)
            return []
        items = (values,) if isinstance(values, str) else values
        ok: list[str] = []
        for index, value in enumerate(items):
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


def resolve(corpus: Corpus, problems: list[Problem], invalid: set[tuple[str, str]]) -> None:
    """Check every reference between records and fill the backlinks of ``corpus`` (unsorted)."""
    c = _Checker(corpus, problems, invalid)
    structures: tuple[Pool, ...] = (("structure", "aucune structure (actors/structures/)", corpus.structures),)
    actors = (*structures, ("person", "aucune personne (actors/people/)", corpus.people))
    vocab = {kind: None if (kind, kind) in invalid else ((kind, label, getattr(corpus, kind)),)
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
    for slug, person in sorted(corpus.people.items()):
        for target in c.check(person, "structures", structures, person.model.structures):
            corpus.people_of[target].append(slug)
        for comp in c.check(person, "competences", competences, person.model.competences):
            corpus.holders[comp].append(slug)
        for comp in c.check(person, "appetences", competences, person.model.appetences):
            corpus.seekers[comp].append(slug)
    for slug, meeting_rec in sorted(corpus.meetings.items()):
        m = meeting_rec.model
        name = MEETING_NAME.match(slug)
        if name and name.group(1) != m.date.isoformat():
            problems.append(Problem(meeting_rec.locate("date"), "R-DATE",
                                    f"la date {m.date.isoformat()} ne correspond pas au nom du fichier ({name.group(1)})",
                                    "corrigez la date ou renommez le fichier"))
        c.check(meeting_rec, "reseau", reseaux, m.reseau)
        if corpus.themes_declared or ("themes", "themes") in invalid:
            c.check(meeting_rec, "themes", (*(vocab["themes"] or ()), *(vocab["thematiques"] or ())), m.themes)
        attendees = (c.check(meeting_rec, "animation", actors, m.animation)
                     + c.check(meeting_rec, "participants", actors, m.participants))
        for target in sorted(set(attendees)):
            corpus.meetings_of[target].append(slug)
        for action in c.check(meeting_rec, "actions", (("action", "aucune fiche action (actions/)", corpus.actions),), m.actions):
            corpus.actions_from[slug].append(action)
    for slug, action_rec in sorted(corpus.actions.items()):
        a = action_rec.model
        c.check(action_rec, "thematiques", vocab["thematiques"], a.thematiques)
        for target in c.check(action_rec, "porteurs", structures, a.porteurs):
            corpus.actions_of[target].append((slug, "porteur"))
        for target in c.check(action_rec, "partenaires", structures, a.partenaires):
            corpus.actions_of[target].append((slug, "partenaire"))
        for meeting in c.check(action_rec, "issue_de", (("meeting", "aucun compte-rendu (meetings/)", corpus.meetings),), a.issue_de):
            if slug not in corpus.actions_from[meeting]:
                corpus.actions_from[meeting].append(slug)
