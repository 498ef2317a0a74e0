"""Thin MkDocs adapter for the offline copy of the site (``RSE_OFFLINE=true``, see rse/offline.py).

Material's ``offline`` plugin (enabled in mkdocs.yml by ``RSE_OFFLINE``) turns directory URLs
off and inlines the search index into ``search/search_index.js`` so that search works from
``file://``. Two things it does not do on this site, done here:

- it would load the iframe-worker shim (Web Workers cannot start from file://) from a CDN: we
  ship the shim (docs/assets/vendor/iframe-worker/) and declare it first, so no request leaves
  the reader's computer;
- it inlines the index before hooks/i18n_site.py splits it into one index per language: after
  that split (priority -300 < -200), every language's index gets its ``search_index.js``;

Does nothing at all when the offline plugin is disabled (the normal build).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

from rse import offline

log = get_plugin_logger("offline_site")
SHIM = "assets/vendor/iframe-worker/shim.js"


def _enabled(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin is not None and plugin.config.enabled)


@event_priority(50)  # before the offline plugin's on_config, which adds the CDN shim if none is declared
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _enabled(config):
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [SHIM, *polyfills]
    return config


@event_priority(-300)  # after hooks/i18n_site.py has written one index per language
def on_post_build(config: MkDocsConfig) -> None:
    if not _enabled(config):
        return
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a nested language build: the outer build writes every index at its end
    written = offline.inline_search_indexes(Path(config.site_dir))
    log.debug(f"offline: search index inlined for file:// in {', '.join(map(str, written))}")

