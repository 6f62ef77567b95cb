"""Checks on the hand-written pages in docs/: every page exists in both languages."""

from __future__ import annotations

from pathlib import Path

from atlas.errors import DataProblem
from atlas.generate import GENERATED_FOLDERS
from atlas.labels import LANGUAGES


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
                shown = (docs_dir / lang / missing).resolve()
                try:
                    where = shown.relative_to(project_root.resolve()).as_posix()
                except ValueError:
                    where = shown.as_posix()
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
