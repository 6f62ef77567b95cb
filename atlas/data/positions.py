"""Where each value of a data file stands: `YamlDocument` (the plain data read from a file, with
the line and column of every value and key), `Scalar` (how a value was written), the path of a
value (`Path_`) and its display (`format_path`: `services[3].contact`), and YAML's core tag names.

Imports only `atlas.data.problems` (a document turns a position and a message into a
`DataProblem`). Raises nothing: a path with no position of its own falls back to the nearest
enclosing value, then to line 1, column 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from atlas.data.problems import DataProblem

Path_ = tuple[str | int, ...]

TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
SEQ, MAP = TAG + "seq", TAG + "map"


@dataclass(frozen=True)
class Scalar:
    """How a scalar was written: its source text, the type YAML gave it, and its quoting."""

    text: str
    tag: str
    quoted: bool

    @property
    def kind(self) -> str:
        """The type YAML read, in a maintainer's words."""
        return {
            INT: "a number",
            FLOAT: "a number",
            BOOL: "a yes/no value (boolean)",
            NULL: "an empty value",
            TIMESTAMP: "a date",
        }.get(self.tag, "text")


@dataclass
class YamlDocument:
    """A parsed file: plain Python data, plus where each part of it stands in the file."""

    path: str  # as shown to maintainers, e.g. "data/services.yaml"
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[Path_, Scalar] = field(default_factory=dict)
    reported: set[Path_] = field(default_factory=set)  # values the reader refused (no second message)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at `path`, or of its key with `key=True`;
        falls back to the nearest enclosing value that has a position."""
        marks = self.key_marks if key else self.value_marks
        if path in marks:
            return marks[path]
        while path:
            path = path[:-1]
            if path in self.value_marks:
                return self.value_marks[path]
        return (1, 1)

    def problem(self, path: Path_, field_name: str, message: str, *, key: bool = False) -> DataProblem:
        line, column = self.position(path, key=key)
        return DataProblem(self.path, line, column, field_name, message)


_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def format_path(path: Path_, root: str = "") -> str:
    """`("services", 3, "contact")` → `services[3].contact`."""
    text = root
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _IDENTIFIER.match(part):
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]"
    return text
