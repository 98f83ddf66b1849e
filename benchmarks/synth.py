"""Deterministic synthetic content trees for benchmarks: ``python -m benchmarks.synth --n 3000``.

N structures, about N/2 people (two thirds consenting), N/10 meetings and N/10 actions,
valid against the generator's models, plus copies of ``mkdocs.yml``, ``content/`` and
``theme/`` and a ``node_modules`` symlink so that the tree builds like the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from benchmarks import synth_records as records
from benchmarks.synth_vocab import communes, vocab_files

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "benchmarks" / "work"
MARKER = ".synth.json"
VERSION = 2  # bump when the generated files change, to invalidate cached trees
CONTENT_DIRS = ("actors", "meetings", "actions", "content", "theme")
_PLAIN = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.\-]*")


def scalar(value: Any) -> str:
    text = str(value)
    if _PLAIN.fullmatch(text) and text not in ("null", "Null", "NULL"):
        return text
    return json.dumps(text, ensure_ascii=False)


def to_yaml(data: dict[str, Any], indent: str = "") -> str:
    """Block YAML for flat records: scalars, flow lists and one level of sub-mapping."""
    lines: list[str] = []
    for key, value in data.items():
        if value is None or value == [] or value == ():
            continue
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines.append(to_yaml(value, indent + "  ").rstrip("\n"))
        elif isinstance(value, (list, tuple)):
            lines.append(f"{indent}{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            lines.append(f"{indent}{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def generate(n: int, out: Path, *, seed: int = 1, repo: Path = REPO) -> dict[str, int]:
    """Write a synthetic content tree with ``n`` structures into ``out``; return the counts."""
    prepare(out)
    rng = random.Random(f"synth-{seed}-{n}")
    places = communes(repo)
    vocab_texts, ids = vocab_files(repo)
    files: dict[str, str] = dict(vocab_texts)
    used: set[str] = set()
    structures = records.structures(rng, n, places, ids, used)
    people = records.people(rng, max(1, n // 2), list(structures), ids, used)
    meetings, actions = records.meetings_and_actions(rng, max(1, n // 10), max(1, n // 10), structures, people,
                                                     places, ids, used)
    for slug, data in structures.items():
        files[f"actors/structures/{slug}.yml"] = to_yaml(data)
    for slug, data in people.items():
        files[f"actors/people/{slug}.yml"] = to_yaml(data)
    for slug, (data, body) in meetings.items():
        files[f"meetings/{slug}.md"] = f"---\n{to_yaml(data)}---\n\n{body}"
    for slug, (data, body) in actions.items():
        files[f"actions/{slug}.md"] = f"---\n{to_yaml(data)}---\n\n{body}"
    for rel, text in sorted(files.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    copy_site_files(repo, out)
    counts = {"structures": len(structures), "people": len(people),
              "published_people": sum(1 for p in people.values() if p["publication"]),
              "meetings": len(meetings), "actions": len(actions), "files": len(files)}
    marker = {"version": VERSION, "n": n, "seed": seed, "counts": counts}
    (out / MARKER).write_text(json.dumps(marker, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return counts


def prepare(out: Path) -> None:
    """Empty a previous synthetic tree; refuse to touch a folder that is not one."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise SystemExit(f"{out} existe et n'est pas un corpus synthétique : choisissez un dossier vide")
        for child in out.iterdir():
            if child.name == ".cache":  # keep the commune cache between generations
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    out.mkdir(parents=True, exist_ok=True)


def copy_site_files(repo: Path, out: Path) -> None:
    for name in ("content", "theme"):
        if (repo / name).is_dir():
            shutil.copytree(repo / name, out / name, symlinks=True, dirs_exist_ok=True)
    shutil.copy(repo / "mkdocs.yml", out / "mkdocs.yml")
    if (repo / "node_modules").exists() and not (out / "node_modules").exists():
        (out / "node_modules").symlink_to(repo / "node_modules")


def ensure(n: int, *, seed: int = 1, work: Path = WORK) -> Path:
    """The cached synthetic tree for ``n`` (generated when missing or outdated)."""
    out = work / f"n{n}"
    try:
        marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        marker = {}
    if marker.get("version") != VERSION or marker.get("n") != n or marker.get("seed") != seed:
        generate(n, out, seed=seed)
    else:  # site files follow the repository (the site is being written while we measure)
        for name in ("content", "theme"):
            shutil.rmtree(out / name, ignore_errors=True)
        copy_site_files(REPO, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synth",
                                     description="Génère un corpus synthétique déterministe (N structures).")
    parser.add_argument("--n", type=int, default=300, help="nombre de structures (par défaut : 300)")
    parser.add_argument("--out", type=Path, help="dossier de sortie (par défaut : benchmarks/work/n<N>)")
    parser.add_argument("--seed", type=int, default=1, help="graine du générateur (par défaut : 1)")
    args = parser.parse_args(argv)
    out = (args.out or WORK / f"n{args.n}").resolve()
    counts = generate(args.n, out, seed=args.seed)
    print(f"Corpus écrit dans {out} : {counts['structures']} structures, {counts['people']} personnes "
          f"({counts['published_people']} publiées), {counts['meetings']} comptes-rendus, "
          f"{counts['actions']} fiches actions.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
