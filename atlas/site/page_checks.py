"""Checks on the hand-written pages in docs/: every page exists in both languages, and their
titles and descriptions are plain text (the theme prints them into <title> and <meta> unescaped)."""

from __future__ import annotations

from pathlib import Path

from atlas.data.model import check_markdown_text
from atlas.data.problems import DataProblem, shown_path
from atlas.data.yamlsource import parse_yaml
from atlas.site.pages import GENERATED_FOLDERS
from atlas.text.labels import LANGUAGES


def _pages(docs_dir: Path, lang: str) -> set[str]:
    root = docs_dir / lang
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*.md")
        if path.relative_to(root).parts[0] not in GENERATED_FOLDERS
    }


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
                        f"this page has no {other.upper()} twin; create docs/{other}/{missing} "
                        "(same path in the other language folder)",
                    )
                )
    return problems


def check_front_matter(docs_dir: Path, project_root: Path) -> list[DataProblem]:
    """Titles and descriptions of hand-written pages: plain text, no HTML, no unsafe link."""
    problems = []
    for lang in LANGUAGES:
        for relative in sorted(_pages(docs_dir, lang)):
            path = docs_dir / lang / relative
            lines = path.read_text(encoding="utf-8-sig").splitlines()
            if not lines or lines[0].strip() != "---":
                continue
            end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"), None)
            if end is None:
                continue
            shown = shown_path(path, project_root)
            document, found = parse_yaml("\n" + "\n".join(lines[1:end]) + "\n", shown)
            problems += found
            if document is None or not isinstance(document.data, dict):
                continue
            for key in ("title", "description"):
                value = document.data.get(key)
                if value is None:
                    continue
                try:
                    if not isinstance(value, str):
                        raise ValueError(f"expected a text, found {value!r}; put it in quotes")
                    check_markdown_text(value)
                    if "<" in value or ">" in value:
                        raise ValueError("'<' and '>' are not allowed in a title or description; write plain text")
                except ValueError as error:
                    problems.append(document.problem((key,), key, str(error)))
    return problems
