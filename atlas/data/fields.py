"""The field types of Atlas data and their rules, and `Strict`, the base of every data model.

Holds the scalar types a model field is declared with — `Slug`, `Nis`, `Postcode`,
`LanguageCode`, `LaxDate` (a date written YYYY-MM-DD, not in the future), `NonEmpty` (a free text:
plain text or Markdown, no raw HTML, safe links only, no direction controls), `ClockTime`,
`Weekday`, `Region`, `Community` — with the checks behind them (`check_markdown_text`,
`check_not_future`). Imports `atlas.data.links` (the link rules a text's Markdown links pass) and
`atlas.data.yamlsource` (the text length limit). The checks raise ValueError with a message that
says how to fix the value; pydantic reports it at the field.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from atlas.data.links import check_url
from atlas.data.yamlsource import MAX_TEXT_CHARS


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80),
    Field(description="A stable identifier: lowercase letters, digits and hyphens.", examples=["caprev"]),
]

_RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?]")
# Markdown's automatic link, '<https://…>': refused as raw HTML would be, with a message of its own
_AUTOLINK = re.compile(r"<((?:https?|mailto|tel):[^<>\s]*)>", re.I)
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MARKDOWN_IMAGE = re.compile(r"!\[")
# '[name]: address' on a line of its own: a reference that Markdown turns into a link elsewhere
_LINK_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S", re.M)
# Bidirectional controls reorder what a reader sees (U+202E shows "gpj.exe" as "exe.jpg").
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters that show nothing: a text made only of them (and spaces) is empty.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff\\s]")


def check_markdown_text(value: str) -> str:
    """Plain text or Markdown: no raw HTML, links only to https, http, mailto or tel, no
    bidirectional controls, and something visible."""
    if _BIDI.search(value):
        character = _BIDI.search(value).group(0)  # type: ignore[union-attr]
        raise ValueError(
            f"the text holds an invisible direction control (U+{ord(character):04X}) that changes how it "
            "reads on screen — remove it (retype the text)"
        )
    if not _INVISIBLE.sub("", value):
        raise ValueError("this text holds only invisible characters — fill it in with visible text")
    autolink = _AUTOLINK.search(value)
    if autolink:
        raise ValueError(
            f"'{autolink.group(0)[:80]}': an address between < and > is not allowed in texts — write it as a "
            f"link with a title, e.g. [site of the service]({autolink.group(1)[:80]}), or the address alone"
        )
    if _RAW_HTML.search(value):
        raise ValueError(
            "raw HTML (a '<' tag) is not allowed in texts — write plain text or Markdown "
            "(e.g. **bold**, [link](https://example.be))"
        )
    if _MARKDOWN_IMAGE.search(value):
        raise ValueError(
            "images ('![…](…)') are not allowed in texts (a page would load a file from another site) — "
            "remove it (link to the page instead: [title](https://example.be))"
        )
    if _LINK_REFERENCE.search(value):
        raise ValueError(
            "a link reference ('[name]: address' on its own line) is not allowed in texts — write the link "
            "where it is used: [title](https://example.be)"
        )
    for target in _MARKDOWN_LINK.findall(value):
        check_url(target, allowed=("https", "http", "mailto", "tel"), relative_ok=False)
    return value


# Every free text (bilingual or not): no raw HTML, links only to safe schemes (check_markdown_text).
NonEmpty = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS),
    AfterValidator(check_markdown_text),
]
Nis = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{5}$"),
    Field(description="A NIS/REFNIS code of five digits, in quotes.", examples=["21004"]),
]
Postcode = Annotated[
    str,
    StringConstraints(pattern=r"^[1-9][0-9]{3}$"),
    Field(description="A Belgian postcode of four digits, in quotes.", examples=["1080"]),
]
LanguageCode = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2}$"),
    Field(description="An ISO 639-1 language code listed in data/taxonomy.yaml.", examples=["ar"]),
]


def _date_as_written(value: object) -> object:
    """A date as YAML reads `2026-11-22` (or the same text in quotes); a number such as 86400
    would otherwise be taken as seconds since 1970."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"{value} was read as a number, not as a date — write the date as YYYY-MM-DD, e.g. 2026-11-22")
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        raise ValueError(f"'{value}' is not a date — write it as YYYY-MM-DD, e.g. 2026-11-22")
    return value


# Dates may lie a day ahead of the machine's clock (time zones); anything later is a mistake.
FUTURE_SLACK = dt.timedelta(days=1)


def check_not_future(value: dt.date | None) -> dt.date | None:
    if value is not None and value > dt.date.today() + FUTURE_SLACK:
        raise ValueError(
            f"{value.isoformat()} is in the future — write the day it actually happened (YYYY-MM-DD), "
            f"at the latest {dt.date.today().isoformat()}"
        )
    return value


LaxDate = Annotated[
    dt.date,
    BeforeValidator(_date_as_written),
    Field(strict=False, examples=["2026-11-22"]),
    AfterValidator(check_not_future),
]

Weekday = Literal["mo", "tu", "we", "th", "fr", "sa", "su"]
ClockTime = Annotated[
    str,
    StringConstraints(pattern=r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"),
    Field(description="A time of day, 24-hour clock, in quotes.", examples=["08:30"]),
]

Region = Literal["brussels", "flanders", "wallonia"]
Community = Literal["french", "flemish", "german"]
