"""What the checks need to know about a project: its folders, languages and public addresses.

Read from mkdocs.yml as plain YAML (unknown tags such as ``!ENV`` are tolerated), so that
nothing here imports MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


from .. import languages
from ..public import directory_url
from ..site import split_name
from .. import mkdocsyml  # the one reader of mkdocs.yml (site_url is `!ENV [SITE_URL, placeholder]`)


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    languages: tuple[str, ...]
    default_language: str
    site_url: str
    markdown_extensions: tuple = ()  # mkdocs.yml's markdown_extensions: names, or {name: options}

    @classmethod
    def load(cls, root: Path) -> Project:
        root = Path(root).resolve()
        config = mkdocsyml.read(root / "mkdocs.yml")
        languages, default = mkdocsyml.languages(config)
        return cls(root=root, docs_dir=root / config.get("docs_dir", "docs"), languages=languages,
                   default_language=default, site_url=str(config.get("site_url") or "") or "/",
                   markdown_extensions=tuple(config.get("markdown_extensions") or ()))

    def markdown(self) -> tuple[list[str], dict]:
        """(extension names, their options) as Python-Markdown takes them."""
        names, options = [], {}
        for item in self.markdown_extensions:
            name, value = next(iter(item.items())) if isinstance(item, dict) else (item, None)
            names.append(name)
            if value:
                options[name] = value
        return names, options

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project root."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def prefix(self, lang: str) -> str:
        """'' for the default language, 'en/' for English."""
        return languages.root(lang, self.default_language)

    def pages(self) -> list[tuple[str, str, Path]]:
        """(base, lang, source file) of every page, e.g. ('contrastes/invitation', 'en', .../invitation.en.md)."""
        out = []
        for path in sorted(self.docs_dir.rglob("*.md")):
            named = split_name(path.relative_to(self.docs_dir).as_posix(), self.languages)
            if named:
                out.append((named[0], named[1], path))
        return out

    def address_of(self, base: str, lang: str) -> str:
        """Public address of a page: ('contrastes/invitation', 'en') -> '/en/contrastes/invitation/'."""
        return "/" + self.prefix(lang) + directory_url(base)

    def source_of(self) -> dict[str, Path]:
        """Public address -> source file."""
        return {self.address_of(base, lang): path for base, lang, path in self.pages()}
