"""``V-PROVISOIRE``: a placeholder value (« Adresse à compléter », « TODO »…) in a structure or a person.

The rule is :mod:`generator.rules.placeholders`. Each placeholder is a warning at its own
position (``check --strict`` and the build refuse them); :func:`clean_corpus` then leaves them out
of the corpus, so a non-strict build never shows or exports them either.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from generator.errors import WARNING, Problem
from generator.load.corpus import Corpus, Record
from generator.rules.placeholders import placeholder_paths, without_placeholders

HINT = "écrivez la vraie valeur, ou retirez la ligne si vous ne la connaissez pas : une valeur provisoire n'est jamais publiée"
HINT_REQUIRED = "écrivez la vraie valeur : ce champ est obligatoire, une valeur provisoire n'est jamais publiée"


def _field(path: tuple[str | int, ...]) -> str:
    return str(path[0]) if len(path) == 1 else f"{path[0]} (valeur n° {int(path[1]) + 1})"


def placeholder_warnings(records: Iterable[Mapping[str, Record[Any]]]) -> list[Problem]:
    """One warning per placeholder value, on the value itself."""
    problems: list[Problem] = []
    for group in records:
        for _slug, rec in sorted(group.items()):
            fields = type(rec.model).model_fields
            for path, value in placeholder_paths(rec.model):
                problems.append(Problem(
                    rec.locate(*path), "V-PROVISOIRE",
                    f"valeur provisoire « {value} » pour « {_field(path)} » : elle ne sera ni affichée ni exportée",
                    HINT_REQUIRED if len(path) == 1 and fields[str(path[0])].is_required() else HINT,
                    severity=WARNING))
    return problems


def _cleaned(group: dict[str, Record[Any]]) -> None:
    for slug, rec in group.items():
        model = without_placeholders(rec.model)
        if model is not rec.model:
            group[slug] = dataclasses.replace(rec, model=model)


def clean_corpus(corpus: Corpus) -> None:
    """Leave every placeholder out of the corpus's structures and people (in place)."""
    _cleaned(corpus.structures)
    _cleaned(corpus.people)
