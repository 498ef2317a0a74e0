"""Write the pages of a project copy as the engine makes them, for the 'plain-baked' configuration.

    python benchmarks/bake.py PROJECT_DIR

Builds PROJECT_DIR once (with its hooks, into a temporary folder) and records, for each page, its
Markdown with every marker line replaced by the generated HTML and the print address first: what
rse.mdext hands to Python-Markdown. Then rewrites each page of PROJECT_DIR/docs as its front matter
and that Markdown. The benchmark builds the result with plain Material (no hooks, no overrides):
the same content as the project's pages, without the project's machinery. The difference between
that build and the project's is what the machinery costs; the difference between it and plain
Material on the docs as written is what the generated content itself costs to convert, index and
render.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main() -> int:
    project = Path(sys.argv[1]).resolve()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(project)
    sys.path.insert(0, str(project / "hooks"))
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from rse import frontmatter, mdext, render

    logging.basicConfig(level=logging.ERROR)
    baked: dict[str, str] = {}
    original = mdext._Markers.run

    def recording(self, lines: list[str]) -> list[str]:
        conversion = self.page()
        if conversion is not None and conversion.ctx.page.file not in baked:  # a file's own build comes first
            path = project / conversion.ctx.page.file
            source = frontmatter.parse(path.read_text(encoding="utf-8"), conversion.ctx.page.file)
            body = render.fill_markers(source.body, conversion.ctx).html
            baked[conversion.ctx.page.file] = f"---\n{source.front_matter}\n---\n{render.print_address(conversion.ctx)}\n\n{body}"
        return original(self, lines)

    mdext._Markers.run = recording  # type: ignore[method-assign]  # the point: each conversion goes through it
    with tempfile.TemporaryDirectory() as site:
        config = load_config(str(project / "mkdocs.yml"), site_dir=site, strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    for file, text in baked.items():
        (project / file).write_text(text, encoding="utf-8")
    print(f"bake: {len(baked)} pages written with their generated content")
    return 0 if baked else 1


if __name__ == "__main__":
    sys.exit(main())
