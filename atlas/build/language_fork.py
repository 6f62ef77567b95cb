"""`mkdocs build` makes its two languages at the same time, on the machine's two cores.

mkdocs-static-i18n builds French, then, inside French's `on_post_build`, the whole site again for
Dutch: one language after the other, on one core. Here the build forks as soon as French's files
are known (the first `on_files`, before anything is rendered): the child builds Dutch exactly as
the plugin would (atlas.build.i18n_adapter.build_language) and sends back what the rest of the
build needs of it; the parent builds French, and when the plugin comes to build Dutch it takes the
child's results instead (atlas.build.i18n_adapter.take_language): its search entries, the pages
the sitemap lists, the pages its check refused.

Forked, not spawned: the child starts with the data loaded and checked, the settings read and the
templates compiled, as the plugin's second build does. Both write into the same site folder, each
its own language's pages; the files both write (the theme's assets: the same bytes) and the
sitemap and the combined search index (written again by the parent once the child is done) are
as in a build one language after the other — tests/site/test_language_fork.py builds a site both
ways and compares every byte.

Not under `mkdocs serve` (it builds again after every edit, often one language only), nor where
the platform cannot fork, nor with ATLAS_LANGUAGES_IN_PARALLEL=false.

Imports: the standard library, atlas.build.i18n_adapter, atlas.build.second_core, atlas.build.config.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, Pipe
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import Abort

from atlas.build import i18n_adapter as i18n
from atlas.build import second_core
from atlas.build.config import switched_off

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

SWITCH = "ATLAS_LANGUAGES_IN_PARALLEL"
log = logging.getLogger("mkdocs.plugins.atlas")


@dataclass
class Built:
    """What the parent needs of a language built by the child."""

    search_entries: list[dict[str, Any]]  # Material's search entries of the language's pages
    sitemap: list[dict[str, Any]]  # its pages as the sitemap lists them (i18n_adapter.sitemap_records)
    refused: list[str]  # the pages its check refused (atlas.build.csp_checks), one message each


@dataclass
class _Child:
    pid: int
    answers: Connection
    done: bool = False


@dataclass
class _Forks:
    children: dict[str, _Child] = field(default_factory=dict)  # language → its child
    refused: list[str] = field(default_factory=list)  # what the children's checks refused


_forks = _Forks()


def wanted(config: MkDocsConfig, serving: bool) -> bool:
    """Fork for this build: a `mkdocs build` (not serve) that builds more than one language."""
    if serving or not hasattr(os, "fork") or switched_off(SWITCH):
        return False
    return len(i18n.other_languages(config)) > 0


def start(config: MkDocsConfig, checks: tuple[Callable[[], None], Callable[[], list[str]]]) -> None:
    """Fork one child per language after the first. `checks`: what starts the check of the pages
    the child builds, and what waits for it and returns what it refused (atlas.build.events)."""
    for lang in i18n.other_languages(config):
        log.info(f"Atlas: the '{lang}' pages are built by a second process, beside the first language")
        answers, sender = Pipe(duplex=False)
        pid = second_core.fork()
        if pid == 0:  # the child: never returns
            answers.close()
            _build_in_child(config, lang, sender, checks)
        sender.close()
        _forks.children[lang] = _Child(pid, answers)
        i18n.take_language(config, lang, functools.partial(_take, lang))


def _build_in_child(config: MkDocsConfig, lang: str, sender: Connection, checks: tuple[Callable[[], None], Callable[[], list[str]]]) -> None:
    code = 1
    try:
        # the parent gone (killed, interrupted): end at once, without writing on
        threading.Thread(target=second_core.end_with, args=(os.getppid(),), daemon=True).start()
        start_checks, refused = checks
        start_checks()
        search_entries = i18n.build_language(config, lang)
        sender.send(Built(search_entries, i18n.sitemap_records(config, lang), refused()))
        code = 0
    except Abort as stop:  # MkDocs has logged why (a refused page, a warning in strict mode)
        sender.send(("aborted", stop.format_message()))
    except BaseException:
        traceback.print_exc()
        sender.send(("crashed", f"the build of the '{lang}' pages stopped (see above)"))
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _take(lang: str) -> Built:
    """Wait for the child building `lang`; its results, or Abort with why it failed."""
    child = _forks.children[lang]
    try:
        answer = child.answers.recv()
    except EOFError:
        answer = ("crashed", f"the build of the '{lang}' pages stopped — build again")
    _reap(child)
    if not isinstance(answer, Built):
        raise Abort(answer[1])
    _forks.refused.extend(answer.refused)
    return answer


def refused() -> list[str]:
    """What the children's checks refused (after their languages were taken)."""
    found, _forks.refused[:] = list(_forks.refused), []
    return found


def stop_all() -> None:
    """A failed or finished build: end the children still running (a failed French build must not
    leave Dutch building into a folder that is being removed)."""
    for child in _forks.children.values():
        if not child.done:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, signal.SIGKILL)
            _reap(child)
    _forks.children.clear()


def _reap(child: _Child) -> None:
    if not child.done:
        child.done = True
        child.answers.close()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(child.pid, 0)
