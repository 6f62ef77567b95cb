"""MkDocs hooks: thin forwarders to `atlas.build.events`, where the logic and its tests live.

MkDocs runs every hook once per language (mkdocs-static-i18n rebuilds the whole site for Dutch
inside its own `on_post_build`), so the hooks keep no state of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority

from atlas.build import events as build_hooks

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


# `mkdocs serve --dirty` (make serve): the preview rebuilds only what an edit changed (atlas.build.preview).
def on_startup(command: str, dirty: bool) -> None:
    build_hooks.on_startup(command, dirty)


# Validate all data first: a data mistake stops the build before anything is written.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return build_hooks.on_config(config)


# After i18n (priority -100) has sorted the files by language: give French its /fr/ prefix and
# add the pages generated from the data (in memory) for the language being built.
@event_priority(-200)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return build_hooks.on_files(files, config)


# After i18n has translated the navigation: in a dirty preview, titles of pages left as they are.
@event_priority(-200)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    build_hooks.on_nav(config, files, nav)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return build_hooks.on_page_markdown(markdown, page, config)


# After Markdown, before the search plugin reads the page: sanitise it.
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return build_hooks.on_page_content(html, page, config)


# After the search plugin has read the page (priority 0): the commune pages' route lists; the
# footer's links in the page's language (its template: overrides/partials/copyright.html).
@event_priority(-100)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    return build_hooks.on_page_context(context, page, config)


# After every page's content is rendered, before any template: escape titles and descriptions
# (the theme prints them into attributes and <title> without escaping).
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    build_hooks.on_env(env, config, files)
    build_hooks.share_templates(env)
    return env


# Each finished page: checked for anything that acts, then its Content-Security-Policy, with the hashes of its inline scripts.
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return build_hooks.on_post_page(output, page, config)


# A failed build (a refused page, strict mode): stop the files made on the other core.
def on_build_error(error: Exception) -> None:
    build_hooks.on_build_error()


# After i18n has built every language and written the combined search index.
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    build_hooks.on_post_build(config)


# `mkdocs serve` stops: the preview's second process with it, before the site folder is removed.
def on_shutdown() -> None:
    build_hooks.on_shutdown()
