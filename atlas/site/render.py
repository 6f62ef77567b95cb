"""Jinja2 rendering of generated Markdown pages, with autoescape on for everything.

Text from YAML is HTML-escaped by autoescape; plain-text fields (names, labels) are additionally
escaped for Markdown so that a name cannot become a link or emphasis. Markdown fields
(description, referral, cost) were checked by the model: no raw HTML, links only to
https/http/mailto/tel.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any
from urllib.parse import quote

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from atlas.text.labels import label

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")
_MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
}


def plain(value: Any) -> Markup:
    """Text for Markdown that must stay text: Markdown metacharacters backslash-escaped and '<'
    written as an entity, so that it can become neither a link, emphasis nor a tag. Quotes and
    '&' are left to Markdown, which escapes them once (escaping them here showed '&#39;' in the
    table of contents)."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", str(value)).replace("<", "&lt;")
    return Markup(text)


def markdown_text(value: Any) -> Markup:
    """A validated Markdown field (no raw HTML, safe link schemes): any '<' left is written as
    an entity so that it cannot open a tag."""
    return Markup(str(value).strip().replace("<", "&lt;"))


def href(url: str) -> Markup:
    """A URL for a Markdown link target: characters that end a link are percent-encoded."""
    return Markup(escape(quote(url, safe=":/?#[]@!$&'*+,;=%~.-_")))


def tel_href(number: str) -> str:
    """'02 511 02 71' → 'tel:+3225110271'; short and non-geographic national numbers stay national."""
    digits = re.sub(r"[^\d+]", "", number)
    if digits.startswith("+"):
        return f"tel:{digits}"
    if len(digits) <= 4 or digits.startswith(("0800", "0900", "070", "078")):
        return f"tel:{digits}"
    if digits.startswith("0"):
        return f"tel:+32{digits[1:]}"
    return f"tel:{digits}"


def long_date(value: dt.date, lang: str) -> str:
    return f"{value.day} {_MONTHS[lang][value.month - 1]} {value.year}"


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: 10x faster, same output


def front_matter(data: dict[str, Any]) -> str:
    return "---\n" + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("atlas.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(plain=plain, md=markdown_text, href=href, tel=tel_href, long_date=long_date)
    env.globals.update(label=label)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
