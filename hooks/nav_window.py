"""Navigation of long sections, windowed on each page (a hook of its own: MkDocs navigation only).

See benchmarks/RESULTS.md for what it buys on large sites; sections of the real site are far
shorter than NAV_LONG, so it changes nothing there.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

import mkdocs_internals as internals
from rse import render


@event_priority(-200)
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    """The navigation as this page shows it (long sections windowed, see _nav_view)."""
    if context.get("nav") is None:
        return context
    lang = internals.current_language(internals.i18n(config))
    context["nav"] = _nav_view(context["nav"], page, render.ui_strings()[lang]["nav.all"])
    return context


_plan: tuple[int, "_NavPlan"] | None = None  # (id of the navigation, its plan) of the language being built


# Navigation of long sections. Every page carries the sidebar, so a section of n pages costs n
# links on each of its n pages: n x n, the main reason a large site built more slowly per page
# (and weighed more per page) as it grew. A section with more than NAV_LONG children shows, on
# each page, its index page, the NAV_WINDOW pages around the current one and a last link to the
# index, which lists every page of the section (comparison table, lists); previous/next links,
# tabs and the section index stay as they are. Sections of the real site are far shorter.
NAV_LONG = 24
NAV_WINDOW = 15


class _SectionView:
    """A section as one page shows it: the same object, fewer children."""

    def __init__(self, section: Section, children: list):
        self._section, self.children = section, children

    def __getattr__(self, name):
        return getattr(self._section, name)


class _NavView:
    """The site navigation as one page shows it."""

    def __init__(self, nav: Navigation, items: list):
        self._nav, self.items = nav, items

    def __getattr__(self, name):
        return getattr(self._nav, name)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class _NavPlan:
    """What windowing a navigation needs, worked out once per language build (not per page):
    the long sections (with their index page and the position of each child) and the sections
    that contain one."""

    def __init__(self, nav: Navigation):
        self.long: list[tuple[Section, Page, list, dict[int, int]]] = []
        self.ancestors: set[int] = set()

        def walk(items: list, ancestors: tuple) -> None:
            for item in items:
                if isinstance(item, Section):
                    walk(item.children, ancestors + (item,))
                    index = next((c for c in item.children if isinstance(c, Page) and c.is_index), None)
                    if len(item.children) > NAV_LONG and index is not None:
                        others = [c for c in item.children if c is not index]
                        self.long.append((item, index, others, {id(c): i for i, c in enumerate(others)}))
                        self.ancestors.update(id(a) for a in ancestors)

        walk(nav.items, ())


def _nav_view(nav, page: Page, all_label: str):
    global _plan
    if _plan is None or _plan[0] != id(nav):
        _plan = (id(nav), _NavPlan(nav))  # one navigation per language build, never accumulated
    plan = _plan[1]
    if not plan.long:
        return nav
    windows: dict[int, list] = {}
    for section, index, others, positions in plan.long:
        child = page  # the child of this section that is, or contains, the current page
        while child is not None and child.parent is not section:
            child = child.parent
        here = positions.get(id(child), 0) if child is not None else 0
        start = max(0, min(here - NAV_WINDOW // 2, len(others) - NAV_WINDOW))
        windows[id(section)] = [index, *others[start:start + NAV_WINDOW],
                                Link(all_label.format(n=len(section.children)), index.url)]

    def rebuild(items: list) -> list:
        out = []
        for item in items:
            if isinstance(item, Section) and (id(item) in windows or id(item) in plan.ancestors):
                children = windows.get(id(item), item.children)
                item = _SectionView(item, rebuild(children) if id(item) in plan.ancestors else children)
            out.append(item)
        return out

    return _NavView(nav, rebuild(nav.items))
