"""The strict build (both languages), run as its own process, its messages turned into problems.

Kept apart from the other checks: this is the only place that knows the site is built by MkDocs
(the command line and the wording of its warnings). Everything after works on the HTML it writes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from ..errors import Problem
from .project import Project

_DOC_LINK = re.compile(r"Doc file '([^']+)' contains (?:a link|an absolute link|an unrecognized relative link) '([^']+)'(.*)")
_LEVEL = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")
_OURS = re.compile(r"^(?P<file>[^\s:]+)(?::(?P<line>\d+))?: field '(?P<field>.*?)': expected (?P<expected>.*?); found (?P<found>.*?)\.(?: (?P<hint>.*))?$")


def from_line(text: str) -> Problem:
    """The inverse of str(Problem), for the problems the build hooks print."""
    m = _OURS.match(text)
    assert m is not None, text  # callers pass only the lines _OURS matches
    return Problem(m["file"], m["field"], m["expected"], m["found"], line=int(m["line"]) if m["line"] else None, hint=m["hint"] or "")


def source_date_epoch(root: Path) -> str | None:
    """Time of the last commit, for reproducible dates (sitemap lastmod, gzip header)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip()
    return value if out.returncode == 0 and value.isdigit() else None


def run(project: Project, site_dir: Path) -> tuple[bool, list[Problem], str]:
    """Build strictly into ``site_dir``. Returns (ok, problems, raw output)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("RSE_PREVIEW", None)  # the check is always the strict build
    epoch = source_date_epoch(project.root)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
           "--config-file", str(project.root / "mkdocs.yml"), "--site-dir", str(site_dir)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=project.root)
    output = proc.stdout + proc.stderr
    return proc.returncode == 0, parse_output(project, output) if proc.returncode else [], output


def parse_output(project: Project, output: str) -> list[Problem]:
    """Problems from a failed build's log: content problems as they are, MkDocs warnings located."""
    problems: list[Problem] = []
    lines = output.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        level = _LEVEL.match(line)
        if level:
            message = level.group(2).strip()
            if message.startswith(("Aborted with", "Error reading page")) or re.match(r"^rse: .* problem\(s\):$", message):
                i += 1
                continue
            doc = _DOC_LINK.search(message)
            if doc:
                src = project.docs_dir / doc.group(1)
                problems.append(Problem(project.shown(src), "link", "a link to a page or an anchor that exists",
                                        f"'{doc.group(2)}'{_short(doc.group(3))}", line=_find(src, doc.group(2)),
                                        hint="Fix the link: write it to the other page's .md file, with an anchor declared there ({#id})."))
            else:
                problems.append(Problem("(build)", level.group(1).lower(), "a build without warnings", message))
        elif line.startswith("Error: ") or line.startswith("Aborted"):
            pass
        elif _OURS.match(line):
            problems.append(from_line(line))  # a content problem, already one located line
        i += 1
    if not problems and output.strip():
        tail = [l for l in lines if l.strip() and not l.startswith("INFO")][-5:]  # noqa: E741 - l: a line of the output
        problems.append(Problem("(build)", "build", "a successful strict build", " / ".join(tail) or "a failure"))
    return problems


def _short(rest: str) -> str:
    rest = rest.strip().rstrip(".")
    return f" ({rest.lstrip(', ')})" if rest else ""


def _find(path: Path, needle: str) -> int | None:
    if not path.is_file():
        return None
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return number
    return None
