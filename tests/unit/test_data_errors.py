"""Bad input gets a clear error: `file:line:column: field: what is wrong` and how to fix it."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from atlas.data.loader import load_atlas
from atlas.maintain import cli, fmt
from tests.support import FIXTURES, ROOT

BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
# Every message tells the maintainer what to do.
ACTIONS = ("put it in quotes", "use ", "add ", "write ", "remove", "replace", "keep one", "give ",
           "fill it in", "create ", "save it", "shorten", "fix ", "e.g.", "did you mean", "align", "close")


# `file:line:column: what is wrong — how to fix it` (the field, when there is one, before what is wrong)
SHAPE = re.compile(r"^data/[^:\s]+\.yaml(?::\d+:\d+)?: (?!.* — .* — ).+ — \S.*$")


def expectation(path: Path) -> str:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    assert " | expect: " in first, f"{path.name}: its first line must say '# … | expect: <message>'"
    return first.split(" | expect: ", 1)[1].strip()


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(["--root", str(root), "check"])
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def test_corpus_is_large_enough() -> None:
    """Assert that the broken-file corpus covers at least 30 mistakes."""
    assert len(BROKEN) >= 30


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_is_reported_at_its_place(
    path: Path, project: Callable[[bytes], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Assert that `check` exits 1 and names the file, line, column, field and the fix."""
    root = project(path.read_bytes())
    code, output = run_check(root, capsys)
    assert code == 1
    lines = output.splitlines()
    expected = expectation(path)
    assert any(line.startswith(expected) for line in lines), f"expected a line starting with:\n{expected}\ngot:\n{output}"
    reported = [line for line in lines if line.startswith("data/")]
    assert reported, output
    for line in reported:
        assert any(action in line for action in ACTIONS), f"no fix suggested in: {line}"
        assert SHAPE.match(line), f"not 'file:line:column: what is wrong — how to fix it': {line}"
    assert "Traceback" not in output
    assert lines[-1].endswith("found in the data.")


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_file_passes(path: Path, project: Callable[[bytes], Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Assert that a byte-order mark, Windows line endings, comments and quoted look-alikes pass."""
    root = project(path.read_bytes())
    load_atlas(root / "data", display_root=root)  # raises DataErrors on any data problem
    code, output = run_check(root, capsys)
    problems = [line for line in output.splitlines() if line.startswith("data/")]
    assert all("run `make fmt`" in line for line in problems), output
    assert fmt.format_file(root / "data" / "services.yaml") == bool(problems)
    code, output = run_check(root, capsys)
    assert code == 0, output
    assert output.startswith("OK: ")


def test_every_problem_is_listed_at_once(project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Assert that several mistakes in one file are all reported in one run."""
    base = (FIXTURES / "base_entry.yaml").read_text(encoding="utf-8")
    broken = base.replace('postcode: "1030"', "postcode: 1030").replace("domains: [housing]", "domains: [logement]")
    code, output = run_check(project(broken), capsys)
    assert code == 1
    assert "data/services.yaml:8:13: services[0].domains[0]: 'logement' is not in data/taxonomy.yaml" in output
    assert "data/services.yaml:21:17: services[0].locations[0].postcode: 1030 was read as a number" in output
    assert "2 problems found in the data." in output


def test_missing_twin_page_is_reported(project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Assert that a page without its Dutch twin fails the check instead of falling back."""
    root = project((FIXTURES / "base_entry.yaml").read_text(encoding="utf-8"))
    (root / "docs" / "fr" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    code, output = run_check(root, capsys)
    assert code == 1
    assert "docs/fr/guide.md: this page has no NL twin — create docs/nl/guide.md" in output


def test_check_command_never_shows_a_traceback(tmp_path: Path) -> None:
    """Assert, through the real command line, that a data mistake exits 1 without a traceback."""
    for folder in ("data", "docs/fr", "docs/nl"):
        (tmp_path / folder).mkdir(parents=True)
    for name in ("taxonomy.yaml", "glossary.yaml", "official-domains.yaml"):
        (tmp_path / "data" / name).write_bytes((ROOT / "data" / name).read_bytes())
    (tmp_path / "data" / "services.yaml").write_bytes((FIXTURES / "broken" / "python-tag.yaml").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "atlas.maintain.cli", "--root", str(tmp_path), "check"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/services.yaml:24:9: services[0].cost: the YAML tag !!python/object/apply:os.system is not allowed" in result.stderr


def test_real_data_passes(capsys: pytest.CaptureFixture[str]) -> None:
    """Assert that the project's own data and pages pass the check."""
    code, output = run_check(ROOT, capsys)
    assert code == 0, output
