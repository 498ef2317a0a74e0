"""Fixture sites: the real mkdocs.yml, hooks, templates and schema with a small docs/ tree (tests/samples.py).

A broken page must stop the build (mkdocs.exceptions.PluginError, which MkDocs turns into Abort)
with a message naming the file, the line, the field, what was expected and what was found.
Each test here runs one MkDocs build (about a second or two); keep their number low.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError
from mkdocs.utils.meta import get_data

import samples
from sitebuild import build_site, sample_project
from sitehtml import link_target, page_path, soup_of

HEAD = r"^rse: the content has {n} problem\(s\):\n"


@pytest.fixture
def project(tmp_path) -> Path:
    project = sample_project(tmp_path / "project")
    return project


def failure(project: Path, **kw) -> str:
    """Build, expect a PluginError raised by the hook, return its message."""
    with pytest.raises((PluginError, Abort)) as exc_info:
        build_site(project, project.parent / "site", **kw)
    error: BaseException | None = exc_info.value
    while error is not None and not isinstance(error, PluginError):
        error = error.__cause__ or error.__context__
    assert isinstance(error, PluginError), f"the build failed, but not on a PluginError: {exc_info.value!r}"
    return str(error)


def doc(project: Path, name: str) -> Path:
    return project / "docs" / name


def test_yaml_that_does_not_parse_stops_the_build(project):
    path = doc(project, "contrastes/invitation.fr.md")
    samples.edit(path, "title: Titre du contraste invitation\n", "title: Titre : le contraste: invitation\n")
    # MkDocs alone would swallow it: the page would silently get no metadata at all
    assert get_data(path.read_text(encoding="utf-8"))[1] == {}
    line = samples.line_of(path, "title:")
    assert re.fullmatch(
        HEAD.format(n=1) + re.escape(f"docs/contrastes/invitation.fr.md:{line}: field '(front matter)': expected valid YAML; "
                                     "found a YAML error: mapping values are not allowed here."),
        failure(project))


def test_missing_field_stops_the_build(project):
    path = doc(project, "contrastes/but-commun.en.md")
    samples.edit(path, "description: Summary of but-commun.\n", "")
    message = failure(project)
    assert re.fullmatch(
        HEAD.format(n=1) + re.escape("docs/contrastes/but-commun.en.md:2: field 'description': expected this required field (")
        + r".+\); found nothing\.", message)


def test_mistyped_field_stops_the_build(project):
    path = doc(project, "piliers/engagement.fr.md")
    samples.edit(path, "order: 1\n", "order: premier\n")
    line = samples.line_of(path, "order:")
    assert failure(project) == ("rse: the content has 1 problem(s):\n"
                                f"docs/piliers/engagement.fr.md:{line}: field 'order': expected a whole number; found 'premier'.")


def test_id_used_twice_stops_the_build(project):
    for lang in samples.LANGS:
        copy = doc(project, f"contrastes/visibilite.{lang}.md")
        shutil.copy(doc(project, f"contrastes/invitation.{lang}.md"), copy)
        samples.edit(copy, "- id: invitation-volontariat", "- id: visibilite-exemple")
        samples.edit(copy, "order: 1\n", "order: 3\n")
    message = failure(project)
    assert message.startswith("rse: the content has 2 problem(s):\n")
    for lang in samples.LANGS:
        assert (f"docs/contrastes/visibilite.{lang}.md:2: field 'id': expected an id not used by another page "
                f"(it is already the id of docs/contrastes/invitation.{lang}.md); found 'invitation'.") in message.splitlines()


def test_reference_to_an_id_that_does_not_exist_stops_the_build(project):
    for lang in samples.LANGS:
        samples.edit(doc(project, f"piliers/engagement.{lang}.md"), "addresses:\n- invitation\n", "addresses:\n- nope\n")
    lines = failure(project).splitlines()
    assert lines[0] == "rse: the content has 2 problem(s):"
    for lang in samples.LANGS:
        line = samples.line_of(doc(project, f"piliers/engagement.{lang}.md"), "- nope")
        assert (f"docs/piliers/engagement.{lang}.md:{line}: field 'addresses[0]': expected the id of an existing contrast "
                f"(but-commun, invitation); found 'nope', which no page in '{lang}' declares.") in lines


def test_page_without_its_twin_stops_the_build(project):
    doc(project, "contrastes/but-commun.en.md").unlink()
    message = failure(project)
    assert re.fullmatch(
        HEAD.format(n=1) + re.escape("docs/contrastes/but-commun.en.md: field '(file)': expected a 'en' twin of "
                                     "docs/contrastes/but-commun.fr.md; found no such file.") + r" .*RSE_PREVIEW=1.*",
        message)


def test_twins_with_a_different_order_stop_the_build(project):
    path = doc(project, "contrastes/invitation.en.md")
    samples.edit(path, "order: 1\n", "order: 2\n")
    line = samples.line_of(path, "order:")
    message = failure(project)
    assert re.fullmatch(
        HEAD.format(n=1) + re.escape(f"docs/contrastes/invitation.en.md:{line}: field 'order': expected the same "
                                     "language-independent value as its twin docs/contrastes/invitation.fr.md (1); found 2.")
        + r" Twins share .*", message)


def test_twins_with_a_different_stance_stop_the_build(project):
    path = doc(project, "contrastes/but-commun.en.md")
    samples.edit(path, "stance: nuances", "stance: agrees")
    line = samples.line_of(path, "remarks:")
    message = failure(project)
    assert re.fullmatch(
        HEAD.format(n=1) + re.escape(
            f"docs/contrastes/but-commun.en.md:{line}: field 'remarks': expected the same language-independent value as its "
            "twin docs/contrastes/but-commun.fr.md ([('but-commun-nuance', 'personal', 'nuances')]); "
            "found [('but-commun-nuance', 'personal', 'agrees')].") + r" Twins share .*", message)


def _row_ids(page: Path) -> list[str]:
    return [tr["data-id"] for tr in soup_of(page).select("[data-rse=comparison-table] tbody tr")]


def test_a_new_contrast_pair_appears_everywhere_with_no_other_edit(project):
    new_title = {"fr": "Visibilité du travail", "en": "Work made visible"}
    for lang in samples.LANGS:
        copy = doc(project, f"contrastes/visibilite.{lang}.md")
        shutil.copy(doc(project, f"contrastes/invitation.{lang}.md"), copy)
        samples.edit(copy, "id: invitation\n", "id: visibilite\n")
        samples.edit(copy, "order: 1\n", "order: 3\n")
        samples.edit(copy, "- id: invitation-volontariat", "- id: visibilite-exemple")
        samples.edit(copy, "\ntitle: ", f"\ntitle: {new_title[lang]} ")
        plan = doc(project, f"contrastes/visibilite/atelier.{lang}.md")  # and its printable plan, beside it
        plan.parent.mkdir(exist_ok=True)
        shutil.copy(doc(project, f"contrastes/invitation/atelier.{lang}.md"), plan)
        samples.edit(plan, "id: invitation-atelier\n", "id: visibilite-atelier\n")
        samples.edit(plan, "plan_of: invitation\n", "plan_of: visibilite\n")
    site = project.parent / "site"
    build_site(project, site)
    for lang in samples.LANGS:
        contrast = page_path(site, "contrastes/visibilite", lang)
        assert contrast.is_file()
        assert soup_of(contrast).select_one("#remark-visibilite-exemple") is not None
        plan = soup_of(page_path(site, "contrastes/visibilite/atelier", lang)).select_one("[data-rse=plan]")
        assert plan is not None and new_title[lang] in plan.select_one(".rse-plan__of a").get_text()
        # comparison table: a third row, after the two existing ones, linking to the new page
        table = page_path(site, "contrastes/index", lang)
        assert _row_ids(table) == ["invitation", "but-commun", "visibilite"]
        row = soup_of(table).select_one("[data-rse=comparison-table] tr[data-id=visibilite]")
        assert new_title[lang] in row.get_text(" ") or new_title[lang] in row.a.get("title", "")
        assert link_target(site, table, row.a["href"])[0] == contrast
        # matrix: a third contrast column before the approaches; no pillar addresses it yet
        matrix = soup_of(page_path(site, "piliers/index", lang)).select_one("[data-rse=matrix]")
        assert [th["data-id"] for th in matrix.select("thead th[data-id]")] == ["invitation", "but-commun", "visibilite", "injonction"]
        cell = matrix.select_one("tbody tr[data-id=engagement] td[data-col=visibilite]")
        assert cell is not None and "rse-matrix__cell--yes" not in cell["class"]
        # commentary index: its remark, in contrast order, linking to the remark on the new page
        commentary = page_path(site, "commentaire", lang)
        entries = soup_of(commentary).select("[data-rse=commentary-index] [data-remark]")
        assert [e["data-remark"] for e in entries] == ["invitation-volontariat", "but-commun-nuance", "visibilite-exemple"]
        hrefs = [a["href"] for a in entries[-1].find_all("a")]
        assert (contrast, "remark-visibilite-exemple") in [link_target(site, commentary, h) for h in hrefs]


def test_preview_allows_a_missing_twin(project):
    # 'invitation' has no English page yet, although the English pillar addresses it
    doc(project, "contrastes/invitation.en.md").unlink()
    site = project.parent / "site"
    build_site(project, site, env={"RSE_PREVIEW": "1"})
    fallback = page_path(site, "contrastes/invitation", "en")
    assert fallback.is_file(), "the English build shows the French page in its place"
    assert soup_of(fallback).select_one("[data-rse=comparison] #claim-enterprise") is not None
    table = page_path(site, "contrastes/index", "en")
    assert _row_ids(table) == ["invitation", "but-commun"]
    row = soup_of(table).select_one("[data-rse=comparison-table] tr[data-id=invitation]")
    assert link_target(site, table, row.a["href"])[0] == fallback
    pillar = page_path(site, "piliers/engagement", "en")
    links = [link_target(site, pillar, a["href"])[0] for a in soup_of(pillar).select("[data-rse=relations] a")]
    assert fallback in links
