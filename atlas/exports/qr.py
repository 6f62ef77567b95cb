"""QR codes for the referral sheet: one small SVG per service and language, made at build time
with segno (no request, no script), holding the address of the service's page on the published
site (`site_url`), so that the person can open it on their own phone."""

from __future__ import annotations

import io
import os
from pathlib import Path

import segno

from atlas.text.labels import LANGUAGES

QR_FOLDER = "referral/qr"  # under site/<lang>/, next to the referral sheet


def service_address(site_url: str, lang: str, service_id: str) -> str:
    return f"{site_url.rstrip('/')}/{lang}/services/{service_id}/"


def qr_svg(text: str) -> str:
    """The QR code of `text` as a standalone SVG without size (the page's CSS sizes it)."""
    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(
        out, kind="svg", scale=1, border=2, xmldecl=False, omitsize=True, dark="#000", light="#fff"
    )
    return out.getvalue().decode("utf-8")


def write_qr_codes(service_ids: list[str], site_dir: Path, site_url: str, *, only_missing: bool = False) -> int:
    """site/<lang>/referral/qr/<id>.svg for every service (`only_missing`: those not there yet,
    for a preview whose site address does not change); returns how many were written."""
    count = 0
    for lang in LANGUAGES:
        folder = site_dir / lang / QR_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for service_id in sorted(service_ids):
            target = folder / f"{service_id}.svg"
            if only_missing and target.exists():
                continue
            # written whole then renamed: two overlapping runs (a preview) never leave half a file
            partial = target.with_name(f".{target.name}.{os.getpid()}")
            partial.write_text(qr_svg(service_address(site_url, lang, service_id)), encoding="utf-8")
            os.replace(partial, target)
            count += 1
    return count
