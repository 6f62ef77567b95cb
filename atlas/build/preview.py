"""The preview loop of `make serve`: one language, and only what an edit changed is rebuilt.

`make serve` runs `mkdocs serve --dirty` with one language (ATLAS_LANG, mkdocs-static-i18n's
`build_only_locale`). In a dirty build MkDocs re-renders only the pages whose source is newer
than their output. This module makes that hold for Atlas's own parts too:

- a generated page counts as changed when its text (for a commune page: its text and its
  routes) differs from the one last written (`GeneratedFile`);
- pages left as they are still get their title, so the navigation of a re-rendered page keeps
  every label (`keep_titles`);
- the search index keeps the entries of the pages left as they are (`merge_search`);
- after an edit of service entries alone, only the pages it reaches are made again
  (atlas.site.pages.pages_after_edit) and only the routes of the communes it reaches;
- the open data, finder data and landing pages are written again only when the data changed,
  the open data (HSDS, CSV, vCards: the slowest part) and the QR codes not written yet by a
  second process after the browser has reloaded, which later builds do not wait for (the next
  data change stops it and starts its own).

`mkdocs build` (and so the published site, the tests and the offline copy) never takes this
path: it always builds everything, strict, from scratch.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import signal
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from jinja2 import BytecodeCache
from mkdocs.structure.files import File

from atlas.build import i18n_adapter as i18n
from atlas.build.search import FULL_INDEX

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.bccache import Bucket
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from atlas.site.page_meta import GeneratedPage, PageMeta

_state: dict[str, Any] = {"dirty": False, "serving": False}
_written: dict[str, str] = {}  # output path → digest of the generated page last written there
_pending: dict[str, str] = {}  # the same for the build running now, kept once it succeeded
_rendered: set[str] = set()  # URLs of the pages rendered by the build running now
_data_written: dict[str, object] = {}  # site folder → key of the data whose files it holds


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may show stale navigation; under `strict: true` that
    warning would stop every preview build. The preview knows (see the module's text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def start(command: str, dirty: bool) -> None:
    """From on_startup: remember whether this is a dirty preview (`mkdocs serve --dirty`)."""
    _state["serving"] = command == "serve"
    _state["dirty"] = command == "serve" and dirty
    if _state["dirty"]:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


def new_build(config: MkDocsConfig) -> None:
    """From on_config: each build (each rebuild under serve) starts with an empty search index.
    It does not wait for the previous build's work in a second process, which writes files no
    page build writes (`after_reload`)."""
    i18n.forget_search_entries(config)


class SecondProcess(Protocol):
    """Work under way in another process (atlas.build.side_work.Running)."""

    def result(self) -> object: ...

    def stop(self) -> None: ...


_second: list[tuple[SecondProcess, threading.Thread]] = []  # the work started by the last data change
_stopped: set[int] = set()  # ids of the work stopped on purpose (its end is no failure)


def after_reload(start: Callable[[], SecondProcess]) -> None:
    """In a dirty preview, start work in a second process and let the browser reload without
    waiting for it. Later builds do not wait for it either; the next work started here stops it
    first (it writes every file again). Its failure is logged."""
    stop_all()
    running = _without_ctrl_c(start)
    watcher = threading.Thread(target=_watch, args=(running,), name="atlas-preview", daemon=True)
    watcher.start()
    _second.append((running, watcher))


def _without_ctrl_c(start: Callable[[], SecondProcess]) -> SecondProcess:
    """Start the second process ignoring Ctrl-C, which reaches the whole process group: one
    interrupted while it started printed a traceback. It ends with the preview (atlas.build.
    side_work watches its parent; `stop_all` at exit)."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a spawned process inherits it
    except ValueError:  # not the main thread: as it is
        return start()
    try:
        return start()
    finally:
        signal.signal(signal.SIGINT, previous)


def stop_all() -> None:
    """The preview stops (MkDocs' on_shutdown, and at exit): the second process is stopped
    before `mkdocs serve` removes the site folder it writes into; that is no failure."""
    for running, _ in _second:
        _stopped.add(id(running))
        running.stop()
    wait_for_background()


atexit.register(stop_all)


def _watch(running: SecondProcess) -> None:
    try:
        running.result()
    except KeyboardInterrupt:
        pass  # the preview was stopped (Ctrl-C reaches the whole process group)
    except Exception as error:  # a thread's exception would otherwise vanish
        if id(running) not in _stopped:
            logging.getLogger("mkdocs").error(f"Atlas: writing the open data or the QR codes failed: {error}")


def wait_for_background() -> None:
    """Wait for the work in the second process to finish (tests, and before stopping it)."""
    for running, watcher in _second:
        watcher.join()
        _stopped.discard(id(running))
    _second.clear()


def serving() -> bool:
    """`mkdocs serve` (dirty or not)."""
    return bool(_state["serving"])


def dirty() -> bool:
    return bool(_state["dirty"])


class GeneratedFile(File):
    """A page made in memory, with its metadata as an object (`atlas_meta`); in a dirty preview,
    changed only when its Markdown or metadata changed."""

    digest: str = ""
    atlas_meta: PageMeta | None = None
    atlas_parts: Mapping[str, str] = {}  # HTML put in place of tokens after Markdown (GeneratedPage.parts)
    atlas_page: GeneratedPage | None = None
    alternates: dict[str, File]  # set by atlas.build.events, as mkdocs-static-i18n does for its files

    @classmethod
    def of(cls, config: MkDocsConfig, src_uri: str, page: GeneratedPage, *parts: str) -> GeneratedFile:
        """The file at `src_uri` of this page; `parts`: what else its output depends on."""
        file = cls.generated(config, src_uri, content=page.markdown)
        assert isinstance(file, GeneratedFile)
        file.atlas_meta = page.meta
        file.atlas_parts = page.parts
        file.atlas_page = page
        file.digest = digest(_page_digest(page), *parts)
        return file

    @staticmethod
    def give_meta(page: Page) -> None:
        """Once MkDocs has read a generated page (its Markdown has no front matter), give it the
        metadata MkDocs, Material and the search plugin read from `page.meta`."""
        if isinstance(page.file, GeneratedFile) and page.file.atlas_meta is not None:
            page.meta.update(page.file.atlas_meta.mkdocs_meta())

    def is_modified(self) -> bool:
        if not dirty():
            return True
        return _written.get(self.abs_dest_path) != self.digest or not os.path.isfile(self.abs_dest_path)


def digest(*parts: str) -> str:
    hashed = hashlib.blake2b(digest_size=16)
    for part in parts:
        hashed.update(part.encode("utf-8"))
        hashed.update(b"\0")
    return hashed.hexdigest()


_page_digests: dict[int, tuple[GeneratedPage, str]] = {}  # id(page) → (page, its digest): a kept page's, a dirty preview


def _page_digest(page: GeneratedPage) -> str:
    """The digest of a page's Markdown, metadata and parts; in a dirty preview, computed once
    for each page object (the preview keeps the pages an edit did not change)."""
    known = _page_digests.get(id(page)) if dirty() else None
    if known is None or known[0] is not page:
        known = (page, digest(page.markdown, page.meta.fingerprint(), *page.parts.values()))
        if dirty():
            _page_digests[id(page)] = known
    return known[1]


def note_generated(files: Files) -> None:
    """After on_files (the paths are final): the digests this build will write."""
    if not dirty():
        return
    used: dict[int, tuple[GeneratedPage, str]] = {}
    for file in files:
        if isinstance(file, GeneratedFile):
            _pending[file.abs_dest_path] = file.digest
            if file.atlas_page is not None and id(file.atlas_page) in _page_digests:
                used[id(file.atlas_page)] = _page_digests[id(file.atlas_page)]
    if len(_page_digests) > 2 * len(used) + 1000:  # let go of the pages no build uses any more
        _page_digests.clear()
        _page_digests.update(used)


def keep_titles(pages: list[Page], config: MkDocsConfig) -> None:
    """Pages a dirty build leaves as they are are not read by MkDocs, so they have no title;
    read those of the navigation (front matter and first heading, no rendering)."""
    if not dirty():
        return
    _rendered.clear()
    # Material keeps its previous index across dirty rebuilds and merges it assuming one page
    # changed; merge_search does it for any number of pages, from the index last written.
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is not None and hasattr(plugin, "search_index_prev"):
        plugin.search_index_prev = None
    for page in pages:
        if page.markdown is None and not page.file.is_modified():
            page.read_source(config)
            GeneratedFile.give_meta(page)


def rendered(url: str) -> None:
    if dirty():
        _rendered.add(url)


def merge_search(site_dir: Path, languages: tuple[str, ...], extra: dict[str, list[dict[str, str]]]) -> None:
    """Before the per-language split: add to the combined index the entries of the previous
    index for every page this dirty build did not render (not the `extra` entries, which the
    split adds again)."""
    combined = site_dir / "search" / "search_index.json"
    if not dirty() or not combined.exists():
        return
    index = json.loads(combined.read_text(encoding="utf-8"))
    kept = []
    for lang in languages:
        added = {doc["location"] for doc in extra.get(lang, [])}
        previous = site_dir / lang / "search" / FULL_INDEX  # the full index: every page's entries
        if not previous.exists():
            continue
        for doc in json.loads(previous.read_text(encoding="utf-8")).get("docs", []):
            location = f"{lang}/{doc['location']}"
            if location.split("#", maxsplit=1)[0] not in _rendered and doc["location"] not in added:
                kept.append({**doc, "location": location})
    # Material, asked by mkdocs-static-i18n to write its index a second time, merges it with
    # itself in a dirty build: every entry but the first page's comes twice. Keep one of each.
    seen: set[tuple[str, str, str]] = set()
    docs = []
    for doc in kept + index["docs"]:
        key = (doc["location"], doc.get("title", ""), doc.get("text", ""))
        if key not in seen:
            seen.add(key)
            docs.append(doc)
    index["docs"] = docs
    combined.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def data_unchanged(site_dir: Path, key: object) -> bool:
    """In a dirty preview, whether `site_dir` already holds the files made from this data."""
    return dirty() and _data_written.get(str(site_dir)) == key


def finished(site_dir: Path, key: object) -> None:
    """The build succeeded: what it wrote is now what the next dirty build compares with."""
    if not dirty():
        return
    _written.update(_pending)
    _pending.clear()
    _data_written[str(site_dir)] = key


class _CompiledTemplates(BytecodeCache):
    """Compiled theme templates, in memory, for the whole process: MkDocs makes a new Jinja
    environment for each build, so each language (and each rebuild under serve) compiled
    Material's templates again. A template's bytecode is keyed by its name and the checksum of
    its source: an edited template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}
        self._settings = ""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(name, filename) + self._settings

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        # what changes the compiled code beside the source: the environment's settings
        self._settings = repr(
            (sorted(environment.extensions), environment.trim_blocks, environment.lstrip_blocks,
             environment.autoescape, environment.optimized, environment.newline_sequence)
        )
        return super().get_bucket(environment, name, filename, source)

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


def share_compiled_templates(env: Environment) -> None:
    if env.bytecode_cache is None:
        env.bytecode_cache = _TEMPLATES
