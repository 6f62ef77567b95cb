"""Contract test of atlas.build.i18n_adapter against the pinned mkdocs-static-i18n and MkDocs.

It builds a two-page site (one hand-written page per language, plus the generated pages) and
fails loudly when an upgrade changes what the adapter relies on: the /fr/ and /nl/ prefixes, the
language switch landing on the twin page (hand-written and generated), the per-language sitemap,
and the plugin's attributes that the adapter reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from atlas.build.assemble import build_site
from tests.support import FIXTURES, make_site


@pytest.fixture(scope="module")
def two_page_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("contract")
    pages = {
        "fr/index.md": "---\ntitle: Accueil\n---\n\n# Accueil\n\nBonjour.\n",
        "nl/index.md": "---\ntitle: Onthaal\n---\n\n# Onthaal\n\nDag.\n",
    }
    services = (FIXTURES / "base_entry.yaml").read_text(encoding="utf-8")
    project = make_site(folder / "project", services, pages)
    assert build_site(project, project / "site") == 0, "the two-page site no longer builds"
    return project / "site"


def _switch_targets(html: str) -> dict[str, str]:
    """hreflang → href of the language switch (Material's alternate links)."""
    return {lang: href for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([a-z]{2})"', html)}


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_both_languages_have_their_own_prefix(two_page_site: Path, lang: str) -> None:
    """Assert that each language's home and a generated service page sit under /<lang>/."""
    assert (two_page_site / lang / "index.html").is_file(), f"/{lang}/ is missing: the prefix move changed"
    assert (two_page_site / lang / "services" / "test-service" / "index.html").is_file()


def test_the_default_language_is_not_left_at_the_root(two_page_site: Path) -> None:
    """Assert that no French page is written at the site root (only the landing page is)."""
    assert not (two_page_site / "services").exists(), "French pages were built at the root"
    assert not (two_page_site / "guide").exists()


@pytest.mark.parametrize(("lang", "other"), [("fr", "nl"), ("nl", "fr")])
@pytest.mark.parametrize("page", ["index.html", "services/test-service/index.html"])
def test_language_switch_lands_on_the_twin(two_page_site: Path, lang: str, other: str, page: str) -> None:
    """Assert that the language switch of a hand-written and of a generated page points to the
    same path in the other language."""
    html = (two_page_site / lang / page).read_text(encoding="utf-8")
    targets = _switch_targets(html)
    assert other in targets, f"/{lang}/{page} has no link to its {other} twin"
    twin_dir = page.rsplit("/", 1)[0] if "/" in page else ""
    expected = f"/{other}/" + (twin_dir + "/" if twin_dir else "")
    assert targets[other].endswith(expected) or targets[other].endswith(expected.rstrip("/") + "/index.html"), (
        f"/{lang}/{page}: switch goes to {targets[other]}, expected …{expected}"
    )


def test_sitemap_lists_pages_of_both_languages(two_page_site: Path) -> None:
    """Assert that the sitemap names generated pages under both prefixes."""
    sitemap = (two_page_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/fr/services/test-service/" in sitemap
    assert "/nl/services/test-service/" in sitemap


def test_plugin_still_has_the_attributes_the_adapter_reads() -> None:
    """Assert that mkdocs-static-i18n's plugin class still defines what the adapter uses."""
    from mkdocs.structure.files import File
    from mkdocs_static_i18n.plugin import I18n

    plugin = I18n()
    for name in ("current_language", "default_language", "building"):
        assert hasattr(plugin, name) or name in dir(type(plugin)), f"I18n lost '{name}'"
    assert hasattr(File, "_get_url"), "MkDocs File lost _get_url (the /fr/ prefix move uses it)"
