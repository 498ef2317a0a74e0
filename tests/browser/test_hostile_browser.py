"""A title and a description full of markup, in Chromium: nothing of it runs, on the page, on its
neighbours (navigation, footer) or in the search results, and the reader sees the text as typed."""

from __future__ import annotations

import pytest

import samples
from sitebuild import build_site, sample_project
from staticserver import serve

from .conftest import guarded_page
from .test_i18n_browser import search

TITLE = 'Piège <img src=x onerror="window.rsePwned=1"><script>window.rsePwned=2</script> "q" & co'
DESCRIPTION = 'Résumé "cité" <svg onload="window.rsePwned=3"> & fin'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = sample_project(tmp_path_factory.mktemp("hostile-browser") / "project")
    path = project / "docs/contrastes/invitation.fr.md"
    quoted = lambda text: "'" + text.replace("'", "''") + "'"
    samples.edit(path, "title: Titre du contraste invitation\n", f"title: {quoted(TITLE)}\n")
    samples.edit(path, "description: Résumé de invitation.\n", f"description: {quoted(DESCRIPTION)}\n")
    build_site(project, project.parent / "site")
    with serve(project.parent / "site") as url:
        yield url


@pytest.fixture
def hostile_page(chromium, hostile_site):
    yield from guarded_page(chromium, hostile_site)


@pytest.mark.parametrize("address", ["contrastes/invitation/", "contrastes/but-commun/", "piliers/engagement/", ""])
def test_markup_in_a_title_runs_nowhere_and_reads_as_typed(hostile_page, hostile_site, address):
    page = hostile_page
    page.goto(hostile_site + address)
    page.wait_for_load_state("load")
    assert page.evaluate("window.rsePwned") is None
    if address == "contrastes/invitation/":
        assert page.title().startswith(TITLE + " - ")
        assert page.locator("[data-md-component=header-topic] .md-ellipsis").inner_text().strip() == TITLE
        assert page.locator("meta[name=description]").get_attribute("content") == DESCRIPTION
    if address == "contrastes/but-commun/":
        assert page.locator(".md-footer__link--prev .md-ellipsis").inner_text().strip() == TITLE


def test_markup_in_a_title_runs_nowhere_in_the_search_results(hostile_page, hostile_site):
    page = hostile_page
    page.goto(hostile_site)
    page.wait_for_load_state("load")
    _, paths = search(page, "Piège")
    assert "contrastes/invitation/" in paths
    titles = page.locator(".md-search-result__article h1").all_inner_texts()
    assert any(TITLE.replace("Piège", "").strip() in " ".join(t.split()) for t in titles), titles
    assert page.evaluate("window.rsePwned") is None


def test_the_policy_stops_what_the_sanitizer_would_have_missed(hostile_page, hostile_site):
    """The second layer (issue 19): if markup that runs ever reached a page, its Content-Security-Policy
    would refuse it. Written into the loaded page from outside it (as a sanitizer's miss would put
    it there): an inline script, an event attribute, a javascript: link that is clicked, and an
    image from another host. None runs, nothing leaves the site, and the theme's own scripts ran."""
    page = hostile_page
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(hostile_site + "contrastes/invitation/")
    page.wait_for_function("() => document.documentElement.classList.contains('js')")  # Material's inline script ran
    page.evaluate("""() => {
        const box = document.querySelector('article');
        const script = document.createElement('script'); script.textContent = 'window.rsePwned = 4'; box.append(script);
        box.insertAdjacentHTML('beforeend', '<img src="x.png" onerror="window.rsePwned = 5">'
            + '<a id="rse-trap" href="javascript:window.rsePwned = 6">trap</a>'
            + '<img src="https://tracker.example.net/pixel.png" alt="">');
    }""")
    page.click("#rse-trap")
    page.wait_for_timeout(300)
    assert page.evaluate("window.rsePwned") is None
    assert len(violations) >= 3, violations  # the script, the handler, the address (the image is refused as a request)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0] and "http" not in policy
