"""Reading a YAML data file safely, with the line and column of every value.

PyYAML's `safe_load` is not enough for maintainers: it keeps the last of two duplicate keys
without a word, turns `0123456` into an octal number and `no` into `False`, raises a traceback on
`2026-13-45`, and expands aliases (the "billion laughs" file). Here the file is composed into YAML
nodes and converted by hand, so that every value keeps its position, every surprise becomes a
`DataProblem`, and nothing but plain data (maps, lists, text, numbers, booleans, dates) is built.

Holds the file limits, `read_yaml` / `parse_yaml` (which return a `YamlDocument` or None, and the
list of problems; they raise nothing for a bad file) and the node converter. The document and its
positions live in `atlas.data.positions`, the checks before parsing and the syntax messages in
`atlas.data.yamlsyntax`; this module imports those two, `atlas.data.problems` and PyYAML.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from atlas.data.positions import BOOL, FLOAT, INT, MAP, NULL, SEQ, STR, TAG, TIMESTAMP, Path_, Scalar, YamlDocument, format_path
from atlas.data.problems import DataProblem
from atlas.data.yamlsyntax import CONTROL, MAX_DEPTH, FastSafeLoader, explain_syntax_error, too_deep, unclosed_quote

# The canonical-layout check (`make check`, atlas.maintain.fmt) runs ruamel.yaml, pure Python, at
# about 45 KB/s: 2 MB keeps `make check` under a minute and a few hundred MB of memory (10 MB took
# 8 minutes and 3.8 GB). The real files are far smaller (services.yaml: 190 KB); split a larger
# one into data/local/*.yaml.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TEXT_CHARS = 20_000

LINK_OUTSIDE = (
    "this file is a link (symlink) to a file outside the project — replace it with a real file "
    "inside the project (its content was not read)"
)


def leaves(path: Path, root: Path) -> bool:
    """Whether `path` resolves (through links) to a place outside the folder `root`."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):  # outside, or a link loop
        return True
    return False


def read_yaml(file: Path, display: str, root: Path | None = None) -> tuple[YamlDocument | None, list[DataProblem]]:
    """Read `file` (shown to maintainers as `display`). Returns the document, or None when the
    file cannot be read at all, and every problem found on the way. With `root`, a file that is
    a link to a place outside that folder is refused without being read."""
    problems: list[DataProblem] = []

    def fatal(message: str, line: int = 0, column: int = 0) -> tuple[None, list[DataProblem]]:
        problems.append(DataProblem(display, line, column, "", message))
        return None, problems

    if root is not None and leaves(file, root):
        return fatal(LINK_OUTSIDE)

    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return fatal("the file does not exist — create it (see README.md)")
    except OSError as error:
        return fatal(f"the file cannot be read ({error.strerror})")
    if len(raw) > MAX_FILE_BYTES:
        return fatal(
            f"the file is {len(raw) / 1024 / 1024:.1f} MB; data files are limited to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB — split it or remove the oversized content"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return fatal(
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02X} cannot be read) — "
            "save it as UTF-8 in your editor (e.g. 'Save with encoding: UTF-8')",
            line,
            column,
        )
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> tuple[YamlDocument | None, list[DataProblem]]:
    """Parse YAML text already decoded (shown to maintainers as `display`)."""
    problems: list[DataProblem] = []

    def fatal(message: str, line: int = 0, column: int = 0) -> tuple[None, list[DataProblem]]:
        problems.append(DataProblem(display, line, column, "", message))
        return None, problems

    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return fatal("the file is empty — add its entries (see README.md, 'Adding a service')")
    control = CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        code = ord(control.group(0))
        what = "a NUL byte (U+0000)" if code == 0 else f"the invisible control character U+{code:04X}"
        return fatal(
            f"the file holds {what} here — remove it (retype the line), and save the file as plain "
            "UTF-8 text",
            line,
            column,
        )
    deep_at = too_deep(text)
    if deep_at is not None:
        return fatal(
            f"the data is nested more than {MAX_DEPTH} levels deep here (Atlas data has at most "
            f"{MAX_DEPTH}) — close the brackets ([ {{) or remove the extra levels",
            *deep_at,
        )
    try:
        node = yaml.compose(text, Loader=FastSafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        quote_line = unclosed_quote(text, mark.line) if mark else None
        if quote_line is not None:
            return fatal(
                "a double quote opened on this line is never closed — add the closing \" at the end of the value",
                quote_line + 1,
                text.splitlines()[quote_line].index('"') + 1,
            )
        return fatal(explain_syntax_error(error, text), line, column)
    except yaml.YAMLError:  # never quote the error: it may hold the file's content
        return fatal("the file cannot be read as YAML — check quotes and indentation (spaces only)")
    except RecursionError:
        return fatal(f"the data is nested too deeply; Atlas data has at most {MAX_DEPTH} levels")
    if node is None:
        return fatal("the file is empty — add its entries (see README.md, 'Adding a service')")

    document = YamlDocument(display, None)
    converter = _Converter(document, problems, root=Path(display).stem)
    document.data = converter.convert(node, ())
    return document, problems


class _Converter:
    """Turns composed nodes into plain data, recording positions and problems."""

    _constructor = SafeConstructor()

    def __init__(self, document: YamlDocument, problems: list[DataProblem], root: str) -> None:
        self.document = document
        self.problems = problems
        self.root = root  # 'services' for services.yaml: messages say services[3].name
        self.seen: set[int] = set()
        self.alias_reported = False

    def _problem(self, node: Node, path: Path_, message: str) -> None:
        self.document.reported.add(path)
        self.problems.append(
            DataProblem(
                self.document.path,
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                format_path(path, self.root if path and isinstance(path[0], int) else ""),
                message,
            )
        )

    def convert(self, node: Node, path: Path_) -> Any:
        if id(node) in self.seen:
            if not self.alias_reported:  # once per file: a "billion laughs" file has thousands
                self.alias_reported = True
                self._problem(
                    node,
                    path,
                    "anchors and aliases (&name and *name) are not allowed in Atlas data — "
                    "write the value out in full",
                )
            return None
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            self._problem(node, path, f"the data is nested more than {MAX_DEPTH} levels deep")
            return None
        self.document.value_marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != SEQ:
                self._bad_tag(node, path)
                return None
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        return None  # pragma: no cover - no other node kinds exist

    def _bad_tag(self, node: Node, path: Path_) -> None:
        self._problem(
            node,
            path,
            f"the YAML tag {node.tag.replace(TAG, '!!')} is not allowed (Atlas data holds plain "
            "text, numbers, dates, lists and fields only) — remove the tag",
        )

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any] | None:
        if node.tag != MAP:
            self._bad_tag(node, path)
            return None
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == NULL:
                self._problem(key_node, path, "a field name must be a plain word, e.g. 'name:'")
                continue
            key = str(key_node.value)
            if key == "<<":
                self._problem(
                    key_node, path, "merge keys ('<<:') are not allowed — write the fields out"
                )
                continue
            child = (*path, key)
            if key in result or key in first_line:
                self._problem(
                    key_node,
                    child,
                    f"the field '{key}' appears twice in the same entry (first on line "
                    f"{first_line[key]}), and YAML would silently keep only the last one — "
                    "keep one and delete the other",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            self.document.key_marks[child] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.convert(value_node, child)
        return result

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        quoted = node.style in ("'", '"', "|", ">")
        self.document.scalars[path] = Scalar(node.value, node.tag, quoted)
        if len(node.value) > MAX_TEXT_CHARS:
            self._problem(
                node,
                path,
                f"this value is {len(node.value):,} characters long, over the limit of "
                f"{MAX_TEXT_CHARS:,} — shorten it and link to the source for details",
            )
            return node.value[:MAX_TEXT_CHARS]
        construct = {
            STR: lambda n: n.value,
            INT: self._constructor.construct_yaml_int,
            FLOAT: self._constructor.construct_yaml_float,
            BOOL: self._constructor.construct_yaml_bool,
            NULL: lambda n: None,
            TIMESTAMP: self._constructor.construct_yaml_timestamp,
        }.get(node.tag)
        if construct is None:
            return self._bad_tag(node, path)
        try:
            value = construct(node)
        except (ValueError, OverflowError):
            self._problem(
                node,
                path,
                f"'{node.value}' is not a valid date — write it as YYYY-MM-DD, e.g. 2026-11-22",
            )
            return None
        if isinstance(value, dt.datetime):
            self._problem(
                node, path, f"'{node.value}' has a time — write the date only, e.g. 2026-11-22"
            )
            return value.date()
        return value

