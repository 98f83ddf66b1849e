"""The mapping file of ``import tableur`` (« correspondance »): which source columns give each field.

Read by our strict YAML loader (every scalar is text), checked key by key: an unknown field,
transform or key, or a column absent from the file, is a French error at the mapping's
``fichier:ligne:colonne``. A name without ``/`` nor ``.yml`` (``hinaura``) selects a preset
shipped in ``generator/mappings/``. The format is documented in the README (« Correspondance »).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Location, Problem, suggest
from generator.importers.readers import unreadable
from generator.load.yaml_strict import Document, load_bytes
from generator.models import standard
from generator.rules.folding import fold

PRESETS = Path(__file__).resolve().parent.parent / "mappings"
FIELDS = tuple(standard.COLUMN_NAMES)
LIST_FIELDS = frozenset(c.name for c in standard.COLUMNS if c.kind == "list")
TRANSFORMS = ("code_postal", "telephone", "horaires", "html", "liste", "date")
DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
FIELD_KEYS = ("colonnes", "separateur", "valeurs", "defaut", "transformations", "separateur_liste", "jours",
              "si_renseignee", "facultatif")
TOP_KEYS = ("source", "prefixe_id", "alias", "champs", "personnelles", "ignorees", "licence", "description")
YES = frozenset({"oui", "yes", "vrai", "true", "1"})


@dataclass
class FieldSpec:
    name: str
    columns: list[str] = field(default_factory=list)
    separator: str = " "
    values: dict[str, str] = field(default_factory=dict)
    default: str = ""
    transforms: list[str] = field(default_factory=list)
    list_separator: str = ","
    days: dict[str, str] = field(default_factory=dict)
    when_filled: dict[str, str] = field(default_factory=dict)
    optional: bool = False

    def sources(self) -> list[str]:
        return [*self.columns, *self.days.values(), *self.when_filled]


@dataclass
class Mapping:
    doc: Document
    source: str = ""
    id_prefix: str = ""
    aliases: dict[str, list[str]] = field(default_factory=dict)
    fields: dict[str, FieldSpec] = field(default_factory=dict)
    personal: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    licence: str = ""

    @property
    def name(self) -> str:
        return self.doc.path

    def used(self) -> set[str]:
        names = {c for spec in self.fields.values() for c in spec.sources()}
        return names | set(self.personal) | set(self.ignored) | ({self.licence} if self.licence else set())


def resolve(name: str | Path) -> Path:
    """A preset name (``hinaura``) → its shipped file; anything else is a path."""
    text = str(name)
    if "/" not in text and not text.endswith((".yml", ".yaml")) and (PRESETS / f"{text}.yml").is_file():
        return PRESETS / f"{text}.yml"
    return Path(text)


def presets() -> list[str]:
    return sorted(p.stem for p in PRESETS.glob("*.yml"))


class _Checker:
    def __init__(self, doc: Document) -> None:
        self.doc, self.problems = doc, list[Problem]()

    def error(self, loc: tuple[str | int, ...], message: str, hint: str = "", *, key: bool = False) -> None:
        self.problems.append(Problem(self.doc.locate(loc, key=key), "I-CORRESPONDANCE", message, hint))

    def text(self, value: Any, loc: tuple[str | int, ...]) -> str:
        if isinstance(value, str):
            return value
        self.error(loc, "texte attendu ici", "écrivez une seule valeur (entre guillemets si besoin)")
        return ""

    def texts(self, value: Any, loc: tuple[str | int, ...]) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [self.text(v, (*loc, i)) for i, v in enumerate(value)]
        self.error(loc, "liste de textes attendue", "exemple : [Numéro, Rue]")
        return []

    def table(self, value: Any, loc: tuple[str | int, ...]) -> dict[str, str]:
        if not isinstance(value, dict):
            self.error(loc, "table « valeur source: valeur » attendue", "exemple : {Oui: Itinérant, Non: Fixe}")
            return {}
        return {str(k): self.text(v, (*loc, k)) for k, v in value.items()}

    def spec(self, name: str, value: Any) -> FieldSpec:
        loc = ("champs", name)
        spec = FieldSpec(name)
        if isinstance(value, (str, list)):
            spec.columns = self.texts(value, loc)
            return spec
        if not isinstance(value, dict):
            self.error(loc, f"« {name} » : nom de colonne ou table de réglages attendu")
            return spec
        for key, item in value.items():
            here = (*loc, key)
            if key == "colonnes":
                spec.columns = self.texts(item, here)
            elif key in ("separateur", "defaut", "separateur_liste"):
                text = self.text(item, here)
                setattr(spec, {"separateur": "separator", "defaut": "default",
                               "separateur_liste": "list_separator"}[key], text)
            elif key == "valeurs":
                spec.values = self.table(item, here)
            elif key == "si_renseignee":
                spec.when_filled = self.table(item, here)
            elif key == "facultatif":
                spec.optional = fold(self.text(item, here)) in YES
            elif key == "transformations":
                spec.transforms = self.texts(item, here)
                for index, transform in enumerate(spec.transforms):
                    if transform not in TRANSFORMS:
                        hint = suggest(transform, TRANSFORMS) or "transformations possibles : " + ", ".join(TRANSFORMS)
                        self.error((*here, index), f"transformation « {transform} » inconnue", hint)
            elif key == "jours":
                spec.days = self.table(item, here)
                for day in spec.days:
                    if day not in DAYS:
                        self.error((*here, day), f"jour « {day} » inconnu", "jours : " + ", ".join(DAYS), key=True)
                if name != "horaires":
                    self.error(here, "« jours » ne sert que pour le champ horaires", key=True)
            else:
                self.error(here, f"réglage « {key} » inconnu pour un champ",
                           suggest(str(key), FIELD_KEYS) or "réglages : " + ", ".join(FIELD_KEYS), key=True)
        if not (spec.columns or spec.days or spec.when_filled or spec.default):
            self.error(loc, f"« {name} » ne dit d'où vient la valeur", "ajoutez « colonnes » ou « defaut »")
        return spec


def parse(doc: Document) -> Mapping:
    checker = _Checker(doc)
    data = doc.data
    mapping = Mapping(doc)
    if not isinstance(data, dict):
        raise ContentError([Problem(Location(doc.path), "I-CORRESPONDANCE", "table YAML attendue",
                                    "commencez par « champs: »")])
    for key, value in data.items():
        if key == "champs":
            if not isinstance(value, dict):
                checker.error((key,), "« champs » doit être une table champ → colonne(s)")
                continue
            for name, spec in value.items():
                if name not in FIELDS:
                    checker.error(("champs", name), f"champ « {name} » inconnu du standard",
                                  suggest(str(name), FIELDS) or "champs : " + ", ".join(FIELDS), key=True)
                    continue
                mapping.fields[name] = checker.spec(name, spec)
        elif key == "source":
            mapping.source = checker.text(value, (key,))
        elif key == "prefixe_id":
            mapping.id_prefix = checker.text(value, (key,))
        elif key == "licence":
            mapping.licence = checker.text(value, (key,))
        elif key == "description":
            checker.text(value, (key,))
        elif key in ("personnelles", "ignorees"):
            setattr(mapping, "personal" if key == "personnelles" else "ignored", checker.texts(value, (key,)))
        elif key == "alias":
            if isinstance(value, dict):
                mapping.aliases = {str(k): checker.texts(v, (key, k)) for k, v in value.items()}
            else:
                checker.error((key,), "« alias » doit être une table colonne → autres noms")
        else:
            checker.error((key,), f"clé « {key} » inconnue", suggest(str(key), TOP_KEYS)
                          or "clés : " + ", ".join(TOP_KEYS), key=True)
    if "champs" not in data:
        checker.error((), "la clé « champs » manque", "ajoutez « champs: » puis un champ par ligne")
    if checker.problems:
        raise ContentError(checker.problems)
    return mapping


def load(name: str | Path) -> Mapping:
    path = resolve(name)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        message, hint = unreadable(exc, "fichier de correspondance", "YAML (.yml)")
        if isinstance(exc, FileNotFoundError) and "/" not in str(name) and not str(name).endswith((".yml", ".yaml")):
            message = f"correspondance « {name} » inconnue : ni une correspondance fournie, ni un fichier"
            hint = "donnez le chemin d'un fichier .yml, ou le nom d'une correspondance fournie"
        hint += " ; correspondances fournies : " + ", ".join(presets())
        raise ContentError([Problem(Location(str(name)), "I-CORRESPONDANCE", message, hint)]) from None
    label = f"generator/mappings/{path.name}" if path.parent == PRESETS else str(name)
    return parse(load_bytes(raw, label))


def header_key(name: str) -> str:
    """Headers compared without case, accents, a final « * » (required Bazar field) nor ``_``/``-``."""
    return " ".join(fold(name).removesuffix("*").replace("_", " ").replace("-", " ").replace("’", "'").split())


def rename_table(mapping: Mapping, headers: list[str]) -> dict[str, str]:
    """Source header → the name the mapping uses (exact, loose, then through ``alias``)."""
    wanted = sorted(mapping.used() | set(mapping.aliases))
    by_key = {header_key(w): w for w in wanted}
    for canonical, others in mapping.aliases.items():
        for other in others:
            by_key.setdefault(header_key(other), canonical)
    prefixes = [(key.rstrip(".… "), name) for key, name in by_key.items() if key.endswith(("…", "..."))]
    renames: dict[str, str] = {}
    taken: set[str] = set()
    for exact in (True, False):
        for header in headers:
            if header in renames:
                continue
            key = header_key(header)
            target = header if exact and header in wanted else (None if exact else by_key.get(key) or next(
                (name for start, name in prefixes if key.startswith(start)), None))
            if target and target not in taken:
                renames[header] = target
                taken.add(target)
    return renames


def check_columns(mapping: Mapping, headers: list[str], file_name: str) -> dict[str, str]:
    """The renames; a required column the file lacks is an error at its place in the mapping.

    A name ending with « … » stands for every header that starts the same way (long form labels)."""
    renames = rename_table(mapping, headers)
    present = set(renames.values())
    checker = _Checker(mapping.doc)
    expected = [c for spec in mapping.fields.values() if not spec.optional for c in spec.sources()]
    missing = [c for c in dict.fromkeys(expected) if c not in present]
    hint = (f"colonnes attendues : {', '.join(dict.fromkeys(expected))} / trouvées : {', '.join(headers) or 'aucune'}"
            " — corrigez la correspondance (ou ajoutez un nom dans « alias ») ou marquez le champ « facultatif: oui »")
    for name, spec in mapping.fields.items():
        if spec.optional:
            continue
        for column in spec.sources():
            if column in missing:
                loc: tuple[str | int, ...] = ("champs", name)
                if column in spec.columns and isinstance(mapping.doc.data["champs"][name], dict):
                    loc = ("champs", name, "colonnes")
                checker.error(loc, f"colonne « {column} » absente de {file_name}", hint)
    if checker.problems:
        raise ContentError(checker.problems)
    return renames
