"""Open-data exports: HSDS 3.0 valid against the official schemas, stable ids and bytes, a CSV
that spreadsheets and `csv` read back, vCards as RFC 2426 writes them."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import os
import re
import uuid
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import FormatChecker
from jsonschema.validators import validator_for

from atlas.data.belgica_records import justice_services
from atlas.data.directory import Atlas
from atlas.exports.records import NAMESPACE, service_uuid
from atlas.exports.spreadsheet import SPREADSHEET_COLUMNS
from atlas.exports.vcard import escape_vcard_text, fold_vcard_line
from atlas.exports.write import write_exports
from tests.support import ROOT

# The official HSDS 3.0 schemas (Open Referral, CC BY-SA 4.0), vendored unchanged in schema/.
HSDS_DIR = Path(os.environ.get("ATLAS_HSDS_DIR", ROOT / "schema" / "hsds-3.0"))
SITE_URL = "https://atlas.example.org/sub/"
GENERATED = dt.date(2031, 1, 2)  # a day no entry was verified on: it may appear only in the README
LANGS = {"fr": "hsds/services.json", "nl": "hsds/services.nl.json"}
TABULAR = ("hsds/tabular", "hsds/tabular.nl")
UUID = re.compile(r"^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def built(atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("exports") / "data"
    return out, write_exports(atlas, out, site_url=SITE_URL, generated=GENERATED)


@pytest.fixture(scope="module")
def out(built: tuple[Path, dict[str, int]]) -> Path:
    return built[0]


def hsds(out: Path, lang: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((out / LANGS[lang]).read_text(encoding="utf-8"))
    return data


def official(name: str) -> dict[str, Any]:
    path = HSDS_DIR / name
    assert path.is_file(), f"the official HSDS 3.0 schema {name} is missing from {HSDS_DIR}"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _is_uri(value: object) -> bool:
    # jsonschema checks 'uri' only with the optional rfc3987 package: an absolute URL is enough here.
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme in ("http", "https") and parts.netloc) and not any(c.isspace() for c in value)


@cache
def service_validator(strict: bool = False) -> Any:
    """A validator of one HSDS service: the schema's own draft (its $schema, else the latest),
    formats asserted. strict=True also refuses any field the schema does not define. Made once
    per kind (checking the schema and copying it take a third of a second; validators keep no state)."""
    schema = official("service_with_definitions.json")
    if strict:
        schema = copy.deepcopy(schema)
        for definition in [schema, *schema["definitions"].values()]:
            definition["additionalProperties"] = False
    cls = validator_for(schema)
    cls.check_schema(schema)
    checker = FormatChecker()
    checker.checks("uri")(_is_uri)
    return cls(schema, format_checker=checker)


def schema_errors(validator: Any, services: list[dict[str, Any]], label: str) -> list[str]:
    return [
        f"{label} {service.get('name')}: {error.json_path}: {error.message}"
        for service in services
        for error in validator.iter_errors(service)
    ]


def walk(value: Any) -> Any:
    """Every dict nested in value."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


# ----------------------------------------------------------------------------------------------
# HSDS JSON
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_every_hsds_service_validates_against_the_official_schema(out: Path, lang: str) -> None:
    """Assert that every exported service validates against HSDS 3.0 service_with_definitions.json."""
    validator = service_validator()
    services = hsds(out, lang)
    assert schema_errors(validator, services, LANGS[lang]) == []


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_hsds_uses_only_fields_the_schema_defines(out: Path, lang: str) -> None:
    """Assert that no exported object carries a field HSDS 3.0 does not define (typos included)."""
    validator = service_validator(strict=True)
    assert schema_errors(validator, hsds(out, lang), LANGS[lang]) == []


def test_schema_validation_can_fail(out: Path) -> None:
    """Assert that the validator used above reports a bad id, status, e-mail, URL and a missing name."""
    validator = service_validator()
    broken = copy.deepcopy(next(s for s in hsds(out, "fr") if "url" in s and "email" in s))
    broken.update(id="actiris", status="open", email="nobody", url="www.example.be")
    del broken["name"]
    messages = " | ".join(schema_errors(validator, [broken], "broken"))
    for expected in ("'actiris' is not a 'uuid'", "'open' is not one of", "'nobody' is not a 'email'",
                     "'www.example.be' is not a 'uri'", "'name' is a required property"):  # fmt: skip
        assert expected in messages


def test_hsds_has_one_service_per_entry_with_stable_ids(out: Path, atlas: Atlas) -> None:
    """Assert one service per entry (belgica's included), ids = uuid5(slug), same ids in FR and NL."""
    french, dutch = hsds(out, "fr"), hsds(out, "nl")
    expected = sorted(service_uuid(sid) for sid in atlas.services)
    assert sorted(s["id"] for s in french) == expected
    assert [s["id"] for s in dutch] == [s["id"] for s in french]
    # Pinned: changing NAMESPACE or the key format would give every published record a new id.
    assert service_uuid("actiris") == "5a191c9f-c5d8-5ba1-9b14-fd9bc8d10ae8"
    assert service_uuid("actiris") == str(uuid.uuid5(NAMESPACE, "atlas:service:actiris"))
    # Every nested record's id, in the same place, is the same in both languages.
    assert [d.get("id") for d in walk(dutch)] == [d.get("id") for d in walk(french)]
    from_belgica = {service_uuid(s.id) for s in justice_services(atlas.geography)}
    assert len(from_belgica) > 50
    assert from_belgica <= set(expected), "the houses of justice and prisons from belgica are missing"


def test_hsds_ids_are_unique_per_record(out: Path) -> None:
    """Assert that one id never names two different records (shared organisations and terms aside)."""
    seen: dict[str, str] = {}
    clashes = []
    for record in walk(hsds(out, "fr")):
        if "id" not in record:
            continue
        content = json.dumps(record, sort_keys=True)
        if seen.setdefault(record["id"], content) != content:
            clashes.append(record["id"])
    assert clashes == []


def test_hsds_maps_the_entry(out: Path, atlas: Atlas) -> None:
    """Assert the mapping of one entry: texts per language, contacts, area, location, terms, date."""
    service = atlas.services["vdab"]
    french = next(s for s in hsds(out, "fr") if s["id"] == service_uuid("vdab"))
    dutch = next(s for s in hsds(out, "nl") if s["id"] == service_uuid("vdab"))
    assert french["name"] == service.name.fr
    assert dutch["name"] == service.name.nl
    assert french["alternate_name"] == service.name.nl
    assert dutch["description"] == service.description.nl
    assert dutch["application_process"] == service.referral.nl
    assert french["url"] == service.contact.websites[0].url
    assert [p["number"] for p in french["phones"]] == [p.number for p in service.contact.phones]
    assert french["phones"][0]["description"].startswith("Numéro général")
    assert [a["name"] for a in dutch["service_areas"]] == ["Vlaams Gewest", "Brussels Hoofdstedelijk Gewest"]
    assert [(item["code"], item["name"]) for item in dutch["languages"]] == [("nl", "Nederlands")]
    address = dutch["service_at_locations"][0]["location"]["addresses"][0]
    assert address == address | {"address_1": "Keizerslaan 11", "postal_code": "1000", "city": "Brussel",
                                 "country": "BE", "state_province": "Brussels Hoofdstedelijk Gewest"}  # fmt: skip
    terms = {(a["link_type"], a["taxonomy_term"]["code"]) for a in french["attributes"]}
    assert ("domain", "domain:work") in terms
    assert ("audience", "audience:returnees") in terms
    assert french["organization"]["name"] == service.organization.fr  # type: ignore[union-attr]
    assured = {s["id"]: s["assured_date"] for s in hsds(out, "fr") if "assured_date" in s}
    assert len(assured) == len(atlas.services) - len(atlas.unverified())
    verified = {service_uuid(s.id): s.last_verified.isoformat() for s in atlas.services.values() if s.last_verified}
    assert assured == verified, "assured_date is not the entry's last_verified"


def test_area_exclusions_are_named_only_where_they_apply(out: Path) -> None:
    """Assert that a Walloon service says it excludes the German-speaking Community."""
    forem = next(s for s in hsds(out, "fr") if s["id"] == service_uuid("le-forem"))
    assert [a["name"] for a in forem["service_areas"]] == ["Région wallonne (sauf : Communauté germanophone)"]


# ----------------------------------------------------------------------------------------------
# Determinism
# ----------------------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(built: tuple[Path, dict[str, int]], atlas: Atlas, tmp_path: Path) -> None:
    """Assert that a second build writes the same files, byte for byte, and reports their sizes."""
    first, sizes = built
    second = tmp_path / "data"
    assert write_exports(atlas, second, site_url=SITE_URL, generated=GENERATED) == sizes
    on_disk = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert on_disk == sorted(sizes)
    for relative, size in sizes.items():
        content = (first / relative).read_bytes()
        assert len(content) == size
        assert (second / relative).read_bytes() == content, f"{relative} differs between two builds"


def test_exports_hold_no_build_time(out: Path) -> None:
    """Assert that only the README carries the generation date, and that text files end lines in \\n."""
    for path in out.rglob("*"):
        if not path.is_file():
            continue
        content = path.read_bytes()
        assert (GENERATED.isoformat().encode() in content) == (path.name == "README.md"), path.name
        assert path.suffix == ".vcf" or b"\r" not in content, f"{path.name} has CR line ends"


def test_site_url_must_be_absolute(atlas: Atlas, tmp_path: Path) -> None:
    """Assert that a relative site_url is refused with an example, not written into the files."""
    with pytest.raises(ValueError, match=r"https://atlas\.example\.org/"):
        write_exports(atlas, tmp_path, site_url="/atlas/", generated=GENERATED)


# ----------------------------------------------------------------------------------------------
# Spreadsheet CSV
# ----------------------------------------------------------------------------------------------


def test_spreadsheet_csv_reads_back(out: Path, atlas: Atlas) -> None:
    """Assert a BOM, ';' separators, one row per service and absolute page links."""
    raw = (out / "services.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (out / "services.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, body = rows[0], rows[1:]
    assert tuple(header) == SPREADSHEET_COLUMNS
    assert len(body) == len(atlas.services)
    assert all(len(row) == len(header) for row in body)
    records = [dict(zip(header, row, strict=True)) for row in body]
    assert [r["id"] for r in records] == sorted(atlas.services)
    actiris = next(r for r in records if r["id"] == "actiris")
    assert actiris["page_fr"] == "https://atlas.example.org/sub/fr/services/actiris/"
    assert actiris["page_nl"] == "https://atlas.example.org/sub/nl/services/actiris/"
    assert actiris["name_nl"] == atlas.services["actiris"].name.nl
    assert actiris["area_fr"] == "Région de Bruxelles-Capitale"
    vdab = next(r for r in records if r["id"] == "vdab")
    assert vdab["addresses"] == "Keizerslaan 11, 1000 Bruxelles / Brussel"
    assert vdab["phones"] == "0800 30 700"
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in body for cell in r)


# ----------------------------------------------------------------------------------------------
# vCards
# ----------------------------------------------------------------------------------------------


def test_escape_vcard_text() -> None:
    """Assert that backslash, comma, semicolon and line breaks are escaped as RFC 2426 says."""
    assert escape_vcard_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    assert escape_vcard_text("Liège: 9 h") == "Liège: 9 h"


def test_fold_vcard_line_keeps_characters_whole() -> None:
    """Assert lines of at most 75 octets, no split UTF-8 character or escape, and exact unfolding."""
    line = "NOTE:" + escape_vcard_text("é, ; " * 40 + "x" * 100)
    folded = fold_vcard_line(line)
    physical = folded.split("\r\n")
    assert len(physical) > 1
    assert all(len(part.encode("utf-8")) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    assert not any(part.endswith("\\") and not part.endswith("\\\\") for part in physical)
    assert folded.replace("\r\n ", "") == line
    assert fold_vcard_line("FN:short") == "FN:short"


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_vcard_of_a_service_with_a_phone(out: Path, atlas: Atlas) -> None:
    """Assert CRLF line ends, folded lines of at most 75 octets, and the contact fields."""
    service = atlas.services["vdab"]
    raw = (out / "vcards" / "fr" / "vdab.vcf").read_bytes()
    assert raw.endswith(b"END:VCARD\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b""), "a bare LF line end"
    physical = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in physical)
    assert any(line.startswith(b" ") for line in physical), "the long NOTE should be folded"
    lines = unfold(raw.decode("utf-8"))
    assert lines[:2] == ["BEGIN:VCARD", "VERSION:3.0"]
    assert f"UID:urn:uuid:{service_uuid('vdab')}" in lines
    assert f"FN:{service.name.fr}" in lines
    assert "TEL;TYPE=WORK,VOICE:+32 800 30 700" in lines
    assert "ADR;TYPE=WORK:;;Keizerslaan 11;Bruxelles;;1000;Belgique" in lines
    assert "URL:https://www.vdab.be/" in lines
    note = next(line for line in lines if line.startswith("NOTE:"))
    assert escape_vcard_text(service.referral.fr) in note
    assert "\\, " in note
    assert "," not in note.replace("\\,", "")
    assert not any(line.startswith(("KIND", "REV")) for line in lines)  # vdab is not verified yet
    dutch = unfold((out / "vcards" / "nl" / "vdab.vcf").read_bytes().decode("utf-8"))
    assert f"FN:{service.name.nl}" in dutch
    assert "ADR;TYPE=WORK:;;Keizerslaan 11;Brussel;;1000;België" in dutch
    assert escape_vcard_text(service.referral.nl) in next(line for line in dutch if line.startswith("NOTE:"))


def test_every_vcard_is_well_formed(out: Path, atlas: Atlas) -> None:
    """Assert one vCard per service; REV only from last_verified; no line over 75 octets."""
    problems = []
    for sid, service in [(sid, s) for s in atlas.services.values() for sid in [s.id]]:
        raw = (out / "vcards" / "nl" / f"{sid}.vcf").read_bytes()
        if any(len(line) > 75 for line in raw.split(b"\r\n")):
            problems.append(f"{sid}: a line over 75 octets")
        lines = unfold(raw.decode("utf-8"))
        revs = [line for line in lines if line.startswith("REV:")]
        expected = [f"REV:{service.last_verified.isoformat()}"] if service.last_verified else []
        if revs != expected:
            problems.append(f"{sid}: {revs} instead of {expected}")
        if len([line for line in lines if line.startswith("TEL;")]) != len(service.contact.phones):
            problems.append(f"{sid}: not one TEL per phone")
    assert problems == []
    assert len(list((out / "vcards" / "fr").glob("*.vcf"))) == len(atlas.services)
    assert len(list((out / "vcards" / "nl").glob("*.vcf"))) == len(atlas.services)
    phones = [line for path in (out / "vcards").rglob("*.vcf") for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("TEL;")]
    assert phones, "no TEL line in any vCard"
    assert [line for line in phones if not (line.split(":", 1)[1].startswith("+32 ") or len(line.split(":", 1)[1]) <= 4)] == []


# ----------------------------------------------------------------------------------------------
# HSDS tabular
# ----------------------------------------------------------------------------------------------


def read_table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def declared_format(field: dict[str, Any]) -> str | None:
    """The field's format, where HSDS's 'default' stands for ours: HSDS describes opening times as
    HH:MM yet leaves their Table Schema format 'default' (HH:MM:SS); Atlas declares '%H:%M'."""
    if field["type"] == "time" and field.get("format") == "%H:%M":
        return None
    format_: str | None = field.get("format")
    return format_


@pytest.mark.parametrize("folder", TABULAR)
def test_tabular_tables_follow_the_official_datapackage(out: Path, folder: str) -> None:
    """Assert table paths, headers, types and formats as HSDS 3.0's datapackage.json declares them,
    with every required column present and filled."""
    reference = {r["name"]: r for r in official("datapackage.json")["resources"]}
    package = json.loads((out / folder / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in package["resources"]}
    assert {"service", "organization", "phone", "language", "service_area", "location", "address",
            "service_at_location", "schedule"} <= names  # fmt: skip
    problems = []
    for resource in package["resources"]:
        ours = reference[resource["name"]]
        assert resource["path"] == ours["path"]
        declared = [f["name"] for f in resource["schema"]["fields"]]
        with (out / folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == declared, resource["path"]
        fields = {f["name"]: f for f in ours["schema"]["fields"]}
        for field in resource["schema"]["fields"]:
            theirs = fields.get(field["name"])
            if theirs is None:
                problems.append(f"{resource['name']}.{field['name']} is not an HSDS field")
            elif (field["type"], declared_format(field)) != (theirs["type"], theirs.get("format")):
                problems.append(f"{resource['name']}.{field['name']} has another type or format than HSDS")
        required = [name for name, f in fields.items() if f.get("constraints", {}).get("required")]
        problems += [f"{resource['name']}: required column {name} missing" for name in required if name not in header]
        for number, row in enumerate(read_table(out / folder / resource["path"]), start=2):
            problems += [f"{resource['path']}:{number}: {n} is empty" for n in required if n in row and not row[n]]
    assert problems == []


@pytest.mark.parametrize("folder", TABULAR)
def test_tabular_keys_are_unique_and_resolve(out: Path, folder: str, atlas: Atlas) -> None:
    """Assert unique primary keys and unique-declared columns, and that every foreign key resolves."""
    package = json.loads((out / folder / "datapackage.json").read_text(encoding="utf-8"))
    tables = {r["name"]: read_table(out / folder / r["path"]) for r in package["resources"]}
    assert len(tables["service"]) == len(atlas.services)
    problems = []
    for resource in package["resources"]:
        rows = tables[resource["name"]]
        for field in resource["schema"]["fields"]:
            if field.get("constraints", {}).get("unique"):
                values = [row[field["name"]] for row in rows if row[field["name"]]]
                if len(values) != len(set(values)):
                    problems.append(f"{resource['name']}.{field['name']} has duplicates")
            if field.get("format") == "uuid":
                values = [row[field["name"]] for row in rows if row[field["name"]]]
                problems += [f"{resource['name']}.{field['name']}: {v} is no UUID" for v in values if not UUID.match(v)]
        for key in resource["schema"].get("foreignKeys", []):
            target = key["reference"]["resource"]
            missing = {row[key["fields"]] for row in rows if row[key["fields"]]} - {row["id"] for row in tables[target]}
            if missing:
                problems.append(f"{resource['name']}.{key['fields']}: {len(missing)} ids not in {target}")
    assert problems == []


def test_tabular_rows_match_the_json(out: Path) -> None:
    """Assert that the tabular services carry the same ids, names and dates as the JSON export."""
    services = {s["id"]: s for s in hsds(out, "nl")}
    for row in read_table(out / "hsds/tabular.nl/services.csv"):
        service = services[row["id"]]
        assert (row["name"], row["organization_id"]) == (service["name"], service["organization_id"])
        assert row["assured_date"] == service.get("assured_date", "")
    phones = read_table(out / "hsds/tabular.nl/phones.csv")
    assert len(phones) == sum(len(s["phones"]) for s in services.values())


SCHEDULE_COLUMNS = ["id", "service_id", "location_id", "wkst", "freq", "byday", "opens_at", "closes_at"]


@pytest.mark.parametrize("folder", TABULAR)
def test_schedules_table_has_hsds_schedule_fields_and_links(out: Path, folder: str) -> None:
    """Assert that schedules.csv is in datapackage.json under HSDS's name and path, that its header
    is HSDS's schedule fields in HSDS's order, and that it links to services and locations as HSDS does."""
    reference = next(r for r in official("datapackage.json")["resources"] if r["name"] == "schedule")
    package = json.loads((out / folder / "datapackage.json").read_text(encoding="utf-8"))
    resource = next((r for r in package["resources"] if r["name"] == "schedule"), None)
    assert resource is not None, f"{folder}/datapackage.json declares no schedule table"
    assert resource["path"] == reference["path"] == "schedules.csv"
    with (out / folder / "schedules.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == SCHEDULE_COLUMNS
    hsds_order = [field["name"] for field in reference["schema"]["fields"]]
    assert header == [name for name in hsds_order if name in header]
    links = {(key["fields"], key["reference"]["resource"]) for key in resource["schema"]["foreignKeys"]}
    assert links == {("service_id", "service"), ("location_id", "location")}
    hsds_links = {(key["fields"], key["reference"]["resource"]) for key in reference["schema"]["foreignKeys"]}
    assert links <= hsds_links
    formats = {field["name"]: field.get("format") for field in resource["schema"]["fields"]}
    assert (formats["opens_at"], formats["closes_at"]) == ("%H:%M", "%H:%M")


def expected_periods(atlas: Atlas, sid: str) -> list[tuple[str, str, str]]:
    """(byday, opens_at, closes_at) of every opening period of an entry, from the model."""
    service = atlas.services[sid]
    periods = [period for location in service.locations for period in location.hours]
    return sorted((",".join(day.upper() for day in period.days), period.opens, period.closes) for period in periods)


@pytest.mark.parametrize("folder", TABULAR)
@pytest.mark.parametrize("sid", ["court-of-first-instance-namur", "cpas-geer"])
def test_schedules_rows_come_from_an_entrys_hours(out: Path, atlas: Atlas, folder: str, sid: str) -> None:
    """Assert that a court and a CPAS with opening hours give one weekly row per period, with its
    byday, opens_at and closes_at, linked to the entry's service and to one of its locations."""
    expected = expected_periods(atlas, sid)
    assert expected, f"{sid} has no opening hours in the data any more: pick another entry with hours"
    rows = [row for row in read_table(out / folder / "schedules.csv") if row["service_id"] == service_uuid(sid)]
    assert sorted((row["byday"], row["opens_at"], row["closes_at"]) for row in rows) == expected
    assert {(row["freq"], row["wkst"]) for row in rows} == {("WEEKLY", "MO")}
    for row in rows:  # the values follow the format datapackage.json declares
        dt.datetime.strptime(row["opens_at"], "%H:%M")
        dt.datetime.strptime(row["closes_at"], "%H:%M")
    locations = {at["location"]["id"] for s in hsds(out, "fr") if s["id"] == service_uuid(sid) for at in s["service_at_locations"]}
    assert {row["location_id"] for row in rows} <= locations
    assert all(UUID.match(row["id"]) for row in rows)


def test_schedules_rows_of_the_court_of_namur(out: Path) -> None:
    """Assert the rows of one court as written: mornings and afternoons, Monday to Friday."""
    rows = read_table(out / "hsds/tabular/schedules.csv")
    court = [row for row in rows if row["service_id"] == service_uuid("court-of-first-instance-namur")]
    assert sorted((row["byday"], row["opens_at"], row["closes_at"]) for row in court) == [
        ("MO,TU,WE,TH,FR", "08:30", "12:30"),
        ("MO,TU,WE,TH,FR", "13:30", "16:00"),
    ]


def test_entries_without_hours_have_no_schedule_rows(out: Path, atlas: Atlas) -> None:
    """Assert that an entry with a location but no opening hours gives no schedule row, and that
    the table holds exactly one row per opening period of the data."""
    rows = read_table(out / "hsds/tabular/schedules.csv")
    with_rows = {row["service_id"] for row in rows}
    without = [s.id for s in atlas.services.values() if s.locations and not any(loc.hours for loc in s.locations)]
    assert without, "no entry with a location and without hours left to test"
    assert [sid for sid in without if service_uuid(sid) in with_rows] == []
    periods = sum(len(location.hours) for service in atlas.services.values() for location in service.locations)
    assert len(rows) == periods


# ----------------------------------------------------------------------------------------------
# README
# ----------------------------------------------------------------------------------------------


def test_readme_describes_files_and_licences(out: Path, atlas: Atlas) -> None:
    """Assert that the README names every kind of file, the licences and the id namespace."""
    text = (out / "README.md").read_text(encoding="utf-8")
    for needle in ("hsds/services.json", "hsds/services.nl.json", "hsds/tabular/", "services.csv",
                   "vcards/", "CC BY 4.0", "CC BY-SA 4.0", "Statbel", "Justel", str(NAMESPACE),
                   "assured_date", "Not filled", "2031-01-02", "`maison-justice-bruxelles`",
                   "`schedules.csv`", "opens_at"):  # fmt: skip
        assert needle in text, needle
    assert "\r" not in text
