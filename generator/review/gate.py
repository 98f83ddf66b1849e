"""``python -m generator review``: the contribution gate (README « Sécurité » : relecture des contributions).

Compares the working tree (what CI checked out, or what is about to be committed) with the
merge base of ``--base`` and reports:

*refusals* (exit 1) — symbolic links anywhere, files outside the content folders (code:
``mkdocs.yml``, ``Makefile``, ``generator/``, ``theme/``, CI files… need a maintainer), file
types that are not plain content (``.svg``, ``.html``, ``.js``…), files over 256 Kio,
text that is not UTF-8;

*findings* for the human reviewer (exit 0, or 1 with ``--strict``) — new external link
domains compared with the base, paragraphs with three external links or more, commercial
lexicon (a weak signal), edits to minutes older than ``--max-age-days`` days.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from generator.errors import Location, Problem
from generator.rules.files import MAX_BYTES, size_label

CONTENT_FOLDERS = ("actors/", "meetings/", "actions/", "content/")
CONTENT_SUFFIXES = frozenset({".md", ".yml", ".yaml", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf"})
TEXT_SUFFIXES = frozenset({".md", ".yml", ".yaml", ".txt", ".csv", ".json", ".toml", ".cfg", ".py", ".html", ".js",
                           ".css", ".svg"})
LINKED_SUFFIXES = frozenset({".md", ".yml", ".yaml"})
DENSITY = 3
LEXICON = ("mutuelle", "mutuelles", "comparatif", "comparateur", "casino", "casinos", "crédit", "crédits",
           "rachat de crédit", "réplique", "répliques", "airsoft", "cbd", "vpn", "promo", "code promo",
           "pas cher", "paris sportifs", "bitcoin", "crypto", "viagra", "escort", "voyance", "forex")
_LEXICON = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(LEXICON, key=len, reverse=True))
                      + r")(?!\w)", re.IGNORECASE)
_URL = re.compile(r"(?:https?:)?//[^\s<>()\[\]{}\"'`|,;]+", re.IGNORECASE)
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
_MEETING = re.compile(r"^meetings/(\d{4})-(\d{2})-(\d{2})-[^/]+\.md$")
MAINTAINER = "nécessite un·e mainteneur·euse"


class GitError(Exception):
    pass


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    result = subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, check=False)
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout


def _z(output: bytes) -> list[str]:
    return [item.decode("utf-8", "surrogateescape") for item in output.split(b"\0") if item]


def changed_files(root: Path, base: str) -> tuple[str, dict[str, str]]:
    """Merge base and ``{path: status}`` (A, M, D, T) of the working tree against it, untracked included."""
    merge_base = git(root, "merge-base", base, "HEAD").decode().strip()
    items = _z(git(root, "diff", "--name-status", "--no-renames", "-z", merge_base))
    changes = {items[i + 1]: items[i][0] for i in range(0, len(items) - 1, 2)}
    for path in _z(git(root, "ls-files", "--others", "--exclude-standard", "-z")):
        changes[path] = "A"
    return merge_base, dict(sorted(changes.items()))


def read_blobs(root: Path, rev: str, paths: Iterable[str]) -> dict[str, bytes]:
    """Contents of ``paths`` at ``rev`` (missing ones omitted), through one ``git cat-file --batch``."""
    wanted = sorted(set(paths))
    if not wanted:
        return {}
    out = git(root, "cat-file", "--batch", stdin="".join(f"{rev}:{p}\n" for p in wanted).encode())
    blobs: dict[str, bytes] = {}
    position = 0
    for path in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) >= 2 and header[-1] == b"missing":
            continue
        size = int(header[2])
        blobs[path] = out[position:position + size]
        position += size + 1
    return blobs


def domain(url: str) -> str | None:
    host = (urlsplit(url if "//" in url[:8] else "//" + url).hostname or "").lower().rstrip(".")
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def url_domains(text: str) -> Iterable[tuple[int, int, str]]:
    """(line, col, domain) of every absolute URL in ``text``."""
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _URL.finditer(line):
            found = domain(match.group(0))
            if found:
                yield number, match.start() + 1, found


def added_lines(root: Path, merge_base: str, path: str, status: str, text: str) -> set[int]:
    if status == "A":
        return set(range(1, text.count("\n") + 2))
    diff = git(root, "diff", "-U0", "--no-renames", "--no-color", merge_base, "--", path).decode("utf-8", "replace")
    lines: set[int] = set()
    for match in _HUNK.finditer(diff):
        start, count = int(match.group(1)), int(match.group(2) or "1")
        lines.update(range(start, start + count))
    return lines


def _refuse(path: str, code: str, message: str, hint: str) -> Problem:
    return Problem(Location(path), code, message, hint, severity="refus")


def _note(path: str, line: int, col: int, code: str, message: str, hint: str) -> Problem:
    return Problem(Location(path, line, col), code, message, hint, severity="à vérifier")


def gate(root: Path, changes: dict[str, str], *, maintainer: bool = False) -> list[Problem]:
    """Refusals: symlinks, code or unexpected file types, size, encoding."""
    problems: list[Problem] = []
    for entry in _z(git(root, "ls-files", "-s", "-z")):
        mode, _, rest = entry.partition(" ")
        if mode == "120000":
            problems.append(_refuse(rest.split("\t", 1)[1], "C-LIEN", "lien symbolique dans le dépôt",
                                    "remplacez-le par une copie du fichier (un lien peut publier un fichier privé)"))
    for path, status in changes.items():
        full = root / path
        if full.is_symlink():
            problems.append(_refuse(path, "C-LIEN", "lien symbolique refusé",
                                    "remplacez-le par une copie du fichier (un lien peut publier un fichier privé)"))
            continue
        suffix = Path(path).suffix.lower()
        if not path.startswith(CONTENT_FOLDERS):
            if not maintainer:
                problems.append(_refuse(path, "C-CODE", f"fichier hors des dossiers de contenu : {MAINTAINER}",
                                        "une contribution de contenu ne modifie que actors/, meetings/, actions/ "
                                        "ou content/"))
        elif suffix not in CONTENT_SUFFIXES and status != "D" and not maintainer:
            problems.append(_refuse(path, "C-TYPE", f"type de fichier « {suffix or 'sans extension'} » : {MAINTAINER}",
                                    "contenu permis : .md, .yml, images .png/.jpg/.webp/.gif, .pdf"))
        if status == "D" or not full.is_file():
            continue
        size = full.stat().st_size
        if size > MAX_BYTES:
            problems.append(_refuse(path, "C-TAILLE", f"fichier trop gros ({size_label(size)}, maximum {size_label(MAX_BYTES)})",
                                    "réduisez l'image ou découpez le texte"))
        elif suffix in TEXT_SUFFIXES:
            try:
                full.read_bytes().decode("utf-8")
            except UnicodeDecodeError as exc:
                problems.append(_refuse(path, "C-ENCODAGE", f"texte non UTF-8 (octet 0x{exc.object[exc.start]:02x})",
                                        "enregistrez le fichier en UTF-8"))
    return problems


def _paragraphs(lines: list[str]) -> Iterable[tuple[int, list[str]]]:
    start, block = 0, []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def findings(root: Path, merge_base: str, changes: dict[str, str], *, max_age_days: int,
             today: date) -> list[Problem]:
    """What a human reviewer should look at: new domains, link density, lexicon, old minutes."""
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    for path, status in changes.items():
        full = root / path
        if (status != "D" and path.startswith(CONTENT_FOLDERS) and Path(path).suffix.lower() in LINKED_SUFFIXES
                and full.is_file() and not full.is_symlink()):
            try:
                texts[path] = full.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
    listed = _z(git(root, "ls-tree", "-r", "-z", "--name-only", merge_base, "--", *CONTENT_FOLDERS))
    known: set[str] = set()
    for blob in read_blobs(root, merge_base, [p for p in listed if Path(p).suffix in LINKED_SUFFIXES]).values():
        known.update(d for _, _, d in url_domains(blob.decode("utf-8", "replace")))
    for path, text in texts.items():
        added = added_lines(root, merge_base, path, changes[path], text)
        seen: set[str] = set()
        for line, col, found in url_domains(text):
            if line in added and found not in known and found not in seen:
                seen.add(found)
                problems.append(_note(path, line, col, "A-DOMAINE", f"nouveau domaine externe « {found} »",
                                      f"lien vers un site jamais cité jusqu'ici : {MAINTAINER} pour l'accepter"))
        lines = text.split("\n")
        for start, block in _paragraphs(lines):
            span = set(range(start, start + len(block)))
            count = sum(1 for b in block for m in _URL.finditer(b) if domain(m.group(0)))
            if span & added and count >= DENSITY:
                problems.append(_note(path, start, 1, "A-DENSITE", f"{count} liens externes dans un même paragraphe",
                                      "signe fréquent de spam (référencement) : vérifiez chaque lien"))
        for number in sorted(added):
            if number <= len(lines):
                for match in _LEXICON.finditer(lines[number - 1]):
                    problems.append(_note(path, number, match.start() + 1, "A-LEXIQUE",
                                          f"vocabulaire commercial « {match.group(0)} »",
                                          "signal faible : vérifiez que le texte n'est pas publicitaire"))
    limit = today - timedelta(days=max_age_days)
    for path, status in changes.items():
        match = _MEETING.match(path)
        if match and status == "M":
            try:
                held = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                continue
            if held < limit:
                problems.append(_note(path, 1, 1, "A-ANCIEN",
                                      f"modification d'un compte-rendu de plus de {max_age_days} jours "
                                      f"(réunion du {held.isoformat()})",
                                      "inhabituel : vérifiez que l'ajout vient bien des participants"))
    return problems
