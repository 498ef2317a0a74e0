"""Property-based tests of hostile input (Hypothesis): generated text with quotes, angle brackets,
ampersands, Markdown and Jinja syntax, control characters, long runs and non-ASCII goes into page
titles and descriptions, the glossary and file names. The build either refuses it with located
messages (file, line, field) or publishes the text exactly, as text, wherever it appears: head,
navigation, header, footer, body, search index, sitemap.

Bounded for CI: derandomized (the same examples at every run), few examples per site build.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort, PluginError

import samples
from sitebuild import build_site, sample_project
from rse import glossary, typography
from rse.themetext import theme_text
from rse.errors import ContentError
from rse.frontmatter import parse
from rse.validate import check_schema

INVITATION = "docs/contrastes/invitation.fr.md"
# One located line: 'file[:line]: field '...': expected ...; found ....[ what to do]'
LOCATED = re.compile(r"(?:docs/|includes/|redirects\.yml|translations\.yml)[^\n]*?(?::\d+)?: field '[^\n]*': expected [^\n]+; found [^\n]*\.")

TOKENS = st.sampled_from([
    '"', "'", "<", ">", "&", "&amp;", "&lt;", "<script>alert(1)</script>", "<details open>", "</title>", "<!--", "-->",
    "{{ 7*7 }}", "{% raw %}", "{#", "#}", "*", "_", "`", "[x](javascript:alert(1))", "![", "]", "\\", "|", ":", "#",
    "{#a", "{: .x}", "*[", "]:", "\x07", "\x1b", "\u2028", "\ufeff", "é", "€", "✓", "日本", "\U0001f600", "a" * 300, "x", " ",
])


def hostile_text(min_size: int = 1, max_size: int = 8):
    return st.lists(TOKENS, min_size=min_size, max_size=max_size).map("".join).map(str.strip).filter(bool)


def located(message: str) -> list[str]:
    """The problem lines of a refusal; each must be located."""
    lines = [line.strip() for line in message.splitlines()[1:] if line.strip()]
    assert lines, message
    for line in lines:
        assert LOCATED.match(line), f"not a located message: {line!r}"
    return lines


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return sample_project(tmp_path_factory.mktemp("properties") / "project")


def fresh(pristine: Path, tmp: Path) -> Path:
    target = tmp / "project"
    if target.parent.exists():
        shutil.rmtree(target.parent)
    return Path(shutil.copytree(pristine, target))


def build_or_refusal(project: Path) -> tuple[Path | None, str]:
    site = project.parent / "site"
    try:
        build_site(project, site)
    except (PluginError, Abort) as exc:
        error: BaseException | None = exc
        while error is not None and not isinstance(error, PluginError):
            error = error.__cause__ or error.__context__
        assert isinstance(error, PluginError), f"the build failed, but not on a located PluginError: {exc!r}"
        return None, str(error)
    return site, ""


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# No shrinking: each example is a whole site build; the first failing example is reported as found.
SITE_BUILDS = settings(max_examples=8, deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate],
                       suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SITE_BUILDS
@given(title=hostile_text(), description=hostile_text(), definition=hostile_text(),
       term=st.sampled_from(["RSE", "C++", "Q&R", "a<b", "x\\y", "[x", "é", "\"q\""]))
def test_front_matter_and_glossary_text_is_refused_located_or_published_as_text(pristine, tmp_path_factory, title, description,
                                                                                  definition, term):
    project = fresh(pristine, tmp_path_factory.mktemp("t"))
    path = project / INVITATION
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    meta["title"], meta["description"] = title, description
    body = text.split("---\n", 2)[2].replace("<!-- rse:signs -->", f"Le terme {term} ici.\n\n<!-- rse:signs -->")
    path.write_text(samples.page_text(meta, body), encoding="utf-8")
    (project / "includes").mkdir(exist_ok=True)
    (project / "includes/glossary.fr.md").write_text(f"*[{term}]: {definition}\n", encoding="utf-8")
    site, refusal = build_or_refusal(project)
    event("refused" if site is None else "published")
    if site is None:
        assert all(line.startswith((INVITATION, "includes/glossary.fr.md:1: ")) for line in located(refusal))
        return
    page = soup(site / "contrastes/invitation/index.html")
    # The French pages' text, the attributes readers see and the search index are typeset
    # (rse.typography: no-break spaces, curly apostrophes); otherwise as typed.
    def typeset(text: str) -> str:
        return html.unescape(typography.french(str(theme_text(text))))

    shown_as = typeset(title)
    # head
    assert page.title.string.startswith(shown_as + " - ")
    assert page.find("meta", attrs={"name": "description"})["content"] == typeset(description)
    assert page.find("meta", attrs={"property": "og:title"})["content"] == shown_as
    assert page.find("meta", attrs={"property": "og:description"})["content"] == typeset(description)
    # header, navigation, footer of the next page
    assert page.select_one("[data-md-component=header-topic] .md-ellipsis").get_text().strip() == shown_as.strip()
    assert not page.select("details") and not [s for s in page.select("script") if "alert" in s.get_text()]
    neighbour = soup(site / "contrastes/but-commun/index.html")
    assert any(a.get_text().strip() == shown_as.strip() for a in neighbour.select("nav.md-nav a"))
    assert neighbour.select_one(".md-footer__link--prev .md-ellipsis").get_text().strip() == shown_as.strip()
    # body: generated content of another page (the contrasts a pillar addresses), the glossary's abbreviations
    assert typography.french_text(title) in soup(site / "piliers/engagement/index.html").select_one("article").get_text()
    assert "*[" not in page.select_one("article").get_text()  # a glossary line is never appended as text
    # Python-Markdown keeps character references in attributes, as in Markdown text: '&lt;' reads '<'
    expected = html.unescape(glossary.parse(f"*[{term}]: {definition}\n", "g")[0].definition)
    assert all(a["title"] == expected for a in page.select("article abbr"))
    # search index: the result list renders the title as HTML, so it must read as typed (and typeset)
    entries = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    shown = [BeautifulSoup(e["title"], "html.parser").get_text() for e in entries if e["location"] == "contrastes/invitation/"]
    assert shown == [shown_as]


@SITE_BUILDS
@given(name=st.one_of(
    st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True),
    st.text(alphabet=st.sampled_from(list("ab-_ .É<>&\"'%#?;=+~") + ["\u00e9", "\u0301"]), min_size=1, max_size=12),
).filter(lambda n: not n.startswith(".")))
def test_file_names_are_refused_located_or_published_at_a_plain_address(pristine, tmp_path_factory, name):
    project = fresh(pristine, tmp_path_factory.mktemp("f"))
    for lang in ("fr", "en"):
        (project / "docs" / f"{name}.{lang}.md").write_text(samples.page_text(
            samples.simple_meta(lang, id="hostile-name", kind="sources", order=50), "\n# Page\n"), encoding="utf-8")
    site, refusal = build_or_refusal(project)
    event("refused" if site is None else "published")
    if site is None:
        assert any(f"docs/{name}." in line for line in located(refusal))
        return
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name)
    assert (site / name / "index.html").is_file()
    assert f"/{name}/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")


# --- engine only, many more examples (no build) ---------------------------------------------------

YAML_TOKENS = st.sampled_from([
    "a", "title", "id", ":", ": ", "\n", "  ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!python/object:os.system ", "!!binary ",
    "'", '"', "#", "|", ">", "? ", "1", "2020-01-01", "true", "~", "<<: ", "%", "@", "`", "\t", "\x00", "\x85", "é", "---", "...",
])


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(front_matter=st.lists(YAML_TOKENS, max_size=40).map("".join))
def test_front_matter_is_parsed_or_refused_located_never_a_traceback(front_matter):
    try:
        source = parse(f"---\n{front_matter}\n---\nbody\n", INVITATION)
        problems = check_schema(source)
    except ContentError as exc:
        problems = exc.problems
    for problem in problems:
        assert LOCATED.match(str(problem)), str(problem)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(text=st.lists(st.one_of(TOKENS, st.sampled_from(["\n", "*[", "]: ", "{lang=en}", "<!--", "-->", '""'])), max_size=30).map("".join))
def test_glossary_text_is_parsed_or_refused_located(text):
    try:
        entries = glossary.parse(text, "includes/glossary.fr.md")
    except ContentError as exc:
        for problem in exc.problems:
            assert LOCATED.match(str(problem)), str(problem)
        return
    for entry in entries:  # what is kept is what Python-Markdown's abbr reads back from the line written for it
        import markdown

        md = markdown.Markdown(extensions=["abbr"])
        html = md.convert(f"{entry.term} x\n\n" + glossary.as_markdown((entry,)))
        assert "*[" not in html
