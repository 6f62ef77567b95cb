"""A Content-Security-Policy for every page, and the check that a finished page holds no script
the site does not ship.

The policy is a <meta> tag that allows exactly the site's own scripts: its files, and the inline
scripts of the theme, whose text is known at build time (Material's `partials/javascripts/base.html`
and `content.html`; the first one holds the page's depth, so it is matched with that one part
free). The hashes are computed from that list, never from whatever a page contains: a script
that reached a page some other way is not allowed by the policy, and `verify` fails the build
before it is written. `verify` also refuses event-handler attributes (`onload=`), `<meta
http-equiv>` (a redirect), `<base>`, frames, plugins and `<noscript>`, and script files from another origin or
outside the fixed list. `frame-ancestors` cannot be set from a <meta> tag: the server example in
docs-dev/hosting.md adds it as a header.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import posixpath
import re
from functools import cache
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from atlas.text.labels import LANGUAGES
from atlas.text.urls import FINDER_DATA_FILE

BASE_POLICY = (
    "default-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",  # style attributes: table alignment, Material's own
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)

# The theme's inline scripts Atlas uses (Material 9: storage helpers, tabbed content).
THEME_SCRIPT_PARTIALS = ("partials/javascripts/base.html", "partials/javascripts/content.html")
# Script elements that hold data, not code (the browser never runs them).
DATA_SCRIPT_TYPES = ("application/json", "application/ld+json")
# noscript: with scripting on, a browser reads its content as text up to the first '</noscript>',
# even inside an attribute, so the same markup parses two ways; no page of the site needs one.
# An address on another site (a page loads nothing from another origin; data: images are the theme's own).
_ELSEWHERE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:(?<!data:)|//|\\\\)", re.I)
_FORBIDDEN_TAGS = {"base", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript"}
# Attributes naming a file the element loads (script's src is checked against the site's own files).
_FILE_ATTRIBUTES = ("src", "srcset", "poster", "data")
# Every element `_acting` or the script check can refuse, except event handlers (any element).
_CANDIDATES = ", ".join(
    (*sorted(_FORBIDDEN_TAGS), "script", "meta[http-equiv]", "link[href]", *(f"[{name}]" for name in _FILE_ATTRIBUTES))
)
# An event-handler attribute as the parser writes a tree back (` name="value"`; the tokenizer lower-cases
# names, in SVG and MathML too): absent from the written page, no element has one. Text that looks
# like one only costs a walk over every element.
_HANDLER_WRITTEN = re.compile(r' on[^\s=>]*="')
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}")
_DEPTH = r"\.(?:\.(?:/\.\.)*)?"  # ".", "..", "../..": the page's way back to the site root


class PageRefused(Exception):
    """A finished page holds markup that acts and that the site did not put there."""


def theme_templates() -> Path:
    """Material's templates folder (the installed theme)."""
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.origin is not None, "mkdocs-material is not installed"
    return Path(spec.origin).parent / "templates"


@cache
def theme_scripts() -> tuple[re.Pattern[str], ...]:
    """The inline scripts of the theme, as patterns (the page's depth is the only free part)."""
    templates = theme_templates()
    patterns = []
    for name in THEME_SCRIPT_PARTIALS:
        for body in _TEMPLATE_SCRIPT.findall((templates / name).read_text(encoding="utf-8")):
            parts = _JINJA_EXPRESSION.split(body)
            patterns.append(re.compile(_DEPTH.join(re.escape(part) for part in parts)))
    return tuple(patterns)


def is_theme_script(body: str) -> bool:
    return any(pattern.fullmatch(body) for pattern in theme_scripts())


def _sha256(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def _where(html: str, tag: str, marker: str = "") -> str:
    """'line N: ' where the page first has an opening <tag> holding `marker` (an attribute name,
    a script's src or text), found in the page's text; '' when it cannot be told (the parser
    gives no positions)."""
    pattern = rf"<{re.escape(tag)}\b" + (rf"[^>]*?{re.escape(marker)}" if marker else "")
    found = re.search(pattern, html, re.I | re.S)
    if found is None and marker:
        at = html.find(marker)
        return f"line {html.count(chr(10), 0, at) + 1}: " if at >= 0 else ""
    return f"line {html.count(chr(10), 0, found.start()) + 1}: " if found else ""


def _acting(html: str, node: LexborNode) -> list[str]:
    """What in this element can act, besides script (event handlers, redirects, frames…)."""
    tag = node.tag or ""
    attributes = node.attributes  # selectolax builds this dict anew at each access
    found = []
    for name in attributes:
        if name.lower().startswith("on"):
            found.append(f"{_where(html, tag, name)}an event-handler attribute ({name.lower()}=) on <{tag}>")
    if tag in _FORBIDDEN_TAGS:
        found.append(f"{_where(html, tag)}a <{tag}> element")
    for name in _FILE_ATTRIBUTES:
        value = (attributes.get(name) or "").strip()
        if tag != "script" and _ELSEWHERE.match(value):
            found.append(f"{_where(html, tag, name)}a file from another site (<{tag} {name}=\"{value[:60]}\">)")
    href = attributes.get("href") or ""
    if tag == "link" and _ELSEWHERE.match(href) and (attributes.get("rel") or "") != "canonical":
        found.append(f"{_where(html, tag, 'href')}a file from another site (<link href=\"{href[:60]}\">)")
    if tag == "meta" and "http-equiv" in attributes:
        value = (attributes["http-equiv"] or "")[:40]
        found.append(f'{_where(html, tag, "http-equiv")}<meta http-equiv="{value}">')
    return found


def _elements_to_check(tree: LexborHTMLParser, *, every_element: bool = False) -> list[LexborNode]:
    """The elements of the parsed page that could act: all of them when an event-handler
    attribute may be anywhere (or `every_element`), else the ones `_CANDIDATES` selects (Lexbor's
    own selector engine, in C: a page of ~400 elements has ~20 of them)."""
    if tree.root is None:
        return []
    if every_element or _HANDLER_WRITTEN.search(tree.html or ""):
        return list(tree.root.traverse(include_text=False))
    # An element matching two selectors of the list comes back twice: keep each once, in page order.
    return list({node.mem_id: node for node in tree.css(_CANDIDATES)}.values())


def verify(html: str, page_url: str, allowed_files: frozenset[str], *, every_element: bool = False) -> list[str]:
    """The hashes of the page's inline scripts, all of which are the theme's own; raises
    `PageRefused` naming everything else that can act (inline script, handler, http-equiv,
    <base>, frame, script file not in `allowed_files`, paths from the site root).

    The page is parsed as a browser parses it (Lexbor, an HTML5 parser, through selectolax):
    what the check sees is what a browser would run. `every_element` walks the whole tree instead
    of the elements that could act (the same answer, slower: tests compare the two)."""
    tree = LexborHTMLParser(html)
    refused: list[str] = []
    hashes = set()
    folder = posixpath.dirname(page_url.split("#", maxsplit=1)[0].split("?", maxsplit=1)[0] if not page_url.endswith("/") else page_url + "x")
    for node in _elements_to_check(tree, every_element=every_element):
        refused += _acting(html, node)
        if node.tag != "script":
            continue
        attrs = {name.lower(): value or "" for name, value in node.attributes.items()}
        kind = attrs.get("type", "").strip().lower()
        if "src" in attrs:
            src = attrs["src"].strip()
            target = posixpath.normpath(posixpath.join(folder, src.split("?")[0])) if src else ""
            if re.match(r"^([a-z][a-z0-9+.-]*:|//|/|\\)", src, re.I) or target not in allowed_files:
                refused.append(f"{_where(html, 'script', src)}a script file that is not one of the site's own ({src[:60]})")
        elif kind in DATA_SCRIPT_TYPES:
            continue
        elif is_theme_script(body := node.text(deep=True)):
            hashes.add(_sha256(body))
        else:
            where = _where(html, "script", body.strip()[:40]) if body.strip() else _where(html, "script")
            refused.append(f"{where}an inline script the site does not ship ({' '.join(body.split())[:40]!r})")
    if refused:
        raise PageRefused("; ".join(refused))
    return sorted(hashes)


# The theme's script bundle (Material names it in base.html; the name changes with the version).
_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")


@cache
def theme_bundle() -> frozenset[str]:
    """The theme's script bundle(s), as paths from the site root (read once from base.html)."""
    return frozenset(_BUNDLE.findall((theme_templates() / "base.html").read_text(encoding="utf-8")))


@cache
def allowed_script_files(site_files: tuple[str, ...]) -> frozenset[str]:
    """The script files a page may load, as normalised paths from the site root: the theme's
    bundle, the given files of the site (mkdocs.yml's extra_javascript and polyfills, the site's
    own assets) and the finder's data of each language."""
    files = {*theme_bundle(), *site_files, *(f"{lang}/finder/{FINDER_DATA_FILE}" for lang in LANGUAGES)}
    return frozenset(posixpath.normpath(path) for path in files)


def policy(hashes: list[str]) -> str:
    """The page's Content-Security-Policy: scripts from the site itself and the inline scripts
    whose hashes are given, nothing else (the offline copy's pages too: the hash of the
    iframe-worker shim's script is among their `hashes`)."""
    return "; ".join((*BASE_POLICY, " ".join(["script-src 'self'", *hashes])))


# The iframe-worker shim (docs/assets/vendor/iframe-worker/shim.js: the offline copy's search
# from disk) writes into a hidden iframe, which has the page's policy, a template literal holding
# an inline script: `<script>postMessage=${c};importScripts=${d};…filename:"${e}"…<\/script>`,
# where c and d are two of its functions (their source text) and e is the worker's address, as
# the page gives it (the `search` of Material's config).
SHIM = "assets/vendor/iframe-worker/shim.js"  # under docs/, listed in mkdocs.yml's extra.polyfills
_SHIM_INLINE = re.compile(r"<script>(.*?)<\\/script>", re.S)
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_$][\w$]*)\}")
_PAGE_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def shim_script_hash(shim_source: str, page_html: str) -> str:
    """The hash of the inline script the iframe-worker shim writes for this page (its search
    worker's address read from the page's Material config). Raises ValueError when the shim no
    longer has the shape described above (a new version of it: read it again) or the page has
    no search worker."""
    template = _SHIM_INLINE.search(shim_source)
    config = _PAGE_CONFIG.search(page_html)
    worker = json.loads(config.group(1)).get("search") if config else None
    if template is None or not isinstance(worker, str):
        raise ValueError("the iframe-worker shim writes no inline script, or the page names no search worker")
    addresses = {name for name in _PLACEHOLDER.findall(template.group(1)) if f"function {name}(" not in shim_source}
    if len(addresses) != 1:
        raise ValueError(f"the iframe-worker shim's script has {len(addresses)} values that are not its functions; expected the worker's address")
    address = addresses.pop()
    body = _PLACEHOLDER.sub(lambda found: worker if found.group(1) == address else _function_text(shim_source, found.group(1)), template.group(1))
    return _sha256(body)


def _function_text(source: str, name: str) -> str:
    """`function name(…){…}` as it stands in `source` (what JavaScript's `${name}` gives): up to
    the brace that closes its body. The shim's functions hold no brace in a string."""
    start = source.index(f"function {name}(")
    depth = 0
    for position in range(source.index("{", start), len(source)):
        depth += {"{": 1, "}": -1}.get(source[position], 0)
        if depth == 0:
            return source[start : position + 1]
    raise ValueError(f"the iframe-worker shim's function {name} has no end")


def theme_script_hashes(html: str) -> list[str]:
    """The hashes of the theme's inline scripts in the page, found by their text without parsing
    it: what `verify` returns for a page it passes (atlas.build.csp_checks compares the two)."""
    return sorted({_sha256(body) for body in _TEMPLATE_SCRIPT.findall(html) if is_theme_script(body)})


def with_policy(html: str, hashes: list[str]) -> str:
    """The page with its policy (allowing `hashes`) as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    return re.sub(r"<head>", "<head>\n    " + meta, html, count=1)
