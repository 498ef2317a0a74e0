"""The lint and type gate: ruff over the whole tree, mypy over hooks/ and benchmarks/, both clean.

Both read their settings from pyproject.toml ([tool.ruff], [tool.mypy]) and are pinned in
requirements-dev.txt; .pre-commit-config.yaml runs the same two commands before each commit.
An exception is written where it applies, with its reason on the same line: the last test here
refuses a '# noqa' or '# type: ignore' that names no rule or gives no reason."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

from sitebuild import ROOT

# Python files of the project (the virtual environment, node_modules and caches are not ours).
SOURCES = ("hooks", "tests", "benchmarks")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    done = _run("ruff", "check", "--no-fix", "--output-format", "concise", ".")
    assert done.returncode == 0, f"ruff check . (exit {done.returncode}):\n{done.stdout}{done.stderr}"


def test_mypy_finds_nothing():
    done = _run("mypy")  # files, paths and strictness: [tool.mypy] in pyproject.toml
    assert done.returncode == 0, f"mypy (exit {done.returncode}):\n{done.stdout}{done.stderr}"


# The two forms of an exception, read from the comments alone (tokenize: text in strings does not count).
_NOQA = re.compile(r"#\s*noqa\b(?P<rest>.*)$", re.I)
_NOQA_CODES = re.compile(r":\s*[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*(?P<why>.*)$")
_IGNORE = re.compile(r"#\s*type:\s*ignore\b(?P<rest>.*)$")
_IGNORE_CODES = re.compile(r"\[[a-z-]+(?:\s*,\s*[a-z-]+)*\](?P<why>.*)$")


def _reason(text: str) -> bool:
    return len(re.findall(r"[^\W\d_]", text)) >= 3  # a few words, not a bare code


def _comments(path: Path):
    text = path.read_text(encoding="utf-8")
    if "noqa" not in text.lower() and "ignore" not in text:
        return
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string


def test_every_exception_names_its_rule_and_says_why():
    found = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "node_modules" in path.parts:
                continue
            for number, comment in _comments(path):
                for pattern, codes in ((_NOQA, _NOQA_CODES), (_IGNORE, _IGNORE_CODES)):
                    m = pattern.search(comment)
                    if m is None:
                        continue
                    named = codes.match(m["rest"].strip())
                    if named is None or not _reason(named["why"]):
                        found.append(f"{path.relative_to(ROOT)}:{number}: {comment}")
    assert found == [], ("an exception to the lint or type check names its rule and says why on its line "
                         "(noqa: CODE - why; type: ignore[code]  # why):\n" + "\n".join(found))
