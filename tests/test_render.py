"""rse.render: generated HTML fragments from a small in-memory Site, with a fake url_for.

Fragments are parsed with BeautifulSoup; assertions are on structure (data-*, ids, classes, hrefs)
and on the data put in, not on a copy of a previous output.
"""

from __future__ import annotations

import dataclasses

import re

import pytest
from bs4 import BeautifulSoup

import rse.uistrings as uistrings
from rse import render
from rse.errors import ContentError
from rse.model import Claim, PageData, Remark, Site

EVIL = '<script>alert(1)</script> "quotes" & ampersands'


def url_for(page_id: str, anchor: str | None) -> str:
    return f"/fake/{page_id}/" + (f"#{anchor}" if anchor else "")


def make_site(lang: str = "en", text=lambda s: s) -> Site:
    """Two contrasts (declared out of order), one approach, one pillar, plus the pages that show them."""

    def page(**kw) -> PageData:
        kw.setdefault("description", text(f"description of {kw['id']}"))
        kw.setdefault("label", text(f"label {kw['id']}"))
        return PageData(file=f"docs/{kw['id']}.{lang}.md", base=kw["id"], lang=lang, title=text(f"title of {kw['id']}"), **kw)

    pages = [
        page(id="but-commun", kind="contrast", order=2,
             claims=(Claim("personal", text("but-commun personal")), Claim("enterprise", text("but-commun enterprise"), implied=True)),
             remarks=(Remark("but-commun-r1", "personal", "disagrees", text("remark but-commun-r1")),),
             questions=(text("q1"), text("q2")), signs=(text("s1"),), markers=("claims", "questions", "signs", "relations")),
        page(id="invitation", kind="contrast", order=1,
             claims=(Claim("personal", text("invitation personal")), Claim("enterprise", text("invitation enterprise"))),
             remarks=(Remark("invitation-r1", "enterprise", "agrees", text("remark invitation-r1")),
                      Remark("invitation-r2", "enterprise", "nuances", text("remark invitation-r2"))),
             questions=(text("q"),), signs=(text("s"),), related=("engagement",),
             markers=("claims", "questions", "signs", "relations")),
        page(id="injonction", kind="approach", order=1,
             claims=(Claim("approach", text("injonction approach")),),
             remarks=(Remark("injonction-r1", "approach", "agrees", text("remark injonction-r1")),),
             questions=(text("q"),), signs=(text("s"),), markers=("claims", "questions", "signs", "relations")),
        page(id="engagement", kind="pillar", order=1,
             claims=(Claim("pillar", text("engagement pillar")),),
             answers=("injonction",), addresses=("but-commun",),
             questions=(text("q"),), signs=(text("s"),), markers=("claims", "questions", "signs", "relations")),
        page(id="contrasts", kind="overview", order=10, markers=("comparison-table",)),
        page(id="pillars", kind="pillars", order=30, markers=("matrix", "list:pillar")),
        page(id="commentary", kind="commentary", order=40, markers=("commentary-index",)),
    ]
    site = Site(languages=("fr", "en"), default_language="fr")
    site.pages[lang] = {p.id: p for p in pages}
    return site


def ctx(site: Site, page_id: str, lang: str = "en") -> render.Context:
    return render.Context(site=site, lang=lang, page=site.page(lang, page_id), url_for=url_for)


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def t(lang: str, key: str) -> str:
    return uistrings.ui_strings()[lang][key]


# --- comparison table ----------------------------------------------------------------------------

def test_table_has_one_row_per_contrast_in_order_with_links():
    site = make_site()
    table = parse(render.comparison_table(ctx(site, "contrasts")))
    rows = table.select("tbody tr")
    assert [r["data-id"] for r in rows] == ["invitation", "but-commun"]
    for row in rows:
        page = site.page("en", row["data-id"])
        link = row.th.a
        assert link["href"] == url_for(page.id, None)
        assert page.title in (link.get_text(strip=True), link.get("title"))
        cells = row.find_all("td")
        assert len(cells) == 2
        for cell, claim in zip(cells, (page.claim("personal"), page.claim("enterprise"))):
            assert claim.text in cell.get_text()


def test_table_marks_implied_claims_only():
    site = make_site()
    table = parse(render.comparison_table(ctx(site, "contrasts")))
    badges = {(tr["data-id"], i) for tr in table.select("tbody tr") for i, td in enumerate(tr.find_all("td"))
              if td.select_one(".rse-badge")}
    assert badges == {("but-commun", 1)}
    badge = table.select_one("tr[data-id=but-commun] .rse-badge")
    assert badge.get_text(strip=True) == t("en", "implied")


def test_table_counts_remarks_per_claim_and_links_to_the_claim():
    site = make_site()
    table = parse(render.comparison_table(ctx(site, "contrasts")))
    found = {}
    for tr in table.select("tbody tr"):
        for side, td in zip(("personal", "enterprise"), tr.find_all("td")):
            link = td.select_one("a.rse-table__remarks")
            if link is not None:
                found[(tr["data-id"], side)] = (re.findall(r"\d+", link.get_text()), link["href"])
    assert found == {
        ("invitation", "enterprise"): (["2"], url_for("invitation", "claim-enterprise")),
        ("but-commun", "personal"): (["1"], url_for("but-commun", "claim-personal")),
    }


def test_table_uses_the_language_of_the_context():
    for lang in ("fr", "en"):
        site = make_site(lang)
        table = parse(render.comparison_table(ctx(site, "contrasts", lang)))
        assert table.caption.get_text(strip=True) == t(lang, "table.caption")
        assert [th.get_text(strip=True) for th in table.select("thead th")][1:] == [t(lang, "side.personal"), t(lang, "side.enterprise")]


# --- matrix --------------------------------------------------------------------------------------

def test_matrix_columns_rows_and_cells():
    site = make_site()
    matrix = parse(render.matrix(ctx(site, "pillars")))
    columns = matrix.select("thead th[data-id]")
    assert [c["data-id"] for c in columns] == ["invitation", "but-commun", "injonction"]
    for column in columns:
        assert column.a["href"] == url_for(column["data-id"], None)
        assert column.a.get_text(strip=True) == site.page("en", column["data-id"]).label
    [row] = matrix.select("tbody tr")
    assert row["data-id"] == "engagement"
    assert row.th.a["href"] == url_for("engagement", None)
    cells = {td["data-col"]: td for td in row.find_all("td")}
    assert list(cells) == ["invitation", "but-commun", "injonction"]
    yes = {col for col, td in cells.items() if "rse-matrix__cell--yes" in td["class"]}
    assert yes == {"but-commun", "injonction"}  # addresses + answers
    for col, td in cells.items():
        assert td.select_one(".rse-sr-only").get_text() == t("en", "matrix.yes" if col in yes else "matrix.no")
    group_spans = [int(th["colspan"]) for th in matrix.select("thead th[scope=colgroup]")]
    assert group_spans == [2, 1]


# --- commentary index ----------------------------------------------------------------------------

def test_commentary_index_lists_every_remark_in_site_order():
    site = make_site()
    index = parse(render.commentary_index(ctx(site, "commentary")))
    entries = index.select("[data-remark]")
    # contrasts by order, then approaches, then pillars; a page's remarks in declared order
    assert [e["data-remark"] for e in entries] == ["invitation-r1", "invitation-r2", "but-commun-r1", "injonction-r1"]
    for entry in entries:
        source, remark = next((p, r) for p in site.of("en").values() for r in p.remarks if r.id == entry["data-remark"])
        hrefs = [a["href"] for a in entry.find_all("a")]
        assert url_for(source.id, f"remark-{remark.id}") in hrefs
        assert url_for(source.id, f"claim-{remark.annotates}") in hrefs
        text = entry.get_text(" ")
        assert source.claim(remark.annotates).text in text
        assert remark.text in text
        assert t("en", f"stance.{remark.stance}") in entry.select_one(".rse-stance").get_text()


# --- claims, relations, lists --------------------------------------------------------------------

def test_claims_put_each_remark_inside_the_claim_it_annotates():
    site = make_site()
    for page_id in ("invitation", "but-commun", "injonction", "engagement"):
        page = site.page("en", page_id)
        html = parse(render.claims(ctx(site, page_id)))
        assert [s["id"] for s in html.select("section[id^=claim-]")] == [f"claim-{c.key}" for c in page.claims]
        for remark in page.remarks:
            aside = html.select_one(f"#remark-{remark.id}")
            assert aside is not None
            assert aside.find_parent("section")["id"] == f"claim-{remark.annotates}"
            assert t("en", f"stance.{remark.stance}") in aside.get_text()
            assert remark.text in aside.get_text()
        for claim in page.claims:
            section = html.select_one(f"#claim-{claim.key}")
            assert claim.text in section.get_text()
            assert (section.select_one(".rse-badge") is not None) == claim.implied


def test_relations_of_a_pillar_and_of_what_it_answers():
    site = make_site()
    pillar = parse(render.relations(ctx(site, "engagement")))
    assert [a["href"] for a in pillar.find_all("a")] == [url_for("injonction", None), url_for("but-commun", None)]
    approach = parse(render.relations(ctx(site, "injonction")))
    assert [a["href"] for a in approach.find_all("a")] == [url_for("engagement", None)]
    # invitation is not addressed by the pillar, but lists it as related
    invitation = parse(render.relations(ctx(site, "invitation")))
    assert url_for("engagement", None) in [a["href"] for a in invitation.find_all("a")]


def test_questions_are_ordered_and_signs_are_not():
    site = make_site()
    questions = parse(render.questions(ctx(site, "but-commun")))
    assert questions.find("ol") is not None
    assert [li.get_text() for li in questions.find_all("li")] == ["q1", "q2"]
    signs = parse(render.signs(ctx(site, "but-commun")))
    assert signs.find("ul") is not None and [li.get_text() for li in signs.find_all("li")] == ["s1"]


def test_page_list_in_order():
    site = make_site()
    listing = parse(render.page_list(ctx(site, "pillars"), "contrast"))
    assert [li["data-id"] for li in listing.find_all("li")] == ["invitation", "but-commun"]
    assert [li.a["href"] for li in listing.find_all("li")] == [url_for("invitation", None), url_for("but-commun", None)]


def test_fill_markers_replaces_marker_lines_only():
    site = make_site()
    text = "## T\n\n<!-- rse:matrix -->\n\nafter `<!-- rse:matrix -->`\n    <!-- rse:matrix -->"
    context = ctx(site, "pillars")
    context = dataclasses.replace(context, page=dataclasses.replace(context.page, markers=("matrix",)))
    out = render.fill_markers(text, context).html
    assert out.count("rse:matrix") == 2  # inline and indented code: text, not markers


@pytest.mark.parametrize("text, expected, found", [
    ("<!-- rse:matrix -->\n\n<!-- rse:matrix -->" * 500, "expected each marker once per page", "found it a second time"),
    ("<!-- rse:matrix -->\n\n<!-- rse:nope -->", "expected a known marker", "found 'rse:nope'"),
    ("<!-- rse:matrix -->\n\n<!-- rse:claims -->", "expected no 'rse:claims' marker on a page of kind 'pillars'", "found the marker"),
    ("```\n<!-- rse:matrix -->\n```", "expected a marker on a line of its own", "found a marker that Markdown reads as code or text"),
])
def test_markers_are_counted_where_they_are_expanded(text, expected, found):
    """Issue 19: the code that expands the markers refuses them, before rendering any more (a page of a
    thousand markers hidden from the source checks costs nothing). The page's markers are those the
    source checks found (here: one matrix)."""
    context = ctx(make_site(), "pillars")
    context = dataclasses.replace(context, page=dataclasses.replace(context.page, markers=("matrix",)))
    text = text.replace("```\n<!-- rse:matrix -->\n```", "    <!-- rse:matrix -->")  # indented: code for Markdown
    with pytest.raises(ContentError) as exc_info:
        render.fill_markers(text, context)
    assert expected in str(exc_info.value) and found in str(exc_info.value)


# --- escaping ------------------------------------------------------------------------------------

def all_fragments(site: Site, lang: str = "en") -> dict[str, str]:
    out = {}
    for page in site.of(lang).values():
        for marker in page.markers:
            out[f"{page.id}:{marker}"] = render.render_marker(marker, ctx(site, page.id, lang)).html
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_front_matter_text_is_escaped_in_every_fragment(lang):
    site = make_site(lang, text=lambda s: f"{s} {EVIL}")
    fragments = all_fragments(site, lang)
    assert len(fragments) == 4 * 4 + 4  # every marker of every page kind above
    for name, html in fragments.items():
        doc = parse(html)
        assert doc.find("script") is None, name
        assert "<script>" not in html, name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, name
        assert EVIL in doc.get_text(), name
        # no attribute was broken open by the quotes: no stray attribute names, and an attribute
        # value carrying the text carries it whole
        for tag in doc.find_all(True):
            for attr, value in tag.attrs.items():
                assert re.fullmatch(r"[a-z][a-z-]*", attr) and attr not in {"quotes", "ampersands"}, (name, tag.name, attr)
                if isinstance(value, str) and "alert" in value:
                    assert EVIL in value, (name, attr, value)


def test_texts_round_trip_exactly():
    site = make_site(text=lambda s: EVIL)
    table = parse(render.comparison_table(ctx(site, "contrasts")))
    first = table.select_one("tbody tr td")
    assert first.get_text().strip().startswith(EVIL)
    link = table.select_one("tbody tr th a")
    assert EVIL in (link.get_text(), link.get("title"))
    index = parse(render.commentary_index(ctx(site, "commentary")))
    assert [p.get_text() for p in index.select(".rse-remark__text")] == [EVIL] * 4
