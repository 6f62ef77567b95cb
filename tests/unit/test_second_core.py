"""Work made in a forked copy of the build's process (atlas.build.second_core.made_in_fork)."""

from __future__ import annotations

import os
import threading

import pytest

from atlas.build import second_core
from atlas.data.loader import load_atlas
from tests.support import ROOT


def test_what_a_fork_makes_comes_back_whole() -> None:
    """Assert the data loaded in a fork is the data loaded here, and that the fork is another process."""
    made = second_core.made_in_fork(lambda: (os.getpid(), load_atlas(ROOT / "data", display_root=ROOT)))
    assert made is not None
    pid, atlas = made
    assert pid != os.getpid()
    here = load_atlas(ROOT / "data", display_root=ROOT)
    assert list(atlas.services) == list(here.services)
    assert all(atlas.services[key] == service for key, service in here.services.items())
    assert atlas.taxonomy == here.taxonomy


def _fails() -> int:
    raise ValueError("bad data")


@pytest.mark.parametrize("make", [_fails, threading.Lock, lambda: os._exit(3)], ids=["raises", "cannot be sent", "dies"])
def test_a_fork_that_fails_gives_none_and_prints_nothing(make: object, capfd: pytest.CaptureFixture[str]) -> None:
    """Assert a fork that raises, makes what cannot be sent back, or dies gives None (the caller
    makes it itself and meets the error with its own message), with no traceback of its own."""
    assert second_core.made_in_fork(make) is None  # type: ignore[arg-type]
    out, err = capfd.readouterr()
    assert out == ""
    assert err == ""
