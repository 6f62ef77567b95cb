"""Writes every open-data file with the site, under its data/ folder (called by atlas.build.events).

- `hsds/services.json`, `hsds/services.nl.json`: HSDS 3.0 JSON (atlas.exports.hsds).
- `hsds/tabular/`, `hsds/tabular.nl/`: the same as HSDS tables + datapackage.json (atlas.exports.hsds_tabular).
- `services.csv`: one row per service for spreadsheets (atlas.exports.spreadsheet).
- `vcards/<lang>/<id>.vcf`: one vCard 3.0 per service and language (atlas.exports.vcard).
- `README.md`: what the files hold and their licences (atlas.exports.readme).

Every file is deterministic: ids are derived from the entry slugs (`uuid5`), keys and rows are in a
fixed order, and the only date not taken from the data is the `generated` date given by the caller.
Two builds of the same data give byte-identical files.

May import atlas.text and the format modules of atlas.exports.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from atlas.exports.encoding import render_json
from atlas.exports.hsds import HSDS_FILES, hsds_services
from atlas.exports.hsds_tabular import TABULAR_FOLDERS, render_tabular
from atlas.exports.readme import README_FILE, render_readme
from atlas.exports.records import stable_id
from atlas.exports.spreadsheet import SPREADSHEET_FILE, render_spreadsheet
from atlas.exports.vcard import VCARD_FOLDER, render_vcard
from atlas.text.labels import LANGUAGES

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from atlas.data.directory import Atlas


def write_exports(atlas: Atlas, out_dir: Path, *, site_url: str, generated: dt.date) -> dict[str, int]:
    """Write the open-data files under out_dir (the site's data/ folder); return {relative path: bytes}."""
    site = _resolve_site_url(site_url)
    services = sorted(atlas.services.values(), key=lambda s: s.id)
    files: dict[str, bytes] = {}
    for lang in LANGUAGES:
        hsds = hsds_services(atlas, services, lang, site)
        files[HSDS_FILES[lang]] = render_json(hsds)
        files.update(render_tabular(hsds, TABULAR_FOLDERS[lang], lang, site))
    files[SPREADSHEET_FILE] = render_spreadsheet(atlas, services, site)
    for service in services:
        for lang in LANGUAGES:
            files[f"{VCARD_FOLDER}/{lang}/{service.id}.vcf"] = render_vcard(atlas, service, lang)
    files[README_FILE] = render_readme(atlas, services, site, generated)
    stable_id.cache_clear()  # the ids are written: no need to hold them (records.stable_id)
    return _write_files(out_dir, files)


def _resolve_site_url(site_url: str) -> str:
    # The spreadsheet and the README link to the service pages: those links must be absolute,
    # because the files are downloaded and opened far from the site.
    if not re.match(r"^https?://[^/\s]+", site_url or ""):
        raise ValueError(
            f"site_url '{site_url}' is not an absolute web address; the exports need one to link "
            "to the service pages, e.g. https://atlas.example.org/ (set site_url in mkdocs.yml)"
        )
    return site_url.rstrip("/") + "/"


def _write_files(out_dir: Path, files: dict[str, bytes]) -> dict[str, int]:
    written: dict[str, int] = {}
    folders: set[str] = set()
    for relative, content in sorted(files.items()):
        folder = relative.rpartition("/")[0]
        if folder not in folders:  # each folder made once, not once per file (vCards: 2 per service)
            (out_dir / folder).mkdir(parents=True, exist_ok=True)
            folders.add(folder)
        (out_dir / relative).write_bytes(content)
        written[relative] = len(content)
    return written
