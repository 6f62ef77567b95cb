"""The two search indexes of a language (atlas.build.search): the first one, small, and the full
one, from Material's combined index; the short entry of a service page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from atlas.build import search
from atlas.data.directory import Atlas
from atlas.data.loader import load_atlas
from atlas.site.pages import SiteOptions
from tests.support import ROOT

CONFIG = {"lang": ["fr", "nl"], "separator": "[\\s]+", "pipeline": [], "fields": {"title": {"boost": 1000.0}}}
LONG = "<p>" + " ".join(["mot"] * 100) + "</p>"


def _combined(site: Path) -> None:
    docs = [
        {"location": "fr/", "title": "Accueil", "text": "<p>Bienvenue &amp; <strong>bonjour</strong>.</p>"},
        {"location": "fr/guide/x/", "title": "Guide", "text": LONG},
        {"location": "fr/guide/x/#partie", "title": "Partie", "text": "<ul><li>un</li></ul>"},
        {"location": "fr/services/a/", "title": "Service A", "text": "<p>Organisation</p>"},
        {"location": "fr/services/a/#contact", "title": "Contact", "text": "<p>Site web</p>"},
        {"location": "nl/", "title": "Onthaal", "text": "<p>Welkom</p>"},
    ]
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text(json.dumps({"config": CONFIG, "docs": docs}), encoding="utf-8")
    (site / "search" / "search_index.js").write_text("var __index = {}", encoding="utf-8")


def test_split_writes_a_first_and_a_full_index_per_language(tmp_path: Path) -> None:
    """Assert the full index is Material's entries of the language plus the extra ones; the first
    one has a service page's short entry instead of its sections, other texts cut and without tags,
    the extra entries, and the full index's path; the combined index is gone."""
    _combined(tmp_path)
    extra = {"fr": [{"location": "communes/1/", "title": "C", "text": "C · 1000"}], "nl": []}
    short = {"fr": [{"location": "services/a/", "title": "Service A", "text": "Fait ceci · 1000 Bruxelles"}], "nl": []}
    sizes = search.split_index(tmp_path, ("fr", "nl"), extra, short)
    full = json.loads((tmp_path / "fr" / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    first = json.loads((tmp_path / "fr" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in full["docs"]] == ["", "guide/x/", "guide/x/#partie", "services/a/", "services/a/#contact", "communes/1/"]
    assert full["docs"][3]["text"] == "<p>Organisation</p>"
    assert full["config"] == {**CONFIG, "lang": ["fr"], "pipeline": list(search.PIPELINE), "separator": search.SEPARATOR}
    assert first["config"] == {**full["config"], "atlas_full": "fr/search/search_index.full.json"}
    assert first["docs"] == [
        {"location": "", "title": "Accueil", "text": "Bienvenue &amp; bonjour."},
        {"location": "guide/x/", "title": "Guide", "text": search.teaser(LONG)},
        {"location": "guide/x/#partie", "title": "Partie", "text": "un"},
        *extra["fr"],
        *short["fr"],
    ]
    assert len(first["docs"][1]["text"]) <= search.TEASER_CHARS + 2
    assert first["docs"][1]["text"].endswith(" …")
    nl = json.loads((tmp_path / "nl" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in nl["docs"]] == [""]
    assert nl["config"]["lang"] == ["nl"]
    assert sizes["fr"] == (len((tmp_path / "fr/search/search_index.json").read_bytes()), len((tmp_path / "fr/search/search_index.full.json").read_bytes()))
    assert not (tmp_path / "search" / "search_index.json").exists()
    assert not (tmp_path / "search" / "search_index.js").exists()
    assert not list(tmp_path.glob("*/search/*.js"))


def test_split_writes_the_script_forms_for_the_offline_copy(tmp_path: Path) -> None:
    """Assert the offline copy gets each index as a script too: `__index` (what Material's page
    reads) for the first, `__index_full` (what the worker reads) for the full one."""
    _combined(tmp_path)
    search.split_index(tmp_path, ("fr", "nl"), offline=True)
    for lang in ("fr", "nl"):
        folder = tmp_path / lang / "search"
        for name, variable in (("search_index", "__index"), ("search_index.full", "__index_full")):
            script = (folder / f"{name}.js").read_text(encoding="utf-8")
            assert script == f"var {variable} = " + (folder / f"{name}.json").read_text(encoding="utf-8")


def test_split_from_materials_entries_in_memory_writes_the_same_files(tmp_path: Path) -> None:
    """Assert a build that hands Material's entries over in memory (the full build) writes the same
    bytes, offline forms included, as one that reads them from Material's combined file (a dirty
    preview), and removes that file as well."""
    extra = {"fr": [{"location": "communes/1/", "title": "C", "text": "C · 1000"}], "nl": []}
    short = {"fr": [{"location": "services/a/", "title": "Service A", "text": "Fait ceci · 1000 Bruxelles"}], "nl": []}
    from_file, from_memory = tmp_path / "file", tmp_path / "memory"
    for site in (from_file, from_memory):
        _combined(site)
    read = json.loads((from_memory / "search" / "search_index.json").read_text(encoding="utf-8"))
    sizes = search.split_index(from_memory, ("fr", "nl"), extra, short, offline=True, index=(read["config"], read["docs"]))
    assert sizes == search.split_index(from_file, ("fr", "nl"), extra, short, offline=True)
    written = sorted(path.relative_to(from_file) for path in from_file.rglob("*") if path.is_file())
    assert written == sorted(path.relative_to(from_memory) for path in from_memory.rglob("*") if path.is_file())
    assert len(written) == 8
    for relative in written:
        assert (from_memory / relative).read_bytes() == (from_file / relative).read_bytes(), relative


@pytest.mark.parametrize(
    "docs",
    [
        [],
        [{"location": "a/", "title": "Één « deux » \u2028 \\ \"quote\"", "text": "<p>&amp; 😀</p>"}],
        [{"location": "a/", "title": "T", "text": "x", "tags": ["b", "c"], "boost": 2.5}, {"location": "b/", "title": "U", "text": ""}],
    ],
)
def test_write_index_writes_what_json_dumps_writes(tmp_path: Path, docs: list[dict[str, object]]) -> None:
    """Assert the index written entry by entry is byte for byte `json.dumps` of the whole (compact,
    characters unescaped), after each file's prefix, and that the size returned is the JSON's."""
    import datetime as dt

    config = {**CONFIG, "when": dt.date(2026, 11, 30)}  # not JSON's own: written as its str, as Material does
    expected = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
    plain, script = tmp_path / "index.json", tmp_path / "index.js"
    size = search.write_index([(plain, ""), (script, "var __index = ")], config, docs)
    assert plain.read_bytes() == expected
    assert script.read_bytes() == b"var __index = " + expected
    assert size == len(expected)


def test_materials_entries_are_read_where_material_keeps_them() -> None:
    """Assert the adapter reads the settings and entries Material's SearchIndex holds: what its own
    generate_search_index writes; and that a plugin without them is named, not a traceback."""
    from types import SimpleNamespace

    from material.plugins.search.plugin import SearchIndex

    from atlas.build import material_search

    index = SearchIndex(lang=["fr"], separator="[\\s]+", pipeline=[], fields={"title": {"boost": 1000.0}}, jieba_dict=None)
    index.entries.append({"location": "fr/", "title": "Accueil", "text": "<p>Bienvenue</p>"})
    config = SimpleNamespace(plugins={"material/search": SimpleNamespace(search_index=index)})
    settings, docs = material_search.search_index(config)  # type: ignore[arg-type]
    assert json.loads(index.generate_search_index(None)) == {"config": settings, "docs": docs}
    assert docs is index.entries
    with pytest.raises(RuntimeError, match="material_search"):
        material_search.search_index(SimpleNamespace(plugins={"material/search": SimpleNamespace()}))  # type: ignore[arg-type]


def test_write_search_worker_names_materials_worker(tmp_path: Path) -> None:
    """Assert the site's worker starts with the name of Material's worker and replaces the copy of
    its source; a missing Material worker is said, with what to check."""
    (tmp_path / search.MATERIAL_WORKERS).mkdir(parents=True)
    (tmp_path / "assets" / "atlas").mkdir(parents=True)
    source = (ROOT / "docs" / search.WORKER_SOURCE).read_text(encoding="utf-8")
    (tmp_path / search.WORKER_SOURCE).write_text(source, encoding="utf-8")
    with pytest.raises(RuntimeError, match="expected one Material search worker"):
        search.write_search_worker(tmp_path)
    (tmp_path / search.MATERIAL_WORKERS / "search.0123abcd.min.js").write_text("", encoding="utf-8")
    assert search.write_search_worker(tmp_path) == "search.0123abcd.min.js"
    assert (tmp_path / search.WORKER).read_text(encoding="utf-8") == 'var ATLAS_MATERIAL_WORKER = "search.0123abcd.min.js";\n' + source
    assert not (tmp_path / search.WORKER_SOURCE).exists()


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas(ROOT / "data", display_root=ROOT)


def test_service_entry_holds_name_sentence_domains_and_addresses(atlas: Atlas) -> None:
    """Assert each service has one short entry per language: its name, and as text its first
    sentence, organisation, domains and addresses, escaped for Material's HTML results."""
    entries = search.service_entries(atlas, SiteOptions())
    for lang in ("fr", "nl"):
        assert [e["location"] for e in entries[lang]] == [f"services/{sid}/" for sid in atlas.services]
        with_address = next(s for s in atlas.services.values() if s.locations and s.organization)
        entry = next(e for e in entries[lang] if e["location"] == f"services/{with_address.id}/")
        location = with_address.locations[0]
        for part in (
            f"{location.postcode} {atlas.geography.communes[location.commune].name(lang)}",
            atlas.domain_label(with_address.domains[0], lang),
        ):
            assert search.html.escape(part, quote=False) in entry["text"], (part, entry)
        assert entry["title"] == search.html.escape(with_address.name[lang], quote=False)
        assert not [e for e in entries[lang] if "<" in e["text"] + e["title"]]
    offline = search.service_entries(atlas, SiteOptions(use_directory_urls=False))
    assert offline["fr"][0]["location"] == f"services/{next(iter(atlas.services))}.html"
