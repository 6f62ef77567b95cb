"""Maintainer commands: `python -m atlas.maintain.cli check|build|schema` (the Makefile calls these).

Every command prints problems as `file:line:column: field: message` and exits 1 on any problem;
a data mistake never shows a Python traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from atlas.build.config import ConfigError, read_settings
from atlas.data.loader import load_atlas, service_files
from atlas.data.problems import DataErrors, DataProblem
from atlas.maintain import coverage, fmt, schema, stale
from atlas.maintain.fmt_yaml import FormatError
from atlas.site import page_checks

ROOT = Path.cwd()


def check(root: Path) -> int:
    problems = []
    try:
        atlas = load_atlas(root / "data", display_root=root, source_rules=True)
    except DataErrors as errors:
        problems.extend(errors.problems)
        atlas = None
    problems.extend(page_checks.check_pages(root / "docs", root))
    notes = page_checks.check_editorial_notes(root)
    if page_checks.editorial_notes_refused(root):
        problems.extend(notes)
    elif notes:  # listed, not yet refused: the content is being cleaned (data/editorial-words.yaml)
        print(DataErrors(notes).report().replace(" problems found", " editorial notes left (not yet refused)"), file=sys.stderr)
    if not problems:  # the layout matters only once the files are valid
        for name in service_files(root / "data"):
            shown = f"data/{name}"
            try:
                layout = fmt.check_canonical(root / "data" / name, display=shown)
            except FormatError as error:
                layout = DataProblem(shown, 0, 0, "", str(error))
            if layout is not None:
                problems.append(layout)
    if problems:
        print(DataErrors(problems).report(), file=sys.stderr)
        return 1
    assert atlas is not None
    print(
        f"OK: {len(atlas.services)} services ({len(atlas.unverified())} not verified yet), "
        f"{len(atlas.glossary)} glossary terms, {len(atlas.geography.communes)} communes; all pages have their twin."
    )
    return 0


def _fmt(root: Path, *, check_only: bool) -> int:
    status = 0
    for name in service_files(root / "data"):
        status = max(status, _fmt_file(root / "data" / name, f"data/{name}", check_only=check_only))
    return status


def _fmt_file(path: Path, shown: str, *, check_only: bool) -> int:
    try:
        if check_only:
            problem = fmt.check_canonical(path, display=shown)
            if problem is not None:
                print(problem, file=sys.stderr)
                return 1
            print(f"{shown} is in canonical order and layout.")
            return 0
        changed = fmt.format_file(path)
    except FormatError as error:
        print(f"{shown}: {error}", file=sys.stderr)
        return 1
    print(f"{shown} reformatted." if changed else f"{shown} was already canonical.")
    return 0


def _stale(root: Path, days: int, report_path: Path | None) -> int:
    try:
        atlas = load_atlas(root / "data", display_root=root)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    from mkdocs.utils.yaml import yaml_load  # reads mkdocs.yml as MkDocs does (its !ENV tags)

    try:
        site_url = read_settings(yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8"))).site_url
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 1
    report = stale.stale_report(atlas, days=days, today=dt.date.today(), site_url=site_url)
    weak, problems = stale.weak_sources(root / "data", root)
    if problems:
        print(DataErrors(problems).report(), file=sys.stderr)
        return 1
    print(stale.render_table(report))
    print(stale.render_weak(weak))
    if report_path is not None:
        report_path.write_text(stale.render_markdown(report) + stale.render_weak_markdown(weak), encoding="utf-8")
        print(f"Markdown report written to {report_path}")
    return 0


def _coverage(root: Path, report_path: Path | None) -> int:
    try:
        atlas = load_atlas(root / "data", display_root=root)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    table = coverage.render_table(atlas, coverage.coverage(atlas))
    print(table)
    if report_path is not None:
        report_path.write_text("# Coverage of local services\n\n" + table, encoding="utf-8")
        print(f"Markdown report written to {report_path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="atlas", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate every data file and page — list every problem")
    build = commands.add_parser("build", help="build the site into site/, replacing it only on success")
    build.add_argument("--site-dir", type=Path, default=None)
    build.add_argument("--offline", action="store_true", help="the copy that works opened from disk, zipped")
    commands.add_parser("schema", help="write schema/*.schema.json from the model")
    fmt_command = commands.add_parser("fmt", help="put data/services.yaml in canonical order and layout")
    fmt_command.add_argument("--check", action="store_true", help="only report whether it is canonical")
    stale_command = commands.add_parser("stale", help="list entries never verified or verified too long ago")
    stale_command.add_argument("--days", type=int, default=365, help="older than this is stale (default: 365)")
    stale_command.add_argument("--report", type=Path, default=None, help="also write a Markdown report here")
    coverage_command = commands.add_parser("coverage", help="communes with a located service in their arrondissement, per region and domain")
    coverage_command.add_argument("--report", type=Path, default=None, help="also write the table as Markdown here")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root)
    if args.command == "schema":
        for path in schema.write_schemas(root / "schema"):
            print(f"wrote {path.relative_to(root)}")
        return 0
    if args.command == "fmt":
        return _fmt(root, check_only=args.check)
    if args.command == "stale":
        return _stale(root, args.days, args.report)
    if args.command == "coverage":
        return _coverage(root, args.report)
    if args.command == "build":
        from atlas.build.assemble import build_site

        default = root / ("site-offline" if args.offline else "site")
        return build_site(root, args.site_dir or default, offline=args.offline)
    return 2  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
