"""How the open-data files are encoded: JSON (HSDS, datapackage.json) and CSV (HSDS tables, the
spreadsheet file), both as UTF-8 bytes with `\\n` line ends, in a fixed order so that two builds of
the same data give the same bytes.

Imports nothing of Atlas.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any


def render_json(value: Any) -> bytes:
    """Indented JSON with sorted keys and characters as they are (no \\u escapes)."""
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def render_csv(header: list[str], rows: list[list[str]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    """A header row and the rows, quoted only where needed; `bom` starts the file with a byte-order mark."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")
