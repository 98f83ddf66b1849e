"""The JSON Schemas the « Proposer » form validates against, and their ajv validator module.

The schemas are pydantic's own (``model_json_schema``, as ``check`` and the published
``donnees/schemas/`` use), narrowed to what the form writes — every value a text — with the
formats ``check`` applies as patterns (dates, e-mails, numbers, telephones). Each pattern is
mapped to the error type of ``load/validate.py`` whose French message the browser shows.

The CSP forbids ``eval``: ajv compiles with ``new Function``. So the validators are compiled at
build time by Node with ajv's standalone code generation (``ajv/dist/standalone``) and shipped as
a plain script; the one runtime helper they require (``ucs2length``, lengths in code points as
Python counts them) is read from ``node_modules`` and bundled with them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.errors import ContentError, Location, Problem
from generator.models.common import DATE_RE, EMAIL_RE, INSEE_RE, POSTCODE_RE, SLUG_RE
from generator.models.standard import PIVOT_RE

NUMBER_PATTERN = r"^-?\d+(?:\.\d+)?$"
URL_PATTERN = "^https?://"
# French numbers as ``check`` reads them (10 digits, or +33 and the overseas prefixes): the browser's
# first filter; ``check`` (libphonenumber) stays the judge of the number itself.
PHONE_PATTERN = r"^(?:0[1-9](?:[ .\-]?\d{2}){4}|\+(?:33|590|594|262|596|269|687|689|508|681)[ .\-]?\(?0?\)?[ .\-]?\d(?:[ .\-]?\d){5,8})$"
PATTERN_ERRORS: dict[str, str] = {
    POSTCODE_RE.pattern: "code_postal_invalide",
    INSEE_RE.pattern: "code_insee_invalide",
    SLUG_RE.pattern: "identifiant_invalide",
    DATE_RE.pattern: "date_invalide",
    EMAIL_RE.pattern: "courriel_invalide",
    URL_PATTERN: "url_invalide",
    PIVOT_RE.pattern: "pivot_invalide",
    PHONE_PATTERN: "telephone_invalide",
    NUMBER_PATTERN: "float_parsing",
}
_FORMATS = {"date": DATE_RE.pattern, "email": EMAIL_RE.pattern}
_DROPPED = ("default", "title", "description", "format")
_RUNTIME = "ajv/dist/runtime/ucs2length"
_COMPILE = """
const Ajv = require("ajv/dist/2020").default;
const standalone = require("ajv/dist/standalone").default;
const schemas = JSON.parse(require("fs").readFileSync(0, "utf8"));
const ajv = new Ajv({allErrors: true, strict: false, code: {source: true, lines: false}});
const names = {};
for (const name of Object.keys(schemas).sort()) { ajv.addSchema({...schemas[name], $id: name}); names[name] = name; }
process.stdout.write(standalone(ajv, names));
"""


def _narrow(node: Any, name: str = "") -> Any:
    """``node`` as the form writes it: texts only, no ``null`` alternative, formats as patterns."""
    if isinstance(node, list):
        return [_narrow(item, name) for item in node]
    if not isinstance(node, dict):
        return node
    if "anyOf" in node:
        kept = [alt for alt in node["anyOf"] if alt != {"type": "null"}]
        if len(kept) == 1:
            merged = {**{k: v for k, v in node.items() if k != "anyOf"}, **kept[0]}
            return _narrow(merged, name)
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties":
            result[key] = {prop: _narrow(sub, prop) for prop, sub in value.items()}
        elif key not in _DROPPED:
            result[key] = _narrow(value, name)
    if node.get("format") in _FORMATS:
        result["pattern"] = _FORMATS[node["format"]]
    if result.get("type") in ("number", "integer"):
        result = {"type": "string", "pattern": NUMBER_PATTERN}
    if result.get("type") == "array" and "minLength" in result:
        result["minItems"] = result.pop("minLength")
    if name == "telephone" and result.get("type") == "string":
        result["pattern"] = PHONE_PATTERN
    return result


def browser_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The schema of ``model`` as the form's validator reads it."""
    return dict(_narrow(model.model_json_schema(mode="validation")))


def _problem(message: str, hint: str) -> ContentError:
    return ContentError([Problem(Location("package.json"), "B-NODE", message, hint)])


def validator_module(root: Path, schemas: dict[str, dict[str, Any]]) -> str:
    """A browser script defining ``window.ProposerValidateurs`` (one ajv validator per schema name)."""
    node = shutil.which("node")
    modules = root / "node_modules"
    if node is None:
        raise _problem("Node.js introuvable : le formulaire « Proposer » ne peut pas être construit",
                       "installez Node.js (paquet Debian « nodejs »), puis relancez la construction")
    runtime = modules / f"{_RUNTIME}.js"
    if not (modules / "ajv" / "package.json").is_file() or not runtime.is_file():
        raise _problem("ajv introuvable dans node_modules : le formulaire « Proposer » ne peut pas être construit",
                       "lancez « npm ci » à la racine du projet (ou « make build »)")
    done = subprocess.run([node, "-e", _COMPILE], input=json.dumps(schemas, sort_keys=True), capture_output=True,
                          text=True, encoding="utf-8", cwd=root, env={"NODE_PATH": str(modules), "PATH": ""},
                          timeout=120, check=False)
    if done.returncode != 0:
        raise _problem(f"compilation des validateurs ajv impossible ({done.stderr.strip()[:200]})",
                       "vérifiez l'installation de node_modules (« npm ci »)")
    code = done.stdout
    required = sorted(set(re.findall(r'require\("([^"]+)"\)', code)))
    if required != [_RUNTIME]:
        raise _problem(f"les validateurs ajv demandent des modules inattendus ({', '.join(required)})",
                       "signalez-le : le formulaire ne sait fournir que ucs2length")
    return (
        "/* Validateurs ajv du formulaire « Proposer », compilés à la construction (ajv standalone). */\n"
        "(function () {\n\"use strict\";\n"
        "var runtime = {exports: {}};\n(function (exports) {\n"
        f"{runtime.read_text(encoding='utf-8').split('//# sourceMappingURL')[0]}"
        "})(runtime.exports);\n"
        "var require = function () { return runtime.exports; };\n"
        "var exports = {};\n"
        f"{code}\n"
        "window.ProposerValidateurs = exports;\n})();\n"
    )
