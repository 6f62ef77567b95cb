"""Maintainer commands: `python -m atlas.cli check|build|schema` (the Makefile calls these).

Every command prints problems as `file:line:column: field: message` and exits 1 on any problem;
a data mistake never shows a Python traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas import content, guide, schema
from atlas.errors import DataErrors
from atlas.loader import load_atlas

ROOT = Path.cwd()


def check(root: Path) -> int:
    problems = []
    try:
        atlas = load_atlas(root / "data", display_root=root)
    except DataErrors as errors:
        problems.extend(errors.problems)
        atlas = None
    problems.extend(content.check_twins(root / "docs", root))
    problems.extend(content.check_front_matter(root / "docs", root))
    problems.extend(guide.load_measures(root / "docs", root)[1])
    if problems:
        print(DataErrors(problems).report(), file=sys.stderr)
        return 1
    assert atlas is not None
    print(
        f"OK: {len(atlas.services)} services ({len(atlas.unverified())} not verified yet), "
        f"{len(atlas.glossary)} glossary terms, {len(atlas.geography.communes)} communes; all pages have their twin."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="atlas", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate every data file and page; list every problem")
    build = commands.add_parser("build", help="build the site into site/, replacing it only on success")
    build.add_argument("--site-dir", type=Path, default=None)
    commands.add_parser("schema", help="write schema/*.schema.json from the model")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root)
    if args.command == "schema":
        for path in schema.write_schemas(root / "schema"):
            print(f"wrote {path.relative_to(root)}")
        return 0
    if args.command == "build":
        from atlas.site_build import build_site

        return build_site(root, args.site_dir or root / "site")
    return 2  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
