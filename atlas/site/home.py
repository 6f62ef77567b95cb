"""The home page of each language puts the task first: under the title, a commune/postcode field
and the life domains as large choices, which lead to the finder (a plain GET form: it works
without JavaScript). The rest of the page is hand-written (docs/<lang>/index.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from atlas.site.render import render
from atlas.text.urls import link

if TYPE_CHECKING:
    from atlas.data.directory import Atlas


def task_block(atlas: Atlas, lang: str, use_directory_urls: bool) -> str:
    finder = link(f"{lang}/index.md", f"{lang}/finder/index.md", use_directory_urls)
    return render("home_start.html.j2", lang=lang, domains=atlas.taxonomy.domains, finder_href=finder)


def insert_task(markdown: str, atlas: Atlas, lang: str, use_directory_urls: bool) -> str:
    """The task block right after the page's title (the first '# ' line), or first if none."""
    block = "\n" + task_block(atlas, lang, use_directory_urls) + "\n"
    lines = markdown.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: index + 1], block, *lines[index + 1 :]]) + "\n"
    return block + markdown
