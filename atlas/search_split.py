"""One search index per language.

mkdocs-static-i18n writes one combined search/search_index.json for both languages, so a Dutch
reader would get French results. After the build this splits it: site/fr/search/ and
site/nl/search/, each with its own stemming language and locations relative to its language
root (the page's Material config points `base` to that root: see overrides/main.html).
"""

from __future__ import annotations

import json
from pathlib import Path


def split_index(site_dir: Path, languages: tuple[str, ...]) -> dict[str, int]:
    combined = site_dir / "search" / "search_index.json"
    if not combined.exists():
        return {}
    index = json.loads(combined.read_text(encoding="utf-8"))
    sizes = {}
    for lang in languages:
        prefix = f"{lang}/"
        docs = [
            {**doc, "location": doc["location"][len(prefix):]}
            for doc in index["docs"]
            if doc["location"].startswith(prefix)
        ]
        config = {**index["config"], "lang": [lang]}
        target = site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        target.write_text(text, encoding="utf-8")
        sizes[lang] = len(text.encode("utf-8"))
    combined.unlink()
    return sizes
