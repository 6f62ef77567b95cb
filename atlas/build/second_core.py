"""A second process for work a build can do beside MkDocs (atlas.build.side_work,
atlas.build.csp_checks): `spawn`ed (a clean process, safe beside `mkdocs serve`'s threads), talking
through pipes only (no semaphores: nothing for multiprocessing's resource tracker to report when an
interrupted build is killed), and ending as soon as the build's process is gone — an interrupted
build must not leave it writing into a folder that is being removed.

Imports: the standard library only.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

T = TypeVar("T")


def start(target: Callable[..., None], *args: Any, name: str, fork: bool = False) -> BaseProcess:
    """Run `target(*args)` in a second process (a daemon: it cannot outlive the build either).
    `fork`: a copy of this process, which starts with what it holds (the data loaded) — for
    `mkdocs build` only, from a point where no thread of the build runs yet; `mkdocs serve`'s
    threads (its watcher, its server) would be copied half-way."""
    arguments = (target, os.getpid(), *args)
    process: BaseProcess
    if fork and "fork" in multiprocessing.get_all_start_methods():
        process = multiprocessing.get_context("fork").Process(target=_watched, args=arguments, name=name, daemon=True)
        gc.freeze()  # as `fork` does: the copy's collector leaves what it shares with the build alone
        try:
            process.start()
        finally:
            gc.unfreeze()
        return process
    process = multiprocessing.get_context("spawn").Process(target=_watched, args=arguments, name=name, daemon=True)
    process.start()
    return process


def fork() -> int:
    """`os.fork()`, after this process's pending output is written (else both would write it), with
    the objects held here frozen for the collector: the copy keeps them frozen, so that its
    collector never writes to the memory pages it shares with this process (fewer pages copied);
    here they are unfrozen again. Returns 0 in the copy, the copy's process id here. For `mkdocs
    build`, from a point where no thread of the build runs."""
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        raise
    if pid:
        gc.unfreeze()
    return pid


def pipe() -> tuple[Connection, Connection]:
    """(reading end, writing end) of a one-way pipe between the build and the second process."""
    return multiprocessing.get_context("spawn").Pipe(duplex=False)


def _watched(target: Callable[..., None], parent: int, *args: Any) -> None:
    threading.Thread(target=end_with, args=(parent,), daemon=True).start()
    try:
        target(*args)
    except BaseException:
        if os.getppid() != parent:
            # the build is gone (interrupted, its folder removed): what failed here since has
            # nobody to be told to, and must not print a traceback under the build's last line
            os._exit(1)
        raise


def end_with(parent: int) -> None:
    """End this process as soon as `parent` is gone (a thread of the second process)."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def made_in_fork(make: Callable[[], T]) -> T | None:
    """`make()` run in a forked copy of this process and its result sent back (pickled); None when
    it failed there, or where the platform cannot fork: the caller then makes it itself and meets
    the same error with its own message. For `mkdocs build` only, before any thread starts.

    Why: what this process unpickles lies packed in its memory. Made here, the same objects lie
    scattered among the garbage of making them, and Python keeps each 1 MB block of small objects
    while one object in it lives: loading 5,000 services left 180 blocks (188 MB) for 68 MB of
    objects, against 79 blocks made in a fork; and each later fork of the build (the other
    language, the side work) copies the blocks it touches."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    reading, writing = multiprocessing.get_context("fork").Pipe(duplex=False)
    pid = fork()
    if pid == 0:  # the copy: make, send, end without running the build's exit handlers
        code = 1
        try:
            reading.close()
            writing.send(make())
            code = 0
        except BaseException:  # the caller makes it again and reports
            pass
        finally:
            os._exit(code)
    writing.close()
    try:
        received: T | None = reading.recv()
    except (EOFError, OSError):
        received = None
    finally:
        reading.close()
        os.waitpid(pid, 0)
    return received
