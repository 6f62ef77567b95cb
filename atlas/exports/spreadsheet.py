"""The spreadsheet CSV: one row per service, both languages side by side.

Writes (through atlas.exports.write) `services.csv`: UTF-8 with a byte-order mark, `;` as separator
(what Excel expects in Belgium), the columns of SPREADSHEET_COLUMNS, several values in one cell
separated by ` | `, cells that would start like a formula prefixed with `'`. Source: the entries of
the Atlas, with their areas in words and links to their FR and NL pages.

May import atlas.text, atlas.data, atlas.exports.records and atlas.exports.encoding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from atlas.data import areas
from atlas.exports.encoding import render_csv
from atlas.exports.records import location_commune
from atlas.text.urls import service_url

if TYPE_CHECKING:
    from atlas.data.directory import Atlas
    from atlas.data.model import Location, Service

SPREADSHEET_FILE = "services.csv"
_SPREADSHEET_SEPARATOR = " | "  # inside one cell; ";" is the column separator
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

SPREADSHEET_COLUMNS = (
    "id", "name_fr", "name_nl", "organization_fr", "organization_nl", "domains", "audiences",
    "area_fr", "area_nl", "languages", "phones", "emails", "websites", "addresses",
    "referral_fr", "referral_nl", "last_verified", "sources", "page_fr", "page_nl",
)  # fmt: skip


def _spreadsheet_address(atlas: Atlas, location: Location) -> str:
    commune = location_commune(atlas, location)
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


def render_spreadsheet(atlas: Atlas, services: list[Service], site: str) -> bytes:
    """services.csv: the header, then one row per service in the order given."""
    rows = [[_spreadsheet_safe(value) for value in _spreadsheet_row(atlas, s, site)] for s in services]
    # Excel in Belgium expects ';' (the decimal separator is ',') and reads UTF-8 only with a BOM.
    return render_csv(list(SPREADSHEET_COLUMNS), rows, delimiter=";", bom=True)
