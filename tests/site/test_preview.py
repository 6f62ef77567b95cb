"""`make serve`'s preview (atlas.build.preview): one language, dirty rebuilds that re-render only
what an edit changed, and pages, search index and data that match a full build of the same files."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.support import FIXTURES, ROOT, make_site

# Runs in its own process, as `mkdocs serve --dirty` does: MkDocs' plugins told it is a dirty
# serve, a first build, then one build after each edit, each site copied to site-<n>/.
DRIVER = r"""
import json, shutil, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, site = Path(sys.argv[1]), Path(sys.argv[2])
edits = json.loads(sys.argv[3])
first = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
first.plugins.on_startup(command="serve", dirty=True)
for step, edit in enumerate([None, *edits]):
    if edit is not None:
        time.sleep(1.1)  # MkDocs compares modification times
        path = project / edit["file"]
        path.write_text(path.read_text(encoding="utf-8").replace(edit["old"], edit["new"]), encoding="utf-8")
    config = first if edit is None else load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = "http://127.0.0.1:8000/"  # as `mkdocs serve` does
    build(config, dirty=True, serve_url="http://127.0.0.1:8000/")
    from atlas.build import preview
    preview.wait_for_background()
    # QR codes are still being written by another process (a temporary ".name.svg.pid" each,
    # then renamed): leave those out
    shutil.copytree(site, project.parent / f"site-{step}", copy_function=shutil.copy2, ignore=shutil.ignore_patterns(".*"))
"""

GUIDE = {
    lang: f"---\ntitle: {title}\n---\n\n# {title}\n\nUn premier paragraphe.\n\n## Section\n\nTexte de la section.\n"
    for lang, title in (("fr", "Guide de test"), ("nl", "Testgids"))
}


def _project(folder: Path) -> Path:
    entries = yaml.safe_load((FIXTURES / "base_entry.yaml").read_text(encoding="utf-8"))
    other = copy.deepcopy(entries[0])
    other.update(id="other-service", name={"fr": "Autre service", "nl": "Andere dienst"}, area={"communes": ["21004"]})
    other.pop("locations")
    services = yaml.safe_dump([*entries, other], allow_unicode=True, sort_keys=False)
    pages = {f"{lang}/index.md": f"# Accueil {lang}\n\nTexte.\n" for lang in ("fr", "nl")}
    pages |= {f"{lang}/guide/test.md": GUIDE[lang] for lang in ("fr", "nl")}
    project = make_site(folder, services, pages, nav=["index.md", "guide/test.md"])
    # make_site resolved mkdocs.yml's `build_only_locale: !ENV [ATLAS_LANG, null]`: say it here
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    i18n["build_only_locale"] = "fr"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795392000"}
    env.pop("ATLAS_LANG", None)
    return {**env, **extra}


def _without_site_url(path: Path) -> str:
    """The page without its canonical link: the preview's site_url is the local server's."""
    return re.sub(r'<link rel="canonical" href="[^"]*">', "", path.read_text(encoding="utf-8"))


def _search(site: Path) -> set[tuple[str, str, str]]:
    docs = json.loads((site / "fr" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert len(docs) == len({(d["location"], d["title"], d["text"]) for d in docs}), "an entry comes twice in the search index"
    return {(d["location"], d["title"], d["text"]) for d in docs}


def test_preview_rebuilds_only_what_an_edit_changed_and_matches_a_full_build(tmp_path: Path) -> None:
    """Assert that under the dirty preview (French only) a guide edit rewrites that page only,
    a renamed service shows on its page and on the commune page that lists it but leaves other
    commune pages as they were, and that the edited pages, their navigation and the search index
    equal those of a full build of the same files."""
    project = _project(tmp_path / "project")
    edits = [
        {"file": "docs/fr/guide/test.md", "old": "Un premier paragraphe.", "new": "Un paragraphe corrigé."},
        {"file": "data/services.yaml", "old": "fr: Autre service", "new": "fr: Autre service renommé"},
    ]
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(project), str(tmp_path / "serve-site"), json.dumps(edits)],
        cwd=project, env=_env(ATLAS_LANG="fr"), capture_output=True, text=True, timeout=900, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    sites = [tmp_path / f"site-{step}" for step in range(3)]
    assert not list(sites[0].glob("nl/**/*.html")), "the French preview built Dutch pages too"

    def page(step: int, path: str) -> Path:
        return sites[step] / "fr" / path / "index.html"

    # the guide edit: that page only
    assert "Un paragraphe corrigé." in page(1, "guide/test").read_text(encoding="utf-8")
    for path in ("services/test-service", "services/other-service", "communes/21004", "communes/21015", ""):
        assert page(1, path).stat().st_mtime == page(0, path).stat().st_mtime, f"fr/{path} was rewritten after a guide edit"
    # the data edit: the service's page and the commune page listing it, not the others
    assert "Autre service renommé" in page(2, "services/other-service").read_text(encoding="utf-8")
    assert "Autre service renommé" in page(2, "communes/21004").read_text(encoding="utf-8")
    for path in ("communes/21015", "communes/73028", "guide/test"):
        assert page(2, path).stat().st_mtime == page(1, path).stat().st_mtime, f"fr/{path} was rewritten after an unrelated data edit"

    full = tmp_path / "full-site"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(full)],
        cwd=project, env=_env(ATLAS_LANG="fr"), capture_output=True, text=True, timeout=900, check=False,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    for path in ("guide/test", "services/other-service", "communes/21004", "services/test-service"):
        assert _without_site_url(page(2, path)) == _without_site_url(full / "fr" / path / "index.html"), (
            f"fr/{path} in the preview differs from a full build"
        )
    assert _search(sites[2]) == _search(full)
    assert "Autre service renomm" in (sites[2] / "fr" / "finder" / "finder-data.js").read_text(encoding="utf-8")
    assert "Autre service renomm" in (sites[2] / "data" / "vcards" / "fr" / "other-service.vcf").read_text(encoding="utf-8")
    shutil.rmtree(tmp_path / "serve-site", ignore_errors=True)


def _pages(site: Path) -> dict[str, str]:
    """Every French HTML page of a site (its path under fr/ → its text without the canonical link)."""
    return {path.relative_to(site / "fr").as_posix(): _without_site_url(path) for path in sorted((site / "fr").rglob("*.html"))}


# pages whose text holds the site's address, which the preview takes from the local server
_SHOWS_SITE_ADDRESS = {"referral/index.html", "guide/sanctions/print/index.html"}


def test_preview_after_service_edits_equals_a_full_build(tmp_path: Path) -> None:
    """Assert that after edits of service entries under the dirty preview — a service moved to
    another commune and life domain and renamed, then a service added — every French page, the
    search index and the finder data equal those of a clean full build of the same files, and that
    the commune and domain pages no edited service was or is on are not rendered again."""
    project = _project(tmp_path / "project")
    services = project / "data" / "services.yaml"
    other = services.read_text(encoding="utf-8").split("- id: other-service", maxsplit=1)[1]
    added = "- id: third-service" + other.replace("Autre service", "Troisième service").replace("Andere dienst", "Derde dienst")
    edits = [
        {"file": "data/services.yaml", "old": "fr: Autre service", "new": "fr: Service déplacé"},
        {"file": "data/services.yaml", "old": "- '21004'", "new": "- '21009'"},
        {"file": "data/services.yaml", "old": "  - housing\n  audiences:\n  - returnees\n  area:\n    communes",
         "new": "  - work\n  audiences:\n  - returnees\n  area:\n    communes"},
        {"file": "data/services.yaml", "old": "- id: other-service", "new": added.rstrip("\n") + "\n- id: other-service"},
    ]
    text = services.read_text(encoding="utf-8")
    for edit in edits[:3]:
        assert text.count(edit["old"]) == 1, f"the fixture changed: {edit['old']!r} is not there once"
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(project), str(tmp_path / "serve-site"), json.dumps(edits)],
        cwd=project, env=_env(ATLAS_LANG="fr"), capture_output=True, text=True, timeout=900, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    last = tmp_path / f"site-{len(edits)}"
    served = _pages(last)
    assert "Service déplacé" in served["services/other-service/index.html"]
    assert "Service déplacé" in served["communes/21009/index.html"]
    assert "Service déplacé" not in served["communes/21004/index.html"]
    assert "Service déplacé" in served["domains/work/index.html"]
    assert "Service déplacé" not in served["domains/housing/index.html"]
    assert "Troisième service" in served["services/third-service/index.html"]
    assert "Troisième service" in served["communes/21004/index.html"]

    # pages no edited service was or is on are left as they were
    for path in ("communes/73028/index.html", "communes/21015/index.html", "domains/legal/index.html", "guide/test/index.html"):
        assert (last / "fr" / path).stat().st_mtime == (tmp_path / "site-0" / "fr" / path).stat().st_mtime, (
            f"fr/{path} was rendered again after edits that do not reach it"
        )

    full = tmp_path / "full-site"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(full)],
        cwd=project, env=_env(ATLAS_LANG="fr"), capture_output=True, text=True, timeout=900, check=False,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    clean = _pages(full)
    assert served.keys() == clean.keys()
    differ = [path for path in clean if served[path] != clean[path] and path not in _SHOWS_SITE_ADDRESS]
    assert not differ, f"pages of the preview differ from a full build: {differ[:10]}"
    assert _search(last) == _search(full)
    finder = "fr/finder/finder-data.js"
    assert (last / finder).read_text(encoding="utf-8") == (full / finder).read_text(encoding="utf-8")
    shutil.rmtree(tmp_path / "serve-site", ignore_errors=True)
