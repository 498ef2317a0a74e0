"""The full check on built sites: addresses, anchors, links, redirects, unfinished pages, reproducibility.

A baseline copy of the project (small docs tree of tests/samples.py) is built once per module and its
addresses, anchors and translations recorded; each test copies it, damages it, and runs the real
command line. Builds are the slow part (about 2 s each on the small tree): seven in this file.
"""

from __future__ import annotations

import filecmp
import gzip
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

import samples
from sitebuild import ROOT, build_site, sample_project
from rse import redirects
from rse.checks import addresses, build, built, links
from rse.checks.project import Project
from rse.cli import main

EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC
ADDRESS_HINT = "Run ./dev addresses --update and commit addresses.txt and anchors.txt with your change."


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    """A project with a recorded, passing state: addresses.txt, anchors.txt, translations.yml."""
    base = tmp_path_factory.mktemp("baseline")
    project = sample_project(base / "project")
    build_site(project, base / "site", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert main(["--root", str(project), "addresses", "--update", "--site", str(base / "site")]) == 0
    assert main(["--root", str(project), "translations", "--mark", "all"]) == 0
    return project


@pytest.fixture
def project(baseline, tmp_path) -> Path:
    return Path(shutil.copytree(baseline, tmp_path / "project"))


def run(project: Path, *args: str, capsys) -> tuple[int, list[str]]:
    capsys.readouterr()
    status = main(["--root", str(project), *args])
    return status, capsys.readouterr().out.splitlines()


def test_clean_tree_passes_the_whole_check(project, capsys):
    status, out = run(project, "check", capsys=capsys)  # builds in its own process, as ./dev check does
    assert status == 0, "\n".join(out)
    steps = [line.split()[1] for line in out if line.startswith("check: ") and not line.startswith("check: all")]
    assert steps == ["front", "quotations", "mojibake", "translations", "build", "links", "addresses", "typography", "weight"]
    assert out[-1].startswith("check: all passed")


def test_renamed_page_removed_anchor_and_dead_link_fail_with_what_to_do(project, tmp_path, capsys):
    docs = project / "docs"
    for lang in ("fr", "en"):  # a page renamed
        (docs / f"contrastes/but-commun.{lang}.md").rename(docs / f"contrastes/objectif-commun.{lang}.md")
    (docs / "contrastes/but-commun").rename(docs / "contrastes/objectif-commun")  # with its printable plan
    samples.edit(docs / "contrastes/invitation.fr.md", "## Signes {#signes}", "## Signes {#signaux}")  # an anchor renamed
    samples.edit(docs / "contrastes/invitation.en.md", "## Signs {#signes}", "## Signs {#signaux}")
    commentary = docs / "commentaire.en.md"  # a dead link, in raw HTML that MkDocs does not check
    commentary.write_text(commentary.read_text(encoding="utf-8") + '\nSee <a href="../piliers/gone/#x">a page that left</a>.\n',
                          encoding="utf-8")
    dead_line = samples.line_of(commentary, "See <a")
    site = tmp_path / "site"
    build_site(project, site, env={"SOURCE_DATE_EPOCH": EPOCH})

    status, out = run(project, "check", "--site", str(site), capsys=capsys)

    assert status == 1
    recorded = (project / "addresses.txt").read_text(encoding="utf-8").splitlines()
    line_fr, line_en = recorded.index("/contrastes/but-commun/") + 1, recorded.index("/en/contrastes/but-commun/") + 1
    anchors_list = (project / "anchors.txt").read_text(encoding="utf-8").splitlines()
    anchor_fr = anchors_list.index("/contrastes/invitation/#signes") + 1
    assert (f"  addresses.txt:{line_fr}: field 'address': expected the address /contrastes/but-commun/ to keep answering "
            "(people and other sites link to it); found no page and no redirect there any more; the page seems to have moved "
            "to /contrastes/objectif-commun/. Add one line to redirects.yml: `contrastes/but-commun/: contrastes/objectif-commun/` "
            "(it serves every language). Only an address that was never published may be dropped instead, with "
            "./dev addresses --update.") in out
    assert any(line.startswith(f"  addresses.txt:{line_en}: field 'address': expected the address /en/contrastes/but-commun/ ")
               for line in out)
    assert ("  docs/contrastes/invitation.fr.md: field '#signes': expected the anchor /contrastes/invitation/#signes "
            f"(recorded in anchors.txt, line {anchor_fr}) to keep existing; found no heading or element with that id on the page "
            "(it has a new id #signaux: renamed?). Put the id back on its heading: `## Any title {#signes}`; titles may change, "
            "ids must not. If the section is gone, keep the id on the closest one (`<span id=\"signes\"></span>`), or accept "
            "the loss with ./dev addresses --update.") in out
    assert (f"  docs/commentaire.en.md:{dead_line}: field 'link': expected a link to a page or file that exists; found "
            "'../piliers/gone/#x' on /en/commentaire/, which points to /en/piliers/gone/, a page that does not exist. Fix the link "
            "in the page: link to the other page's Markdown file, e.g. [text](../piliers/engagement.md#signes).") in out
    assert ("  docs/contrastes/objectif-commun.fr.md: field '(addresses)': expected every address and anchor of "
            "/contrastes/objectif-commun/ recorded in addresses.txt and anchors.txt; found the address "
            "/contrastes/objectif-commun/ and 9 anchor(s) #atelier, #avant-lancement, #claim-enterprise, #claim-personal, #comparaison, "
            f"#liens, #questions, #remark-but-commun-nuance, #signes not recorded yet. {ADDRESS_HINT}") in out
    assert "check: links         1 problem(s)" in out
    assert "check: addresses     12 problem(s)" in out  # the page and its printable plan, in both languages
    assert out[-1].startswith("check: FAILED with 13 problem(s)")

    # the one-line fix: a redirect for the page, the old id back; then record the new addresses
    (project / "redirects.yml").write_text("contrastes/but-commun/: contrastes/objectif-commun/\n"
                                           "contrastes/but-commun/atelier/: contrastes/objectif-commun/atelier/\n", encoding="utf-8")
    samples.edit(docs / "contrastes/invitation.fr.md", "## Signes {#signaux}", "## Signes {#signes}")
    samples.edit(docs / "contrastes/invitation.en.md", "## Signs {#signaux}", "## Signs {#signes}")
    samples.edit(commentary, "../piliers/gone/#x", "../piliers/engagement/#signes")
    shutil.rmtree(site)
    build_site(project, site, env={"SOURCE_DATE_EPOCH": EPOCH})
    status, out = run(project, "check", "--site", str(site), "--only", "links,addresses", capsys=capsys)
    assert status == 1 and "check: addresses     4 problem(s)" in out  # the new page's and its plan's addresses, not yet recorded
    assert main(["--root", str(project), "addresses", "--update", "--site", str(site)]) == 0
    status, out = run(project, "check", "--site", str(site), capsys=capsys)
    assert status == 0, "\n".join(out)

    # the redirect pages, one per language, with relative links that work on any static host
    for prefix, lang in (("", "fr"), ("en/", "en")):
        page = built.read_page(site, site / prefix / "contrastes/but-commun/index.html")
        assert page.redirect
        html = page.path.read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        assert '<meta http-equiv="refresh" content="0; url=../objectif-commun/">' in html
        assert f'<link rel="canonical" href="https://rse.example.org/{prefix}contrastes/objectif-commun/">' in html
    assert "/contrastes/but-commun/" in (project / "addresses.txt").read_text(encoding="utf-8")  # still recorded


def test_redirect_to_nowhere_or_over_a_page_stops_the_build(project, tmp_path):
    (project / "redirects.yml").write_text("contrastes/invitation/: contrastes/but-commun/\nfaq/: piliers/absent/\n", encoding="utf-8")
    with pytest.raises((PluginError, Abort)) as error:
        build_site(project, tmp_path / "site")
    message = str(error.value) if isinstance(error.value, PluginError) else str(error.value.__context__ or error.value)
    assert message.split("\n") == [
        "rse: redirects.yml has 2 problem(s):",
        "redirects.yml:1: field 'contrastes/invitation/': expected an address that no longer has a page; found the page "
        "/contrastes/invitation/. Remove this redirect, or move the page.",
        "redirects.yml:2: field 'faq/': expected a target address that exists; found /piliers/absent/, which the 'fr' build "
        "does not have. Point it to an existing page.",
    ]


def test_unfinished_scaffold_is_refused_by_the_strict_build_and_shown_in_preview(project, tmp_path):
    assert main(["--root", str(project), "new", "approach", "hors-processus"]) == 0
    fr = project / "docs/approches/hors-processus.fr.md"
    with pytest.raises((PluginError, Abort)) as error:
        build_site(project, tmp_path / "strict")
    cause = error.value
    while cause is not None and not isinstance(cause, PluginError):
        cause = cause.__cause__ or cause.__context__
    lines = str(cause).split("\n")
    sources = (fr, fr.with_name("hors-processus.en.md"), fr.parent / "hors-processus/atelier.fr.md", fr.parent / "hors-processus/atelier.en.md")
    todo_lines = sum(line.count("TODO") for f in sources for line in f.read_text(encoding="utf-8").splitlines())
    assert lines[0] == f"rse: the content has {todo_lines} problem(s):"  # one per TODO, nothing else
    assert (f"docs/approches/hors-processus.fr.md:{samples.line_of(fr, 'label:')}: field 'label': expected text written for "
            "readers, not a placeholder; found 'TODO: libellé court'. Replace the placeholder with the real text (the strict "
            "build refuses unfinished pages; RSE_PREVIEW=1 shows a preview).") in lines

    build_site(project, tmp_path / "preview", env={"RSE_PREVIEW": "1"})
    assert (tmp_path / "preview/approches/hors-processus/index.html").is_file()
    assert (tmp_path / "preview/en/approches/hors-processus/index.html").is_file()


def test_two_builds_of_the_same_commit_are_byte_identical(project, tmp_path, monkeypatch):
    # two separate processes (each with its own hash seed), as ./dev check builds, with the same SOURCE_DATE_EPOCH
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    for name in ("one", "two"):
        ok, problems, output = build.run(Project.load(project), tmp_path / name)
        assert ok, output

    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "one", tmp_path / "two", [str(f) for f in files], shallow=False)
    assert (mismatch, errors) == ([], [])
    # the dates come from SOURCE_DATE_EPOCH, not from the clock
    sitemap = (tmp_path / "one/sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in sitemap
    raw = (tmp_path / "one/sitemap.xml.gz").read_bytes()
    assert int.from_bytes(raw[4:8], "little") == 1699920000  # gzip header mtime: that day, 00:00 UTC
    assert gzip.decompress(raw).decode("utf-8") == sitemap


def test_dev_exports_source_date_epoch_from_the_last_commit():
    text = (ROOT / "dev").read_text(encoding="utf-8")
    assert 'export SOURCE_DATE_EPOCH="$epoch"' in text and "git log -1 --format=%ct" in text
    assert build.source_date_epoch(ROOT) is not None


# --- the real site (built once per session by conftest) ----------------------------------------

def test_real_site_has_no_broken_link_or_anchor_in_either_language(built_site):
    project = Project.load(ROOT)
    assert [str(p) for p in links.check(project, built_site)] == []


def test_real_site_addresses_and_anchors_are_all_recorded(built_site):
    project = Project.load(ROOT)
    pages = built.read_site(built_site)
    problems = addresses.check(project, pages, redirects.load(ROOT))
    assert [str(p) for p in problems] == [], "run ./dev addresses --update if these addresses are new on purpose"
    assert "/" in pages and "/en/" in pages
