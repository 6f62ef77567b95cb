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


def _services(atlas: object) -> list[tuple[str, str]]:
    return [(sid, service.model_dump_json()) for sid, service in atlas.services.items()]  # type: ignore[attr-defined]


def test_a_load_reusing_unchanged_entries_equals_a_full_load(tmp_path: Path) -> None:
    """Assert that `make serve`'s load (EntryCache: unchanged entries taken from the previous
    load) gives the same services, in the same order, as a full load after an entry is edited,
    added or removed; that an entry the edit made wrong is reported exactly as a full load reports
    it; and that an entry cut where a quoted text goes on past a line starting with '- ' is read
    whole, as YAML reads it."""
    from atlas.data.loader import EntryCache, load_atlas, split_entries
    from atlas.data.problems import DataErrors

    shutil.copytree(ROOT / "data", tmp_path / "data")
    data = tmp_path / "data"
    services = data / "services.yaml"
    shutil.rmtree(data / "local", ignore_errors=True)
    head = split_entries(services.read_text(encoding="utf-8"))
    assert head is not None
    caprev = next(number for number, entry in enumerate(head) if entry.startswith("- id: caprev\n"))
    services.write_text("# services\n" + "".join(head[: max(caprev + 1, 8)]), encoding="utf-8")
    cache = EntryCache()
    first = load_atlas(data, reuse=cache)
    entries = split_entries(services.read_text(encoding="utf-8"))
    assert entries is not None
    assert len(cache.services) == len(entries) >= 8

    original = services.read_text(encoding="utf-8")
    name = first.services["caprev"].name["fr"]
    renamed = original.replace(name, name + " (nouveau nom)", 1)
    added = renamed + "\n" + entries[0].replace(f"- id: {first.services[next(iter(first.services))].id}\n", "- id: added-entry\n", 1)
    removed = original.replace(entries[1], "", 1)
    for text in (renamed, added, removed, original):
        services.write_text(text, encoding="utf-8")
        reused = load_atlas(data, reuse=cache)
        assert _services(reused) == _services(load_atlas(data))
        unchanged = next(entry for entry in entries[2:] if entry not in (entries[caprev],)).split("\n", 1)[0].removeprefix("- id: ")
        assert reused.services[unchanged] is first.services[unchanged], "an unchanged entry was read again"
    assert reused.services["caprev"].name["fr"] == name

    broken = original.replace(f"- id: {first.services['caprev'].id}\n", "- id: caprev\n  bogus_field: 1\n", 1)
    services.write_text(broken, encoding="utf-8")
    with pytest.raises(DataErrors) as full:
        load_atlas(data)
    with pytest.raises(DataErrors) as fast:
        load_atlas(data, reuse=cache)
    assert "bogus_field" in full.value.report()
    assert fast.value.report() == full.value.report()

    # a double-quoted text that goes on over a line starting with '- ': one entry for YAML
    services.write_text(original, encoding="utf-8")
    load_atlas(data, reuse=cache)
    quoted = original.replace(f'    fr: "{name}"', f'    fr: "{name}\n- suite du nom"', 1)
    assert quoted != original
    services.write_text(quoted, encoding="utf-8")
    assert _services(load_atlas(data, reuse=cache)) == _services(load_atlas(data))
