"""The one loader: reads and validates every data file once, and gives typed records.

Hooks, scripts and tests all call `load_atlas()`; nothing else reads data/*.yaml. Every problem in
every file is collected and raised as one `DataErrors`, never as a traceback.
"""

from __future__ import annotations

from pathlib import Path
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from atlas.atlas import Atlas
from atlas.communes import Geography, geography
from atlas.errors import ProblemCollector
from atlas.justice_places import justice_services
from atlas.model import GlossaryEntry, Service, Taxonomy
from atlas.validation import problems_from
from atlas.yamlsource import YamlDocument, format_path, read_yaml

M = TypeVar("M", bound=BaseModel)

SERVICES = "services.yaml"
TAXONOMY = "taxonomy.yaml"
GLOSSARY = "glossary.yaml"


def load_atlas(data_dir: Path, *, display_root: Path | None = None) -> Atlas:
    """Read data_dir/{taxonomy,services,glossary}.yaml; raise DataErrors listing every problem."""
    collector = ProblemCollector()
    shown = display_root if display_root is not None else data_dir.parent

    def display(name: str) -> str:
        path = data_dir / name
        try:
            return path.resolve().relative_to(shown.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    taxonomy = _load_taxonomy(data_dir / TAXONOMY, display(TAXONOMY), collector)
    services = _load_list(data_dir / SERVICES, display(SERVICES), "services", Service, collector)
    glossary = _load_list(data_dir / GLOSSARY, display(GLOSSARY), "glossary", GlossaryEntry, collector)
    geo = geography()
    if taxonomy is not None:
        _check_services(services, taxonomy, geo, collector)
    _check_unique_ids(glossary, "glossary", collector)
    collector.raise_if_any()
    assert taxonomy is not None  # guaranteed: a missing taxonomy is a collected problem
    all_services = [loaded.record for loaded in services] + justice_services(geo)
    return Atlas(
        services={service.id: service for service in all_services},
        taxonomy=taxonomy,
        geography=geo,
        glossary=[loaded.record for loaded in glossary],
    )


def _load_taxonomy(path: Path, shown: str, collector: ProblemCollector) -> Taxonomy | None:
    document, problems = read_yaml(path, shown)
    collector.extend(problems)
    if document is None:
        return None
    if not isinstance(document.data, dict):
        collector.add(document.problem((), "", "the taxonomy should be fields (domains:, audiences:, languages:), not a list"))
        return None
    try:
        taxonomy = Taxonomy.model_validate(document.data)
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
                        f"'{term.id}' is already used by {kind}[{seen[term.id]}]; ids must be unique",
                    )
                )
            seen.setdefault(term.id, index)
    return taxonomy


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated record, with the file it came from and its index there (for messages)."""

    record: M
    document: YamlDocument
    index: int


def _load_list(
    path: Path, shown: str, root: str, model: type[M], collector: ProblemCollector
) -> list[Loaded[M]]:
    document, problems = read_yaml(path, shown)
    collector.extend(problems)
    if document is None:
        return []
    if not isinstance(document.data, list):
        collector.add(
            document.problem(
                (),
                "",
                f"the file should hold a list of entries, each starting with '- id: …'; "
                f"found {_kind(document.data)}",
            )
        )
        return []
    records: list[Loaded[M]] = []
    for index, entry in enumerate(document.data):
        if not isinstance(entry, dict):
            collector.add(
                document.problem(
                    (index,), f"{root}[{index}]", f"expected an entry with fields (id:, name:, …); found {_kind(entry)}"
                )
            )
            continue
        try:
            records.append(Loaded(model.model_validate(entry), document, index))
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
    return f"the value {value!r}"


def _check_unique_ids(records: list[Loaded[Any]], root: str, collector: ProblemCollector) -> None:
    first: dict[str, int] = {}
    for loaded in records:
        record, document, index = loaded.record, loaded.document, loaded.index
        if record.id in first:
            collector.add(
                document.problem(
                    (index, "id"),
                    f"{root}[{index}].id",
                    f"the id '{record.id}' is already used by {root}[{first[record.id]}]; "
                    f"give each entry its own id, e.g. {record.id}-2",
                )
            )
        else:
            first[record.id] = index


def _check_services(
    services: list[Loaded[Service]], taxonomy: Taxonomy, geo: Geography, collector: ProblemCollector
) -> None:
    _check_unique_ids(services, "services", collector)
    known = {
        "domains": {term.id for term in taxonomy.domains},
        "audiences": {term.id for term in taxonomy.audiences},
        "languages": {language.id for language in taxonomy.languages},
    }
    for loaded in services:
        service, document, index = loaded.record, loaded.document, loaded.index

        def problem(path: tuple, message: str) -> None:
            full = (index,) + path
            collector.add(document.problem(full, format_path(full, "services"), message))

        for kind, values in (("domains", service.domains), ("audiences", service.audiences), ("languages", service.languages)):
            for position, value in enumerate(values):
                if value not in known[kind]:
                    choices = ", ".join(sorted(known[kind]))
                    problem(
                        (kind, position),
                        f"'{value}' is not in data/taxonomy.yaml; use one of: {choices}"
                        + (" — or add the language there with its French and Dutch name" if kind == "languages" else ""),
                    )
        area = service.area
        for part_path, part in ((("area",), area), (("area", "exclude"), area.exclude)):
            if part is None:
                continue
            for position, nis in enumerate(part.communes):
                if nis not in geo.communes:
                    problem(part_path + ("communes", position), _unknown_commune(nis))
            for position, nis in enumerate(part.provinces):
                if nis not in geo.provinces:
                    choices = ", ".join(f"{p.nis} ({p.name_fr})" for p in geo.provinces.values())
                    problem(part_path + ("provinces", position), f"'{nis}' is not a province NIS code; use one of: {choices}")
            for position, ident in enumerate(part.arrondissements):
                if ident not in geo.arrondissements:
                    choices = ", ".join(sorted(geo.arrondissements))
                    problem(
                        part_path + ("arrondissements", position),
                        f"'{ident}' is not a judicial arrondissement; use one of: {choices}",
                    )
        for position, location in enumerate(service.locations):
            commune = geo.commune(location.commune)
            if commune is None:
                problem(("locations", position, "commune"), _unknown_commune(location.commune))
            elif location.postcode not in commune.postcodes:
                right = ", ".join(commune.postcodes)
                problem(
                    ("locations", position, "postcode"),
                    f"the postcode {location.postcode} is not in {commune.name_fr}/{commune.name_nl} "
                    f"({commune.nis}), whose postcodes are {right}; fix the postcode or the commune "
                    f"code (postcode {location.postcode} belongs to "
                    f"{_postcode_owner(location.postcode, geo)})",
                )


def _unknown_commune(nis: str) -> str:
    return (
        f"'{nis}' is not the NIS code of a Belgian commune (2025 list); look it up on the commune "
        "index of the site, e.g. \"21004\" for Bruxelles/Brussel"
    )


def _postcode_owner(postcode: str, geo: Geography) -> str:
    owners = [geo.communes[nis] for nis in geo.postcodes.get(postcode, ())]
    if not owners:
        return "no commune: it does not exist"
    return " and ".join(f"{c.name_fr}/{c.name_nl} ({c.nis})" for c in owners)

