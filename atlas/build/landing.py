"""The pages that belong to no language: the bilingual landing page at the site root, and the
404 page (a web server shows it at any address, so its links start from the site's path, taken
from `site_url`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from atlas.site.render import render

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def write_landing(site_dir: Path, config: MkDocsConfig) -> None:
    suffix = "" if config.use_directory_urls else "index.html"
    html = render("landing.html.j2", fr_href=f"fr/{suffix}", nl_href=f"nl/{suffix}")
    (site_dir / "index.html").write_text(html, encoding="utf-8")


def write_not_found(site_dir: Path, config: MkDocsConfig) -> None:
    root = urlsplit(config.site_url or "/").path or "/"
    root = root if root.endswith("/") else root + "/"
    (site_dir / "404.html").write_text(render("not_found.html.j2", root=root), encoding="utf-8")
