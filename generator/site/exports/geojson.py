"""GeoJSON FeatureCollection of the structures that have a position (explicit or mairie point)."""

from __future__ import annotations

import json
from typing import Any

from generator.load.corpus import Corpus
from generator.site.exports.common import page_url
from generator.models.vocab import TYPOLOGIES
from generator.config import Settings


def feature(slug: str, corpus: Corpus, settings: Settings) -> dict[str, Any] | None:
    position = corpus.positions.get(slug)
    if position is None:
        return None
    s = corpus.structures[slug].model
    properties: dict[str, Any] = {
        "id": s.id or slug,
        "nom": s.nom,
        "adresse": s.adresse or "",
        "code_postal": s.code_postal,
        "commune": s.commune,
        "code_insee": s.code_insee or "",
        "typologie": [TYPOLOGIES.get(code, code) for code in s.typologie],
        "services": list(s.services),
        "dispositif_programmes_nationaux": list(s.dispositif_programmes_nationaux),
        "telephone": s.telephone or "",
        "site_web": list(s.site_web),
        "horaires": s.horaires or "",
        "itinerance": list(s.itinerance),
        "date_maj": s.date_maj.isoformat(),
        "page": page_url(settings, f"annuaire/{slug}/"),
        "position_approximative": position.approximate,
        "partenaire": s.is_partner,  # receives no public: not a lieu (README « Lieux et partenaires »)
    }
    return {
        "type": "Feature",
        "id": s.id or slug,
        "geometry": {"type": "Point", "coordinates": [round(position.lon, 6), round(position.lat, 6)]},
        "properties": properties,
    }


def to_geojson(corpus: Corpus, settings: Settings) -> str:
    features = [f for slug in sorted(corpus.structures) if (f := feature(slug, corpus, settings))]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
