"""`python -m atlas.build.run build …`: MkDocs' command line, with the failures that are not
mistakes in the data said in one line instead of a traceback (a full disk, a folder that cannot
be written, an interruption). `atlas.build.assemble` runs the build through it."""

from __future__ import annotations

import errno
import sys

import click
from mkdocs.__main__ import cli


def main(argv: list[str]) -> int:
    try:
        cli.main(args=argv, prog_name="mkdocs", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort) as stop:
        if isinstance(stop, KeyboardInterrupt) or isinstance(stop.__context__, KeyboardInterrupt):
            return 130  # assemble says it in one line
        return 1  # MkDocs has already logged why (a refused page, a strict-mode warning)
    except click.exceptions.ClickException as error:
        error.show()
        return 1
    except OSError as error:
        reason = "the disk is full" if error.errno == errno.ENOSPC else (error.strerror or "it cannot be written")
        print(f"Build failed: {error.filename or 'the site folder'}: {reason}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
