"""The FR and NL pages of a sanction measure agree (atlas.site.guide): a Dutch twin that differs is
reported in its own file, at the line and column of the key that differs, with how to fix it —
as `make check` prints it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from atlas.maintain import cli
from atlas.site.guide import load_measures
from tests.support import FIXTURES, ROOT

SANCTIONS = ROOT / "docs" / "{lang}" / "guide" / "sanctions"
PAGE = "docs/nl/guide/sanctions/nationality.md"
FRENCH = "docs/fr/guide/sanctions/nationality.md"


def _twins(root: Path, dutch: Callable[[str], str]) -> str:
    """The real nationality pages under `root`/docs, the Dutch one changed by `dutch`; returns its text."""
    text = ""
    for lang in ("fr", "nl"):
        folder = root / "docs" / lang / "guide" / "sanctions"
        folder.mkdir(parents=True, exist_ok=True)
        text = (Path(str(SANCTIONS).format(lang=lang)) / "nationality.md").read_text(encoding="utf-8")
        if lang == "nl":
            text = dutch(text)
        (folder / "nationality.md").write_text(text, encoding="utf-8")
    return text


def _where(text: str, pattern: str) -> str:
    """`line:column` (1-based) of the first match of `pattern`'s group 1 in the page `text`."""
    match = re.search(pattern, text, re.M)
    assert match, pattern
    line = text.count("\n", 0, match.start(1)) + 1
    column = match.start(1) - (text.rfind("\n", 0, match.start(1)) + 1) + 1
    return f"{line}:{column}"


def _other_order(text: str) -> str:
    return text.replace("\norder: 1\n", "\norder: 2\n")


def _other_level(text: str) -> str:
    return text.replace("travel: {level: direct,", "travel: {level: none,")


def _one_legal_basis_less(text: str) -> str:
    return re.sub(r"^  - act: \"Wet van 8 februari 2026.*\n.*\n.*\n", "", text, count=1, flags=re.M)


def _one_point_less(text: str) -> str:
    return re.sub(r"^to_verify:\n  - .*\n", "to_verify:\n", text, count=1, flags=re.M)


CASES = [
    (_other_order, r"^(order):", "order: is 2 here but 1 in " + FRENCH + " — give both pages the same order"),
    (
        _other_level, r"^  travel: \{(level):",
        "effects.travel.level: is 'none' here but 'direct' in " + FRENCH
        + " — the levels must agree: give both pages the same level",
    ),
    (
        _one_legal_basis_less, r"^(legal_basis):",
        "legal_basis: lists 3 legal bases here but 4 in " + FRENCH
        + " — give the same legal bases, in the same order, in both pages",
    ),
    (
        _one_point_less, r"^(to_verify):",
        "to_verify: lists 7 points to verify here but 8 in " + FRENCH
        + " — give the same points to verify, in the same order, in both pages",
    ),
]


@pytest.mark.parametrize(("change", "key", "message"), CASES, ids=[case[0].__name__.strip("_") for case in CASES])
def test_a_disagreeing_twin_is_reported_at_its_key(
    tmp_path: Path, change: Callable[[str], str], key: str, message: str
) -> None:
    """Assert that each kind of disagreement is one problem in the Dutch page, at the line and
    column of the key that differs (of the list's key when a list is shorter), saying how to fix it."""
    text = _twins(tmp_path, change)
    _, problems = load_measures(tmp_path / "docs", tmp_path)
    assert [str(problem) for problem in problems] == [f"{PAGE}:{_where(text, key)}: {message}"]
    assert problems[0].line > 1
    assert " — " in problems[0].message


def test_make_check_prints_every_disagreement_with_its_position(
    project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Assert that `check` lists every disagreement of a Dutch twin (and a measure named unlike its
    file) at once, each line starting with the page, the key's line and column."""
    root = project((FIXTURES / "base_entry.yaml").read_text(encoding="utf-8"))

    def everything(text: str) -> str:
        text = _one_point_less(_one_legal_basis_less(_other_level(_other_order(text))))
        return text.replace("\nmeasure: nationality\n", "\nmeasure: residence\n")

    text = _twins(root, everything)
    assert cli.main(["--root", str(root), "check"]) == 1
    printed = [line for line in capsys.readouterr().err.splitlines() if line.startswith("docs/")]
    keys = [r"^measure: (residence)", CASES[0][1], CASES[2][1], CASES[1][1], CASES[3][1]]
    messages = ["measure: 'residence' must equal the file name: measure: nationality", CASES[0][2], CASES[2][2], CASES[1][2], CASES[3][2]]
    assert printed == [f"{PAGE}:{_where(text, key)}: {message}" for key, message in zip(keys, messages, strict=True)]
