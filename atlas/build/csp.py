"""A Content-Security-Policy for every page, as a <meta> tag with the hashes of its inline scripts.

Material puts two small inline scripts in each page (one holds the page's depth, so hashes differ
by folder level); every other script is a file of the site. The policy allows exactly those:
nothing from another origin, no inline script but the hashed ones, no plugins, no <base>.
`frame-ancestors` cannot be set from a <meta> tag: the server example in docs-dev/hosting.md
adds it as a header.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S)

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


def policy(html: str, *, offline: bool = False) -> str:
    if offline:
        # The offline copy runs search through the iframe-worker shim, which writes an inline
        # script (holding the page's own worker path) into an iframe: hashes cannot cover it.
        # The copy is opened from disk and its content was sanitised at build time.
        return "; ".join((*BASE_POLICY, "script-src 'self' 'unsafe-inline'"))
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
            for body in _INLINE_SCRIPT.findall(html)
        }
    )
    return "; ".join((*BASE_POLICY, " ".join(["script-src 'self'", *hashes])))


def add_policy(html: str, *, offline: bool = False) -> str:
    """Insert the policy as the first element of <head> (before any script)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, offline=offline)}">'
    return re.sub(r"<head>", "<head>\n    " + meta, html, count=1)
