"""What the project's MkDocs adapters ask of mkdocs-static-i18n, in one place.

Not a hook (mkdocs.yml does not list it): the hooks import it, as they import the ``rse`` engine.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# Quiet the plugin's dump of each language's configuration ("Overriding 'en' config 'theme.palette'
# with '[{...}]'", INFO, every build): its warnings still show. (Port into the adapter.)
logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").setLevel(logging.WARNING)


def required(config: MkDocsConfig, hook: str):
    """The i18n plugin; a clear error naming ``hook`` when mkdocs.yml does not enable it."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError(f"{hook}: the mkdocs-static-i18n plugin ('i18n') must be enabled in mkdocs.yml")
    return plugin


def current_language(config: MkDocsConfig) -> str:
    """The language being built ('' without the i18n plugin: one language, caches keyed as such)."""
    plugin = config.plugins.get("i18n")
    return plugin.current_language if plugin is not None else ""
