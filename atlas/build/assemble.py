"""`make build`: build into a temporary folder, then swap it in, so that a failing build never
leaves a half-written site/ behind (the previous site stays intact until a new one is complete)."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path


def build_site(root: Path, site_dir: Path, *, config_file: str = "mkdocs.yml", offline: bool = False) -> int:
    """Build into site_dir.new, then swap it in. `offline` builds the copy that works opened
    from disk (page.html URLs, search and finder without a server) and zips it beside the folder.
    An interruption (Ctrl-C) or a full disk removes site_dir.new and ends with one line; the
    previous site stays as it was."""
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(site_dir.name + ".new")
    try:
        return _build(root, site_dir, staging, config_file=config_file, offline=offline)
    except KeyboardInterrupt:
        _remove(staging)
        print(f"Build interrupted: {site_dir.name}/ was left as it was.", file=sys.stderr)
        return 130
    except OSError as error:
        _remove(staging)
        where = error.filename or site_dir
        reason = "the disk is full" if error.errno == errno.ENOSPC else (error.strerror or "it cannot be written")
        print(
            f"Build failed: {where}: {reason} — free space or fix the permissions of {site_dir.parent}, then build "
            f"again ({site_dir.name}/ was left as it was where it could be).",
            file=sys.stderr,
        )
        return 1


def _build(root: Path, site_dir: Path, staging: Path, *, config_file: str, offline: bool) -> int:
    previous = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(staging, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("ATLAS_LANG", None)  # `make serve`'s one-language preview: a build always makes both languages
    env.setdefault("SOURCE_DATE_EPOCH", _last_commit_time(root))
    if offline:
        env["ATLAS_OFFLINE"] = "true"
    build = subprocess.Popen(
        [sys.executable, "-m", "atlas.build.run", "build", "--strict", "--clean", "--config-file", config_file, "--site-dir", str(staging)],
        cwd=root,
        env=env,
        # its own session and process group: Ctrl-C reaches this process only, which stops the
        # build and says so in one line, instead of MkDocs printing a traceback
        start_new_session=True,
    )
    try:
        returncode = build.wait()
    except BaseException:
        _stop_group(build)
        raise
    if returncode != 0:
        _remove(staging)
        if returncode in (-signal.SIGINT, 130):
            raise KeyboardInterrupt
        print(f"Build failed: {site_dir.name}/ was left as it was.", file=sys.stderr)
        return 1
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    try:
        staging.rename(site_dir)
    except OSError:
        if previous.exists() and not site_dir.exists():
            previous.rename(site_dir)  # put the previous site back
        raise
    shutil.rmtree(previous, ignore_errors=True)
    print(f"Site written to {site_dir}")
    if offline:
        archive = _zip(site_dir, int(env["SOURCE_DATE_EPOCH"]))
        print(f"Offline copy: {archive} (unzip it, then open index.html)")
    return 0


def _stop_group(build: subprocess.Popen[bytes]) -> None:
    """Kill the build and every process it started (the second process writing finder data, open
    data and QR codes into the staging folder), then wait for the build: nothing may still write
    into the folder that is about to be removed."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(build.pid, signal.SIGKILL)
    build.wait()


def _remove(folder: Path, attempts: int = 50) -> None:
    """Remove `folder` entirely. A killed second process may finish one last write while the tree
    is being removed (which then leaves a folder behind): try again, for up to ~2.5 s."""
    for _ in range(attempts):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.05)


def _last_commit_time(root: Path) -> str:
    """The last commit's time, so that two builds of one commit are byte-identical; the current
    time outside a git checkout."""
    try:
        result = subprocess.run(
            # safe.directory: CI containers check out as another user; this call only reads
            ["git", "-c", "safe.directory=*", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
        )
        return result.stdout.strip() or str(int(time.time()))
    except (OSError, subprocess.CalledProcessError):
        return str(int(time.time()))


def _zip(site_dir: Path, epoch: int) -> Path:
    """site_dir as a zip beside it, with the build's SOURCE_DATE_EPOCH as every timestamp, fixed
    order and permissions (reproducible: two builds of one commit give the same bytes)."""
    archive = site_dir.with_suffix(".zip")
    stamp = time.gmtime(epoch)[:6]
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"atlas/{path.relative_to(site_dir).as_posix()}", date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            bundle.writestr(info, path.read_bytes())
    return archive
