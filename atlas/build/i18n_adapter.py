"""Every touch of mkdocs-static-i18n's attributes and of MkDocs' private API, in one place (but for page
rendering: atlas.build.markdown_once).

mkdocs-static-i18n (1.3.1, pinned) builds its default language at the site root and every other
language in a second, full build inside its own `on_post_build`; it marks each file with
`locale`, `localization`, `locale_alternate_of`, `norm_src_uri` and `alternates`, and keeps the
sitemap's pages in `i18n_files_per_language`. Atlas reads and writes those here only, and
`tests/site/test_i18n_contract.py` builds a two-page site and fails loudly when an upgrade changes
what this module relies on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from types import SimpleNamespace
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


# --- Building a language in a forked process (atlas.build.language_fork) -----------------------

_I18N_FILTERED = ("Documentation built in", "Building documentation to directory")


def other_languages(config: MkDocsConfig) -> list[str]:
    """The languages the plugin builds after the default one, in its order."""
    plugin = _plugin(config)
    if plugin is None:
        return []
    first = default_language(config)
    return [lang for lang in getattr(plugin, "build_languages", []) if lang != first]


def build_language(config: MkDocsConfig, lang: str) -> list[dict[str, Any]]:
    """Build `lang` as the plugin builds its other languages (its `on_post_build`): a nested build
    into the same site folder, which it does not clean, with the plugin's filter on MkDocs' log.
    Returns the search entries the plugin collected for it. For a forked child: it changes
    MkDocs' `utils.clean_directory` for the rest of the process, as the plugin does while it builds."""
    from mkdocs import utils
    from mkdocs.commands.build import build
    from mkdocs_static_i18n.utils import I18nLoggingFilter

    plugin = _plugin(config)
    plugin.building = True
    quiet = I18nLoggingFilter()
    quiet.filtered_prefixes.update(_I18N_FILTERED)
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    utils.clean_directory = lambda directory: None
    before = len(plugin.search_entries)
    plugin.current_language = lang
    build(config, dirty=False)
    return list(plugin.search_entries[before:])


def sitemap_records(config: MkDocsConfig, lang: str) -> list[dict[str, Any]]:
    """What the sitemap template (the plugin's custom_i18n_sitemap/sitemap.xml) reads of each page
    of `lang`, as plain data: sent by the child that built it, made into stand-ins by the parent."""
    return [_file_record(file, with_alternates=True) for file in _plugin(config).i18n_files_per_language.get(lang, [])]


def _file_record(file: Any, *, with_alternates: bool) -> dict[str, Any]:
    page = getattr(file, "page", None)
    record: dict[str, Any] = {
        "url": file.url,
        "page": None if page is None else {
            "is_link": bool(getattr(page, "is_link", False)),
            "canonical_url": page.canonical_url,
            "abs_url": page.abs_url,
            "update_date": page.update_date,
        },
    }
    if with_alternates:
        record["alternates"] = {
            locale: _file_record(alternate, with_alternates=False) for locale, alternate in getattr(file, "alternates", {}).items()
        }
    return record


def _stand_in(record: dict[str, Any]) -> Any:
    page = record["page"]
    return SimpleNamespace(
        url=record["url"],
        page=None if page is None else SimpleNamespace(**page),
        alternates={locale: _stand_in(alternate) for locale, alternate in record.get("alternates", {}).items()},
    )


# The first language's theme environment, files and navigation (the outer build's), to write
# the sitemap again once another language's pages are known.
_first_build: dict[str, tuple[Any, Files, Any]] = {}
# language → what gives its results instead of building it here (take_language)
_taken: dict[str, Callable[[], Any]] = {}


def remember_templates(config: MkDocsConfig, env: Any, files: Files, nav: Any) -> None:
    """From the outer build's `on_env`: what writing the sitemap again needs, kept only when a
    language is to be taken from another process (`take_language`)."""
    if _taken and not is_nested_build(config):
        _first_build[config.site_dir] = (env, files, nav)


def take_language(config: MkDocsConfig, lang: str, take: Callable[[], Any]) -> None:
    """When the plugin comes to build `lang`, call `take()` instead (it returns a
    language_fork.Built, or raises): the language's search entries join the plugin's, its pages
    join the sitemap, which is written again — what the plugin's own build of `lang` would have
    left behind."""
    import mkdocs_static_i18n.plugin as plugin_module

    if not hasattr(plugin_module, "_atlas_build"):
        plugin_module._atlas_build = plugin_module.build
        plugin_module.build = _build_or_take
    _taken[lang] = take


def _build_or_take(config: MkDocsConfig, dirty: bool = False) -> None:
    import mkdocs_static_i18n.plugin as plugin_module

    plugin = _plugin(config)
    take = _taken.pop(str(plugin.current_language), None)
    if take is None:
        plugin_module._atlas_build(config, dirty=dirty)
        return
    built = take()
    plugin.search_entries.extend(built.search_entries)
    plugin.i18n_files_per_language[plugin.current_language] = [_stand_in(record) for record in built.sitemap]
    env, files, nav = _first_build.pop(config.site_dir)
    from mkdocs.commands.build import _build_theme_template  # private MkDocs API: the sitemap as MkDocs writes it

    _build_theme_template("sitemap.xml", env, files, config, nav)
