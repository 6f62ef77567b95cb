"""Every touch of mkdocs-static-i18n's attributes and of MkDocs' private API, in one place.

mkdocs-static-i18n (1.3.1, pinned) builds its default language at the site root and every other
language in a second, full build inside its own `on_post_build`; it marks each file with
`locale`, `localization`, `locale_alternate_of`, `norm_src_uri` and `alternates`, and keeps the
sitemap's pages in `i18n_files_per_language`. Atlas reads and writes those here only, and
`tests/site/test_i18n_contract.py` builds a two-page site and fails loudly when an upgrade changes
what this module relies on.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from atlas.text.labels import LANGUAGES

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files


def _plugin(config: MkDocsConfig) -> Any:
    return config.plugins.get("i18n")


def current_language(config: MkDocsConfig) -> str:
    """The language of the build running now ('fr' or 'nl')."""
    language = getattr(_plugin(config), "current_language", None) or config.theme.get("language") or LANGUAGES[0]
    return str(language)


def default_language(config: MkDocsConfig) -> str:
    """The language the plugin builds at the site root (French for Atlas)."""
    return str(getattr(_plugin(config), "default_language", None) or LANGUAGES[0])


def is_nested_build(config: MkDocsConfig) -> bool:
    """True inside the plugin's per-language rebuild (the outer build finishes the site)."""
    return bool(getattr(_plugin(config), "building", False))


def move_default_language_under_prefix(files: Files, config: MkDocsConfig) -> None:
    """Give the default language its own prefix (/fr/), like the other one (/nl/): in its own
    build, and as the alternates (language switch, sitemap) of the other language's pages.
    MkDocs derives every link from these URLs, so navigation and assets follow."""
    lang = default_language(config)
    building_default = current_language(config) == lang
    for file in files:
        if building_default:
            _prefix(file, lang, config)
        for alternate in getattr(file, "alternates", {}).values():
            _prefix(alternate, lang, config)


def _prefix(file: Any, lang: str, config: MkDocsConfig) -> None:
    if getattr(file, "localization", None) == lang and not file.dest_uri.startswith(f"{lang}/"):
        file.dest_uri = f"{lang}/{file.dest_uri}"
        file.url = file._get_url(config.use_directory_urls)  # private MkDocs API: recompute the URL
        file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))


def mark_generated(file: File, twin: File, lang: str, other: str, path: str) -> None:
    """Give a generated page (and an empty stand-in for its twin in the other language) the
    attributes the plugin gives its own files, so that the language switch and the sitemap find
    the twin. `path` is the page's path after the language prefix."""
    for generated, locale in ((file, lang), (twin, other)):
        marked: Any = generated
        marked.locale = marked.localization = locale
        marked.locale_alternate_of = lang
        marked.norm_src_uri = path
    alternates = {lang: file, other: twin}
    file_any: Any = file
    twin_any: Any = twin
    file_any.alternates = twin_any.alternates = alternates


def register_pages(files: Files, config: MkDocsConfig, lang: str) -> None:
    """Tell the plugin which pages this language has (its sitemap lists them)."""
    plugin = _plugin(config)
    if plugin is not None and hasattr(plugin, "i18n_files_per_language"):
        plugin.i18n_files_per_language[lang] = files.documentation_pages()


def forget_search_entries(config: MkDocsConfig) -> None:
    """Start a build with no search entries. The plugin stacks up the entries of each language
    it builds, and, as MkDocs keeps plugins across the rebuilds of `mkdocs serve`, of every
    rebuild too: each edit under serve added a copy of every page to the search index."""
    plugin = _plugin(config)
    entries = getattr(plugin, "search_entries", None)
    if isinstance(entries, list) and not is_nested_build(config):
        entries.clear()
