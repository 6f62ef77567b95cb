"""The trainers' guide on administrative sanctions and measures.

Each measure is one hand-written page per language (docs/<lang>/guide/sanctions/<slug>.md) whose
front matter holds the structured facts. From it, the build renders each page's summary box,
effects table and sources, the overview with the measures × life-areas matrix, and a print view
of the whole guide — so nothing is maintained twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from markupsafe import Markup
from pydantic import Field, ValidationError

from atlas.data.fields import LaxDate, NonEmpty, Slug, Strict
from atlas.data.links import WebUrl
from atlas.data.messages import problems_from
from atlas.data.positions import YamlDocument
from atlas.data.problems import DataProblem, shown_path
from atlas.data.yamlsource import leaves, parse_yaml
from atlas.site.page_meta import GeneratedPage, PageMeta
from atlas.site.render import render
from atlas.text.labels import LANGUAGES, label
from atlas.text.urls import link

SANCTIONS = "guide/sanctions"
GENERATED = ("index.md", "print.md")
EFFECT_AREAS = ("bank", "travel", "work", "housing", "benefits", "family")

Level = Literal["direct", "indirect", "none"]


class Effect(Strict):
    level: Level
    text: NonEmpty


class Effects(Strict):
    bank: Effect
    travel: Effect
    work: Effect
    housing: Effect
    benefits: Effect
    family: Effect


class LegalBasis(Strict):
    act: NonEmpty
    article: NonEmpty
    url: WebUrl
    note: NonEmpty | None = None


class GuideSource(Strict):
    title: NonEmpty
    url: WebUrl
    retrieved: LaxDate | None = Field(None, description="The day the source was consulted.")


class Measure(Strict):
    """The front matter of one sanction page."""

    title: NonEmpty
    description: NonEmpty | None = None
    measure: Slug
    order: int = Field(ge=1, description="The measure's place in the guide: 1, 2, 3…")
    summary: NonEmpty
    legal_basis: list[LegalBasis] = Field(min_length=1)
    decided_by: NonEmpty
    duration: NonEmpty
    contest: NonEmpty
    effects: Effects
    to_verify: list[NonEmpty] = Field(default_factory=list)
    sources: list[GuideSource] = Field(min_length=1)
    last_reviewed: LaxDate


@dataclass(frozen=True)
class MeasurePage:
    slug: str
    lang: str
    meta: Measure


def _front_matter(path: Path, shown: str) -> tuple[YamlDocument | None, list[DataProblem]]:
    """Read the YAML front matter of a Markdown page, with line numbers of the page itself."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):  # atlas.site.page_checks says what is wrong with the file
        return None, []
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        return None, [DataProblem(shown, 1, 1, "", "the page must start with front matter between two '---' lines")]
    end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    # one empty line stands for the opening '---', so that line numbers are the page's own
    return parse_yaml("\n" + "\n".join(lines[1:end]) + "\n", shown)


def load_measures(docs_dir: Path, project_root: Path) -> tuple[list[MeasurePage], list[DataProblem]]:
    pages: list[MeasurePage] = []
    documents: dict[tuple[str, str], YamlDocument] = {}  # (slug, lang) → the page's front matter
    problems: list[DataProblem] = []
    for lang in LANGUAGES:
        folder = docs_dir / lang / SANCTIONS
        for path in sorted(folder.glob("*.md")):
            if path.name in GENERATED:
                continue
            shown = shown_path(path, project_root)
            if leaves(path, project_root):
                continue  # a link out of the project: refused, unread (atlas.site.page_checks)
            document, found = _front_matter(path, shown)
            problems += found
            if document is None or not isinstance(document.data, dict):
                continue
            try:
                meta = Measure.model_validate(document.data)
            except ValidationError as error:
                problems += problems_from(error, document, (), "", Measure)
                continue
            if meta.measure != path.stem:
                problems.append(document.problem(("measure",), "measure", f"'{meta.measure}' must equal the file name: measure: {path.stem}"))
            pages.append(MeasurePage(path.stem, lang, meta))
            documents[(path.stem, lang)] = document
    problems += _check_twins(pages, documents)
    return sorted(pages, key=lambda p: (p.lang, p.meta.order, p.slug)), problems


def _check_twins(pages: list[MeasurePage], documents: dict[tuple[str, str], YamlDocument]) -> list[DataProblem]:
    """The Dutch page of a measure agrees with the French one on its order, on the level of each
    effect and on how many legal bases and points to verify it gives. Each disagreement is reported
    in the Dutch page, at the key that differs (a list: at its key)."""
    problems = []
    by_slug: dict[str, dict[str, Measure]] = {}
    for page in pages:
        by_slug.setdefault(page.slug, {})[page.lang] = page.meta
    for slug, metas in sorted(by_slug.items()):
        if len(metas) < len(LANGUAGES):
            continue  # a missing twin is reported by atlas.site.page_checks.check_twins
        fr, nl = metas["fr"], metas["nl"]
        here, french = documents[(slug, "nl")], documents[(slug, "fr")].path
        if fr.order != nl.order:
            problems.append(_differ(here, ("order",), f"is {nl.order} here but {fr.order} in {french} — give both pages the same order"))
        for area in EFFECT_AREAS:
            level_nl, level_fr = getattr(nl.effects, area).level, getattr(fr.effects, area).level
            if level_fr != level_nl:
                problems.append(_differ(
                    here, ("effects", area, "level"),
                    f"is '{level_nl}' here but '{level_fr}' in {french} — the levels must agree: give both pages the same level",
                ))
        for field_name, what in (("legal_basis", "legal bases"), ("to_verify", "points to verify")):
            count_nl, count_fr = len(getattr(nl, field_name)), len(getattr(fr, field_name))
            if count_fr != count_nl:
                problems.append(_differ(
                    here, (field_name,),
                    f"lists {count_nl} {what} here but {count_fr} in {french} — give the same {what}, "
                    "in the same order, in both pages",
                ))
    return problems


def _differ(document: YamlDocument, path: tuple[str, ...], message: str) -> DataProblem:
    """A disagreement between twins, at the key of the value (or list) that differs."""
    return document.problem(path, ".".join(path), message, key=True)


def measure_header(meta: Measure, lang: str) -> str:
    """Markdown placed above a sanction page's body: summary box and warnings."""
    return render("measure_header.md.j2", meta=meta, lang=lang)


def measure_footer(meta: Measure, lang: str, anchor: str = "") -> str:
    """Markdown placed below a sanction page's body: effects, sources, review date. `anchor`
    prefixes its heading ids where several measures share a page (the print view)."""
    return render("measure_footer.md.j2", meta=meta, lang=lang, areas=EFFECT_AREAS, anchor=anchor)


def matrix_html(measures: list[MeasurePage], lang: str, href: Callable[[MeasurePage], str]) -> Markup:
    """The measures × life-areas matrix as HTML: a symbol and a word in every cell (never a
    symbol alone), one card per measure on a phone (atlas.css), every column on paper."""
    return Markup(render("sanctions_matrix.html.j2", measures=measures, lang=lang, areas=EFFECT_AREAS, href=href))


def generated_pages(
    pages: list[MeasurePage], docs_dir: Path, lang: str, *, use_directory_urls: bool = True, site_address: str = ""
) -> list[GeneratedPage]:
    """The overview (with the matrix) and the print view of one language."""
    measures = [p for p in pages if p.lang == lang]
    index_src = f"{lang}/{SANCTIONS}/index.md"
    overview = render(
        "sanctions_index.md.j2", measures=measures, lang=lang, areas=EFFECT_AREAS,
        matrix=matrix_html(measures, lang, lambda p: link(index_src, f"{lang}/{SANCTIONS}/{p.slug}.md", use_directory_urls)),
    )
    index = GeneratedPage(
        f"{SANCTIONS}/index.md", PageMeta(label("sanctions.title", lang), label("sanctions.description", lang)), overview
    )
    bodies = []
    for page in measures:
        text = (docs_dir / lang / SANCTIONS / f"{page.slug}.md").read_text(encoding="utf-8-sig")
        body = text.split("---", 2)[2]
        bodies.append(
            {
                # already rendered (header, footer) or the page's own Markdown (body), which
                # MkDocs renders on the measure's page as well: not to be escaped again
                "page": page,
                "header": Markup(measure_header(page.meta, lang)),
                "body": Markup(_demote(body)),
                "footer": Markup(_demote(measure_footer(page.meta, lang, anchor=f"{page.slug}-"))),
            }
        )
    print_meta = PageMeta(
        label("sanctions.print.title", lang), label("sanctions.description", lang),
        search_exclude=True, hide=("navigation", "toc"),
    )
    print_view = GeneratedPage(
        f"{SANCTIONS}/print.md",
        print_meta,
        render(
            "sanctions_print.md.j2",
            measures=bodies,
            lang=lang,
            matrix=matrix_html(measures, lang, lambda p: f"#{p.slug}"),
            edition=max((p.meta.last_reviewed for p in measures), default=None),
            site_address=f"{site_address}{SANCTIONS}/" if site_address else "",
        ),
    )
    return [index, print_view]


def _demote(markdown: str) -> str:
    """Headings one level down, for the print view where each measure is a level-2 section."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.splitlines())


