"""The files made from the data on a second core (atlas.build.side_work): written as a build in
one process writes them, failures told to the build in one line."""

from __future__ import annotations

import datetime as dt
import filecmp
from pathlib import Path

import pytest

from atlas.build import side_work
from atlas.data.loader import load_atlas
from atlas.exports.finder_data import write_finder_data
from atlas.exports.qr import write_qr_codes
from atlas.exports.write import write_exports
from tests.support import ROOT

SITE_URL = "https://atlas.example.org/"
DAY = dt.date(2026, 11, 22)


def _work(site: Path, data_dir: Path = ROOT / "data") -> side_work.SideWork:
    return side_work.SideWork(data_dir, ROOT, site, SITE_URL, use_directory_urls=True, generated=DAY)


def test_the_second_process_writes_what_the_build_would_write(tmp_path: Path) -> None:
    """Assert that the finder's data, the open data and the QR codes written in the second
    process are, file for file and byte for byte, those written here by the same functions."""
    running = side_work.start(_work(tmp_path / "side"))
    atlas = load_atlas(ROOT / "data", display_root=ROOT)
    here = tmp_path / "here"
    write_finder_data(atlas, here, True)
    write_exports(atlas, here / "data", site_url=SITE_URL, generated=DAY)
    codes = write_qr_codes(list(atlas.services), here, SITE_URL)
    assert running.result() == codes == 2 * len(atlas.services)
    compared = filecmp.dircmp(here, tmp_path / "side")
    files = sorted(str(path.relative_to(here)) for path in here.rglob("*") if path.is_file())
    assert "fr/finder/finder-data.js" in files
    assert "nl/referral/qr/" + sorted(atlas.services)[0] + ".svg" in files
    _, mismatch, errors = filecmp.cmpfiles(here, tmp_path / "side", files, shallow=False)
    assert (mismatch, errors, compared.right_only) == ([], [], [])


def test_a_failure_there_is_one_line_here(tmp_path: Path) -> None:
    """Assert that what fails in the second process reaches the build as SideWorkFailed, with
    the error's kind and words, not a traceback."""
    running = side_work.start(_work(tmp_path / "side", data_dir=tmp_path / "no-data"))
    with pytest.raises(side_work.SideWorkFailed) as failed:
        running.result()
    assert str(failed.value).startswith("DataErrors: ")
    assert "Traceback" not in str(failed.value)


def test_a_stopped_side_work_ends(tmp_path: Path) -> None:
    """Assert that `stop` (a failed build) ends the second process before it answers."""
    running = side_work.start(_work(tmp_path / "side"))
    running.stop()
    with pytest.raises(side_work.SideWorkFailed) as failed:
        running.result()
    assert "ended with code" in str(failed.value)
