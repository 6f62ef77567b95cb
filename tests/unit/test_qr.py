"""The referral sheet's QR codes (atlas.exports.qr): what a phone reads from the SVG written is
the service page's address."""

from __future__ import annotations

import re

import pytest
import zxingcpp

from atlas.exports.qr import BORDER, qr_svg, service_address

SCALE = 4  # pixels per module for the reader


def _read(svg: str) -> str:
    """Draw the SVG's stroked rows ("M x y.5 h n m gap 0 h n …") as pixels, then read them with
    zxing-cpp's decoder: the text a phone's camera would find."""
    side = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))  # type: ignore[union-attr]
    dark = [[False] * side for _ in range(side)]
    path = re.search(r'<path stroke="#000" d="([^"]*)"', svg).group(1)  # type: ignore[union-attr]
    x = y = 0
    for command, a, b in re.findall(r"([Mmh])(\d+)(?:[ .](\d+))?", path.replace(".5", "")):
        if command == "M":
            x, y = int(a), int(b)
        elif command == "m":
            x += int(a)
        else:
            for column in range(x, x + int(a)):
                dark[y][column] = True
            x += int(a)
    pixels = bytearray()
    for row in dark:
        line = bytes(0 if cell else 255 for cell in row for _ in range(SCALE))
        pixels += line * SCALE
    found = zxingcpp.read_barcodes(memoryview(pixels).cast("B", (side * SCALE, side * SCALE)))
    assert len(found) == 1
    assert found[0].format == zxingcpp.BarcodeFormat.QRCode
    return str(found[0].text)


@pytest.mark.parametrize(
    ("lang", "service_id"),
    [("fr", "cpas-schaerbeek"), ("nl", "ocmw-antwerpen-schuldbemiddeling"), ("fr", "maison-de-justice-" + "x" * 60)],
)
def test_a_phone_reads_the_service_address(lang: str, service_id: str) -> None:
    """Assert that the SVG, drawn as pixels, decodes to the service page's address, with its
    quiet zone and no size of its own (the page's CSS sizes it)."""
    address = service_address("https://atlas.example.org/", lang, service_id)
    svg = qr_svg(address)
    assert _read(svg) == address == f"https://atlas.example.org/{lang}/services/{service_id}/"
    assert "width=" not in svg
    assert "height=" not in svg
    assert f'<path stroke="#000" d="M{BORDER} {BORDER}.5h7' in svg  # the finder pattern, BORDER modules in


def test_text_too_long_for_a_qr_code_says_so() -> None:
    """Assert that text no QR code can hold raises ValueError with its length."""
    with pytest.raises(ValueError, match="5000 characters"):
        qr_svg("x" * 5000)
