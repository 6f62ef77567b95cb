"""What the generated pages need to know of the site: its address, URL style and where a
correction is suggested (read from mkdocs.yml by atlas.build.config, passed down)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteOptions:
    use_directory_urls: bool = True
    correction_url: str = ""  # a link to suggest a correction, {id} replaced by the service id
    site_url: str = ""  # the published address (QR codes and the referral sheet's footer)
