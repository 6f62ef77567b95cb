"""The comments of a services file through `make fmt`: taken off the ruamel tree, then put back
by Atlas's own rule — a run of full-line comments belongs to the entry, field or list item right
below it and moves with it; end-of-line comments stay on their line; the file's first paragraph
of comments is its header, comments after the last entry its trailer (see `atlas.maintain.fmt`
for every limit).

Holds `Comments` (`take_from` the tree, `put_on` the reordered one, `trailer_text`) and
`comment_texts` (every comment ruamel found: what formatting must keep). Imports ruamel.yaml and
`atlas.maintain.fmt_yaml`; raises `FormatError` for a comment inside a value, which has no field
below it to follow.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from atlas.maintain.fmt_yaml import ENTRY_INDENT, FormatError


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


def comment_texts(data: Any) -> Counter[str]:
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
class Comments:
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
                "this comment sits inside a value, where `make fmt` cannot keep it — move it to its "
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
