"""One Markdown converter per build for the pages Atlas generates, instead of one per page: every
touch of MkDocs' page rendering, in one place.

MkDocs (1.6.1, pinned) converts each page in `Page.render` with a new `markdown.Markdown`, whose
extensions it builds anew each time (looking them up, configuring them): at 5,000 services,
~6 % of each language's build for 5,800 generated pages. `install` makes `Page.render` give the
pages `generated(page)` selects to `render`, which does what `Page.render` does with one
converter per build and extension settings, reset between pages as Python-Markdown asks
(`Markdown.reset`: its stash, references and every extension's state) and given the page's own
MkDocs processors (raw HTML anchors, anchors, relative links, title) each time. Any other page,
and every page when MkDocs' `Page.render` is not the code restated here (its source digest),
goes to MkDocs' own. tests/unit/test_markdown_once.py pins the digest; tests/site compares a site
built both ways (ATLAS_MARKDOWN_ONCE=false: MkDocs' own, for that comparison).
"""

from __future__ import annotations

import hashlib
import inspect
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import markdown  # type: ignore[import-untyped]
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

from atlas.build.config import switched_off

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

SWITCH = "ATLAS_MARKDOWN_ONCE"
# sha256 of the source of mkdocs.structure.pages.Page.render in MkDocs 1.6.1, which `render` restates
RESTATED = "320529348f7a8af152073d0a3ab02960ccce91f9204716144e51b20931983cc6"

_state: dict[str, Any] = {"config": None, "converters": {}}


def restates_mkdocs() -> bool:
    """Whether MkDocs' Page.render is the code `render` restates."""
    source = inspect.getsource(getattr(mkdocs_pages.Page.render, "_atlas_mkdocs_render", mkdocs_pages.Page.render))
    return hashlib.sha256(source.encode("utf-8")).hexdigest() == RESTATED


def install(generated: Callable[[Page], bool]) -> None:
    """Route the pages `generated` selects through `render` (once per process; again, the new
    selection). Does nothing when switched off or when MkDocs is not the version restated."""
    page_class: Any = mkdocs_pages.Page
    own = getattr(page_class.render, "_atlas_mkdocs_render", page_class.render)
    if switched_off(SWITCH) or not restates_mkdocs():
        page_class.render = own
        return

    def render_page(page: Page, config: MkDocsConfig, files: Files) -> None:
        if generated(page):
            render(page, config, files)
        else:
            own(page, config, files)

    render_page._atlas_mkdocs_render = own  # type: ignore[attr-defined]
    page_class.render = render_page


def _converter(config: MkDocsConfig) -> markdown.Markdown:
    """The build's converter for its extensions' settings as they are now, made once per build and
    settings: Atlas changes them between pages (the glossary's abbreviations of the page's language,
    atlas.build.events.on_page_markdown), and a converter keeps the settings it was made with."""
    if _state["config"] is not config:
        _state["config"], _state["converters"] = config, {}
    converters: dict[str, markdown.Markdown] = _state["converters"]
    settings = config["mdx_configs"] or {}
    key = repr(settings)
    if key not in converters:
        converters[key] = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=settings)
    return converters[key]


def render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What MkDocs' Page.render does (content, table of contents, title, anchors, links to
    anchors), with the build's converter reset instead of a new one. Raises what it raises."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    md = _converter(config).reset()
    raw_html_ext = mkdocs_pages._RawHTMLPreprocessor()
    raw_html_ext._register(md)
    extract_anchors_ext = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors_ext._register(md)
    relative_path_ext = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
    relative_path_ext._register(md)
    extract_title_ext = mkdocs_pages._ExtractTitleTreeprocessor()
    extract_title_ext._register(md)
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_path_ext.links_to_anchors
