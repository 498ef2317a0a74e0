"""Navigation of long sections, as one page shows it: a window of pages around the current one.

Every page carries the sidebar, so a section of n pages costs n links on each of its n pages:
n x n, what made a large site build more slowly per page (and weigh more per page) as it grew.
A section with more than NAV_LONG children shows, on each page, its index page, the NAV_WINDOW
pages around the current one and a last link to the index, which lists every page of the
section (comparison table, lists); previous/next links, tabs and the section index stay as they
are. Sections of the real site are far shorter. Measured by ./dev bench (benchmarks/RESULTS.md).

Plain Python over any navigation tree whose sections have a ``children`` list and whose items
have a ``parent`` (MkDocs' ``Navigation``, ``Section``, ``Page``); the host gives the function
that makes a link. No MkDocs import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

NAV_LONG = 24
NAV_WINDOW = 15


def _is_section(item) -> bool:
    return isinstance(getattr(item, "children", None), list)


class SectionView:
    """A section as one page shows it: the same object, fewer children."""

    def __init__(self, section, children: list):
        self._section, self.children = section, children

    def __getattr__(self, name):
        return getattr(self._section, name)


class NavView:
    """The site navigation as one page shows it."""

    def __init__(self, nav, items: list):
        self._nav, self.items = nav, items

    def __getattr__(self, name):
        return getattr(self._nav, name)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class Plan:
    """What windowing a navigation needs, worked out once per language build (not per page): the
    long sections (with their index page and the position of each child) and the sections that
    contain one."""

    def __init__(self, items: list):
        self.long: list[tuple[Any, Any, list, dict[int, int]]] = []  # (section, index page, other children, positions)
        self.ancestors: set[int] = set()

        def walk(items: list, ancestors: tuple) -> None:
            for item in items:
                if _is_section(item):
                    walk(item.children, ancestors + (item,))
                    index = next((c for c in item.children if not _is_section(c) and getattr(c, "is_index", False)), None)
                    if len(item.children) > NAV_LONG and index is not None:
                        others = [c for c in item.children if c is not index]
                        self.long.append((item, index, others, {id(c): i for i, c in enumerate(others)}))
                        self.ancestors.update(id(a) for a in ancestors)

        walk(items, ())


def window(nav, plan: Plan, page, all_label: str, make_link: Callable[[str, str], object]):
    """``nav`` as ``page`` shows it (``nav`` itself when no section is long)."""
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
                                make_link(all_label.format(n=len(section.children)), index.url)]

    def rebuild(items: list) -> list:
        out = []
        for item in items:
            if _is_section(item) and (id(item) in windows or id(item) in plan.ancestors):
                children = windows.get(id(item), item.children)
                item = SectionView(item, rebuild(children) if id(item) in plan.ancestors else children)
            out.append(item)
        return out

    return NavView(nav, rebuild(nav.items))
