"""QR codes for the referral sheet: one small SVG per service and language, made at build time
(no request, no script), holding the address of the service's page on the published site
(`site_url`), so that the person can open it on their own phone.

The symbol is zxing-cpp's (its encoder is Zint's, in C: ~0.1 ms a code, against ~7 ms for the
pure-Python segno used before, over 700 codes a starter build and 10,000 at 5,000 services);
the SVG around it is written here: one stroked path of the dark modules, a line per row, on a
white square with a quiet zone of BORDER modules.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, cast

import zxingcpp

from atlas.text.labels import LANGUAGES

QR_FOLDER = "referral/qr"  # under site/<lang>/, next to the referral sheet


def service_address(site_url: str, lang: str, service_id: str) -> str:
    return f"{site_url.rstrip('/')}/{lang}/services/{service_id}/"


BORDER = 2  # modules of white around the symbol (the sheet's margin adds to it)
_DARK_RUN = re.compile(b"\x00+")  # zxing-cpp's image: 0 is a dark module, 255 a light one


def qr_svg(text: str) -> str:
    """The QR code of `text` (error correction level M, any version it needs) as a standalone SVG
    without size (the page's CSS sizes it): a viewBox of the symbol's modules plus BORDER on each
    side. Raises ValueError when `text` does not fit in a QR code."""
    try:
        symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    except Exception as error:  # zxing-cpp raises its own errors for content it cannot encode
        raise ValueError(f"no QR code can hold this text ({len(text)} characters): {error}") from None
    # zxing-cpp's Image has the buffer protocol (one byte a module); its type hints do not say so
    image = memoryview(cast(Any, symbol.to_image(scale=1, add_quiet_zones=False)))
    height, width = image.shape or (0, 0)
    pixels = image.tobytes()
    lines = []  # each row's dark runs as one stroked line: "M x y.5 h run m gap 0 h run …"
    for y in range(height):
        end = None
        for run in _DARK_RUN.finditer(pixels[y * width : (y + 1) * width]):
            start, length = run.start() + BORDER, run.end() - run.start()
            lines.append(f"M{start} {y + BORDER}.5h{length}" if end is None else f"m{start - end} 0h{length}")
            end = start + length
    side = width + 2 * BORDER
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" shape-rendering="crispEdges">'
        f'<path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/><path stroke="#000" d="{"".join(lines)}"/></svg>\n'
    )


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
            svg = qr_svg(service_address(site_url, lang, service_id)).encode("utf-8")
            if only_missing:
                # a preview's run may be stopped halfway (the next data change stops it) and the
                # next run keeps every file already there: written whole then renamed, never half
                partial = target.with_name(f".{target.name}.{os.getpid()}")
                partial.write_bytes(svg)
                os.replace(partial, target)
            else:
                # a build's own folder, cleaned before: no other process writes these files, and the
                # rename cost more than the write (issue 16: ~0.25 s CPU for 5,000 files)
                target.write_bytes(svg)
            count += 1
    return count
