"""HSDS 3.0 tabular: the HSDS JSON objects (atlas.exports.hsds) flattened into HSDS's tables.

Writes (through atlas.exports.write) `hsds/tabular/` (French) and `hsds/tabular.nl/` (Dutch): one
CSV per HSDS table (UTF-8, `,` separator, `\\n` line ends, header row = HSDS field names, one row
per record, shared organisations and taxonomy terms once) and a `datapackage.json` (Frictionless
tabular data package) declaring each table's fields, primary key and foreign keys. Source: the
HSDS service objects of one language, so that the two forms cannot disagree.

May import atlas.exports.records, atlas.exports.encoding and atlas.exports.hsds.
"""

from __future__ import annotations

from typing import Any

from atlas.exports.encoding import render_csv, render_json
from atlas.exports.hsds import HSDS_VERSION
from atlas.exports.records import Json

TABULAR_FOLDERS = {"fr": "hsds/tabular", "nl": "hsds/tabular.nl"}


def _column(name: str, type_: str = "string", format_: str | None = None, **constraints: Any) -> Json:
    field: Json = {"name": name, "type": type_}
    if format_ is not None:
        field["format"] = format_
    if constraints:
        field["constraints"] = constraints
    return field


_REQUIRED_ID = _column("id", "string", "uuid", required=True, unique=True)
_LOCATION_TYPES = ["physical", "postal", "virtual"]
_CLOCK_TIME = "%H:%M"  # Table Schema's strptime pattern for the model's ClockTime ("08:30")

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
    "schedule": (
        # A location's opening periods (the entry's `hours`): the location they are nested in in
        # the JSON, and the service whose entry gives them (every location belongs to one service).
        "schedules.csv",
        [
            _REQUIRED_ID,
            _column("service_id", "string", "uuid"),
            _column("location_id", "string", "uuid"),
            _column("wkst", enum=["MO", "TU", "WE", "TH", "FR", "SA", "SU"]),
            _column("freq", enum=["WEEKLY", "MONTHLY"]),
            _column("byday"),
            # HSDS asks for HH:MM but leaves the Table Schema format 'default', which is HH:MM:SS:
            # the pattern declared is the one the values follow.
            _column("opens_at", "time", _CLOCK_TIME),
            _column("closes_at", "time", _CLOCK_TIME),
        ],
        [("service_id", "service"), ("location_id", "location")],
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

# The tables' file names, in the order of datapackage.json (the README lists them).
TABLE_PATHS = tuple(path for path, _fields, _keys in _TABLES.values())


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
            for schedule in location.get("schedules", []):
                add("schedule", schedule, service_id=sid, location_id=location["id"])
        for attribute in service["attributes"]:
            term = attribute["taxonomy_term"]
            add("attribute", attribute, link_id=sid, taxonomy_term_id=term["id"])
            add("taxonomy_term", term)
    return {name: list(rows.values()) for name, rows in tables.items()}


def render_tabular(services: list[Json], folder: str, lang: str, site: str) -> dict[str, bytes]:
    """The tables and datapackage.json of one language, under `folder`: {relative path: bytes}."""
    files: dict[str, bytes] = {}
    resources = []
    for name, rows in _tabulate(services).items():
        path, fields, foreign_keys = _TABLES[name]
        header = [field["name"] for field in fields]
        files[f"{folder}/{path}"] = render_csv(header, [[_cell(row.get(col)) for col in header] for row in rows])
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
    files[f"{folder}/datapackage.json"] = render_json(package)
    return files


def _cell(value: Any) -> str:
    return "" if value is None else str(value)
