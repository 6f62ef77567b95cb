"""JSON Schemas of the data files, generated from the model (committed under schema/).

Editors that read `# yaml-language-server: $schema=../schema/services.schema.json` use them to
complete and flag fields. A test fails when the committed files differ from the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from atlas.data.model import GlossaryEntry, Service, Taxonomy

SCHEMAS: dict[str, Any] = {
    "services.schema.json": (list[Service], "Atlas services (data/services.yaml)"),
    "taxonomy.schema.json": (Taxonomy, "Atlas taxonomy (data/taxonomy.yaml)"),
    "glossary.schema.json": (list[GlossaryEntry], "Atlas glossary (data/glossary.yaml)"),
}


def schema_text(target: Any, title: str) -> str:
    if isinstance(target, type) and issubclass(target, BaseModel):
        schema = target.model_json_schema()
    else:
        schema = TypeAdapter(target).json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def expected_schemas() -> dict[str, str]:
    return {name: schema_text(target, title) for name, (target, title) in SCHEMAS.items()}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in expected_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
