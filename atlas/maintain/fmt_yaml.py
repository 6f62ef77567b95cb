"""Reading and writing a services file for `make fmt` with ruamel.yaml's round trip (comments,
quotes and flow/block style kept), in Atlas's layout, and the errors of formatting.

Holds `FormatError` (the file cannot be formatted without losing something; nothing was written)
and `Unparsable` (not YAML or not a list of entries: the loader explains it), `round_trip_yaml`
(the configured ruamel handler: entries at the margin, 2-space indentation, nothing folded) and
`load_round_trip`, which raises `Unparsable`. Imports ruamel.yaml only.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.error import YAMLError

# Fields of an entry stand 2 columns in from its dash; nested fields and dashes 2 more each
# (`indent(mapping=2, sequence=4, offset=2)`): where a moved comment is indented to.
ENTRY_INDENT = 2

# Wider than any text Atlas accepts (MAX_TEXT_CHARS, plus escapes), so no text is ever folded.
WIDTH = 1_000_000


class FormatError(Exception):
    """The file cannot be formatted without losing something; nothing was written."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.message = message
        self.line = line  # 1-based; 0 when the problem concerns the whole file


class Unparsable(FormatError):
    """Not YAML, or not a list of entries: the loader explains it, with line and column."""


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


def round_trip_yaml() -> YAML:
    handler = YAML()  # round-trip: keeps comments, quotes and flow/block style
    handler.Emitter = _RootEmitter
    handler.preserve_quotes = True
    handler.width = WIDTH
    handler.indent(mapping=2, sequence=4, offset=2)
    return handler


def load_round_trip(text: str) -> Any:
    try:
        return round_trip_yaml().load(text)
    # ruamel raises plain ValueError/TypeError on some invalid values (the date 2026-13-45, a
    # merge key on a list): all are the loader's to explain, with line and column.
    except (YAMLError, ValueError, TypeError) as error:
        raise Unparsable("the file is not valid YAML — run `make check` to see where") from error
