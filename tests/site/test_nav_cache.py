"""The navigation rendered once per folder (atlas.build.nav_cache) is the navigation each page
would render itself: a build with the store and a build without it are the same, byte for byte."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, make_site, site_differences

BASE_ENTRY = (ROOT / "tests" / "fixtures" / "base_entry.yaml").read_text(encoding="utf-8")
# Pages in the nav, pages outside it that share a folder, and a page outside the nav whose folder
# holds an entry of the nav (its link to that entry is shorter than its neighbours').
PAGES = {
    f"{lang}/{path}": f"---\ntitle: {title}\n---\n\n# {title}\n\nTexte.\n"
    for lang in ("fr", "nl")
    for path, title in (
        ("index.md", "Accueil"),
        ("guide/index.md", "Guides"),
        ("guide/a.md", "A"),
        ("guide/b.md", "B"),
        ("guide/c.md", "C"),
        ("about/index.md", "À propos"),
        ("about/privacy.md", "Vie privée"),
    )
}
NAV = ["index.md", {"Guides": ["guide/index.md", "guide/a.md"]}, "about/privacy.md"]


# A build in its own process (the store is module state), told whether to use the store; it
# writes the key each page got to keys.json.
DRIVER = r"""
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from atlas.build import nav_cache

project, site, enabled = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "on"
keys = {}
real_key = nav_cache.nav_key


def recorded(page, nav):
    key = real_key(page, nav)
    if page is not None:  # theme pages (404.html) have none
        keys[page.url] = key
    return key


if __name__ == "__main__":  # the QR codes' process imports this module again
    nav_cache.ENABLED = enabled
    nav_cache.nav_key = recorded
    build(load_config(str(project / "mkdocs.yml"), site_dir=site, strict=True))
    Path(site).with_suffix(".keys.json").write_text(json.dumps(keys), encoding="utf-8")
"""


@pytest.mark.parametrize("offline", [False, True], ids=["served", "offline"])
def test_a_build_that_renders_every_navigation_gives_the_same_site(tmp_path: Path, offline: bool) -> None:
    """Assert that the site built with the navigation store and the site built with every page
    rendering its own navigation hold the same files with the same bytes (served and offline
    copies, /fr/ and /nl/), and that the store was used: pages outside the nav in one folder
    share a key, a page with an entry of the nav in its folder renders its own."""
    project = make_site(tmp_path / "project", BASE_ENTRY, PAGES, nav=NAV, offline=offline)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    env.pop("ATLAS_LANG", None)
    env["ATLAS_LANGUAGES_IN_PARALLEL"] = "false"  # every page's key is recorded in this process
    if offline:
        env["ATLAS_OFFLINE"] = "true"
    for switch in ("on", "off"):
        done = subprocess.run(
            [sys.executable, str(driver), str(project), str(tmp_path / switch), switch],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
    shared = {url: key for url, key in json.loads((tmp_path / "on.keys.json").read_text(encoding="utf-8")).items() if key}
    assert not json.loads((tmp_path / "off.keys.json").read_text(encoding="utf-8")) or not any(
        json.loads((tmp_path / "off.keys.json").read_text(encoding="utf-8")).values()
    ), "with the store off, every page renders its own navigation"
    for lang in ("fr", "nl"):
        if offline:  # pages are files: guide/b.html sits in the folder of guide/a.html, an entry of the nav
            assert f"{lang}/guide/b.html" not in shared, "an entry of the nav lies in this page's folder"
            assert f"{lang}/about/index.html" not in shared, "an entry of the nav lies in this page's folder"
        else:
            assert shared[f"{lang}/guide/b/"] == shared[f"{lang}/guide/c/"], "two pages of one folder share their navigation"
            assert f"{lang}/about/" not in shared, "an entry of the nav lies in this page's folder: it renders its own"
        assert sum(url.startswith(f"{lang}/communes/") for url in shared) > 500
        page = tmp_path / "on" / lang / ("guide/b.html" if offline else "guide/b/index.html")
        assert 'class="md-nav md-nav--primary"' in page.read_text(encoding="utf-8")
    assert site_differences(tmp_path / "on", tmp_path / "off") == []
