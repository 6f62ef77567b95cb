"""Links between generated pages, computed the way MkDocs computes page URLs.

Generated lists with many links (commune pages) are written as HTML, not Markdown, because
Markdown's inline processing of thousands of links dominated the build time. Their links are
computed here, for both URL styles (`page/` and `page.html`), and checked by the link tests.
"""

from __future__ import annotations

import posixpath

from mkdocs.utils import get_relative_url

# The finder's data, written next to each language's finder page (atlas.exports.finder_data).
FINDER_DATA_FILE = "finder-data.js"
# The place table of the commune lookup (atlas.data.places), one file for both languages.
PLACES_DATA_FILE = "assets/atlas/places-data.js"


def stemmer_assets(lang: str) -> list[str]:
    """The scripts that give the finder Snowball stemming in `lang`: Atlas's lunr stand-in, then
    lunr-languages' stemmer as Material ships it for its own search."""
    return [
        "assets/atlas/stemmer.js",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        f"assets/javascripts/lunr/min/lunr.{lang}.min.js",
    ]


def service_src(lang: str, service_id: str) -> str:
    """The generated page of a service, as a path under docs/: 'fr/services/actiris.md'. Every
    link to a service page starts here (site, exports, stale report)."""
    return f"{lang}/services/{service_id}.md"


def service_url(site_url: str, lang: str, service_id: str) -> str:
    """The published address of a service page: 'https://x.org/fr/services/actiris/'.
    `site_url` is the site's root address, with or without its final slash."""
    return site_url.rstrip("/") + "/" + page_url(service_src(lang, service_id), use_directory_urls=True)


def page_url(src: str, use_directory_urls: bool) -> str:
    """'fr/communes/21004.md' → 'fr/communes/21004/' (or 'fr/communes/21004.html')."""
    stem, _ = posixpath.splitext(src)
    name = posixpath.basename(stem)
    if name in ("index", "README"):
        folder = posixpath.dirname(stem)
        if use_directory_urls:
            return f"{folder}/" if folder else "./"
        return posixpath.join(folder, "index.html")
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def link(from_src: str, to_src: str, use_directory_urls: bool) -> str:
    """The relative href from one page to another, both given as paths under docs/."""
    target = page_url(to_src, use_directory_urls)
    source = page_url(from_src, use_directory_urls)
    href = get_relative_url(target, source)
    if use_directory_urls and target.endswith("/") and not href.endswith("/"):
        href += "/"
    return href


def file_link(from_src: str, target: str, use_directory_urls: bool) -> str:
    """The relative href from a page to a file of the site, e.g. 'data/vcards/caprev.vcf'."""
    return get_relative_url(target, page_url(from_src, use_directory_urls))
