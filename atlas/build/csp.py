"""A Content-Security-Policy for every page, and the check that a finished page holds no script
the site does not ship.

The policy is a <meta> tag that allows exactly the site's own scripts: its files, and the inline
scripts of the theme, whose text is known at build time (Material's `partials/javascripts/base.html`
and `content.html`; the first one holds the page's depth, so it is matched with that one part
free). The hashes are computed from that list, never from whatever a page contains: a script
that reached a page some other way is not allowed by the policy, and `verify` fails the build
before it is written. `verify` also refuses event-handler attributes (`onload=`), `<meta
http-equiv>` (a redirect), `<base>`, frames and plugins, and script files from another origin or
outside the fixed list. `frame-ancestors` cannot be set from a <meta> tag: the server example in
docs-dev/hosting.md adds it as a header.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import posixpath
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

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
_FORBIDDEN_TAGS = {"base", "iframe", "frame", "frameset", "object", "embed", "applet"}
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


class _Scan(HTMLParser):
    """Every script element (attributes and text) and every tag that can act, with its line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str], str, int]] = []
        self.refused: list[str] = []
        self._script: tuple[dict[str, str], int] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        names = {name.lower(): value or "" for name, value in attrs}
        for name in names:
            if name.startswith("on"):
                self.refused.append(f"line {line}: an event-handler attribute ({name}=) on <{tag}>")
        if tag in _FORBIDDEN_TAGS:
            self.refused.append(f"line {line}: a <{tag}> element")
        if tag == "meta" and "http-equiv" in names:
            self.refused.append(f"line {line}: <meta http-equiv=\"{names['http-equiv'][:40]}\">")
        if tag == "script":
            self._script = (names, line)
            self._text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            attrs, line = self._script
            self.scripts.append((attrs, "".join(self._text), line))
            self._script = None


def verify(html: str, page_url: str, allowed_files: frozenset[str]) -> list[str]:
    """The hashes of the page's inline scripts, all of which are the theme's own; raises
    `PageRefused` naming everything else that can act (inline script, handler, http-equiv,
    <base>, frame, script file not in `allowed_files`, paths from the site root)."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    refused = list(scan.refused)
    hashes = set()
    folder = posixpath.dirname(page_url.split("#", maxsplit=1)[0].split("?", maxsplit=1)[0] if not page_url.endswith("/") else page_url + "x")
    for attrs, body, line in scan.scripts:
        kind = attrs.get("type", "").strip().lower()
        if "src" in attrs:
            src = attrs["src"].strip()
            target = posixpath.normpath(posixpath.join(folder, src.split("?")[0])) if src else ""
            if re.match(r"^([a-z][a-z0-9+.-]*:|//|/|\\)", src, re.I) or target not in allowed_files:
                refused.append(f"line {line}: a script file that is not one of the site's own ({src[:60]})")
        elif kind in DATA_SCRIPT_TYPES:
            continue
        elif is_theme_script(body):
            hashes.add(_sha256(body))
        else:
            refused.append(f"line {line}: an inline script the site does not ship ({' '.join(body.split())[:40]!r})")
    if refused:
        raise PageRefused("; ".join(refused))
    return sorted(hashes)


def policy(hashes: list[str], *, offline: bool = False) -> str:
    if offline:
        # The offline copy runs search through the iframe-worker shim, which writes an inline
        # script (holding the page's own worker path) into an iframe: hashes cannot cover it.
        # The copy is opened from disk; its pages passed `verify` like every other build.
        return "; ".join((*BASE_POLICY, "script-src 'self' 'unsafe-inline'"))
    return "; ".join((*BASE_POLICY, " ".join(["script-src 'self'", *hashes])))


def add_policy(html: str, page_url: str, allowed_files: frozenset[str], *, offline: bool = False) -> str:
    """Check the page (`verify`), then insert the policy as the first element of <head>."""
    hashes = verify(html, page_url, allowed_files)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, offline=offline)}">'
    return re.sub(r"<head>", "<head>\n    " + meta, html, count=1)
