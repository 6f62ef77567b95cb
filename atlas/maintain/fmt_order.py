"""The key order of `make fmt`, from a pydantic model: every mapping's keys in the order of the
model's fields, recursively through nested models (keys the model does not know come last, in
their own order), and the sort key of an entry (its `id`).

Imports pydantic and ruamel.yaml's containers only (the model is passed in: `atlas.maintain.fmt`
passes `Service`). Raises nothing; `reorder` changes the tree in place.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq


@dataclass(frozen=True)
class KeyOrder:
    """The field order of one model, and the order of each field's nested model, if any."""

    fields: tuple[str, ...]
    children: dict[str, KeyOrder] = field(default_factory=dict)


@cache
def key_order(model: type[BaseModel]) -> KeyOrder:
    fields: list[str] = []
    children: dict[str, KeyOrder] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        fields.append(key)
        nested = _models_in(info.annotation)
        if nested:  # `Text | None`, `list[Phone]`, `AreaPart | None`: one model per field here
            children[key] = key_order(nested[0])
    return KeyOrder(tuple(fields), children)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models inside an annotation (through Optional, unions, lists, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is None or origin is typing.Literal:
        return []
    found: list[type[BaseModel]] = []
    for argument in typing.get_args(annotation):
        found.extend(model for model in _models_in(argument) if model not in found)
    return found


def reorder(node: Any, order: KeyOrder | None) -> None:
    """Put the keys of every mapping in model order (in place, so comments and styles stay)."""
    if isinstance(node, CommentedSeq):
        for item in node:
            reorder(item, order)
        return
    if not isinstance(node, CommentedMap):
        return
    if order is not None:
        known = [key for key in order.fields if key in node]
        for key in known + [key for key in list(node) if key not in order.fields]:
            node.move_to_end(key)
    for key, value in node.items():
        reorder(value, order.children.get(key) if order is not None else None)


def entry_key(entry: CommentedMap | dict[str, Any]) -> str:
    value = entry.get("id")
    return "" if value is None else str(value)
