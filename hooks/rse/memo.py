"""Results computed from a file's text, kept while that text is unchanged.

One build of the site runs once per language, and ``mkdocs serve`` rebuilds everything at each
save; without this, every page's front matter would be parsed and validated again each time
(twice per build, and once more for the TODO scan). A ``FileMemo`` keeps, per (purpose, file), the
text it was computed from and the result (or the ContentError raised); a lookup with the same
text returns it, any other text recomputes. ``forget_others`` drops files that disappeared, so the
memo holds at most one entry per purpose and file of the current docs: it does not grow with
rebuilds.
"""

from __future__ import annotations

from typing import Callable, Iterable, TypeVar

from .errors import ContentError

T = TypeVar("T")


class FileMemo:
    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[str, bool, object]] = {}

    def get(self, purpose: str, file: str, text: str, compute: Callable[[], T]) -> T:
        key = (purpose, file)
        hit = self._entries.get(key)
        if hit is None or hit[0] != text:
            try:
                hit = (text, True, compute())
            except ContentError as exc:
                hit = (text, False, exc)
            self._entries[key] = hit
        if not hit[1]:
            raise ContentError(hit[2].problems)
        return hit[2]  # type: ignore[return-value]

    def forget_others(self, purpose: str, files: Iterable[str]) -> None:
        keep = set(files)
        for key in [k for k in self._entries if k[0] == purpose and k[1] not in keep]:
            del self._entries[key]

    def __len__(self) -> int:
        return len(self._entries)
