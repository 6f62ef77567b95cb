"""Every page of the starter site, in both languages, gets from atlas.build.material_search the
search entries Material's own parser gives it; the pages Atlas generated take the fast path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from tests.support import ROOT

# A build of the starter project in its own process, both languages in it; for each page
# Material's search plugin indexes, the entries of the build's path (add_entry, as installed) and
# of Material's own add_entry_from_context, each into a fresh index, written to pages.json.
DRIVER = r"""
import json, sys
from pathlib import Path
from material.plugins.search import plugin as material
from mkdocs.commands.build import build
from mkdocs.config import load_config
from atlas.build import material_search

site = sys.argv[1]
pages = []
real_add_entry = material_search.add_entry


def recorded(index, page, fast):
    ours, theirs = material.SearchIndex(), material.SearchIndex()
    real_add_entry(ours, page, fast)
    theirs.add_entry_from_context(page)
    excluded = bool((page.meta.get("search") or {}).get("exclude"))
    read = isinstance(page.content, str) and material_search.sections(page.content) is not None
    pages.append({
        "url": page.url, "fast": fast, "excluded": excluded, "read_by_feed": read,
        "ours": ours.entries, "theirs": theirs.entries,
    })
    real_add_entry(index, page, fast)


if __name__ == "__main__":  # the side work's processes import this module again
    material_search.add_entry = recorded
    build(load_config(str(Path.cwd() / "mkdocs.yml"), site_dir=site, strict=True))
    Path(site).with_suffix(".pages.json").write_text(json.dumps(pages, default=str), encoding="utf-8")
"""


@pytest.fixture(scope="module")
def indexed_pages(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("material_search")
    driver = folder / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764000000", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    env.pop("ATLAS_LANG", None)
    env["ATLAS_LANGUAGES_IN_PARALLEL"] = "false"  # both languages' pages are recorded in this process
    done = subprocess.run(
        [sys.executable, str(driver), str(folder / "site")], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    pages: list[dict[str, Any]] = json.loads((folder / "site.pages.json").read_text(encoding="utf-8"))
    return pages


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_page_gets_materials_entries(indexed_pages: list[dict[str, Any]], lang: str) -> None:
    """Assert that each page of the language (hand-written and generated) gets the same list of
    entries from the build's path as from Material's parser, and that the pages were indexed."""
    pages = [page for page in indexed_pages if page["url"].startswith(f"{lang}/")]
    assert len(pages) > 400, f"only {len(pages)} {lang} pages were indexed"
    differing = [page["url"] for page in pages if page["ours"] != page["theirs"]]
    assert differing == [], f"{len(differing)} {lang} pages get other entries, first: {differing[:5]}"
    assert sum(len(page["theirs"]) for page in pages) > 2000


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_generated_pages_take_the_fast_path(indexed_pages: list[dict[str, Any]], lang: str) -> None:
    """Assert that every indexed page Atlas generated is read by `feed` (none goes to Material's
    parser), service pages, domain pages and the services index among them, and that hand-written
    pages keep Material's parser."""
    pages = [page for page in indexed_pages if page["url"].startswith(f"{lang}/")]
    generated = [page for page in pages if page["fast"] and not page["excluded"]]
    refused = [page["url"] for page in generated if not page["read_by_feed"]]
    assert refused == [], f"generated {lang} pages outside feed's grammar: {refused[:5]}"
    urls = {page["url"] for page in generated}
    assert sum(url.startswith(f"{lang}/services/") for url in urls) > 300
    assert sum(url.startswith(f"{lang}/domains/") for url in urls) >= 10
    assert f"{lang}/services/" in urls
    assert any(url.startswith(f"{lang}/guide/") for url in {page["url"] for page in pages if not page["fast"]})
