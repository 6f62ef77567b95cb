"""What a generated page is: its path, its Markdown and its metadata, as Python objects.

The pages Atlas makes from the data (atlas.site.pages, guide, glossary) hand their metadata to the
build as a `PageMeta`, not as YAML front matter written out and parsed back: atlas.build.events
gives MkDocs the fields it knows (`title`, `description`, `search`, `hide`) and the theme the rest
(`atlas_page` in the template context: JSON-LD as a dict, printed with Jinja's `tojson`; the
page's own scripts). A hand-written page cannot set these: its front matter never reaches
`atlas_page`, and atlas.site.page_checks refuses `atlas_*` keys there.

Imports nothing from Atlas: this layer's pages and atlas.build use it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageMeta:
    """A generated page's metadata.

    - `title`, `description`: plain text (the build escapes them once, for every page).
    - `search_exclude`: left out of Material's search index.
    - `hide`: Material's `hide` list (e.g. ("navigation", "toc")).
    - `commune`: the NIS code of a commune page, whose body atlas.site.commune_page.CommuneRoutes renders.
    - `json_ld`: schema.org data of a service page, a JSON-able dict.
    - `assets`: site files the page loads before its scripts, as paths from the site root.
    - `script`: the page's own data script, as a path relative to the page.
    """

    title: str
    description: str
    search_exclude: bool = False
    hide: tuple[str, ...] = ()
    commune: str | None = None
    json_ld: Mapping[str, object] | None = None
    assets: tuple[str, ...] = ()
    script: str | None = None

    def mkdocs_meta(self) -> dict[str, object]:
        """The part MkDocs, Material and the search plugin read from `page.meta`."""
        meta: dict[str, object] = {"title": self.title, "description": self.description}
        if self.search_exclude:
            meta["search"] = {"exclude": True}
        if self.hide:
            meta["hide"] = list(self.hide)
        return meta

    def fingerprint(self) -> str:
        """A text that changes when any field changes (a dirty preview compares it)."""
        return json.dumps(vars(self), ensure_ascii=False, sort_keys=True, default=list)


@dataclass(frozen=True)
class GeneratedPage:
    """A page made in memory: `path` under docs/<lang>/ (e.g. 'services/cpas-schaerbeek.md'),
    its Markdown (no front matter), its metadata, and `parts`: HTML that takes the place of a
    paragraph holding only its token once Markdown has rendered the page (`put_parts`). Parts
    are Atlas's own rendering (autoescaped templates): Markdown need not parse them again."""

    path: str
    meta: PageMeta
    markdown: str
    parts: Mapping[str, str] = field(default_factory=dict)


def part_tokens(parts: list[str], texts: tuple[str, ...] = ()) -> list[str]:
    """A token per part, made of letters and digits (Markdown leaves it as it is) and derived from
    the parts' text and from `texts`, the page's own texts that go through Markdown: a text that
    holds a token changes the tokens, so it cannot name one in advance (a paragraph of its own
    holding a token would otherwise take that part's place)."""
    digest = hashlib.blake2b("\0".join([*parts, "\1", *texts]).encode("utf-8"), digest_size=6).hexdigest()
    return [f"atlasPart{digest}x{number}" for number in range(len(parts))]


def put_parts(html: str, parts: Mapping[str, str]) -> str:
    """The page's HTML with each `<p>token</p>` replaced by its part."""
    for token, part in parts.items():
        html = html.replace(f"<p>{token}</p>", part, 1)
    return html
