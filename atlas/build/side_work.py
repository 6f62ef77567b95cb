"""What a build makes from the data alone — the open data (atlas.exports.write), the finder's
data and the referral sheet's QR codes — made in a second process while MkDocs renders the pages.

MkDocs renders on one core. These files need the data and three settings, nothing of the pages,
so the build starts them as soon as the site folder is cleaned (the first language's `on_files`)
and waits for them at its end: ~10 % of a starter build's time (QR codes: ~7 ms each) moves to the
other core. A `mkdocs build` forks the second process (atlas.build.second_core) when the data is loaded
and checked; under `mkdocs serve` it is spawned and loads the data files again. A dirty preview (`make serve`)
writes them its own way: the finder's data before the reload, the rest here after it
(atlas.build.preview).

Imports: atlas.build.second_core, atlas.data.loader, atlas.exports (finder_data, write, qr).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING

from atlas.build import second_core
from atlas.data.loader import load_atlas
from atlas.exports.finder_data import write_finder_data
from atlas.exports.qr import write_qr_codes
from atlas.exports.write import write_exports

if TYPE_CHECKING:
    from atlas.data.directory import Atlas


@dataclass(frozen=True)
class SideWork:
    """Where the data is and what the files need: the site's address (QR codes, open data),
    the page address form of the finder's links, the day the build describes."""

    data_dir: Path
    project_root: Path
    site_dir: Path
    site_url: str
    use_directory_urls: bool
    generated: dt.date
    # a dirty preview's (`make serve`): no finder data (the preview writes it before the page
    # reloads), and only the QR codes not written yet (a code depends on its name and the site's
    # address alone)
    preview: bool = False


def run(work: SideWork, atlas: Atlas | None = None) -> int:
    """Write the finder's data (site/<lang>/finder/), the open data (site/data/) and the QR codes
    (site/<lang>/referral/qr/); returns the number of QR codes. Runs in the second process, with
    the build's `atlas` when it was forked, else loading the data files itself."""
    if atlas is None:
        atlas = load_atlas(work.data_dir, display_root=work.project_root)
    if not work.preview:
        write_finder_data(atlas, work.site_dir, work.use_directory_urls)
    write_exports(atlas, work.site_dir / "data", site_url=work.site_url, generated=work.generated)
    return write_qr_codes(list(atlas.services), work.site_dir, work.site_url, only_missing=work.preview)


class SideWorkFailed(Exception):
    """What went wrong in the second process, as one line."""


class Running:
    """The second process at work: `result()` waits for it, `stop()` ends it (a failed build)."""

    def __init__(self, process: BaseProcess, answer: Connection) -> None:
        self._process, self._answer = process, answer

    def result(self) -> int:
        """The number of QR codes written; raises SideWorkFailed with what failed there."""
        try:
            outcome, value = self._answer.recv()
        except EOFError:  # the process ended without answering (killed, out of memory)
            outcome, value = "failed", f"the process ended with code {self._process.exitcode}"
        finally:
            self._process.join()
        if outcome != "done":
            raise SideWorkFailed(str(value))
        return int(value)

    def stop(self) -> None:
        self._process.terminate()
        self._process.join()


def start(work: SideWork, atlas: Atlas | None = None) -> Running:
    """Start `run` in a second process (atlas.build.second_core) and return at once. Given the
    build's `atlas`, the process is a fork of the build that starts with it (`mkdocs build`:
    at 5,000 services, loading the data again took ~17 s of the second core); else it is
    spawned and loads the data files itself (`mkdocs serve`)."""
    answer, sender = second_core.pipe()
    process = second_core.start(_serve, work, sender, atlas, name="atlas-side-work", fork=atlas is not None)
    sender.close()
    return Running(process, answer)


def _serve(work: SideWork, sender: Connection, atlas: Atlas | None = None) -> None:
    """The second process: `run`, its outcome sent back."""
    try:
        sender.send(("done", run(work, atlas)))
    except BaseException as error:  # sent to the build, which reports it
        sender.send(("failed", f"{type(error).__name__}: {error}"))
