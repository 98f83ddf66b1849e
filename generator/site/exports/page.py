"""The ``/donnees/`` page: every open-data file with its size, record count, licence and date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from generator.site.render import date_fr, page_md
from generator.config import Settings

NATIONAL_SCHEMA = "https://schema.data.gouv.fr/LaMednum/standard-mediation-num/"
DATAGOUV_NEW = "https://www.data.gouv.fr/fr/admin/dataset/new/"
CARTO_CONTACT = "cartographie.sonum@anct.gouv.fr"


@dataclass(frozen=True)
class Entry:
    path: str  # relative to donnees/
    title: str
    description: str
    size: int
    count: str  # e.g. « 42 lieux »
    download: str = ""


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} octets"
    if size < 1_000_000:
        return f"{size / 1000:.1f} ko".replace(".", ",")
    return f"{size / 1_000_000:.1f} Mo".replace(".", ",")


def _row(entry: Entry) -> str:
    download = f' download="{escape(entry.download)}"' if entry.download else ""
    return (f'<tr><td><a href="{escape(entry.path)}"{download}><code>{escape(entry.path)}</code></a></td>'
            f"<td>{escape(entry.title)}<br><small>{escape(entry.description)}</small></td>"
            f"<td>{escape(entry.count)}</td><td>{escape(human_size(entry.size))}</td></tr>")


def render_page(entries: list[Entry], settings: Settings, day: date, csv_name: str) -> str:
    licence = (f'<a href="{escape(settings.licence_url)}">{escape(settings.licence)}</a>'
               if settings.licence_url else escape(settings.licence))
    rows = "\n".join(_row(e) for e in entries)
    html = f"""
<p>Les données de « {escape(settings.nom_reseau)} » sont ouvertes : vous pouvez les télécharger,
les réutiliser et les republier librement sous {licence}, en citant la source
« {escape(settings.source)} ».</p>
<p>Dernière mise à jour : <strong>{escape(date_fr(day))}</strong>
(<time datetime="{escape(str(day))}">{escape(str(day))}</time>).</p>
<h2 id="fichiers">Fichiers</h2>
<table>
<thead><tr><th>Fichier</th><th>Contenu</th><th>Enregistrements</th><th>Taille</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<p>Le fichier des lieux suit le standard national
<a href="{NATIONAL_SCHEMA}">« lieux de médiation numérique » v1.0.2</a> : 32 colonnes dans l'ordre du
schéma, séparateur « , », valeurs multiples séparées par « | », horaires au format OpenStreetMap,
téléphones au format +33, dates AAAA-MM-JJ. Le nom recommandé par le standard est
<code>{escape(csv_name)}</code> : c'est le nom proposé au téléchargement.</p>
<h2 id="calendrier">S'abonner au calendrier et aux comptes-rendus</h2>
<p>Ajoutez l'adresse du fichier <code>reunions.ics</code> comme « calendrier par URL » (abonnement)
dans votre agenda : les réunions prévues, tenues ou annulées s'y mettent à jour toutes seules.
Le fil <code>comptes-rendus.xml</code> (RSS) s'ajoute à un lecteur de flux.</p>
<h2 id="base-nationale">Déclarer le jeu de données à la base nationale</h2>
<ol>
<li>Publiez le fichier CSV des lieux sur <a href="{DATAGOUV_NEW}">data.gouv.fr</a> au nom de
la structure productrice, sous la licence indiquée ci-dessus ; mettez de préférence l'adresse
permanente de ce fichier comme ressource distante, pour qu'elle suive chaque mise à jour du site.</li>
<li>Sur la page du jeu de données, associez la ressource au schéma
<a href="{NATIONAL_SCHEMA}">« Lieux de médiation numérique »</a> : data.gouv.fr la valide
alors automatiquement.</li>
<li>Écrivez à l'équipe de la cartographie nationale
(<a href="mailto:{CARTO_CONTACT}">{CARTO_CONTACT}</a>) avec l'adresse du jeu de données,
pour que les lieux soient repris dans la cartographie nationale des lieux de médiation numérique.</li>
</ol>
<h2 id="schemas">Schémas des fichiers de contenu</h2>
<p>Les schémas JSON du dossier <code>schemas/</code> décrivent les fichiers de contenu du site
(structures, personnes, réunions, fiches actions, vocabulaires) : un éditeur compatible
les utilise pour aider à la saisie (voir la page « Contribuer »).</p>
"""
    return page_md("Données ouvertes", html,
                   description=f"Données ouvertes — {settings.nom_reseau} : lieux, réunions, actions.")
