"""No code of ours reads YAML with a loader that builds Python objects (a `!!python/…` tag in a
data file must stay a refused value, never run). Read with `ast`: every `yaml.load`/`load_all`
names a safe loader, nothing calls `full_load`/`unsafe_load`, and the data layer's shared
`FastSafeLoader` is one of PyYAML's safe loaders."""

from __future__ import annotations

import ast
import datetime as dt

import yaml

from atlas.data.yamlsyntax import FastSafeLoader
from tests.support import ROOT

FOLDERS = ("atlas", "hooks", "scripts", "tests")
# PyYAML's safe loaders, and the data layer's (checked below to be one of them).
SAFE = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader", "FastSafeLoader"}
UNSAFE_CALLS = {"full_load", "full_load_all", "unsafe_load", "unsafe_load_all"}


def _safe_loader(node: ast.expr | None) -> bool:
    """`yaml.SafeLoader` (or CSafeLoader, BaseLoader, CBaseLoader) or the shared `FastSafeLoader`."""
    if isinstance(node, ast.Attribute):
        return node.attr in SAFE
    return isinstance(node, ast.Name) and node.id in SAFE


def unsafe_reads(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        loader = next((keyword.value for keyword in node.keywords if keyword.arg == "Loader"), None)
        if loader is not None and not _safe_loader(loader):
            lines.append(node.lineno)
            continue
        func = node.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "yaml"):
            continue
        if func.attr in UNSAFE_CALLS or (func.attr in ("load", "load_all") and not _safe_loader(loader if loader is not None else (node.args[1:2] or [None])[0])):
            lines.append(node.lineno)
    return sorted(lines)


def test_yaml_is_only_read_safely() -> None:
    """Assert no code of ours calls an unsafe YAML loader."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: an unsafe YAML read — use yaml.safe_load or Loader=FastSafeLoader (atlas.data.yamlsyntax)"
        for folder in FOLDERS
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "fixtures" not in path.relative_to(ROOT).parts
        for line in unsafe_reads(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []


def test_the_shared_loader_is_safe() -> None:
    """Assert that FastSafeLoader builds only plain data: PyYAML's safe constructor, not the full one."""
    assert issubclass(FastSafeLoader, yaml.constructor.SafeConstructor), FastSafeLoader
    assert not issubclass(FastSafeLoader, yaml.constructor.FullConstructor), FastSafeLoader
    assert yaml.load("a: [1, {b: 2026-11-30}]", Loader=FastSafeLoader) == {"a": [1, {"b": dt.date(2026, 11, 30)}]}


def test_the_rule_sees_unsafe_reads() -> None:
    """Assert that the rule flags each unsafe form and accepts the safe ones."""
    planted = ast.parse(
        "yaml.load(text, Loader=yaml.Loader)\n"
        "yaml.load(text, Loader=yaml.FullLoader)\n"
        "yaml.unsafe_load(text)\n"
        "yaml.full_load(text)\n"
        "yaml.load(text, yaml.UnsafeLoader)\n"
        "yaml.compose(text, Loader=yaml.Loader)\n"
        "yaml.load(text, Loader=FastSafeLoader)\n"
        "yaml.load(text, Loader=yaml.CSafeLoader)\n"
        "yaml.safe_load(text)\n"
        "yaml.load(text)\n"
    )
    assert unsafe_reads(planted) == [1, 2, 3, 4, 5, 6, 10]
