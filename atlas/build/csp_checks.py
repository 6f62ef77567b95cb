"""Finished pages checked (atlas.build.csp.verify) in a second process while the build goes on.

The check parses every page as a browser does: ~12 % of a build's time on one core (more at
5,000 services, whose commune pages are long). A page gets its policy at once, with the hashes of
the theme's scripts found by their text (`csp.theme_script_hashes`); the page itself goes to the
other process, which runs `verify` on it and compares the hashes. The build waits for every answer
at its end and fails there, naming each page, on any markup that acts or any difference: `make
build` publishes the site folder only when the build succeeds (atlas.build.assemble), so no
refused page is published. A dirty preview (`make serve`) checks each page before it is written.

Imports: atlas.build.csp, atlas.build.second_core.
"""

from __future__ import annotations

import queue
import threading
from multiprocessing.connection import Connection

from atlas.build import csp, second_core

# Pages are sent in batches (fewer round trips) of at most BATCH pages or BATCH_CHARS characters
# of HTML, and at most QUEUED batches wait for the pipe: the build waits rather than hold pages the
# check has not reached (at 5,000 services, commune pages of ~1 MB made 40-page batches of tens
# of MB, held in the build and again in the check: ~80 MB each at the build's end).
BATCH = 40
BATCH_CHARS = 1_500_000
QUEUED = 8


def refusal(src_uri: str, refused: csp.PageRefused) -> str:
    """The one line that names a page and what in it acts."""
    return (
        f"docs/{src_uri}: the built page holds markup that acts and that Atlas does not ship ({refused}) — "
        "remove it (pages may not carry script, event handlers or redirects)"
    )


# A page to check: its source (docs/…), HTML (before the policy), address and the hashes its policy allows.
Page = tuple[str, str, str, list[str]]


def check(pages: list[Page], allowed_files: frozenset[str]) -> list[str]:
    """What `verify` refuses in each page, and any page whose policy's hashes are not the ones
    `verify` finds, as lines (none when every page passes). Runs in the second process."""
    problems = []
    for src_uri, html, url, hashes in pages:
        try:
            found = csp.verify(html, url, allowed_files)
        except csp.PageRefused as refused:
            problems.append(refusal(src_uri, refused))
            continue
        if found != hashes:
            problems.append(
                f"docs/{src_uri}: the page's policy allows the scripts {hashes} but the page holds {found}, "
                "so the theme's inline scripts changed — update atlas.build.csp.THEME_SCRIPT_PARTIALS"
            )
    return problems


class PageChecks:
    """The pages of one build on their way to the second process (atlas.build.second_core): a
    thread of the build hands batches to the pipe, so that the build never waits for the check."""

    def __init__(self) -> None:
        pages, self._to_check = second_core.pipe()
        self._answers, answer = second_core.pipe()
        self._process = second_core.start(_serve, pages, answer, name="atlas-page-checks")
        pages.close()
        answer.close()
        self._queue: queue.Queue[tuple[list[Page], frozenset[str]] | None] = queue.Queue(maxsize=QUEUED)
        self._feeder = threading.Thread(target=self._feed, name="atlas-page-checks-feeder", daemon=True)
        self._feeder.start()
        self._batch: list[Page] = []
        self._batch_chars = 0
        self._allowed: frozenset[str] = frozenset()

    def add(self, src_uri: str, html: str, url: str, allowed_files: frozenset[str]) -> list[str]:
        """Queue the page for the check; return the hashes its policy allows."""
        hashes = csp.theme_script_hashes(html)
        if allowed_files != self._allowed:
            self._send()
            self._allowed = allowed_files
        self._batch.append((src_uri, html, url, hashes))
        self._batch_chars += len(html)
        if len(self._batch) >= BATCH or self._batch_chars >= BATCH_CHARS:
            self._send()
        return hashes

    def _send(self) -> None:
        if self._batch:
            self._put((self._batch, self._allowed))
            self._batch, self._batch_chars = [], 0

    def _put(self, item: tuple[list[Page], frozenset[str]] | None) -> None:
        """Queue `item`, waiting while QUEUED batches wait; dropped once the feeder has ended (the
        second process is gone: `problems` says so), so that the build never waits for nobody."""
        while True:
            try:
                self._queue.put(item, timeout=0.5)
                return
            except queue.Full:
                if not self._feeder.is_alive():
                    return

    def _feed(self) -> None:
        try:
            while (item := self._queue.get()) is not None:
                self._to_check.send(item)
            self._to_check.send(None)
        except OSError:
            pass  # the second process is gone (stopped): `problems` says so
        finally:
            self._to_check.close()

    def problems(self) -> list[str]:
        """Wait for every page's check; what they refused, in the order pages were built."""
        self._send()
        self._put(None)
        try:
            found: list[str] = self._answers.recv()
        except EOFError:
            found = [f"the check of the finished pages stopped (code {self._process.exitcode}) — build again"]
        self._feeder.join()
        self._process.join()
        return found

    def stop(self) -> None:
        """A failed build: end the second process, drop what is not checked yet."""
        self._process.terminate()
        self._process.join()
        self._put(None)


def _serve(pages: Connection, answer: Connection) -> None:
    """The second process: check every batch until the build says it is done, then answer."""
    problems: list[str] = []
    try:
        while (item := pages.recv()) is not None:
            batch, allowed = item
            problems += check(batch, allowed)
    except EOFError:
        return  # the build stopped without saying it was done: nobody waits for an answer
    answer.send(problems)
