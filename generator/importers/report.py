"""The French report of one import: what was created, merged, updated, in conflict, left out."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.importers import grouping

FOLDER = "actors/structures"
FORCED = "valeurs de la source retenues (--forcer)"  # a conflict the coordinator settled with --forcer


def _file(slug: str) -> str:
    return f"{FOLDER}/{slug}.yml"


@dataclass
class Report:
    fmt: str
    path: str
    created: list[str] = field(default_factory=list)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # slug, fields filled, why the match, fields whose different value the file kept
    merged: list[tuple[str, list[str], str, list[str]]] = field(default_factory=list)
    conflicts: list[tuple[str, list[str], str]] = field(default_factory=list)  # slug, fields, what was kept
    duplicates: list[tuple[str, str, str, str]] = field(default_factory=list)  # where, name, existing slug, why
    dry_run: bool = False
    failed: list[str] = field(default_factory=list)  # rows in scope that could not be imported (also in ignored)
    unused: list[str] = field(default_factory=list)  # source columns no mapping uses
    names: dict[str, str] = field(default_factory=dict)  # row position → name of the place, for examples
    full_list: str = ""  # where the full list of problems is written

    @property
    def open_conflicts(self) -> list[tuple[str, list[str], str]]:
        """Conflicts still waiting for a person: those settled by ``--forcer`` are done."""
        return [conflict for conflict in self.conflicts if conflict[2] != FORCED]

    @property
    def complete(self) -> bool:
        """Every row in scope imported, merged or deliberately left out (``--forcer`` settles a conflict)."""
        return not (self.failed or self.open_conflicts or self.duplicates)

    def counts(self) -> str:
        return (f"créées {len(self.created)}, fusionnées {len(self.merged)}, mises à jour {len(self.updated)}, "
                f"conflits {len(self.conflicts)}, doublons probables {len(self.duplicates)}, "
                f"inchangées {len(self.unchanged)}, ignorées {len(self.ignored)}")

    def text(self) -> str:
        lines = [f"Import {self.fmt} : {self.path}"]
        if self.dry_run:
            lines.append("  essai (--essai) : rien n'a été écrit, voici ce que l'import ferait")
        lines.append(f"  créées : {len(self.created)}")
        lines += [f"    + {_file(slug)}" for slug in self.created]
        lines.append(f"  fusionnées avec une fiche existante : {len(self.merged)}")
        lines += [f"    = {_file(slug)} ({why})" + (f" ; complétée : {', '.join(keys)}" if keys else "")
                  + (f" ; valeurs différentes, celles de la fiche gardées : {', '.join(kept)}" if kept else "")
                  for slug, keys, why, kept in self.merged]
        lines.append(f"  mises à jour : {len(self.updated)}")
        lines += [f"    ~ {_file(slug)} ({', '.join(keys)})" for slug, keys in self.updated]
        lines.append(f"  conflits : {len(self.conflicts)}")
        lines += [f"    ! {_file(slug)} : modifiée à la main et par la source ({', '.join(keys)}) — {kept}"
                  for slug, keys, kept in self.conflicts]
        lines.append(f"  doublons probables, non créés : {len(self.duplicates)}")
        lines += [f"    ? {where}: « {name} » ressemble à {_file(slug)} ({why}) — vérifiez ; "
                  "si ce sont deux lieux, relancez avec --forcer pour la créer"
                  for where, name, slug, why in self.duplicates]
        lines.append(f"  inchangées : {len(self.unchanged)}")
        lines.append(f"  ignorées : {len(self.ignored)}")
        where = self.full_list or "la liste ci-dessus"
        lines += grouping.summary("Lignes ignorées", self.ignored, self.names, where)
        lines += grouping.summary("Avertissements", self.warnings, self.names, where)
        if self.unused:
            lines.append(f"Colonnes non utilisées par la correspondance ({len(self.unused)}) : " + ", ".join(self.unused))
        if self.full_list:
            lines.append(f"Liste complète des problèmes : {self.full_list}")
        lines.append(f"Bilan : {self.counts()}" + (" (essai, rien n'a été écrit)" if self.dry_run else ""))
        return "\n".join(lines) + "\n"

    def full_text(self) -> str:
        """Every problem, grouped by cause, for the report file."""
        lines = [f"Import {self.fmt} : {self.path}", *grouping.full_text("Lignes ignorées", self.ignored, self.names),
                 *grouping.full_text("Avertissements", self.warnings, self.names)]
        if self.unused:
            lines.append("Colonnes non utilisées par la correspondance : " + ", ".join(self.unused))
        lines.append(f"Bilan : {self.counts()}")
        return "\n".join(lines) + "\n"
