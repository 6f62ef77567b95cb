"""What a worker acts on, for one service in one language: one line of what it does, phones with
their `tel:` links, one line of how to refer, the address, the hours in words, how local it is,
and the two dates (sources consulted, confirmed with the organisation).

One module makes these facts for the service page's "at a glance" block, the finder's result
cards and the referral sheet, so the three say the same thing in the same words.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from atlas.site.render import hours_text, tel_href
from atlas.text.dates import long_date
from atlas.text.labels import label

if TYPE_CHECKING:
    from atlas.data.geography import Commune, Geography
    from atlas.data.model import Location, Service

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>&])")  # Markdown's backslash escapes: the sign itself
# a sentence ends at . ! ? followed by a space and a capital, a digit or an opening mark
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ0-9«\"(])")
_ABBREVIATION = re.compile(r"(?:(?:^|\s)[A-Z]|\b(?:art|p\.ex|e\.a|bv|cf|n°|tél|tel|St|Ste|Sint))\.$")


@dataclass(frozen=True)
class PhoneFact:
    number: str
    href: str
    label: str


@dataclass(frozen=True)
class PlaceFact:
    name: str
    address: str
    geo_href: str
    commune_nis: str
    hours: str
    hours_note: str
    accessibility: str


def plain_line(markdown: str) -> str:
    """A Markdown text as one plain line, as its page shows it: links keep their words, emphasis
    marks go, backslash escapes give their sign, character references (&amp;, &#60;…) their
    character (raw HTML is refused in data texts: atlas.data.fields). The line is text, to be
    escaped wherever it is put."""
    text = _ESCAPED.sub(lambda escaped: f"&#{ord(escaped.group(1))};", markdown)  # kept from the steps below
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(html.unescape(text).split())


def first_sentence(markdown: str, limit: int = 220, clause: bool = False) -> str:
    """The first sentence of a Markdown text, as plain text, at most about `limit` characters;
    with `clause`, only up to its first ';' (what to do first, without the alternatives)."""
    text = plain_line(markdown)
    sentence = text
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[: match.start()]):
            continue
        sentence = text[: match.start()]
        break
    if clause:
        head = re.split(r"\s*;\s*", sentence, maxsplit=1)[0]
        if len(head) >= 20:
            sentence = head if head.endswith((".", "!", "?")) else head + "."
    if len(sentence) > limit:
        cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:")
        sentence = cut + " …"
    return sentence


def address_text(location: Location, geography: Geography, lang: str) -> str:
    commune = geography.communes[location.commune]
    return ", ".join(filter(None, [location.street, f"{location.postcode} {commune.name(lang)}"]))


def geo_href(address: str) -> str:
    """A `geo:` link that asks the phone's own map application for the address (no map tiles,
    no request from the site)."""
    return "geo:0,0?q=" + quote(address + ", Belgique", safe="")


def places(service: Service, geography: Geography, lang: str) -> list[PlaceFact]:
    found = []
    for location in service.locations:
        address = address_text(location, geography, lang)
        found.append(
            PlaceFact(
                name=location.name[lang] if location.name else "",
                address=address,
                geo_href=geo_href(address),
                commune_nis=location.commune,
                hours=hours_text(location.hours, lang) if location.hours else "",
                hours_note=plain_line(location.hours_note[lang]) if location.hours_note else "",
                accessibility=plain_line(location.accessibility[lang]) if location.accessibility else "",
            )
        )
    return found


def phones(service: Service, lang: str) -> list[PhoneFact]:
    return [
        PhoneFact(phone.number, tel_href(phone.number), phone.label[lang] if phone.label else "")
        for phone in service.contact.phones
    ]


def retrieved(service: Service) -> dt.date | None:
    """The latest day a maintainer consulted one of the service's sources."""
    days = [source.retrieved for source in service.sources if source.retrieved]
    return max(days) if days else None


def dates_text(service: Service, lang: str) -> tuple[str, str]:
    """('Sources consultées le 30 novembre 2026', 'Confirmé avec l'organisation le …' or the calm
    'pas encore confirmé avec l'organisation')."""
    consulted = retrieved(service)
    first = label("dates.retrieved", lang).format(date=long_date(consulted, lang)) if consulted else ""
    if service.last_verified:
        second = label("dates.verified", lang).format(date=long_date(service.last_verified, lang))
    else:
        second = label("dates.unverified", lang)
    return first, second


def reach(service: Service) -> str:
    """How far a service reaches when no commune is chosen: commune, arrondissement, province,
    region, community, national."""
    area = service.area
    if area.national:
        return "national"
    if area.regions:
        return "region"
    if area.communities:
        return "community"
    if area.provinces:
        return "province"
    if area.arrondissements:
        return "arrondissement"
    return "commune" if len(area.communes) == 1 else "communes"


def reach_for(service: Service, commune: Commune) -> str:
    """How local a service is for a commune it covers, as one of reach()'s words."""
    area = service.area
    if commune.nis in area.communes:
        return "commune"
    if commune.arrondissement in area.arrondissements:
        return "arrondissement"
    if commune.province in area.provinces:
        return "province"
    if commune.region in area.regions:
        return "region"
    if commune.communities.intersection(area.communities):
        return "community"
    return "national"


def reach_text(word: str, lang: str) -> str:
    """'dans la commune', 'dans l'arrondissement', 'toute la Région', 'tout le pays'…"""
    return label(f"reach.{word}", lang)
