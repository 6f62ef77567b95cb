"""The benchmark's synthetic data (synthetic, used by scripts/bench.py); no site is built."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from synthetic import AREA_MIX, area_kind, read_taxonomy, synthetic_services, synthetic_services_yaml

from atlas.data.geography import geography
from atlas.data.loader import load_atlas
from tests.support import ROOT

COUNT = 200


def test_synthetic_services_are_valid_deterministic_and_mixed(tmp_path: Path) -> None:
    """Assert that 200 generated entries pass load_atlas, are the same on two calls, and keep the area mix (±10 points)."""
    taxonomy = read_taxonomy(ROOT / "data" / "taxonomy.yaml")
    geo = geography()
    text = synthetic_services_yaml(COUNT, taxonomy, geo)
    assert text == synthetic_services_yaml(COUNT, taxonomy, geo), "two calls with the same seed differ"

    data = tmp_path / "data"
    data.mkdir()
    for name in ("taxonomy.yaml", "glossary.yaml", "official-domains.yaml"):
        shutil.copy(ROOT / "data" / name, data / name)
    (data / "services.yaml").write_text(text, encoding="utf-8")
    atlas = load_atlas(data)  # raises DataErrors, listing every problem, if an entry is invalid

    entries = synthetic_services(COUNT, taxonomy, geo)
    assert {entry["id"] for entry in entries} <= set(atlas.services), "a generated entry is missing from the loaded data"
    assert len({entry["id"] for entry in entries}) == COUNT, "generated ids are not unique"
    shares = Counter(area_kind(entry) for entry in entries)
    for kind, expected in AREA_MIX.items():
        share = shares[kind] / COUNT
        assert abs(share - expected) <= 0.10, f"{kind}: {share:.0%} of entries, expected about {expected:.0%}"
    words = [len(entry["description"][lang].split()) for entry in entries for lang in ("fr", "nl")]
    assert min(words) >= 40, f"descriptions of {min(words)}–{max(words)} words, expected 40–80"
    assert max(words) <= 80, f"descriptions of {min(words)}–{max(words)} words, expected 40–80"


def test_bench_lists_the_serve_budgets_of_the_starter_data_and_of_1000_services() -> None:
    """Assert that the budget table holds both `make serve` budgets for the starter data and for
    1,000 services, judged when measured and shown as not measured otherwise."""
    import bench

    starter = bench.Row("starter", 30, serve_edit_s={"guide": 1.2, "data": 6.0})
    thousand = bench.Row("1,000 services", 1000)
    verdicts = {verdict.budget: verdict for verdict in bench.budgets([starter, thousand])}
    assert verdicts["`make serve`: edit of a guide page shown ≤ 3 s (starter)"].held is True
    assert verdicts["`make serve`: edit of a service entry shown ≤ 5 s (starter)"].held is False
    for what in ("a guide page shown ≤ 3 s", "a service entry shown ≤ 5 s"):
        verdict = verdicts[f"`make serve`: edit of {what} (1,000 services)"]
        assert (verdict.held, verdict.measured) == (None, "not measured")
    thousand.serve_edit_s = {"guide": 2.9, "data": 4.8}
    verdicts = {verdict.budget: verdict for verdict in bench.budgets([starter, thousand])}
    assert verdicts["`make serve`: edit of a service entry shown ≤ 5 s (1,000 services)"].held is True
    assert "4.8 s" in verdicts["`make serve`: edit of a service entry shown ≤ 5 s (1,000 services)"].measured


def test_the_ratio_compares_the_fastest_run_of_each() -> None:
    """Assert that builds run again keep every run, the fastest wall time and the largest peak,
    that the ratio budget compares the fastest Atlas run with the fastest stock run, and that the
    table shows the runs."""
    import bench

    row = bench.Row("starter", 30)
    row.build = bench.Build(17.0, 120).again(bench.Build(12.5, 130)).again(bench.Build(13.9, 110))
    row.stock = bench.Build(12.0, 80).again(bench.Build(11.0, 85)).again(bench.Build(15.0, 80))
    assert (row.build.wall_s, row.build.peak_mb, row.build.runs) == (12.5, 130, [17.0, 12.5, 13.9])
    assert row.ratio == 12.5 / 11.0
    verdict = {v.budget: v for v in bench.budgets([row])}["ratio Atlas / stock ≤ 1.3 (starter)"]
    assert verdict.held is True
    assert "12.5 s (best of 3: 17.0, 12.5, 13.9)" in bench.results_table([row])
    assert bench.Build(9.0, 1).shown() == "9.0 s"


def test_memory_of_a_build_counts_the_processes_it_starts() -> None:
    """Assert that the peak memory of a build counts what its forked processes hold: a process
    whose child fills 40 MB of its own peaks at 40 MB or more."""
    import subprocess
    import sys

    import bench

    script = (
        "import os, time\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    block = bytearray(40 * 2**20)\n"
        "    block[::4096] = b'x' * len(block[::4096])\n"
        "    time.sleep(1.5)\n"
        "    os._exit(0)\n"
        "os.waitpid(pid, 0)\n"
    )
    with subprocess.Popen([sys.executable, "-c", script]) as process:
        sampler = bench.TreeMemory(process.pid)
        sampler.start()
        process.wait(timeout=30)
        sampler.stop()
    assert sampler.peak_kb / 1024 >= 40
