"""The neutral bilingual landing page at the site root: choose Français or Nederlands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from atlas.render import render

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def write_landing(site_dir: Path, config: MkDocsConfig) -> None:
    suffix = "" if config.use_directory_urls else "index.html"
    html = render("landing.html.j2", fr_href=f"fr/{suffix}", nl_href=f"nl/{suffix}")
    (site_dir / "index.html").write_text(html, encoding="utf-8")
