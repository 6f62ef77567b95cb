"""Put data/services.yaml in canonical order and layout without losing a comment (`make fmt`).

Canonical means: entries sorted by `id`; the keys of every entry, and of every nested record, in
the order of the model's fields (derived from `atlas.data.model.Service`, so a new field needs no
change here; keys the model does not know come last, in their own order); 2-space indentation
with lists indented under their key; exactly one blank line between entries and none inside one;
quotes as written; long texts on one line. Review diffs then show only what changed.

ruamel.yaml keeps comments through a round trip, but it attaches a full-line comment to the
value *above* it, often deep inside the previous entry: sorting would carry a section heading
away with the wrong entry. So the comments are taken off and put back by this module's own rule:
**a run of full-line comments belongs to the entry, field or list item right below it** and moves
with it. End-of-line comments stay on their line. Limits, each checked rather than assumed:

- The first paragraph of comments at the top of the file, when a blank line follows it, is the
  file's header and stays at the top; comments after the last entry stay at the end.
- Section headings ("# Housing") travel with the entry below them: after sorting by id, they no
  longer head a group of entries. They are kept, never dropped; reword or remove them by hand.
- A full-line comment inside a value (between the lines of a multi-line `[a, b]` or `{fr: …}`,
  or between a field name and a value written on the next line) has no field below it to
  follow: `format_services` raises `FormatError` naming the line instead of dropping it.
- Full-line comments are indented like the field or `- ` they stand above; blank lines inside
  comment blocks are reduced to one, and blank lines around comments inside an entry removed.
- Multi-line plain or quoted texts are rewritten on one line (the value does not change).
  Block scalars with "keep" chomping (`|+`) are not supported (Atlas data does not use them).
- As a last guard, the result is re-read: if its data (entry order aside) or its comments
  differ from the input, `FormatError` is raised and nothing is written.
"""

from __future__ import annotations

import io
import os
import tempfile
import typing
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.tokens import CommentToken

from atlas.data.model import Service
from atlas.data.problems import DataProblem

try:  # the C parser is much faster on the whole file; same data
    _SafeLoader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader

# Fields of an entry stand 2 columns in from its dash; nested fields and dashes 2 more each
# (`indent(mapping=2, sequence=4, offset=2)`): where a moved comment is indented to.
ENTRY_INDENT = 2

# Wider than any text Atlas accepts (MAX_TEXT_CHARS, plus escapes), so no text is ever folded.
WIDTH = 1_000_000

CHECK_MESSAGE = "the file is not in canonical order/layout (first difference on this line); run `make fmt`"


class FormatError(Exception):
    """The file cannot be formatted without losing something; nothing was written."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.message = message
        self.line = line  # 1-based; 0 when the problem concerns the whole file


class _Unparsable(FormatError):
    """Not YAML, or not a list of entries: the loader explains it, with line and column."""


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def format_services(text: str, *, verify: bool = True) -> str:
    """The text of a services file in canonical order and layout, with every comment kept.
    `verify=False` skips re-reading the result (half the time): for `check_canonical`, which
    only compares texts and writes nothing."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    data = _load(text)
    if not data:  # empty, comments only, or `[]`: nothing to order; `make check` says what to do
        return text
    if not isinstance(data, CommentedSeq) or not all(isinstance(entry, CommentedMap) for entry in data):
        raise _Unparsable("the file should be a list of entries, each with fields; run `make check` first")
    original = _comment_texts(data)
    _refuse_unseen_comments(text, lines, original)
    comments = _Comments(lines, original)
    comments.take_from(data)
    _reorder(data, _key_order(Service))
    entries = CommentedSeq(sorted(data, key=_entry_key))
    comments.put_on(data, entries)
    stream = io.StringIO()
    _yaml().dump(entries, stream)
    result = stream.getvalue() + comments.trailer_text()
    if verify:
        _check_same(text, result, original)
    return result


def _refuse_unseen_comments(text: str, lines: list[str], seen: Counter[str]) -> None:
    """ruamel drops a full-line comment inside a flow value (`{fr: …,` / `# …` / `nl: …}`) without
    a word, so it is not among the comments it reports: find every comment line of the source
    (a '#' line that is not inside a text spanning lines) and refuse one ruamel did not see."""
    inside_text: set[int] = set()
    for node in _scalar_nodes(yaml.compose(text, Loader=_SafeLoader)):
        if node.end_mark.line > node.start_mark.line:
            inside_text.update(range(node.start_mark.line + 1, node.end_mark.line + 1))
    written: Counter[str] = Counter()
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("#") or number in inside_text:
            continue
        written[stripped] += 1
        if written[stripped] > seen[stripped]:
            raise FormatError(
                "this comment sits inside a value written between brackets or braces, where `make fmt` "
                "cannot keep it; move it to its own line above the field it is about",
                number + 1,
            )


def _scalar_nodes(node: Any) -> Iterator[yaml.ScalarNode]:
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            yield current
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))


def format_file(path: Path) -> bool:
    """Rewrite `path` in canonical form; True if it changed. Raises FormatError, writing nothing."""
    text = path.read_text(encoding="utf-8-sig")
    formatted = format_services(text)
    if formatted == text:
        return False
    # Written next to the file, then renamed over it: an interrupted run never leaves half a file.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(formatted)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def check_canonical(path: Path, *, display: str | None = None) -> DataProblem | None:
    """A problem pointing at the first line that `make fmt` would change, or None.

    A file that cannot be read or parsed gives None: the loader reports that, with a better
    message. `display` is the path shown to maintainers (default: `data/services.yaml`)."""
    shown = display if display is not None else f"{path.parent.name}/{path.name}"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        formatted = format_services(text, verify=False)
    except _Unparsable:
        return None
    except FormatError as error:
        return DataProblem(shown, error.line, 1 if error.line else 0, "", error.message)
    if formatted == text:
        return None
    return DataProblem(shown, _first_difference(text, formatted), 1, "", CHECK_MESSAGE)


# ---------------------------------------------------------------------------------------------
# Reading and writing with ruamel.yaml
# ---------------------------------------------------------------------------------------------


class _RootEmitter(Emitter):
    """ruamel indents a top-level list like a nested one (`  - id:`); Atlas files start each entry
    at the margin (`- id:`) and indent nested lists under their key (`mapping=2, sequence=4,
    offset=2`). Only the top-level list is changed: dash at column 0, its fields at column 2."""

    def _in_root_sequence(self) -> bool:
        values = self.indents.values
        return len(values) == 1 and bool(values[0][1])

    def increase_indent(self, flow: bool = False, sequence: bool | None = None, indentless: bool = False) -> None:
        entry = not flow and self.indent == 0 and self._in_root_sequence()
        super().increase_indent(flow, sequence, indentless)
        if entry:
            self.indent = 2

    def expect_block_sequence_item(self, first: bool = False) -> None:
        if not self._in_root_sequence():
            super().expect_block_sequence_item(first)
            return
        offset = self.sequence_dash_offset
        self.sequence_dash_offset = 0
        try:
            super().expect_block_sequence_item(first)
        finally:
            self.sequence_dash_offset = offset


def _yaml() -> YAML:
    handler = YAML()  # round-trip: keeps comments, quotes and flow/block style
    handler.Emitter = _RootEmitter
    handler.preserve_quotes = True
    handler.width = WIDTH
    handler.indent(mapping=2, sequence=4, offset=2)
    return handler


def _load(text: str) -> Any:
    try:
        return _yaml().load(text)
    # ruamel raises plain ValueError/TypeError on some invalid values (the date 2026-13-45, a
    # merge key on a list): all are the loader's to explain, with line and column.
    except (YAMLError, ValueError, TypeError) as error:
        raise _Unparsable("the file is not valid YAML; run `make check` to see where") from error


# ---------------------------------------------------------------------------------------------
# Key order, from the model
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _KeyOrder:
    """The field order of one model, and the order of each field's nested model, if any."""

    fields: tuple[str, ...]
    children: dict[str, _KeyOrder] = field(default_factory=dict)


@cache
def _key_order(model: type[BaseModel]) -> _KeyOrder:
    fields: list[str] = []
    children: dict[str, _KeyOrder] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        fields.append(key)
        nested = _models_in(info.annotation)
        if nested:  # `Text | None`, `list[Phone]`, `AreaPart | None`: one model per field here
            children[key] = _key_order(nested[0])
    return _KeyOrder(tuple(fields), children)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models inside an annotation (through Optional, unions, lists, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is None or origin is typing.Literal:
        return []
    found: list[type[BaseModel]] = []
    for argument in typing.get_args(annotation):
        found.extend(model for model in _models_in(argument) if model not in found)
    return found


def _reorder(node: Any, order: _KeyOrder | None) -> None:
    """Put the keys of every mapping in model order (in place, so comments and styles stay)."""
    if isinstance(node, CommentedSeq):
        for item in node:
            _reorder(item, order)
        return
    if not isinstance(node, CommentedMap):
        return
    if order is not None:
        known = [key for key in order.fields if key in node]
        for key in known + [key for key in list(node) if key not in order.fields]:
            node.move_to_end(key)
    for key, value in node.items():
        _reorder(value, order.children.get(key) if order is not None else None)


def _entry_key(entry: CommentedMap | dict[str, Any]) -> str:
    value = entry.get("id")
    return "" if value is None else str(value)


# ---------------------------------------------------------------------------------------------
# Comments: take them off the tree, and put each run back on the node below it
# ---------------------------------------------------------------------------------------------


def _containers(node: Any) -> Iterator[CommentedMap | CommentedSeq]:
    if isinstance(node, CommentedMap):
        yield node
        for value in node.values():
            yield from _containers(value)
    elif isinstance(node, CommentedSeq):
        yield node
        for item in node:
            yield from _containers(item)


def _tokens(slot: Any) -> list[CommentToken]:
    if isinstance(slot, CommentToken):
        return [slot]
    if isinstance(slot, list):
        return [token for item in slot for token in _tokens(item)]
    return []


def _comment_texts(data: Any) -> Counter[str]:
    """Every comment ruamel found, one line each, stripped: what must survive formatting.

    A token can be referenced from two places (a flow list and its key); count each once."""
    seen: set[int] = set()
    texts: Counter[str] = Counter()
    for container in _containers(data):
        ca = container.ca
        slots: list[Any] = [ca.comment, ca.end, ca.pre, *ca.items.values()]
        for token in _tokens(slots):
            if id(token) in seen:
                continue
            seen.add(id(token))
            texts.update(line.strip() for line in token.value.split("\n") if line.strip().startswith("#"))
    return texts


def _token_lines(lines: list[str]) -> list[CommentToken]:
    # Column 0 and the line's own indentation: the emitter writes a "pre" comment as it is.
    return [CommentToken(line.rstrip() + "\n", CommentMark(0)) for line in lines]


def _indent(lines: list[str], column: int) -> list[str]:
    """A comment block moved to `column`, keeping the relative indentation of its lines."""
    margin = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return [" " * column + line[margin:] if line.strip() else "" for line in lines]


def _tidy(lines: list[str], *, keep_trailing_blank: bool = False) -> list[str]:
    """Comment lines without leading blank lines, runs of blank lines reduced to one, and no
    trailing blank line unless kept (between a section heading and its entry)."""
    result: list[str] = []
    for line in lines:
        blank = not line.strip()
        if blank and (not result or not result[-1].strip()):
            continue
        result.append("" if blank else line.rstrip())
    if result and not result[-1].strip() and not keep_trailing_blank:
        result.pop()
    return result


@dataclass
class _Comments:
    """Where each full-line comment of the source goes: above a node, at the top, at the end."""

    lines: list[str]
    known: Counter[str]  # comment texts ruamel saw: a '#' line inside a block text is not one
    header: list[str] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)
    above_key: dict[tuple[int, Any], list[str]] = field(default_factory=dict)  # (id(map), key)
    above_item: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # (id(seq), index)
    above_entry: dict[int, list[str]] = field(default_factory=dict)  # id(entry) of the top list

    def _is_comment(self, number: int) -> bool:
        text = self.lines[number].strip()
        return not text or (text.startswith("#") and text in self.known)

    def take_from(self, data: CommentedSeq) -> None:
        """Record the comments above every node, then remove every comment from the tree except
        end-of-line ones (trimmed to their own line)."""
        starts = self._node_starts(data)
        claimed: set[int] = set()
        for line in sorted(starts):
            first = line
            while first > 0 and self._is_comment(first - 1):
                first -= 1
            block = self.lines[first:line]
            claimed.update(range(first, line))
            kind, container, position = starts[line]
            if kind == "key":
                self.above_key[(id(container), position)] = block
            elif container is data:
                self.above_entry[id(data[position])] = block
            else:
                self.above_item[(id(container), position)] = block
        last = len(self.lines)
        while last > 0 and self._is_comment(last - 1):
            last -= 1
        claimed.update(range(last, len(self.lines)))
        self.trailer = _tidy(self.lines[last:])
        orphans = [
            number + 1
            for number, text in enumerate(self.lines)
            if number not in claimed and text.strip().startswith("#") and text.strip() in self.known
        ]
        if orphans:
            raise FormatError(
                "this comment sits inside a value, where `make fmt` cannot keep it; move it to its "
                "own line above the field it is about",
                orphans[0],
            )
        if len(data):
            self._split_header(data[0])
        self._strip(data)

    def _node_starts(self, data: CommentedSeq) -> dict[int, tuple[str, Any, Any]]:
        """Line → the outermost block-style key or list item starting on it (an entry and its
        `id` share a line: the entry wins, so its comments move with the whole entry)."""
        starts: dict[int, tuple[int, tuple[str, Any, Any]]] = {}

        def visit(node: Any, depth: int) -> None:
            if isinstance(node, (CommentedMap, CommentedSeq)) and node.fa.flow_style():
                return  # nothing inside `[a, b]` or `{fr: …}` can carry a comment of its own
            if isinstance(node, CommentedMap):
                for key, value in node.items():
                    line = node.lc.key(key)[0]
                    if line not in starts or starts[line][0] > depth:
                        starts[line] = (depth, ("key", node, key))
                    visit(value, depth + 1)
            elif isinstance(node, CommentedSeq):
                for index, item in enumerate(node):
                    line = node.lc.item(index)[0]
                    if line not in starts or starts[line][0] > depth:
                        starts[line] = (depth, ("item", node, index))
                    visit(item, depth + 1)

        visit(data, 0)
        return {line: target for line, (_, target) in starts.items()}

    def _split_header(self, first_entry: CommentedMap) -> None:
        """The first paragraph of the comments above the first entry is the file's header, if a
        blank line separates it from what follows; a comment touching the entry is the entry's."""
        block = _tidy(self.above_entry.get(id(first_entry), []), keep_trailing_blank=True)
        if "" not in block:
            return
        end = block.index("")
        self.header = block[:end]
        self.above_entry[id(first_entry)] = block[end:]

    def _strip(self, data: CommentedSeq) -> None:
        for container in _containers(data):
            ca = container.ca
            if ca.comment is not None:
                ca.comment = [self._end_of_line(ca.comment[0]), None]
            ca.end = []
            if ca.pre:
                ca.pre = []
            post = 2 if isinstance(container, CommentedMap) else 0  # where the end-of-line one is
            for slots in ca.items.values():
                for position in range(len(slots)):
                    slots[position] = self._end_of_line(slots[position]) if position == post else None

    def _end_of_line(self, slot: Any) -> CommentToken | None:
        """An end-of-line comment trimmed to its own line; None for full-line comments."""
        if not isinstance(slot, CommentToken) or not slot.value.startswith("#"):
            return None
        mark = slot.start_mark
        if mark is None or mark.line >= len(self.lines) or not self.lines[mark.line][: mark.column].strip():
            return None
        slot.value = slot.value.split("\n", 1)[0] + "\n"
        return slot

    def put_on(self, data: CommentedSeq, entries: CommentedSeq) -> None:
        """Attach the recorded comments to the reordered tree `entries` (built from `data`)."""
        for index, entry in enumerate(entries):
            block = _indent(_tidy(self.above_entry.get(id(entry), []), keep_trailing_blank=True), 0)
            block += self._first_key_comment(entry, 0)
            if index > 0 or self.header:
                block = ["", *block]  # one blank line between entries, and after the header
            if index == 0:
                block = self.header + block
            if block:
                entries.ca.items[index] = [None, _token_lines(block), None, None]
            self._attach(entry, ENTRY_INDENT)

    def _attach(self, node: Any, column: int) -> None:
        """Put the comments back inside a block mapping or list whose keys or dashes stand at
        `column` in the output, indented like the key or dash they stand above."""
        if not isinstance(node, (CommentedMap, CommentedSeq)) or node.fa.flow_style():
            return
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                block = _tidy(self.above_key.pop((id(node), key), []))
                if block:
                    self._set_before(node, key, _indent(block, column))
                self._attach(value, column + ENTRY_INDENT)
            return
        for index, item in enumerate(node):
            block = _indent(_tidy(self.above_item.get((id(node), index), [])), column)
            block += self._first_key_comment(item, column)
            if block:
                self._set_before(node, index, block)
            self._attach(item, column + ENTRY_INDENT)

    def _first_key_comment(self, item: Any, column: int) -> list[str]:
        """A comment above the first key of a list item goes above the item's dash instead:
        YAML has no place for it between the dash and the key."""
        if not isinstance(item, CommentedMap) or not item or item.fa.flow_style():
            return []
        return _indent(_tidy(self.above_key.pop((id(item), next(iter(item))), [])), column)

    @staticmethod
    def _set_before(container: CommentedMap | CommentedSeq, position: Any, block: list[str]) -> None:
        slots = container.ca.items.setdefault(position, [None, None, None, None])
        slots[1] = _token_lines(block)

    def trailer_text(self) -> str:
        return "\n" + "\n".join(self.trailer) + "\n" if self.trailer else ""


# ---------------------------------------------------------------------------------------------
# Guards
# ---------------------------------------------------------------------------------------------


def _check_same(before: str, after: str, comments: Counter[str]) -> None:
    """Refuse a result whose data (entry order aside) or comments differ from the input."""
    try:
        old = yaml.load(before, Loader=_SafeLoader)
        new = yaml.load(after, Loader=_SafeLoader)
    except (yaml.YAMLError, ValueError) as error:  # e.g. a !!python tag: the loader explains it
        raise _Unparsable("the file holds values Atlas does not read; run `make check` to see where") from error
    if isinstance(old, list):
        old = sorted(old, key=lambda entry: _entry_key(entry) if isinstance(entry, dict) else "")
    if old != new:
        raise FormatError("formatting would change the data; please report this file to the developers")
    kept = _comment_texts(_load(after))
    if kept != comments:
        lost = sorted((comments - kept).elements()) or sorted((kept - comments).elements())
        raise FormatError(f"formatting would not keep the comment {lost[0]!r}; please report this to the developers")


def _first_difference(text: str, formatted: str) -> int:
    for number, (old, new) in enumerate(zip(text.split("\n"), formatted.split("\n"), strict=False), start=1):
        if old != new:
            return number
    return min(len(text.split("\n")), len(formatted.split("\n")))
