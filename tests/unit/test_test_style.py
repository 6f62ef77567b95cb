"""The tests themselves: a failing assertion says which condition failed, and every test checks
something. Read with `ast` from tests/**/*.py (nothing is imported or run)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from tests.support import ROOT

TESTS = ROOT / "tests"


def _sources() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(TESTS.rglob("*.py")):
        if "fixtures" in path.relative_to(TESTS).parts:
            continue
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _is_and(node: ast.expr) -> bool:
    return isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And)


def chained_and_asserts(tree: ast.Module) -> list[int]:
    """Lines of `assert a and b` (parenthesised or not), and of `assert all(a and b for …)`,
    whose failure would not say which condition failed."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assert):
            continue
        test = node.test
        hidden = (
            isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "all"
            and len(test.args) == 1 and isinstance(test.args[0], ast.GeneratorExp | ast.ListComp)
            and _is_and(test.args[0].elt)
        )  # fmt: skip
        if _is_and(test) or hidden:
            lines.append(node.lineno)
    return sorted(lines)


def _called_names(node: ast.AST) -> set[str]:
    names = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            if isinstance(call.func, ast.Name):
                names.add(call.func.id)
            elif isinstance(call.func, ast.Attribute):
                names.add(call.func.attr)
    return names


def _checks_itself(node: ast.AST) -> bool:
    """An `assert`, or `pytest.raises` (as a context manager or called)."""
    return any(
        isinstance(child, ast.Assert)
        or (isinstance(child, ast.Attribute) and child.attr == "raises" and isinstance(child.value, ast.Name) and child.value.id == "pytest")
        for child in ast.walk(node)
    )


Function = ast.FunctionDef | ast.AsyncFunctionDef


def asserting_helpers(trees: list[ast.Module]) -> set[str]:
    """Names of the helpers defined in tests/ that check something themselves or through
    another such helper (every definition of the name must)."""
    definitions: dict[str, list[Function]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, Function) and not node.name.startswith("test"):
                definitions.setdefault(node.name, []).append(node)
    found: set[str] = set()
    while True:
        more = {
            name
            for name, nodes in definitions.items()
            if name not in found and all(_checks_itself(node) or _called_names(node) & found for node in nodes)
        }
        if not more:
            return found
        found |= more


def silent_tests(tree: ast.Module, helpers: set[str]) -> list[tuple[int, str]]:
    """Test functions with no assert, no pytest.raises and no call to an asserting helper."""
    return sorted(
        (node.lineno, node.name)
        for node in ast.walk(tree)
        if isinstance(node, Function) and node.name.startswith("test")
        and not _checks_itself(node) and not (_called_names(node) & helpers)
    )  # fmt: skip


def test_no_assert_chains_conditions_with_and() -> None:
    """Assert that no test asserts `a and b`: split it, so that a failure names the condition."""
    offenders = [
        f"{name}:{line}: `assert … and …` hides which condition failed — write one assert per condition"
        for name, tree in _sources()
        for line in chained_and_asserts(tree)
    ]
    assert offenders == []


def test_every_test_checks_something() -> None:
    """Assert that each test function asserts, expects an exception, or calls a helper that does."""
    sources = list(_sources())
    helpers = asserting_helpers([tree for _, tree in sources])
    offenders = [
        f"{name}:{line}: {function} has no assert, no pytest.raises and calls no asserting helper"
        for name, tree in sources
        for line, function in silent_tests(tree, helpers)
    ]
    assert offenders == []


def test_the_style_rules_can_fail() -> None:
    """Assert that both rules see their mistake in a planted snippet, and accept the fixed forms."""
    planted = ast.parse(
        "def helper(x):\n    assert x\n"
        "def quiet(x):\n    return x\n"
        "def test_chained(x):\n    assert x and x.y\n    assert (x and\n            x.z), x\n    assert all(a and b for a, b in x)\n"
        "def test_split(x):\n    assert x\n    assert x.y\n    assert all(a for a in x)\n"
        "def test_silent(x):\n    quiet(x)\n"
        "def test_by_helper(x):\n    helper(x)\n"
        "def test_raises(x):\n    with pytest.raises(ValueError):\n        quiet(x)\n"
    )
    assert chained_and_asserts(planted) == [6, 7, 9]
    helpers = asserting_helpers([planted])
    assert helpers == {"helper"}
    assert silent_tests(planted, helpers) == [(14, "test_silent")]
