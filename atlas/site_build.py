"""`make build`: build into a temporary folder, then swap it in, so that a failing build never
leaves a half-written site/ behind (the previous site stays intact until a new one is complete)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def build_site(root: Path, site_dir: Path, *, config_file: str = "mkdocs.yml") -> int:
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(site_dir.name + ".new")
    previous = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(staging, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file", config_file, "--site-dir", str(staging)],
        cwd=root,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed: {site_dir.name}/ was left as it was.", file=sys.stderr)
        return 1
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"Site written to {site_dir}")
    return 0
