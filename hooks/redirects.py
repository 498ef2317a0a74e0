"""MkDocs hook: write a redirect page for every line of redirects.yml, in each language.

The work (parse, check, HTML) is in ``rse.redirects``; this file only finds where to write.
Runs in on_post_build of each language build, before mkdocs-static-i18n (-100) starts the next one.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from rse import redirects
from rse.errors import ContentError


@event_priority(50)
def on_post_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent if config.config_file_path else Path(config.docs_dir).parent
    try:
        items = redirects.load(root)
    except ContentError as exc:
        raise PluginError(f"rse: {redirects.FILE_NAME} has {len(exc.problems)} problem(s):\n{exc}") from None
    i18n = config.plugins.get("i18n")
    lang = i18n.current_language if i18n else (config.theme.get("language") or "en")
    prefix = "" if i18n is None or lang == i18n.default_language else f"{lang}/"
    site_dir = Path(config.site_dir)
    base_url = (config.site_url or "/").rstrip("/") + "/"
    problems = []
    for item in items:
        old, new = prefix + item.old, prefix + item.new
        dest = site_dir / old / "index.html"
        if dest.exists() and redirects.MARK not in dest.read_text(encoding="utf-8", errors="replace"):
            problems.append(f"{redirects.FILE_NAME}:{item.line}: field '{item.old}': expected an address that no longer has a page; "
                            f"found the page /{old}. Remove this redirect, or move the page.")
            continue
        if not (site_dir / new.split("#", 1)[0] / "index.html").is_file():
            problems.append(f"{redirects.FILE_NAME}:{item.line}: field '{item.old}': expected a target address that exists; "
                            f"found /{new}, which the '{lang}' build does not have. Point it to an existing page.")
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(redirects.page(old, new, base_url + new, lang), encoding="utf-8")
    if problems:
        raise PluginError(f"rse: {redirects.FILE_NAME} has {len(problems)} problem(s):\n" + "\n".join(problems))
