"""The maintainers' workflow: `make fmt` (atlas.maintain.fmt), `make stale` (atlas.maintain.stale), and the field
table of the CONTRIBUTING guides (atlas.maintain.field_docs)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from atlas.data.bilingual import Text
from atlas.data.loader import load_atlas
from atlas.data.model import Area, Contact, Location, Service, Source
from atlas.data.yamlsyntax import FastSafeLoader
from atlas.maintain import field_docs
from atlas.maintain.field_docs import committed_table, field_reference
from atlas.maintain.fmt import check_canonical, format_file, format_services
from atlas.maintain.fmt_yaml import FormatError
from atlas.maintain.stale import BELGICA, SERVICES_FILE, render_markdown, render_table, stale_report
from tests.support import FIXTURES, ROOT

SERVICES = ROOT / "data" / "services.yaml"
BASE_ENTRY = (FIXTURES / "base_entry.yaml").read_text(encoding="utf-8")
SITE = "https://atlas.example.org/"


def _entry(service_id: str, last_verified: str = "2026-11-01") -> str:
    """The valid fixture entry, with another id and verification date ("" = never verified),
    its source read before any of those dates."""
    text = BASE_ENTRY.replace("- id: test-service", f"- id: {service_id}").replace("retrieved: 2026-11-22", "retrieved: 2020-01-01")
    return text.replace("last_verified: 2026-11-22", f"last_verified: {last_verified}".rstrip())


def _full_line_comments(text: str) -> Counter[str]:
    return Counter(line.strip() for line in text.splitlines() if line.strip().startswith("#"))


def _end_of_line_comments(text: str) -> Counter[str]:
    return Counter(
        line[line.index("  # ") :].strip()
        for line in text.splitlines()
        if "  # " in line and not line.strip().startswith("#")
    )


def _fields(model: type[Any]) -> list[str]:
    return list(model.model_fields)


@pytest.fixture(scope="module")
def original() -> str:
    return SERVICES.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def formatted(original: str) -> str:
    return format_services(original)


def _entries(text: str) -> Any:
    """The YAML's data, read with the data layer's safe loader (libyaml's when PyYAML has it: ten
    times faster than yaml.safe_load on the 180 kB data file, the same data)."""
    return yaml.load(text, Loader=FastSafeLoader)


@pytest.fixture(scope="module")
def original_entries(original: str) -> Any:
    return _entries(original)


@pytest.fixture(scope="module")
def formatted_entries(formatted: str) -> Any:
    return _entries(formatted)


# ---------------------------------------------------------------------------------------------
# make fmt
# ---------------------------------------------------------------------------------------------


def test_format_is_idempotent(formatted: str) -> None:
    """Assert that formatting the formatted data file changes nothing."""
    assert format_services(formatted) == formatted


def test_format_keeps_every_comment(original: str, formatted: str) -> None:
    """Assert that every comment line of data/services.yaml survives formatting."""
    assert _full_line_comments(formatted) == _full_line_comments(original)
    assert _end_of_line_comments(formatted) == _end_of_line_comments(original)


def test_format_keeps_the_header_at_the_top(original: str, formatted: str) -> None:
    """Assert that the file's leading comment paragraph stays its first lines."""
    header = original.split("\n\n", 1)[0]
    assert header.startswith("# yaml-language-server:")
    assert formatted.startswith(header + "\n\n")


def test_format_keeps_the_data(original_entries: Any, formatted_entries: Any) -> None:
    """Assert that formatting changes no value: same entries, whatever their order."""
    before = sorted(original_entries, key=lambda entry: entry["id"])
    assert formatted_entries == before


def test_format_sorts_entries_by_id(original_entries: Any, formatted_entries: Any) -> None:
    """Assert that the formatted entries are in id order."""
    ids = [entry["id"] for entry in formatted_entries]
    assert ids == sorted(ids)
    assert sorted(ids) == sorted(entry["id"] for entry in original_entries)


def test_format_orders_keys_as_the_model(formatted_entries: Any) -> None:
    """Assert that entry keys, and nested keys, follow the models' field order."""

    def in_order(keys: list[str], model: type[Any]) -> bool:
        return keys == [name for name in _fields(model) if name in keys]

    for entry in formatted_entries:
        assert in_order(list(entry), Service), entry["id"]
        for name in ("name", "organization", "description", "referral", "cost"):
            if entry.get(name):
                assert list(entry[name]) == _fields(Text), (entry["id"], name)
        assert in_order(list(entry["contact"]), Contact), entry["id"]
        assert in_order(list(entry["area"]), Area), entry["id"]
        for source in entry["sources"]:
            assert in_order(list(source), Source), entry["id"]
        for location in entry.get("locations") or []:
            assert in_order(list(location), Location), entry["id"]


def test_format_reorders_keys_of_a_shuffled_entry() -> None:
    """Assert that keys written out of order come back in model order, nested ones too."""
    shuffled = """\
- last_verified:
  sources:
    - retrieved: 2026-11-22
      url: "https://www.example.be/"
  referral: {nl: "Op afspraak.", fr: "Sur rendez-vous."}
  contact:
    websites:
      - url: "https://www.example.be/"
    emails: ["info@example.be"]
  languages: [fr]
  area:
    regions: [brussels]
  audiences: [returnees]
  domains: [housing]
  description:
    nl: "Een dienst."
    fr: "Un service."
  name:
    nl: "Dienst"
    fr: "Service"
  id: shuffled
"""
    entry = yaml.safe_load(format_services(shuffled))[0]
    assert list(entry) == [name for name in _fields(Service) if name in entry]
    assert list(entry["name"]) == list(entry["description"]) == list(entry["referral"]) == ["fr", "nl"]
    assert list(entry["contact"]) == ["emails", "websites"]
    assert list(entry["sources"][0]) == ["url", "retrieved"]
    assert yaml.safe_load(format_services(shuffled)) == yaml.safe_load(shuffled)


def test_comments_move_with_their_entry() -> None:
    """Assert that the comments above an entry, and inside it, move with it when sorted."""
    text = (
        "# header line\n\n"
        "# about zulu\n" + _entry("zulu").replace("  domains:", "  # about zulu's domains\n  domains:")
        + "\n# about alpha\n" + _entry("alpha")
    )
    result = format_services(text)
    assert result.startswith("# header line\n\n# about alpha\n- id: alpha\n")
    zulu = result.index("# about zulu\n- id: zulu\n")
    assert result.index("  # about zulu's domains\n  domains:") > zulu
    assert format_services(result) == result


def test_format_refuses_to_drop_a_comment_inside_a_value() -> None:
    """Assert that a comment with no field below it stops formatting instead of vanishing."""
    text = _entry("alpha").replace("  domains: [housing]", "  domains: [housing,\n    # lost?\n    work]")
    line = text.splitlines().index("    # lost?") + 1
    with pytest.raises(FormatError, match=f"^line {line}: "):
        format_services(text)


def test_check_canonical_points_at_a_comment_it_cannot_keep(tmp_path: Path) -> None:
    """Assert that check_canonical names the line of a comment that `make fmt` would refuse."""
    path = tmp_path / "services.yaml"
    text = _entry("alpha").replace("  domains: [housing]", "  domains: [housing,\n    # lost?\n    work]")
    path.write_text(text, encoding="utf-8")
    problem = check_canonical(path)
    assert problem is not None
    assert (problem.path, problem.line) == (f"{tmp_path.name}/services.yaml", 9)
    assert "move it to its own line" in problem.message


def test_check_canonical_reports_entries_out_of_order(tmp_path: Path) -> None:
    """Assert that two entries in the wrong order are reported with `make fmt` as the fix."""
    path = tmp_path / "services.yaml"
    path.write_text(_entry("zulu") + "\n" + _entry("alpha"), encoding="utf-8")
    problem = check_canonical(path, display="data/services.yaml")
    assert problem is not None
    assert str(problem).startswith("data/services.yaml:1:1: ")
    assert "run `make fmt`" in problem.message
    assert "canonical order/layout" in problem.message


def test_format_file_rewrites_only_when_needed(tmp_path: Path) -> None:
    """Assert that format_file says whether it changed the file, and leaves it canonical."""
    path = tmp_path / "services.yaml"
    path.write_text(_entry("zulu") + "\n" + _entry("alpha"), encoding="utf-8")
    assert format_file(path) is True
    assert check_canonical(path) is None
    assert format_file(path) is False
    assert [entry["id"] for entry in yaml.safe_load(path.read_text(encoding="utf-8"))] == ["alpha", "zulu"]


# ---------------------------------------------------------------------------------------------
# make stale
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def small_atlas(project: Callable[[str], Path]) -> Any:
    """Three entries: verified long ago, verified recently, never verified."""
    text = "\n".join([_entry("old", "2025-01-10"), _entry("recent", "2026-11-20"), _entry("never", "")])
    root = project(text)
    return load_atlas(root / "data", display_root=root)


def test_stale_lists_never_verified_first_and_respects_days(small_atlas: Any) -> None:
    """Assert that never-verified entries come first, then the oldest, and `days` is the limit."""
    report = stale_report(small_atlas, days=365, today=dt.date(2026, 12, 1), site_url=SITE)
    mine = [entry.id for entry in report.entries if entry.source == SERVICES_FILE]
    assert mine == ["never", "old"]
    dates = [entry.last_verified for entry in report.entries]
    never = [date is None for date in dates]
    assert never == sorted(never, reverse=True), "never-verified entries are not all first"
    known = [date for date in dates if date is not None]
    assert known == sorted(known)
    assert all(date < dt.date(2025, 12, 1) for date in known)
    old = next(entry for entry in report.entries if entry.id == "old")
    assert old.age_days == 690  # 2025-01-10 → 2026-01-10: 365 days, → 2026-12-01: 325 more
    assert next(entry for entry in report.entries if entry.id == "never").age_days is None
    assert old.urls == {"fr": f"{SITE}fr/services/old/", "nl": f"{SITE}nl/services/old/"}

    wider = stale_report(small_atlas, days=10_000, today=dt.date(2026, 12, 1), site_url=SITE.rstrip("/"))
    # belgica's records are never confirmed by Atlas (they come from its sources): listed, marked
    assert [entry.id for entry in wider.entries if entry.source == SERVICES_FILE] == ["never"]
    assert {entry.source for entry in wider.entries if entry.id != "never"} == {BELGICA}
    never = next(entry for entry in wider.entries if entry.id == "never")
    assert never.urls["nl"] == f"{SITE}nl/services/never/"


def test_stale_marks_houses_of_justice_and_prisons_as_belgica(small_atlas: Any) -> None:
    """Assert that entries generated from belgica are listed and marked as such."""
    report = stale_report(small_atlas, days=0, today=dt.date(2100, 1, 1), site_url=SITE)
    sources = {entry.id: entry.source for entry in report.entries}
    assert sources["old"] == sources["never"] == SERVICES_FILE
    belgica_ids = [sid for sid, source in sources.items() if source == BELGICA]
    assert any(sid.startswith("justitiehuis-") for sid in belgica_ids)
    assert any(sid.startswith("maison-justice-") for sid in belgica_ids)
    assert any(sid.startswith(("prison-", "gevangenis-")) for sid in belgica_ids)
    assert len(sources) == len(small_atlas.services)


def test_render_markdown_has_a_row_per_stale_entry(small_atlas: Any) -> None:
    """Assert that the Markdown report states date and threshold and has one row per entry."""
    report = stale_report(small_atlas, days=365, today=dt.date(2026, 12, 1), site_url=SITE)
    markdown = render_markdown(report)
    assert markdown.startswith("# ")
    assert "2026-12-01" in markdown
    assert "365 days" in markdown
    rows = [line for line in markdown.splitlines() if line.startswith("| `")]
    assert len(rows) == len(report.entries) > 0
    for row, entry in zip(rows, report.entries, strict=False):
        assert row.startswith(f"| `{entry.id}` |")
        assert f"({entry.urls['fr']})" in row
        assert f"({entry.urls['nl']})" in row


def test_render_table_aligns_one_line_per_entry(small_atlas: Any) -> None:
    """Assert that the terminal table has a header, a ruler and one aligned line per entry."""
    report = stale_report(small_atlas, days=365, today=dt.date(2026, 12, 1), site_url=SITE)
    lines = render_table(report).splitlines()
    header = next(index for index, line in enumerate(lines) if line.startswith("id "))
    body = lines[header + 2 :]
    assert set(lines[header + 1]) <= {"-", " "}
    assert [line.split()[0] for line in body] == [entry.id for entry in report.entries]
    column = lines[header].index("last verified")  # every value starts under its heading
    for line in body:
        assert re.match(r"(never|\d{4}-\d\d-\d\d) ", line[column:]), line


# ---------------------------------------------------------------------------------------------
# The field table of the CONTRIBUTING guides
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", field_docs.LANGS)
def test_field_reference_covers_every_field(lang: str) -> None:
    """Assert that the field table has one row per Service field, in model order."""
    rows = [line for line in field_reference(lang).splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == _fields(Service)


def test_field_reference_refuses_an_unexplained_field(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert that a Service field without an explanation makes field_reference raise."""
    explanations = dict(field_docs.FIELDS)
    del explanations["cost"]
    monkeypatch.setattr(field_docs, "FIELDS", explanations)
    with pytest.raises(KeyError, match="cost"):
        field_reference("fr")


@pytest.mark.parametrize("lang", field_docs.LANGS)
def test_contributing_files_hold_the_current_field_table(lang: str) -> None:
    """Assert that each CONTRIBUTING file carries field_reference's current output."""
    text = (ROOT / field_docs.CONTRIBUTING[lang]).read_text(encoding="utf-8")
    assert committed_table(text) == field_reference(lang), (
        f"{field_docs.CONTRIBUTING[lang]} is out of date: run .venv/bin/python -m atlas.maintain.field_docs"
    )
