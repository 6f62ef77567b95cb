"""Checks on the hand-written pages in docs/, shared by `make check` and the build (so that the
check refuses everything the build refuses): every page exists in both languages, none stands
where a page is generated, none is a link leaving the project, and the front matter holds only
the keys a hand-written page may use, with their types.

Allowed front matter (everything else is refused with its line):
- every page: `title`, `description` (plain text: the theme prints them into <title> and
  <meta>), `last_reviewed` (a date, not in the future), `sources` (a list of {title, url,
  retrieved}), `to_verify` (a list of texts);
- sanction pages (docs/<lang>/guide/sanctions/*.md): the keys of `atlas.site.guide.Measure`,
  checked by `guide.load_measures`.
Keys starting with `atlas_` are refused as internal (generated pages carry their metadata as a
`PageMeta` object, never as front matter: atlas.site.page_meta). MkDocs' own page
keys (`template`, which picks any theme file, e.g. Material's redirect page; `hide`, `search`) are
not offered to hand-written pages either.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache
from pathlib import Path

import yaml
from mkdocs.utils import meta as mkdocs_meta
from pydantic import Field, ValidationError, field_validator

from atlas.data.fields import NonEmpty, Strict, check_not_future
from atlas.data.messages import problems_from
from atlas.data.problems import DataProblem, shown_path
from atlas.data.yamlsource import LINK_OUTSIDE, leaves, parse_yaml
from atlas.site import guide
from atlas.site.guide import GENERATED as GENERATED_SANCTION_PAGES
from atlas.site.guide import SANCTIONS, GuideSource
from atlas.site.pages import GENERATED_FOLDERS
from atlas.text.labels import LANGUAGES

# MkDocs' own rule for YAML front matter (mkdocs.utils.meta): '---' or '...' closes it.
_FRONT_MATTER = mkdocs_meta.YAML_RE


class PageMeta(Strict):
    """The front matter of a hand-written page (sanction pages: `atlas.site.guide.Measure`)."""

    title: NonEmpty | None = None
    description: NonEmpty | None = None
    last_reviewed: dt.date | None = Field(None, description="The day the page was last reviewed.")
    sources: list[GuideSource] = Field(default_factory=list)
    to_verify: list[NonEmpty] = Field(default_factory=list)

    @field_validator("title", "description")
    @classmethod
    def _plain(cls, value: str | None) -> str | None:
        if value is not None and ("<" in value or ">" in value):
            raise ValueError("'<' and '>' are not allowed in a title or description — write plain text")
        return value

    @field_validator("last_reviewed")
    @classmethod
    def _not_future(cls, value: dt.date | None) -> dt.date | None:
        return check_not_future(value)


def check_pages(docs_dir: Path, project_root: Path) -> list[DataProblem]:
    """Every check on docs/, in one call: `make check` and the build run exactly the same."""
    problems = check_places(docs_dir, project_root)
    problems += check_twins(docs_dir, project_root)
    problems += check_front_matter(docs_dir, project_root)
    problems += guide.load_measures(docs_dir, project_root)[1]
    return problems


def is_hand_written(relative: str) -> bool:
    """Whether a path under docs/<lang>/ may hold a hand-written page (not a generated one)."""
    parts = relative.split("/")
    if parts[0] in GENERATED_FOLDERS:
        return False
    return not (relative.startswith(SANCTIONS + "/") and parts[-1] in GENERATED_SANCTION_PAGES)


def _pages(docs_dir: Path, lang: str) -> set[str]:
    root = docs_dir / lang
    return {path.relative_to(root).as_posix() for path in root.rglob("*.md") if is_hand_written(path.relative_to(root).as_posix())}


def check_twins(docs_dir: Path, project_root: Path) -> list[DataProblem]:
    """A page without its twin in the other language is an error, never a silent fallback."""
    problems = []
    pages = {lang: _pages(docs_dir, lang) for lang in LANGUAGES}
    for lang in LANGUAGES:
        for other in LANGUAGES:
            for missing in sorted(pages[lang] - pages[other]):
                where = shown_path(docs_dir / lang / missing, project_root)
                problems.append(
                    DataProblem(
                        where,
                        0,
                        0,
                        "",
                        f"this page has no {other.upper()} twin — create docs/{other}/{missing} "
                        "(same path in the other language folder)",
                    )
                )
    return problems


def check_places(docs_dir: Path, project_root: Path) -> list[DataProblem]:
    """Pages where the build makes its own (services/, communes/, …, the sanctions overview and
    print view), and files that are links leaving the project, are refused."""
    problems = []
    for lang in LANGUAGES:
        root = docs_dir / lang
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root).as_posix()
            shown = shown_path(path, project_root)
            if leaves(path, project_root):
                problems.append(DataProblem(shown, 0, 0, "", LINK_OUTSIDE))
            elif path.suffix == ".md" and not is_hand_written(relative):
                problems.append(
                    DataProblem(
                        shown, 0, 0, "",
                        f"this page is generated from the data at docs/{lang}/{relative} — remove the file "
                        "from docs/ and edit data/*.yaml instead (or move the page to another folder)",
                    )
                )
    return problems


def check_front_matter(docs_dir: Path, project_root: Path) -> list[DataProblem]:
    """The front matter of every hand-written page: a mapping of allowed keys, with their types."""
    problems: list[DataProblem] = []
    for lang in LANGUAGES:
        for relative in sorted(_pages(docs_dir, lang)):
            path = docs_dir / lang / relative
            shown = shown_path(path, project_root)
            if leaves(path, project_root):
                continue  # reported by check_places
            try:
                text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
            except UnicodeDecodeError:
                problems.append(DataProblem(shown, 0, 0, "", "the page is not UTF-8 — save it as UTF-8 in your editor"))
                continue
            except OSError as error:
                problems.append(DataProblem(shown, 0, 0, "", f"the page cannot be read ({error.strerror}) — check its permissions"))
                continue
            problems += _check_page_meta(text, shown, sanction=relative.startswith(SANCTIONS + "/"))
    return problems


def _check_page_meta(text: str, shown: str, *, sanction: bool) -> list[DataProblem]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        _, meta = mkdocs_meta.get_data(text)
        if meta:
            first = next(iter(meta))
            return [
                DataProblem(
                    shown, 1, 1, first,
                    "the page starts with 'key: value' lines that MkDocs would read as page settings — "
                    "put the front matter between two '---' lines, or start the page with its heading",
                )
            ]
        return []
    # one empty line stands for the opening '---', so that line numbers are the page's own
    document, problems = parse_yaml("\n" + match.group(1), shown)
    if document is None:
        return problems
    if not isinstance(document.data, dict):
        return [
            *problems,
            document.problem((), "", "the front matter must be fields (name: value lines), not a list or a text — "
                             "write it as fields, e.g. title: \"Titre de la page\""),
        ]
    if problems:
        return problems
    for key in document.data:
        if key.startswith("atlas_"):
            problems.append(
                document.problem((key,), key, f"'{key}' is set by Atlas on generated pages only — remove it", key=True)
            )
    if sanction:
        return problems  # the other keys: guide.load_measures validates them against `Measure`
    data = {key: value for key, value in document.data.items() if not key.startswith("atlas_")}
    try:
        PageMeta.model_validate(data)
    except ValidationError as error:
        problems += problems_from(error, document, (), "", PageMeta)
    return problems

# ---- editorial to-do notes -------------------------------------------------------------------------
EDITORIAL_WORDS = "data/editorial-words.yaml"
# The texts that become public pages: hand-written pages, the data the generated pages are made
# from, the interface labels and the page templates.
_EDITORIAL_SCOPE = ("docs/**/*.md", "data/*.yaml", "data/local/*.yaml", "atlas/text/labels.yaml", "atlas/site/templates/*.j2")


@cache
def _fold_char(ch: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    folded = (base[:1] or ch).lower()
    return folded if len(folded) == 1 else ch  # 'İ'.lower() is two characters: keep the column


def _fold_chars(text: str) -> str:
    """Lower case without accents, one character for one (so columns stay the text's own).
    Not atlas.text.folding.fold, which also drops hyphens and apostrophes and so moves columns."""
    if text.isascii():
        return text.lower()
    chars = set(text)
    # a table indexed by code point: str.translate looks a list up in C (a dict raises and
    # catches a KeyError for every character it does not hold)
    table = list(_identity(max(map(ord, chars)).bit_length()))
    for ch in chars:
        if not ch.isascii():
            table[ord(ch)] = _fold_char(ch)
    return text.translate(table).lower()


@cache
def _identity(bits: int) -> tuple[str, ...]:
    """Every character whose code point fits in `bits` bits, at its own index (kept per bit count:
    a handful of tables for any text, not one per highest character)."""
    return tuple(map(chr, range(1 << bits)))


def editorial_notes_refused(project_root: Path) -> bool:
    """Whether `refuse: true` in data/editorial-words.yaml: the build and `make check` then fail on
    any note; until then `make check` lists them."""
    path = project_root / EDITORIAL_WORDS
    if not path.exists():
        return False
    data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    return bool(data.get("refuse", True))


def editorial_words(project_root: Path) -> tuple[list[str], list[str]]:
    """(phrases, allowed) from data/editorial-words.yaml: the phrases folded, the allowed
    sentences as regular expressions on folded text."""
    data = yaml.safe_load((project_root / EDITORIAL_WORDS).read_text(encoding="utf-8-sig")) or {}
    phrases = [str(p) for group in (data.get("phrases") or {}).values() for p in (group or [])]
    allowed = [str(a) for a in (data.get("allowed") or [])]
    return [_fold_chars(p) for p in phrases], allowed


def check_editorial_notes(project_root: Path) -> list[DataProblem]:
    """Every editorial note left in a text that becomes a public page, as file:line:column."""
    if not (project_root / EDITORIAL_WORDS).exists():
        return []
    phrases, allowed = editorial_words(project_root)
    phrase_patterns = [re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)") for phrase in phrases]
    # one pass over a line tells whether any phrase is there (most lines hold none)
    any_phrase = re.compile("|".join(pattern.pattern for pattern in phrase_patterns) or r"(?!)")
    problems = []
    paths = sorted({path for pattern in _EDITORIAL_SCOPE for path in project_root.glob(pattern)})
    for path in paths:
        if path == project_root / EDITORIAL_WORDS:
            continue
        is_yaml = path.suffix == ".yaml"
        shown = shown_path(path, project_root)
        text = path.read_text(encoding="utf-8-sig")
        folded_text = _fold_chars(text)
        if not any(phrase in folded_text for phrase in phrases):
            continue  # most files hold none: one search each, in C
        for number, (line, folded) in enumerate(zip(text.splitlines(), folded_text.splitlines(), strict=True), start=1):
            if is_yaml and line.lstrip().startswith("#"):
                continue  # a YAML comment is never published
            if not any_phrase.search(folded):
                continue
            spared = [m.span() for a in allowed for m in re.finditer(a, folded)]
            for phrase in phrase_patterns:
                for match in phrase.finditer(folded):
                    if any(start <= match.start() and match.end() <= end for start, end in spared):
                        continue
                    found = line[match.start() : match.end()]
                    problems.append(
                        DataProblem(
                            shown, number, match.start() + 1, "",
                            f"editorial note '{found}' would be published — confirm the fact and remove the note, "
                            "or put the open point in the page's `to_verify` list (sanctions guide) or leave the "
                            f"fact out until a source confirms it (words: {EDITORIAL_WORDS})",
                        )
                    )
    return sorted(problems)
