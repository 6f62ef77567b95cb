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
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any


def start(target: Callable[..., None], *args: Any, name: str, fork: bool = False) -> BaseProcess:
    """Run `target(*args)` in a second process (a daemon: it cannot outlive the build either).
    `fork`: a copy of this process, which starts with what it holds (the data loaded) — for
    `mkdocs build` only, from a point where no thread of the build runs yet; `mkdocs serve`'s
    threads (its watcher, its server) would be copied half-way."""
    arguments = (target, os.getpid(), *args)
    process: BaseProcess
    if fork and "fork" in multiprocessing.get_all_start_methods():
        process = multiprocessing.get_context("fork").Process(target=_watched, args=arguments, name=name, daemon=True)
        gc.freeze()  # the copy's collector leaves what it shares with the build alone (fewer pages copied)
        try:
            process.start()
        finally:
            gc.unfreeze()
        return process
    process = multiprocessing.get_context("spawn").Process(target=_watched, args=arguments, name=name, daemon=True)
    process.start()
    return process


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
