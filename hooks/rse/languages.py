"""The site's languages and the one rule for where each lives: the default language at the
root (''), every other one in a folder of its code ('en/')."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


def root(lang: str, default: str) -> str:
    """The folder of a language, site-relative: '' for the default language, 'en/' otherwise."""
    return "" if lang == default else f"{lang}/"


@dataclass(frozen=True)
class Languages:
    default: str
    names: Mapping[str, str]  # every configured language, in order -> its name in that language
    built: tuple[str, ...] = ()  # the ones this build writes (all of them, or one for ./dev preview)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.names)

    def root(self, lang: str) -> str:
        return root(lang, self.default)

    @property
    def roots(self) -> dict[str, str]:
        return {lang: self.root(lang) for lang in self.codes}

    @property
    def prefixes(self) -> dict[str, str]:
        """The folder of each built language other than the default one."""
        return {lang: self.root(lang) for lang in self.built if lang != self.default}
