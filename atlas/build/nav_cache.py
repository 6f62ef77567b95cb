"""The site's navigation rendered once per language and folder for the pages outside the nav.

Material renders its whole navigation (partials/nav.html, every entry of mkdocs.yml's `nav`)
into every page: 3 s of a 31 s starter build, most of it for commune, service and court pages,
which are not in the nav and all get the same navigation. For such a page the navigation
depends only on the build (its language's nav, site name, features) and on the page's folder
(links are written relative to the page), so `overrides/partials/nav.html` renders it for the
first page of a folder and gives the same text to the others. Pages in the nav render it
themselves (their own entry is marked as the current one).

Imports: jinja2, MkDocs's page and navigation types, atlas.build.csp (where Material's templates are).
`tests/site/test_nav_cache.py` compares a build with a build that renders every navigation.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from atlas.build.csp import theme_templates

if TYPE_CHECKING:
    from jinja2 import Environment

# Templates of the installed theme under this prefix: the override includes Material's own nav.
THEME_PREFIX = "material"
# False renders every page's navigation itself (what the comparison test builds against).
ENABLED = True


def install(env: Environment) -> None:
    """Give the build's template environment `atlas_nav_key`, `atlas_nav_cached` and
    `atlas_nav_remember` (a store that lives as long as the environment: one build of one
    language), and Material's templates under `material/`."""
    if not any(isinstance(loader, PrefixLoader) for loader in getattr(env.loader, "loaders", ())):
        assert env.loader is not None
        env.loader = ChoiceLoader([env.loader, PrefixLoader({THEME_PREFIX: FileSystemLoader(str(theme_templates()))})])
    rendered: dict[str, str] = {}

    def remember(key: str, html: str) -> str:
        rendered[key] = html
        return html

    env.globals["atlas_nav_key"] = nav_key
    env.globals["atlas_nav_cached"] = rendered.get
    env.globals["atlas_nav_remember"] = remember


def nav_key(page: object, nav: object) -> str:
    """The key of the pages whose navigation is this page's, or '' when the page renders its own:
    a page in the nav (its entry is the current one), a page with an entry of the nav inside its
    folder (the link to it is shorter), any page when the store is off (`ENABLED`).

    Links are relative to the page's folder: 'fr/communes/anderlecht/' and
    'fr/communes/ath/' reach every other page by the same links, so both have the key
    'fr/communes/*/' (with `use_directory_urls: false`, 'fr/communes/anderlecht.html' has 'fr/communes/')."""
    # Theme pages (404.html) have no page: they render their own.
    if not ENABLED or not isinstance(page, Page) or not isinstance(nav, Navigation) or not page.url or _in_nav(page, nav):
        return ""
    folder = page.url if page.url.endswith("/") else posixpath.dirname(page.url) + "/"
    if any(item.url.startswith(folder) for item in nav.pages):
        return ""
    if not page.url.endswith("/"):
        return folder
    return posixpath.dirname(folder.rstrip("/")) + "/*/"


def _in_nav(page: Page, nav: Navigation) -> bool:
    return page.parent is not None or any(item is page for item in nav.pages)
