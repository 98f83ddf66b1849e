"""Synthetic records (plain dicts of strings) for structures, people, meetings and actions."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from slugify import slugify

from benchmarks import synth_text as text
from generator.models import vocab

TODAY = date(2026, 1, 1)  # fixed: the corpus must not depend on the clock
TYPES = (  # (typology code, name prefix, weight)
    ("BIB", "Médiathèque", 14), ("EPN", "Espace public numérique", 12), ("RFS", "France Services", 10),
    ("CCAS", "CCAS", 8), ("CS", "Centre social", 8), ("MUNI", "Mairie", 10), ("ASSO", "Association numérique", 8),
    ("TIERS_LIEUX", "Tiers-lieu", 6), ("MJC", "MJC", 5), ("PIJ_BIJ", "Point information jeunesse", 4),
    ("FABLAB", "Fablab", 3), ("ENM", "Bus numérique", 3), ("ML", "Mission locale", 4),
    ("CC", "Communauté de communes", 3), ("EVS", "Espace de vie sociale", 2),
)
HOURS = (
    "Mo-Fr 09:00-12:00,14:00-17:00", "Tu,Th 14:00-18:00; Sa 09:00-12:00", "Mo-Sa 10:00-18:00",
    "We 09:00-12:00", "Mo 13:30-17:30; Tu-Fr 09:00-12:00,13:30-17:30", "Tu-Sa 10:00-12:30,14:00-18:00",
)
SERIES = ("comite-pilotage", "cafe-mednum", "webinaire-mensuel", "rencontre-departementale")
MEETING_TITLES = ("Réunion du réseau", "Café mednum", "Webinaire", "Comité de pilotage FNE", "Atelier d'échange",
                  "Rencontre départementale", "Groupe de travail")
ACTION_VERBS = ("Cartographier", "Former", "Mutualiser", "Équiper", "Accompagner", "Faire connaître",
                "Organiser", "Outiller")
ACTION_OBJECTS = ("les lieux de médiation", "les aidants", "le matériel reconditionné", "les permanences itinérantes",
                  "les travailleurs sociaux", "les ateliers seniors", "les jeunes en insertion", "les bénévoles")


def _subset(rng: random.Random, pool: Any, low: int, high: int) -> list[str]:
    items = list(pool)
    return sorted(rng.sample(items, min(len(items), rng.randint(low, high))))


def _maybe(rng: random.Random, p: float, value: Any) -> Any:
    return value if rng.random() < p else None


def _name(prefix: str, commune: str) -> str:
    return f"{prefix} d'{commune}" if commune[0] in "AEIOUÉÈÊÎÔYaeiouy" else f"{prefix} de {commune}"


def structures(rng: random.Random, n: int, places: list[Any], ids: dict[str, list[str]],
               used: set[str]) -> dict[str, dict[str, Any]]:
    weights = [max(p.population, 50) ** 0.6 for p in places]
    types = [t for t in TYPES if t[0] in vocab.TYPOLOGIES]
    out: dict[str, dict[str, Any]] = {}
    for _ in range(n):
        code, prefix, _weight = rng.choices(types, weights=[t[2] for t in types])[0]
        place = rng.choices(places, weights=weights)[0] if rng.random() < 0.7 else rng.choice(places)
        nom = _name(prefix, place.nom)
        slug = _slug(nom, used)
        itinerant = code == "ENM" or rng.random() < 0.08
        same_dept = [p.code for p in places if p.departement == place.departement]
        located = rng.random() < 0.4
        out[slug] = {
            "pivot": _maybe(rng, 0.5, f"{rng.randint(10**13, 10**14 - 1)}"),
            "nom": nom,
            "typologie": [code],
            "adresse": text.address(rng),
            "code_postal": place.codes_postaux[0] if place.codes_postaux else f"{place.departement}000",
            "commune": place.nom,
            "code_insee": place.code if rng.random() < 0.9 else None,
            "latitude": f"{place.lat + rng.uniform(-0.01, 0.01):.5f}" if located else None,
            "longitude": f"{place.lon + rng.uniform(-0.01, 0.01):.5f}" if located else None,
            "telephone": _maybe(rng, 0.8, f"04 {rng.randint(10, 99)} {rng.randint(10, 99)} "
                                          f"{rng.randint(10, 99)} {rng.randint(10, 99)}"),
            "courriels": [f"contact@{slug[:30].strip('-')}.fr"] if rng.random() < 0.6 else [],
            "site_web": [f"https://www.{slug[:40].strip('-')}.fr"] if rng.random() < 0.5 else [],
            "horaires": _maybe(rng, 0.6, rng.choice(HOURS)),
            "presentation_resume": _maybe(rng, 0.8, text.sentence(rng, 10, 30)[:280]),
            "presentation_detail": _maybe(rng, 0.3, text.paragraph(rng, rng.randint(3, 10))[:5000]),
            "source": "Corpus synthétique",
            "itinerance": ["Itinérant"] if itinerant else _maybe(rng, 0.4, ["Fixe"]),
            "services": _subset(rng, vocab.SERVICES, 1, 5),
            "publics_specifiquement_adresses": _subset(rng, vocab.PUBLICS, 1, 2) if rng.random() < 0.3 else [],
            "prise_en_charge_specifique": _subset(rng, vocab.PRISE_EN_CHARGE, 1, 2) if rng.random() < 0.2 else [],
            "frais_a_charge": _subset(rng, vocab.FRAIS, 1, 1) if rng.random() < 0.7 else [],
            "dispositif_programmes_nationaux": _subset(rng, vocab.DISPOSITIFS, 1, 2) if rng.random() < 0.4 else [],
            "formations_labels": _subset(rng, vocab.FORMATIONS_LABELS, 1, 1) if rng.random() < 0.1 else [],
            "modalites_acces": _subset(rng, vocab.MODALITES_ACCES, 1, 3) if rng.random() < 0.6 else [],
            "modalites_accompagnement": (_subset(rng, vocab.MODALITES_ACCOMPAGNEMENT, 1, 3)
                                         if rng.random() < 0.6 else []),
            "reseaux": [rng.choice(ids["reseaux"])] if rng.random() < 0.7 else [],
            "zone_intervention": _subset(rng, same_dept, 3, 8) if itinerant else [],
            "date_maj": (TODAY - timedelta(days=rng.randint(0, 900))).isoformat(),
        }
    return out


def _slug(label: str, used: set[str]) -> str:
    base = slugify(label)[:60].strip("-") or "fiche"
    slug, index = base, 2
    while slug in used:
        slug, index = f"{base}-{index}", index + 1
    used.add(slug)
    return slug


def people(rng: random.Random, n: int, structure_slugs: list[str], ids: dict[str, list[str]],
           used: set[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for index in range(n):
        nom = text.person_name(rng)
        slug = _slug(f"{nom} {index}", used)
        consent = rng.random() < 2 / 3
        out[slug] = {
            "nom": nom,
            "fictif": "true",
            "structures": _subset(rng, structure_slugs, 1, 2),
            "role": rng.choice(text.ROLES),
            "competences": _subset(rng, ids["competences"], 1, 4),
            "appetences": _subset(rng, ids["competences"], 0, 3),
            "presentation": _maybe(rng, 0.5, text.paragraph(rng, 2)[:600]),
            "publication": ({"consentie": "true", "date": (TODAY - timedelta(days=rng.randint(0, 700))).isoformat(),
                             "par": "courriel"} if consent else None),
        }
    return out


def meetings_and_actions(rng: random.Random, n_meetings: int, n_actions: int,
                         structures: dict[str, dict[str, Any]], people: dict[str, dict[str, Any]],
                         places: list[Any], ids: dict[str, list[str]], used: set[str]
                         ) -> tuple[dict[str, tuple[dict[str, Any], str]], dict[str, tuple[dict[str, Any], str]]]:
    actors = sorted(structures) + sorted(people)
    meeting_slugs: list[tuple[str, date, str]] = []
    for _ in range(n_meetings):
        day = TODAY + timedelta(days=rng.randint(-2200, 180))
        titre = f"{rng.choice(MEETING_TITLES)} — {rng.choice(places).nom}"
        meeting_slugs.append((_slug(f"{day.isoformat()} {titre}", used), day, titre))
    action_slugs = [_slug(f"{rng.choice(ACTION_VERBS)} {rng.choice(ACTION_OBJECTS)} {rng.choice(places).nom}", used)
                    for _ in range(n_actions)]
    meetings: dict[str, tuple[dict[str, Any], str]] = {}
    for slug, day, titre in meeting_slugs:
        past = day < TODAY
        start = rng.choice(("09:00", "09:30", "10:00", "14:00"))
        meetings[slug] = ({
            "titre": titre, "date": day.isoformat(),
            "statut": ("tenue" if rng.random() < 0.9 else "annulee") if past else "prevue",
            "format": rng.choice(("visio", "presentiel", "hybride")),
            "lieu": _maybe(rng, 0.6, rng.choice(places).nom),
            "heure_debut": start, "heure_fin": "12:00" if start < "12:00" else "17:00",
            "reseau": _maybe(rng, 0.7, rng.choice(ids["reseaux"])),
            "serie": _maybe(rng, 0.3, rng.choice(SERIES)),
            "animation": _subset(rng, actors, 1, 2), "participants": _subset(rng, actors, 3, 15),
            "nombre_participants": _maybe(rng, 0.5, str(rng.randint(5, 60))),
            "themes": _subset(rng, ids["thematiques"], 0, 2),
            "actions": _subset(rng, action_slugs, 0, 2) if rng.random() < 0.3 else [],
        }, f"# {titre}\n\n" + text.markdown_body(rng, rng.randint(300, 1500)))
    actions: dict[str, tuple[dict[str, Any], str]] = {}
    structure_slugs = sorted(structures)
    for slug in action_slugs:
        place = rng.choice(places)
        titre = slug.replace("-", " ").capitalize()
        actions[slug] = ({
            "titre": titre, "thematiques": _subset(rng, ids["thematiques"], 1, 2),
            "statut": rng.choice(("proposee", "en-cours", "en-cours", "realisee", "abandonnee")),
            "porteurs": _subset(rng, structure_slugs, 1, 2), "partenaires": _subset(rng, structure_slugs, 0, 3),
            "issue_de": [rng.choice(meeting_slugs)[0]] if rng.random() < 0.5 else [],
            "territoire": [place.departement] if rng.random() < 0.5 else [place.code],
            "public_cible": _maybe(rng, 0.7, text.sentence(rng, 3, 8)[:300]),
            "echeance": _maybe(rng, 0.6, (TODAY + timedelta(days=rng.randint(30, 700))).isoformat()),
            "indicateurs": [text.sentence(rng, 3, 7)[:300] for _ in range(rng.randint(0, 3))],
            "date_maj": (TODAY - timedelta(days=rng.randint(0, 400))).isoformat(),
        }, text.markdown_body(rng, rng.randint(150, 500)))
    return meetings, actions
