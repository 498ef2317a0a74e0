"""The real site, built once (``built_site``), checked against the content it was built from.

Expectations come from the front matter parsed with the engine (rse.site.load_site) and from the
docs/ file list; only structural facts are hard-coded: the six contrasts in order, four failing
approaches, four pillars, the languages fr (default, at /) and en (at /en/).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from rse.siteurl import configured as configured_site_url
from sitebuild import ROOT
from rse.uistrings import ui_strings
from rse.site import load_site
from sitehtml import ids, link_target, page_path, prose, resolve, soup_of

DOCS = ROOT / "docs"
LANGS = ("fr", "en")
DEFAULT = "fr"
CONTRASTS = ["invitation", "but-commun", "reciprocite", "controle", "simplicite", "evolution"]
N_APPROACHES = 4
N_PILLARS = 4
SITE_URL = configured_site_url(ROOT / "mkdocs.yml")  # SITE_URL, or the placeholder of mkdocs.yml
OWN_HOST = urlsplit(SITE_URL).netloc


def bases(lang: str) -> set[str]:
    return {p.relative_to(DOCS).as_posix()[: -len(f".{lang}.md")] for p in DOCS.rglob(f"*.{lang}.md")}


BASES = sorted(bases("fr") | bases("en"))
PAGES = [(lang, base) for base in BASES for lang in LANGS]


@pytest.fixture(scope="module")
def data(built_site):
    """The content as the engine reads it (loaded right after the build)."""
    return load_site(DOCS, LANGS, DEFAULT)


@cache
def parsed(path: Path):
    return soup_of(path)


def own_print(path: Path) -> bool:
    """The page is of a kind that lays out its own paper (rse.kinds.Kind.own_print): the card deck."""
    from rse import kinds
    return parsed(path).select_one(".rse-deck") is not None and kinds.of("cards").own_print


def content(path: Path):
    """The page's own content (Material's article), without header, navigation and footer."""
    article = parsed(path).select_one("article.md-content__inner")
    assert article is not None, path
    return article


def test_structural_facts(data):
    for lang in LANGS:
        assert [p.id for p in data.by_kind(lang, "contrast")] == CONTRASTS
        assert len(data.by_kind(lang, "approach")) == N_APPROACHES
        assert len(data.by_kind(lang, "pillar")) == N_PILLARS
    assert len(BASES) > len(CONTRASTS) + N_APPROACHES + N_PILLARS


@pytest.mark.parametrize(("lang", "base"), PAGES)
def test_every_page_is_built_in_both_languages(built_site, lang, base):
    path = page_path(built_site, base, lang)
    assert path.is_file(), f"{base} has no {lang} page at {path.relative_to(built_site)}"
    assert (DOCS / f"{base}.{lang}.md").is_file(), f"{base}.{lang}.md is missing: the page would be a fallback copy"


@pytest.mark.parametrize(("lang", "base"), PAGES)
def test_html_lang_is_the_page_language(built_site, lang, base):
    assert parsed(page_path(built_site, base, lang)).html["lang"] == lang


@pytest.mark.parametrize(("lang", "base"), PAGES)
def test_stylesheets_for_paper_do_not_hold_the_first_paint(built_site, lang, base):
    path = page_path(built_site, base, lang)
    sheets = {link["href"].rsplit("/", 1)[-1]: link.get("media")
              for link in parsed(path).find_all("link", rel="stylesheet")}
    if own_print(path):  # the card deck lays out its own paper (rse.kinds.Kind.own_print): no print.css
        assert "print.css" not in sheets, sheets
    else:
        assert sheets.get("print.css") == "print", sheets  # downloaded, but not render-blocking on screen
    # One stylesheet of the site's own for the screen: each render-blocking one costs a round trip.
    blocking = sorted(re.sub(r"\.[0-9a-f]{8}\.min\.css$", ".css", name) for name, media in sheets.items() if media is None)
    assert blocking == ["main.css", "palette.css", "rse.css"], blocking


# --- comparison table ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_comparison_table_rows(built_site, data, lang):
    path = page_path(built_site, "contrastes/index", lang)
    rows = content(path).select("[data-rse=comparison-table] tbody tr")
    assert [r["data-id"] for r in rows] == CONTRASTS
    for row in rows:
        page = data.page(lang, row["data-id"])
        target, _ = link_target(built_site, path, row.th.a["href"])
        assert target == page_path(built_site, page.base, lang)
        cells = row.find_all("td")
        assert [c.select_one(".rse-badge") is not None for c in cells] == [page.claim(s).implied for s in ("personal", "enterprise")]
        for side, cell in zip(("personal", "enterprise"), cells):
            assert prose(page.claim(side).text) in prose(cell.get_text())
            remarks_link = cell.select_one("a.rse-table__remarks")
            n = len(page.remarks_on(side))
            assert (remarks_link is not None) == bool(n)
            if n:
                assert re.search(rf"\b{n}\b", remarks_link.get_text())
                assert link_target(built_site, path, remarks_link["href"]) == (page_path(built_site, page.base, lang), f"claim-{side}")


# --- matrix --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_matrix(built_site, data, lang):
    path = page_path(built_site, "piliers/index", lang)
    matrix = content(path).select_one("[data-rse=matrix]")
    approaches = [p.id for p in data.by_kind(lang, "approach")]
    pillars = data.by_kind(lang, "pillar")
    columns = matrix.select("thead th[data-id]")
    assert [c["data-id"] for c in columns] == CONTRASTS + approaches
    for column in columns:
        assert link_target(built_site, path, column.a["href"])[0] == page_path(built_site, data.page(lang, column["data-id"]).base, lang)
    rows = matrix.select("tbody tr")
    assert [r["data-id"] for r in rows] == [p.id for p in pillars]
    for row, pillar in zip(rows, pillars):
        assert link_target(built_site, path, row.th.a["href"])[0] == page_path(built_site, pillar.base, lang)
        cells = row.find_all("td")
        assert [c["data-col"] for c in cells] == CONTRASTS + approaches
        marked = {c["data-col"] for c in cells if "rse-matrix__cell--yes" in c["class"]}
        assert marked == set(pillar.addresses) | set(pillar.answers)


# --- remarks -------------------------------------------------------------------------------------

def remarks(data):
    return [(lang, page, remark) for lang in LANGS for page in data.of(lang).values() for remark in page.remarks]


def test_the_site_has_remarks(data):
    assert remarks(data), "the source review has remarks; none were found in the front matter"


def test_every_remark_is_shown_inside_the_claim_it_annotates(built_site, data):
    labels = {lang: {s: ui_strings()[lang][f"stance.{s}"] for s in ("agrees", "nuances", "disagrees")} for lang in LANGS}
    for lang, page, remark in remarks(data):
        path = page_path(built_site, page.base, lang)
        found = content(path).select(f"#remark-{remark.id}")
        assert len(found) == 1, f"{path}: #remark-{remark.id} appears {len(found)} time(s)"
        aside = found[0]
        claim = aside.find_parent(id=re.compile(r"^claim-"))
        assert claim is not None and claim["id"] == f"claim-{remark.annotates}", (path, remark.id)
        stance = prose(aside.select_one(".rse-stance").get_text(" ", strip=True))

        def says(label: str, stance: str = stance) -> bool:
            return re.search(rf"(?<!\w){re.escape(label)}(?!\w)", stance) is not None

        assert says(labels[lang][remark.stance]), (path, remark.id, stance)
        for other in LANGS:
            if other != lang and labels[other][remark.stance] != labels[lang][remark.stance]:
                assert not says(labels[other][remark.stance]), (path, remark.id, stance)
        assert prose(remark.text) in prose(aside.get_text())


@pytest.mark.parametrize("lang", LANGS)
def test_commentary_index_lists_every_remark_with_working_links(built_site, data, lang):
    path = page_path(built_site, "commentaire", lang)
    entries = content(path).select("[data-rse=commentary-index] [data-remark]")
    assert [e["data-remark"] for e in entries] == [r.id for _, r in data.all_remarks(lang)]
    for entry, (page, remark) in zip(entries, data.all_remarks(lang)):
        targets = {link_target(built_site, path, a["href"]) for a in entry.find_all("a")}
        on_page = page_path(built_site, page.base, lang)
        assert (on_page, f"remark-{remark.id}") in targets
        assert (on_page, f"claim-{remark.annotates}") in targets


@pytest.mark.parametrize("lang", LANGS)
def test_dated_context_travels_with_its_remark(built_site, data, lang):
    """A remark's dated context (the CNIL declaration, abolished in 2018) is shown, labelled as our
    note, wherever the remark is: under the claim on its page and in the commentary index."""
    dated = [(page, remark) for page, remark in data.all_remarks(lang) if remark.context]
    assert "controle-cnil" in [remark.id for _, remark in dated]
    label = ui_strings()[lang]["remark_context"]
    index = content(page_path(built_site, "commentaire", lang))
    for page, remark in dated:
        entry = index.select_one(f"[data-rse=commentary-index] [data-remark={remark.id}]")
        aside = content(page_path(built_site, page.base, lang)).select_one(f"#remark-{remark.id}")
        for where in (entry, aside):
            note = where.select_one(".rse-remark__context")
            assert note is not None and prose(label) in prose(note.get_text()), (lang, remark.id)
            assert prose(remark.context) in prose(note.get_text()), (lang, remark.id)
    assert "2018" in next(r.context for _, r in dated if r.id == "controle-cnil")


# --- language switcher, lang, links --------------------------------------------------------------

@pytest.mark.parametrize(("lang", "base"), PAGES)
def test_language_switcher_points_to_the_twin(built_site, lang, base):
    path = page_path(built_site, base, lang)
    links = parsed(path).select("a.md-select__link[hreflang]")
    assert sorted(a["hreflang"] for a in links) == sorted(LANGS)
    for a in links:
        target, _ = link_target(built_site, path, a["href"])
        assert target == page_path(built_site, base, a["hreflang"]), (path, a["href"])


def _internal_refs(soup):
    for tag in soup.find_all(["a", "link", "script", "img", "source", "iframe"]):
        for attr in ("href", "src"):
            if tag.get(attr):
                yield tag, tag[attr]


@pytest.mark.parametrize(("lang", "base"), PAGES)
def test_every_internal_link_resolves(built_site, lang, base):
    path = page_path(built_site, base, lang)
    broken = []
    for _tag, href in _internal_refs(parsed(path)):
        parts = urlsplit(href)
        if parts.scheme in ("mailto", "tel", "data", "javascript"):
            continue
        if parts.netloc == OWN_HOST:  # absolute URL of this very site (canonical)
            href = parts.path + (f"#{parts.fragment}" if parts.fragment else "")
        elif parts.scheme or parts.netloc:
            continue
        target, fragment = resolve(built_site, path, href)
        if not target.is_file():
            broken.append(f"{href} -> missing {target}")
        elif fragment and target.suffix == ".html" and fragment not in ids(parsed(target)):
            broken.append(f"{href} -> no id {fragment!r} in {target.relative_to(built_site)}")
    assert not broken, f"{path.relative_to(built_site)}:\n" + "\n".join(broken)


@pytest.mark.parametrize(("lang", "base"), PAGES)
def test_ids_are_unique_on_each_page(built_site, lang, base):
    path = page_path(built_site, base, lang)
    seen = [tag["id"] for tag in parsed(path).find_all(id=True)]
    assert sorted({i for i in seen if seen.count(i) > 1}) == []


def test_no_request_to_a_third_party_host(built_site):
    offenders = []
    for path in sorted(built_site.rglob("*")):
        if path.suffix in (".css", ".js", ".html") and re.search(r"fonts\.(googleapis|gstatic)\.com", path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(built_site)}: Google Fonts")
    for path in sorted(built_site.rglob("*.html")):
        for tag in parsed(path).find_all(["link", "script", "img", "source", "iframe", "video", "audio", "embed"]):
            if tag.name == "link" and set(tag.get("rel", [])) & {"canonical", "alternate"}:
                continue  # not fetched by the browser
            for attr in ("href", "src", "srcset"):
                host = urlsplit(tag.get(attr, "")).netloc
                if host and host != OWN_HOST:
                    offenders.append(f"{path.relative_to(built_site)}: <{tag.name} {attr}={tag[attr]!r}>")
    assert offenders == []


@pytest.mark.parametrize("base", BASES)
def test_twins_use_the_same_heading_ids(built_site, base):
    heads = {lang: [h["id"] for h in content(page_path(built_site, base, lang)).find_all(["h2", "h3", "h4", "h5", "h6"]) if h.get("id")]
             for lang in LANGS}
    assert heads["fr"] == heads["en"]


@pytest.mark.parametrize("base", BASES)
def test_content_links_stay_in_the_language_and_match_the_twin(built_site, base):
    """Links in the content of a page go to pages of its own language; both twins link to the same places."""
    def targets(lang):
        path = page_path(built_site, base, lang)
        root = built_site if lang == DEFAULT else built_site / lang
        out = set()
        for a in content(path).find_all("a", href=True):
            resolved = resolve(built_site, path, a["href"])
            if resolved is None or "headerlink" in a.get("class", []):
                continue
            target, fragment = resolved
            inside = target.is_relative_to(root) and (lang != DEFAULT or not any(
                target.is_relative_to(built_site / other) for other in LANGS if other != DEFAULT))
            assert inside, f"{path.relative_to(built_site)}: {a['href']!r} leaves the '{lang}' site"
            out.add((target.relative_to(root).as_posix(), fragment))
        return out
    assert targets("fr") == targets("en")
