"""Every user-visible string of the generated pages, in French and Dutch, read from labels.yaml.

One place for both languages: a key missing one language fails the build (and a test), instead
of falling back silently to the other language.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml

LANGUAGES = ("fr", "nl")


def other_language(lang: str) -> str:
    """'fr' → 'nl', 'nl' → 'fr': the language of a page's twin."""
    return "nl" if lang == "fr" else "fr"


class MissingLabel(KeyError):
    pass


@cache
def labels() -> dict[str, dict[str, str]]:
    text = files("atlas.text").joinpath("labels.yaml").read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = yaml.safe_load(text)
    return data


def label(key: str, lang: str) -> str:
    try:
        return labels()[key][lang]
    except KeyError:
        raise MissingLabel(f"atlas/labels.yaml: no '{lang}' text for the label '{key}'") from None


def missing_translations() -> list[str]:
    """Keys that lack French or Dutch (checked by a test and at build start)."""
    return [
        f"{key}: missing {lang}"
        for key, texts in labels().items()
        for lang in LANGUAGES
        if not isinstance(texts, dict) or not str(texts.get(lang) or "").strip()
    ]
