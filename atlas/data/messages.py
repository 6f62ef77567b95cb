"""Turning pydantic's validation errors into messages a maintainer can act on."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from atlas.data.positions import Path_, YamlDocument, format_path
from atlas.data.problems import DataProblem

_EXAMPLES: dict[str, str] = {
    "id": "id: caprev",
    "name": 'name: {fr: "Nom en français", nl: "Naam in het Nederlands"}',
    "description": "description: {fr: ..., nl: ...}",
    "referral": "referral: {fr: ..., nl: ...}",
    "term": "term: {fr: ..., nl: ...}",
    "definition": "definition: {fr: ..., nl: ...}",
    "label": "label: {fr: ..., nl: ...}",
    "fr": 'fr: "Texte en français"',
    "nl": 'nl: "Tekst in het Nederlands"',
    "domains": "domains: [housing]",
    "audiences": "audiences: [returnees]",
    "languages": "languages: [fr, nl]",
    "area": "area: {regions: [brussels]}",
    "contact": 'contact: {websites: [{url: "https://www.example.be/"}]}',
    "sources": 'sources: [{url: "https://www.example.be/", retrieved: 2026-11-22}]',
    "last_verified": "last_verified: 2026-11-22   (or leave it empty: last_verified:)",
    "postcode": 'postcode: "1080"',
    "commune": 'commune: "21012"',
    "url": 'url: "https://www.example.be/"',
    "number": 'number: "02 511 02 71"',
    "source": 'source: "https://www.example.be/"',
}
_LANGUAGE_NAMES = {"fr": "French (fr)", "nl": "Dutch (nl)"}


def problems_from(
    error: ValidationError, document: YamlDocument, base: Path_, root: str, model: type[BaseModel]
) -> list[DataProblem]:
    """One `DataProblem` per pydantic error, placed on the right line of the YAML file."""
    found = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        path = base + loc
        if any(path[:end] in document.reported for end in range(len(base), len(path) + 1)):
            continue  # the reader already explained what is wrong with this value
        field_name = format_path(path, root) if path else root
        message, on_key = _explain(detail, document, path, model, loc)
        found.append(document.problem(path if detail["type"] != "missing" else path[:-1], field_name, message, key=on_key))
    return found


def _explain(
    detail: Any, document: YamlDocument, path: Path_, model: type[BaseModel], loc: tuple[Any, ...]
) -> tuple[str, bool]:
    kind = detail["type"]
    name = str(loc[-1]) if loc else ""
    scalar = document.scalars.get(path)
    if kind == "missing":
        if name in _LANGUAGE_NAMES:
            return f"the {_LANGUAGE_NAMES[name]} text is missing — add it, e.g. {_EXAMPLES[name]} (every text needs fr and nl)", False
        example = _EXAMPLES.get(name)
        return f"the required field '{name}' is missing" + (f" — add it, e.g. {example}" if example else ""), False
    if kind == "extra_forbidden":
        allowed = sorted(_fields_at(model, loc[:-1]))
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"unknown field '{name}' — {hint}allowed here: {', '.join(allowed)}", True
    if kind in ("string_type", "str_type") and scalar is not None and not scalar.quoted:
        if scalar.tag.endswith(":null"):
            return "this value is empty — fill it in, or remove the field", False
        return (
            f"{scalar.text} was read as {scalar.kind}, not as text — put it in quotes: \"{scalar.text}\"",
            False,
        )
    if kind in ("string_type", "str_type") and isinstance(detail.get("input"), (list, dict)):
        found = "a list" if isinstance(detail["input"], list) else "fields"
        return f"expected a text here, found {found} — write the text itself, e.g. nl: \"Op afspraak.\"", False
    if kind in ("string_too_short",):
        return "this text is empty — fill it in", False
    if kind == "string_too_long":
        return f"this text is too long (limit {detail['ctx']['max_length']} characters) — shorten it", False
    if kind == "too_short":
        return "this list is empty — give at least one item" + (
            f", e.g. {_EXAMPLES[name]}" if name in _EXAMPLES else ""
        ), False
    if kind == "literal_error":
        expected = detail["ctx"]["expected"].replace("'", "")
        return f"'{detail['input']}' is not allowed here — use one of: {expected}", False
    if kind == "string_pattern_mismatch":
        return _pattern_message(name, loc, detail["input"]), False
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"'{detail['input']}' is not a date — write it as YYYY-MM-DD, e.g. 2026-11-22", False
    if kind in ("list_type",):
        return "expected a list: one item per line starting with '- ', or [a, b]", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        if detail.get("input") is None:
            return "this value is empty — fill in its fields, or remove it", False
        example = _EXAMPLES.get(name)
        return "expected fields here (name: value lines)" + (f", e.g. {example}" if example else ""), False
    if kind in ("greater_than_equal", "greater_than"):
        bound = detail["ctx"].get("ge", detail["ctx"].get("gt"))
        smallest = bound if kind == "greater_than_equal" else bound + 1
        example = f"e.g. {name}: {smallest}" + (" (the measure's place in the guide: 1, 2, 3…)" if name == "order" else "")
        return f"{detail['input']} is too small — write a whole number from {smallest} up, {example}", False
    if kind in ("int_type", "int_parsing") and scalar is not None:
        return f"'{scalar.text}' is not a whole number — write digits only, e.g. {name}: 1", False
    if kind == "bool_type":
        return "expected true or false", False
    if kind == "value_error":
        return str(detail["msg"]).removeprefix("Value error, "), False
    return str(detail["msg"]), False


def _pattern_message(name: str, loc: tuple[Any, ...], value: Any) -> str:
    parent = next((str(part) for part in reversed(loc) if isinstance(part, str)), name)
    if parent in ("commune", "communes", "provinces"):
        return f"'{value}' is not a NIS code — write the five digits in quotes, e.g. \"21004\""
    if parent == "postcode":
        return f"'{value}' is not a Belgian postcode — write the four digits in quotes, e.g. \"1080\""
    if parent in ("languages", "id") and len(loc) >= 1 and parent == "languages":
        return f"'{value}' is not an ISO 639-1 language code — use two lowercase letters, e.g. ar"
    if parent in ("id", "domains", "audiences", "arrondissements"):
        return (
            f"'{value}' is not a valid identifier — use lowercase letters, digits and hyphens, "
            "e.g. caprev or mental-health"
        )
    return f"'{value}' does not have the expected form"


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> set[str]:
    """The field names allowed at `loc` inside `model` (for 'did you mean' hints)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return set()
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return set(current.model_fields)
    return set()


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if args else annotation
        elif origin in (list, typing.Annotated):
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation
