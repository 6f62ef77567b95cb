"""Material's search entries of generated pages, read without `html.parser`: every touch of the
internals of Material's search plugin, in one place.

Material (9.8.1, pinned) indexes a page in `SearchIndex.add_entry_from_context`: its `Parser`, a
`html.parser.HTMLParser`, cuts `page.content` into sections (`handle_starttag`, `handle_endtag`,
`handle_data`), and `create_entry_for_section` makes an entry of each. At 5,000 services that was
~12 s of CPU per language, most of it in html.parser's generic tokenizer (issue 16).

The content of a page Atlas generated is nh3's serialisation (atlas.build.sanitize) with Atlas's
own autoescaped parts put in (atlas.site.page_meta.put_parts): well-formed tags, attribute values
in quotes, no script or style. For such a page `feed` makes the same start, end and data events
with one compiled regular expression (`_TAG`), in the same order and with the same arguments as
`HTMLParser(convert_charrefs=True)`: tag and attribute names in lower case, attribute values and
text with their character references decoded (`html.unescape`, as html.parser does), text cut
only at tags and comments, `<x/>` as a start and an end. Markup outside that grammar (a `<` that
opens no such tag or comment, an unquoted attribute value, `script`, `style` and the other
elements html.parser reads as raw text) sends the whole page to Material's own parser; so do
hand-written pages, always. The events go to `FastParser`, Material's `Parser` whose three
handlers count the open elements instead of scanning them (the other half of the cost); the
sections it writes go to Material's own `create_entry_for_section`.

`search_index` reads the entries Material holds at the end of a build, in memory, rather than
parsing again the file it writes (~40 MB of JSON at 5,000 services; its parsed copy was the
largest part of the build's last moments).

`install` checks once per process that Material is the code this restates (its version, the
signatures, a digest of the source of its Parser, Element, Section and add_entry_from_context)
and that a sample page gives the same entries both ways (`check`); if not, the build stops and
says why. tests/unit/test_material_search.py (tricky content, random markup) and
tests/site/test_material_search.py (every page of the starter site, both languages) compare both
ways.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections import defaultdict
from collections.abc import Callable
from html import escape, unescape
from typing import TYPE_CHECKING, Any

from material.plugins.search import plugin as material
from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

PINNED = "9.8.1"

# A start tag with double- or single-quoted or no attribute values, an end tag, a comment without
# "--" inside, or else a lone "<" (markup outside the grammar: the page goes to Material's parser).
_TAG = re.compile(
    r"""<(?:
        (/)?([a-zA-Z][a-zA-Z0-9]*)                                          # 1 end?  2 name
        ((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*"|='[^']*')?)*)          # 3 attributes
        \s*(/)?>                                                            # 4 self-closing?
      | !--(?:[^-]|-(?!-))*-->
      | )""",
    re.VERBOSE,
)
_ATTRIBUTE = re.compile(r"""\s+([^\s=]+)(?:=("[^"]*"|'[^']*'))?""")  # a value keeps its quotes: "" is no value
# Elements whose content html.parser reads as raw text, in this Python (script, style) and in later ones
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "plaintext", "xmp", "iframe", "noembed", "noframes", "noscript"})


class OutsideGrammar(Exception):
    """The content holds markup `feed` does not read exactly as html.parser would."""


def feed(parser: Any, content: str) -> None:
    """Give `parser` the events html.parser would give it for `content` (then `close()`), or raise
    OutsideGrammar, having given it some of them."""
    start, end, data = parser.handle_starttag, parser.handle_endtag, parser.handle_data
    position = 0
    for match in _TAG.finditer(content):
        at = match.start()
        if at > position:
            data(unescape(content[position:at]))
        position = match.end()
        closing, tag, attributes, self_closing = match.groups()
        if tag is None:
            if position - at == 1:
                raise OutsideGrammar(f"'<' at {at} opens no tag")
            continue  # a comment: html.parser cuts the text there and gives Material nothing
        tag = tag.lower()
        if closing:
            if attributes or self_closing:
                raise OutsideGrammar(f"end tag with attributes at {at}")
            end(tag)
            continue
        if tag in _RAW_TEXT:
            raise OutsideGrammar(f"<{tag}> at {at}")
        start(tag, _attributes(attributes) if attributes else [])
        if self_closing:
            end(tag)
    if position < len(content):
        data(unescape(content[position:]))


def _attributes(text: str) -> list[tuple[str, str | None]]:
    return [(name.lower(), unescape(value[1:-1]) if value else None) for name, value in _ATTRIBUTE.findall(text)]


_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_NEVER_UNSKIPPED = ("script", "style", "object")


class FastParser(material.Parser):  # type: ignore[misc]
    """Material 9.8.1's `Parser` with the same three handlers, restated so that each event costs
    a few dictionary lookups instead of scans of the open elements.

    Material's `Element` compares and hashes by its tag alone, so each of its scans asks a
    question about the tags of the open elements (`self.context`): `"pre" in self.context` and
    `self.section.el in self.context` whether one of them has that tag; `self.skip`, a set of
    Elements and tag names, is a set of tags, and `self.skip.intersection(self.context)` asks
    whether an open element has one of them; a permalink is an open `<a class="headerlink">`.
    Here `_open` counts the open elements per tag, `_skipped` the open elements whose tag is in
    `_skip`, `_links` the open permalinks. Everything else is Material's code, line for line,
    and writes the same sections (`self.data`). The source of Material's Parser is pinned
    (`check`), and the tests compare both on every page of the site and on random markup."""

    def __init__(self) -> None:
        super().__init__()
        self._open: dict[str, int] = defaultdict(int)
        self._skip: set[str] = {str(tag) for tag in self.skip}
        self._skipped = 0
        self._links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        el = material.Element(tag, attributes)
        if tag in material.void:
            return
        self.context.append(el)
        self._open[tag] += 1
        if tag in self._skip:
            self._skipped += 1
        if tag == "a" and attributes.get("class") == "headerlink":
            self._links += 1
        if tag in _HEADINGS:
            depth = len(self.context)
            if "id" in attributes:
                if tag != "h1" and not self.data:
                    self.section = material.Section(material.Element("hx"), depth)
                    self.data.append(self.section)
                self.section = material.Section(el, depth)
                if self.data:
                    self.section.id = attributes["id"]
                self.data.append(self.section)
        if not self.section:
            self.section = material.Section(material.Element("hx"))
            self.data.append(self.section)
        if "data-search-exclude" in attributes or attributes.get("class") == "linenodiv":
            if tag not in self._skip:
                self._skip.add(tag)
                self._skipped += self._open[tag]
            return
        if not self._skipped and tag in self.keep:
            data = self.section.title if self._open[self.section.el.tag] else self.section.text
            data.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if not self.context or self.context[-1].tag != tag:
            return
        if self.section.depth > len(self.context):
            for section in reversed(self.data):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        el = self.context.pop()
        self._open[tag] -= 1
        if tag == "a" and el.attrs.get("class") == "headerlink":
            self._links -= 1
        if tag in self._skip:
            self._skipped -= 1
            if tag not in _NEVER_UNSKIPPED:
                self._skip.remove(tag)
                self._skipped -= self._open[tag]
            return
        if not self._skipped and tag in self.keep:
            data = self.section.title if self._open[self.section.el.tag] else self.section.text
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                while len(data) > index:
                    data.pop()
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._skipped:
            return
        in_pre = self._open["pre"]
        if not in_pre:
            data = data.replace("\n", " ") if not data.isspace() else " "
        if not self.section:
            self.section = material.Section(material.Element("hx"))
            self.data.append(self.section)
        section = self.section
        if self._open[section.el.tag]:
            if not self._links:
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or in_pre:
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))


def sections(content: str) -> list[Any] | None:
    """Material's sections of `content` (its Parser's `data`) from `feed` and FastParser; None
    when the content is outside the grammar."""
    parser = FastParser()
    try:
        feed(parser, content)
    except OutsideGrammar:
        return None
    return list(parser.data)


def material_sections(content: str) -> list[Any]:
    """Material's sections of `content`, from its own parser (html.parser)."""
    parser = material.Parser()
    parser.feed(content)
    parser.close()
    return list(parser.data)


def add_entry(index: Any, page: Page, fast: bool) -> None:
    """`SearchIndex.add_entry_from_context` of Material 9.8.1, with the sections from `feed` when
    `fast` (and the content is inside the grammar)."""
    content = page.content
    if not fast or not isinstance(content, str):
        type(index).add_entry_from_context(index, page)
        return
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return
    found = sections(content)
    if found is None:
        type(index).add_entry_from_context(index, page)
        return
    for section in found:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)


# --- The check of Material's shape, and the installation -------------------------------------

SAMPLE = (
    '<h1 id="titre">Titre <a class="headerlink" href="#titre" title="Lien">¶</a></h1>\n'
    '<p>Texte &amp; <strong>suite</strong>&nbsp;: l&#39;accès &lt;libre&gt;</p>\n<ul>\n<li>un</li>\n<li></li>\n</ul>\n'
    '<h2 id="b" data-x="a &amp; b">Deux</h2><div data-search-exclude=""><p>caché</p></div>'
    "<pre><code>a  b\n  c</code></pre><br><hr/><p>  </p><!-- note --><p>fin</p>"
)


class _Page:
    """What add_entry reads of a page, for the check."""

    def __init__(self, content: str) -> None:
        self.content = content
        self.meta: dict[str, Any] = {}
        self.toc: list[Any] = []
        self.url = "sample/"
        self.title = "Sample"


def _source_digest() -> str:
    """A digest of the Material code FastParser restates and add_entry follows."""
    parts = [inspect.getsource(owner) for owner in (material.Parser, material.Element, material.Section)]
    parts += [inspect.getsource(material.SearchIndex.add_entry_from_context), repr(sorted(material.void))]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


# _source_digest() of mkdocs-material 9.8.1
PINNED_SOURCE = "36f3d7bc91c0a1cfef6a693c50d095d80bf7556e9439233dfea39d619d0ee92e"


def problems() -> list[str]:
    """What differs from the Material this adapter was written against; [] when nothing does."""
    found = []
    try:
        import material as package

        version = getattr(package, "__version__", "?")
        if version != PINNED:
            found.append(f"mkdocs-material is {version}, not {PINNED}")
        shapes = {
            (material.SearchIndex, "add_entry_from_context"): ["self", "page"],
            (material.SearchIndex, "create_entry_for_section"): ["self", "section", "toc", "url", "page"],
            (material.Parser, "handle_starttag"): ["self", "tag", "attrs"],
            (material.Parser, "handle_endtag"): ["self", "tag"],
            (material.Parser, "handle_data"): ["self", "data"],
            (material.Section, "is_excluded"): ["self"],
        }
        for (owner, name), parameters in shapes.items():
            method = getattr(owner, name, None)
            if method is None or list(inspect.signature(method).parameters) != parameters:
                found.append(f"{owner.__name__}.{name} is not ({', '.join(parameters)})")
        if _source_digest() != PINNED_SOURCE:
            found.append("the code of its Parser, Element, Section or SearchIndex.add_entry_from_context changed")
        if not found:
            ours, theirs = material.SearchIndex(), material.SearchIndex()
            add_entry(ours, _Page(SAMPLE), fast=True)  # type: ignore[arg-type]
            theirs.add_entry_from_context(_Page(SAMPLE))
            if ours.entries != theirs.entries or len(theirs.entries) != 2:
                found.append(f"the sample page gives {ours.entries} here and {theirs.entries} through Material's parser")
    except Exception as error:  # an attribute or a source that moved is the same kind of problem
        found.append(f"{type(error).__name__}: {error}")
    return found


_checked: list[bool] = []


def check() -> None:
    """Stop the build with a clear message when Material's search plugin is not the one this
    adapter restates (`problems`); once per process."""
    if _checked:
        return
    found = problems()
    if found:
        raise PluginError(
            "atlas/build/material_search.py: Material's search plugin is not what this adapter relies on ("
            + "; ".join(found)
            + f") — install mkdocs-material=={PINNED} (requirements.txt), or update the adapter, PINNED_SOURCE and their tests"
        )
    _checked.append(True)


def _search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin of this build, or None."""
    return config.plugins.get("material/search") or config.plugins.get("search")


def install(config: MkDocsConfig, fast: Callable[[Page], bool]) -> None:
    """From `on_config`, after Material's search plugin made this build's index: its pages for
    which `fast(page)` is true get their sections from `feed`."""
    plugin = _search_plugin(config)
    if plugin is None or not plugin.config.get("enabled", True):
        return
    index = getattr(plugin, "search_index", None)
    if index is None or hasattr(index, "atlas_installed"):
        raise PluginError(
            "mkdocs.yml: Atlas's hooks ran before Material's search plugin made this build's index — "
            "list `search` under `plugins:` (hooks run after the plugins)"
        )
    check()

    def add_entry_from_context(page: Page) -> None:
        add_entry(index, page, fast(page))

    index.add_entry_from_context = add_entry_from_context
    index.atlas_installed = True


# What Material writes as the index's "config" (material/plugins/search/plugin.py, generate_search_index)
INDEX_SETTINGS = ("lang", "separator", "pipeline", "fields")


def search_index(config: MkDocsConfig) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The settings and entries Material's search plugin holds: what it writes to
    search/search_index.json, as (config, docs). Raises RuntimeError, naming the version to
    install, when the plugin does not have that shape."""
    index = getattr(_search_plugin(config), "search_index", None)
    entries = getattr(index, "entries", None)
    settings = getattr(index, "config", None)
    if not isinstance(entries, list) or not isinstance(settings, dict) or any(key not in settings for key in INDEX_SETTINGS):
        raise RuntimeError(
            "Material's search plugin no longer keeps its entries in search_index.entries — "
            "install the mkdocs-material version in requirements.txt, or update atlas/build/material_search.py"
        )
    return {key: settings[key] for key in INDEX_SETTINGS}, entries
