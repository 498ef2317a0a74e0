"""The benchmark's synthetic corpus (benchmarks/corpus.py) and what the benchmark relies on.

Functional checks only: the corpus is valid and builds strictly with the project's real
configuration, and long navigation sections are windowed. No timing here: speed is measured and
reported by ./dev bench (benchmarks/RESULTS.md), never asserted by a test.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOT, build_site

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus  # noqa: E402

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def html(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_spec_has_the_required_pages_and_n_pages_per_language():
    for n in (10, 100, 500):
        spec = corpus.Spec.of(n)
        assert 6 + len(spec.contrasts) + len(spec.approaches) + len(spec.pillars) == n
        assert spec.contrasts and spec.approaches and len(spec.pillars) >= 2
    with pytest.raises(ValueError):
        corpus.Spec.of(9)


def test_corpus_is_reproducible(tmp_path):
    corpus.write_docs(tmp_path / "a", 10)
    corpus.write_docs(tmp_path / "b", 10)
    digest = lambda d: sorted((p.relative_to(d).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())  # noqa: E731
                              for p in d.rglob("*.md"))
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert len(digest(tmp_path / "a")) == 20  # 10 pages x 2 languages


def test_generated_corpus_builds_strictly_with_the_project_configuration(tmp_path):
    project = tmp_path / "project"
    spec = corpus.make_project(project, 10, "project")
    site = tmp_path / "site"
    build_site(project, site, env=EPOCH)  # strict: any content problem or warning fails here
    for lang_root in ("", "en/"):
        overview = html(site, lang_root + "contrastes")
        rows = overview.select("[data-rse=comparison-table] tbody tr")
        assert [r["data-id"] for r in rows] == spec.contrasts
        page = html(site, f"{lang_root}contrastes/{spec.contrasts[0]}")
        assert page.select_one("[data-rse=comparison]") and page.select_one("[data-rse=relations]")
        assert page.select_one(".admonition") and page.select_one("table")
        assert "rse:" not in str(page.select_one("article"))  # every marker was filled
        matrix = html(site, lang_root + "piliers").select("[data-rse=matrix] tbody tr")
        assert [r["data-id"] for r in matrix] == spec.pillars


def test_default_configuration_builds_the_same_corpus(tmp_path):
    project = tmp_path / "default"
    spec = corpus.make_project(project, 10, "default")
    assert "hooks" not in (project / "mkdocs.yml").read_text(encoding="utf-8")
    site = tmp_path / "site"
    build_site(project, site, env=EPOCH)
    assert (site / "contrastes" / spec.contrasts[0] / "index.html").is_file()
    assert (site / "en" / "contrastes" / spec.contrasts[0] / "index.html").is_file()


def test_long_sections_show_a_window_of_the_navigation(tmp_path):
    """A section longer than NAV_LONG: each page lists its index, the pages around it and a
    link to the index, not every page of the section (hooks/nav_window.py, _nav_view)."""
    sys.path.insert(0, str(ROOT / "hooks"))
    import nav_window

    project = tmp_path / "project"
    spec = corpus.make_project(project, 60, "project")
    assert len(spec.contrasts) > nav_window.NAV_LONG
    site = tmp_path / "site"
    build_site(project, site, env=EPOCH)
    middle = spec.contrasts[len(spec.contrasts) // 2]
    for lang_root in ("", "en/"):
        page = html(site, f"{lang_root}contrastes/{middle}")
        nav = page.select("nav.md-nav--primary a.md-nav__link")
        hrefs = [a["href"] for a in nav]
        listed = [c for c in spec.contrasts if f"../{c}/" in hrefs]
        assert "./" in hrefs  # the page itself
        assert 0 < len(listed) < nav_window.NAV_WINDOW < len(spec.contrasts)
        assert spec.contrasts[len(spec.contrasts) // 2 - 1] in listed and spec.contrasts[len(spec.contrasts) // 2 + 1] in listed
        to_index = [a for a in nav if a["href"] == "../" and f"({len(spec.contrasts) + 1} " in a.get_text()]
        assert to_index, "a last link to the section index, which lists every page"
        # nothing is lost: the section index still lists every contrast
        rows = html(site, lang_root + "contrastes").select("[data-rse=comparison-table] tbody tr")
        assert len(rows) == len(spec.contrasts)
