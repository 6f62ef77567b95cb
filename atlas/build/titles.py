"""Page titles and descriptions, escaped once for the theme.

Every page's title and description reach HTML attributes and <title> through the theme's
templates, whose Jinja environment does not escape: `escape_titles` escapes them once, for every
page, after all pages were rendered (a title from a first heading is known only then) and before
any template runs. A Markup value is printed as is and never escaped twice (`| e`). Imports
MkDocs' types only.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def plain_title(page: Page) -> str:
    """The page's title as plain text: front matter is text; a first heading is HTML text
    (MkDocs strips its tags but keeps entities such as &lt;), so its entities are decoded once."""
    if "title" in page.meta:
        return str(page.meta["title"])
    rendered = getattr(page, "_title_from_render", None)  # MkDocs 1.6: the first heading, as HTML
    if rendered:
        return html.unescape(rendered)
    return str(page.title or "")


def escape_titles(files: Files) -> None:
    """Escape `page.meta["title"]`, `page.title` and `page.meta["description"]` of every page,
    once (a second call changes nothing)."""
    for file in files.documentation_pages():
        page = file.page
        if page is None or isinstance(page.meta.get("title"), Markup):
            continue  # already escaped (a build reuses pages only within itself)
        page.meta["title"] = escape(plain_title(page))
        # a title given in mkdocs.yml's nav (plain text) stays the navigation's label
        page.title = escape(vars(page)["title"]) if vars(page).get("title") is not None else page.meta["title"]
        if page.meta.get("description") is not None:
            page.meta["description"] = escape(str(page.meta["description"]))
