"""A site whose generated pages are converted with one Markdown converter per build
(atlas.build.markdown_once) is the site MkDocs' own conversion makes, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.site.test_language_fork import BASE_ENTRY
from tests.support import ROOT, make_site, site_differences

PAGES = {
    f"{lang}/{path}": f"---\ntitle: {title}\n---\n\n# {title}\n\nTexte [lien](../index.md) CPAS.\n\n## Partie\n\n- un\n- deux\n"
    for lang in ("fr", "nl")
    for path, title in (("index.md", "Accueil"), ("guide/index.md", "Guides"), ("guide/a.md", "A"))
}


def _build(project: Path, site: Path, *, once: bool) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    env.pop("ATLAS_LANG", None)
    env["ATLAS_MARKDOWN_ONCE"] = "true" if once else "false"
    # one converter per build: built in turn, the Dutch pages come after the French ones in the
    # same process, with the other language's glossary (the harder case)
    env["ATLAS_LANGUAGES_IN_PARALLEL"] = "false" if once else "true"
    done = subprocess.run(
        [sys.executable, "-m", "atlas.build.run", "build", "--strict", "--clean", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_one_converter_per_build_gives_the_same_site(tmp_path: Path) -> None:
    """Assert both ways give the same files with the same bytes: service, commune, domain and
    index pages (their headings' ids, abbreviations of each language's glossary, links), search
    indexes and sitemap."""
    project = make_site(tmp_path / "project", BASE_ENTRY, PAGES)
    _build(project, tmp_path / "once", once=True)
    _build(project, tmp_path / "own", once=False)
    assert site_differences(tmp_path / "once", tmp_path / "own") == []
    service = (tmp_path / "once" / "fr" / "services" / "test-service" / "index.html").read_text(encoding="utf-8")
    assert 'id="' in service
    domains = (tmp_path / "once" / "nl" / "domains" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Openbaar centrum voor maatschappelijk welzijn">OCMW</abbr>' in domains
    assert len(list((tmp_path / "once" / "nl" / "communes").glob("*/index.html"))) > 500
