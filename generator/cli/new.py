"""``python -m generator new {structure,personne,reunion,action}``: start a record from a commented model.

The file is written only if it does not exist yet; every optional field is present as a
comment so a contributor sees what can be filled without reading the documentation.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from slugify import slugify

from generator.cli.args import add_root
from generator.rules.placeholders import NEW_ADDRESS, NEW_COMMUNE, NEW_POSTCODE, NEW_RESUME


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def structure_text(nom: str, commune: str, code_postal: str, today: date) -> str:
    return f"""nom: {_q(nom)}
typologie: []            # codes : EPN, BIB (médiathèque), RFS (France Services), CCAS, ASSO, MUNI…
adresse: {_q(NEW_ADDRESS)}     # signalé par check tant qu'il n'est pas remplacé
code_postal: {_q(code_postal)}
commune: {_q(commune)}
# code_insee: "05179"     # code INSEE de la commune (différent du code postal)
# latitude: 44.53         # facultatif : sinon la mairie de la commune (position approximative)
# longitude: 5.82
# telephone: "04 92 00 00 00"
# courriels: [contact@exemple.fr]
# site_web: ["https://www.exemple.fr"]
# horaires: "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"   # format OpenStreetMap
# presentation_resume: {_q(NEW_RESUME)}
services: []             # ex. [Aide aux démarches administratives, Maîtrise des outils numériques du quotidien]
# publics_specifiquement_adresses: [Seniors]
# modalites_acces: [Se présenter, Téléphoner]
# modalites_accompagnement: [Accompagnement individuel, Dans un atelier collectif]
# frais_a_charge: [Gratuit]
# dispositif_programmes_nationaux: [Conseillers numériques]
# fiche_acces_libre: "https://acceslibre.beta.gouv.fr/…"
# prise_rdv: "https://…"
date_maj: {_q(today.isoformat())}
# reseaux: [identifiant-du-reseau]
"""


def person_text(nom: str, structure: str, today: date) -> str:
    return f"""nom: {_q(nom)}
structures: [{structure}]
# role: Conseillère numérique
competences: []          # identifiants de actors/competences.yml
appetences: []           # ce que la personne souhaite développer
# presentation: "Quelques mots (600 caractères au plus)."
publication:
  consentie: false       # passer à true seulement avec l'accord écrit de la personne
  # date: "{today.isoformat()}"   # date de l'accord
  # par: coordination du réseau
"""


def meeting_text(titre: str, day: date) -> str:
    return f"""---
titre: {_q(titre)}
date: {_q(day.isoformat())}
statut: prevue           # tenue | annulee | prevue
format: visio            # visio | presentiel | hybride
# lieu: identifiant-d-une-structure   # ou un lieu en clair : "Privas, salle Ouvèze"
# heure_debut: "10:00"
# heure_fin: "12:00"
# reseau: identifiant-du-reseau
# serie: webinaires-{day.year}
animation: []
participants: []         # identifiants de structures ou de personnes
# nombre_participants: 12
themes: []
actions: []
---
## Ordre du jour

## Échanges

## Suites
"""


def action_text(titre: str, today: date) -> str:
    return f"""---
titre: {_q(titre)}
thematiques: []          # identifiants de actions/thematiques.yml
statut: proposee         # proposee | en-cours | realisee | abandonnee
porteurs: []             # identifiants de structures
partenaires: []
issue_de: []             # comptes-rendus d'origine (nom du fichier sans .md)
territoire: []           # départements ("07") ou codes INSEE
# public_cible: Médiateurs et travailleurs sociaux
# echeance: "{today.year + 1}-06-30"
indicateurs: []
date_maj: {_q(today.isoformat())}
---
## Constat

## Objectifs

## Étapes
"""


def _write(path: Path, text: str) -> int:
    if path.exists():
        print(f"{path} existe déjà : rien n'a été écrit. Modifiez ce fichier ou choisissez un autre nom.")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Créé : {path}\nComplétez-le, puis vérifiez avec : python -m generator check")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    today = date.today()
    root: Path = args.root
    if args.type == "structure":
        slug = slugify(args.titre)
        if slugify(args.commune) not in slug:
            slug = slugify(f"{args.titre} {args.commune}")
        return _write(root / "actors" / "structures" / f"{slug}.yml",
                      structure_text(args.titre, args.commune, args.code_postal, today))
    if args.type == "personne":
        return _write(root / "actors" / "people" / f"{slugify(args.titre)}.yml",
                      person_text(args.titre, args.structure, today))
    if args.type == "reunion":
        day = date.fromisoformat(args.date) if args.date else today
        return _write(root / "meetings" / f"{day.isoformat()}-{slugify(args.titre)}.md", meeting_text(args.titre, day))
    return _write(root / "actions" / f"{slugify(args.titre)}.md", action_text(args.titre, today))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("new", help="créer une fiche à compléter (structure, personne, réunion, action)")
    parser.add_argument("type", choices=("structure", "personne", "reunion", "action"), help="type de fiche")
    parser.add_argument("titre", help="nom de la structure ou de la personne, titre de la réunion ou de l'action")
    parser.add_argument("--commune", default=NEW_COMMUNE, help="commune (structure)")
    parser.add_argument("--code-postal", default=NEW_POSTCODE, help="code postal (structure)")
    parser.add_argument("--structure", default="identifiant-de-la-structure", help="structure (personne)")
    parser.add_argument("--date", help="date AAAA-MM-JJ (réunion)")
    add_root(parser)
    parser.set_defaults(func=cmd_new)
