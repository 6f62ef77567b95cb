"""The build's loaded data is reused within one build and read again when a file changed."""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest

from atlas.build import events

ROOT = Path(__file__).resolve().parents[2]


def test_a_new_build_sees_an_edited_data_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert that a build (a new config object) after an edit reads the data again, even when
    the new config object takes the address, and so the id, of the previous one (CPython reuses
    a freed object's address: here every object is given the same id to make it certain)."""
    monkeypatch.setattr(events, "id", lambda obj: 1, raising=False)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")

    class Config:  # what events.load reads of MkDocs' config
        def __init__(self) -> None:
            self.config_file_path = str(tmp_path / "mkdocs.yml")

    def config() -> Config:
        return Config()

    first = config()
    before = events.load(first)  # type: ignore[arg-type]
    assert events.load(first) is before  # type: ignore[arg-type]  # same build: reused
    services = tmp_path / "data" / "services.yaml"
    text = services.read_text(encoding="utf-8")
    name = before.services["caprev"].name["fr"]
    services.write_text(text.replace(name, name + " (nouveau nom)", 1), encoding="utf-8")
    stat = services.stat()
    os.utime(services, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    del first
    gc.collect()
    second = config()
    after = events.load(second)  # type: ignore[arg-type]
    assert after is not before
    assert after.services["caprev"].name["fr"] == name + " (nouveau nom)", after.services["caprev"].name
