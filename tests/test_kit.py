"""Issue #5, without a browser: public addresses and QR codes (rse.public), the trainer's kit, the
glossary (rse.glossary), sharing metadata (rse.share), the offline archive's packing
(rse.offline), and what a reader gets in the built site's HTML."""

from __future__ import annotations

import dataclasses
import html
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from rse import glossary, kinds, markers, offline, render, share, typography
from rse import uistrings
from rse import public as kit  # public addresses and QR codes
from rse.errors import ContentError
from rse.public import Links, directory_url, print_hrefs, public_href, qr_svg
from rse.site import load_site
from rse.themetext import theme_text
from sitehtml import page_path

ROOT = Path(__file__).resolve().parents[1]
LINKS = Links(site_url="https://rse.example.org/", roots={"fr": "", "en": "en/"})
EVIL = '<script>alert(1)</script> "quotes" & ampersands'
KINDS = ("contrast", "approach", "pillar")


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "docs", ("fr", "en"), "fr")


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


# ---------------------------------------------------------------- addresses, QR codes, print links

@pytest.mark.parametrize("base,url", [("index", ""), ("contrastes/index", "contrastes/"),
                                      ("contrastes/invitation", "contrastes/invitation/")])
def test_directory_url(base, url):
    assert directory_url(base) == url


def test_public_addresses_per_language(site):
    invitation = site.page("en", "invitation")
    assert LINKS.address(invitation) == "https://rse.example.org/en/contrastes/invitation/"
    assert LINKS.address_of("fr", invitation.base) == "https://rse.example.org/contrastes/invitation/"
    assert LINKS.archive_url == "https://rse.example.org/rse-offline.zip"
    assert Links(site_url="https://h.example/sub").address_of("fr", "index") == "https://h.example/sub/"


def test_qr_code_is_inline_svg_hidden_from_assistive_technology():
    svg = qr_svg("https://rse.example.org/contrastes/invitation/")
    doc = parse(svg).svg
    assert doc["aria-hidden"] == "true" and doc["focusable"] == "false" and "viewbox" in doc.attrs
    assert "width" not in doc.attrs and "height" not in doc.attrs  # sized by CSS
    assert svg == qr_svg("https://rse.example.org/contrastes/invitation/")  # reproducible
    assert svg != qr_svg("https://rse.example.org/en/contrastes/invitation/")


@pytest.mark.parametrize("href,expected", [
    ("../../piliers/engagement/", "https://rse.example.org/en/piliers/engagement/"),
    ("../engagement.html", "https://rse.example.org/en/contrastes/engagement/"),  # offline copy
    ("../x/index.html#y", "https://rse.example.org/en/contrastes/x/#y"),
    ("https://hbr.org/a", "https://hbr.org/a"),
    ("#comparaison", None),
    ("mailto:someone@example.org", None),
])
def test_public_href(href, expected):
    assert public_href(href, "https://rse.example.org/en/contrastes/invitation/") == expected


def test_print_hrefs_skips_in_page_links_permalinks_and_links_that_show_their_address():
    html = ('<p><a href="../x/">x</a> <a class="headerlink" href="#h">¶</a> <a href="#h">h</a> '
            '<a href="https://a.example/">https://a.example/</a> <a href="../y/?a=1&amp;b=2">y</a> '
            f'<a href="https://a.example/b/c/">{render.breakable_address("https://a.example/b/c/")}</a></p>')
    doc = parse(print_hrefs(html, "https://rse.example.org/p/"))
    got = {a.get_text(): a.get("data-print-href") for a in doc.find_all("a")}
    assert got == {"x": "https://rse.example.org/x/", "¶": None, "h": None, "https://a.example/": None,
                   "y": "https://rse.example.org/y/?a=1&b=2", "https://a.example/b/c/": None}


def test_every_public_address_has_a_qr_image_name_of_its_own(site):
    """QR images are named by eight hex digits of their address's hash (bytes of the kit's first visit):
    no two addresses of the site, in either language, may share one."""
    addresses = {LINKS.address_of(lang, page.base) for lang in site.languages for page in site.of(lang).values()}
    assert len(addresses) > 50 and len({kit.qr_image_name(a) for a in addresses}) == len(addresses)
    assert re.fullmatch(r"qr-[0-9a-f]{8}\.svg", kit.qr_image_name("https://rse.example.org/"))


def test_addresses_shown_in_narrow_boxes_wrap_between_folders():
    """Cards, the trainer's kit and printed pages: a long address wraps after a '/', not inside a word."""
    shown = str(render.breakable_address("https://rse.example.org/en/contrastes/invitation/?a=1&b=<2>"))
    assert shown == "https://rse.example.org/<wbr>en/<wbr>contrastes/<wbr>invitation/<wbr>?a=1&amp;b=&lt;2&gt;"
    assert parse(shown).get_text() == "https://rse.example.org/en/contrastes/invitation/?a=1&b=<2>"
    assert str(render.breakable_address("https://rse.example.org")) == "https://rse.example.org"


# ---------------------------------------------------------------- markers and the trainer's kit

def test_trainer_and_glossary_markers():
    for kind in KINDS:
        assert markers.known(f"trainer-kit:{kind}")
    assert not markers.known("trainer-kit:remark")
    assert markers.known("glossary") and markers.known("offline-archive")
    assert markers.required_for("trainer", False) == {"trainer-kit:contrast", "trainer-kit:approach",
                                                      "trainer-kit:pillar", "offline-archive"}
    assert markers.required_for("glossary", False) == {"glossary"}


def kit_ctx(site, lang="fr", page_id="trainer"):
    return render.Context(site=site, lang=lang, page=site.page(lang, page_id), url_for=lambda i, a: f"/{i}/",
                          links=LINKS)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_trainer_kit_lists_every_page_of_a_kind_with_both_addresses(site, lang, kind):
    fragment = render.trainer_kit(kit_ctx(site, lang), kind)
    doc, files = parse(fragment.html), dict(fragment.files)
    pages = site.by_kind(lang, kind)
    cards = doc.select("article.rse-kit__item")
    assert [c["id"] for c in cards] == [f"kit-{p.id}" for p in pages]  # anchors trainers link to (anchors.txt)
    other = "en" if lang == "fr" else "fr"
    ui = uistrings.ui_strings()[lang]
    for card, page in zip(cards, pages):
        assert card.h3.get_text().rstrip("¶") == page.title
        assert card.select_one(".rse-kit__summary").get_text() == page.description
        addresses = [a["href"] for a in card.select("figcaption a")]
        assert addresses == [LINKS.address_of(lang, page.base), LINKS.address_of(other, page.base)]
        assert [f["data-lang"] for f in card.select("figure")] == [lang, other]
        # QR codes: lazily loaded image files beside the page, named after their address
        assert [img["src"] for img in card.select("figure img.rse-qr")] == [kit.qr_image_name(a) for a in addresses]
        assert all(img["loading"] == "lazy" and img["alt"] == "" for img in card.select("figure img.rse-qr"))
        assert [li.get_text() for li in card.select("ol.rse-questions li")] == list(page.questions)
        # the plan in brief: duration and group, then every step's minutes and title, in order
        plan = page.workshop
        assert card.select_one(".rse-kit__plan .rse-kit__label").get_text() == ui["kit.plan"].format(
            n=plan.duration, min=plan.group_min, max=plan.group_max)
        assert [li.get_text() for li in card.select(".rse-kit__plan ol.rse-kit__steps > li")] == [
            f"{step.minutes}\u00a0min {ui['workshop.break'] if step.is_break else step.title}" for step in plan.steps]
        assert card.h3.a["href"] == f"#{card.h3['id']}"  # a permalink, like Markdown headings
        assert set(files) >= {kit.qr_image_name(a) for a in addresses}  # the images, for the host to write
    # the text for slides: one plain-text file beside the page, linked from the kit
    slides = doc.select_one(".rse-kit__slides a")["href"]
    blocks = files[slides].strip().split("\n\n\n")
    assert len(blocks) == len(pages)
    for block, page in zip(blocks, pages):
        assert block.startswith(page.title + "\n" + page.description) and block.endswith(LINKS.address_of(lang, page.base))


def test_trainer_kit_escapes_front_matter(site):
    page = site.page("fr", "invitation")
    steps = (dataclasses.replace(page.workshop.steps[0], title=EVIL), *page.workshop.steps[1:])
    page = dataclasses.replace(page, title=EVIL, description=EVIL, questions=(EVIL,),
                               workshop=dataclasses.replace(page.workshop, steps=steps))
    evil_site = dataclasses.replace(site, pages={**site.pages, "fr": {**site.of("fr"), "invitation": page}})
    html, files = render.trainer_kit(kit_ctx(evil_site), "contrast")
    assert "<script>" not in html and html.count("&lt;script&gt;") >= 4  # title, summary, question, step
    slides = next(text for name, text in files if name.endswith(".txt"))
    assert EVIL in slides  # plain text, served as text/plain: kept as written
    entry = parse(html).select_one("#kit-invitation")
    assert entry.h3.get_text().rstrip("¶") == EVIL
    assert entry.select_one(".rse-kit__steps li").get_text() == f"{steps[0].minutes}\u00a0min {EVIL}"  # Step.title, whole


def test_offline_archive_and_print_address_fragments(site):
    published = dataclasses.replace(kit_ctx(site, "en"), links=dataclasses.replace(LINKS, archive=True))
    doc = parse(render.offline_archive(published))
    assert doc.a["href"] == "https://rse.example.org/rse-offline.zip"
    doc = parse(render.offline_archive(kit_ctx(site, "en")))  # a build without the archive: no dead link
    assert doc.a is None and "published with the online site" in doc.get_text()
    ctx = dataclasses.replace(kit_ctx(site, "en"), page=site.page("en", "invitation"))
    doc = parse(render.print_address(ctx))
    assert "https://rse.example.org/en/contrastes/invitation/" in doc.get_text()
    assert doc.div.has_attr("data-search-exclude") and doc.svg is not None


# ---------------------------------------------------------------- glossary

def test_glossary_parses_abbreviation_lines():
    text = "<!-- a comment\n over lines -->\n*[RSE]: réseau social d'entreprise {lang=fr}\n\n*[CC BY]: Creative Commons\n"
    entries = glossary.parse(text, "includes/glossary.en.md")
    assert entries == (glossary.Entry("RSE", "réseau social d'entreprise", "fr"), glossary.Entry("CC BY", "Creative Commons"))
    assert entries[1].anchor == "glossary-cc-by"
    assert glossary.as_abbreviations(entries, "en") == {"RSE": "réseau social d'entreprise", "CC BY": "Creative Commons"}


def test_french_tooltips_are_set_as_french_text():
    """A definition is a tooltip (an attribute): the typography of finished pages does not reach it."""
    entries = (glossary.Entry("CNIL", "l'autorité des données ; « déclaration » supprimée"),)
    assert glossary.as_abbreviations(entries, "fr") == {"CNIL": "l’autorité des données ; « déclaration » supprimée"}
    assert glossary.as_abbreviations(entries, "en") == {"CNIL": entries[0].definition}


def test_glossary_problems_name_the_file_and_the_line():
    with pytest.raises(ContentError) as err:
        glossary.parse("*[A]: a\nnot an entry\n*[A]: again\n", "includes/glossary.fr.md")
    assert [(p.file, p.line) for p in err.value.problems] == [("includes/glossary.fr.md", 2), ("includes/glossary.fr.md", 3)]
    assert "each term once (already defined on line 1)" in str(err.value)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_project_glossaries_cover_the_acronyms_used(lang):
    entries = glossary.load(ROOT, lang)
    terms = {e.term for e in entries}
    assert {"CNIL", "SaaS", "HBR"} <= terms and ("RSE" if lang == "fr" else "ESN") in terms
    html = render.glossary(render.Context(site=None, lang=lang, page=None, url_for=None, glossary=entries))
    assert [dt.get_text() for dt in parse(html).select("dt")] == [e.term for e in sorted(entries, key=lambda e: e.sort_key)]  # dictionary order


# ---------------------------------------------------------------- sharing metadata

def test_share_meta(site):
    page = site.page("en", "invitation")
    tags = {(a, k): v for a, k, v in share.meta(page, site, LINKS, site_name="S")}
    assert tags[("property", "og:url")] == "https://rse.example.org/en/contrastes/invitation/"
    assert tags[("property", "og:locale")] == "en_US" and tags[("property", "og:locale:alternate")] == "fr_FR"
    assert tags[("property", "og:title")] == page.title and tags[("property", "og:description")] == page.description
    assert tags[("name", "twitter:card")] == "summary"


# ---------------------------------------------------------------- the built site

def content_pages(site):
    return [(lang, page) for lang in site.languages for page in site.of(lang).values()]


def test_every_page_has_sharing_metadata_and_a_printable_address(built_site, site):
    for lang, page in content_pages(site):
        doc = BeautifulSoup(page_path(built_site, page.base, lang).read_text(encoding="utf-8"), "html.parser")
        meta = {m.get("property") or m.get("name"): m.get("content") for m in doc.find_all("meta")}
        where = (lang, page.base)
        assert meta["og:url"] == LINKS.address_of(lang, page.base), where
        # (French text readers see is typeset, rse.typography)
        shown = (lambda text: html.unescape(typography.french(str(theme_text(text))))) if lang == "fr" else str
        assert meta["og:title"] == shown(page.title) and meta["og:description"] == shown(page.description) == meta["description"], where
        assert meta["og:locale"] == share.og_locale(lang) and meta["twitter:card"] == "summary", where
        block = doc.select_one(".md-content .rse-print-address")
        if not kinds.KINDS[page.kind].printed_address:  # the card deck prints its cards only (rse-cards.css)
            assert block is None, where
            continue
        assert block is not None and LINKS.address_of(lang, page.base) in block.get_text(), where


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_published_kit_gives_every_plan_in_brief(built_site, site, lang):
    """Each entry of the trainer's kit as published: its page's plan, step by step, in brief (minutes
    and title, rse.model.Step.title), as the front matter has it, French typography applied."""
    doc = BeautifulSoup(page_path(built_site, "formateurs/index", lang).read_text(encoding="utf-8"), "html.parser")
    ui, shown = uistrings.ui_strings()[lang], typography.text_in(lang)
    pages = [page for kind in KINDS for page in site.by_kind(lang, kind)]
    entries = doc.select("article.rse-kit__item")
    assert [entry["id"] for entry in entries] == [f"kit-{page.id}" for page in pages] and len(pages) >= 14
    for entry, page in zip(entries, pages):
        steps = [li.get_text() for li in entry.select(".rse-kit__plan ol.rse-kit__steps > li")]
        assert steps == [shown(f"{step.minutes}\u00a0min {ui['workshop.break'] if step.is_break else step.title}")
                         for step in page.workshop.steps], (lang, page.id)
        assert sum(int(step.split("\u00a0")[0]) for step in steps) == page.workshop.duration


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_published_plan_names_its_steps_by_their_titles(built_site, site, lang):
    """The one-page plan (<page>atelier/) and the page's own workshop section give each step its
    title, in bold before what to do, as the front matter has it (a break: its label)."""
    ui, shown = uistrings.ui_strings()[lang], typography.text_in(lang)
    pages = [page for page in site.of(lang).values() if page.workshop is not None]
    assert len(pages) == 14
    for page in pages:
        want = [shown(ui["workshop.break"] if step.is_break else step.title) for step in page.workshop.steps]
        plan = BeautifulSoup(page_path(built_site, f"{page.base}/atelier", lang).read_text(encoding="utf-8"), "html.parser")
        rows = plan.select(".rse-plan__steps tbody tr")
        assert [(row.select_one("strong.rse-plan__name") or row.td).get_text() for row in rows] == want, (lang, page.id)
        named = [row for row in rows if row.select_one("strong.rse-plan__name")]
        assert all(row.select_one(".rse-plan__do > strong.rse-plan__name + .rse-plan__text") for row in named)  # the title, then what to do
        section = BeautifulSoup(page_path(built_site, page.base, lang).read_text(encoding="utf-8"), "html.parser")
        items = section.select(".rse-workshop__steps > li")
        assert [(li.select_one("strong.rse-workshop__name") or li.select_one(".rse-workshop__do")).get_text() for li in items] == want


BLOCK_STYLES = {  # a rule of each generated block's own stylesheet (rse.markers.Marker.css) -> the markers showing it
    ".rse-kit__item{": ("trainer-kit:contrast", "trainer-kit:approach", "trainer-kit:pillar"),
    ".rse-remark__head{": ("claims", "comparison-table", "commentary-index"),
    "td.rse-matrix__cell{": ("matrix",),
    "th[role=\"columnheader\"]{": ("comparison-table",),
    ".rse-commentary__where{": ("commentary-index",),
}


def test_a_generated_blocks_styles_reach_only_the_pages_that_show_it(built_site, site):
    """The trainer's kit's, the claims', the matrix's... rules are inlined into the pages holding their
    marker, screen and paper, and no longer in rse.css or print.css, which every first visit downloads."""
    for name in ("rse.css", "print.css"):
        served = (built_site / "assets" / name).read_text(encoding="utf-8")
        assert not re.search(r"rse-(kit|claim|remark|stance|badge|matrix|commentary|comparison)", served), name
    for lang, page in content_pages(site):
        text = page_path(built_site, page.base, lang).read_text(encoding="utf-8")
        inlined = " ".join(re.findall(r"<style>(.*?)</style>", text, re.S))
        for rule, showing in BLOCK_STYLES.items():
            assert (rule in inlined) == any(marker in page.markers for marker in showing), (lang, page.base, rule)
    kit = page_path(built_site, "formateurs/index", "fr").read_text(encoding="utf-8")
    assert kit.count(".rse-kit__item{") == 2  # on screen, and on paper (two a page), in one stylesheet for the three kinds


def test_every_heading_has_a_permalink_and_every_table_a_caption_and_headers(built_site, site):
    for lang, page in content_pages(site):
        doc = BeautifulSoup(page_path(built_site, page.base, lang).read_text(encoding="utf-8"), "html.parser")
        article = doc.select_one("article.md-content__inner")
        for heading in article.select("h2, h3, h4, h5, h6"):
            link = heading.select_one("a.headerlink")
            assert link is not None and link["href"] == f"#{heading['id']}", (lang, page.base, heading.get_text())
        for table in article.select("table"):
            assert table.caption and table.caption.get_text(strip=True), (lang, page.base)
            assert table.select("th[scope=col]") and table.select("th[scope=row]"), (lang, page.base)


def test_glossary_terms_become_tooltips_in_each_language(built_site):
    fr = BeautifulSoup(page_path(built_site, "contrastes/controle", "fr").read_text(encoding="utf-8"), "html.parser")
    en = BeautifulSoup(page_path(built_site, "contrastes/controle", "en").read_text(encoding="utf-8"), "html.parser")
    assert "libertés" in fr.select_one("article abbr").get("title", "")  # CNIL, in French
    assert en.select_one("article abbr").get("title", "").startswith("The French data protection authority")
    # every term can be reached from the keyboard (rse.css writes the definition out on focus)
    for doc in (fr, en):
        terms = doc.select("article abbr")
        assert terms and all(term.get("tabindex") == "0" and term.get("title") for term in terms)


def test_focusable_terms_only_touch_abbreviations():
    html = '<p><abbr title="a &quot;b&quot;">X</abbr> <a title="t">y</a> <abbr>Z</abbr></p>'
    assert glossary.focusable_terms(html) == '<p><abbr tabindex="0" title="a &quot;b&quot;">X</abbr> <a title="t">y</a> <abbr>Z</abbr></p>'


def test_french_passages_of_english_pages_are_marked(built_site):
    french = re.compile(r"[àâçéèêëîïôûùüÿœ]", re.I)
    for path in sorted((built_site / "en").rglob("*.html")):
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for text in doc.find_all(string=french):
            if text.parent.name in ("script", "style"):
                continue
            langs = [el.get("lang") for el in text.parents if getattr(el, "get", None) and el.get("lang")]
            assert langs and langs[0] == "fr", (path.relative_to(built_site).as_posix(), text.strip()[:80])


def test_offline_archive_is_reproducible(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("fr")
    (site / "en" / "index.html").write_text("en")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = offline.write_archive(site, tmp_path / "a" / "rse-offline.zip").read_bytes()
    second = offline.write_archive(site, tmp_path / "b" / "rse-offline.zip").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a" / "rse-offline.zip") as zf:
        assert sorted(zf.namelist()) == ["rse-offline/LISEZMOI-README.txt", "rse-offline/en/index.html",
                                         "rse-offline/index.html"]


# The one change made to the vendored shim (its header says why: no inline script for the
# Content-Security-Policy): (original, ours), each found once.
SHIM_CHANGES = [
    (b'"use strict";(()=>{function c(s,n){parent.postMessage(s,n||"*")}function d(...s){return s.reduce((n,e)=>n.then(()=>new '
     b'Promise(r=>{let t=document.createElement("script");t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())}var o=',
     b'"use strict";(()=>{var F=document.currentScript.src.replace(/shim\\.js([?#].*)?$/,"frame.js");var o='),
    (b'let r=document.createElement("iframe");r.hidden=!0,document.body.appendChild(this.iframe=r),this.w.document.open(),'
     b'this.w.document.write(`<html><body><script>postMessage=${c};importScripts=${d};addEventListener("error",({error})=>'
     b'{parent.dispatchEvent(new ErrorEvent("error",{filename:"${e}",error}))})<\\/script><script src=${e}?${+Date.now()}>'
     b'<\\/script></body></html>`)',
     b'let r=document.createElement("iframe");r.hidden=!0,r.setAttribute("data-url",e),document.body.appendChild(this.iframe=r),'
     b'this.w.document.open(),this.w.document.write(`<html><body><script src="${F}"><\\/script><script src=${e}?${+Date.now()}>'
     b'<\\/script></body></html>`)'),
]


def test_vendored_iframe_worker_is_the_published_file_with_its_one_change():
    """The shim is npm's file but for the change its header describes (SHIM_CHANGES): undone, it
    has the published file's checksum."""
    import hashlib

    text = (ROOT / "docs/assets/vendor/iframe-worker/shim.js").read_bytes()
    header, body = text.split(b"*/\n", 1)
    digest = re.search(rb"[0-9a-f]{64}", header).group(0).decode()
    for original, ours in SHIM_CHANGES:
        assert body.count(ours) == 1
        body = body.replace(ours, original)
    assert hashlib.sha256(body).hexdigest() == digest


def test_vendored_qrcode_generator_is_the_published_file_unchanged():
    """The diagnostic's QR encoder (loaded on demand only) is npm's qrcode-generator 2.0.4 file, byte
    for byte, under a header naming its origin, its licence (beside it) and the original's checksum."""
    import hashlib

    folder = ROOT / "docs/assets/vendor/qrcode-generator"
    header, body = (folder / "qrcode.js").read_bytes().split(b"*/\n", 1)
    assert b"qrcode-generator 2.0.4 (npm)" in header and b"MIT" in (folder / "LICENSE").read_bytes()
    digest = re.search(rb"[0-9a-f]{64}", header).group(0).decode()
    assert hashlib.sha256(body).hexdigest() == digest == "79ec86f82856005b1c887905cfccfcfbec3821ca61c7fd5a952faa5f778f791c"


def test_the_glossary_page_lists_terms_in_dictionary_order():
    from rse import glossary

    entries = glossary.parse("*[RSE]: a\n*[état]: b\n*[CNIL]: c\n*[Évolution]: d\n*[api]: e\n*[Forum]: f\n", "g.md")
    html = render.glossary(render.Context(site=None, lang="fr", page=None, url_for=None, glossary=entries))
    assert [dt.get_text() for dt in parse(html).select("dt")] == ["api", "CNIL", "état", "Évolution", "Forum", "RSE"]


def test_qr_image_files_are_standalone_svg():
    svg = kit.qr_image("https://rse.example.org/en/")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "aria-hidden" not in svg
