"""Helpers shared by the test tiers (no browser here): the project's root, the fixtures folder,
tiny fixture sites, and the HTML files of a built site."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def make_site(folder: Path, services: str, pages: dict[str, str], nav: list[object] | None = None, *, offline: bool = False) -> Path:
    """A tiny project: the real theme, hooks and taxonomy; the given services and pages
    (path under docs/ → Markdown, both languages given by the caller). mkdocs.yml's `!ENV` tags
    are written as their defaults: `offline` turns the offline plugin on (`make offline` does it
    through ATLAS_OFFLINE, which the written file no longer reads)."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("overrides", "hooks"):
        shutil.copytree(ROOT / name, folder / name, dirs_exist_ok=True)
    shutil.copytree(ROOT / "docs" / "assets", folder / "docs" / "assets", dirs_exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    for name in ("taxonomy.yaml", "glossary.yaml", "official-domains.yaml"):
        shutil.copy(ROOT / "data" / name, folder / "data" / name)
    (folder / "data" / "services.yaml").write_text(services, encoding="utf-8")
    for relative, text in pages.items():
        target = folder / "docs" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    from mkdocs.utils.yaml import yaml_load  # resolves mkdocs.yml's !ENV tags to their defaults

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = nav or ["index.md"]
    config.pop("not_in_nav", None)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "offline" in plugin:
            plugin["offline"]["enabled"] = offline
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


# Text that breaks out of an HTML attribute or <title> if a template prints it unescaped: it
# passes every data rule (no '<' in data texts), so the escaping must hold (issue 17).
BREAK_OUT = "0;url=https://evil.example/\" http-equiv=\"refresh"
TITLE_BREAK_OUT = "&lt;/title&gt;&lt;script&gt;window.__xss=1&lt;/script&gt; \" onmouseover=\"window.__xss=1"


def attribute_site(folder: Path) -> Path:
    """A tiny project whose service description, taxonomy description, page description and
    page first heading (no title in front matter) carry text meant to break out of attributes."""
    import yaml

    entry = yaml.safe_load((FIXTURES / "base_entry.yaml").read_text(encoding="utf-8"))[0]
    entry["description"] = {"fr": BREAK_OUT, "nl": BREAK_OUT + " (nl)"}
    services = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False)
    pages = {
        f"{lang}/index.md": f"---\ndescription: '{BREAK_OUT}'\n---\n\n# {TITLE_BREAK_OUT}\n\nTexte.\n"
        for lang in ("fr", "nl")
    }
    project = make_site(folder, services, pages)
    taxonomy = yaml.safe_load((project / "data" / "taxonomy.yaml").read_text(encoding="utf-8"))
    taxonomy["domains"][0]["description"] = {"fr": BREAK_OUT + " (fr)", "nl": BREAK_OUT + " (nl)"}
    (project / "data" / "taxonomy.yaml").write_text(yaml.safe_dump(taxonomy, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


def site_differences(left: Path, right: Path) -> list[str]:
    """Files present on one side only or with other bytes, as paths under the sites."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in (*compared.left_only, *compared.right_only, *compared.diff_files))
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found
