"""What the build keeps in .cache/ between builds (issue #6) never changes what it writes.

The project keeps the checked pages, the QR codes, each page's generated content and Material's
search entries between builds (``.cache/``) and between the rebuilds of ``mkdocs serve`` (in
memory). These tests build a small project cold, then warm after edits of the kinds a writer
makes, and compare every file with a cold build of the same tree (``RSE_NO_CACHE=1``).
"""

from __future__ import annotations

import filecmp
import json
import os
from pathlib import Path

import pytest

import samples
from sitebuild import build_site, sample_project
from rse import render, searchcache
from rse.kit import Links
from rse.memo import FileMemo
from rse.site import load_site

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}
CACHES = ("rse-pages.pickle", "rse-site.pickle", "rse-content-fr.pickle", "rse-content-en.pickle",
          "rse-search-fr.pickle", "rse-search-en.pickle")


def _differences(one: Path, two: Path) -> list[str]:
    files = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    others = sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file())
    if files != others:
        return sorted(set(files) ^ set(others))
    _, mismatch, errors = filecmp.cmpfiles(one, two, files, shallow=False)
    return mismatch + errors


def _search_texts(site: Path, lang_root: str = "") -> str:
    index = json.loads((site / lang_root / "search/search_index.json").read_text(encoding="utf-8"))
    return " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = sample_project(tmp_path_factory.mktemp("caches") / "project")
    build_site(project, project.parent / "first", env=EPOCH)
    return project


def test_a_build_keeps_its_caches_and_a_warm_build_writes_the_same_site(project, tmp_path):
    for name in CACHES:
        assert (project / ".cache" / name).stat().st_size > 0, name
    build_site(project, tmp_path / "warm", env=EPOCH)
    build_site(project, tmp_path / "cold", env={**EPOCH, "RSE_NO_CACHE": "1"})
    assert _differences(tmp_path / "warm", tmp_path / "cold") == []
    assert _differences(tmp_path / "warm", project.parent / "first") == []


def test_edits_reach_every_page_they_show_on_after_a_warm_build(project, tmp_path):
    docs = project / "docs"
    # another page's data: the pillar's title is shown on the contrast page it addresses
    samples.edit(docs / "piliers/engagement.fr.md", "title: Titre du pilier engagement", "title: Pilier rebaptisé")
    # a page's prose: its search entries change, the other pages' do not
    samples.edit(docs / "contrastes/invitation.en.md", "\n## ", "\nZygomorphic wording.\n\n## ")
    build_site(project, tmp_path / "warm", env=EPOCH)
    build_site(project, tmp_path / "cold", env={**EPOCH, "RSE_NO_CACHE": "1"})
    assert _differences(tmp_path / "warm", tmp_path / "cold") == []
    invitation = (tmp_path / "warm/contrastes/invitation/index.html").read_text(encoding="utf-8")
    assert "Pilier rebaptisé" in invitation and "Titre du pilier engagement" not in invitation
    assert "Zygomorphic" in _search_texts(tmp_path / "warm", "en")
    assert "Pilier rebaptisé" in _search_texts(tmp_path / "warm")


# ---------------------------------------------------------------------------- the keys, unit by unit

def _site(tmp_path: Path):
    return load_site(tmp_path / "docs", ("fr", "en"), "fr")


def test_site_fingerprint_follows_any_page_data_and_the_glossaries(tmp_path):
    samples.write_docs(tmp_path / "docs")
    site = _site(tmp_path)
    before = render.site_fingerprint(site, {})
    assert render.site_fingerprint(_site(tmp_path), {}) == before  # same data, same print
    samples.edit(tmp_path / "docs/approches/injonction.en.md", "title: Title of approach injonction", "title: Renamed")
    assert render.site_fingerprint(_site(tmp_path), {}) != before
    from rse.glossary import Entry
    assert render.site_fingerprint(site, {"fr": (Entry("RSE", "réseau social d'entreprise"),)}) != before


def test_inputs_fingerprint_follows_language_addresses_public_site_name_and_templates(tmp_path, monkeypatch):
    links = Links(site_url="https://example.org/", roots={"fr": "", "en": "en/"})
    base = dict(site_print="s", lang="fr", urls={"a": "a/"}, links=links, engine="e")
    before = render.inputs_fingerprint(**base)
    assert render.inputs_fingerprint(**base) == before
    for change in ({"lang": "en"}, {"urls": {"a": "b/"}}, {"engine": "f"}, {"site_print": "t"}, {"site_name": "Autre"},
                   {"links": Links(site_url="https://example.com/", roots={"fr": "", "en": "en/"})}):
        assert render.inputs_fingerprint(**{**base, **change}) != before, change
    templates = tmp_path / "templates"
    templates.mkdir()
    for path in render.TEMPLATES_DIR.iterdir():
        (templates / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(render, "TEMPLATES_DIR", templates)
    assert render.inputs_fingerprint(**base) == before  # same templates elsewhere
    (templates / "relations.html").write_text("{# edited #}" + (templates / "relations.html").read_text(), encoding="utf-8")
    assert render.inputs_fingerprint(**base) != before


def test_search_page_key_follows_everything_an_entry_is_made_of():
    base = dict(url="a/", content="<h1 id='t'>T</h1><p>x</p>", title="T", meta={"title": "T"}, toc=[("t", "#t")])
    key = searchcache.page_key(**base)
    for change in ({"url": "b/"}, {"content": "<h1 id='t'>T</h1><p>y</p>"}, {"title": "U"}, {"toc": [("u", "#u")]},
                   {"meta": {"title": "T", "tags": ["x"]}}, {"meta": {"title": "T", "search": {"boost": 2}}}):
        assert searchcache.page_key(**{**base, **change}) != key, change
    assert searchcache.page_key(**{**base, "meta": {"title": "T", "description": "other"}}) == key  # not indexed


def test_search_entries_come_from_the_index_once_then_as_fresh_copies():
    memo, calls = FileMemo(), []

    def index():
        calls.append(1)
        return [{"location": "a/", "title": "T", "text": "x", "tags": ["t"]}]

    first = searchcache.entries_for(memo, "a/", "key", index)
    first[0]["tags"].append("changed by the search plugin")
    again = searchcache.entries_for(memo, "a/", "key", index)
    assert len(calls) == 1 and again == [{"location": "a/", "title": "T", "text": "x", "tags": ["t"]}]
    searchcache.entries_for(memo, "a/", "other key", index)
    assert len(calls) == 2


# ---------------------------------------------------------------------------- Markdown conversions

def _count_conversions(monkeypatch) -> list[str]:
    """Record every page MkDocs converts from Markdown (hooks/markdown_cache.py calls Page.render on a miss)."""
    from mkdocs.structure.pages import Page

    converted: list[str] = []
    original = Page.render

    def counting(page, config, files):
        converted.append(page.file.src_uri)
        return original(page, config, files)

    monkeypatch.setattr(Page, "render", counting)
    return converted


def test_only_pages_whose_markdown_changed_are_converted_again(tmp_path, monkeypatch):
    project = sample_project(tmp_path / "project")
    build_site(project, tmp_path / "cold", env=EPOCH)
    converted = _count_conversions(monkeypatch)
    build_site(project, tmp_path / "warm", env=EPOCH)
    assert converted == []  # nothing changed: no page converted
    samples.edit(project / "docs/contrastes/invitation.en.md", "\n## ", "\nOne more sentence.\n\n## ")
    build_site(project, tmp_path / "edited", env=EPOCH)
    assert converted == ["contrastes/invitation.en.md"]
    build_site(project, tmp_path / "cold-edited", env={**EPOCH, "RSE_NO_CACHE": "1"})
    assert _differences(tmp_path / "edited", tmp_path / "cold-edited") == []


def test_links_to_anchors_of_a_converted_page_are_still_checked_against_the_others(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    project = sample_project(tmp_path / "project")
    docs = project / "docs"
    for lang in ("fr", "en"):  # twins keep the same heading ids
        samples.edit(docs / f"approches/injonction.{lang}.md", "\n## ", "\n## Extra {#extra}\n\nTexte.\n\n## ")
        samples.edit(docs / f"contrastes/invitation.{lang}.md", "\n## ", "\nVoir [ceci](../approches/injonction.md#extra).\n\n## ")
    build_site(project, tmp_path / "one", env=EPOCH)
    for lang in ("fr", "en"):  # the target loses its anchor; the linking page is unchanged (its conversion is reused)
        samples.edit(docs / f"approches/injonction.{lang}.md", "\n## Extra {#extra}\n\nTexte.\n", "\n")
    with pytest.raises(Abort):
        build_site(project, tmp_path / "two", env=EPOCH)
    assert "contains a link '../approches/injonction.md#extra', but the doc 'approches/injonction.fr.md' " \
           "does not contain an anchor '#extra'" in caplog.text


def test_warnings_of_a_reused_conversion_are_logged_again(tmp_path, caplog):
    """Without --strict a warning does not stop the build, and the conversion is kept: the next
    build still shows the warning (and a strict one still fails)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = sample_project(tmp_path / "project")
    samples.edit(project / "docs/contrastes/invitation.fr.md", "\n## ", "\nVoir [la page](absente.md).\n\n## ")
    message = "contains a link 'absente.md', but the target 'contrastes/absente.md' is not found among documentation files"
    for name in ("one", "two"):
        caplog.clear()
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / name), strict=False)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        assert message in caplog.text, name
    assert (project / ".cache/rse-markdown-fr.pickle").is_file()


# ---------------------------------------------------------------------------- the checked site

def test_files_digest_follows_any_write_even_one_that_keeps_size_and_modification_time(tmp_path):
    from rse.site import files_digest, list_pages

    docs = tmp_path / "docs"
    samples.write_docs(docs)
    page = docs / "contrastes/invitation.fr.md"
    listed = list_pages(docs)
    first = files_digest(listed, "fr")
    assert files_digest(list_pages(docs), "fr") == first  # same files, same state: same key
    assert files_digest(listed, "en") != first  # the settings count
    before = page.stat()
    page.write_text(page.read_text(encoding="utf-8").replace("order: 1", "order: 9"), encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))  # size and mtime as before (cp -p, tar x...)
    assert page.stat().st_size == before.st_size and page.stat().st_mtime_ns == before.st_mtime_ns
    assert files_digest(list_pages(docs), "fr") != first  # its change time moved
    (docs / "contrastes/nouveau.fr.md").write_text("---\n---\n", encoding="utf-8")
    assert [rel for rel, _ in list_pages(docs)] == sorted((p.relative_to(docs).as_posix() for p in docs.rglob("*.md")),
                                                          key=lambda rel: rel.split("/"))


def test_a_page_broken_after_a_warm_build_fails_the_next_one_naming_file_and_field(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    project = sample_project(tmp_path / "project")
    build_site(project, tmp_path / "cold", env=EPOCH)
    build_site(project, tmp_path / "warm", env=EPOCH)  # the checked site now comes from .cache/rse-site.pickle
    assert (project / ".cache/rse-site.pickle").stat().st_size > 0
    page = project / "docs/contrastes/invitation.fr.md"
    before = page.stat()
    page.write_text(page.read_text(encoding="utf-8").replace("order: 1", "order: x"), encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(Abort):
        build_site(project, tmp_path / "broken", env=EPOCH)
    assert "docs/contrastes/invitation.fr.md:4: field 'order': expected a whole number; found 'x'." in caplog.text
