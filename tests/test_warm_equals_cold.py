"""A build never publishes anything its sources and code no longer say.

Nothing is kept between builds (no .cache/): a build in a new process is cold by construction.
What remains warm is a long-lived process that builds again after a save, as `mkdocs serve` does
(compiled templates, parsed interface strings and schema, QR codes, imported modules). These
tests build a fixture copy of the project in one such process, edit it the way a writer or a
developer does, build again in the same process, and compare every byte with a cold build of the
edited copy in a new process (made in a never-built copy of it, at the same time as the warm
build, so that the two builds use both cores). Edits of the engine and the adapter need a new process (MkDocs
does not re-import hooks: restart `./dev serve`); for those, the next process must match a cold
build too, so that no state is ever carried over on disk.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import ROOT, sample_project

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
DRIVER = Path(__file__).with_name("warmbuild.py")


def _differences(one: Path, two: Path) -> list[str]:
    files = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    others = sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file())
    if files != others:
        return sorted(set(files) ^ set(others))
    _, mismatch, errors = filecmp.cmpfiles(one, two, files, shallow=False)
    return mismatch + errors


def _start_cold(project: Path, site: Path) -> subprocess.Popen:
    """A build in a new process, started; _finish() waits for it (meanwhile the test builds elsewhere:
    the two builds use both cores)."""
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project,
                            env={**os.environ, **EPOCH, "PYTHONPATH": str(project / "hooks")},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(process: subprocess.Popen) -> None:
    output, _ = process.communicate(timeout=300)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args, output)


def _cold(project: Path, site: Path) -> None:
    _finish(_start_cold(project, site))


def _cold_copy(project: Path, where: Path) -> Path:
    """A never-built copy of ``project`` (the output does not depend on the project's folder)."""
    return Path(shutil.copytree(project, where, ignore=shutil.ignore_patterns(".cache", "__pycache__")))


class Warm:
    """One process that builds the project at each request, like `mkdocs serve`."""

    def __init__(self, project: Path):
        self.proc = subprocess.Popen([sys.executable, str(DRIVER), str(project)], cwd=project, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, **EPOCH})

    def build(self, site: Path) -> None:
        self.proc.stdin.write(f"{site}\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        assert answer == f"built {site}", answer

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = sample_project(tmp_path_factory.mktemp("warm") / "project")
    shutil.copytree(ROOT / "includes", project / "includes")
    return project


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "a page body": ("docs/contrastes/invitation.en.md", "<!-- rse:questions -->", "A new sentence.\n\n<!-- rse:questions -->"),
    "a front-matter field shown on other pages": ("docs/contrastes/invitation.en.md", "label: Label invitation",
                                                  "label: Renamed invitation"),
    "a template of generated content": ("overrides/rse/comparison_table.html", "<table", "<table title=\"edited\""),
    "an interface string": ("hooks/rse/ui.yml", "\n  side.personal: Personal life\n", "\n  side.personal: Personal life (edited)\n"),
    "a glossary line": ("includes/glossary.en.md", "\n*[ESN]:", "\n*[Questions]: a word added to the glossary\n*[ESN]:"),
}


@pytest.mark.parametrize("what", list(EDITS))
def test_a_rebuild_in_the_same_process_writes_what_a_cold_build_writes(project, tmp_path, what):
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    warm = Warm(copy)
    try:
        warm.build(tmp_path / "first")
        name, old, new = EDITS[what]
        _edit(copy / name, old, new)
        cold = _start_cold(_cold_copy(copy, tmp_path / "cold-project"), tmp_path / "cold")  # at the same time
        warm.build(tmp_path / "warm")
    finally:
        warm.close()
    _finish(cold)
    assert _differences(tmp_path / "first", tmp_path / "warm"), f"the edit of {what} changed nothing: the test edits nothing"
    assert _differences(tmp_path / "warm", tmp_path / "cold") == []


@pytest.mark.parametrize("name, old, new", [
    ("hooks/rse/render.py", "def comparison_table(ctx: Context) -> str:\n",
     "def comparison_table(ctx: Context) -> str:\n    return '<p>edited engine</p>'\n"),
    ("hooks/rse_mkdocs.py", "    build = _state.build\n    files, build.conversion =",
     "    html += '<p>edited</p>'\n    build = _state.build\n    files, build.conversion ="),
    ("hooks/mkdocs_internals.py", "def alternates(file) -> dict:\n", "def alternates(file) -> dict:\n    return {}\n"),
])
def test_after_an_edit_of_the_code_the_next_build_is_a_cold_one(project, tmp_path, name, old, new):
    """The engine and the adapter are read by each new process; nothing a previous process left
    behind may stand in for them."""
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    _cold(copy, tmp_path / "before")
    _edit(copy / name, old, new)
    fresh = _cold_copy(copy, tmp_path / "cold-project")  # the edited project, never built: the cold reference
    cold = _start_cold(fresh, tmp_path / "cold")  # at the same time as the next build in the built copy
    _cold(copy, tmp_path / "next")
    _finish(cold)
    assert not list(copy.glob(".cache")) and not list(fresh.glob(".cache")), "the build keeps a .cache/ folder"
    assert _differences(tmp_path / "next", tmp_path / "cold") == []
    assert _differences(tmp_path / "before", tmp_path / "next"), f"editing {name} changed nothing: the test edits nothing"
