"""Shared fixtures: the real site built once per session, and fixture sites built in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOT, build_site, copy_project  # noqa: F401 - defined there, re-exported here


# Test files that read the session's one visit of every page (tests/browser/conftest.py, desktop_visits)
VISITING = ("tests/browser/test_a11y.py", "tests/browser/test_i18n_browser.py")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`./dev test` runs on every core (pytest-xdist, ``-n auto`` in pyproject.toml), a test file
    at a time on each worker, in collection order. The files that read the one visit of every page
    (VISITING, a minute of browsing) go together to the first worker, which starts them first;
    the other files, browser tests included, share the workers as they come free."""
    from xdist.scheduler import LoadScopeScheduling

    if not callable(getattr(LoadScopeScheduling, "_split_scope", None)):  # else the visits would run on every worker
        raise pytest.UsageError("pytest-xdist no longer has LoadScopeScheduling._split_scope (checked on 3.8.0): "
                                "update pytest_xdist_make_scheduler in tests/conftest.py, or run with -n 0")

    class FilesVisitsTogether(LoadScopeScheduling):  # as xdist's own LoadFileScheduling does (3.8.0)
        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::", 1)[0]
            return VISITING[0] if file in VISITING else file

    config.option.loadscopereorder = False  # collection order: tests/browser/test_a11y.py comes first
    return FilesVisitsTogether(config, log)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's own site, built once for the whole test session."""
    site = tmp_path_factory.mktemp("site")
    build_site(ROOT, site)
    return site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
