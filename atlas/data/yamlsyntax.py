"""What a YAML text must not hold before it is parsed, and YAML's syntax errors in a maintainer's
words: control characters (`CONTROL`), nesting deeper than `MAX_DEPTH` (`too_deep`), an unclosed
double quote (`unclosed_quote`), and `explain_syntax_error` for PyYAML's messages.

Imports PyYAML only; `FastSafeLoader` is its fastest safe loader (libyaml when built with it). Raises
nothing: each function returns a position or a message for the reader (`atlas.data.yamlsource`)
to report as a `DataProblem`.
"""

from __future__ import annotations

import re

import yaml

try:  # the C composer is several times faster on large files; same nodes, same marks
    FastSafeLoader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    FastSafeLoader = yaml.SafeLoader

MAX_DEPTH = 40

# What YAML refuses to read (its reader's rule), found before parsing so that the message has a
# line and column: C0 controls but tab and line ends, DEL and C1 controls but NEL, surrogates.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def too_deep(text: str) -> tuple[int, int] | None:
    """Where the nesting first goes deeper than MAX_DEPTH (line, column), from the parser's
    events, which libyaml produces without recursion, before the composer builds the nested
    nodes recursively (about 25,000 '[' crash it); None when the depth is fine or the text is
    not YAML (the composer then reports the syntax error)."""
    if text.count("[") + text.count("{") + text.count("- ") + text.count(":") <= MAX_DEPTH:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=FastSafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def unclosed_quote(text: str, before_line: int) -> int | None:
    """The 0-based line, at or up to three lines before `before_line`, whose value opens a double
    quote that the line does not close."""
    lines = text.splitlines()
    for number in range(min(before_line, len(lines) - 1), max(before_line - 4, -1), -1):
        value = lines[number].split(": ", 1)[-1].strip()
        if value.startswith('"') and (len(value) == 1 or not value.rstrip(",]}").endswith('"')):
            return number
    return None


def explain_syntax_error(error: yaml.MarkedYAMLError, text: str) -> str:
    problem = str(error.problem or "")
    mark = error.problem_mark
    line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "\\t" in problem or "\t" in problem or ("\t" in line and "cannot start any token" in problem):
        return "a tab character is used for indentation (YAML needs spaces) — replace the tab with spaces"
    if "unacceptable character" in problem:
        return f"{problem} — remove this invisible control character (retype the line)"
    if "mapping values are not allowed here" in problem:
        return (
            "a ': ' inside an unquoted value — put the whole value in double quotes, "
            'e.g. title: "Horaires : lundi-vendredi"'
        )
    if "found undefined tag handle" in problem or "found unknown escape" in problem:
        return f"{problem} — put the value in double quotes and check any backslashes"
    if "could not find expected ':'" in problem:
        return "this line is not of the form 'field: value' — add the colon, or close the quote opened above"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in str(
        error.context or ""
    ):
        return "a quote is opened but never closed — close it at the end of the value"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return (
            f"YAML syntax error ({problem}): the indentation of this line does not match the lines "
            "above — align it with spaces"
        )
    return f"YAML syntax error ({problem}) — check the quotes and the indentation (spaces only)"
