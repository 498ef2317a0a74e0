"""The benchmark's synthetic corpus (benchmarks/corpus.py) and what the benchmark relies on.

Functional checks only: the corpus is valid and builds strictly with the project's real
configuration, long navigation sections are windowed, the same corpus is written as a Hugo site
(and builds, when Debian's `hugo` is installed: skipped otherwise, CI included, since .ci/run does
not install it), each ablation of benchmarks/run.py still finds the text it undoes, and the
plain-real configuration has neither the project's hooks nor its overrides. No timing here: speed
is measured and reported by ./dev bench (benchmarks/RESULTS.md), never asserted by a test.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from sitebuild import ROOT, build_site

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus

_spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def html(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_spec_has_the_required_pages_and_n_pages_per_language():
    for n in (14, 100, 500):
        spec = corpus.Spec.of(n)
        assert 6 + 2 * (len(spec.contrasts) + len(spec.approaches) + len(spec.pillars)) == n  # each data page has its plan page
        assert spec.contrasts and spec.approaches and len(spec.pillars) >= 2
    for n in (12, 15):
        with pytest.raises(ValueError):
            corpus.Spec.of(n)


def test_corpus_is_reproducible(tmp_path):
    corpus.write_docs(tmp_path / "a", 14)
    corpus.write_docs(tmp_path / "b", 14)
    digest = lambda d: sorted((p.relative_to(d).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
                              for p in d.rglob("*.md"))
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert len(digest(tmp_path / "a")) == 28  # 14 pages x 2 languages


def test_generated_corpus_builds_strictly_with_the_project_configuration(tmp_path):
    project = tmp_path / "project"
    spec = corpus.make_project(project, 14, "project")
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
    spec = corpus.make_project(project, 14, "default")
    assert "hooks" not in (project / "mkdocs.yml").read_text(encoding="utf-8")
    site = tmp_path / "site"
    build_site(project, site, env=EPOCH)
    assert (site / "contrastes" / spec.contrasts[0] / "index.html").is_file()
    assert (site / "en" / "contrastes" / spec.contrasts[0] / "index.html").is_file()


def test_long_sections_show_a_window_of_the_navigation(tmp_path):
    """A section longer than NAV_LONG: each page lists its index, the pages around it and a
    link to the index, not every page of the section (rse.navwindow, called by the adapter)."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from rse import navwindow as nav_window

    project = tmp_path / "project"
    spec = corpus.make_project(project, 100, "project")
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


def test_hugo_corpus_has_the_same_pages_in_both_languages(tmp_path):
    spec = corpus.write_hugo(tmp_path / "hugo", 14)
    content = tmp_path / "hugo" / "content"
    pages = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    assert len(pages) == 28  # 14 pages x 2 languages, as the MkDocs corpus
    assert "_index.fr.md" in pages and "contrastes/_index.en.md" in pages
    assert f"contrastes/{spec.contrasts[0]}.fr.md" in pages and f"contrastes/{spec.contrasts[0]}.en.md" in pages
    for name in ("_default/baseof.html", "_default/single.html", "_default/list.html"):
        assert (tmp_path / "hugo" / "layouts" / name).is_file()
    text = (content / f"contrastes/{spec.contrasts[0]}.fr.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] and meta["description"] and meta["weight"] == 1 and meta["rse"]["kind"] == "contrast"
    assert ".md)" not in text and "](../../contrastes/" in text  # links as Hugo's directory URLs


@pytest.mark.skipif(shutil.which("hugo") is None,
                    reason="Debian's hugo is not installed (apt-get install hugo); .ci/run does not install it")
def test_hugo_corpus_builds(tmp_path):
    spec = corpus.write_hugo(tmp_path / "hugo", 14)
    site = tmp_path / "site"
    subprocess.run(["hugo", "--source", str(tmp_path / "hugo"), "--destination", str(site),
                    "--cacheDir", str(tmp_path / "cache"), "--quiet"], check=True, capture_output=True, timeout=120)
    for lang_root in ("", "en/"):
        page = html(site, f"{lang_root}contrastes/{spec.contrasts[0]}")
        assert page.select_one("article h1") and page.select_one("article table")
        nav = [a["href"] for a in page.select("nav a")]
        assert f"/{lang_root}contrastes/{spec.contrasts[0]}/" in nav  # the section's navigation
        assert (site / lang_root / "contrastes" / "index.html").is_file()


@pytest.mark.parametrize("name", sorted(bench.ABLATIONS))
def test_each_ablation_still_finds_what_it_undoes(name, tmp_path):
    for rel, device, _undone in bench.ABLATIONS[name]:
        text = (ROOT / rel).read_text(encoding="utf-8")
        assert text.count(device) == 1, f"{name}: {rel} should contain {device!r} once"
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    bench.apply_ablation(tmp_path, name)
    for rel, device, _undone in bench.ABLATIONS[name]:
        assert device not in (tmp_path / rel).read_text(encoding="utf-8")


def test_plain_real_configuration_has_no_hooks_or_overrides(tmp_path):
    project = bench.make_source(tmp_path / "plain", "plain-real", None, ROOT)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    parsed = yaml.safe_load(config.replace("!ENV", ""))
    assert "hooks" not in parsed and "custom_dir" not in parsed["theme"]
    assert parsed["plugins"] and parsed["markdown_extensions"]  # still the project's plugins and Markdown
    assert not (project / "overrides").exists()
    assert (project / "docs" / "index.fr.md").is_file() and (project / "docs" / "index.en.md").is_file()


def test_plain_baked_configuration_has_the_generated_content_and_no_machinery(tmp_path):
    """'plain-baked' = the real docs with every marker replaced by what the engine makes, built
    without hooks or overrides: each page keeps its front matter, loses its markers, gains its fragments."""
    from rse import markers as mk
    from rse.frontmatter import parse

    project = bench.make_source(tmp_path / "baked", "plain-baked", None, ROOT)
    parsed = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert "hooks" not in parsed and not (project / "overrides").exists()
    written = sorted(p.relative_to(project).as_posix() for p in (project / "docs").rglob("*.md"))
    assert written == sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md"))
    with_markers = 0
    for rel in written:
        original, baked = (ROOT / rel).read_text(encoding="utf-8"), (project / rel).read_text(encoding="utf-8")
        before, after = parse(original, rel), parse(baked, rel)
        assert after.meta == before.meta, rel  # the same front matter
        assert 'data-rse="print-address"' in after.body and not mk.MARKER_LINE.search(after.body), rel
        if mk.MARKER_LINE.search(original):
            with_markers += 1
            assert baked.count("data-rse=") > 1, rel
    assert with_markers >= 20
