"""Shared fixtures: the real site built once per session, and fixture sites built in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOT, build_site, copy_project  # noqa: F401  (defined there, re-exported here)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's own site, built once for the whole test session."""
    site = tmp_path_factory.mktemp("site")
    build_site(ROOT, site)
    return site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
