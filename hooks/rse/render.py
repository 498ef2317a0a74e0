"""Render generated content (HTML fragments) from validated data, through escaped templates."""

from __future__ import annotations


import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import jinja2
from markupsafe import Markup, escape

from . import typography
from . import markers as mk
from .kinds import DIAGNOSED, KINDS, LISTED, REGISTRY
from .uistrings import translator, ui_strings
from .errors import ContentError, Problem
from .glossary import Entry
from .public import Links, qr_image, qr_image_name, qr_svg
from .model import DatedEntry, PageData, Site

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "overrides" / "rse"

UrlFor = Callable[[str, str | None], str]  # (page id, anchor) -> href relative to the current page


def breakable_address(url: str) -> Markup:
    """An address to print or show in a narrow box, escaped, with a line-break opportunity after each
    '/' of its path (``<wbr>``): it wraps between 'contrastes/' and 'invitation/', not inside a word.
    The text is unchanged (copying it gives the address)."""
    text = str(url)
    start = text.find("/", text.find("://") + 3 if "://" in text else 0)  # the path's first '/'
    if start < 0:
        return escape(text)
    return escape(text[: start + 1]) + Markup("<wbr>") + Markup("/<wbr>").join(escape(p) for p in text[start + 1:].split("/"))


@lru_cache(maxsize=4)
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """Autoescaping, strict environment: every value from front matter is escaped."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["breakable"] = breakable_address
    return env


@dataclass(frozen=True)
class Context:
    """What a fragment needs to know about where it is rendered."""

    site: Site
    lang: str
    page: PageData
    url_for: UrlFor
    links: Links | None = None  # public addresses (trainer's kit, print); None: no absolute addresses
    glossary: tuple[Entry, ...] = ()  # this language's glossary (<!-- rse:glossary -->)

    @property
    def t(self) -> Callable[..., str]:
        return translator(self.lang)


class Fragment(NamedTuple):
    """What a marker renders: its HTML and the files it links to (QR code images, slide texts), as
    (name, text) pairs, for the host to write beside the page."""

    html: str
    files: tuple[tuple[str, str], ...] = ()


def _render(template: str, ctx: Context, **values) -> str:
    provenance = getattr(ctx.site, "provenance", {})  # (a glossary renders without a site)
    return environment().get_template(template).render(
        t=ctx.t, lang=ctx.lang, page=ctx.page, url_for=ctx.url_for, provenance=provenance, **values
    ).strip()


def claims(ctx: Context) -> str:
    page = ctx.page
    kind = KINDS[page.kind]
    if kind.sides:  # two sides face to face (rse.kinds.Kind.sides)
        sides = [(page.claim(side), ctx.t(f"side.{side}")) for side in kind.claims]
        return _render("comparison.html", ctx, sides=sides)
    items = [(claim, claim.label or (ctx.t(f"claim.{claim.key}") if claim.key in kind.claims else "")) for claim in page.claims]
    return _render("claims.html", ctx, items=items)


def questions(ctx: Context) -> str:
    return _render("list_of_texts.html", ctx, items=ctx.page.questions, css="rse-questions", ordered=True)


def signs(ctx: Context) -> str:
    return _render("list_of_texts.html", ctx, items=ctx.page.signs, css="rse-signs", ordered=False)


def relations(ctx: Context) -> str:
    page, site = ctx.page, ctx.site
    pages = site.of(ctx.lang)
    groups = []
    links = KINDS[page.kind].links
    if links:  # its own links to other kinds (rse.kinds.Link), headed 'relations.<field>'
        groups += [(ctx.t(f"relations.{link.field}"), [pages[i] for i in getattr(page, link.field)]) for link in links]
    else:
        groups.append((ctx.t("relations.answered_by"), site.pillars_answering(ctx.lang, page.id)))
    shown = {target.id for _, targets in groups for target in targets}
    related = [pages[i] for i in page.related if i not in shown]
    if related:
        groups.append((ctx.t("relations.related"), related))
    return _render("relations.html", ctx, groups=groups, since=_entries_on(ctx, page.id))


def _entries_on(ctx: Context, page_id: str) -> list[tuple[DatedEntry, str]]:
    """(entry, its address) of each dated entry of the history page that bears on a page."""
    return [(entry, ctx.url_for(owner.id, entry.id)) for owner, entry in ctx.site.entries_on(ctx.lang, page_id)]


def date_text(value: str, lang: str) -> str:
    """A date of the history page as a reader writes it: '25 juin 2012', 'June 2012', '2012'."""
    parts = value.split("-")
    months = ui_strings()[lang]["date.months"].split(",")
    if len(parts) == 1:
        return parts[0]
    month = months[int(parts[1]) - 1].strip()
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = str(int(parts[2]))
    return ui_strings()[lang]["date.first" if day == "1" else "date.full"].format(day=day, month=month, year=parts[0])


def _plan_href(ctx: Context, page_id: str) -> str:
    """Where a page's workshop plan is read: its one printable page, else the page's workshop section."""
    printable = ctx.site.plan_page(ctx.lang, page_id)
    return ctx.url_for(printable.id, None) if printable else ctx.url_for(page_id, WORKSHOP_ANCHOR)


DURATIONS = (60, 90, 120)  # the catalogue's choices of length ("at most ... minutes")


def catalogue(ctx: Context) -> str:
    """Every workshop plan (pages with a workshop, in reading order) with its length, group size,
    difficulty, preparation and the signs it answers, filterable by rse-catalogue.js."""
    site, lang = ctx.site, ctx.lang
    rows: list[dict] = []
    numbers: dict[str, int] = {}
    for kind in REGISTRY:
        for page in site.by_kind(lang, kind.name):
            if page.workshop is None:
                continue
            numbers[page.kind] = numbers.get(page.kind, 0) + 1
            rows.append({"page": page, "plan": page.workshop, "number": numbers[page.kind],
                         "href": _plan_href(ctx, page.id), "page_href": ctx.url_for(page.id, None)})
    difficulties = [d for d in ("easy", "moderate", "demanding") if any(r["plan"].difficulty == d for r in rows)]
    count = json.dumps({"all": ctx.t("catalogue.count.all"), "some": ctx.t("catalogue.count.some")}, ensure_ascii=False)
    return _render("catalogue.html", ctx, rows=rows, durations=DURATIONS, difficulties=difficulties, count=count)


def timeline(ctx: Context) -> str:
    """The history page's dated entries, oldest first, each with its sources and the pages it bears on."""
    pages = ctx.site.of(ctx.lang)
    entries = sorted(ctx.page.entries, key=lambda e: e.date)
    return _render("timeline.html", ctx, entries=entries, pages=pages, date=lambda v: date_text(v, ctx.lang))


def comparison_table(ctx: Context) -> str:
    """Every page whose claims are two sides (the contrasts), side by side."""
    rows = [p for kind in REGISTRY if kind.sides for p in ctx.site.by_kind(ctx.lang, kind.name)]
    return _render("comparison_table.html", ctx, rows=rows)


def matrix(ctx: Context) -> str:
    """Rows: the pages of the kind that links to others (the pillars); columns: the pages its links
    name, by link (the contrasts it addresses, then the approaches it answers)."""
    linking = next(kind for kind in REGISTRY if kind.links)
    targets = {link.field: ctx.site.by_kind(ctx.lang, link.target) for link in linking.links}
    return _render("matrix.html", ctx, pillars=ctx.site.by_kind(ctx.lang, linking.name),
                   contrasts=targets["addresses"], approaches=targets["answers"])


def commentary_index(ctx: Context) -> str:
    return _render("commentary_index.html", ctx, entries=ctx.site.all_remarks(ctx.lang))


def page_list(ctx: Context, kind: str) -> str:
    return _render("page_list.html", ctx, items=ctx.site.by_kind(ctx.lang, kind), kind=kind)


def _links(ctx: Context) -> Links:
    if ctx.links is None:
        raise ValueError("this marker needs the site's public addresses (Context.links)")
    return ctx.links


def slide_text(ctx: Context, page: PageData, address: str) -> str:
    """Plain text of one page for a slide: title, summary, questions, address."""
    lines = [page.title, page.description, ""]
    lines += [f"{i}. {q}" for i, q in enumerate(page.questions, start=1)]
    unknown = [] if _links(ctx).public else [ctx.t("address.unknown")]
    return "\n".join(lines + ["", *unknown, address])


def _qr_files(urls: list[str]) -> tuple[tuple[str, str], ...]:
    """The QR codes of ``urls`` as image files beside the page, (name, text), loaded when they come
    into view and when printing (first visit <= 80 KB); named by ``qr_image_name``."""
    return tuple({qr_image_name(url): qr_image(url) for url in urls}.items())


def trainer_kit(ctx: Context, kind: str) -> Fragment:
    """Every page of a kind: summary, public address in this language and its twins', QR codes,
    discussion questions and a plain-text version to paste into slides."""
    links, site = _links(ctx), ctx.site
    items: list[dict] = []
    addresses: list[str] = []  # of the pages and their twins: the QR codes
    for page in site.by_kind(ctx.lang, kind):
        address = links.address(page)
        twins = [(other, links.address_of(other, page.base)) for other in site.languages
                 if other != ctx.lang and site.by_base(other, page.base) is not None]
        items.append({"page": page, "address": address, "qr": qr_image_name(address), "plan_href": _plan_href(ctx, page.id),
                      "twins": [(other, url, qr_image_name(url)) for other, url in twins]})
        addresses += [address, *(url for _, url in twins)]
    # The same, as plain text to paste into slides: one file per kind, beside the page.
    slides = f"slides-{kind}.txt"
    text = "\n\n\n".join(slide_text(ctx, item["page"], item["address"]) for item in items) + "\n"
    html = _render("trainer_kit.html", ctx, items=items, kind=kind, slides=slides, public=links.public)
    return Fragment(html, (*_qr_files(addresses), (slides, text)))


WORKSHOP_ANCHOR = "atelier"  # the heading over <!-- rse:workshop --> on every contrast, approach and pillar page


def workshop(ctx: Context) -> str:
    """The page's session plan: duration, group, who to invite and not, materials, timed steps with
    what to say and watch for, pitfalls, the remote variant, the canvas, outputs, follow-up, and the
    variant for an organisation without a network yet; a link to its one-page printable plan."""
    printable = ctx.site.plan_page(ctx.lang, ctx.page.id)
    return _render("workshop.html", ctx, plan=ctx.page.workshop, plan_href=ctx.url_for(printable.id, None) if printable else None)


def plan(ctx: Context) -> Fragment:
    """A plan page: the workshop of the page it names (plan_of) on one printed page, with the QR
    code of its own public address."""
    links = _links(ctx)
    target = ctx.site.page(ctx.lang, ctx.page.plan_of)
    address = links.address(ctx.page)
    html = _render("plan.html", ctx, target=target, plan=target.workshop, address=address, qr=qr_image_name(address),
                   public=links.public, since=_entries_on(ctx, target.id))
    return Fragment(html, _qr_files([address]))


def _deck(ctx: Context) -> list[PageData]:
    """Every contrast, approach and pillar, in reading order: the cards and the diagnostic."""
    return [p for kind in LISTED for p in ctx.site.by_kind(ctx.lang, kind)]


CARDS_PER_SHEET = 4


def cards(ctx: Context) -> Fragment:
    """The card deck: per sheet of four, a page of fronts (label, summary, QR code of the page's
    public address) then a page of backs (its questions). rse-cards.css mirrors the backs so that each
    lands behind its front when printed double-sided, flipped on the long edge."""
    links = _links(ctx)
    numbers: dict[str, int] = {}
    items = []
    addresses: list[str] = []
    for page in _deck(ctx):
        numbers[page.kind] = numbers.get(page.kind, 0) + 1
        addresses.append(links.address(page))
        items.append({"page": page, "number": numbers[page.kind], "address": addresses[-1], "qr": qr_image_name(addresses[-1])})
    sheets = [items[i:i + CARDS_PER_SHEET] for i in range(0, len(items), CARDS_PER_SHEET)]
    html = _render("cards.html", ctx, sheets=sheets, public=links.public, count=len(items))
    return Fragment(html, _qr_files(addresses))


def diagnostic(ctx: Context) -> str:
    """The team diagnostic: a form with one checkbox per sign of every contrast and approach
    (a printable checklist without JavaScript), and the data rse-diagnostic.js needs to rank
    them and name the pillars that answer them (Site.pillars_answering, as the matrix), as JSON
    in an attribute of the form (autoescaped there): no script element in a page's body, which
    the sanitizer allows none of (rse.sanitize)."""
    site, lang, url_for = ctx.site, ctx.lang, ctx.url_for
    groups = [p for kind in DIAGNOSED for p in site.by_kind(lang, kind)]
    # Text the script writes into the page: typeset here (French spacing), since the build's
    # typography step does not look inside scripts.
    text = typography.text_in(lang)
    public = ctx.links.address if ctx.links else lambda p: None
    # A pillar's label and addresses (as linked, and public for print); a contrast's or approach's
    # label and links are read from its fieldset by the script: only what the page does not show.
    entry = lambda p: {"id": p.id, "label": text(p.label), "href": url_for(p.id, None), "print": public(p)}
    # Where the result is shared from: the page's public address (site_url + its path), whatever
    # the build (./dev serve, the offline copy from file://): the script adds the state (#s=...)
    # to it, for the address to copy, the printed one and the QR code.
    data = {
        "address": public(ctx.page),
        "anchor": WORKSHOP_ANCHOR,  # a page's workshop plan: its address + '#' + anchor
        "pages": [{"id": p.id, "pillars": [x.id for x in site.pillars_answering(lang, p.id)]} for p in groups],
        "pillars": [entry(p) for kind in REGISTRY if kind.links for p in site.by_kind(lang, kind.name)],
        "t": {key[len("diag.js."):]: text(value) for key, value in ui_strings()[lang].items() if key.startswith("diag.js.")},
    }
    return _render("diagnostic.html", ctx, groups=groups, data=json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                   anchor=WORKSHOP_ANCHOR)


def offline_archive(ctx: Context) -> str:
    """The download link of the offline copy, only in a build that publishes it (a link to a
    file that is not there would be a broken link); otherwise a sentence saying where it is."""
    links = _links(ctx)
    return _render("offline_archive.html", ctx, url=links.archive_url if links.archive else None)


def glossary(ctx: Context) -> str:
    return _render("glossary.html", ctx, entries=ctx.glossary)


def print_address(ctx: Context) -> str:
    """The page's own public address and its QR code, shown only on paper (print.css)."""
    links = _links(ctx)
    address = links.address_of(ctx.lang, ctx.page.base)
    return _render("print_address.html", ctx, address=address, qr=qr_svg(address), public=links.public)


def render_marker(name: str, ctx: Context) -> Fragment:
    """The fragment of a known marker: the renderer its row names (rse.markers.MARKERS)."""
    row, kind = mk.split(name)
    if row is None:
        raise ValueError(f"unknown marker {name!r}")
    if not row.render:  # a template alone: it reads what it shows from the site (site.by_kind(lang, ...))
        return Fragment(_render(row.template, ctx, site=ctx.site, kind=kind))
    renderer = globals()[row.render]
    out = renderer(ctx, kind) if row.per_kind else renderer(ctx)
    return out if isinstance(out, Fragment) else Fragment(out)  # most renderers link to no file: their HTML alone


def fill_markers(text: str, ctx: Context, line_of: Callable[[str], int | None] = lambda name: None) -> Fragment:
    """Replace every marker line of a text (Markdown or HTML) with its generated fragment, between
    blank lines: in Markdown, an HTML block of its own (see expand_markers)."""
    return expand_markers(text, ctx.page, lambda name: render_marker(name, ctx), line_of)


def expand_markers(text: str, page: PageData, render_one: Callable[[str], Fragment],
                   line_of: Callable[[str], int | None] = lambda name: None) -> Fragment:
    """Replace every marker line of a text with ``render_one(name)``'s HTML, between blank lines;
    the text and the files of every fragment.

    The markers are counted here, by the code that expands them, wherever they are (a marker the
    source checks took for code, or hid in raw HTML, is still one here): each must be known,
    allowed on the page (it has the data the marker shows), there once, and every marker the
    page's kind requires must be there. A problem stops before anything more is rendered (a page
    of a thousand markers costs nothing); ``line_of(name)`` locates it in the source."""
    allowed = mk.allowed_on(page)
    seen: set[str] = set()
    files: dict[str, str] = {}

    def expand(match: re.Match) -> str:
        name = match.group(1)
        found = mk.expansion_problem(name, seen, allowed, page.kind)
        if found is not None:
            expected, what = found
            raise ContentError([Problem(page.file, f"<!-- rse:{name} -->", expected, what, line=line_of(name))])
        seen.add(name)
        fragment = render_one(name)
        files.update(fragment.files)
        return "\n" + fragment.html + "\n"

    out = mk.MARKER_LINE.sub(expand, text)
    # The markers the checks found in the source (rse.markers.scan: required ones, twins) are
    # expanded, or Markdown read one of them as code: refused rather than left out.
    missing = [name for name in page.markers if name not in seen]
    if missing:
        name = missing[0]
        raise ContentError([Problem(page.file, f"<!-- rse:{name} -->", "a marker on a line of its own, outside code, where the generated "
                                    "content goes", "a marker that Markdown reads as code or text", line=line_of(name),
                                    hint="Put it on a line of its own, with blank lines around it, outside lists and code.")])
    return Fragment(out, tuple(files.items()))


_ID = re.compile(r'\sid="([^"]+)"')


def ids_in(html: str) -> set[str]:
    """Every element id in an HTML fragment (generated anchors one may link to)."""
    return set(_ID.findall(html))
