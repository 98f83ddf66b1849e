"""Reading sources tolerantly: UTF-8 (with or without BOM) else Windows-1252, JSON, embedded CSV cells."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Location, Problem


def fail(path: Path, message: str, hint: str = "") -> ContentError:
    return ContentError([Problem(Location(path.name), "I-FICHIER", message, hint)])


def unreadable(exc: OSError, what: str, kinds: str = "CSV, JSON, XLSX ou ODS") -> tuple[str, str]:
    """Why ``what`` (« fichier », « fichier de correspondance »…) cannot be read, and the fix, in French."""
    if isinstance(exc, FileNotFoundError):
        return f"{what} introuvable", "vérifiez le chemin et le nom du fichier (ls, ou glissez-le dans le terminal)"
    if isinstance(exc, IsADirectoryError):
        return f"c'est un dossier, pas un {what}", f"donnez le chemin d'un fichier {kinds} de ce dossier"
    if isinstance(exc, PermissionError):
        return f"{what} illisible : lecture refusée", "vérifiez les droits du fichier (chmod u+r)"
    return f"{what} illisible (erreur système {exc.errno})", "vérifiez le fichier et le disque, puis relancez"


# Bytes no CSV or JSON text contains: C0 controls other than tab, line feed, carriage return, form feed.
_CONTROLS = frozenset(range(32)) - {9, 10, 12, 13}
_SIGNATURES = {b"PK\x03\x04": "un classeur XLSX ou ODS (archive zip)", b"%PDF": "un PDF",
               b"\xd0\xcf\x11\xe0": "un ancien classeur Excel (.xls)"}


def _binary(path: Path, raw: bytes) -> ContentError | None:
    for magic, kind in _SIGNATURES.items():
        if raw.startswith(magic):
            return fail(path, f"ce fichier est {kind}, pas un CSV ni un JSON",
                        "donnez-lui l'extension .xlsx ou .ods s'il s'agit d'un classeur, "
                        "sinon enregistrez-le en CSV (UTF-8) depuis le tableur")
    sample = raw[:65536]
    if b"\x00" in sample or sum(b in _CONTROLS for b in sample) * 100 > len(sample):
        return fail(path, "fichier binaire : ce n'est ni un CSV, ni un JSON, ni un classeur",
                    "enregistrez-le en CSV (UTF-8), XLSX ou ODS depuis le tableur")
    return None


def read_text(path: Path, warnings: list[str]) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise fail(path, *unreadable(exc, "fichier")) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # « Texte Unicode » of Excel: UTF-16 with its BOM
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if (error := _binary(path, raw)) is not None:
        raise error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append(f"{path.name}: encodage UTF-8 invalide, lu comme Windows-1252")
        return raw.decode("cp1252", errors="replace")


def is_json(path: Path, text: str) -> bool:
    return path.suffix.lower() in (".json", ".geojson") or text.lstrip()[:1] in ("[", "{")


def load_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(path, f"JSON invalide ligne {exc.lineno}, colonne {exc.colno} : {exc.msg}") from None
    except RecursionError:
        raise fail(path, "JSON trop profondément imbriqué", "un objet par lieu, aux valeurs simples ou en listes") from None




def embedded_list(cell: str) -> list[str]:
    """A Bazar CSV multi-valued cell is itself a CSV line; mis-quoted cells fall back to a split on ','."""
    text = cell.strip()
    if not text:
        return []
    try:
        items = next(csv.reader([text], skipinitialspace=True))
    except (csv.Error, StopIteration):
        items = text.split(",")
    return [i.strip().strip('"').strip() for i in items if i.strip().strip('"').strip()]
