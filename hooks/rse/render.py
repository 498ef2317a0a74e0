"""Render generated content (HTML fragments) from validated data, through escaped templates."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import jinja2

from . import yamlfile
from . import markers as mk
from .errors import ContentError, Problem
from .glossary import Entry
from .kit import Links, qr_image_name, qr_svg
from .model import PageData, Site

UI_PATH = Path(__file__).with_name("ui.yml")
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "overrides" / "rse"

UrlFor = Callable[[str, str | None], str]  # (page id, anchor) -> href relative to the current page


@lru_cache(maxsize=1)
def ui_strings() -> dict[str, dict[str, str]]:
    """Interface strings by language; every language must define every key."""
    data = yamlfile.load(UI_PATH.read_text(encoding="utf-8"))
    keys = {lang: set(table) for lang, table in data.items()}
    union = set().union(*keys.values())
    problems = [Problem(UI_PATH.name, f"{lang}.{key}", "a translation of every interface string", "nothing")
                for lang, have in keys.items() for key in sorted(union - have)]
    if problems:
        raise ContentError(problems)
    return data


@lru_cache(maxsize=4)
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """Autoescaping, strict environment: every value from front matter is escaped."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


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
    def t(self) -> Callable[[str], str]:
        table = ui_strings()[self.lang]
        return lambda key, **kw: table[key].format(**kw) if kw else table[key]


def _render(template: str, ctx: Context, **values) -> str:
    return environment().get_template(template).render(
        t=ctx.t, lang=ctx.lang, page=ctx.page, url_for=ctx.url_for, **values
    ).strip()


def claims(ctx: Context) -> str:
    page = ctx.page
    if page.kind == "contrast":
        sides = [(page.claim(side), ctx.t(f"side.{side}")) for side in ("personal", "enterprise")]
        return _render("comparison.html", ctx, sides=sides)
    labels = {"approach": ctx.t("claim.approach"), "pillar": ctx.t("claim.pillar")}
    items = [(claim, claim.label or labels.get(claim.key, "")) for claim in page.claims]
    return _render("claims.html", ctx, items=items)


def questions(ctx: Context) -> str:
    return _render("list_of_texts.html", ctx, items=ctx.page.questions, css="rse-questions", ordered=True)


def signs(ctx: Context) -> str:
    return _render("list_of_texts.html", ctx, items=ctx.page.signs, css="rse-signs", ordered=False)


def relations(ctx: Context) -> str:
    page, site = ctx.page, ctx.site
    pages = site.of(ctx.lang)
    groups = []
    if page.kind == "pillar":
        groups.append((ctx.t("relations.answers"), [pages[i] for i in page.answers]))
        groups.append((ctx.t("relations.addresses"), [pages[i] for i in page.addresses]))
    else:
        groups.append((ctx.t("relations.answered_by"), site.pillars_answering(ctx.lang, page.id)))
    shown = {target.id for _, targets in groups for target in targets}
    related = [pages[i] for i in page.related if i not in shown]
    if related:
        groups.append((ctx.t("relations.related"), related))
    return _render("relations.html", ctx, groups=groups)


def comparison_table(ctx: Context) -> str:
    rows = ctx.site.by_kind(ctx.lang, "contrast")
    return _render("comparison_table.html", ctx, rows=rows)


def matrix(ctx: Context) -> str:
    return _render("matrix.html", ctx, pillars=ctx.site.by_kind(ctx.lang, "pillar"),
                   contrasts=ctx.site.by_kind(ctx.lang, "contrast"), approaches=ctx.site.by_kind(ctx.lang, "approach"))


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
    return "\n".join(lines + ["", address])


def trainer_kit(ctx: Context, kind: str) -> str:
    """Every page of a kind: summary, public address in this language and its twins', QR codes,
    discussion questions and a plain-text version to paste into slides."""
    links, site = _links(ctx), ctx.site
    items = []
    for page in site.by_kind(ctx.lang, kind):
        address = links.address(page)
        twins = [(other, links.address_of(other, page.base)) for other in site.languages
                 if other != ctx.lang and site.by_base(other, page.base) is not None]
        # QR codes as image files next to the page (rse.kit.qr_images; the adapter writes them)
        items.append({"page": page, "address": address, "qr": qr_image_name(address),
                      "twins": [(other, url, qr_image_name(url)) for other, url in twins],
                      "slide": slide_text(ctx, page, address)})
    return _render("trainer_kit.html", ctx, items=items, kind=kind)


def offline_archive(ctx: Context) -> str:
    """The download link of the offline copy, only in a build that publishes it (a link to a
    file that is not there would be a broken link); otherwise a sentence saying where it is."""
    links = _links(ctx)
    return _render("offline_archive.html", ctx, url=links.archive_url if links.archive else None)


def glossary(ctx: Context) -> str:
    return _render("glossary.html", ctx, entries=ctx.glossary)


def print_address(ctx: Context) -> str:
    """The page's own public address and its QR code, shown only on paper (print.css)."""
    address = _links(ctx).address_of(ctx.lang, ctx.page.base)
    return _render("print_address.html", ctx, address=address, qr=qr_svg(address))


RENDERERS: dict[str, Callable[[Context], str]] = {
    "claims": claims,
    "questions": questions,
    "signs": signs,
    "relations": relations,
    "comparison-table": comparison_table,
    "matrix": matrix,
    "commentary-index": commentary_index,
    "glossary": glossary,
    "offline-archive": offline_archive,
}


def render_marker(name: str, ctx: Context) -> str:
    if name.startswith("list:"):
        return page_list(ctx, name[5:])
    if name.startswith("trainer-kit:"):
        return trainer_kit(ctx, name.partition(":")[2])
    return RENDERERS[name](ctx)


def fill_markers(html: str, ctx: Context) -> str:
    """Replace every marker in a page's HTML with its generated fragment."""
    return mk.MARKER_IN_HTML.sub(lambda m: render_marker(m.group(1), ctx), html)


def _templates_text() -> bytes:
    """The templates as Jinja will render them (it reloads an edited one, so this reads them
    at every build) and the interface strings as this process uses them."""
    parts = [repr(sorted(ui_strings().items())).encode("utf-8")]
    for path in sorted(TEMPLATES_DIR.rglob("*")):
        if path.is_file():
            parts.append(path.relative_to(TEMPLATES_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return b"\0".join(parts)


def site_fingerprint(site: Site, glossaries: dict[str, tuple[Entry, ...]]) -> str:
    """Every page's data in every language (titles, claims and relations of any page may appear
    on another) and the glossaries: computed once per build, shared by its languages."""
    h = hashlib.blake2b(digest_size=20)
    for part in (repr(sorted((code, sorted(pages.items())) for code, pages in site.pages.items())),
                 repr(sorted(site.missing.items())), repr(sorted(glossaries.items()))):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def inputs_fingerprint(site_print: str, lang: str, urls: dict[str, str], links: Links | None, engine: str,
                       site_name: str = "") -> str:
    """What a page's generated content depends on besides its own HTML and address: the pages'
    data and glossaries (``site_print``, from ``site_fingerprint``), the pages' addresses
    (``urls``: page id -> URL in this build), the public addresses, the site's name (sharing
    metadata), the templates and interface strings, and ``engine`` (the code that renders them).
    Two builds with the same fingerprint render the same HTML for the same page HTML at the same
    address."""
    h = hashlib.blake2b(digest_size=20)
    for part in (site_print, lang, engine, repr(sorted(urls.items())), repr(links), site_name):
        h.update(part.encode("utf-8") + b"\0")
    h.update(_templates_text())
    return h.hexdigest()


_ID = re.compile(r'\sid="([^"]+)"')


def ids_in(html: str) -> set[str]:
    """Every element id in an HTML fragment (generated anchors one may link to)."""
    return set(_ID.findall(html))
