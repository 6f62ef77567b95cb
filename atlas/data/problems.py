"""Data problems as a maintainer reads them: `file:line:column: field: what is wrong — example`.

Every check in Atlas reports through `DataProblem`; a run collects all problems and raises one
`DataErrors` at the end, so that a maintainer sees every mistake at once instead of one per build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class DataProblem:
    """One mistake in a data or content file, with where it is and how to fix it."""

    path: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    field: str  # e.g. "services[3].contact.phones[0].number"; "" for the whole file
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        prefix = f"{self.field}: " if self.field else ""
        return f"{where}: {prefix}{self.message}"


@dataclass
class DataErrors(Exception):
    """All the problems found in one run; raised once, at the end of loading."""

    problems: list[DataProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.report())

    def report(self) -> str:
        ordered = sorted(set(self.problems))
        count = len(ordered)
        lines = [str(problem) for problem in ordered]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found in the data.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()


class ProblemCollector:
    """Collects problems while a loader walks the data; raises them all at once."""

    def __init__(self) -> None:
        self.problems: list[DataProblem] = []

    def add(self, problem: DataProblem) -> None:
        self.problems.append(problem)

    def extend(self, problems: list[DataProblem]) -> None:
        self.problems.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataErrors(list(self.problems))


def shown_path(path: Path, root: Path) -> str:
    """A path as maintainers see it in messages: relative to the project folder."""
    try:  # the link's own place, not where it points (a message never shows a path outside the project)
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return path.name
