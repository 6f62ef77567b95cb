"""Both languages built at once (atlas.build.language_fork) give the site a build of one language
after the other gives, byte for byte; a failure in the language built by the second process fails
the build with its message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, make_site, site_differences

BASE_ENTRY = (ROOT / "tests" / "fixtures" / "base_entry.yaml").read_text(encoding="utf-8")
PAGES = {
    f"{lang}/{path}": f"---\ntitle: {title}\n---\n\n# {title}\n\nTexte [lien](../index.md).\n"
    for lang in ("fr", "nl")
    for path, title in (("index.md", "Accueil"), ("guide/index.md", "Guides"), ("guide/a.md", "A"))
}
FORKED = "pages are built by a second process"


def _build(project: Path, site: Path, *, parallel: bool, offline: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    env.pop("ATLAS_LANG", None)
    env["ATLAS_LANGUAGES_IN_PARALLEL"] = "true" if parallel else "false"
    env["ATLAS_OFFLINE"] = "true" if offline else "false"
    return subprocess.run(
        [sys.executable, "-m", "atlas.build.run", "build", "--strict", "--clean", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )


@pytest.mark.parametrize("offline", [False, True], ids=["served", "offline"])
def test_both_languages_at_once_give_the_same_site(tmp_path: Path, offline: bool) -> None:
    """Assert that the site built with Dutch in a second process and the site built one language
    after the other hold the same files with the same bytes (served and offline copies: pages,
    sitemap, both search indexes, open data), and that the first did fork."""
    project = make_site(tmp_path / "project", BASE_ENTRY, PAGES, offline=offline)
    together = _build(project, tmp_path / "together", parallel=True, offline=offline)
    assert together.returncode == 0, together.stderr[-3000:]
    assert FORKED in together.stderr
    in_turn = _build(project, tmp_path / "in-turn", parallel=False, offline=offline)
    assert in_turn.returncode == 0, in_turn.stderr[-3000:]
    assert FORKED not in in_turn.stderr
    assert site_differences(tmp_path / "together", tmp_path / "in-turn") == []
    sitemap = (tmp_path / "together" / "sitemap.xml").read_text(encoding="utf-8")
    for lang in ("fr", "nl"):
        assert f"/{lang}/guide/a/</loc>" in sitemap or f"/{lang}/guide/a.html</loc>" in sitemap
        assert (tmp_path / "together" / lang / "search" / "search_index.full.json").stat().st_size > 1000


@pytest.mark.parametrize("failure", ["warning", "refused"])
def test_a_failure_in_the_second_language_fails_the_build(tmp_path: Path, failure: str) -> None:
    """Assert that a Dutch page with a broken link (a warning in strict mode), or Dutch pages
    holding an inline script the site does not ship, fail the build run in two processes with
    the page or the script named, and leave no process behind."""
    pages = {**PAGES, "nl/guide/a.md": "# A\n\n[weg](missing.md)\n"} if failure == "warning" else PAGES
    project = make_site(tmp_path / "project", BASE_ENTRY, pages)
    if failure == "refused":
        main = project / "overrides" / "main.html"
        main.write_text(
            main.read_text(encoding="utf-8")
            + '\n{% block announce %}{% if config.theme.language == "nl" %}<script>window.__nl = 1</script>{% endif %}{% endblock %}\n',
            encoding="utf-8",
        )
    done = _build(project, tmp_path / "site", parallel=True)
    output = done.stdout + done.stderr
    assert FORKED in output
    assert done.returncode != 0
    if failure == "warning":
        assert "Doc file 'nl/guide/a.md' contains a link 'missing.md'" in output
        assert "Aborted with 1 warnings in strict mode!" in output
    else:
        refused = [line for line in output.splitlines() if "window.__nl = 1" in line]
        assert refused, output[-2000:]
        assert all("nl/" in line for line in refused), output[-2000:]
        assert not any(line.startswith("fr/") for line in output.splitlines())
    assert "Traceback" not in output
    leftover = subprocess.run(["pgrep", "-f", str(tmp_path / "site")], capture_output=True, text=True, check=False)
    assert leftover.stdout.strip() == ""


def test_data_loaded_in_a_fork_reports_a_problem_once(tmp_path: Path) -> None:
    """Assert that a build whose data has a problem (the data is loaded in a fork first:
    atlas.build.second_core.made_in_fork) stops with the loader's message, once, with the
    file and line, and no traceback."""
    bad = BASE_ENTRY.replace("- id: ", "- id: Bad Id ", 1)
    assert bad != BASE_ENTRY
    project = make_site(tmp_path / "project", bad, PAGES)
    done = _build(project, tmp_path / "site", parallel=True)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert output.count("Atlas data has problems") == 1, output[-2000:]
    assert "data/services.yaml:" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "fr").exists()
