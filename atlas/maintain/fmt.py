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

The work is shared by four modules: this one (the public calls and the guards), `fmt_yaml`
(ruamel reading and writing, `FormatError`), `fmt_order` (key order from the model) and
`fmt_comments` (taking the comments off and putting them back).
"""

from __future__ import annotations

import io
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from atlas.data.model import Service
from atlas.data.problems import DataProblem
from atlas.data.yamlsyntax import FastSafeLoader
from atlas.maintain.fmt_comments import Comments, comment_texts
from atlas.maintain.fmt_order import entry_key, key_order, reorder
from atlas.maintain.fmt_yaml import FormatError, Unparsable, load_round_trip, round_trip_yaml

CHECK_MESSAGE = "the file is not in canonical order/layout (first difference on this line) — run `make fmt`"


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def format_services(text: str, *, verify: bool = True) -> str:
    """The text of a services file in canonical order and layout, with every comment kept.
    `verify=False` skips re-reading the result (half the time): for `check_canonical`, which
    only compares texts and writes nothing."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    data = load_round_trip(text)
    if not data:  # empty, comments only, or `[]`: nothing to order; `make check` says what to do
        return text
    if not isinstance(data, CommentedSeq) or not all(isinstance(entry, CommentedMap) for entry in data):
        raise Unparsable("the file should be a list of entries, each with fields — run `make check` first")
    original = comment_texts(data)
    _refuse_unseen_comments(text, lines, original)
    comments = Comments(lines, original)
    comments.take_from(data)
    reorder(data, key_order(Service))
    entries = CommentedSeq(sorted(data, key=entry_key))
    comments.put_on(data, entries)
    stream = io.StringIO()
    round_trip_yaml().dump(entries, stream)
    result = stream.getvalue() + comments.trailer_text()
    if verify:
        _check_same(text, result, original)
    return result


def _refuse_unseen_comments(text: str, lines: list[str], seen: Counter[str]) -> None:
    """ruamel drops a full-line comment inside a flow value (`{fr: …,` / `# …` / `nl: …}`) without
    a word, so it is not among the comments it reports: find every comment line of the source
    (a '#' line that is not inside a text spanning lines) and refuse one ruamel did not see."""
    inside_text: set[int] = set()
    for node in _scalar_nodes(yaml.compose(text, Loader=FastSafeLoader)):
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
                "cannot keep it — move it to its own line above the field it is about",
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
    except Unparsable:
        return None
    except FormatError as error:
        return DataProblem(shown, error.line, 1 if error.line else 0, "", error.message)
    if formatted == text:
        return None
    return DataProblem(shown, _first_difference(text, formatted), 1, "", CHECK_MESSAGE)


# ---------------------------------------------------------------------------------------------
# Guards
# ---------------------------------------------------------------------------------------------


def _check_same(before: str, after: str, comments: Counter[str]) -> None:
    """Refuse a result whose data (entry order aside) or comments differ from the input."""
    try:
        old = yaml.load(before, Loader=FastSafeLoader)
        new = yaml.load(after, Loader=FastSafeLoader)
    except (yaml.YAMLError, ValueError) as error:  # e.g. a !!python tag: the loader explains it
        raise Unparsable("the file holds values Atlas does not read — run `make check` to see where") from error
    if isinstance(old, list):
        old = sorted(old, key=lambda entry: entry_key(entry) if isinstance(entry, dict) else "")
    if old != new:
        raise FormatError("formatting would change the data; please report this file to the developers")
    kept = comment_texts(load_round_trip(after))
    if kept != comments:
        lost = sorted((comments - kept).elements()) or sorted((kept - comments).elements())
        raise FormatError(f"formatting would not keep the comment {lost[0]!r}; please report this to the developers")


def _first_difference(text: str, formatted: str) -> int:
    for number, (old, new) in enumerate(zip(text.split("\n"), formatted.split("\n"), strict=False), start=1):
        if old != new:
            return number
    return min(len(text.split("\n")), len(formatted.split("\n")))
