"""``D-DOUBLON``: two structure files that probably describe one place (warnings, ``check --strict`` refuses them).

The rule is the importers' (:mod:`generator.rules.duplicates`): same SIRET/RNA, same folded name in
the same commune, or less than 300 m apart with a similar name. Each pair is reported once, on the
file that comes second in name order, naming the first.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.errors import WARNING, Problem
from generator.load.corpus import Record
from generator.models import Structure
from generator.rules.duplicates import SAME, PlaceIndex


def _fields(s: Structure) -> dict[str, object]:
    data: dict[str, object] = {"nom": s.nom, "commune": s.commune, "code_postal": s.code_postal, "pivot": s.pivot}
    if s.latitude is not None and s.longitude is not None:
        data["latitude"], data["longitude"] = s.latitude, s.longitude
    return data


def duplicate_warnings(structures: Mapping[str, Record[Structure]]) -> list[Problem]:
    index = PlaceIndex()
    problems: list[Problem] = []
    for slug, rec in sorted(structures.items()):
        data = _fields(rec.model)
        found = index.best(data)
        if found is not None:
            other, verdict, why = found
            what = "décrit sans doute le même lieu que" if verdict == SAME else "ressemble à"
            problems.append(Problem(
                rec.locate("nom"), "D-DOUBLON",
                f"« {rec.model.nom} » {what} {structures[other].path} (« {structures[other].model.nom} », {why})",
                "si c'est le même lieu, réunissez les deux fiches en une et supprimez l'autre ; "
                "sinon, distinguez leurs noms (antenne, quartier…)", severity=WARNING))
        index.add(slug, data)
    return problems
