"""iCalendar feed of every meeting (subscribable): stable UIDs, DTSTAMP from SOURCE_DATE_EPOCH.

Meetings without hours are all-day events; others are Europe/Paris local times with a fixed
VTIMEZONE (EU rules since 1996), written by hand so the file does not depend on the tzdata
version of the build machine.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from generator.load.corpus import Corpus, Record
from generator.rules.build_date import build_datetime
from generator.site.exports.common import page_url, site_host
from generator.site.exports.text import first_paragraph
from generator.models.meeting import MEETING_FORMAT_LABELS, Meeting
from generator.config import Settings

TZID = "Europe/Paris"
STATUS = {"tenue": "CONFIRMED", "annulee": "CANCELLED", "prevue": "TENTATIVE"}


def _transition(kind: type[TimezoneDaylight | TimezoneStandard], name: str, start: datetime,
                offset_from: int, offset_to: int) -> TimezoneDaylight | TimezoneStandard:
    """One yearly switch on the last Sunday of ``start``'s month (offsets in hours from UTC)."""
    part = kind()
    part.add("tzname", name)
    part.add("dtstart", start)
    part.add("tzoffsetfrom", timedelta(hours=offset_from))
    part.add("tzoffsetto", timedelta(hours=offset_to))
    part.add("rrule", {"freq": "yearly", "bymonth": start.month, "byday": "-1su"})
    return part


def paris_timezone() -> Timezone:
    tz = Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    tz.add_component(_transition(TimezoneDaylight, "CEST", datetime(1970, 3, 29, 2, 0, 0), 1, 2))
    tz.add_component(_transition(TimezoneStandard, "CET", datetime(1970, 10, 25, 3, 0, 0), 2, 1))
    return tz


def location(meeting: Meeting, corpus: Corpus) -> str:
    if meeting.lieu and meeting.lieu in corpus.structures:
        s = corpus.structures[meeting.lieu].model
        return ", ".join(part for part in (s.nom, s.adresse, f"{s.code_postal} {s.commune}".strip()) if part)
    if meeting.lieu:
        return meeting.lieu
    return MEETING_FORMAT_LABELS[meeting.format] if meeting.format == "visio" else ""


def _local(day: date, hhmm: str) -> datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(TZID))


def event(record: Record[Meeting], corpus: Corpus, settings: Settings) -> Event:
    m = record.model
    ev = Event()
    ev.add("uid", f"{record.slug}@{site_host(settings)}")
    ev.add("dtstamp", build_datetime(corpus))
    ev.add("summary", m.titre)
    if m.heure_debut:
        ev.add("dtstart", _local(m.date, m.heure_debut))
        if m.heure_fin:
            ev.add("dtend", _local(m.date, m.heure_fin))
    else:
        ev.add("dtstart", m.date)
        ev.add("dtend", m.date + timedelta(days=1))
    ev.add("status", STATUS[m.statut])
    where = location(m, corpus)
    if where:
        ev.add("location", where)
    url = page_url(settings, f"comptes-rendus/{record.slug}/")
    ev.add("url", url)
    summary = first_paragraph(record.body, record.path)
    ev.add("description", (summary + "\n\n" if summary else "") + f"Compte-rendu : {url}")
    ev.add("categories", [MEETING_FORMAT_LABELS[m.format]])
    return ev


def to_ical(corpus: Corpus, settings: Settings) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{site_host(settings)}//Réunions du réseau//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Réunions — {settings.nom_reseau}")
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    cal.add_component(paris_timezone())
    for record in corpus.meetings_by_date():
        cal.add_component(event(record, corpus, settings))
    ics: bytes = cal.to_ical()  # not annotated in icalendar
    return ics
