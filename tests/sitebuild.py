"""Build helpers shared by conftest.py and the test modules.

Import them from here (``from sitebuild import build_site``), not from ``conftest``: with
tests/browser/conftest.py present, the module named ``conftest`` is not always this folder's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(project: Path, site_dir: Path, *, env: dict | None = None) -> None:
    """Build a project (a folder with mkdocs.yml) strictly, in-process, as `mkdocs build --strict` does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    old = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the real project (config, docs, hooks, overrides, schema) to damage in a test."""
    for name in ("mkdocs.yml", "docs", "hooks", "overrides", "schema"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def sample_project(dest: Path) -> Path:
    """A copy of the project whose docs/ holds the small sample site of tests/samples.py
    (stable fixtures: writers' edits to the real pages cannot make these tests flaky)."""
    import samples

    dest.mkdir(parents=True, exist_ok=True)
    project = copy_project(dest)
    for child in (project / "docs").iterdir():
        if child.name != "assets":
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    samples.write_docs(project / "docs")
    return project
